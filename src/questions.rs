//! The question catalogue: one question per fact the visitor answers (a yes/no fact asked
//! together with another shares its question), in the order of the fact catalogue. The widget
//! words and translates them; the ids and answers here are what it sends back.

use crate::engine::assess;
use crate::facts::{Facts, Value};
use crate::ruleset::{FactKind, Stage, FACTS};

/// How a question is answered.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum AnswerKind {
    /// One of its answers (radio buttons).
    Single,
    /// Any number of its options, none included (checkboxes).
    Multiple,
    Number,
    /// A day, or "not yet" where the fact allows it.
    Date,
}

/// One choice of a single-choice question and the facts it sets.
#[derive(Clone, Debug, PartialEq)]
pub struct Choice {
    pub id: &'static str,
    pub sets: Vec<(usize, Value)>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Question {
    /// The id of the fact it asks (and of the question).
    pub fact: usize,
    /// Further facts its answers set.
    pub also_sets: Vec<usize>,
    pub kind: AnswerKind,
    /// The answers of a single-choice question; the options of a multiple-choice one are the
    /// fact's options.
    pub choices: Vec<Choice>,
}

impl Question {
    pub fn id(&self) -> &'static str {
        FACTS[self.fact].id
    }

    pub fn stage(&self) -> Stage {
        FACTS[self.fact].stage
    }

    pub fn citation(&self) -> &'static str {
        FACTS[self.fact].citation
    }

    /// Whether "not sure" is one of its answers.
    pub fn accepts_unsure(&self) -> bool {
        FACTS[self.fact].kind == FactKind::Bool
    }
}

/// The catalogue, in asking order. Host facts (as_of) and qualifiers are not asked.
pub fn catalogue() -> Vec<Question> {
    (0..FACTS.len()).filter_map(question_for).collect()
}

/// The question that asks fact `f` (itself, or its host question).
pub fn question_asking(f: usize) -> Option<Question> {
    question_for(FACTS[f].asked_with.unwrap_or(f))
}

fn question_for(f: usize) -> Option<Question> {
    let def = &FACTS[f];
    if def.host || def.qualifier || def.asked_with.is_some() {
        return None;
    }
    let guests: Vec<usize> = (0..FACTS.len()).filter(|&g| FACTS[g].asked_with == Some(f)).collect();
    let (kind, choices) = match def.kind {
        FactKind::Bool => {
            let mut choices = vec![Choice { id: "yes", sets: vec![(f, Value::Bool(true))] }];
            // A guest splits "yes": `yes` (guest no) and `yes_<guest>` (guest yes).
            for &g in &guests {
                choices[0].sets.push((g, Value::Bool(false)));
                choices.push(Choice {
                    id: guest_choice_id(g),
                    sets: vec![(f, Value::Bool(true)), (g, Value::Bool(true))],
                });
            }
            choices.push(Choice { id: "no", sets: vec![(f, Value::Bool(false))] });
            choices.push(Choice { id: "unsure", sets: vec![(f, Value::Unsure)] });
            (AnswerKind::Single, choices)
        }
        FactKind::Enum => (
            AnswerKind::Single,
            def.options
                .iter()
                .enumerate()
                .map(|(i, o)| Choice { id: o.id, sets: vec![(f, Value::Enum(i as u8))] })
                .collect(),
        ),
        FactKind::Set => (AnswerKind::Multiple, Vec::new()),
        FactKind::Number => (AnswerKind::Number, Vec::new()),
        FactKind::Date => (AnswerKind::Date, Vec::new()),
    };
    Some(Question { fact: f, also_sets: guests, kind, choices })
}

fn guest_choice_id(guest: usize) -> &'static str {
    match FACTS[guest].id {
        "monetised" => "yes_monetised",
        _ => "yes_also",
    }
}

/// The catalogue as JSON, for `ai-act-check questions`.
#[cfg(not(target_arch = "wasm32"))]
pub fn catalogue_json() -> serde_json::Value {
    use serde_json::{json, Value as Json};
    Json::Array(
        catalogue()
            .iter()
            .map(|q| {
                let def = &FACTS[q.fact];
                let kind = match q.kind {
                    AnswerKind::Single => "single",
                    AnswerKind::Multiple => "multiple",
                    AnswerKind::Number => "number",
                    AnswerKind::Date => "date",
                };
                let options: Vec<Json> = match q.kind {
                    AnswerKind::Single => q.choices.iter().map(|c| json!(c.id)).collect(),
                    AnswerKind::Multiple => def.options.iter().map(|o| json!({"id": o.id, "citation": o.citation})).collect(),
                    AnswerKind::Date if def.not_yet => vec![json!("not_yet")],
                    _ => Vec::new(),
                };
                json!({
                    "id": q.id(),
                    "sets": std::iter::once(q.fact).chain(q.also_sets.iter().copied()).map(|f| FACTS[f].id).collect::<Vec<_>>(),
                    "stage": q.stage().id(),
                    "kind": kind,
                    "options": options,
                    "unsure": q.accepts_unsure(),
                    "citation": q.citation(),
                    "help": format!("question.{}.help", q.id()),
                })
            })
            .collect(),
    )
}

/// The answers of `answers` that still matter: the flow is replayed from the host facts,
/// taking each pending question's earlier answer, and stops at the first one not answered.
/// Used when the visitor edits an earlier answer.
pub fn replay(answers: &Facts, host: &Facts) -> Facts {
    replay_with_order(answers, host).0
}

/// As [`replay`], with the questions answered in the order they were asked.
pub fn replay_with_order(answers: &Facts, host: &Facts) -> (Facts, Vec<usize>) {
    let mut kept = *host;
    let mut order = Vec::new();
    loop {
        let a = assess(&kept);
        let Some(next) = a.pending_facts().next() else {
            break;
        };
        let Some(q) = question_asking(next) else {
            break;
        };
        let Some(value) = answers.get(q.fact) else {
            break;
        };
        kept.set(q.fact, Some(value));
        for &g in &q.also_sets {
            kept.set(g, answers.get(g));
        }
        order.push(q.fact);
    }
    (kept, order)
}
