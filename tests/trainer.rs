//! Trainer mode's logic: the decision map is drawn from the ruleset (a changed ruleset gives a
//! changed map), every teaching case is its scenario file and reaches its verdict, what-if
//! names what changed, and the timeline shows what is in force on a day.

use ai_act_check::assess;
use ai_act_check::assessment::Assessment;
use ai_act_check::citation::is_canonical;
use ai_act_check::date::Date;
use ai_act_check::facts::{Facts, Value};
use ai_act_check::i18n::Lang;
use ai_act_check::map::{self, DecisionMap, MapStage, NodeKind, NodeState, Source};
use ai_act_check::questions::{catalogue, replay};
use ai_act_check::ruleset::{
    fact, Expr, FactDef, ObligationDef, Role, RuleDef, RuleKind, Stage, FACTS, OBLIGATIONS, PRESETS, RULES,
};
use ai_act_check::scenario::{check_facts, Scenario};
use ai_act_check::trainer::{self, diff};

fn day(text: &str) -> Date {
    Date::parse(text).unwrap()
}

fn node_of(map: &DecisionMap, kind: NodeKind) -> Option<usize> {
    map.nodes.iter().position(|n| n.kind == kind)
}

fn rule_index(id: &str) -> usize {
    RULES.iter().position(|r| r.id == id).unwrap_or_else(|| panic!("no rule {id}"))
}

#[test]
fn the_map_shows_every_question_every_reported_conclusion_and_every_role_with_obligations() {
    let map = map::build(Source::ruleset());
    for q in catalogue() {
        assert!(node_of(&map, NodeKind::Question(q.fact)).is_some(), "question {} is on the map", q.id());
    }
    for (r, rule) in RULES.iter().enumerate() {
        let shown = node_of(&map, NodeKind::Conclusion(r)).is_some();
        assert_eq!(shown, rule.report || rule.id.starts_with("category."), "rule {}", rule.id);
    }
    for role in Role::ALL.iter().map(|&r| Some(r)).chain([None]) {
        let count = OBLIGATIONS.iter().filter(|o| o.role == role).count();
        let node = node_of(&map, NodeKind::Obligations(role));
        assert_eq!(node.map(|n| map.nodes[n].count), (count > 0).then_some(count), "{role:?}");
    }
    for node in &map.nodes {
        assert!(is_canonical(node.citation), "{:?} links to {}", node.kind, node.citation);
    }
    // The map reads left to right: a node's inputs stand in its column or an earlier one. Only
    // the exclusions look ahead: free and open-source software is excluded unless it is
    // prohibited, high-risk or under Art. 50 (Art. 2(12)).
    for &(from, to) in &map.edges {
        let (a, b) = (&map.nodes[from], &map.nodes[to]);
        let kind = match b.kind {
            NodeKind::Conclusion(r) => RULES[r].kind,
            _ => RuleKind::Plain,
        };
        assert!(
            a.stage <= b.stage || kind == RuleKind::Exclusion,
            "{:?} ({:?}) feeds {:?} ({:?}) to its left",
            a.kind,
            a.stage,
            b.kind,
            b.stage
        );
    }
    for (i, node) in map.nodes.iter().enumerate() {
        if !matches!(node.kind, NodeKind::Question(_)) {
            assert!(map.edges.iter().any(|&(_, to)| to == i), "{:?} has an input", node.kind);
        }
    }
    let stage_of = |id: &str| map.nodes[node_of(&map, NodeKind::Conclusion(rule_index(id))).unwrap()].stage;
    assert_eq!(stage_of("scope.output_used_in_union"), MapStage::Where);
    assert_eq!(stage_of("exclusion.military_defence_security"), MapStage::Exclusions);
    assert_eq!(stage_of("prohibited.emotion_recognition"), MapStage::Prohibited);
    assert_eq!(stage_of("high_risk.art6_3_profiling_override"), MapStage::HighRisk);
    assert_eq!(stage_of("transparency.interaction"), MapStage::Transparency);
    assert_eq!(stage_of("gpai.systemic_by_compute"), MapStage::Gpai);
    assert_eq!(stage_of("category.prohibited"), MapStage::Prohibited);
    assert_eq!(stage_of("role_shift.product_manufacturer"), MapStage::HighRisk);
}

