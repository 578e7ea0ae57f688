//! Golden scenarios (CONTRACT.md "Scenario files"): facts with the outcome they must give.
//! `ai-act-check check` and the test suite both run them through [`check`].

use crate::assessment::Assessment;
use crate::engine::assess;
use crate::facts::Facts;
use serde::Deserialize;
use std::collections::BTreeSet;

#[derive(Deserialize, Debug)]
pub struct Scenario {
    pub id: String,
    pub title: String,
    pub facts: serde_json::Value,
    pub expect: Expect,
    #[serde(default)]
    pub why: String,
    #[serde(default)]
    pub contested: bool,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct Expect {
    pub in_scope: bool,
    pub categories: Vec<String>,
    pub roles: Vec<String>,
    #[serde(default)]
    pub citations_include: Vec<String>,
    #[serde(default)]
    pub obligations_include: Vec<ObligationPattern>,
    #[serde(default)]
    pub obligations_exclude: Vec<ObligationPattern>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct ObligationPattern {
    pub article: String,
    pub applies_from: Option<String>,
    pub role: Option<String>,
}

impl ObligationPattern {
    fn matches(&self, a: &Assessment, o: &crate::assessment::Obligation) -> bool {
        let _ = a;
        o.article() == self.article
            && self.applies_from.as_ref().is_none_or(|d| o.applies_from.map(|x| x.to_string()).as_ref() == Some(d))
            && self.role.as_ref().is_none_or(|r| o.role().map(|x| x.id()) == Some(r.as_str()))
    }

    fn describe(&self) -> String {
        let mut s = self.article.clone();
        if let Some(r) = &self.role {
            s += &format!(" ({r})");
        }
        if let Some(d) = &self.applies_from {
            s += &format!(" from {d}");
        }
        s
    }
}

/// The outcome of one scenario: the assessment and every way it differs from the expectation.
pub struct Outcome {
    pub assessment: Option<Assessment>,
    pub failures: Vec<String>,
}

impl Scenario {
    pub fn parse(text: &str) -> Result<Scenario, String> {
        serde_json::from_str(text).map_err(|e| format!("not a scenario file: {e}"))
    }
}

fn set_of<'a>(items: impl IntoIterator<Item = &'a str>) -> BTreeSet<&'a str> {
    items.into_iter().collect()
}

fn show(set: &BTreeSet<&str>) -> String {
    format!("[{}]", set.iter().copied().collect::<Vec<_>>().join(", "))
}

/// Runs a scenario and lists its differences from the expectation.
pub fn check(scenario: &Scenario) -> Outcome {
    match Facts::from_json(&scenario.facts) {
        Ok(facts) => check_facts(scenario, &facts),
        Err(e) => Outcome { assessment: None, failures: vec![format!("facts: {e}")] },
    }
}

/// Assesses `facts` (a scenario's own, or a copy of them such as a teaching case) against the
/// scenario's expectation.
pub fn check_facts(scenario: &Scenario, facts: &Facts) -> Outcome {
    let a = assess(facts);
    let e = &scenario.expect;
    let mut failures = Vec::new();
    if !a.complete() {
        let pending: Vec<_> = a.pending_facts().map(|f| crate::ruleset::FACTS[f].id).collect();
        failures.push(format!("incomplete: still pending {}", pending.join(", ")));
    }
    if a.in_scope != Some(e.in_scope) {
        failures.push(format!("in_scope: expected {}, got {:?}", e.in_scope, a.in_scope));
    }
    let want = set_of(e.categories.iter().map(String::as_str));
    let got = set_of(a.categories.iter().copied());
    if want != got {
        failures.push(format!("categories: expected {}, got {}", show(&want), show(&got)));
    }
    let want = set_of(e.roles.iter().map(String::as_str));
    let got = set_of(a.roles.iter().map(|r| r.id()));
    if want != got {
        failures.push(format!("roles: expected {}, got {}", show(&want), show(&got)));
    }
    for c in &e.citations_include {
        if !a.citations.contains(&c.as_str()) {
            failures.push(format!("citations: missing {c} (got {})", a.citations.join(", ")));
        }
    }
    for p in &e.obligations_include {
        if !a.obligations.iter().any(|o| p.matches(&a, o)) {
            let same: Vec<String> = a
                .obligations
                .iter()
                .filter(|o| o.article() == p.article)
                .map(|o| {
                    format!(
                        "{} ({}) from {}",
                        o.article(),
                        o.role().map_or("no role", |r| r.id()),
                        o.applies_from.map_or("no date".into(), |d| d.to_string())
                    )
                })
                .collect();
            let got = if same.is_empty() { "none with that article".to_string() } else { same.join("; ") };
            failures.push(format!("obligations: missing {} (got {got})", p.describe()));
        }
    }
    for p in &e.obligations_exclude {
        if a.obligations.iter().any(|o| p.matches(&a, o)) {
            failures.push(format!("obligations: {} must not be listed", p.describe()));
        }
    }
    Outcome { assessment: Some(a), failures }
}
