//! Properties of the engine over random fact sets: any combination of answers (each fact
//! present or absent, with any valid value for its kind) on any day from 2024 to 2032.

use ai_act_check::assess;
use ai_act_check::date::Date;
use ai_act_check::facts::{Facts, Value};
use ai_act_check::questions::{self, AnswerKind};
use ai_act_check::ruleset::{fact, FactKind, FACTS, FACT_COUNT};
use proptest::prelude::*;

/// 2024-01-01 and 2032-12-31 as days since 1970-01-01.
const FIRST_DAY: i64 = 19_723;
const LAST_DAY: i64 = 23_375;

fn config(cases: u32) -> ProptestConfig {
    // No regression files: the suite writes nothing into the source tree.
    ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() }
}

fn day_from(n: i64) -> Date {
    Date::from_unix_days(n).expect("a day of the calendar")
}

fn any_day() -> impl Strategy<Value = Date> {
    (FIRST_DAY..=LAST_DAY).prop_map(day_from)
}

fn any_number() -> BoxedStrategy<f64> {
    prop_oneof![
        Just(0.0),
        Just(1e25),
        Just(1e23),
        0.0..1e30f64,
        any::<f64>().prop_filter_map("a finite non-negative number", |n| (n.is_finite() && n >= 0.0).then_some(n)),
    ]
    .boxed()
}

/// Any valid answer to fact `f`.
fn any_value(f: usize) -> BoxedStrategy<Value> {
    let def = &FACTS[f];
    let options = def.options.len();
    match def.kind {
        FactKind::Bool => prop_oneof![Just(Value::Bool(true)), Just(Value::Bool(false)), Just(Value::Unsure)].boxed(),
        FactKind::Enum => (0..options).prop_map(|i| Value::Enum(i as u8)).boxed(),
        FactKind::Set => {
            let all = (1u32 << options) - 1;
            prop_oneof![Just(0), (0..options).prop_map(|i| 1u32 << i), any::<u32>().prop_map(move |m| m & all)]
                .prop_map(Value::Set)
                .boxed()
        }
        FactKind::Number => any_number().prop_map(Value::Number).boxed(),
        FactKind::Date if def.not_yet => {
            prop_oneof![1 => Just(Value::NotYet), 4 => any_day().prop_map(Value::Date)].boxed()
        }
        FactKind::Date => any_day().prop_map(Value::Date).boxed(),
    }
}

/// Any fact set: each fact present with probability `present` or absent, `as_of` always set.
fn facts_with(present: f64) -> impl Strategy<Value = Facts> {
    let values: Vec<BoxedStrategy<Option<Value>>> = (0..FACT_COUNT)
        .map(|f| {
            if f == fact::AS_OF {
                any_day().prop_map(|d| Some(Value::Date(d))).boxed()
            } else {
                proptest::option::weighted(present, any_value(f)).boxed()
            }
        })
        .collect();
    values.prop_map(|values| {
        let mut facts = Facts::default();
        for (f, v) in values.into_iter().enumerate() {
            facts.set(f, v);
        }
        facts
    })
}

/// Random fact sets, a third of them sparse, a third nearly complete, and a third nearly
/// complete for a subject that qualifies and no Art. 2(3)-(8) exclusion (random answers alone
/// are rarely in scope).
fn any_facts() -> impl Strategy<Value = Facts> {
    let in_scope = facts_with(0.95).prop_map(|mut facts| {
        for f in [fact::INFERS_OUTPUTS, fact::AUTONOMY, fact::GPAI_GENERALITY] {
            facts.set(f, Some(Value::Bool(true)));
        }
        for f in [
            fact::MILITARY_DEFENCE_SECURITY_ONLY,
            fact::THIRD_COUNTRY_AUTHORITY_COOPERATION,
            fact::SCIENTIFIC_RESEARCH_ONLY,
            fact::PRE_MARKET_RND_ONLY,
        ] {
            facts.set(f, Some(Value::Bool(false)));
        }
        facts
    });
    prop_oneof![facts_with(0.6), facts_with(0.95), in_scope]
}

fn host(facts: &Facts) -> Facts {
    let mut host = Facts::default();
    host.set(fact::AS_OF, facts.get(fact::AS_OF));
    host
}

/// Whether every answer of `part` is also an answer of `whole`.
fn subset(part: &Facts, whole: &Facts) -> bool {
    (0..FACT_COUNT).all(|f| part.get(f).is_none() || part.get(f) == whole.get(f))
}

