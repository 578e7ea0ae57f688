//! A small JSON writer for the assessment and the facts: the same code natively and in the
//! browser, without a serialisation framework in the WebAssembly.

/// Writes one JSON value into a string; commas and escaping are its business.
#[derive(Default)]
pub struct JsonWriter {
    out: String,
    /// Per open container: whether the next item needs a comma.
    comma: Vec<bool>,
    /// A key was just written: the next value completes its member.
    after_key: bool,
}

impl JsonWriter {
    pub fn new() -> JsonWriter {
        JsonWriter::default()
    }

    pub fn finish(self) -> String {
        self.out
    }

    fn item(&mut self) {
        if let Some(comma) = self.comma.last_mut() {
            if *comma {
                self.out.push(',');
            }
            *comma = true;
        }
    }

    pub fn begin_object(&mut self) -> &mut Self {
        self.value_prefix();
        self.out.push('{');
        self.comma.push(false);
        self
    }

    pub fn end_object(&mut self) -> &mut Self {
        self.comma.pop();
        self.out.push('}');
        self
    }

    pub fn begin_array(&mut self) -> &mut Self {
        self.value_prefix();
        self.out.push('[');
        self.comma.push(false);
        self
    }

    pub fn end_array(&mut self) -> &mut Self {
        self.comma.pop();
        self.out.push(']');
        self
    }

    /// The key of the next member of an object.
    pub fn key(&mut self, key: &str) -> &mut Self {
        self.item();
        escape(&mut self.out, key);
        self.out.push(':');
        self.after_key = true;
        self
    }

    pub fn string(&mut self, value: &str) -> &mut Self {
        self.value_prefix();
        escape(&mut self.out, value);
        self
    }

    pub fn bool(&mut self, value: bool) -> &mut Self {
        self.value_prefix();
        self.out.push_str(if value { "true" } else { "false" });
        self
    }

    pub fn null(&mut self) -> &mut Self {
        self.value_prefix();
        self.out.push_str("null");
        self
    }

    pub fn uint(&mut self, value: u64) -> &mut Self {
        self.value_prefix();
        self.out.push_str(&value.to_string());
        self
    }

    /// A number already written in JSON syntax.
    pub fn raw_number(&mut self, text: &str) -> &mut Self {
        self.value_prefix();
        self.out.push_str(text);
        self
    }

    pub fn strings<'a>(&mut self, items: impl IntoIterator<Item = &'a str>) -> &mut Self {
        self.begin_array();
        for item in items {
            self.string(item);
        }
        self.end_array()
    }

    fn value_prefix(&mut self) {
        if !std::mem::take(&mut self.after_key) {
            self.item();
        }
    }
}

fn escape(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::JsonWriter;

    #[test]
    fn writes_nested_values_with_commas_and_escapes() {
        let mut w = JsonWriter::new();
        w.begin_object();
        w.key("a").string("x\"y\n");
        w.key("b").begin_array().uint(1).bool(false).null().end_array();
        w.key("c").begin_object().key("d").strings(["e", "f"]).end_object();
        w.key("e").begin_array().end_array();
        w.end_object();
        let text = w.finish();
        assert_eq!(text, r#"{"a":"x\"y\n","b":[1,false,null],"c":{"d":["e","f"]},"e":[]}"#);
        let parsed: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(parsed["c"]["d"][1], "f");
    }
}
