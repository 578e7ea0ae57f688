//! The exhaustive walk: every path a visitor can take through the questions, for several
//! `as_of` days, with every answer of every question (representative values for numbers and
//! dates, the empty set, each option and a few pairs for multiple-choice questions).
//!
//! From the host facts, the walk takes the first pending fact, finds the question that asks it
//! and branches on its answers until the assessment is complete. Every state it explores is
//! held to the contract's invariants, and the categories, reported rules, obligations, open
//! questions and questions reached on some complete path must cover the whole ruleset.
//!
//! States are memoised ([`analyse`]). Kleene evaluation is monotone: a decided condition keeps
//! its value whatever is answered later, and an undecided one depends only on its unknown atoms,
//! which are unanswered facts. So two states whose undecided conditions read the same, part by
//! part, are asked the same questions and have the same paths below them; only their decided
//! conditions differ, and those hold on every path below each of them. The key is therefore
//! the undecided part of every condition of the ruleset (rules, obligation and schedule
//! conditions, open questions), and the reach of a state is its decided part plus the reach
//! stored for its key. The only fact with a default reading, `monetised`, is set by its host
//! question, so it cannot change a decided condition later; `sme`, which the penalties read
//! directly, is in the key. Two checks keep the memo honest: the same walk with every reading
//! in the key, and walking subtrees path by path, must give the same paths and reach.
//!
//! Run `cargo test --release --test walk -- --nocapture` to see the path and state counts.
//! The benchmark includes this file (`#[path]`), so the helpers are public.

#![allow(dead_code)]

use ai_act_check::assess;
use ai_act_check::assessment::Assessment;
use ai_act_check::citation::is_canonical;
use ai_act_check::date::Date;
use ai_act_check::engine::{Evaluator, Tri, CATEGORY_RULES};
use ai_act_check::facts::{describe, Facts, Value};
use ai_act_check::questions::{self, AnswerKind};
use ai_act_check::ruleset::{
    fact, DateSpec, Expr, DATES, FACTS, OBLIGATIONS, OPEN_QUESTIONS, PENALTIES, RULES, SCHEDULES,
};
use std::collections::HashMap;

/// The `as_of` days the walk covers: before the Omnibus, between it and the Annex III date,
/// after the Annex III date, after the Annex I date, after every transitional deadline.
pub const WALK_DAYS: [&str; 5] = ["2025-01-15", "2026-11-22", "2027-12-15", "2028-09-01", "2031-01-01"];

/// Multiple-choice questions for which the walk tries every pair of options, besides the empty
/// set and each single option: the roles (which combine, Art. 3(8), Art. 25) and the Art. 50
/// uses (which accumulate, Art. 50(6)).
const ALL_PAIRS: [&str; 2] = ["roles", "art50_uses"];

/// Further pairs of options the walk tries.
const PAIRS: &[(&str, [&str; 2])] = &[
    ("art5_practices", ["emotion_work_education", "realtime_rbi_law_enforcement"]),
    ("art5_practices", ["manipulation", "sexual_deepfakes"]),
    ("art5_practices", ["crime_risk_profiling", "biometric_categorisation_sensitive"]),
    ("art5_practices", ["sexual_deepfakes", "csam"]),
    ("annex_iii_uses", ["2", "4a"]),
    ("annex_iii_uses", ["5b", "6d"]),
    ("annex_iii_uses", ["1a", "7d"]),
    ("annex_iii_uses", ["1c", "4b"]),
    ("art6_3_conditions", ["narrow_procedural_task", "preparatory_task"]),
];

/// Training compute values: below the indicative GPAI threshold, between, just below, exactly
/// at and above the systemic-risk presumption (Art. 51(2): "greater than 10^25").
pub const FLOP_VALUES: [f64; 5] = [0.0, 5e22, 5e24, 1e25, 3e25];

pub fn day(text: &str) -> Date {
    Date::parse(text).unwrap_or_else(|| panic!("{text} is a day"))
}

/// The day before `d`.
pub fn pred(d: Date) -> Date {
    if d.day() > 1 {
        return Date::new(d.year(), d.month(), d.day() - 1).expect("a day of the same month");
    }
    let (y, m) = if d.month() == 1 { (d.year() - 1, 12) } else { (d.year(), d.month() - 1) };
    (28..=31).rev().find_map(|last| Date::new(y, m, last)).expect("every month has a last day")
}

