//! The visitor's answers: one value per fact of the ruleset, unknown until answered.

use crate::date::Date;
#[cfg(not(target_arch = "wasm32"))]
use crate::ruleset::FactKind;
use crate::ruleset::{FACTS, FACT_COUNT};
#[cfg(not(target_arch = "wasm32"))]
use serde_json::{Map, Value as Json};
use std::fmt;

/// One answer, already checked against its fact's type and options.
#[derive(Clone, Copy, PartialEq, Debug)]
pub enum Value {
    Bool(bool),
    /// "unsure": read as the fact's conservative value and listed under assumptions.
    Unsure,
    /// The index of the chosen option.
    Enum(u8),
    /// One bit per chosen option.
    Set(u32),
    Number(f64),
    Date(Date),
    /// A date fact answered "not_yet" (not yet placed on the market).
    NotYet,
}

/// The answers given so far.
#[derive(Clone, Copy, PartialEq, Debug)]
pub struct Facts {
    values: [Option<Value>; FACT_COUNT],
}

impl Default for Facts {
    fn default() -> Self {
        Facts { values: [None; FACT_COUNT] }
    }
}

/// An answer that does not fit its fact, named so the visitor or the file's author can fix it.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct FactError {
    pub fact: String,
    pub message: String,
}

impl fmt::Display for FactError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "fact '{}': {}", self.fact, self.message)
    }
}

impl std::error::Error for FactError {}

impl Facts {
    pub fn get(&self, fact: usize) -> Option<Value> {
        self.values[fact]
    }

    pub fn set(&mut self, fact: usize, value: Option<Value>) {
        self.values[fact] = value;
    }

    /// Facts answered so far, as a bit mask over fact indices.
    pub fn answered(&self) -> u64 {
        self.values.iter().enumerate().filter(|(_, v)| v.is_some()).fold(0, |m, (i, _)| m | 1 << i)
    }

    /// Keeps only the facts in `mask`.
    pub fn retain(&mut self, mask: u64) {
        for (i, v) in self.values.iter_mut().enumerate() {
            if mask & (1 << i) == 0 {
                *v = None;
            }
        }
    }

    /// The facts object of the contract as JSON text, answered facts only, in catalogue order;
    /// the same natively and in the browser.
    pub fn to_json_string(&self) -> String {
        let mut w = crate::json::JsonWriter::new();
        w.begin_object();
        for (i, v) in self.values.iter().enumerate() {
            let Some(v) = v else { continue };
            let def = &FACTS[i];
            w.key(def.id);
            match *v {
                Value::Bool(b) => {
                    w.bool(b);
                }
                Value::Unsure => {
                    w.string("unsure");
                }
                Value::Enum(o) => {
                    w.string(def.options[o as usize].id);
                }
                Value::Set(mask) => {
                    w.strings(def.options.iter().enumerate().filter(|(o, _)| mask & (1 << o) != 0).map(|(_, o)| o.id));
                }
                Value::Number(n) => {
                    w.raw_number(&scientific(n));
                }
                Value::Date(d) => {
                    w.string(&d.to_string());
                }
                Value::NotYet => {
                    w.string("not_yet");
                }
            }
        }
        w.end_object();
        w.finish()
    }

    /// Parses a facts object (`{"subject": "ai_system", ...}`), as the contract defines it.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn from_json(json: &Json) -> Result<Facts, FactError> {
        let object = json
            .as_object()
            .ok_or_else(|| FactError { fact: String::new(), message: "the facts must be a JSON object".into() })?;
        let mut facts = Facts::default();
        for (id, value) in object {
            let index = crate::ruleset::fact_index(id)
                .ok_or_else(|| FactError { fact: id.clone(), message: "no such fact in the contract".into() })?;
            facts.values[index] = Some(parse_value(index, value)?);
        }
        Ok(facts)
    }

    #[cfg(not(target_arch = "wasm32"))]
    pub fn from_json_str(text: &str) -> Result<Facts, FactError> {
        let json: Json = serde_json::from_str(text)
            .map_err(|e| FactError { fact: String::new(), message: format!("not valid JSON: {e}") })?;
        Facts::from_json(&json)
    }

    #[cfg(not(target_arch = "wasm32"))]
    /// The facts object of the contract, answered facts only, in catalogue order.
    pub fn to_json(&self) -> Json {
        let mut map = Map::new();
        for (i, v) in self.values.iter().enumerate() {
            if let Some(v) = v {
                map.insert(FACTS[i].id.to_string(), value_json(i, *v));
            }
        }
        Json::Object(map)
    }
}

