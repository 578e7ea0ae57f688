//! The law over time: every dated value has exactly one entry for every day, taken from the
//! version of the law in force that day, and an assessment reads the dates as the law stood on
//! its `as_of` day (the original Art. 113 before the Omnibus, the amended one after).

use ai_act_check::assess;
use ai_act_check::assessment::Assessment;
use ai_act_check::date::Date;
use ai_act_check::facts::{Facts, Value};
use ai_act_check::ruleset::{fact, version_on, DATES, VERSIONS};
use std::collections::BTreeMap;

fn day(text: &str) -> Date {
    Date::parse(text).unwrap_or_else(|| panic!("{text} is a day"))
}

/// Every day from `from` to `to`, both included.
fn days(from: &str, to: &str) -> impl Iterator<Item = Date> {
    let last = day(to);
    std::iter::successors(Some(day(from)), move |d| Some(d.succ()).filter(|n| *n <= last))
}

#[test]
fn every_day_has_exactly_one_entry_from_the_law_in_force() {
    // (dated value, problem) -> the days it occurs.
    let mut problems: BTreeMap<(&str, String), Vec<Date>> = BTreeMap::new();
    let mut checked = 0;
    for d in days("2024-08-01", "2031-12-31") {
        let version = version_on(d);
        for def in DATES.iter() {
            checked += 1;
            let covering: Vec<_> =
                def.values.iter().filter(|v| v.from <= d && v.until.is_none_or(|until| d <= until)).collect();
            let problem = match covering.as_slice() {
                [entry] if VERSIONS[entry.source].id == version.id => {
                    assert!(std::ptr::eq(*entry, def.entry_on(d)), "{}: entry_on({d}) is another entry", def.id);
                    continue;
                }
                [entry] => {
                    format!("the entry comes from {}, the law in force is {}", VERSIONS[entry.source].id, version.id)
                }
                entries => format!("{} entries cover the day", entries.len()),
            };
            problems.entry((def.id, problem)).or_default().push(d);
        }
    }
    assert_eq!(checked, 2709 * DATES.len(), "every day of 2024-08-01..=2031-12-31 is checked");
    let summary: Vec<String> = problems
        .iter()
        .map(|((id, problem), days)| format!("{id}: {problem}, on {} days from {}", days.len(), days[0]))
        .collect();
    assert!(
        problems.is_empty(),
        "{}\n(dates.toml keeps \"one entry per version of the law\": a value the amendment left unchanged \
         still needs an entry from 2026-07-27 with source = \"2026/1744\")",
        summary.join("\n")
    );
}

#[test]
fn versions_follow_each_other() {
    assert_eq!(VERSIONS[0].from, day("2024-08-01"), "Art. 113: entry into force on 1 August 2024");
    assert_eq!(
        VERSIONS.last().map(|v| v.from),
        Some(day("2026-07-27")),
        "Reg. (EU) 2026/1744 in force on 27 July 2026"
    );
    assert!(VERSIONS.windows(2).all(|w| w[0].from < w[1].from));
    assert_eq!(version_on(day("2026-07-26")).id, "2024/1689");
    assert_eq!(version_on(day("2026-07-27")).id, "2026/1744");
    // Before the Act entered into force, its first version is read.
    assert_eq!(version_on(day("2024-01-01")).id, "2024/1689");
}

/// The dated values the scenario files and LEGAL-BASIS §10 rely on, on both sides of the Omnibus.
#[test]
fn dated_values_as_the_law_stood() {
    let value = |id: &str, on: &str| {
        let def = DATES.iter().find(|d| d.id == id).unwrap_or_else(|| panic!("no dated value {id}"));
        def.entry_on(day(on)).value.map(|d| d.to_string())
    };
    let some = |s: &str| Some(s.to_string());
    for on in ["2025-01-15", "2026-07-26"] {
        assert_eq!(value("annex_iii_high_risk", on), some("2026-08-02"), "original Art. 113, on {on}");
        assert_eq!(value("annex_i_high_risk", on), some("2027-08-02"), "original Art. 113(c), on {on}");
        assert_eq!(value("legacy_cutoff_annex_iii", on), some("2026-08-02"), "original Art. 111(2), on {on}");
        assert_eq!(value("prohibitions_omnibus", on), None, "no Art. 5(1)(ba) before the Omnibus, on {on}");
    }
    for on in ["2026-07-27", "2026-11-22", "2031-12-31"] {
        assert_eq!(value("annex_iii_high_risk", on), some("2027-12-02"), "Art. 113 as amended, on {on}");
        assert_eq!(value("annex_i_high_risk", on), some("2028-08-02"), "Art. 113 as amended, on {on}");
        assert_eq!(value("legacy_cutoff_annex_iii", on), some("2027-12-02"), "Art. 111(2) as replaced, on {on}");
        assert_eq!(value("legacy_cutoff_annex_i", on), some("2028-08-02"), "Art. 111(2) as replaced, on {on}");
        assert_eq!(value("prohibitions_omnibus", on), some("2026-12-02"), "Art. 5(1)(ba), (bb), on {on}");
        assert_eq!(value("art50_2_legacy", on), some("2026-12-02"), "Art. 111(4), on {on}");
    }
    for on in ["2025-01-15", "2026-11-22", "2031-12-31"] {
        assert_eq!(value("ai_literacy", on), some("2025-02-02"));
        assert_eq!(value("prohibitions", on), some("2025-02-02"));
        assert_eq!(value("gpai_obligations", on), some("2025-08-02"));
        assert_eq!(value("gpai_legacy", on), some("2027-08-02"));
        assert_eq!(value("general_application", on), some("2026-08-02"));
        assert_eq!(value("legacy_public_authorities", on), some("2030-08-02"));
        assert_eq!(value("annex_x_cutoff", on), some("2027-08-02"));
        assert_eq!(value("annex_x_compliance", on), some("2030-12-31"));
        assert_eq!(value("penalties", on), some("2025-08-02"));
    }
}

