//! The canonical citation forms of the contract ("Citations"): `Art. 5(1)(ba)`, `Art. 4a`,
//! `Annex III 4(a)`, `Annex I Section B 21`. Shared with the build script, which refuses a
//! ruleset with any other form.

/// Whether `text` matches
/// `^(Art\. \d+[a-z]?(\(\d+[a-z]?\)(\([a-z]+\))?)?|Annex [IVX]+( Section [AB])?( \d+(\([a-z]\))?)?)$`.
pub fn is_canonical(text: &str) -> bool {
    if let Some(rest) = text.strip_prefix("Art. ") {
        article(rest)
    } else if let Some(rest) = text.strip_prefix("Annex ") {
        annex(rest)
    } else {
        false
    }
}

/// `\d+[a-z]?(\(\d+[a-z]?\)(\([a-z]+\))?)?`
fn article(s: &str) -> bool {
    let Some(s) = number_with_letter(s) else {
        return false;
    };
    if s.is_empty() {
        return true;
    }
    let Some(s) = parenthesised(s, number_with_letter) else {
        return false;
    };
    if s.is_empty() {
        return true;
    }
    matches!(parenthesised(s, letters), Some(""))
}

/// `[IVX]+( Section [AB])?( \d+(\([a-z]\))?)?`
fn annex(s: &str) -> bool {
    let numeral = s.bytes().take_while(|b| matches!(b, b'I' | b'V' | b'X')).count();
    if numeral == 0 {
        return false;
    }
    let mut s = &s[numeral..];
    if let Some(rest) = s.strip_prefix(" Section ") {
        let Some(rest) = rest.strip_prefix('A').or_else(|| rest.strip_prefix('B')) else {
            return false;
        };
        s = rest;
    }
    if s.is_empty() {
        return true;
    }
    let Some(s) = s.strip_prefix(' ') else {
        return false;
    };
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return false;
    }
    let s = &s[digits..];
    if s.is_empty() {
        return true;
    }
    let bytes = s.as_bytes();
    bytes.len() == 3 && bytes[0] == b'(' && bytes[1].is_ascii_lowercase() && bytes[2] == b')'
}

fn number_with_letter(s: &str) -> Option<&str> {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    let s = &s[digits..];
    Some(match s.as_bytes().first() {
        Some(b) if b.is_ascii_lowercase() => &s[1..],
        _ => s,
    })
}

fn letters(s: &str) -> Option<&str> {
    let count = s.bytes().take_while(u8::is_ascii_lowercase).count();
    (count > 0).then(|| &s[count..])
}

fn parenthesised<'a>(s: &'a str, inner: fn(&'a str) -> Option<&'a str>) -> Option<&'a str> {
    inner(s.strip_prefix('(')?)?.strip_prefix(')')
}

#[cfg(test)]
mod tests {
    use super::is_canonical;

    #[test]
    fn accepts_the_contract_forms() {
        for ok in [
            "Art. 5",
            "Art. 4a",
            "Art. 2(1)",
            "Art. 5(1)(f)",
            "Art. 2(1)(c)",
            "Art. 5(1)(ba)",
            "Art. 6(1a)",
            "Annex III 4(a)",
            "Annex III 2",
            "Annex I Section A 11",
            "Annex I Section B 21",
            "Annex X",
        ] {
            assert!(is_canonical(ok), "{ok}");
        }
    }

    #[test]
    fn refuses_other_forms() {
        for bad in [
            "Art 5",
            "Art. 5(1)(F)",
            "Art. 5(1)(f) ",
            "Article 5",
            "Art. (1)",
            "Art. 5()",
            "Annex iii 4(a)",
            "Annex III 4a",
            "Annex I Section C 2",
            "Art. 5(1)(f)(i)",
            "Annex III 4(ab)",
            "",
            "Art. 113(c)(ii)x",
        ] {
            assert!(!is_canonical(bad), "{bad}");
        }
    }
}
