//! The golden scenarios (../shared/scenarios) and our own (tests/scenarios), through the same
//! `scenario::check` as `ai-act-check check`; contested scenarios must name the disputed point.

use ai_act_check::assessment::Assessment;
use ai_act_check::ruleset::{FACTS, OPEN_QUESTIONS};
use ai_act_check::scenario::{check, Scenario};
use std::path::{Path, PathBuf};

const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/scenarios");
const OWN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/scenarios");

/// The open question each contested shared scenario must raise (its `why` names the point).
const CONTESTED: [(&str, &str); 16] = [
    ("extraterritorial-recruiting", "output_used_in_union"),
    ("us-vendor-unsure-eu-output", "authorised_representative_extraterritorial"),
    ("affected-person-loan-refusal", "explanation_date"),
    ("broadcaster-satirical-deepfake", "evidently_artistic"),
    ("chatbot-repurposed-for-recruitment", "purpose_change_by_prompting"),
    ("chemical-plant-panic-detection", "emotion_safety_exception"),
    ("cv-parsing-art6-3-exemption", "derogation_registration_date"),
    ("distributor-rebrands-hr-system", "rebranding_contracts"),
    ("gpai-systemic-legacy-non-eu", "legacy_gpai_notification"),
    ("hospital-triage-substantial-modification", "public_services_status"),
    ("newsroom-ai-text-editorial-control", "editorial_review"),
    ("open-weights-gpai-model", "open_release_placing"),
    ("open-weights-systemic-no-relief", "open_release_placing"),
    ("police-rbi-abducted-child", "rbi_sequencing"),
    ("retailer-chatbot-provider", "obvious_interaction"),
    ("third-country-police-cooperation", "third_country_safeguards"),
];

/// Scenarios answered "unsure", and the fact each result must list under `assumptions`.
const ASSUMED: [(&str, &str); 2] =
    [("us-vendor-unsure-eu-output", "output_used_in_eu"), ("hospital-triage-substantial-modification", "public_body")];