/// The facts of the shared scenario `extraterritorial-recruiting`, on another `as_of`.
fn recruiting_on(as_of: &str) -> Assessment {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/scenarios/extraterritorial-recruiting.json");
    let text = std::fs::read_to_string(path).expect("the shared scenarios are next to the project");
    let json: serde_json::Value = serde_json::from_str(&text).expect("a scenario is JSON");
    let mut facts = Facts::from_json(&json["facts"]).expect("the scenario's facts parse");
    facts.set(fact::AS_OF, Some(Value::Date(day(as_of))));
    let a = assess(&facts);
    assert!(a.complete(), "complete on {as_of}");
    a
}

/// (article, role, applies_from, in_force) of every obligation, sorted.
fn obligations(a: &Assessment) -> Vec<(&'static str, &'static str, Option<String>, Option<bool>)> {
    let mut list: Vec<_> = a
        .obligations
        .iter()
        .map(|o| (o.article(), o.role().map_or("", |r| r.id()), o.applies_from.map(|d| d.to_string()), o.in_force))
        .collect();
    list.sort();
    list
}

#[test]
fn recruiting_deployer_over_time() {
    let s = |x: &str| Some(x.to_string());
    // 1 January 2026: the original Art. 113 is the law, Annex III duties from 2 August 2026.
    let a = recruiting_on("2026-01-01");
    assert_eq!(a.ruleset, "2024/1689");
    assert_eq!(
        obligations(&a),
        vec![
            ("Art. 26", "deployer", s("2026-08-02"), Some(false)),
            ("Art. 4", "deployer", s("2025-02-02"), Some(true)),
            ("Art. 86", "deployer", s("2026-08-02"), Some(false)),
        ]
    );
    // 1 January 2027: the Omnibus moved them to 2 December 2027 (Art. 113 as amended).
    let a = recruiting_on("2027-01-01");
    assert_eq!(a.ruleset, "2024/1689 as amended by 2026/1744");
    assert_eq!(
        obligations(&a),
        vec![
            ("Art. 26", "deployer", s("2027-12-02"), Some(false)),
            ("Art. 4", "deployer", s("2025-02-02"), Some(true)),
            ("Art. 86", "deployer", s("2027-12-02"), Some(false)),
        ]
    );
    // 1 January 2029: everything in force.
    let a = recruiting_on("2029-01-01");
    assert_eq!(
        obligations(&a),
        vec![
            ("Art. 26", "deployer", s("2027-12-02"), Some(true)),
            ("Art. 4", "deployer", s("2025-02-02"), Some(true)),
            ("Art. 86", "deployer", s("2027-12-02"), Some(true)),
        ]
    );
    for a in [recruiting_on("2026-01-01"), recruiting_on("2029-01-01")] {
        assert_eq!(a.categories, ["high_risk"]);
        assert!(
            !a.obligations.iter().any(|o| o.article() == "Art. 27"),
            "a private employer owes no Art. 27 assessment"
        );
    }
}

/// The day the amendment entered into force switches every date at once.
#[test]
fn the_omnibus_switches_dates_overnight() {
    let before = recruiting_on("2026-07-26");
    let after = recruiting_on("2026-07-27");
    let art26 = |a: &Assessment| {
        a.obligations.iter().find(|o| o.article() == "Art. 26").and_then(|o| o.applies_from).map(|d| d.to_string())
    };
    assert_eq!(art26(&before).as_deref(), Some("2026-08-02"));
    assert_eq!(art26(&after).as_deref(), Some("2027-12-02"));
}

/// Art. 50(2) for a generator placed before 2 August 2026: no grace period under the original
/// Act, until 2 December 2026 once Art. 111(4) was inserted.
#[test]
fn legacy_marking_before_and_after_the_omnibus() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/scenarios/legacy-image-generator-marking.json");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("readable")).expect("a scenario is JSON");
    let marking_on = |as_of: &str| {
        let mut facts = Facts::from_json(&json["facts"]).expect("the scenario's facts parse");
        facts.set(fact::AS_OF, Some(Value::Date(day(as_of))));
        let a = assess(&facts);
        assert!(a.complete(), "complete on {as_of}");
        let o = a.obligations.iter().find(|o| o.article() == "Art. 50(2)").expect("Art. 50(2) is listed");
        o.applies_from.map(|d| d.to_string())
    };
    assert_eq!(marking_on("2026-03-01").as_deref(), Some("2026-08-02"));
    assert_eq!(marking_on("2026-07-26").as_deref(), Some("2026-08-02"));
    assert_eq!(marking_on("2026-07-27").as_deref(), Some("2026-12-02"));
    assert_eq!(marking_on("2027-01-01").as_deref(), Some("2026-12-02"));
}
