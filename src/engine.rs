//! The classifier: facts in, assessment out. A pure function of the answers and the ruleset.
//!
//! Conditions are read in three-valued (Kleene) logic: a condition over an unanswered fact is
//! undecided unless the answered facts already settle it. The questions still pending are the
//! unanswered facts of the undecided parts of the result, so relevance and order follow from
//! the rules and from the order of the fact catalogue, not from hand-written navigation.

use crate::assessment::{Assessment, Obligation, Penalty, TraceEntry};
use crate::date::Date;
use crate::facts::{Facts, Value};
use crate::ruleset::{
    fact, rule, version_on, DateOp, DateSpec, Expr, NumOp, Role, RuleKind, DATES, DATE_COUNT, FACTS, OBLIGATIONS,
    OPEN_QUESTIONS, PENALTIES, RULES, RULE_COUNT, SCHEDULES,
};

/// A three-valued truth value.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Tri {
    True,
    False,
    Unknown,
}

/// The reading of one condition: its value, the facts that settled it (when known) and the
/// unanswered facts that could still settle it (when unknown).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Reading {
    pub value: Tri,
    pub used: u64,
    pub needed: u64,
}

impl Reading {
    const fn known(value: bool, used: u64) -> Reading {
        Reading { value: if value { Tri::True } else { Tri::False }, used, needed: 0 }
    }

    const fn unknown(needed: u64) -> Reading {
        Reading { value: Tri::Unknown, used: 0, needed }
    }
}

const AS_OF: u64 = 1 << fact::AS_OF;

/// Reads conditions against one set of facts, each rule at most once.
pub struct Evaluator<'a> {
    facts: &'a Facts,
    as_of: Option<Date>,
    /// The dated values as the law stood on `as_of` (None: not in that version of the law).
    dates: [Option<Date>; DATE_COUNT],
    memo: [Option<Reading>; RULE_COUNT],
}

