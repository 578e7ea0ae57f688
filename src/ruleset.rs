//! The ruleset as static tables, generated at build time from `src/rules/*.toml` (see
//! build.rs). The types here describe those tables; the law itself lives in the TOML files.

use crate::date::Date;
use crate::facts::Value;

/// The stages of an assessment, in the order questions are asked (LEGAL-BASIS §0.2).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Stage {
    Assessed,
    Role,
    Where,
    Exclusions,
    Prohibited,
    HighRisk,
    Transparency,
    Gpai,
    Dates,
    Penalties,
}

impl Stage {
    pub const ALL: [Stage; 10] = [
        Stage::Assessed,
        Stage::Role,
        Stage::Where,
        Stage::Exclusions,
        Stage::Prohibited,
        Stage::HighRisk,
        Stage::Transparency,
        Stage::Gpai,
        Stage::Dates,
        Stage::Penalties,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Stage::Assessed => "assessed",
            Stage::Role => "role",
            Stage::Where => "where",
            Stage::Exclusions => "exclusions",
            Stage::Prohibited => "prohibited",
            Stage::HighRisk => "high_risk",
            Stage::Transparency => "transparency",
            Stage::Gpai => "gpai",
            Stage::Dates => "dates",
            Stage::Penalties => "penalties",
        }
    }
}

/// The roles of Art. 3(3)-(8) and Art. 2(1)(e), (g), in the contract's order.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug, Hash)]
pub enum Role {
    Provider,
    Deployer,
    Importer,
    Distributor,
    AuthorisedRepresentative,
    ProductManufacturer,
    AffectedPerson,
}

impl Role {
    pub const ALL: [Role; 7] = [
        Role::Provider,
        Role::Deployer,
        Role::Importer,
        Role::Distributor,
        Role::AuthorisedRepresentative,
        Role::ProductManufacturer,
        Role::AffectedPerson,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Role::Provider => "provider",
            Role::Deployer => "deployer",
            Role::Importer => "importer",
            Role::Distributor => "distributor",
            Role::AuthorisedRepresentative => "authorised_representative",
            Role::ProductManufacturer => "product_manufacturer",
            Role::AffectedPerson => "affected_person",
        }
    }

    pub fn from_id(id: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.id() == id)
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum FactKind {
    Bool,
    Enum,
    Set,
    Number,
    Date,
}

pub struct OptionDef {
    pub id: &'static str,
    pub citation: &'static str,
}

#[derive(Clone)]
pub struct FactDef {
    pub id: &'static str,
    pub stage: Stage,
    pub kind: FactKind,
    pub citation: &'static str,
    pub options: &'static [OptionDef],
    /// The conservative reading of "unsure" (yes/no facts).
    pub unsure_reads: bool,
    /// The reading of a fact left unanswered, for facts asked together with another.
    pub default: Option<bool>,
    /// The yes/no fact whose question also asks this one.
    pub asked_with: Option<usize>,
    /// Limits an obligation without lifting it; never holds up a result.
    pub qualifier: bool,
    /// Set by the host page, not asked.
    pub host: bool,
    /// A date fact that also accepts "not_yet".
    pub not_yet: bool,
}

impl FactDef {
    pub fn option_index(&self, id: &str) -> Option<usize> {
        self.options.iter().position(|o| o.id == id)
    }
}

pub struct VersionDef {
    pub id: &'static str,
    pub title: &'static str,
    pub from: Date,
    pub citation: &'static str,
    pub note: &'static str,
}

pub struct DatedValue {
    pub from: Date,
    pub until: Option<Date>,
    /// None: that version of the law does not contain the provision.
    pub value: Option<Date>,
    /// Index into VERSIONS.
    pub source: usize,
}

pub struct DateDef {
    pub id: &'static str,
    pub citation: &'static str,
    pub note: &'static str,
    pub values: &'static [DatedValue],
}

impl DateDef {
    /// The entry in force on `day`; days before the first version read the first version.
    pub fn entry_on(&self, day: Date) -> &'static DatedValue {
        self.values.iter().find(|v| v.from <= day && v.until.is_none_or(|u| day <= u)).unwrap_or(&self.values[0])
    }
}

