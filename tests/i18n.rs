//! The 24 official languages: every text present in every language, no English left in a
//! translation, and the Act's defined terms used as each language's text of the Regulation
//! renders them (src/i18n/<code>/glossary.toml).

use ai_act_check::i18n::Lang;
use ai_act_check::ruleset::TEXT_KEYS;
use std::collections::BTreeMap;

/// The official languages of the Union (Regulation No 1/1958 as amended), by ISO 639-1 code.
const OFFICIAL: [&str; 24] = [
    "bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr", "hu", "it", "lt", "lv", "mt", "nl", "pl",
    "pt", "ro", "sk", "sl", "sv",
];

/// English function words no other official language writes as a word of its own.
const ENGLISH_ONLY: [&str; 20] = [
    "the", "and", "your", "you", "which", "whether", "with", "this", "that", "from", "must", "should", "shall",
    "their", "been", "does", "only", "when", "where", "what",
];

/// Words that stay as they are in every language: abbreviations and proper names.
const NAMES: [&str; 7] = ["art", "eur", "lex", "iso", "iec", "ce", "gdpr"];

fn words(text: &str) -> Vec<String> {
    // Placeholders are filled in by code; they are not words of the text.
    let mut plain = String::new();
    let mut in_placeholder = false;
    for c in text.chars() {
        match c {
            '{' => in_placeholder = true,
            '}' => in_placeholder = false,
            c if !in_placeholder => plain.push(c),
            _ => {}
        }
    }
    plain
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase().chars().map(without_greek_accent).collect())
        .collect()
}

/// Greek moves its accent as a word inflects (πάροχος, παρόχου): forms match without it.
fn without_greek_accent(c: char) -> char {
    match c {
        'ά' => 'α',
        'έ' => 'ε',
        'ή' => 'η',
        'ί' | 'ϊ' | 'ΐ' => 'ι',
        'ό' => 'ο',
        'ύ' | 'ϋ' | 'ΰ' => 'υ',
        'ώ' => 'ω',
        other => other,
    }
}

/// Whether consecutive words of `text` start with the words of one of the alternatives.
fn contains(text: &str, alternatives: &[String]) -> bool {
    let text = words(text);
    alternatives.iter().map(|a| words(a)).any(|pattern| {
        !pattern.is_empty()
            && text.windows(pattern.len()).any(|w| w.iter().zip(&pattern).all(|(word, start)| word.starts_with(start)))
    })
}

#[derive(serde::Deserialize)]
struct Glossary {
    term: BTreeMap<String, Term>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Term {
    article: String,
    term: String,
    #[serde(rename = "match")]
    matches: Vec<String>,
    #[serde(default)]
    avoid: Vec<String>,
}

fn glossary(code: &str) -> Glossary {
    let path = format!("{}/src/i18n/{code}/glossary.toml", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    toml::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn translations() -> impl Iterator<Item = Lang> {
    Lang::all().filter(|&l| l != Lang::ENGLISH)
}

#[test]
fn the_widget_speaks_the_24_official_languages() {
    let mut codes: Vec<&str> = Lang::all().map(Lang::code).collect();
    codes.sort();
    assert_eq!(codes, OFFICIAL);
    for lang in Lang::all() {
        assert!(!lang.name().is_empty());
        assert_eq!(Lang::from_code(&lang.code().to_uppercase()), Some(lang));
    }
    assert_eq!(Lang::from_code("pt-BR").map(Lang::code), Some("pt"));
    assert_eq!(Lang::from_code("ga-IE").map(Lang::code), Some("ga"));
    assert_eq!(Lang::from_code("no"), None);
}

#[test]
fn every_text_is_present_in_every_language() {
    for lang in Lang::all() {
        for key in TEXT_KEYS {
            let text = lang.t(key);
            assert!(!text.trim().is_empty() && text != "⟨missing text⟩", "{}: {key} is empty", lang.code());
        }
    }
}

#[test]
fn no_english_is_left_in_a_translation() {
    let mut problems = Vec::new();
    for lang in translations() {
        for key in TEXT_KEYS {
            let (text, english) = (lang.t(key), Lang::ENGLISH.t(key));
            let left: Vec<String> = words(text).into_iter().filter(|w| ENGLISH_ONLY.contains(&w.as_str())).collect();
            if !left.is_empty() {
                problems.push(format!("{}: {key} has the English words {left:?}", lang.code()));
            }
            // A single word may be the same in both ("No", "Date", "Profiling"); a phrase may not.
            let own_words = words(text)
                .into_iter()
                .filter(|w| !NAMES.contains(&w.as_str()) && !w.chars().all(|c| c.is_ascii_digit()));
            if text == english && own_words.count() >= 2 {
                problems.push(format!("{}: {key} is the English text", lang.code()));
            }
        }
    }
    assert!(problems.is_empty(), "{} untranslated texts:\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn every_translation_uses_its_glossary_terms() {
    let english = glossary("en");
    let mut problems = Vec::new();
    for lang in Lang::all() {
        let code = lang.code();
        let own = glossary(code);
        assert_eq!(
            own.term.keys().collect::<Vec<_>>(),
            english.term.keys().collect::<Vec<_>>(),
            "{code}: the glossary defines the same terms as English"
        );
        for (id, term) in &own.term {
            let en = &english.term[id];
            assert_eq!(term.article, en.article, "{code}: {id} is defined in {}", en.article);
            assert!(!term.term.trim().is_empty() && !term.matches.is_empty(), "{code}: {id} needs a term and forms");
            assert!(contains(&term.term, &term.matches), "{code}: {id}: '{}' is not among its own forms", term.term);
            for key in TEXT_KEYS {
                let text = lang.t(key);
                if contains(Lang::ENGLISH.t(key), &en.matches) && !contains(text, &term.matches) {
                    problems.push(format!("{code}: {key} says '{}' without the Act's '{}'", en.term, term.term));
                }
                if contains(text, &term.avoid) {
                    problems.push(format!("{code}: {key} renders '{}' as one of {:?}", en.term, term.avoid));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{} texts stray from the glossary:\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn the_glossary_check_catches_a_stray_term() {
    let forms = vec!["Betreiber".to_string()];
    assert!(contains("Pflichten des Betreibers", &forms));
    assert!(contains("Hochrisiko-KI-Systeme der Betreiber", &forms));
    assert!(!contains("Pflichten des Nutzers", &forms));
    let multi = vec!["KI-Modell mit allgemein Verwendungszweck".to_string()];
    assert!(contains("KI-Modelle mit allgemeinem Verwendungszweck", &multi));
    assert!(!contains("KI-Modelle für allgemeine Zwecke", &multi));
    assert!(!contains("{provider} Anbieter", &["provider".to_string()]), "placeholders are not words");
    let greek = vec!["απομίμηση βαθέος".to_string()];
    assert!(contains("οι απομιμήσεις βαθέος επιπέδου", &["απομιμησ βαθεος".to_string()]));
    assert!(contains("απομίμηση βαθέος επιπέδου", &greek));
}