/// Every answer to the `placed_on_market_on` question the walk tries: "not yet", and the day
/// before and the day itself of every dated value of the ruleset.
pub fn date_answers() -> Vec<Value> {
    let mut days: Vec<Date> =
        DATES.iter().flat_map(|d| d.values.iter()).filter_map(|v| v.value).flat_map(|v| [pred(v), v]).collect();
    days.sort();
    days.dedup();
    std::iter::once(Value::NotYet).chain(days.into_iter().map(Value::Date)).collect()
}

/// Every answer the walk gives to the question asking `fact`: the facts each answer sets.
pub fn answers(q: &questions::Question) -> Vec<Vec<(usize, Value)>> {
    let def = &FACTS[q.fact];
    match q.kind {
        AnswerKind::Single => q.choices.iter().map(|c| c.sets.clone()).collect(),
        AnswerKind::Multiple => {
            let n = def.options.len();
            let mut sets = vec![0u32];
            sets.extend((0..n).map(|i| 1u32 << i));
            if ALL_PAIRS.contains(&def.id) {
                sets.extend((0..n).flat_map(|i| (i + 1..n).map(move |j| (1u32 << i) | (1 << j))));
            }
            let option = |o: &str| def.option_index(o).unwrap_or_else(|| panic!("{o} is an option of {}", def.id));
            sets.extend(
                PAIRS.iter().filter(|(id, _)| *id == def.id).map(|(_, [a, b])| (1u32 << option(a)) | (1 << option(b))),
            );
            sets.into_iter().map(|m| vec![(q.fact, Value::Set(m))]).collect()
        }
        AnswerKind::Number => FLOP_VALUES.iter().map(|&n| vec![(q.fact, Value::Number(n))]).collect(),
        AnswerKind::Date => {
            let mut all = date_answers();
            if !def.not_yet {
                all.retain(|v| *v != Value::NotYet);
            }
            all.into_iter().map(|v| vec![(q.fact, v)]).collect()
        }
    }
}

const FALSE: u8 = 0;
const TRUE: u8 = 1;
const UNKNOWN: u8 = 2;
/// A condition already decided, whose value the future no longer depends on.
const DECIDED: u8 = 3;

fn tri_code(t: Tri) -> u8 {
    match t {
        Tri::False => FALSE,
        Tri::True => TRUE,
        Tri::Unknown => UNKNOWN,
    }
}

/// The three-valued reading of `e` and, when it is undecided, of its parts.
fn push_tree(ev: &mut Evaluator, e: &Expr, out: &mut Vec<u8>) {
    let value = ev.eval(e).value;
    out.push(tri_code(value));
    if value == Tri::Unknown {
        match e {
            Expr::Not(inner) => push_tree(ev, inner, out),
            Expr::And(items) | Expr::Or(items) => {
                for item in items.iter() {
                    push_tree(ev, item, out);
                }
            }
            _ => {}
        }
    }
}

/// Every condition's reading, down to the unknown atoms of the undecided ones, and `sme`.
pub fn full_key(facts: &Facts) -> Vec<u8> {
    let mut ev = Evaluator::new(facts);
    let mut out = Vec::with_capacity(1024);
    for rule in RULES.iter() {
        push_tree(&mut ev, &rule.when, &mut out);
    }
    for def in OBLIGATIONS.iter() {
        push_tree(&mut ev, &def.when, &mut out);
        for case in SCHEDULES[def.schedule].cases {
            push_tree(&mut ev, &case.when, &mut out);
        }
    }
    for def in OPEN_QUESTIONS.iter() {
        push_tree(&mut ev, &def.when, &mut out);
    }
    out.push(match facts.get(fact::SME) {
        Some(Value::Bool(false)) => FALSE,
        Some(Value::Bool(true)) => TRUE,
        Some(_) => UNKNOWN,
        None => DECIDED,
    });
    out
}