/// The compiled ruleset, as owned tables a test can change.
struct Fixture {
    facts: Vec<FactDef>,
    rules: Vec<RuleDef>,
    obligations: Vec<ObligationDef>,
}

impl Fixture {
    fn new() -> Fixture {
        Fixture { facts: FACTS.to_vec(), rules: RULES.to_vec(), obligations: OBLIGATIONS.to_vec() }
    }

    fn source(&self) -> Source<'_> {
        Source { facts: &self.facts, rules: &self.rules, obligations: &self.obligations }
    }
}

fn layout_of(map: &DecisionMap, src: Source) -> map::Layout {
    map::layout(map, |n| n.label(Lang::ENGLISH, src.rules, src.facts), |s| format!("{s:?}"))
}

#[test]
fn a_changed_ruleset_draws_a_changed_map() {
    let original = Fixture::new();
    let before = map::build(original.source());
    let layout_before = layout_of(&before, original.source());

    // A new conclusion read from the SME question lands in the last column, linked to it.
    let mut added = Fixture::new();
    added.rules.push(RuleDef {
        id: "fixture.sme_relief",
        citation: "Art. 99(6)",
        report: true,
        kind: RuleKind::Plain,
        cites: None,
        facts: 1 << fact::SME,
        when: Expr::Bool(fact::SME),
    });
    let after = map::build(added.source());
    assert_eq!(after.nodes.len(), before.nodes.len() + 1);
    let new = node_of(&after, NodeKind::Conclusion(RULES.len())).expect("the new rule is a node");
    assert_eq!(after.nodes[new].stage, MapStage::Obligations);
    assert_eq!(after.nodes[new].citation, "Art. 99(6)");
    let sme = node_of(&after, NodeKind::Question(fact::SME)).unwrap();
    assert!(after.edges.contains(&(sme, new)));
    assert_ne!(layout_of(&after, added.source()), layout_before);

    // A question moved to another stage moves to that column.
    let mut moved = Fixture::new();
    moved.facts[fact::PROFILING].stage = Stage::Transparency;
    let after = map::build(moved.source());
    let profiling = node_of(&after, NodeKind::Question(fact::PROFILING)).unwrap();
    assert_eq!(after.nodes[profiling].stage, MapStage::Transparency);
    let profiling_before = node_of(&before, NodeKind::Question(fact::PROFILING)).unwrap();
    assert_eq!(before.nodes[profiling_before].stage, MapStage::HighRisk);

    // A conclusion no longer reported leaves the map; the map links through it instead.
    let mut hidden = Fixture::new();
    let derogation = rule_index("high_risk.art6_3_derogation");
    hidden.rules[derogation].report = false;
    let after = map::build(hidden.source());
    assert_eq!(after.nodes.len(), before.nodes.len() - 1);
    assert!(node_of(&after, NodeKind::Conclusion(derogation)).is_none());

    // An obligation given to a role that had none adds that role's node.
    let mut obliged = Fixture::new();
    let mut duty = OBLIGATIONS[0].clone();
    duty.role = Some(Role::AffectedPerson);
    let had = OBLIGATIONS.iter().any(|o| o.role == Some(Role::AffectedPerson));
    obliged.obligations.push(duty);
    let after = map::build(obliged.source());
    let node = node_of(&after, NodeKind::Obligations(Some(Role::AffectedPerson))).unwrap();
    let count = OBLIGATIONS.iter().filter(|o| o.role == Some(Role::AffectedPerson)).count() + 1;
    assert_eq!(after.nodes[node].count, count);
    assert_eq!(after.nodes.len(), before.nodes.len() + usize::from(!had));
}

