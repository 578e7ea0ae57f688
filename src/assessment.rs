//! The assessment: what the engine concludes, in the shape of the contract ("The assessment").

use crate::date::Date;
use crate::facts::{describe, Facts};
use crate::ruleset::{Role, FACTS, OBLIGATIONS, OPEN_QUESTIONS, PENALTIES, RULES};
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

/// One obligation of the result; its text and article live in the ruleset (`def`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Obligation {
    pub def: usize,
    /// None where the date is unsettled or not among the facts.
    pub applies_from: Option<Date>,
    pub in_force: Option<bool>,
    /// The visitor claims the qualifying exception (e.g. Art. 50(1) "obvious").
    pub qualified: bool,
}

impl Obligation {
    pub fn id(&self) -> &'static str {
        OBLIGATIONS[self.def].id
    }

    pub fn article(&self) -> &'static str {
        OBLIGATIONS[self.def].article
    }

    pub fn role(&self) -> Option<Role> {
        OBLIGATIONS[self.def].role
    }
}

/// A fine ceiling the visitor is exposed to.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Penalty {
    pub def: usize,
    /// For SMEs and start-ups, the lower of the two amounts (Art. 99(6)).
    pub lower: bool,
    pub applies_from: Option<Date>,
}

/// A conclusion that holds, with the facts it used.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct TraceEntry {
    pub rule: usize,
    pub used: u64,
}

#[derive(Clone, PartialEq, Debug)]
pub struct Assessment {
    pub ruleset: &'static str,
    /// Facts still needed, as a mask over fact indices (catalogue order is index order).
    pub pending: u64,
    pub qualifies: Option<bool>,
    pub in_scope: Option<bool>,
    pub scope_basis: Vec<&'static str>,
    pub exclusions: Vec<&'static str>,
    pub roles: Vec<Role>,
    pub categories: Vec<&'static str>,
    pub citations: Vec<&'static str>,
    pub obligations: Vec<Obligation>,
    pub penalties: Vec<Penalty>,
    /// Facts answered "unsure" that the result rests on.
    pub assumptions: Vec<usize>,
    /// Indices into the open-question register.
    pub open_questions: Vec<usize>,
    pub trace: Vec<TraceEntry>,
    /// The answers assessed, so that the trace can name them.
    pub facts: Facts,
}

impl Assessment {
    pub fn complete(&self) -> bool {
        self.pending == 0
    }

    /// The facts still needed, in the order the widget asks them.
    pub fn pending_facts(&self) -> impl Iterator<Item = usize> + '_ {
        (0..FACTS.len()).filter(|&f| self.pending & (1 << f) != 0)
    }

    /// The facts a conclusion used, as `fact=value`.
    pub fn because(&self, entry: &TraceEntry) -> Vec<String> {
        (0..FACTS.len())
            .filter(|&f| entry.used & (1 << f) != 0)
            .filter_map(|f| self.facts.get(f).map(|v| describe(f, v)))
            .collect()
    }

    /// The contract's JSON, keys in the contract's order.
    pub fn to_json_string(&self) -> String {
        serde_json::to_string(self).expect("an assessment always serialises")
    }

    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).expect("an assessment always serialises")
    }

    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(self).expect("an assessment always serialises")
    }
}

struct ObligationJson<'a>(&'a Obligation);

impl Serialize for ObligationJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let o = self.0;
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("id", o.id())?;
        map.serialize_entry("article", o.article())?;
        if let Some(role) = o.role() {
            map.serialize_entry("role", role.id())?;
        }
        if let Some(from) = o.applies_from {
            map.serialize_entry("applies_from", &from.to_string())?;
        }
        map.serialize_entry("in_force", &o.in_force)?;
        if o.qualified {
            map.serialize_entry("qualified_by", FACTS[OBLIGATIONS[o.def].qualifier.unwrap_or(0)].id)?;
        }
        map.end()
    }
}

struct PenaltyJson<'a>(&'a Penalty);

impl Serialize for PenaltyJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let def = &PENALTIES[self.0.def];
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("citation", def.citation)?;
        map.serialize_entry("max_eur", &def.max_eur)?;
        map.serialize_entry("max_turnover_pct", &def.max_turnover_pct)?;
        map.serialize_entry("rule", if self.0.lower { "lower" } else { "higher" })?;
        if let Some(from) = self.0.applies_from {
            map.serialize_entry("applies_from", &from.to_string())?;
        }
        map.end()
    }
}

impl Serialize for Assessment {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde_json::json;
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("ruleset", self.ruleset)?;
        map.serialize_entry("complete", &self.complete())?;
        map.serialize_entry("pending", &self.pending_facts().map(|f| FACTS[f].id).collect::<Vec<_>>())?;
        map.serialize_entry("qualifies", &self.qualifies)?;
        map.serialize_entry("in_scope", &self.in_scope)?;
        map.serialize_entry("scope_basis", &self.scope_basis)?;
        map.serialize_entry("exclusions", &self.exclusions)?;
        map.serialize_entry("roles", &self.roles.iter().map(|r| r.id()).collect::<Vec<_>>())?;
        map.serialize_entry("categories", &self.categories)?;
        map.serialize_entry("citations", &self.citations)?;
        map.serialize_entry("obligations", &self.obligations.iter().map(ObligationJson).collect::<Vec<_>>())?;
        map.serialize_entry("penalties", &self.penalties.iter().map(PenaltyJson).collect::<Vec<_>>())?;
        let assumptions: Vec<_> = self
            .assumptions
            .iter()
            .map(|&f| json!({"fact": FACTS[f].id, "assumed": FACTS[f].unsure_reads}))
            .collect();
        map.serialize_entry("assumptions", &assumptions)?;
        let open: Vec<_> = self
            .open_questions
            .iter()
            .map(|&q| {
                let def = &OPEN_QUESTIONS[q];
                json!({"id": def.id, "citation": def.citation, "note": def.note})
            })
            .collect();
        map.serialize_entry("open_questions", &open)?;
        let trace: Vec<_> = self
            .trace
            .iter()
            .map(|t| json!({"conclusion": RULES[t.rule].id, "because": self.because(t), "citation": RULES[t.rule].citation}))
            .collect();
        map.serialize_entry("trace", &trace)?;
        map.end()
    }
}