fn files(dir: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .map(|e| e.expect("a readable folder entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}

fn load(path: &Path) -> Scenario {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Scenario::parse(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Checks every scenario of `dir`; returns them with their assessments, failing with every
/// failure of every scenario.
fn run(dir: &str) -> Vec<(Scenario, Assessment)> {
    let mut report = Vec::new();
    let mut passed = Vec::new();
    for path in files(dir) {
        let scenario = load(&path);
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
        assert_eq!(scenario.id, stem, "{}: the id is the file name", path.display());
        let outcome = check(&scenario);
        if outcome.failures.is_empty() {
            passed.push((scenario, outcome.assessment.expect("a passing scenario has an assessment")));
        } else {
            report.push(format!("FAIL  {}\n        {}", scenario.id, outcome.failures.join("\n        ")));
        }
    }
    assert!(report.is_empty(), "{} of the scenarios in {dir} failed:\n{}", report.len(), report.join("\n"));
    passed
}

fn open_question_ids(a: &Assessment) -> Vec<&'static str> {
    a.open_questions.iter().map(|&q| OPEN_QUESTIONS[q].id).collect()
}

#[test]
fn shared_scenarios_pass() {
    let all = run(SHARED);
    assert_eq!(all.len(), 55, "the shared folder holds 55 scenarios (INDEX.md)");
}

#[test]
fn own_scenarios_pass() {
    let all = run(OWN);
    assert!(all.len() >= 10, "at least ten scenarios of our own, found {}", all.len());
    for (s, _) in &all {
        assert!(s.why.contains("Art."), "{}: the why cites the provisions it rests on", s.id);
    }
}

#[test]
fn contested_scenarios_name_the_disputed_point() {
    let all = run(SHARED);
    let contested: Vec<&str> = all.iter().filter(|(s, _)| s.contested).map(|(s, _)| s.id.as_str()).collect();
    let mut listed: Vec<&str> = CONTESTED.iter().map(|(id, _)| *id).collect();
    listed.sort_unstable();
    assert_eq!(contested, listed, "the contested scenarios are the ones in the table");
    for (id, question) in CONTESTED {
        let (_, a) = all.iter().find(|(s, _)| s.id == id).expect("listed above");
        let raised = open_question_ids(a);
        assert!(!raised.is_empty(), "{id}: a contested scenario carries an open question");
        assert!(raised.contains(&question), "{id}: expected the open question {question}, got {raised:?}");
    }
}

#[test]
fn own_contested_scenarios_carry_an_open_question() {
    for (s, a) in run(OWN) {
        if s.contested {
            assert!(!a.open_questions.is_empty(), "{}: a contested scenario carries an open question", s.id);
        }
    }
}

#[test]
fn unsure_answers_are_listed_as_assumptions() {
    let all = run(SHARED);
    for (id, fact) in ASSUMED {
        let (_, a) = all.iter().find(|(s, _)| s.id == id).unwrap_or_else(|| panic!("no scenario {id}"));
        let assumed: Vec<&str> = a.assumptions.iter().map(|&f| FACTS[f].id).collect();
        assert_eq!(assumed, [fact], "{id}: the unsure answer is the assumption");
    }
    // A scenario without any "unsure" answer assumes nothing.
    for (s, a) in &all {
        if !s.facts.as_object().is_some_and(|o| o.values().any(|v| v == "unsure")) {
            assert!(a.assumptions.is_empty(), "{}: assumptions without an unsure answer", s.id);
        }
    }
}

/// `check` fails a scenario whose expectation is wrong, with a line naming the difference:
/// the suite above cannot pass by accident.
#[test]
fn a_wrong_expectation_fails() {
    let text = std::fs::read_to_string(format!("{SHARED}/extraterritorial-recruiting.json")).expect("readable");
    let mut json: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    json["expect"]["categories"] = serde_json::json!(["minimal"]);
    json["expect"]["obligations_include"][0]["applies_from"] = serde_json::json!("2026-08-02");
    json["expect"]["obligations_exclude"] = serde_json::json!([{"article": "Art. 4"}]);
    let outcome = check(&Scenario::parse(&json.to_string()).expect("still a scenario"));
    let failures = outcome.failures.join("\n");
    assert_eq!(outcome.failures.len(), 3, "{failures}");
    assert!(failures.contains("categories: expected [minimal], got [high_risk]"), "{failures}");
    assert!(failures.contains("missing Art. 26 (deployer) from 2026-08-02"), "{failures}");
    assert!(failures.contains("Art. 4 must not be listed"), "{failures}");

    // Facts that leave the result incomplete fail too.
    json = serde_json::from_str(&text).expect("JSON");
    json["facts"].as_object_mut().expect("an object").remove("annex_iii_uses");
    let outcome = check(&Scenario::parse(&json.to_string()).expect("still a scenario"));
    assert!(
        outcome.failures.iter().any(|f| f.starts_with("incomplete: still pending annex_iii_uses")),
        "{:?}",
        outcome.failures
    );
}

/// What the scenario format cannot say (an obligation without a date, a citation that must be
/// absent), checked on our own scenarios.
#[test]
fn own_scenarios_pin_what_the_format_cannot() {
    let all = run(OWN);
    let get = |id: &str| &all.iter().find(|(s, _)| s.id == id).unwrap_or_else(|| panic!("no scenario {id}")).1;

    // Art. 111(2): after a significant change the duties apply from the change, a day the facts
    // do not give.
    let a = get("legacy-credit-scoring-redesign");
    for article in ["Art. 16", "Art. 26", "Art. 27"] {
        let o = a.obligations.iter().find(|o| o.article() == article).unwrap_or_else(|| panic!("{article} listed"));
        assert_eq!((o.applies_from, o.in_force), (None, None), "{article} is listed without a date");
    }

    // Art. 111(1): every duty of the Annex X component is due by 31 December 2030.
    let a = get("eurodac-component-annex-x");
    assert!(a.obligations.len() > 10);
    for o in &a.obligations {
        assert_eq!(o.applies_from.map(|d| d.to_string()).as_deref(), Some("2030-12-31"), "{}", o.article());
    }

    // Before the Omnibus there is no Art. 5(1)(ba) to cite.
    let a = get("nudify-app-before-the-omnibus");
    assert!(!a.citations.contains(&"Art. 5(1)(ba)"), "{:?}", a.citations);
    assert_eq!(a.ruleset, "2024/1689");

    // Personal use lifts the deployer duties only.
    let a = get("freelance-provider-personal-use");
    assert!(a.exclusions.is_empty(), "{:?}", a.exclusions);
    assert!(a.obligations.iter().all(|o| o.role().map(|r| r.id()) == Some("provider")));
}