/// Whether obligation `index` is listed, once that is decided.
fn obligation_listed(ev: &mut Evaluator, index: usize) -> Option<bool> {
    let def = &OBLIGATIONS[index];
    match ev.eval(&def.when).value {
        Tri::False => return Some(false),
        Tri::Unknown => return None,
        Tri::True => {}
    }
    for case in SCHEDULES[def.schedule].cases {
        match ev.eval(&case.when).value {
            Tri::False => continue,
            Tri::Unknown => return None,
            Tri::True => {
                return Some(match case.date {
                    DateSpec::Omit => false,
                    DateSpec::Undated => true,
                    DateSpec::On(d) => ev.date(d).expect("as_of is set").is_some(),
                })
            }
        }
    }
    Some(false)
}

/// A state's memo key and what every complete path below it reaches already.
///
/// The key holds the undecided part of the ruleset: each undecided condition with the
/// readings of its parts (a decided part of an undecided condition is recorded with its
/// value). Decided conditions are recorded as decided only: their values are the same on every
/// path below the state, and go to the returned reach instead. Whether `sme` will be asked
/// depends on a decided obligation too, so the key records that.
pub fn analyse(facts: &Facts) -> (Vec<u8>, Reach) {
    let mut ev = Evaluator::new(facts);
    let mut out = Vec::with_capacity(512);
    let mut decided = Reach::default();
    for (i, rule) in RULES.iter().enumerate() {
        match ev.rule(i).value {
            Tri::Unknown => push_tree(&mut ev, &rule.when, &mut out),
            value => {
                out.push(DECIDED);
                if value == Tri::True && rule.report {
                    decided.rules |= 1 << i;
                }
            }
        }
    }
    for (c, &(_, rule)) in CATEGORY_RULES.iter().enumerate() {
        if ev.rule(rule).value == Tri::True {
            decided.categories |= 1 << c;
        }
    }
    let mut exposed = false;
    for (i, def) in OBLIGATIONS.iter().enumerate() {
        match obligation_listed(&mut ev, i) {
            Some(listed) => {
                out.push(DECIDED);
                if listed {
                    decided.obligations |= 1 << i;
                    exposed |= PENALTIES.iter().any(|p| p.covers.contains(&def.article));
                }
            }
            None => {
                push_tree(&mut ev, &def.when, &mut out);
                for case in SCHEDULES[def.schedule].cases {
                    push_tree(&mut ev, &case.when, &mut out);
                }
            }
        }
    }
    for (i, def) in OPEN_QUESTIONS.iter().enumerate() {
        match ev.eval(&def.when).value {
            Tri::Unknown => push_tree(&mut ev, &def.when, &mut out),
            value => {
                out.push(DECIDED);
                if value == Tri::True {
                    decided.open_questions |= 1 << i;
                }
            }
        }
    }
    let sme = match (facts.get(fact::SME), exposed) {
        (Some(_), _) => 0,
        (None, true) => 1,
        (None, false) => 2,
    };
    // Four readings to a byte; the length keeps a short key apart from a padded longer one.
    let mut key: Vec<u8> = out.chunks(4).map(|c| c.iter().fold(0u8, |acc, &v| (acc << 2) | v)).collect();
    key.extend_from_slice(&(out.len() as u16).to_le_bytes());
    key.push(sme);
    (key, decided)
}

/// What the complete paths below a state reach.
#[derive(Clone, Copy, Default, PartialEq, Eq, Debug)]
pub struct Reach {
    pub paths: u128,
    pub categories: u16,
    pub rules: u128,
    pub obligations: u64,
    pub open_questions: u64,
}

impl Reach {
    pub fn add(&mut self, other: &Reach) {
        self.paths += other.paths;
        self.categories |= other.categories;
        self.rules |= other.rules;
        self.obligations |= other.obligations;
        self.open_questions |= other.open_questions;
    }
}

/// How the walk recognises states it has seen.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Memo {
    /// By [`analyse`]: the undecided part of the ruleset (the walk proper).
    Undecided,
    /// By [`full_key`]: every condition's reading, decided or not (a check on `Undecided`).
    Full,
    /// Not at all: every path is walked (a check on both, for small subtrees).
    Off,
}

pub struct Walk {
    pub as_of: Date,
    mode: Memo,
    memo: HashMap<Vec<u8>, Reach>,
    /// States explored (not found in the memo).
    pub explored: usize,
    /// Questions asked on some path (bit per fact of the question).
    pub asked: u64,
    pub failures: Vec<String>,
    pub failure_count: usize,
    /// The answers that led to the state being explored, for failure messages.
    trail: Vec<String>,
}