impl<'a> Evaluator<'a> {
    pub fn new(facts: &'a Facts) -> Evaluator<'a> {
        let as_of = match facts.get(fact::AS_OF) {
            Some(Value::Date(d)) => Some(d),
            _ => None,
        };
        let mut dates = [None; DATE_COUNT];
        if let Some(day) = as_of {
            for (slot, def) in dates.iter_mut().zip(DATES.iter()) {
                *slot = def.entry_on(day).value;
            }
        }
        Evaluator { facts, as_of, dates, memo: [None; RULE_COUNT] }
    }

    pub fn as_of(&self) -> Option<Date> {
        self.as_of
    }

    /// A dated value as the law stood on `as_of` (inner None: not in that version of the law);
    /// None when `as_of` is not known.
    pub fn date(&self, id: usize) -> Option<Option<Date>> {
        self.as_of.map(|_| self.dates[id])
    }

    pub fn rule(&mut self, id: usize) -> Reading {
        if let Some(reading) = self.memo[id] {
            return reading;
        }
        let reading = self.eval(&RULES[id].when);
        self.memo[id] = Some(reading);
        reading
    }

    pub fn eval(&mut self, expr: &Expr) -> Reading {
        match *expr {
            Expr::True => Reading::known(true, 0),
            Expr::False => Reading::known(false, 0),
            Expr::Bool(f) => {
                let bit = 1 << f;
                match self.facts.get(f) {
                    Some(Value::Bool(b)) => Reading::known(b, bit),
                    Some(Value::Unsure) => Reading::known(FACTS[f].unsure_reads, bit),
                    _ => match FACTS[f].default {
                        Some(d) => Reading::known(d, 0),
                        None => Reading::unknown(bit),
                    },
                }
            }
            Expr::Unsure(f) => match self.facts.get(f) {
                Some(v) => Reading::known(v == Value::Unsure, 1 << f),
                None => Reading::unknown(1 << f),
            },
            Expr::EnumIn(f, mask) => match self.facts.get(f) {
                Some(Value::Enum(i)) => Reading::known(mask & (1 << i) != 0, 1 << f),
                _ => Reading::unknown(1 << f),
            },
            Expr::SetAny(f, mask) => match self.facts.get(f) {
                Some(Value::Set(chosen)) => Reading::known(chosen & mask != 0, 1 << f),
                _ => Reading::unknown(1 << f),
            },
            Expr::SetEmpty(f) => match self.facts.get(f) {
                Some(Value::Set(chosen)) => Reading::known(chosen == 0, 1 << f),
                _ => Reading::unknown(1 << f),
            },
            Expr::Num(f, op, limit) => match self.facts.get(f) {
                Some(Value::Number(n)) => Reading::known(
                    match op {
                        NumOp::Gt => n > limit,
                        NumOp::Ge => n >= limit,
                        NumOp::Lt => n < limit,
                        NumOp::Le => n <= limit,
                    },
                    1 << f,
                ),
                _ => Reading::unknown(1 << f),
            },
            Expr::Date(f, op, d) => {
                let bit = 1 << f;
                match (self.facts.get(f), self.date(d)) {
                    (None, None) => Reading::unknown(bit | AS_OF),
                    (None, Some(_)) => Reading::unknown(bit),
                    (Some(_), None) => Reading::unknown(AS_OF),
                    // A provision that is not in the law of the day: nothing falls before it.
                    (Some(_), Some(None)) => Reading::known(false, bit | AS_OF),
                    (Some(Value::Date(day)), Some(Some(limit))) => Reading::known(
                        match op {
                            DateOp::Before => day < limit,
                            DateOp::OnOrAfter => day >= limit,
                        },
                        bit | AS_OF,
                    ),
                    // Not yet placed on the market: neither before nor after any day.
                    (Some(_), Some(Some(_))) => Reading::known(false, bit | AS_OF),
                }
            }
            Expr::Defined(d) => match self.date(d) {
                Some(value) => Reading::known(value.is_some(), AS_OF),
                None => Reading::unknown(AS_OF),
            },
            Expr::Rule(r) => self.rule(r),
            Expr::Not(inner) => {
                let r = self.eval(inner);
                let value = match r.value {
                    Tri::True => Tri::False,
                    Tri::False => Tri::True,
                    Tri::Unknown => Tri::Unknown,
                };
                Reading { value, ..r }
            }
            Expr::And(items) => self.junction(items, Tri::False),
            Expr::Or(items) => self.junction(items, Tri::True),
        }
    }

    /// `and` (decisive = False) or `or` (decisive = True): one decisive item settles it and is
    /// its only reason; otherwise it is undecided while any item is.
    fn junction(&mut self, items: &[Expr], decisive: Tri) -> Reading {
        let mut used = 0;
        let mut needed = 0;
        for item in items {
            let r = self.eval(item);
            match r.value {
                v if v == decisive => return Reading { value: decisive, used: r.used, needed: 0 },
                Tri::Unknown => needed |= r.needed,
                _ => used |= r.used,
            }
        }
        if needed != 0 {
            Reading::unknown(needed)
        } else {
            let value = if decisive == Tri::True { Tri::False } else { Tri::True };
            Reading { value, used, needed: 0 }
        }
    }
}

/// Collects what the result depends on while it is assembled.
struct Collector {
    needed: u64,
    used: u64,
}

impl Collector {
    fn take(&mut self, r: Reading) -> Tri {
        match r.value {
            Tri::Unknown => self.needed |= r.needed,
            _ => self.used |= r.used,
        }
        r.value
    }
}

const ROLE_RULES: [(Role, usize); 7] = [
    (Role::Provider, rule::ROLE_PROVIDER),
    (Role::Deployer, rule::ROLE_DEPLOYER),
    (Role::Importer, rule::ROLE_IMPORTER),
    (Role::Distributor, rule::ROLE_DISTRIBUTOR),
    (Role::AuthorisedRepresentative, rule::ROLE_AUTHORISED_REPRESENTATIVE),
    (Role::ProductManufacturer, rule::ROLE_PRODUCT_MANUFACTURER),
    (Role::AffectedPerson, rule::ROLE_AFFECTED_PERSON),
];

/// The categories of the contract, in its order, with the rule that decides each.
pub const CATEGORY_RULES: [(&str, usize); 9] = [
    ("not_ai_system", rule::CATEGORY_NOT_AI_SYSTEM),
    ("out_of_scope", rule::CATEGORY_OUT_OF_SCOPE),
    ("excluded", rule::CATEGORY_EXCLUDED),
    ("prohibited", rule::CATEGORY_PROHIBITED),
    ("high_risk", rule::CATEGORY_HIGH_RISK),
    ("transparency", rule::CATEGORY_TRANSPARENCY),
    ("gpai", rule::CATEGORY_GPAI),
    ("gpai_systemic", rule::CATEGORY_GPAI_SYSTEMIC),
    ("minimal", rule::CATEGORY_MINIMAL),
];

fn tri_bool(t: Tri) -> Option<bool> {
    match t {
        Tri::True => Some(true),
        Tri::False => Some(false),
        Tri::Unknown => None,
    }
}

fn push_unique(list: &mut Vec<&'static str>, item: &'static str) {
    if !list.contains(&item) {
        list.push(item);
    }
}

/// The assessment of `facts` under the ruleset, as the contract defines it.
pub fn assess(facts: &Facts) -> Assessment {
    let mut ev = Evaluator::new(facts);
    let mut c = Collector { needed: 0, used: 0 };

    let qualifies = tri_bool(c.take(ev.rule(rule::DEFINITION_QUALIFIES)));
    let in_scope = tri_bool(c.take(ev.rule(rule::SCOPE_IN_SCOPE)));

    let mut scope_basis = Vec::new();
    let mut exclusions = Vec::new();
    let mut citations = Vec::new();
    let mut trace = Vec::new();
    for (id, def) in RULES.iter().enumerate() {
        if !def.report && def.kind == RuleKind::Plain {
            continue;
        }
        let r = ev.rule(id);
        if c.take(r) != Tri::True {
            continue;
        }
        match def.kind {
            RuleKind::Scope => push_unique(&mut scope_basis, def.citation),
            RuleKind::Exclusion => push_unique(&mut exclusions, def.citation),
            RuleKind::Plain => {}
        }
        if def.report {
            push_unique(&mut citations, def.citation);
            if let Some(f) = def.cites {
                if let Some(Value::Enum(i)) = facts.get(f) {
                    push_unique(&mut citations, FACTS[f].options[i as usize].citation);
                } else if let Some(Value::Set(mask)) = facts.get(f) {
                    for (i, o) in FACTS[f].options.iter().enumerate() {
                        if mask & (1 << i) != 0 {
                            push_unique(&mut citations, o.citation);
                        }
                    }
                }
            }
            trace.push(TraceEntry { rule: id, used: r.used });
        }
    }

    let roles = ROLE_RULES
        .iter()
        .filter(|&&(_, r)| {
            let reading = ev.rule(r);
            c.take(reading) == Tri::True
        })
        .map(|&(role, _)| role)
        .collect();
    let categories = CATEGORY_RULES
        .iter()
        .filter(|&&(_, r)| {
            let reading = ev.rule(r);
            c.take(reading) == Tri::True
        })
        .map(|&(name, _)| name)
        .collect();

    let as_of = ev.as_of();
    let mut obligations = Vec::new();
    'obligations: for (index, def) in OBLIGATIONS.iter().enumerate() {
        let when = ev.eval(&def.when);
        if c.take(when) != Tri::True {
            continue;
        }
        for case in SCHEDULES[def.schedule].cases {
            let r = ev.eval(&case.when);
            match c.take(r) {
                Tri::False => continue,
                Tri::Unknown => continue 'obligations,
                Tri::True => {}
            }
            let applies_from = match case.date {
                DateSpec::Omit => continue 'obligations,
                DateSpec::Undated => None,
                DateSpec::On(d) => match ev.date(d) {
                    Some(Some(day)) => Some(day),
                    // Not a provision of the law on as_of.
                    Some(None) => continue 'obligations,
                    None => {
                        c.needed |= AS_OF;
                        continue 'obligations;
                    }
                },
            };
            let in_force = match (applies_from, as_of) {
                (Some(from), Some(day)) => Some(day >= from),
                _ => None,
            };
            let qualified = def.qualifier.is_some_and(|q| facts.get(q) == Some(Value::Bool(true)));
            obligations.push(Obligation { def: index, applies_from, in_force, qualified });
            continue 'obligations;
        }
    }

