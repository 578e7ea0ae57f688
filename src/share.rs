//! A private share link: the answers in the URL fragment (never the query string, which reaches
//! server logs), compact and versioned.
//!
//! Layout, before base64url: version (1 byte), the fingerprint of the fact catalogue (2 bytes),
//! then per answer the fact index and its value, then a 16-bit checksum of all that precedes.
//! A link made for another catalogue, cut short, altered or hostile decodes to an error.

use crate::date::Date;
use crate::facts::{Facts, Value};
use crate::ruleset::{FactKind, FACTS, FACT_COUNT};

const VERSION: u8 = 1;

/// Why a link restores nothing.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ShareError {
    /// Not base64url, or too short to be a link.
    Malformed,
    /// Made by another version of the widget or its questions.
    Outdated,
    /// The checksum does not match: cut short or altered.
    Tampered,
    /// Well formed, but names a fact or answer that does not exist.
    Invalid,
}

/// A fingerprint of the fact catalogue (ids, kinds and options), so a link made for other
/// questions is refused instead of misread.
pub fn catalogue_fingerprint() -> u16 {
    let mut h: u32 = 0x811c_9dc5;
    let mut eat = |s: &str| {
        for b in s.bytes().chain([0]) {
            h = (h ^ u32::from(b)).wrapping_mul(0x0100_0193);
        }
    };
    for f in FACTS.iter() {
        eat(f.id);
        eat(match f.kind {
            FactKind::Bool => "b",
            FactKind::Enum => "e",
            FactKind::Set => "s",
            FactKind::Number => "n",
            FactKind::Date => "d",
        });
        for o in f.options {
            eat(o.id);
        }
    }
    (h ^ (h >> 16)) as u16
}

fn checksum(bytes: &[u8]) -> u16 {
    // Fletcher-16: enough to catch truncation and casual edits; this is not a signature.
    let (mut a, mut b) = (0u16, 0u16);
    for &x in bytes {
        a = (a + u16::from(x)) % 255;
        b = (b + a) % 255;
    }
    (b << 8) | a
}

/// Encodes the answers (host facts such as as_of are left out: the page sets them).
pub fn encode(facts: &Facts) -> String {
    let mut bytes = vec![VERSION];
    bytes.extend_from_slice(&catalogue_fingerprint().to_be_bytes());
    for (i, def) in FACTS.iter().enumerate() {
        let Some(value) = facts.get(i) else { continue };
        if def.host {
            continue;
        }
        bytes.push(i as u8);
        match value {
            Value::Bool(false) => bytes.push(0),
            Value::Bool(true) => bytes.push(1),
            Value::Unsure => bytes.push(2),
            Value::Enum(o) => bytes.push(o),
            Value::Set(mask) => bytes.extend_from_slice(&mask.to_be_bytes()),
            Value::Number(n) => bytes.extend_from_slice(&n.to_bits().to_be_bytes()),
            Value::Date(d) => bytes.extend_from_slice(&d.packed().to_be_bytes()),
            Value::NotYet => bytes.extend_from_slice(&0u32.to_be_bytes()),
        }
    }
    let sum = checksum(&bytes);
    bytes.extend_from_slice(&sum.to_be_bytes());
    base64url(&bytes)
}

