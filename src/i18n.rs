//! One i18n layer for every user-facing string: the texts of `src/i18n/<lang>/*.toml`, checked
//! and compiled in by the build (every language has every English key, with the same
//! placeholders). Adding a language is adding a folder.

use crate::date::Date;
use crate::ruleset::{BUILTIN_TEXTS, LANGUAGE_CODES, TEXT_KEYS, TEXT_KEYS_HASH};
pub use crate::text_part::Part;

#[cfg(target_arch = "wasm32")]
thread_local! {
    /// Texts loaded at run time, by language index: which parts have arrived, and every key's
    /// text ("" until its part arrives).
    static LOADED: std::cell::RefCell<Vec<(u8, Vec<&'static str>)>> =
        std::cell::RefCell::new(vec![(0, Vec::new()); LANGUAGE_CODES.len()]);
    /// How many parts have arrived so far (see `Lang::texts`).
    static ARRIVED: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// How many language packs have arrived (always 0 in native tools, which have every text).
fn arrived() -> u32 {
    #[cfg(target_arch = "wasm32")]
    return ARRIVED.with(|a| a.get());
    #[cfg(not(target_arch = "wasm32"))]
    0
}

/// The text of key `i` in language `lang`, if it is at hand.
fn text(lang: usize, i: usize) -> Option<&'static str> {
    if lang == 0 && !BUILTIN_TEXTS[i].is_empty() {
        return Some(BUILTIN_TEXTS[i]);
    }
    #[cfg(not(target_arch = "wasm32"))]
    return crate::ruleset::PACK_TEXTS.get(lang.wrapping_sub(1)).map(|texts| texts[i]);
    #[cfg(target_arch = "wasm32")]
    return LOADED.with(|l| l.borrow()[lang].1.get(i).copied().filter(|t| !t.is_empty()));
}

/// The keys a part holds, in `TEXT_KEYS` order.
fn part_keys(part: Part) -> impl Iterator<Item = usize> {
    (0..TEXT_KEYS.len()).filter(move |&i| Part::of(TEXT_KEYS[i]) == part)
}

/// Installs a part of a language pack (a JSON file `ai-act-check language-packs` writes).
/// Refused when it was made for other texts than this build's.
#[cfg(target_arch = "wasm32")]
pub fn register_pack(code: &str, part: &str, hash: u32, pack: Vec<String>) -> bool {
    let (Some(lang), Some(part)) = (Lang::from_code(code), Part::from_id(part)) else {
        return false;
    };
    if hash != TEXT_KEYS_HASH || pack.len() != part_keys(part).count() || lang.has(part) {
        return false;
    }
    LOADED.with(|l| {
        let mut loaded = l.borrow_mut();
        let (parts, texts) = &mut loaded[lang.0];
        if texts.is_empty() {
            texts.resize(TEXT_KEYS.len(), "");
        }
        for (i, text) in part_keys(part).zip(pack) {
            texts[i] = Box::leak(text.into_boxed_str());
        }
        *parts |= part.bit();
    });
    ARRIVED.with(|a| a.set(a.get() + 1));
    true
}

/// A part of a language pack as JSON: `{"code", "name", "part", "hash", "texts"}`.
pub fn pack_json(lang: Lang, part: Part) -> Option<String> {
    let texts: Option<Vec<&str>> = part_keys(part).map(|i| text(lang.0, i)).collect();
    let mut w = crate::json::JsonWriter::new();
    w.begin_object();
    w.key("code").string(lang.code());
    w.key("name").string(lang.name());
    w.key("part").string(part.id());
    w.key("hash").uint(u64::from(TEXT_KEYS_HASH));
    w.key("texts").strings(texts?);
    w.end_object();
    Some(w.finish())
}

/// A language of the interface: its index in `LANGUAGE_CODES` (English is 0), and how many
/// language packs had arrived when the value was made. The second makes a `Lang` made after a
/// pack arrived unequal to one made before, so every component that shows texts renders again
/// when they arrive. Compare languages with `code()`.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct Lang(usize, u32);

impl Lang {
    pub const ENGLISH: Lang = Lang(0, 0);

    /// The language with this code (`de`, `de-AT` → `de`), if there is one.
    pub fn from_code(code: &str) -> Option<Lang> {
        let primary = code.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
        LANGUAGE_CODES.iter().position(|(c, _)| *c == primary).map(|i| Lang(i, arrived()))
    }

    /// The same language, as of the texts at hand now.
    pub fn now(self) -> Lang {
        Lang(self.0, arrived())
    }

    pub fn code(self) -> &'static str {
        LANGUAGE_CODES[self.0].0
    }

    pub fn name(self) -> &'static str {
        LANGUAGE_CODES[self.0].1
    }

    pub fn all() -> impl Iterator<Item = Lang> {
        let arrived = arrived();
        (0..LANGUAGE_CODES.len()).map(move |i| Lang(i, arrived))
    }

    /// Whether this language's interface and questions are at hand (built in, or loaded).
    pub fn is_loaded(self) -> bool {
        self.has(Part::Core)
    }

    /// Whether a part of this language's texts is at hand.
    pub fn has(self, part: Part) -> bool {
        #[cfg(not(target_arch = "wasm32"))]
        return {
            let _ = part; // native tools have every text
            self.0 < LANGUAGE_CODES.len()
        };
        #[cfg(target_arch = "wasm32")]
        return (self.0 == 0 && part_keys(part).all(|i| !BUILTIN_TEXTS[i].is_empty()))
            || LOADED.with(|l| l.borrow()[self.0].0 & part.bit() != 0);
    }

    /// The text for `key`. The build guarantees every key of the interface exists in every
    /// language; a key that does not exist shows itself, so a mistake is visible, not silent.
    /// A text whose part has not arrived yet is empty until it does (the widget asks for it
    /// and renders again), or English where English has it.
    pub fn t(self, key: &str) -> &'static str {
        match TEXT_KEYS.binary_search(&key) {
            Ok(i) => text(self.0, i).or_else(|| text(0, i)).unwrap_or(""),
            Err(_) => "⟨missing text⟩",
        }
    }

    pub fn has_key(self, key: &str) -> bool {
        TEXT_KEYS.binary_search(&key).is_ok()
    }

    /// The text for `key` with `{name}` placeholders filled in.
    pub fn f(self, key: &str, args: &[(&str, &str)]) -> String {
        fill(self.t(key), args)
    }

    /// A citation as this language writes it ("Annex I Section A 10" → "Anhang I Abschnitt A 10").
    /// The canonical form stays the key and the EUR-Lex anchor; only its words are translated.
    pub fn cite(self, citation: &str) -> String {
        if let Some(number) = citation.strip_prefix("Art. ") {
            return self.f("citation.article", &[("n", number)]);
        }
        let Some(rest) = citation.strip_prefix("Annex ") else {
            return citation.to_string();
        };
        let number = match rest.split_once(" Section ") {
            Some((numeral, section)) => format!("{numeral} {}", self.f("citation.section", &[("s", section)])),
            None => rest.to_string(),
        };
        self.f("citation.annex", &[("n", &number)])
    }

    /// A day as people write it in this language ("2 Dec 2027", "2. Dez. 2027").
    pub fn date(self, day: Date) -> String {
        let month = self.t(&format!("month.{}", day.month()));
        self.f("ui.date", &[("d", &day.day().to_string()), ("m", month), ("y", &day.year().to_string())])
    }
}