impl Walk {
    pub fn new(as_of: Date, mode: Memo) -> Walk {
        assert!(
            RULES.len() <= 128 && OBLIGATIONS.len() <= 64 && OPEN_QUESTIONS.len() <= 64,
            "the reach masks are too narrow for the ruleset"
        );
        Walk {
            as_of,
            mode,
            memo: HashMap::new(),
            explored: 0,
            asked: 0,
            failures: Vec::new(),
            failure_count: 0,
            trail: Vec::new(),
        }
    }

    fn fail(&mut self, message: String) {
        self.failure_count += 1;
        if self.failures.len() < 25 {
            self.failures.push(format!("as_of {}: {message}\n    after: {}", self.as_of, self.trail.join(", ")));
        }
    }

    /// Walks every path from the host facts.
    pub fn run(&mut self) -> Reach {
        let mut facts = Facts::default();
        facts.set(fact::AS_OF, Some(Value::Date(self.as_of)));
        self.visit(&facts)
    }

    /// Walks every path from `facts` (which must hold this walk's `as_of`).
    pub fn run_from(&mut self, facts: &Facts) -> Reach {
        assert_eq!(facts.get(fact::AS_OF), Some(Value::Date(self.as_of)));
        self.visit(facts)
    }

    /// The reach of the complete paths below `facts`. With [`Memo::Undecided`] the memo holds,
    /// per key, the paths below the first state explored with it and their reach; a state with
    /// the same key has the same paths, and its own decided conditions in place of the first
    /// state's.
    fn visit(&mut self, facts: &Facts) -> Reach {
        let (key, decided) = match self.mode {
            Memo::Undecided => analyse(facts),
            Memo::Full => (full_key(facts), Reach::default()),
            Memo::Off => (Vec::new(), Reach::default()),
        };
        if let Some(below) = self.memo.get(&key) {
            let mut reach = decided;
            reach.add(below);
            return reach;
        }
        self.explored += 1;
        let a = assess(facts);
        for problem in invariants(&a, self.as_of) {
            self.fail(problem);
        }
        let reach = if a.complete() {
            let leaf = leaf_reach(&a);
            if self.mode == Memo::Undecided && leaf != (Reach { paths: 1, ..decided }) {
                self.fail(format!("the walk reads the result as {decided:?}, assess as {leaf:?}"));
            }
            leaf
        } else {
            self.branch(facts, &a)
        };
        if self.mode != Memo::Off {
            self.memo.insert(key, reach);
        }
        reach
    }

    fn branch(&mut self, facts: &Facts, a: &Assessment) -> Reach {
        let mut reach = Reach::default();
        let Some(next) = a.pending_facts().next() else {
            self.fail("dead end: incomplete with no pending fact".into());
            return reach;
        };
        let Some(q) = questions::question_asking(next) else {
            self.fail(format!("dead end: pending fact {} has no question", FACTS[next].id));
            return reach;
        };
        if facts.get(q.fact).is_some() {
            self.fail(format!("question {} asked again for pending fact {}", q.id(), FACTS[next].id));
            return reach;
        }
        if q.fact != next && !q.also_sets.contains(&next) {
            self.fail(format!("question {} does not set pending fact {}", q.id(), FACTS[next].id));
            return reach;
        }
        self.asked |= 1 << q.fact;
        for sets in answers(&q) {
            let mut child = *facts;
            for &(f, v) in &sets {
                child.set(f, Some(v));
            }
            self.trail.push(sets.iter().map(|&(f, v)| describe(f, v)).collect::<Vec<_>>().join(" "));
            let below = self.visit(&child);
            self.trail.pop();
            reach.add(&below);
        }
        reach
    }
}

fn leaf_reach(a: &Assessment) -> Reach {
    let mut reach = Reach { paths: 1, ..Reach::default() };
    for (i, (name, _)) in CATEGORY_RULES.iter().enumerate() {
        if a.categories.contains(name) {
            reach.categories |= 1 << i;
        }
    }
    for t in &a.trace {
        reach.rules |= 1 << t.rule;
    }
    for o in &a.obligations {
        reach.obligations |= 1 << o.def;
    }
    for &q in &a.open_questions {
        reach.open_questions |= 1 << q;
    }
    reach
}

const CLASSES: [&str; 5] = ["prohibited", "high_risk", "transparency", "gpai", "gpai_systemic"];

