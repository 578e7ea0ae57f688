//! How an assessment reads to a visitor: the verdict sentence, obligations grouped by role,
//! date badges, fine ceilings and answers in words. Pure functions of the assessment and the
//! language, shared by the widget and its tests; no legal conclusion is drawn here.

use crate::assessment::{Assessment, Obligation, Penalty};
use crate::facts::Value;
use crate::i18n::Lang;
use crate::ruleset::{fact, FactKind, Role, FACTS, PENALTIES};

/// A citation as a key fragment: `Art. 2(1)(c)` → `art_2_1_c`.
pub fn slug(citation: &str) -> String {
    let mut out = String::new();
    for c in citation.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('_') && !out.is_empty() {
            out.push('_');
        }
    }
    out.trim_end_matches('_').to_string()
}

/// Joins items as a list in running text ("a, b and c").
pub fn join(lang: Lang, items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} {} {}", rest.join(", "), lang.t("result.and"), last),
    }
}

/// The one plain sentence that opens the result.
pub fn verdict(a: &Assessment, lang: Lang) -> String {
    let has = |c: &str| a.categories.contains(&c);
    if !a.complete() {
        return lang.t("verdict.incomplete").to_string();
    }
    if has("not_ai_system") {
        return lang.t("verdict.not_ai_system").to_string();
    }
    if has("out_of_scope") {
        let model = matches!(a.facts.get(fact::SUBJECT), Some(Value::Enum(1)));
        return lang
            .t(if model && a.qualifies == Some(false) { "verdict.not_gpai_model" } else { "verdict.no_link" })
            .to_string();
    }
    if has("excluded") {
        let citation = a.exclusions.first().copied().unwrap_or("Art. 2");
        let reason = lang.t(&format!("reason.{}", slug(citation)));
        return lang.f("verdict.excluded", &[("reason", reason), ("citation", &lang.cite(citation))]);
    }
    let roles: Vec<String> = a.roles.iter().map(|r| lang.t(&format!("role_as.{}", r.id())).to_string()).collect();
    let citation = a.scope_basis.first().copied().unwrap_or("Art. 2(1)");
    let reason = lang.t(&format!("reason.{}", slug(citation)));
    lang.f("verdict.applies", &[("roles", &join(lang, &roles)), ("reason", reason), ("citation", &lang.cite(citation))])
}

/// Obligations grouped by the role that owes them, in the contract's role order; prohibitions,
/// which bind every operator, come first under `None`.
pub fn obligations_by_role(a: &Assessment) -> Vec<(Option<Role>, Vec<Obligation>)> {
    let mut groups: Vec<(Option<Role>, Vec<Obligation>)> = Vec::new();
    let order = std::iter::once(None).chain(Role::ALL.into_iter().map(Some));
    for role in order {
        let items: Vec<Obligation> = a.obligations.iter().filter(|o| o.role() == role).copied().collect();
        if !items.is_empty() {
            groups.push((role, items));
        }
    }
    groups
}

/// "in force", "from 2 Dec 2027", or "date unsettled".
pub fn badge(o: &Obligation, lang: Lang) -> String {
    match (o.in_force, o.applies_from) {
        (Some(true), _) => lang.t("result.in_force").to_string(),
        (_, Some(day)) => lang.f("result.from", &[("date", &lang.date(day))]),
        _ => lang.t("result.date_unsettled").to_string(),
    }
}

fn amount(lang: Lang, eur: u64) -> String {
    let (millions, tenths) = (eur / 1_000_000, eur % 1_000_000 / 100_000);
    let number =
        if tenths == 0 { millions.to_string() } else { format!("{millions}{}{tenths}", lang.t("result.decimal")) };
    lang.f("result.eur_million", &[("n", &number)])
}

/// "Up to EUR 15 million or 3 % of worldwide annual turnover, whichever is higher".
pub fn penalty(p: &Penalty, lang: Lang) -> String {
    let def = &PENALTIES[p.def];
    let key = if p.lower { "result.penalty_lower" } else { "result.penalty_higher" };
    lang.f(key, &[("eur", &amount(lang, def.max_eur)), ("pct", &def.max_turnover_pct.to_string())])
}

/// An answer in words, as the summary shows it.
pub fn answer(fact_index: usize, value: Value, lang: Lang) -> String {
    let def = &FACTS[fact_index];
    match value {
        Value::Bool(true) => lang.t("choice.yes").to_string(),
        Value::Bool(false) => lang.t("choice.no").to_string(),
        Value::Unsure => lang.t("choice.unsure").to_string(),
        Value::Enum(i) => lang.t(&format!("option.{}.{}", def.id, def.options[i as usize].id)).to_string(),
        Value::Set(0) => lang.t("result.none_of_these").to_string(),
        Value::Set(mask) => {
            let items: Vec<String> = def
                .options
                .iter()
                .enumerate()
                .filter(|(i, _)| mask & (1 << i) != 0)
                .map(|(_, o)| lang.t(&format!("option.{}.{}", def.id, o.id)).to_string())
                .collect();
            items.join("; ")
        }
        Value::Number(n) => crate::facts::scientific(n),
        Value::Date(d) => lang.date(d),
        Value::NotYet => lang.t("ui.not_yet").to_string(),
    }
}

/// Whether the answer kind of a fact is a plain yes/no.
pub fn is_yes_no(fact_index: usize) -> bool {
    FACTS[fact_index].kind == FactKind::Bool
}