/// Replaces each `{name}` of `template` by its value.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match args.iter().find(|(n, _)| *n == name) {
                    Some((_, value)) => out.push_str(value),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// The article or annex a citation names, on EUR-Lex, in the visitor's language.
pub fn eur_lex_url(lang: Lang, citation: &str) -> String {
    let base = format!(
        "https://eur-lex.europa.eu/legal-content/{}/TXT/HTML/?uri=CELEX:32024R1689",
        lang.code().to_ascii_uppercase()
    );
    if let Some(rest) = citation.strip_prefix("Art. ") {
        let number: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
        format!("{base}#art_{number}")
    } else if let Some(rest) = citation.strip_prefix("Annex ") {
        let numeral: String = rest.chars().take_while(|c| matches!(c, 'I' | 'V' | 'X')).collect();
        format!("{base}#anx_{numeral}")
    } else {
        base
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn citations_read_in_the_language_and_stay_canonical_in_english() {
        for c in ["Art. 2(1)(c)", "Annex III 4(a)", "Annex I Section A 10", "Annex XIII"] {
            assert_eq!(Lang::ENGLISH.cite(c), c);
        }
        let de = Lang::from_code("de").unwrap();
        assert_eq!(de.cite("Annex I Section B 13"), "Anhang I Abschnitt B 13");
        assert_eq!(de.cite("Annex III 4(a)"), "Anhang III 4(a)");
        assert_eq!(de.cite("Art. 50(4)"), "Art. 50(4)");
    }

    #[test]
    fn fills_placeholders_and_keeps_unknown_ones() {
        assert_eq!(fill("from {date}", &[("date", "2 Dec 2027")]), "from 2 Dec 2027");
        assert_eq!(fill("{a} and {b}", &[("a", "x")]), "x and {b}");
        assert_eq!(fill("no { end", &[]), "no { end");
    }

    #[test]
    fn links_articles_and_annexes() {
        assert!(eur_lex_url(Lang::ENGLISH, "Art. 2(1)(c)").ends_with("/EN/TXT/HTML/?uri=CELEX:32024R1689#art_2"));
        assert!(eur_lex_url(Lang::ENGLISH, "Annex III 4(a)").ends_with("#anx_III"));
        assert!(eur_lex_url(Lang::ENGLISH, "Art. 4a").ends_with("#art_4a"));
    }

    #[test]
    fn the_parts_share_out_every_text_once() {
        let total: usize = Part::ALL.iter().map(|&p| part_keys(p).count()).sum();
        assert_eq!(total, TEXT_KEYS.len());
        assert_eq!(Part::of("fact.roles.text"), Part::Core);
        assert_eq!(Part::of("fact.roles.help"), Part::Details);
        assert_eq!(Part::of("obligation.ai_literacy"), Part::Details);
        assert_eq!(Part::of("map.fact.roles"), Part::Trainer);
        let de = Lang::from_code("de").unwrap();
        let pack = pack_json(de, Part::Core).unwrap();
        assert!(pack.starts_with(r#"{"code":"de","name":"Deutsch","part":"core","#), "{pack}");
        assert_eq!(Part::Details.file_name("de"), "de.details.json");
        assert_eq!(Lang::from_code("de-AT").map(Lang::code), Some("de"));
        assert_eq!(Lang::from_code("xx"), None);
    }
}