/// Records a problem, formatting its message only when there is one.
macro_rules! ensure {
    ($problems:ident, $ok:expr, $($message:tt)+) => {
        if !$ok {
            $problems.push(format!($($message)+));
        }
    };
}

/// The contract's invariants for one assessment; complete ones are held to all of them.
pub fn invariants(a: &Assessment, as_of: Date) -> Vec<String> {
    let mut problems = Vec::new();
    let p = &mut problems;
    if a.in_scope == Some(false) {
        ensure!(p, a.roles.is_empty(), "out of scope with roles: {}", a.to_json_string());
        ensure!(p, a.obligations.is_empty(), "out of scope with obligations: {}", a.to_json_string());
        ensure!(p, a.penalties.is_empty(), "out of scope with penalties: {}", a.to_json_string());
    }
    for c in a.citations.iter().chain(&a.scope_basis).chain(&a.exclusions) {
        ensure!(p, is_canonical(c), "citation {c:?} is not canonical");
    }
    for o in &a.obligations {
        ensure!(p, is_canonical(o.article()), "obligation article {:?} is not canonical", o.article());
        ensure!(
            p,
            o.in_force == o.applies_from.map(|from| as_of >= from),
            "obligation {} in_force {:?} for applies_from {:?} on {as_of}",
            o.id(),
            o.in_force,
            o.applies_from
        );
        match o.role() {
            Some(role) => {
                ensure!(p, a.roles.contains(&role), "obligation {} of role {} not among the roles", o.id(), role.id())
            }
            None => ensure!(p, o.article().starts_with("Art. 5("), "obligation {} has no role", o.id()),
        }
    }
    for pen in &a.penalties {
        let def = &PENALTIES[pen.def];
        ensure!(p, is_canonical(def.citation), "penalty citation {:?} is not canonical", def.citation);
        ensure!(
            p,
            a.obligations.iter().any(|o| def.covers.contains(&o.article())),
            "penalty {} without an obligation it covers",
            def.id
        );
    }
    for &q in &a.open_questions {
        let c = OPEN_QUESTIONS[q].citation;
        ensure!(p, is_canonical(c), "open question {} citation {c:?} is not canonical", OPEN_QUESTIONS[q].id);
    }
    for t in &a.trace {
        let rule = &RULES[t.rule];
        ensure!(p, rule.report, "the trace names the helper rule {}", rule.id);
        ensure!(p, is_canonical(rule.citation), "trace rule {} citation {:?} is not canonical", rule.id, rule.citation);
    }
    ensure!(p, a.pending & (1 << fact::AS_OF) == 0, "as_of is pending although the host set it");
    if !a.complete() {
        return problems;
    }
    ensure!(p, a.qualifies.is_some(), "complete without qualifies: {}", a.to_json_string());
    ensure!(p, a.in_scope.is_some(), "complete without in_scope: {}", a.to_json_string());
    ensure!(p, !a.categories.is_empty(), "complete without categories: {}", a.to_json_string());
    let has = |c: &str| a.categories.contains(&c);
    if has("minimal") {
        ensure!(
            p,
            a.in_scope == Some(true) && !CLASSES.iter().any(|c| has(c)),
            "minimal with another class or out of scope: {:?}",
            a.categories
        );
    }
    if has("prohibited") {
        ensure!(p, a.categories == ["prohibited"], "prohibited does not stand alone: {:?}", a.categories);
    }
    let outside = has("not_ai_system") || has("out_of_scope") || has("excluded");
    ensure!(p, (a.in_scope == Some(false)) == outside, "in_scope {:?} with categories {:?}", a.in_scope, a.categories);
    if a.in_scope == Some(true) {
        ensure!(p, CLASSES.iter().any(|c| has(c)) || has("minimal"), "in scope without a class: {:?}", a.categories);
        ensure!(p, !a.scope_basis.is_empty(), "in scope without a scope basis: {}", a.to_json_string());
    }
    if a.qualifies == Some(false) {
        ensure!(
            p,
            a.in_scope == Some(false) && a.categories.iter().all(|c| ["not_ai_system", "out_of_scope"].contains(c)),
            "does not qualify, with in_scope {:?} and categories {:?}",
            a.in_scope,
            a.categories
        );
    }
    if has("not_ai_system") {
        ensure!(p, a.qualifies == Some(false), "not_ai_system with qualifies {:?}", a.qualifies);
    }
    problems
}