/// Decodes a link's payload. Never panics, whatever the input.
pub fn decode(text: &str) -> Result<Facts, ShareError> {
    let bytes = from_base64url(text).ok_or(ShareError::Malformed)?;
    if bytes.len() < 5 {
        return Err(ShareError::Malformed);
    }
    if bytes[0] != VERSION || bytes[1..3] != catalogue_fingerprint().to_be_bytes() {
        return Err(ShareError::Outdated);
    }
    let (body, sum) = bytes.split_at(bytes.len() - 2);
    if checksum(body) != u16::from_be_bytes([sum[0], sum[1]]) {
        return Err(ShareError::Tampered);
    }
    let mut facts = Facts::default();
    let mut rest = &body[3..];
    let take = |n: usize, rest: &mut &[u8]| -> Result<Vec<u8>, ShareError> {
        if rest.len() < n {
            return Err(ShareError::Invalid);
        }
        let (head, tail) = rest.split_at(n);
        *rest = tail;
        Ok(head.to_vec())
    };
    let mut last: Option<usize> = None;
    while !rest.is_empty() {
        let index = usize::from(take(1, &mut rest)?[0]);
        // Facts come in catalogue order, each once.
        if index >= FACT_COUNT || last.is_some_and(|l| index <= l) || FACTS[index].host {
            return Err(ShareError::Invalid);
        }
        last = Some(index);
        let def = &FACTS[index];
        let value = match def.kind {
            FactKind::Bool => match take(1, &mut rest)?[0] {
                0 => Value::Bool(false),
                1 => Value::Bool(true),
                2 => Value::Unsure,
                _ => return Err(ShareError::Invalid),
            },
            FactKind::Enum => {
                let o = take(1, &mut rest)?[0];
                if usize::from(o) >= def.options.len() {
                    return Err(ShareError::Invalid);
                }
                Value::Enum(o)
            }
            FactKind::Set => {
                let b = take(4, &mut rest)?;
                let mask = u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
                if def.options.len() < 32 && mask >> def.options.len() != 0 {
                    return Err(ShareError::Invalid);
                }
                Value::Set(mask)
            }
            FactKind::Number => {
                let b = take(8, &mut rest)?;
                let n = f64::from_bits(u64::from_be_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]));
                if !n.is_finite() || n < 0.0 {
                    return Err(ShareError::Invalid);
                }
                Value::Number(n)
            }
            FactKind::Date => {
                let b = take(4, &mut rest)?;
                match u32::from_be_bytes([b[0], b[1], b[2], b[3]]) {
                    0 if def.not_yet => Value::NotYet,
                    packed => {
                        let d = Date::from_packed(packed);
                        Value::Date(Date::new(d.year(), d.month(), d.day()).ok_or(ShareError::Invalid)?)
                    }
                }
            }
        };
        facts.set(index, Some(value));
    }
    Ok(facts)
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

fn base64url(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 4 / 3 + 3);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

fn from_base64url(text: &str) -> Option<Vec<u8>> {
    if text.len() > 4096 || text.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let digits: Option<Vec<u32>> =
        text.bytes().map(|c| ALPHABET.iter().position(|&a| a == c).map(|p| p as u32)).collect();
    for chunk in digits?.chunks(4) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, &d)| n | d << (18 - 6 * i));
        for i in 0..chunk.len() - 1 {
            out.push((n >> (16 - 8 * i)) as u8);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ruleset::fact;

    fn sample() -> Facts {
        let mut f = Facts::default();
        f.set(fact::SUBJECT, Some(Value::Enum(0)));
        f.set(fact::INFERS_OUTPUTS, Some(Value::Bool(true)));
        f.set(fact::OUTPUT_USED_IN_EU, Some(Value::Unsure));
        f.set(fact::ROLES, Some(Value::Set(0b10)));
        f.set(fact::GPAI_TRAINING_FLOP, Some(Value::Number(3e25)));
        f.set(fact::PLACED_ON_MARKET_ON, Some(Value::NotYet));
        f
    }

    #[test]
    fn round_trips_and_leaves_out_host_facts() {
        let mut facts = sample();
        assert_eq!(decode(&encode(&facts)), Ok(facts));
        facts.set(fact::PLACED_ON_MARKET_ON, Some(Value::Date(Date::parse("2025-03-01").unwrap())));
        facts.set(fact::AS_OF, Some(Value::Date(Date::parse("2026-11-22").unwrap())));
        let back = decode(&encode(&facts)).unwrap();
        assert_eq!(back.get(fact::PLACED_ON_MARKET_ON), facts.get(fact::PLACED_ON_MARKET_ON));
        assert_eq!(back.get(fact::AS_OF), None);
        assert!(encode(&facts).len() < 60, "compact: {}", encode(&facts));
    }

    #[test]
    fn refuses_truncated_tampered_outdated_and_hostile_links() {
        let link = encode(&sample());
        assert!(decode(&link[..link.len() - 3]).is_err());
        let mut bytes = from_base64url(&link).unwrap();
        bytes[5] ^= 1;
        assert_eq!(decode(&base64url(&bytes)), Err(ShareError::Tampered));
        bytes[5] ^= 1;
        bytes[0] = 9;
        assert_eq!(decode(&base64url(&bytes)), Err(ShareError::Outdated));
        for hostile in ["", "<script>alert(1)</script>", "AAAA", "////", "%00", &"A".repeat(5000)] {
            assert!(decode(hostile).is_err(), "{hostile}");
        }
    }
}
