//! Trainer mode's logic, apart from any screen: the teaching cases, what changes when an answer
//! changes (what-if), and which obligations of a case are in force on a given day (timeline).

use crate::assessment::{Assessment, Obligation};
use crate::date::Date;
use crate::facts::{Facts, Value};
use crate::ruleset::{fact, PresetDef, Role, DATES, FACTS, PRESETS, VERSIONS};

/// The timeline's first and last day: the Act's entry into force, and the end of the
/// transitions it sets (Art. 111, Art. 113).
pub const TIMELINE_START: Date = Date::from_packed(20240801);
pub const TIMELINE_END: Date = Date::from_packed(20311231);

/// The facts of a teaching case, its day (`as_of`) included.
pub fn preset_facts(preset: &PresetDef) -> Facts {
    let mut facts = Facts::default();
    for &(f, value) in preset.facts {
        facts.set(f, Some(value));
    }
    facts
}

/// A teaching case's answers (its facts without the day) and its day.
pub fn preset_answers(preset: &PresetDef) -> (Facts, Option<Date>) {
    let mut facts = preset_facts(preset);
    let day = match facts.get(fact::AS_OF) {
        Some(Value::Date(day)) => Some(day),
        _ => None,
    };
    facts.set(fact::AS_OF, None);
    (facts, day)
}

pub fn preset(id: &str) -> Option<&'static PresetDef> {
    PRESETS.iter().find(|p| p.id == id)
}

/// The same facts on another day.
pub fn on_day(facts: &Facts, day: Date) -> Facts {
    let mut facts = *facts;
    facts.set(fact::AS_OF, Some(Value::Date(day)));
    facts
}

/// What changed between the case as loaded and the case after the trainer's changes.
#[derive(Clone, PartialEq, Debug, Default)]
pub struct Diff {
    /// Facts answered differently (or answered in one case only); the day is not an answer.
    pub answers: Vec<usize>,
    pub in_scope: Option<(Option<bool>, Option<bool>)>,
    pub categories_added: Vec<&'static str>,
    pub categories_removed: Vec<&'static str>,
    pub roles_added: Vec<Role>,
    pub roles_removed: Vec<Role>,
    pub obligations_added: Vec<Obligation>,
    pub obligations_removed: Vec<Obligation>,
}

impl Diff {
    pub fn is_empty(&self) -> bool {
        *self == Diff::default()
    }
}

fn minus<T: PartialEq + Copy>(a: &[T], b: &[T]) -> Vec<T> {
    a.iter().filter(|x| !b.contains(x)).copied().collect()
}

/// Obligations are the same when they are the same duty of the same role; a changed date
/// counts as removed and added.
fn same(a: &Obligation, b: &Obligation) -> bool {
    a.def == b.def && a.applies_from == b.applies_from
}

pub fn diff(before: &Assessment, after: &Assessment) -> Diff {
    let answers = (0..FACTS.len()).filter(|&f| f != fact::AS_OF && before.facts.get(f) != after.facts.get(f)).collect();
    let only = |a: &[Obligation], b: &[Obligation]| -> Vec<Obligation> {
        a.iter().filter(|x| !b.iter().any(|y| same(x, y))).copied().collect()
    };
    Diff {
        answers,
        in_scope: (before.in_scope != after.in_scope).then_some((before.in_scope, after.in_scope)),
        categories_added: minus(&after.categories, &before.categories),
        categories_removed: minus(&before.categories, &after.categories),
        roles_added: minus(&after.roles, &before.roles),
        roles_removed: minus(&before.roles, &after.roles),
        obligations_added: only(&after.obligations, &before.obligations),
        obligations_removed: only(&before.obligations, &after.obligations),
    }
}

/// The case's obligations in force on the assessment's day, and those not yet: an obligation
/// is in force from its date on; one whose date is unsettled is in neither list.
pub fn in_force(assessment: &Assessment, day: Date) -> (Vec<Obligation>, Vec<Obligation>) {
    let dated = assessment.obligations.iter().filter(|o| o.applies_from.is_some());
    dated.partition(|o| o.applies_from.is_some_and(|from| from <= day))
}

/// The case's obligations whose date is unsettled (an open question, or a fact not given):
/// the timeline lists them apart rather than as in force or not.
pub fn unsettled(assessment: &Assessment) -> Vec<Obligation> {
    assessment.obligations.iter().filter(|o| o.applies_from.is_none()).copied().collect()
}

/// The days the timeline marks: every day on which a dated provision of the ruleset starts to
/// apply, and every day a new version of the law took effect, within the timeline.
pub fn timeline_marks() -> Vec<Date> {
    let mut days: Vec<Date> = DATES
        .iter()
        .flat_map(|d| d.values.iter().filter_map(|v| v.value))
        .chain(VERSIONS.iter().map(|v| v.from))
        .filter(|&d| (TIMELINE_START..=TIMELINE_END).contains(&d))
        .collect();
    days.sort();
    days.dedup();
    days
}

/// The day `n` days after the timeline's start (the slider's position), and back.
pub fn timeline_day(n: u32) -> Date {
    TIMELINE_START.plus_days(n).min(TIMELINE_END)
}

pub fn timeline_position(day: Date) -> u32 {
    TIMELINE_START.days_until(day.clamp(TIMELINE_START, TIMELINE_END))
}