#[cfg(not(target_arch = "wasm32"))]
/// Parses one answer for fact `index`.
pub fn parse_value(index: usize, value: &Json) -> Result<Value, FactError> {
    let def = &FACTS[index];
    let fail = |message: String| FactError { fact: def.id.to_string(), message };
    match def.kind {
        FactKind::Bool => match value {
            Json::Bool(b) => Ok(Value::Bool(*b)),
            Json::String(s) if s == "unsure" => Ok(Value::Unsure),
            _ => Err(fail(format!("expected true, false or \"unsure\", found {value}"))),
        },
        FactKind::Enum => {
            let s = value.as_str().ok_or_else(|| fail(format!("expected one of {}, found {value}", options(index))))?;
            def.option_index(s)
                .map(|i| Value::Enum(i as u8))
                .ok_or_else(|| fail(format!("'{s}' is not one of {}", options(index))))
        }
        FactKind::Set => {
            let items = value
                .as_array()
                .ok_or_else(|| fail(format!("expected a list drawn from {}, found {value}", options(index))))?;
            let mut mask = 0u32;
            for item in items {
                let s = item.as_str().ok_or_else(|| fail(format!("expected option names, found {item}")))?;
                let i = def.option_index(s).ok_or_else(|| fail(format!("'{s}' is not one of {}", options(index))))?;
                mask |= 1 << i;
            }
            Ok(Value::Set(mask))
        }
        FactKind::Number => match value.as_f64() {
            Some(n) if n.is_finite() && n >= 0.0 => Ok(Value::Number(n)),
            _ => Err(fail(format!("expected a non-negative number, found {value}"))),
        },
        FactKind::Date => {
            let s = value.as_str().ok_or_else(|| fail(format!("expected a date YYYY-MM-DD, found {value}")))?;
            if def.not_yet && s == "not_yet" {
                return Ok(Value::NotYet);
            }
            Date::parse(s).map(Value::Date).ok_or_else(|| {
                let also = if def.not_yet { " or \"not_yet\"" } else { "" };
                fail(format!("'{s}' is not a calendar day YYYY-MM-DD{also}"))
            })
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
/// The contract's JSON form of one answer.
pub fn value_json(index: usize, value: Value) -> Json {
    let def = &FACTS[index];
    match value {
        Value::Bool(b) => Json::Bool(b),
        Value::Unsure => Json::String("unsure".into()),
        Value::Enum(i) => Json::String(def.options[i as usize].id.into()),
        Value::Set(mask) => Json::Array(
            def.options
                .iter()
                .enumerate()
                .filter(|(i, _)| mask & (1 << i) != 0)
                .map(|(_, o)| Json::String(o.id.into()))
                .collect(),
        ),
        Value::Number(n) => serde_json::Number::from_f64(n).map_or(Json::Null, Json::Number),
        Value::Date(d) => Json::String(d.to_string()),
        Value::NotYet => Json::String("not_yet".into()),
    }
}

/// A non-negative number in the form `3e25` (or `1500` below 10^6), written with integer
/// arithmetic only, so that no float formatter ships in the WebAssembly.
pub fn scientific(n: f64) -> String {
    if n < 1e6 && n.fract() == 0.0 {
        return (n as u64).to_string();
    }
    let mut exponent = n.log10().floor() as i32;
    let mut hundredths = (n / 10f64.powi(exponent) * 100.0).round() as u64;
    if hundredths >= 1000 {
        exponent += 1;
        hundredths /= 10;
    }
    let (whole, frac) = (hundredths / 100, hundredths % 100);
    let mantissa = match frac {
        0 => whole.to_string(),
        f if f % 10 == 0 => format!("{whole}.{}", f / 10),
        f => format!("{whole}.{f:02}"),
    };
    format!("{mantissa}e{exponent}")
}

/// `fact=value`, as the trace names the facts a conclusion used.
pub fn describe(index: usize, value: Value) -> String {
    let def = &FACTS[index];
    let shown = match value {
        Value::Bool(b) => b.to_string(),
        Value::Unsure => "unsure".to_string(),
        Value::Enum(i) => def.options[i as usize].id.to_string(),
        Value::Set(mask) => {
            let chosen: Vec<&str> =
                def.options.iter().enumerate().filter(|(i, _)| mask & (1 << i) != 0).map(|(_, o)| o.id).collect();
            format!("[{}]", chosen.join(","))
        }
        Value::Number(n) => scientific(n),
        Value::Date(d) => d.to_string(),
        Value::NotYet => "not_yet".to_string(),
    };
    format!("{}={shown}", def.id)
}

#[cfg(not(target_arch = "wasm32"))]
fn options(index: usize) -> String {
    FACTS[index].options.iter().map(|o| o.id).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::scientific;

    #[test]
    fn writes_numbers_without_a_float_formatter() {
        assert_eq!(scientific(3e25), "3e25");
        assert_eq!(scientific(2.5e23), "2.5e23");
        assert_eq!(scientific(1.234e24), "1.23e24");
        assert_eq!(scientific(9.999e24), "1e25");
        assert_eq!(scientific(1500.0), "1500");
        assert_eq!(scientific(0.0), "0");
    }
}