fn scenario(spec: &str) -> Scenario {
    let (dir, id) = spec.split_once('/').expect("shared/<id> or own/<id>");
    let dir = match dir {
        "shared" => concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/scenarios"),
        _ => concat!(env!("CARGO_MANIFEST_DIR"), "/tests/scenarios"),
    };
    let path = format!("{dir}/{id}.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    Scenario::parse(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn every_teaching_case_is_its_scenario_and_reaches_its_verdict() {
    assert!(PRESETS.len() >= 8);
    for preset in PRESETS.iter() {
        let scenario = scenario(preset.scenario);
        let facts = trainer::preset_facts(preset);
        let from_file = Facts::from_json(&scenario.facts).unwrap();
        assert_eq!(facts, from_file, "{} copies {} fact for fact", preset.id, preset.scenario);
        let outcome = check_facts(&scenario, &facts);
        assert!(outcome.failures.is_empty(), "{}: {:?}", preset.id, outcome.failures);
        // What the widget shows after loading the case: the answers its path keeps.
        let shown = assess(&replay(&facts, &trainer::on_day(&Facts::default(), day(&scenario_day(&facts)))));
        assert_eq!(shown.categories, outcome.assessment.unwrap().categories, "{}", preset.id);
    }
    let required = [
        ("extraterritorial_recruiting", "Art. 2(1)(c)"),
        ("no_eu_link", "Art. 2(1)"),
        ("chatbot", "Art. 50(1)"),
        ("workplace_emotions", "Art. 5(1)(f)"),
        ("emotions_safety_exception", "Art. 5(1)(f)"),
        ("cv_screening_profiling", "Art. 6(3)"),
        ("open_weights_systemic", "Art. 51(2)"),
        ("military", "Art. 2(3)"),
        ("rebranding_distributor", "Art. 25(1)(a)"),
    ];
    for (id, citation) in required {
        let preset = trainer::preset(id).unwrap_or_else(|| panic!("teaching case {id}"));
        let a = assess(&trainer::preset_facts(preset));
        assert!(a.citations.contains(&citation), "{id} cites {citation}: {:?}", a.citations);
    }
}

fn scenario_day(facts: &Facts) -> String {
    match facts.get(fact::AS_OF) {
        Some(Value::Date(d)) => d.to_string(),
        _ => "2026-11-22".into(),
    }
}

fn changed(id: &str, change: impl Fn(&mut Facts)) -> (Assessment, Assessment) {
    let facts = trainer::preset_facts(trainer::preset(id).unwrap());
    let mut after = facts;
    change(&mut after);
    (assess(&facts), assess(&after))
}

fn articles(obligations: &[ai_act_check::assessment::Obligation]) -> Vec<(&'static str, Option<&'static str>)> {
    let mut list: Vec<_> = obligations.iter().map(|o| (o.article(), o.role().map(Role::id))).collect();
    list.sort();
    list.dedup();
    list
}

#[test]
fn what_if_names_what_changed() {
    // CV screening without profiling: the Art. 6(3) derogation holds, the provider's high-risk
    // duties give way to documenting the assessment and registering (Art. 6(4), 49(2)).
    let (before, after) = changed("cv_screening_profiling", |f| f.set(fact::PROFILING, Some(Value::Bool(false))));
    let d = diff(&before, &after);
    assert_eq!(d.answers, [fact::PROFILING]);
    assert_eq!(d.in_scope, None);
    assert_eq!(d.categories_added, ["minimal"]);
    assert_eq!(d.categories_removed, ["high_risk"]);
    assert!(d.roles_added.is_empty() && d.roles_removed.is_empty());
    let added = articles(&d.obligations_added);
    let removed = articles(&d.obligations_removed);
    assert!(added.contains(&("Art. 6(4)", Some("provider"))), "{added:?}");
    assert!(removed.contains(&("Art. 16", Some("provider"))), "{removed:?}");
    assert!(!removed.iter().any(|(a, _)| *a == "Art. 4"), "AI literacy stays: {removed:?}");

    // The US employer whose shortlist is no longer used in the EU: out of scope, no role,
    // no duty left.
    let (before, after) =
        changed("extraterritorial_recruiting", |f| f.set(fact::OUTPUT_USED_IN_EU, Some(Value::Bool(false))));
    let d = diff(&before, &after);
    assert_eq!(d.answers, [fact::OUTPUT_USED_IN_EU]);
    assert_eq!(d.in_scope, Some((Some(true), Some(false))));
    assert_eq!(d.categories_added, ["out_of_scope"]);
    assert_eq!(d.categories_removed, ["high_risk"]);
    assert_eq!(d.roles_removed, [Role::Deployer]);
    assert!(d.obligations_added.is_empty());
    assert_eq!(articles(&d.obligations_removed), articles(&before.obligations));
    assert!(after.obligations.is_empty());

    // No change, no difference.
    let (before, after) = changed("chatbot", |_| {});
    assert!(diff(&before, &after).is_empty());
}

#[test]
fn the_timeline_shows_what_is_in_force_for_the_extraterritorial_case() {
    let facts = trainer::preset_facts(trainer::preset("extraterritorial_recruiting").unwrap());
    let on = |d: &str| {
        let a = assess(&trainer::on_day(&facts, day(d)));
        let (in_force, not_yet) = trainer::in_force(&a, day(d));
        let show = |list: &[ai_act_check::assessment::Obligation]| {
            list.iter().map(|o| format!("{} {}", o.article(), o.applies_from.unwrap())).collect::<Vec<_>>()
        };
        (show(&in_force), show(&not_yet))
    };
    // Before the Omnibus (in force 27 July 2026) Annex III duties were due on 2 August 2026.
    assert_eq!(
        on("2026-01-01"),
        (vec!["Art. 4 2025-02-02".to_string()], vec!["Art. 26 2026-08-02".into(), "Art. 86 2026-08-02".into()])
    );
    // After it, on 2 December 2027 (Art. 113 as amended).
    assert_eq!(
        on("2027-01-01"),
        (vec!["Art. 4 2025-02-02".to_string()], vec!["Art. 26 2027-12-02".into(), "Art. 86 2027-12-02".into()])
    );
    assert_eq!(
        on("2029-01-01"),
        (vec!["Art. 4 2025-02-02".to_string(), "Art. 26 2027-12-02".into(), "Art. 86 2027-12-02".into()], vec![])
    );
}

#[test]
fn the_timeline_marks_the_dates_obligations_start() {
    let marks: Vec<String> = trainer::timeline_marks().iter().map(Date::to_string).collect();
    for d in ["2025-02-02", "2025-08-02", "2026-08-02", "2026-12-02", "2027-12-02", "2028-08-02", "2030-08-02"] {
        assert!(marks.contains(&d.to_string()), "{d} is marked: {marks:?}");
    }
    assert!(marks.contains(&"2026-07-27".to_string()), "the Omnibus's entry into force is marked");
    assert!(marks.windows(2).all(|w| w[0] < w[1]));
    assert!(marks.iter().all(|m| m.as_str() >= "2024-08-01" && m.as_str() <= "2031-12-31"));
    let (first, last) = (trainer::TIMELINE_START, trainer::TIMELINE_END);
    assert_eq!(trainer::timeline_day(0), first);
    assert_eq!(trainer::timeline_day(trainer::timeline_position(last)), last);
    assert_eq!(trainer::timeline_day(trainer::timeline_position(day("2027-12-02"))), day("2027-12-02"));
}

#[test]
fn the_path_of_a_case_lights_up_its_nodes() {
    let map = map::build(Source::ruleset());
    let facts = trainer::preset_facts(trainer::preset("workplace_emotions").unwrap());
    let a = assess(&facts);
    let answered = map::answered(&facts);
    let states = map::states(&map, &answered, None, &a);
    let state = |kind| states[node_of(&map, kind).unwrap()];
    assert_eq!(state(NodeKind::Conclusion(rule_index("prohibited.emotion_recognition"))), NodeState::Reached);
    assert_eq!(state(NodeKind::Conclusion(rule_index("category.prohibited"))), NodeState::Reached);
    assert_eq!(state(NodeKind::Conclusion(rule_index("category.minimal"))), NodeState::NotReached);
    assert_eq!(state(NodeKind::Question(fact::ART5_PRACTICES)), NodeState::Answered);
    // A case half answered waits on its current question.
    let mut partial = Facts::default();
    partial.set(fact::SUBJECT, facts.get(fact::SUBJECT));
    let a = assess(&partial);
    let next = a.pending_facts().next().unwrap();
    let states = map::states(&map, &[fact::SUBJECT], Some(next), &a);
    assert_eq!(states[node_of(&map, NodeKind::Question(next)).unwrap()], NodeState::Current);
    assert_eq!(states.iter().filter(|s| **s == NodeState::Current).count(), 1);
}

#[test]
fn every_node_has_a_label_in_every_language() {
    let map = map::build(Source::ruleset());
    for lang in Lang::all() {
        for node in &map.nodes {
            let label = node.label(lang, &RULES, &FACTS);
            assert!(!label.trim().is_empty() && !label.contains('{'), "{}: {:?} has no label", lang.code(), node.kind);
        }
        for stage in MapStage::ALL {
            assert!(!lang.t(stage.title_key()).is_empty());
        }
        for p in PRESETS.iter() {
            assert!(!lang.t(&format!("preset.{}.story", p.id)).is_empty());
        }
    }
}