#[derive(Clone, Copy, Debug)]
pub enum NumOp {
    Gt,
    Ge,
    Lt,
    Le,
}

#[derive(Clone, Copy, Debug)]
pub enum DateOp {
    Before,
    OnOrAfter,
}

/// A condition of the ruleset (see the header of rules.toml).
#[derive(Clone, Copy, Debug)]
pub enum Expr {
    True,
    False,
    Bool(usize),
    EnumIn(usize, u32),
    SetAny(usize, u32),
    SetEmpty(usize),
    Num(usize, NumOp, f64),
    Date(usize, DateOp, usize),
    Unsure(usize),
    Defined(usize),
    Rule(usize),
    Not(&'static Expr),
    And(&'static [Expr]),
    Or(&'static [Expr]),
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum RuleKind {
    Plain,
    Scope,
    Exclusion,
}

#[derive(Clone)]
pub struct RuleDef {
    pub id: &'static str,
    pub citation: &'static str,
    /// Listed among the result's citations and trace when it holds.
    pub report: bool,
    pub kind: RuleKind,
    /// A fact whose chosen options this rule also cites.
    pub cites: Option<usize>,
    /// Every fact the rule can read, through the rules it refers to.
    pub facts: u64,
    pub when: Expr,
}

#[derive(Clone, Copy, Debug)]
pub enum DateSpec {
    On(usize),
    Undated,
    Omit,
}

pub struct Case {
    pub when: Expr,
    pub date: DateSpec,
}

pub struct ScheduleDef {
    pub id: &'static str,
    pub note: &'static str,
    pub cases: &'static [Case],
}

#[derive(Clone)]
pub struct ObligationDef {
    pub id: &'static str,
    pub article: &'static str,
    pub role: Option<Role>,
    pub schedule: usize,
    pub qualifier: Option<usize>,
    pub facts: u64,
    pub when: Expr,
}

pub struct PenaltyDef {
    pub id: &'static str,
    pub citation: &'static str,
    pub max_eur: u64,
    pub max_turnover_pct: u32,
    pub sme_lower: bool,
    pub date: usize,
    pub covers: &'static [&'static str],
}

pub struct OpenQuestionDef {
    pub id: &'static str,
    pub citation: &'static str,
    pub register: Option<u32>,
    pub note: &'static str,
    pub when: Expr,
}

/// An AI Act obligation cluster and the closest ISO/IEC 42001 elements (LEGAL-BASIS §12).
pub struct IsoCluster {
    pub id: &'static str,
    pub citation: &'static str,
    pub articles: &'static [&'static str],
    /// The ISO/IEC 42001 clauses and Annex A controls.
    pub iso: &'static str,
    /// good, partial, weak or gap.
    pub fit: &'static str,
    /// What the Act requires beyond ISO/IEC 42001 (English).
    pub beyond: &'static str,
}

/// Obligations nothing in ISO/IEC 42001 covers.
pub struct IsoGap {
    pub id: &'static str,
    pub citation: &'static str,
    pub articles: &'static [&'static str],
    pub note: &'static str,
}

/// A step of the compliance plan and the obligation articles it serves.
pub struct PlanStep {
    pub id: &'static str,
    pub articles: &'static [&'static str],
}

/// A teaching case of trainer mode: the facts of a scenario file (src/rules/presets.toml).
pub struct PresetDef {
    pub id: &'static str,
    /// `shared/<id>` (../shared/scenarios) or `own/<id>` (tests/scenarios).
    pub scenario: &'static str,
    pub facts: &'static [(usize, Value)],
}

include!(concat!(env!("OUT_DIR"), "/ruleset.rs"));

/// The fact with this id.
pub fn fact_index(id: &str) -> Option<usize> {
    FACTS.iter().position(|f| f.id == id)
}

/// The version of the law in force on `day`.
pub fn version_on(day: Date) -> &'static VersionDef {
    VERSIONS.iter().rev().find(|v| v.from <= day).unwrap_or(&VERSIONS[0])
}
