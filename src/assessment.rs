//! The assessment: what the engine concludes, in the shape of the contract ("The assessment").

use crate::date::Date;
use crate::facts::{describe, Facts};
use crate::json::JsonWriter;
use crate::ruleset::{Role, FACTS, OBLIGATIONS, OPEN_QUESTIONS, PENALTIES, RULES};

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
}

impl Assessment {
    /// The contract's JSON ("The assessment"), keys in the contract's order.
    pub fn to_json_string(&self) -> String {
        let mut w = JsonWriter::new();
        w.begin_object();
        w.key("ruleset").string(self.ruleset);
        w.key("complete").bool(self.complete());
        w.key("pending").strings(self.pending_facts().map(|f| FACTS[f].id));
        let tri = |w: &mut JsonWriter, v: Option<bool>| {
            match v {
                Some(b) => w.bool(b),
                None => w.null(),
            };
        };
        w.key("qualifies");
        tri(&mut w, self.qualifies);
        w.key("in_scope");
        tri(&mut w, self.in_scope);
        w.key("scope_basis").strings(self.scope_basis.iter().copied());
        w.key("exclusions").strings(self.exclusions.iter().copied());
        w.key("roles").strings(self.roles.iter().map(|r| r.id()));
        w.key("categories").strings(self.categories.iter().copied());
        w.key("citations").strings(self.citations.iter().copied());
        w.key("obligations").begin_array();
        for o in &self.obligations {
            w.begin_object();
            w.key("id").string(o.id());
            w.key("article").string(o.article());
            if let Some(role) = o.role() {
                w.key("role").string(role.id());
            }
            if let Some(from) = o.applies_from {
                w.key("applies_from").string(&from.to_string());
            }
            w.key("in_force");
            tri(&mut w, o.in_force);
            if o.qualified {
                w.key("qualified_by").string(FACTS[OBLIGATIONS[o.def].qualifier.unwrap_or(0)].id);
            }
            w.end_object();
        }
        w.end_array();
        w.key("penalties").begin_array();
        for p in &self.penalties {
            let def = &PENALTIES[p.def];
            w.begin_object();
            w.key("citation").string(def.citation);
            w.key("max_eur").uint(def.max_eur);
            w.key("max_turnover_pct").uint(u64::from(def.max_turnover_pct));
            w.key("rule").string(if p.lower { "lower" } else { "higher" });
            if let Some(from) = p.applies_from {
                w.key("applies_from").string(&from.to_string());
            }
            w.end_object();
        }
        w.end_array();
        w.key("assumptions").begin_array();
        for &f in &self.assumptions {
            w.begin_object();
            w.key("fact").string(FACTS[f].id);
            w.key("assumed").bool(FACTS[f].unsure_reads);
            w.end_object();
        }
        w.end_array();
        w.key("open_questions").begin_array();
        for &q in &self.open_questions {
            let def = &OPEN_QUESTIONS[q];
            w.begin_object();
            w.key("id").string(def.id);
            w.key("citation").string(def.citation);
            w.key("note").string(def.note);
            w.end_object();
        }
        w.end_array();
        w.key("trace").begin_array();
        for t in &self.trace {
            w.begin_object();
            w.key("conclusion").string(RULES[t.rule].id);
            let because = self.because(t);
            w.key("because").strings(because.iter().map(String::as_str));
            w.key("citation").string(RULES[t.rule].citation);
            w.end_object();
        }
        w.end_array();
        w.end_object();
        w.finish()
    }

    /// The contract's JSON as a value (native tools and tests).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::from_str(&self.to_json_string()).expect("the writer writes valid JSON")
    }

    /// The contract's JSON, indented, keys in the contract's order.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(&self.to_json()).expect("a JSON value always prints")
    }
}
