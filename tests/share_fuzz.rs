//! Fuzzes the share-link decoder: a million hostile inputs, none may panic, and no input that
//! decodes may carry anything but well-formed answers.
#![cfg(not(target_arch = "wasm32"))]

use ai_act_check::facts::{Facts, Value};
use ai_act_check::ruleset::{fact, FACTS};
use ai_act_check::share::{decode, encode};
use proptest::prelude::*;

fn valid_link() -> String {
    let mut f = Facts::default();
    f.set(fact::SUBJECT, Some(Value::Enum(0)));
    f.set(fact::INFERS_OUTPUTS, Some(Value::Bool(true)));
    f.set(fact::ROLES, Some(Value::Set(0b11)));
    f.set(fact::ANNEX_III_USES, Some(Value::Set(1 << 8)));
    encode(&f)
}

/// Every decoded answer fits its fact (the decoder would otherwise feed the engine garbage).
fn well_formed(facts: &Facts) -> bool {
    FACTS.iter().enumerate().all(|(i, def)| match facts.get(i) {
        None => true,
        Some(Value::Enum(o)) => usize::from(o) < def.options.len(),
        Some(Value::Set(mask)) => def.options.len() >= 32 || mask >> def.options.len() == 0,
        Some(Value::Number(n)) => n.is_finite() && n >= 0.0,
        Some(_) => !def.host,
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500_000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(text in "[A-Za-z0-9_\\-=%<>/ ]{0,80}") {
        if let Ok(facts) = decode(&text) {
            prop_assert!(well_formed(&facts));
        }
    }

    #[test]
    fn mutated_links_never_panic(edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..4), cut in any::<prop::sample::Index>()) {
        let mut bytes = valid_link().into_bytes();
        for (at, b) in edits {
            let i = at.index(bytes.len());
            bytes[i] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"[usize::from(b) % 64];
        }
        bytes.truncate(cut.index(bytes.len() + 1));
        let text = String::from_utf8(bytes).unwrap();
        if let Ok(facts) = decode(&text) {
            prop_assert!(well_formed(&facts));
        }
    }
}