pub struct DayResult {
    pub as_of: Date,
    pub reach: Reach,
    pub states: usize,
    pub asked: u64,
    pub failures: Vec<String>,
    pub failure_count: usize,
    pub seconds: f64,
}

pub fn walk_day(as_of: Date) -> DayResult {
    let start = std::time::Instant::now();
    let mut walk = Walk::new(as_of, Memo::Undecided);
    let reach = walk.run();
    DayResult {
        as_of,
        reach,
        states: walk.explored,
        asked: walk.asked,
        failures: walk.failures,
        failure_count: walk.failure_count,
        seconds: start.elapsed().as_secs_f64(),
    }
}

fn missing<'a>(names: impl Iterator<Item = (usize, &'a str)>, reached: impl Fn(usize) -> bool) -> Vec<&'a str> {
    names.filter(|&(i, _)| !reached(i)).map(|(_, n)| n).collect()
}

#[test]
fn exhaustive_walk() {
    let days: Vec<Date> = WALK_DAYS.iter().map(|d| day(d)).collect();
    let results: Vec<DayResult> = std::thread::scope(|s| {
        let handles: Vec<_> = days.iter().map(|&d| s.spawn(move || walk_day(d))).collect();
        handles.into_iter().map(|h| h.join().expect("the walk does not panic")).collect()
    });

    let mut total = Reach::default();
    let mut asked = 0u64;
    let mut failures = Vec::new();
    for r in &results {
        println!(
            "walk as_of {}: {} complete paths, {} distinct states, {:.2} s",
            r.as_of, r.reach.paths, r.states, r.seconds
        );
        assert!(r.reach.paths > 0, "as_of {}: no complete path", r.as_of);
        total.add(&r.reach);
        asked |= r.asked;
        if r.failure_count > 0 {
            failures.push(format!("as_of {}: {} problems", r.as_of, r.failure_count));
            failures.extend(r.failures.iter().cloned());
        }
    }
    println!("walk total: {} complete paths", total.paths);
    assert!(failures.is_empty(), "the walk found problems:\n{}", failures.join("\n"));

    let mut unreached = Vec::new();
    let categories = missing(CATEGORY_RULES.iter().map(|c| c.0).enumerate(), |i| total.categories & 1 << i != 0);
    if !categories.is_empty() {
        unreached.push(format!("categories: {categories:?}"));
    }
    let rules = missing(RULES.iter().enumerate().filter(|(_, r)| r.report).map(|(i, r)| (i, r.id)), |i| {
        total.rules & 1 << i != 0
    });
    if !rules.is_empty() {
        unreached.push(format!("reported rules: {rules:?}"));
    }
    let obligations = missing(OBLIGATIONS.iter().map(|o| o.id).enumerate(), |i| total.obligations & 1 << i != 0);
    if !obligations.is_empty() {
        unreached.push(format!("obligations: {obligations:?}"));
    }
    let open = missing(OPEN_QUESTIONS.iter().map(|q| q.id).enumerate(), |i| total.open_questions & 1 << i != 0);
    if !open.is_empty() {
        unreached.push(format!("open questions: {open:?}"));
    }
    let never_asked = missing(questions::catalogue().iter().map(|q| (q.fact, q.id())), |f| asked & 1 << f != 0);
    if !never_asked.is_empty() {
        unreached.push(format!("questions never asked: {never_asked:?}"));
    }
    assert!(unreached.is_empty(), "unreachable on every complete path of the walk:\n{}", unreached.join("\n"));

    // Art. 5(1)(ba) and (bb) exist only in the law as amended by Reg. (EU) 2026/1744: no path
    // reaches them while the original text is the law.
    let obligation = |id: &str| OBLIGATIONS.iter().position(|o| o.id == id).expect("an obligation of the ruleset");
    let rule = |id: &str| RULES.iter().position(|r| r.id == id).expect("a rule of the ruleset");
    for r in &results {
        let amended = r.as_of >= day("2026-07-27");
        for id in ["prohibition.sexual_deepfakes", "prohibition.csam"] {
            assert_eq!(r.reach.obligations & 1 << obligation(id) != 0, amended, "{id} on {}", r.as_of);
        }
        for id in ["prohibited.sexual_deepfakes", "prohibited.csam"] {
            assert_eq!(r.reach.rules & 1 << rule(id) != 0, amended, "{id} on {}", r.as_of);
        }
    }
}