/// The facts a visitor sets by answering the questions in order, each answer picked by the
/// next number of `picks`: a path through the flow, complete when `picks` is long enough.
fn follow(as_of: Date, picks: &[u64]) -> (Facts, usize) {
    let mut facts = Facts::default();
    facts.set(fact::AS_OF, Some(Value::Date(as_of)));
    let mut asked = 0;
    for &pick in picks {
        let a = assess(&facts);
        let Some(next) = a.pending_facts().next() else { break };
        let q = questions::question_asking(next).expect("every pending fact has a question");
        assert!(facts.get(q.fact).is_none(), "question {} asked twice", q.id());
        let def = &FACTS[q.fact];
        match q.kind {
            AnswerKind::Single => {
                for &(f, v) in &q.choices[(pick % q.choices.len() as u64) as usize].sets {
                    facts.set(f, Some(v));
                }
            }
            AnswerKind::Multiple => {
                facts.set(q.fact, Some(Value::Set(pick as u32 & ((1u32 << def.options.len()) - 1))))
            }
            AnswerKind::Number => {
                let n = [0.0, 5e22, 1e25, 3e25, (pick >> 8) as f64 * 1e10][(pick % 5) as usize];
                facts.set(q.fact, Some(Value::Number(n)));
            }
            AnswerKind::Date => {
                let d = if def.not_yet && pick % 5 == 0 {
                    Value::NotYet
                } else {
                    Value::Date(day_from(FIRST_DAY + (pick >> 3) as i64 % (LAST_DAY - FIRST_DAY + 1)))
                };
                facts.set(q.fact, Some(d));
            }
        }
        asked += 1;
    }
    (facts, asked)
}

proptest! {
    #![proptest_config(config(20_000))]

    /// The core properties on any fact set (one `assess` each, so they share the cases).
    #[test]
    fn any_fact_set(facts in any_facts()) {
        let a = assess(&facts);

        // complete iff nothing is pending, in the struct and in its JSON; a pending fact is
        // one not answered yet.
        prop_assert_eq!(a.complete(), a.pending_facts().next().is_none());
        for f in a.pending_facts() {
            prop_assert!(facts.get(f).is_none(), "answered fact {} is pending", FACTS[f].id);
            prop_assert!(f != fact::AS_OF, "as_of is pending although set");
        }
        let json: serde_json::Value = serde_json::from_str(&a.to_json_string()).expect("the assessment is JSON");
        prop_assert_eq!(json["complete"].as_bool(), Some(a.complete()));
        prop_assert_eq!(json["pending"].as_array().map(Vec::len), Some(a.pending_facts().count()));

        // Out of scope: no roles, no obligations, no penalties.
        if a.in_scope == Some(false) {
            prop_assert!(a.roles.is_empty(), "roles {:?}", a.roles);
            prop_assert!(a.obligations.is_empty(), "obligations out of scope");
            prop_assert!(a.penalties.is_empty(), "penalties out of scope");
        }

        // A complete result: every obligation is someone's, or an Art. 5 prohibition.
        if a.complete() {
            prop_assert!(a.in_scope.is_some() && a.qualifies.is_some());
            for o in &a.obligations {
                prop_assert!(
                    o.role().is_some() || o.article().starts_with("Art. 5("),
                    "obligation {} has no role and is no prohibition", o.id()
                );
            }
        }

        // Deterministic.
        prop_assert_eq!(&assess(&facts), &a);
        prop_assert_eq!(assess(&facts).to_json_string(), a.to_json_string());

        // JSON round trip of the facts.
        prop_assert_eq!(Facts::from_json(&facts.to_json()).expect("the facts' own JSON parses"), facts);
    }
}

proptest! {
    // Replay assesses once per question answered, so fewer cases.
    #![proptest_config(config(10_000))]

    /// Replaying answers keeps only answers the flow asks for, unchanged, and is idempotent.
    #[test]
    fn replay_keeps_a_subset(facts in any_facts()) {
        let host = host(&facts);
        let kept = questions::replay(&facts, &host);
        prop_assert!(subset(&kept, &facts), "replay invented or changed an answer");
        prop_assert_eq!(kept.get(fact::AS_OF), facts.get(fact::AS_OF));
        prop_assert_eq!(questions::replay(&kept, &host), kept);
    }

    /// Answering the questions in order always ends in a complete result within one question
    /// per fact, and replaying a path's answers gives the path back.
    #[test]
    fn paths_complete_and_replay(as_of in any_day(), picks in proptest::collection::vec(any::<u64>(), FACT_COUNT)) {
        let (facts, asked) = follow(as_of, &picks);
        let a = assess(&facts);
        prop_assert!(a.complete(), "incomplete after {} questions: pending {:?}", asked,
            a.pending_facts().map(|f| FACTS[f].id).collect::<Vec<_>>());
        prop_assert!(asked < FACT_COUNT);
        prop_assert_eq!(questions::replay(&facts, &host(&facts)), facts);
    }
}
