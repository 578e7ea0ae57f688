//! Reports: the ISO/IEC 42001 alignment and plan of a result, and the Markdown and JSON report,
//! which the widget downloads and `ai-act-check report` prints from the same code.
#![cfg(not(target_arch = "wasm32"))]

use ai_act_check::facts::Facts;
use ai_act_check::i18n::Lang;
use ai_act_check::questions::replay_with_order;
use ai_act_check::report::{clusters, gaps, json, markdown, plan};
use ai_act_check::ruleset::{fact, PLAN_STEPS};
use ai_act_check::{assess, Assessment};
use std::process::Command;

fn scenario_facts(id: &str) -> Facts {
    let path = format!("{}/../shared/scenarios/{id}.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    Facts::from_json(&json["facts"]).unwrap()
}

fn assessed(id: &str) -> (Assessment, Vec<usize>) {
    let facts = scenario_facts(id);
    let mut host = Facts::default();
    host.set(fact::AS_OF, facts.get(fact::AS_OF));
    let (kept, order) = replay_with_order(&facts, &host);
    (assess(&kept), order)
}

fn cluster_fits(a: &Assessment) -> Vec<(&'static str, &'static str)> {
    clusters(a).iter().map(|(c, _)| (c.id, c.fit)).collect()
}

fn gap_ids(a: &Assessment) -> Vec<&'static str> {
    gaps(a).iter().map(|(g, _)| g.id).collect()
}

#[test]
fn a_high_risk_provider_is_mapped_cluster_by_cluster() {
    let (a, _) = assessed("non-eu-provider-credit-scoring");
    let fits = cluster_fits(&a);
    for expected in [
        ("risk_management", "partial"),
        ("human_oversight", "weak"),
        ("serious_incidents", "gap"),
        ("ai_literacy", "good"),
        ("quality_management", "partial"),
    ] {
        assert!(fits.contains(&expected), "{expected:?} in {fits:?}");
    }
    let gap_ids = gap_ids(&a);
    assert!(gap_ids.contains(&"conformity_and_ce_marking"), "{gap_ids:?}");
    assert!(gap_ids.contains(&"registration"), "{gap_ids:?}");
    assert!(gap_ids.contains(&"operator_verification"), "Art. 22 for a non-EU provider: {gap_ids:?}");
    // Every obligation of the result is in exactly one step of the plan.
    let steps = plan(&a);
    assert_eq!(steps.len(), PLAN_STEPS.len());
    let planned: usize = steps.iter().map(|(_, o)| o.len()).sum();
    assert_eq!(planned, a.obligations.len());
}

#[test]
fn a_deployer_with_art_50_duties_has_them_as_a_gap() {
    let (a, _) = assessed("broadcaster-satirical-deepfake");
    let gaps = gaps(&a);
    let (gap, items) =
        gaps.iter().find(|(g, _)| g.id == "prohibited_practices_and_transparency").expect("Art. 50 is a gap");
    assert_eq!(gap.citation, "Art. 5");
    assert!(items.iter().any(|o| o.article() == "Art. 50(4)"));
    assert_eq!(cluster_fits(&a), vec![("ai_literacy", "good")]);
}

#[test]
fn a_general_purpose_model_provider_has_its_duties_as_a_gap() {
    let (a, _) = assessed("gpai-designated-systemic");
    let gaps = gaps(&a);
    let (_, items) = gaps.iter().find(|(g, _)| g.id == "general_purpose_ai").expect("GPAI duties are a gap");
    let articles: Vec<&str> = items.iter().map(|o| o.article()).collect();
    assert!(articles.contains(&"Art. 53(1)(a)") && articles.contains(&"Art. 55"), "{articles:?}");
    assert!(clusters(&a).is_empty(), "ISO/IEC 42001 has no cluster for model duties");
}

#[test]
fn the_markdown_report_has_every_part() {
    let (a, order) = assessed("extraterritorial-recruiting");
    let today = ai_act_check::date::Date::parse("2026-11-22").unwrap();
    let md = markdown(&a, &order, Lang::ENGLISH, today);
    for part in [
        "# Does the EU AI Act apply to you?",
        "Report made on: 22 Nov 2026",
        "Legal basis: Regulation (EU) 2024/1689 as amended by Regulation (EU) 2026/1744",
        "Assessed as of 22 Nov 2026",
        "Yes: the AI Act applies to you as a deployer",
        "Art. 2(1)(c)",
        "Annex III 4(a)",
        "## Your answers",
        "Are you (or your organisation) established or located in the EU? — **No**",
        "Art. 26 —",
        "(from 2 Dec 2027)",
        "## ISO/IEC 42001 alignment",
        "## Next steps",
        "## Open questions to take to a lawyer",
        "It is not legal advice.",
    ] {
        assert!(md.contains(part), "missing {part:?} in\n{md}");
    }
    let german = markdown(&a, &order, Lang::from_code("de").unwrap(), today);
    assert!(german.contains("Betreiber") && german.contains("Abgleich mit ISO/IEC 42001"), "{german}");
}

#[test]
fn the_json_report_carries_the_answers_and_the_contract_assessment() {
    let (a, _) = assessed("us-vendor-unsure-eu-output");
    let report: serde_json::Value = serde_json::from_str(&json(&a)).unwrap();
    assert_eq!(report["format"], "ai-act-check-report");
    assert_eq!(report["version"], 1);
    assert_eq!(report["ruleset"], a.ruleset);
    assert_eq!(report["assessment"], a.to_json());
    assert_eq!(report["answers"]["output_used_in_eu"], "unsure");
    assert!(report["answers"].get("as_of").is_none(), "the day is the reader's, not the answers'");
    let back = Facts::from_json(&report["answers"]).unwrap();
    assert_eq!(back.get(fact::ROLES), a.facts.get(fact::ROLES));
}

#[test]
fn the_command_line_prints_the_same_report() {
    let dir = std::env::temp_dir().join(format!("ai-act-check-report-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("facts.json");
    std::fs::write(&file, scenario_facts("retailer-chatbot-provider").to_json().to_string()).unwrap();
    let run = |format: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_ai-act-check"))
            .args(["report", file.to_str().unwrap(), "--format", format])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let (a, _) = assessed("retailer-chatbot-provider");
    assert_eq!(run("json").trim_end(), json(&a));
    let md = run("md");
    assert!(md.contains("Art. 50(1)") && md.contains("## Next steps"), "{md}");
    let bad = Command::new(env!("CARGO_BIN_EXE_ai-act-check"))
        .args(["report", file.to_str().unwrap(), "--format", "pdf"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    std::fs::remove_dir_all(&dir).ok();
}