#[test]
fn every_option_citation_is_canonical() {
    // The walk checks the citations it meets; the option citations are checked here for all.
    for def in FACTS.iter() {
        assert!(is_canonical(def.citation), "fact {} citation {:?}", def.id, def.citation);
        for o in def.options {
            assert!(is_canonical(o.citation), "option {}.{} citation {:?}", def.id, o.id, o.citation);
        }
    }
}

#[test]
fn pred_is_the_inverse_of_succ() {
    let mut d = day("2024-01-01");
    while d <= day("2032-12-31") {
        assert_eq!(pred(d.succ()), d);
        d = d.succ();
    }
}

/// The facts of a shared scenario.
fn scenario_facts(id: &str) -> Facts {
    let path = format!("{}/../shared/scenarios/{id}.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let json: serde_json::Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    Facts::from_json(&json["facts"]).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The answers of a scenario to the questions before `first_open`, and its `as_of`: a state
/// part-way through the questions.
fn prefix(id: &str, first_open: usize) -> (Facts, Date) {
    let mut facts = scenario_facts(id);
    let Some(Value::Date(as_of)) = facts.get(fact::AS_OF) else { panic!("{id} has an as_of") };
    facts.retain(((1u64 << first_open) - 1) | (1 << fact::AS_OF));
    (facts, as_of)
}

fn walk_from(facts: &Facts, as_of: Date, mode: Memo) -> (Reach, u64, usize) {
    let mut walk = Walk::new(as_of, mode);
    let reach = walk.run_from(facts);
    assert!(walk.failures.is_empty(), "{:?}: {}", mode, walk.failures.join("\n"));
    (reach, walk.asked, walk.explored)
}

const PREFIX_SCENARIOS: [&str; 8] = [
    "extraterritorial-recruiting",
    "gpai-systemic-legacy-non-eu",
    "chemical-plant-panic-detection",
    "legacy-benefits-system-public-authority",
    "retailer-chatbot-provider",
    "medical-device-ai-section-a",
    "nudify-app-before-2026-12-02",
    "distributor-rebrands-hr-system",
];

/// The memo by undecided conditions gives the same paths, reach and questions as walking
/// every path, from states late in the questions.
#[test]
fn memo_agrees_with_walking_every_path() {
    const MAX_PATHS: u128 = 30_000;
    let mut walked = 0;
    for id in PREFIX_SCENARIOS {
        // The earliest state of the scenario whose subtree is small enough to walk path by path.
        let mut chosen = None;
        for first_open in (fact::SUBJECT..fact::AS_OF).rev() {
            let (facts, as_of) = prefix(id, first_open);
            let memo = walk_from(&facts, as_of, Memo::Undecided);
            if memo.0.paths > MAX_PATHS {
                break;
            }
            chosen = Some((facts, as_of, memo));
        }
        let (facts, as_of, memo) = chosen.expect("the complete scenario is a single path");
        let every = walk_from(&facts, as_of, Memo::Off);
        assert_eq!((memo.0, memo.1), (every.0, every.1), "{id}: the memo walk differs from walking every path");
        assert!(every.0.paths > 300, "{id}: the subtree is too small to test anything");
        walked += every.0.paths;
        println!("{id}: {} paths walked one by one, {} states by undecided conditions", every.0.paths, memo.2);
    }
    assert!(walked > 60_000, "only {walked} paths walked one by one");
}

/// The memo by undecided conditions gives the same paths, reach and questions as the memo by
/// every condition's reading, from states earlier in the questions.
#[test]
fn memo_agrees_with_full_readings() {
    for id in PREFIX_SCENARIOS {
        let (facts, as_of) = prefix(id, fact::ANNEX_III_USES);
        let undecided = walk_from(&facts, as_of, Memo::Undecided);
        let full = walk_from(&facts, as_of, Memo::Full);
        assert_eq!((undecided.0, undecided.1), (full.0, full.1), "{id}: the two memo walks differ");
        println!(
            "{id}: {} paths, {} states by undecided conditions, {} by full readings",
            full.0.paths, undecided.2, full.2
        );
    }
}