    let mut penalties = Vec::new();
    for (index, def) in PENALTIES.iter().enumerate() {
        if !obligations.iter().any(|o| def.covers.contains(&OBLIGATIONS[o.def].article)) {
            continue;
        }
        let lower = def.sme_lower
            && match facts.get(fact::SME) {
                Some(Value::Bool(b)) => {
                    c.used |= 1 << fact::SME;
                    b
                }
                Some(_) => {
                    c.used |= 1 << fact::SME;
                    FACTS[fact::SME].unsure_reads
                }
                None => {
                    c.needed |= 1 << fact::SME;
                    false
                }
            };
        let applies_from = ev.date(def.date).flatten();
        penalties.push(Penalty { def: index, lower, applies_from });
    }

    let mut open_questions = Vec::new();
    for (index, def) in OPEN_QUESTIONS.iter().enumerate() {
        let r = ev.eval(&def.when);
        if c.take(r) == Tri::True {
            open_questions.push(index);
        }
    }

    let assumptions =
        (0..FACTS.len()).filter(|&f| c.used & (1 << f) != 0 && facts.get(f) == Some(Value::Unsure)).collect();
    let ruleset = version_on(as_of.unwrap_or(crate::ruleset::VERSIONS[crate::ruleset::VERSIONS.len() - 1].from)).title;

    Assessment {
        ruleset,
        pending: c.needed,
        qualifies,
        in_scope,
        scope_basis,
        exclusions,
        roles,
        categories,
        citations,
        obligations,
        penalties,
        assumptions,
        open_questions,
        trace,
        facts: *facts,
    }
}
