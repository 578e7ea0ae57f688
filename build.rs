//! Reads the ruleset (src/rules/*.toml), checks it and turns it into static Rust tables, so no
//! text parser ships in the WebAssembly. A ruleset with an unknown id, a malformed citation, a
//! gap or overlap between the versions of a dated value, a cycle between rules or a schedule
//! that can end without a date fails the build.

#[path = "src/citation.rs"]
#[allow(dead_code)]
mod citation;
#[path = "src/date.rs"]
#[allow(dead_code)]
mod date;
#[path = "src/text_part.rs"]
#[allow(dead_code)]
mod text_part;

use date::Date;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;
use std::path::Path;

const RULE_FILES: [&str; 7] = ["facts", "dates", "rules", "obligations", "penalties", "open_questions", "iso42001"];
/// The first day on which the Act was in force, and so the first day any dated value covers.
const FIRST_DAY: &str = "2024-08-01";
const ROLES: [&str; 7] = [
    "provider",
    "deployer",
    "importer",
    "distributor",
    "authorised_representative",
    "product_manufacturer",
    "affected_person",
];
const STAGES: [&str; 10] = [
    "assessed",
    "role",
    "where",
    "exclusions",
    "prohibited",
    "high_risk",
    "transparency",
    "gpai",
    "dates",
    "penalties",
];
/// Rules the engine reads by name to assemble the assessment.
const NAMED_RULES: [&str; 20] = [
    "definition.qualifies",
    "scope.in_scope",
    "category.not_ai_system",
    "category.out_of_scope",
    "category.excluded",
    "category.prohibited",
    "category.high_risk",
    "category.transparency",
    "category.gpai",
    "category.gpai_systemic",
    "category.minimal",
    "role.provider",
    "role.deployer",
    "role.importer",
    "role.distributor",
    "role.authorised_representative",
    "role.product_manufacturer",
    "role.affected_person",
    "high_risk.classified",
    "prohibited.in_force",
];

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Ruleset {
    #[serde(default)]
    fact: Vec<FactToml>,
    #[serde(default)]
    version: Vec<VersionToml>,
    #[serde(default)]
    date: Vec<DateToml>,
    #[serde(default)]
    rule: Vec<RuleToml>,
    #[serde(default)]
    schedule: Vec<ScheduleToml>,
    #[serde(default)]
    obligation: Vec<ObligationToml>,
    #[serde(default)]
    penalty: Vec<PenaltyToml>,
    #[serde(default)]
    open_question: Vec<OpenQuestionToml>,
    #[serde(default)]
    cluster: Vec<ClusterToml>,
    #[serde(default)]
    gap: Vec<GapToml>,
    #[serde(default)]
    step: Vec<StepToml>,
}

/// src/rules/presets.toml: the teaching cases of trainer mode.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PresetsToml {
    preset: Vec<PresetToml>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PresetToml {
    id: String,
    scenario: String,
    facts: toml::Table,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ClusterToml {
    id: String,
    citation: String,
    articles: Vec<String>,
    iso: String,
    fit: String,
    beyond: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GapToml {
    id: String,
    citation: String,
    articles: Vec<String>,
    note: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StepToml {
    id: String,
    articles: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FactToml {
    id: String,
    stage: String,
    #[serde(rename = "type")]
    kind: String,
    citation: String,
    #[serde(default)]
    options: Vec<OptionToml>,
    unsure_reads: Option<bool>,
    default: Option<bool>,
    asked_with: Option<String>,
    #[serde(default)]
    qualifier: bool,
    #[serde(default)]
    host: bool,
    #[serde(default)]
    not_yet: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OptionToml {
    id: String,
    citation: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VersionToml {
    id: String,
    title: String,
    from: String,
    citation: String,
    note: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DateToml {
    id: String,
    citation: String,
    note: String,
    values: Vec<DatedValueToml>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DatedValueToml {
    from: String,
    until: Option<String>,
    value: String,
    source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleToml {
    id: String,
    citation: String,
    when: String,
    #[serde(default = "yes")]
    report: bool,
    kind: Option<String>,
    cites: Option<String>,
}

fn yes() -> bool {
    true
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ScheduleToml {
    id: String,
    #[serde(default)]
    note: String,
    cases: Vec<CaseToml>,
}

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
struct CaseToml {
    when: Option<String>,
    date: Option<String>,
    include: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ObligationToml {
    id: String,
    article: String,
    role: Option<String>,
    when: String,
    schedule: String,
    qualifier: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PenaltyToml {
    id: String,
    citation: String,
    max_eur: u64,
    max_turnover_pct: u32,
    sme_lower: bool,
    date: String,
    covers: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OpenQuestionToml {
    id: String,
    citation: String,
    register: Option<u32>,
    when: String,
    note: String,
}

// ------------------------------------------------------------------------------------ conditions

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Word(String),
    DateRef(String),
    Op(&'static str),
}

fn tokenize(text: &str) -> Result<Vec<Tok>, String> {
    let mut tokens = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if "()[],".contains(c) {
            tokens.push(Tok::Op(match c {
                '(' => "(",
                ')' => ")",
                '[' => "[",
                ']' => "]",
                _ => ",",
            }));
            i += 1;
        } else if "=!<>".contains(c) {
            let two: String = chars[i..(i + 2).min(chars.len())].iter().collect();
            let op = match two.as_str() {
                "==" => "==",
                "!=" => "!=",
                ">=" => ">=",
                "<=" => "<=",
                _ if c == '>' => ">",
                _ if c == '<' => "<",
                _ => return Err(format!("unexpected '{c}'")),
            };
            i += op.len();
            tokens.push(Tok::Op(op));
        } else if c == '@' || c.is_ascii_alphanumeric() || c == '_' {
            let start = if c == '@' { i + 1 } else { i };
            let mut j = start;
            while j < chars.len() && (chars[j].is_ascii_alphanumeric() || "_.+-".contains(chars[j])) {
                j += 1;
            }
            let word: String = chars[start..j].iter().collect();
            tokens.push(if c == '@' { Tok::DateRef(word) } else { Tok::Word(word) });
            i = j;
        } else {
            return Err(format!("unexpected '{c}'"));
        }
    }
    Ok(tokens)
}

/// A parsed condition, already resolved to table indices.
#[derive(Debug, Clone)]
enum Cond {
    True,
    False,
    Bool(usize),
    EnumIn(usize, u32),
    SetAny(usize, u32),
    SetEmpty(usize),
    Num(usize, &'static str, f64),
    Date(usize, &'static str, usize),
    Unsure(usize),
    Defined(usize),
    Rule(usize),
    Not(Box<Cond>),
    And(Vec<Cond>),
    Or(Vec<Cond>),
}

struct Names<'a> {
    facts: &'a HashMap<String, usize>,
    fact_defs: &'a [FactToml],
    rules: &'a HashMap<String, usize>,
    dates: &'a HashMap<String, usize>,
}

struct Parser<'a> {
    tokens: Vec<Tok>,
    at: usize,
    names: &'a Names<'a>,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Tok> {
        self.tokens.get(self.at)
    }

    fn next(&mut self) -> Result<Tok, String> {
        let tok = self.tokens.get(self.at).cloned().ok_or("unexpected end of condition")?;
        self.at += 1;
        Ok(tok)
    }

    fn is_word(&self, word: &str) -> bool {
        matches!(self.peek(), Some(Tok::Word(w)) if w == word)
    }

    fn expect_op(&mut self, op: &str) -> Result<(), String> {
        match self.next()? {
            Tok::Op(o) if o == op => Ok(()),
            other => Err(format!("expected '{op}', found {other:?}")),
        }
    }

    fn or(&mut self) -> Result<Cond, String> {
        let mut items = vec![self.and()?];
        while self.is_word("or") {
            self.at += 1;
            items.push(self.and()?);
        }
        Ok(if items.len() == 1 { items.pop().unwrap() } else { Cond::Or(items) })
    }

    fn and(&mut self) -> Result<Cond, String> {
        let mut items = vec![self.unary()?];
        while self.is_word("and") {
            self.at += 1;
            items.push(self.unary()?);
        }
        Ok(if items.len() == 1 { items.pop().unwrap() } else { Cond::And(items) })
    }

    fn unary(&mut self) -> Result<Cond, String> {
        if self.is_word("not") {
            self.at += 1;
            return Ok(Cond::Not(Box::new(self.unary()?)));
        }
        self.primary()
    }

    fn date_ref(&mut self) -> Result<usize, String> {
        match self.next()? {
            Tok::DateRef(id) => self.names.dates.get(&id).copied().ok_or(format!("unknown dated value @{id}")),
            other => Err(format!("expected a dated value @id, found {other:?}")),
        }
    }

    fn option(&mut self, fact: usize) -> Result<u32, String> {
        let def = &self.names.fact_defs[fact];
        match self.next()? {
            Tok::Word(w) => def
                .options
                .iter()
                .position(|o| o.id == w)
                .map(|i| 1u32 << i)
                .ok_or(format!("'{w}' is not an option of {}", def.id)),
            other => Err(format!("expected an option of {}, found {other:?}", def.id)),
        }
    }

    fn options(&mut self, fact: usize) -> Result<u32, String> {
        self.expect_op("[")?;
        let mut mask = self.option(fact)?;
        loop {
            match self.next()? {
                Tok::Op(",") => mask |= self.option(fact)?,
                Tok::Op("]") => return Ok(mask),
                other => return Err(format!("expected ',' or ']', found {other:?}")),
            }
        }
    }

    fn primary(&mut self) -> Result<Cond, String> {
        match self.next()? {
            Tok::Op("(") => {
                let inner = self.or()?;
                self.expect_op(")")?;
                Ok(inner)
            }
            Tok::Word(w) if w == "true" => Ok(Cond::True),
            Tok::Word(w) if w == "false" => Ok(Cond::False),
            Tok::Word(w) if w == "defined" => Ok(Cond::Defined(self.date_ref()?)),
            Tok::Word(w) if w.contains('.') => {
                self.names.rules.get(&w).map(|&r| Cond::Rule(r)).ok_or(format!("unknown rule {w}"))
            }
            Tok::Word(w) => {
                let fact = *self.names.facts.get(&w).ok_or(format!("unknown fact {w}"))?;
                let def = &self.names.fact_defs[fact];
                if def.qualifier || def.host && w != "as_of" {
                    return Err(format!("{w} cannot be used in a condition"));
                }
                let kind = def.kind.as_str();
                let want = |ok: bool, what: &str| {
                    if ok {
                        Ok(())
                    } else {
                        Err(format!("{what} does not fit {w}, a {kind} fact"))
                    }
                };
                match self.peek().cloned() {
                    Some(Tok::Op(op @ ("==" | "!="))) => {
                        self.at += 1;
                        want(kind == "enum", op)?;
                        let mask = self.option(fact)?;
                        let cond = Cond::EnumIn(fact, mask);
                        Ok(if op == "==" { cond } else { Cond::Not(Box::new(cond)) })
                    }
                    Some(Tok::Word(op)) if op == "in" => {
                        self.at += 1;
                        want(kind == "enum", "in")?;
                        Ok(Cond::EnumIn(fact, self.options(fact)?))
                    }
                    Some(Tok::Word(op)) if op == "has" => {
                        self.at += 1;
                        want(kind == "set", "has")?;
                        Ok(Cond::SetAny(fact, self.option(fact)?))
                    }
                    Some(Tok::Word(op)) if op == "has_any" => {
                        self.at += 1;
                        want(kind == "set", "has_any")?;
                        Ok(Cond::SetAny(fact, self.options(fact)?))
                    }
                    Some(Tok::Word(op)) if op == "is_empty" => {
                        self.at += 1;
                        want(kind == "set", "is_empty")?;
                        Ok(Cond::SetEmpty(fact))
                    }
                    Some(Tok::Word(op)) if op == "is_unsure" => {
                        self.at += 1;
                        want(kind == "bool", "is_unsure")?;
                        Ok(Cond::Unsure(fact))
                    }
                    Some(Tok::Word(op)) if op == "before" || op == "on_or_after" => {
                        self.at += 1;
                        want(kind == "date", &op)?;
                        let op = if op == "before" { "Before" } else { "OnOrAfter" };
                        Ok(Cond::Date(fact, op, self.date_ref()?))
                    }
                    Some(Tok::Op(op @ (">" | ">=" | "<" | "<="))) => {
                        self.at += 1;
                        want(kind == "number", op)?;
                        let number = match self.next()? {
                            Tok::Word(n) => n.parse::<f64>().map_err(|_| format!("'{n}' is not a number"))?,
                            other => return Err(format!("expected a number, found {other:?}")),
                        };
                        let op = match op {
                            ">" => "Gt",
                            ">=" => "Ge",
                            "<" => "Lt",
                            _ => "Le",
                        };
                        Ok(Cond::Num(fact, op, number))
                    }
                    _ => {
                        want(kind == "bool", "a bare fact")?;
                        Ok(Cond::Bool(fact))
                    }
                }
            }
            other => Err(format!("unexpected {other:?}")),
        }
    }
}

fn parse_condition(text: &str, names: &Names) -> Result<Cond, String> {
    let mut parser = Parser { tokens: tokenize(text)?, at: 0, names };
    let cond = parser.or()?;
    if parser.at != parser.tokens.len() {
        return Err(format!("unexpected {:?}", parser.tokens[parser.at]));
    }
    Ok(cond)
}

impl Cond {
    fn rust(&self) -> String {
        match self {
            Cond::True => "Expr::True".into(),
            Cond::False => "Expr::False".into(),
            Cond::Bool(f) => format!("Expr::Bool({f})"),
            Cond::EnumIn(f, m) => format!("Expr::EnumIn({f}, {m:#x})"),
            Cond::SetAny(f, m) => format!("Expr::SetAny({f}, {m:#x})"),
            Cond::SetEmpty(f) => format!("Expr::SetEmpty({f})"),
            Cond::Num(f, op, n) => format!("Expr::Num({f}, NumOp::{op}, {n:e})"),
            Cond::Date(f, op, d) => format!("Expr::Date({f}, DateOp::{op}, {d})"),
            Cond::Unsure(f) => format!("Expr::Unsure({f})"),
            Cond::Defined(d) => format!("Expr::Defined({d})"),
            Cond::Rule(r) => format!("Expr::Rule({r})"),
            Cond::Not(inner) => format!("Expr::Not(&{})", inner.rust()),
            Cond::And(items) => {
                format!("Expr::And(&[{}])", items.iter().map(Cond::rust).collect::<Vec<_>>().join(", "))
            }
            Cond::Or(items) => format!("Expr::Or(&[{}])", items.iter().map(Cond::rust).collect::<Vec<_>>().join(", ")),
        }
    }

    fn visit(&self, on: &mut dyn FnMut(&Cond)) {
        on(self);
        match self {
            Cond::Not(inner) => inner.visit(on),
            Cond::And(items) | Cond::Or(items) => items.iter().for_each(|c| c.visit(on)),
            _ => {}
        }
    }

    fn facts(&self) -> Vec<usize> {
        let mut out = Vec::new();
        self.visit(&mut |c| match c {
            Cond::Bool(f)
            | Cond::EnumIn(f, _)
            | Cond::SetAny(f, _)
            | Cond::SetEmpty(f)
            | Cond::Num(f, _, _)
            | Cond::Unsure(f) => out.push(*f),
            Cond::Date(f, _, _) => out.push(*f),
            _ => {}
        });
        out
    }

    fn rules(&self) -> Vec<usize> {
        let mut out = Vec::new();
        self.visit(&mut |c| {
            if let Cond::Rule(r) = c {
                out.push(*r)
            }
        });
        out
    }

    fn uses_dates(&self) -> bool {
        let mut any = false;
        self.visit(&mut |c| any |= matches!(c, Cond::Date(..) | Cond::Defined(_)));
        any
    }
}

// ------------------------------------------------------------------------------------ the build

fn main() {
    if let Err(errors) = build() {
        for e in &errors {
            println!("cargo::error=ruleset: {e}");
        }
        panic!("the ruleset has {} error(s):\n{}", errors.len(), errors.join("\n"));
    }
}

fn str_lit(s: &str) -> String {
    format!("{s:?}")
}

fn build() -> Result<(), Vec<String>> {
    let dir = Path::new("src/rules");
    let mut set = Ruleset::default();
    let mut errors = Vec::new();
    for name in RULE_FILES {
        let path = dir.join(format!("{name}.toml"));
        println!("cargo::rerun-if-changed={}", path.display());
        let text = std::fs::read_to_string(&path).map_err(|e| vec![format!("{}: {e}", path.display())])?;
        match toml::from_str::<Ruleset>(&text) {
            Ok(part) => {
                set.fact.extend(part.fact);
                set.version.extend(part.version);
                set.date.extend(part.date);
                set.rule.extend(part.rule);
                set.schedule.extend(part.schedule);
                set.obligation.extend(part.obligation);
                set.penalty.extend(part.penalty);
                set.open_question.extend(part.open_question);
                set.cluster.extend(part.cluster);
                set.gap.extend(part.gap);
                set.step.extend(part.step);
            }
            Err(e) => errors.push(format!("{}: {e}", path.display())),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let cite = |what: &str, c: &str, errors: &mut Vec<String>| {
        if !citation::is_canonical(c) {
            errors.push(format!("{what}: '{c}' is not a canonical citation"));
        }
    };

    // Facts.
    let mut facts = HashMap::new();
    for (i, f) in set.fact.iter().enumerate() {
        if facts.insert(f.id.clone(), i).is_some() {
            errors.push(format!("fact {} is defined twice", f.id));
        }
        if !STAGES.contains(&f.stage.as_str()) {
            errors.push(format!("fact {}: unknown stage {}", f.id, f.stage));
        }
        cite(&format!("fact {}", f.id), &f.citation, &mut errors);
        for o in &f.options {
            cite(&format!("fact {} option {}", f.id, o.id), &o.citation, &mut errors);
        }
        match f.kind.as_str() {
            "bool" => {
                if f.unsure_reads.is_none() {
                    errors.push(format!("fact {}: a yes/no fact needs its conservative reading (unsure_reads)", f.id));
                }
            }
            "enum" | "set" => {
                if f.options.is_empty() || f.options.len() > 32 {
                    errors.push(format!("fact {}: needs 1 to 32 options", f.id));
                }
            }
            "number" | "date" => {}
            other => errors.push(format!("fact {}: unknown type {other}", f.id)),
        }
    }
    if set.fact.len() > 64 {
        errors.push("more than 64 facts: the engine's fact masks are 64 bits".into());
    }
    if set.fact.iter().any(|f| f.id == "roles") {
        let roles = &set.fact[facts["roles"]];
        let ids: Vec<&str> = roles.options.iter().map(|o| o.id.as_str()).collect();
        if ids != ROLES {
            errors.push(format!("the roles fact must list {ROLES:?} in this order"));
        }
    }
    for f in &set.fact {
        if let Some(host) = &f.asked_with {
            match facts.get(host).map(|&h| &set.fact[h]) {
                Some(h) if h.kind == "bool" && f.kind == "bool" && f.default.is_some() => {}
                _ => errors.push(format!("fact {}: asked_with needs a yes/no host and a default", f.id)),
            }
        }
    }

    // Versions and dated values: contiguous from the first day, no gap, no overlap.
    let first = Date::parse(FIRST_DAY).unwrap();
    let versions: HashMap<&str, usize> = set.version.iter().enumerate().map(|(i, v)| (v.id.as_str(), i)).collect();
    for v in &set.version {
        if Date::parse(&v.from).is_none() {
            errors.push(format!("version {}: '{}' is not a day", v.id, v.from));
        }
        cite(&format!("version {}", v.id), &v.citation, &mut errors);
    }
    let mut dates = HashMap::new();
    let mut date_rows = Vec::new();
    for (i, d) in set.date.iter().enumerate() {
        if dates.insert(d.id.clone(), i).is_some() {
            errors.push(format!("dated value {} is defined twice", d.id));
        }
        cite(&format!("dated value {}", d.id), &d.citation, &mut errors);
        let mut expect_from = Some(first);
        let mut rows = Vec::new();
        for (k, v) in d.values.iter().enumerate() {
            let from = Date::parse(&v.from);
            let until = v.until.as_deref().map(Date::parse);
            let value = if v.value == "none" { Some(None) } else { Date::parse(&v.value).map(Some) };
            let (Some(from), Some(value)) = (from, value) else {
                errors.push(format!("dated value {}: entry {k} has a malformed day", d.id));
                continue;
            };
            if !versions.contains_key(v.source.as_str()) {
                errors.push(format!("dated value {}: unknown source version {}", d.id, v.source));
            }
            match expect_from {
                Some(expected) if expected == from => {}
                Some(expected) if from < expected => {
                    errors.push(format!("dated value {}: entries overlap at {from}", d.id))
                }
                Some(expected) => {
                    errors.push(format!("dated value {}: no entry covers {expected} to the day before {from}", d.id))
                }
                None => errors.push(format!("dated value {}: an entry after the open-ended one", d.id)),
            }
            expect_from = match until {
                None => None,
                Some(None) => {
                    errors.push(format!("dated value {}: entry {k} has a malformed end day", d.id));
                    None
                }
                Some(Some(until)) if until < from => {
                    errors.push(format!("dated value {}: entry {k} ends before it starts", d.id));
                    None
                }
                Some(Some(until)) => Some(until.succ()),
            };
            rows.push((from, until.flatten(), value, versions.get(v.source.as_str()).copied().unwrap_or(0)));
        }
        if let Some(open) = expect_from {
            errors.push(format!(
                "dated value {}: no entry covers {open} onwards (the last entry must be open-ended)",
                d.id
            ));
        }
        date_rows.push(rows);
    }

    // Rules: parse every condition, then check for cycles and reachability.
    let rules: HashMap<String, usize> = set.rule.iter().enumerate().map(|(i, r)| (r.id.clone(), i)).collect();
    if rules.len() != set.rule.len() {
        errors.push("a rule id is defined twice".into());
    }
    if set.rule.len() > 256 {
        errors.push("more than 256 rules".into());
    }
    for named in NAMED_RULES {
        if !rules.contains_key(named) {
            errors.push(format!("the engine needs rule {named}"));
        }
    }
    let names = Names { facts: &facts, fact_defs: &set.fact, rules: &rules, dates: &dates };
    let mut rule_conds = Vec::new();
    for r in &set.rule {
        cite(&format!("rule {}", r.id), &r.citation, &mut errors);
        if !r.id.contains('.') {
            errors.push(format!("rule {}: rule ids contain a dot (stage.name)", r.id));
        }
        match &r.kind {
            None => {}
            Some(k) if k == "scope" || k == "exclusion" => {}
            Some(k) => errors.push(format!("rule {}: unknown kind {k}", r.id)),
        }
        if let Some(c) = &r.cites {
            match facts.get(c).map(|&f| set.fact[f].kind.as_str()) {
                Some("enum" | "set") => {}
                _ => errors.push(format!("rule {}: cites needs an enum or set fact, not {c}", r.id)),
            }
        }
        match parse_condition(&r.when, &names) {
            Ok(c) => rule_conds.push(c),
            Err(e) => {
                errors.push(format!("rule {}: {e}", r.id));
                rule_conds.push(Cond::False);
            }
        }
    }
    // Facts each rule reads, through the rules it refers to; a cycle is an error.
    let mut fact_masks: Vec<Option<u64>> = vec![None; set.rule.len()];
    fn mask_of(
        r: usize,
        conds: &[Cond],
        masks: &mut Vec<Option<u64>>,
        stack: &mut Vec<usize>,
        ids: &[RuleToml],
    ) -> Result<u64, String> {
        if let Some(m) = masks[r] {
            return Ok(m);
        }
        if stack.contains(&r) {
            let cycle: Vec<&str> = stack.iter().map(|&i| ids[i].id.as_str()).collect();
            return Err(format!("rules refer to each other in a cycle: {}", cycle.join(" -> ")));
        }
        stack.push(r);
        let mut mask = conds[r].facts().iter().fold(0u64, |m, f| m | 1 << f);
        for dep in conds[r].rules() {
            mask |= mask_of(dep, conds, masks, stack, ids)?;
        }
        stack.pop();
        masks[r] = Some(mask);
        Ok(mask)
    }
    for r in 0..set.rule.len() {
        if let Err(e) = mask_of(r, &rule_conds, &mut fact_masks, &mut Vec::new(), &set.rule) {
            errors.push(e);
            break;
        }
    }
    let as_of = facts.get("as_of").copied();
    let fact_mask = |c: &Cond, masks: &[Option<u64>]| -> u64 {
        let mut m = c.facts().iter().fold(0u64, |m, f| m | 1 << f);
        for r in c.rules() {
            m |= masks[r].unwrap_or(0);
        }
        m
    };

    // Schedules: includes inlined; every schedule an obligation uses ends with `true`.
    let schedule_ids: HashMap<&str, usize> = set.schedule.iter().enumerate().map(|(i, s)| (s.id.as_str(), i)).collect();
    let mut flat_schedules: Vec<Vec<(Cond, String)>> = Vec::new();
    for s in &set.schedule {
        let mut cases = Vec::new();
        let mut queue: Vec<CaseToml> = s.cases.clone();
        let mut depth = 0;
        while !queue.is_empty() {
            depth += 1;
            if depth > 100 {
                errors.push(format!("schedule {}: includes nest too deep", s.id));
                break;
            }
            let case = queue.remove(0);
            match (&case.include, &case.when, &case.date) {
                (Some(inc), None, None) => match schedule_ids.get(inc.as_str()) {
                    Some(&i) => {
                        let mut inner = set.schedule[i].cases.clone();
                        inner.extend(queue);
                        queue = inner;
                    }
                    None => errors.push(format!("schedule {}: unknown schedule {inc}", s.id)),
                },
                (None, Some(when), Some(date)) => {
                    let cond = parse_condition(when, &names).unwrap_or_else(|e| {
                        errors.push(format!("schedule {}: {e}", s.id));
                        Cond::False
                    });
                    let spec = match date.as_str() {
                        "undated" => "DateSpec::Undated".to_string(),
                        "omit" => "DateSpec::Omit".to_string(),
                        d => match d.strip_prefix('@').and_then(|id| dates.get(id)) {
                            Some(&i) => format!("DateSpec::On({i})"),
                            None => {
                                errors.push(format!("schedule {}: '{d}' is not @dated_value, undated or omit", s.id));
                                "DateSpec::Omit".to_string()
                            }
                        },
                    };
                    cases.push((cond, spec));
                }
                _ => errors.push(format!("schedule {}: a case has either include, or when and date", s.id)),
            }
        }
        let _ = &s.note;
        flat_schedules.push(cases);
    }

    // Obligations.
    let mut obligation_conds = Vec::new();
    let mut used_schedules = HashSet::new();
    let mut obligation_ids = HashSet::new();
    for o in &set.obligation {
        if !obligation_ids.insert(o.id.as_str()) {
            errors.push(format!("obligation {} is defined twice", o.id));
        }
        cite(&format!("obligation {}", o.id), &o.article, &mut errors);
        if let Some(role) = &o.role {
            if !ROLES.contains(&role.as_str()) || role == "affected_person" {
                errors.push(format!("obligation {}: {role} is not an operator role", o.id));
            }
        }
        match schedule_ids.get(o.schedule.as_str()) {
            Some(&s) => {
                used_schedules.insert(s);
            }
            None => errors.push(format!("obligation {}: unknown schedule {}", o.id, o.schedule)),
        }
        if let Some(q) = &o.qualifier {
            if !facts.get(q).is_some_and(|&f| set.fact[f].qualifier) {
                errors.push(format!("obligation {}: {q} is not a qualifier fact", o.id));
            }
        }
        obligation_conds.push(parse_condition(&o.when, &names).unwrap_or_else(|e| {
            errors.push(format!("obligation {}: {e}", o.id));
            Cond::False
        }));
    }
    for &s in &used_schedules {
        if !matches!(flat_schedules[s].last(), Some((Cond::True, _))) {
            errors.push(format!(
                "schedule {}: its last case must be `when = \"true\"`, so every obligation gets an answer",
                set.schedule[s].id
            ));
        }
    }
    for f in &set.fact {
        if f.qualifier && !set.obligation.iter().any(|o| o.qualifier.as_deref() == Some(&f.id)) {
            errors.push(format!("qualifier fact {} qualifies no obligation", f.id));
        }
    }

    // Penalties and open questions.
    let articles: HashSet<&str> = set.obligation.iter().map(|o| o.article.as_str()).collect();
    for p in &set.penalty {
        cite(&format!("penalty {}", p.id), &p.citation, &mut errors);
        if !dates.contains_key(&p.date) {
            errors.push(format!("penalty {}: unknown dated value {}", p.id, p.date));
        }
        for c in &p.covers {
            if !articles.contains(c.as_str()) {
                errors.push(format!("penalty {}: no obligation has article {c}", p.id));
            }
        }
    }
    let mut oq_conds = Vec::new();
    for q in &set.open_question {
        cite(&format!("open question {}", q.id), &q.citation, &mut errors);
        oq_conds.push(parse_condition(&q.when, &names).unwrap_or_else(|e| {
            errors.push(format!("open question {}: {e}", q.id));
            Cond::False
        }));
    }

    // ISO/IEC 42001: every obligation article in one cluster or gap and in one step.
    let mut mapped: HashMap<&str, usize> = HashMap::new();
    let mut stepped: HashMap<&str, usize> = HashMap::new();
    for c in &set.cluster {
        cite(&format!("cluster {}", c.id), &c.citation, &mut errors);
        if !["good", "partial", "weak", "gap"].contains(&c.fit.as_str()) {
            errors.push(format!("cluster {}: fit is good, partial, weak or gap, not {}", c.id, c.fit));
        }
        for a in &c.articles {
            *mapped.entry(a.as_str()).or_default() += 1;
        }
    }
    for g in &set.gap {
        cite(&format!("gap {}", g.id), &g.citation, &mut errors);
        for a in &g.articles {
            *mapped.entry(a.as_str()).or_default() += 1;
        }
    }
    for s in &set.step {
        for a in &s.articles {
            *stepped.entry(a.as_str()).or_default() += 1;
        }
    }
    for (what, counts) in [("an ISO/IEC 42001 cluster or gap", &mapped), ("a plan step", &stepped)] {
        for a in counts.keys() {
            if !articles.contains(a) {
                errors.push(format!("{what} names {a}, which no obligation has"));
            }
        }
        for a in &articles {
            match counts.get(a) {
                Some(1) => {}
                Some(n) => errors.push(format!("{a} is in {n} places where it belongs in exactly one {what}")),
                None => errors.push(format!("{a} is in no {what}")),
            }
        }
    }

    // Every helper rule is used somewhere; every question (fact) is read somewhere.
    let mut referenced = vec![false; set.rule.len()];
    let all_conds = rule_conds
        .iter()
        .chain(obligation_conds.iter())
        .chain(oq_conds.iter())
        .chain(flat_schedules.iter().flatten().map(|(c, _)| c));
    let mut read_facts = 0u64;
    for c in all_conds {
        for r in c.rules() {
            referenced[r] = true;
        }
        read_facts |= c.facts().iter().fold(0u64, |m, f| m | 1 << f);
    }
    for (i, r) in set.rule.iter().enumerate() {
        if !r.report && !referenced[i] && !NAMED_RULES.contains(&r.id.as_str()) {
            errors.push(format!("helper rule {} is never used", r.id));
        }
    }
    for (i, f) in set.fact.iter().enumerate() {
        let used = read_facts & (1 << i) != 0 || f.qualifier || f.id == "sme";
        if !used {
            errors.push(format!("fact {} is read by no rule", f.id));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }

    // ------------------------------------------------------------------ generate
    let mut out = String::new();
    let w = &mut out;
    writeln!(w, "// Generated by build.rs from src/rules/*.toml. Do not edit.").unwrap();
    writeln!(w, "pub const FACT_COUNT: usize = {};", set.fact.len()).unwrap();
    writeln!(w, "pub const RULE_COUNT: usize = {};", set.rule.len()).unwrap();
    writeln!(w, "pub const DATE_COUNT: usize = {};", set.date.len()).unwrap();
    writeln!(w, "pub static FACTS: [FactDef; FACT_COUNT] = [").unwrap();
    for f in &set.fact {
        let kind = match f.kind.as_str() {
            "bool" => "Bool",
            "enum" => "Enum",
            "set" => "Set",
            "number" => "Number",
            _ => "Date",
        };
        let stage = STAGES.iter().position(|s| *s == f.stage).unwrap();
        let options: Vec<String> = f
            .options
            .iter()
            .map(|o| format!("OptionDef {{ id: {}, citation: {} }}", str_lit(&o.id), str_lit(&o.citation)))
            .collect();
        writeln!(
            w,
            "    FactDef {{ id: {}, stage: Stage::ALL[{stage}], kind: FactKind::{kind}, citation: {}, options: &[{}], unsure_reads: {}, default: {:?}, asked_with: {}, qualifier: {}, host: {}, not_yet: {} }},",
            str_lit(&f.id),
            str_lit(&f.citation),
            options.join(", "),
            f.unsure_reads.unwrap_or(false),
            f.default,
            match &f.asked_with {
                Some(h) => format!("Some({})", facts[h]),
                None => "None".into(),
            },
            f.qualifier,
            f.host,
            f.not_yet
        )
        .unwrap();
    }
    writeln!(w, "];").unwrap();
    writeln!(w, "/// Fact ids by name, for the code that reads particular facts.\npub mod fact {{").unwrap();
    for (i, f) in set.fact.iter().enumerate() {
        writeln!(w, "    pub const {}: usize = {i};", f.id.to_uppercase()).unwrap();
    }
    writeln!(w, "}}").unwrap();

    writeln!(w, "pub static VERSIONS: [VersionDef; {}] = [", set.version.len()).unwrap();
    for v in &set.version {
        writeln!(
            w,
            "    VersionDef {{ id: {}, title: {}, from: Date::from_packed({}), citation: {}, note: {} }},",
            str_lit(&v.id),
            str_lit(&v.title),
            Date::parse(&v.from).unwrap().packed(),
            str_lit(&v.citation),
            str_lit(&v.note)
        )
        .unwrap();
    }
    writeln!(w, "];").unwrap();
    writeln!(w, "pub static DATES: [DateDef; DATE_COUNT] = [").unwrap();
    for (d, rows) in set.date.iter().zip(&date_rows) {
        let values: Vec<String> = rows
            .iter()
            .map(|(from, until, value, source)| {
                format!(
                    "DatedValue {{ from: Date::from_packed({}), until: {}, value: {}, source: {source} }}",
                    from.packed(),
                    until.map_or("None".into(), |u| format!("Some(Date::from_packed({}))", u.packed())),
                    value.map_or("None".into(), |v| format!("Some(Date::from_packed({}))", v.packed()))
                )
            })
            .collect();
        writeln!(
            w,
            "    DateDef {{ id: {}, citation: {}, note: {}, values: &[{}] }},",
            str_lit(&d.id),
            str_lit(&d.citation),
            str_lit(&d.note),
            values.join(", ")
        )
        .unwrap();
    }
    writeln!(w, "];").unwrap();
    writeln!(w, "/// Dated values by name.\npub mod date_id {{").unwrap();
    for (i, d) in set.date.iter().enumerate() {
        writeln!(w, "    pub const {}: usize = {i};", d.id.to_uppercase()).unwrap();
    }
    writeln!(w, "}}").unwrap();

    writeln!(w, "pub static RULES: [RuleDef; RULE_COUNT] = [").unwrap();
    for (i, (r, c)) in set.rule.iter().zip(&rule_conds).enumerate() {
        let kind = match r.kind.as_deref() {
            Some("scope") => "Scope",
            Some("exclusion") => "Exclusion",
            _ => "Plain",
        };
        let mut mask = fact_masks[i].unwrap();
        if c.uses_dates() || c.rules().iter().any(|&d| rule_conds[d].uses_dates()) {
            mask |= as_of.map_or(0, |a| 1 << a);
        }
        writeln!(
            w,
            "    RuleDef {{ id: {}, citation: {}, report: {}, kind: RuleKind::{kind}, cites: {}, facts: {mask:#x}, when: {} }},",
            str_lit(&r.id),
            str_lit(&r.citation),
            r.report,
            r.cites.as_ref().map_or("None".into(), |c| format!("Some({})", facts[c])),
            c.rust()
        )
        .unwrap();
    }
    writeln!(w, "];").unwrap();
    writeln!(w, "/// Rule ids by name, for the rules the engine reads to assemble an assessment.\npub mod rule {{")
        .unwrap();
    for named in NAMED_RULES {
        writeln!(w, "    pub const {}: usize = {};", named.replace('.', "_").to_uppercase(), rules[named]).unwrap();
    }
    writeln!(w, "}}").unwrap();

    writeln!(w, "pub static SCHEDULES: [ScheduleDef; {}] = [", set.schedule.len()).unwrap();
    for (s, cases) in set.schedule.iter().zip(&flat_schedules) {
        let cases: Vec<String> =
            cases.iter().map(|(c, spec)| format!("Case {{ when: {}, date: {spec} }}", c.rust())).collect();
        writeln!(
            w,
            "    ScheduleDef {{ id: {}, note: {}, cases: &[{}] }},",
            str_lit(&s.id),
            str_lit(&s.note),
            cases.join(", ")
        )
        .unwrap();
    }
    writeln!(w, "];").unwrap();

    writeln!(w, "pub static OBLIGATIONS: [ObligationDef; {}] = [", set.obligation.len()).unwrap();
    for (o, c) in set.obligation.iter().zip(&obligation_conds) {
        writeln!(
            w,
            "    ObligationDef {{ id: {}, article: {}, role: {}, schedule: {}, qualifier: {}, facts: {:#x}, when: {} }},",
            str_lit(&o.id),
            str_lit(&o.article),
            o.role.as_ref().map_or("None".into(), |r| format!("Some(Role::ALL[{}])", ROLES.iter().position(|x| x == r).unwrap())),
            schedule_ids[o.schedule.as_str()],
            o.qualifier.as_ref().map_or("None".into(), |q| format!("Some({})", facts[q])),
            fact_mask(c, &fact_masks),
            c.rust()
        )
        .unwrap();
    }
    writeln!(w, "];").unwrap();

    writeln!(w, "pub static PENALTIES: [PenaltyDef; {}] = [", set.penalty.len()).unwrap();
    for p in &set.penalty {
        let covers: Vec<String> = p.covers.iter().map(|c| str_lit(c)).collect();
        writeln!(
            w,
            "    PenaltyDef {{ id: {}, citation: {}, max_eur: {}, max_turnover_pct: {}, sme_lower: {}, date: {}, covers: &[{}] }},",
            str_lit(&p.id),
            str_lit(&p.citation),
            p.max_eur,
            p.max_turnover_pct,
            p.sme_lower,
            dates[&p.date],
            covers.join(", ")
        )
        .unwrap();
    }
    writeln!(w, "];").unwrap();

    writeln!(w, "pub static OPEN_QUESTIONS: [OpenQuestionDef; {}] = [", set.open_question.len()).unwrap();
    for (q, c) in set.open_question.iter().zip(&oq_conds) {
        writeln!(
            w,
            "    OpenQuestionDef {{ id: {}, citation: {}, register: {:?}, note: {}, when: {} }},",
            str_lit(&q.id),
            str_lit(&q.citation),
            q.register,
            str_lit(&q.note),
            c.rust()
        )
        .unwrap();
    }
    writeln!(w, "];").unwrap();

    let list = |items: &[String]| items.iter().map(|a| str_lit(a)).collect::<Vec<_>>().join(", ");
    writeln!(w, "pub static ISO_CLUSTERS: [IsoCluster; {}] = [", set.cluster.len()).unwrap();
    for c in &set.cluster {
        writeln!(
            w,
            "    IsoCluster {{ id: {}, citation: {}, articles: &[{}], iso: {}, fit: {}, beyond: {} }},",
            str_lit(&c.id),
            str_lit(&c.citation),
            list(&c.articles),
            str_lit(&c.iso),
            str_lit(&c.fit),
            str_lit(&c.beyond)
        )
        .unwrap();
    }
    writeln!(w, "];").unwrap();
    writeln!(w, "pub static ISO_GAPS: [IsoGap; {}] = [", set.gap.len()).unwrap();
    for g in &set.gap {
        writeln!(
            w,
            "    IsoGap {{ id: {}, citation: {}, articles: &[{}], note: {} }},",
            str_lit(&g.id),
            str_lit(&g.citation),
            list(&g.articles),
            str_lit(&g.note)
        )
        .unwrap();
    }
    writeln!(w, "];").unwrap();
    writeln!(w, "pub static PLAN_STEPS: [PlanStep; {}] = [", set.step.len()).unwrap();
    for s in &set.step {
        writeln!(w, "    PlanStep {{ id: {}, articles: &[{}] }},", str_lit(&s.id), list(&s.articles)).unwrap();
    }
    writeln!(w, "];").unwrap();

    let presets = presets(&set, w, &mut errors);
    if let Err(mut e) = i18n(&set, &presets, &mut out) {
        errors.append(&mut e);
        return Err(errors);
    }
    let out_dir = std::env::var("OUT_DIR").expect("OUT_DIR");
    std::fs::write(Path::new(&out_dir).join("ruleset.rs"), out).expect("write ruleset.rs");
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=src/date.rs");
    println!("cargo::rerun-if-changed=src/citation.rs");
    Ok(())
}

// ------------------------------------------------------------------------------------ presets

/// Checks the teaching cases against the fact catalogue and writes `PRESETS`; returns their ids.
fn presets(set: &Ruleset, w: &mut String, errors: &mut Vec<String>) -> Vec<String> {
    let path = Path::new("src/rules/presets.toml");
    println!("cargo::rerun-if-changed={}", path.display());
    let parsed = std::fs::read_to_string(path)
        .map_err(|e| e.to_string())
        .and_then(|text| toml::from_str::<PresetsToml>(&text).map_err(|e| e.to_string()));
    let presets = match parsed {
        Ok(p) => p.preset,
        Err(e) => {
            errors.push(format!("{}: {e}", path.display()));
            return Vec::new();
        }
    };
    writeln!(w, "pub static PRESETS: [PresetDef; {}] = [", presets.len()).unwrap();
    let mut ids = Vec::new();
    for p in &presets {
        let what = format!("preset {}", p.id);
        if ids.contains(&p.id) {
            errors.push(format!("{what} is defined twice"));
        }
        ids.push(p.id.clone());
        if !(p.scenario.starts_with("shared/") || p.scenario.starts_with("own/")) {
            errors.push(format!("{what}: scenario must be shared/<id> or own/<id>"));
        }
        let mut values = Vec::new();
        for (id, value) in &p.facts {
            let Some((index, fact)) = set.fact.iter().enumerate().find(|(_, f)| &f.id == id) else {
                errors.push(format!("{what}: unknown fact {id}"));
                continue;
            };
            let option = |name: &str, errors: &mut Vec<String>| {
                let i = fact.options.iter().position(|o| o.id == name);
                if i.is_none() {
                    errors.push(format!("{what}: {id} has no option {name}"));
                }
                i.unwrap_or(0)
            };
            let code = match (fact.kind.as_str(), value) {
                ("bool", toml::Value::Boolean(b)) => format!("Value::Bool({b})"),
                (_, toml::Value::String(s)) if s == "unsure" && fact.kind == "bool" => "Value::Unsure".into(),
                ("enum", toml::Value::String(s)) => format!("Value::Enum({})", option(s, errors)),
                ("set", toml::Value::Array(items)) => {
                    let mut mask = 0u32;
                    for item in items {
                        match item.as_str() {
                            Some(s) => mask |= 1 << option(s, errors),
                            None => errors.push(format!("{what}: {id} lists a non-option {item}")),
                        }
                    }
                    format!("Value::Set({mask})")
                }
                ("number", toml::Value::Float(x)) => format!("Value::Number({x:?})"),
                ("number", toml::Value::Integer(x)) => format!("Value::Number({:?})", *x as f64),
                ("date", toml::Value::String(s)) if s == "not_yet" && fact.not_yet => "Value::NotYet".into(),
                ("date", toml::Value::String(s)) => match Date::parse(s) {
                    Some(d) => format!("Value::Date(Date::from_packed({}))", d.packed()),
                    None => {
                        errors.push(format!("{what}: {id} = {s} is not a day"));
                        continue;
                    }
                },
                _ => {
                    errors.push(format!("{what}: {id} = {value} does not fit a {} fact", fact.kind));
                    continue;
                }
            };
            values.push(format!("({index}, {code})"));
        }
        writeln!(
            w,
            "    PresetDef {{ id: {}, scenario: {}, facts: &[{}] }},",
            str_lit(&p.id),
            str_lit(&p.scenario),
            values.join(", ")
        )
        .unwrap();
    }
    writeln!(w, "];").unwrap();
    ids
}

// ------------------------------------------------------------------------------------ languages

/// The keys every language must translate: those the ruleset implies (every fact, option,
/// reported rule, obligation, open question, penalty, role, category and stage) and those of
/// the English interface strings (`ui.*`, `month.*`, ...). English open-question notes come from
/// the ruleset itself, so they are written once.
fn required_keys(set: &Ruleset, presets: &[String]) -> Vec<String> {
    let mut keys = Vec::new();
    for p in presets {
        keys.push(format!("preset.{p}.title"));
        keys.push(format!("preset.{p}.story"));
    }
    for f in &set.fact {
        if f.host {
            continue;
        }
        keys.push(format!("fact.{}.text", f.id));
        keys.push(format!("fact.{}.help", f.id));
        keys.push(format!("map.fact.{}", f.id));
        for o in &f.options {
            keys.push(format!("option.{}.{}", f.id, o.id));
        }
        if f.qualifier {
            keys.push(format!("qualifier.{}", f.id));
        }
    }
    for r in &set.rule {
        if r.report {
            keys.push(format!("rule.{}", r.id));
            keys.push(format!("map.rule.{}", r.id));
        }
    }
    for o in &set.obligation {
        keys.push(format!("obligation.{}", o.id));
    }
    for q in &set.open_question {
        keys.push(format!("open_question.{}", q.id));
    }
    for p in &set.penalty {
        keys.push(format!("penalty.{}", p.id));
    }
    for c in &set.cluster {
        keys.push(format!("iso.cluster.{}", c.id));
        keys.push(format!("iso.beyond.{}", c.id));
        keys.push(format!("iso.clauses.{}", c.id));
    }
    for g in &set.gap {
        keys.push(format!("iso.gap.{}", g.id));
    }
    for s in &set.step {
        keys.push(format!("plan.step.{}", s.id));
        keys.push(format!("plan.step_desc.{}", s.id));
    }
    for f in ["good", "partial", "weak", "gap"] {
        keys.push(format!("iso.fit.{f}"));
    }
    for r in ROLES {
        keys.push(format!("role.{r}"));
        keys.push(format!("role_as.{r}"));
    }
    for c in [
        "not_ai_system",
        "out_of_scope",
        "excluded",
        "prohibited",
        "high_risk",
        "transparency",
        "gpai",
        "gpai_systemic",
        "minimal",
    ] {
        keys.push(format!("category.{c}"));
        keys.push(format!("category_desc.{c}"));
    }
    for s in STAGES {
        keys.push(format!("stage.{s}"));
    }
    for m in 1..=12 {
        keys.push(format!("month.{m}"));
    }
    keys
}

fn flatten(prefix: &str, value: &toml::Value, out: &mut Vec<(String, String)>, errors: &mut Vec<String>, file: &str) {
    match value {
        toml::Value::Table(t) => {
            for (k, v) in t {
                let key = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
                flatten(&key, v, out, errors, file);
            }
        }
        toml::Value::String(s) => out.push((prefix.to_string(), s.clone())),
        _ => errors.push(format!("{file}: {prefix} must be text")),
    }
}

fn placeholders(text: &str) -> Vec<String> {
    let mut out: Vec<String> =
        text.split('{').skip(1).filter_map(|s| s.split_once('}').map(|(p, _)| p.to_string())).collect();
    out.sort();
    out.dedup();
    out
}

fn i18n(set: &Ruleset, presets: &[String], out: &mut String) -> Result<(), Vec<String>> {
    let root = Path::new("src/i18n");
    println!("cargo::rerun-if-changed={}", root.display());
    let mut errors = Vec::new();
    let mut languages: Vec<(String, String, BTreeMap<String, String>)> = Vec::new();
    let mut codes: Vec<_> = std::fs::read_dir(root)
        .map_err(|e| vec![format!("src/i18n: {e}")])?
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().to_string())
        .collect();
    codes.sort();
    // English first: it is built in and the reference for every other language.
    codes.sort_by_key(|c| c != "en");
    for code in codes {
        let dir = root.join(&code);
        println!("cargo::rerun-if-changed={}", dir.display());
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .map_err(|e| vec![format!("{}: {e}", dir.display())])?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        files.sort();
        let mut map = BTreeMap::new();
        // glossary.toml fixes the Act's defined terms for translators and tests; it is not widget text.
        let texts =
            files.iter().filter(|f| f.extension().is_some_and(|x| x == "toml") && !f.ends_with("glossary.toml"));
        for file in texts {
            println!("cargo::rerun-if-changed={}", file.display());
            let name = file.display().to_string();
            let text = std::fs::read_to_string(file).map_err(|e| vec![format!("{name}: {e}")])?;
            let value: toml::Value = match toml::from_str(&text) {
                Ok(v) => v,
                Err(e) => {
                    errors.push(format!("{name}: {e}"));
                    continue;
                }
            };
            let mut pairs = Vec::new();
            flatten("", &value, &mut pairs, &mut errors, &name);
            for (k, v) in pairs {
                if map.insert(k.clone(), v).is_some() {
                    errors.push(format!("{name}: {k} is translated twice"));
                }
            }
        }
        let name = map.get("language.name").cloned().unwrap_or_default();
        if name.is_empty() {
            errors.push(format!("src/i18n/{code}: needs language.name"));
        }
        languages.push((code, name, map));
    }
    let Some(en) = languages.first().filter(|l| l.0 == "en").map(|l| l.2.clone()) else {
        return Err(vec!["src/i18n/en is missing".into()]);
    };
    let mut en = en;
    for q in &set.open_question {
        en.entry(format!("open_question.{}", q.id)).or_insert_with(|| q.note.clone());
    }
    for c in &set.cluster {
        en.entry(format!("iso.beyond.{}", c.id)).or_insert_with(|| c.beyond.clone());
        en.entry(format!("iso.clauses.{}", c.id)).or_insert_with(|| c.iso.clone());
    }
    for g in &set.gap {
        en.entry(format!("iso.gap.{}", g.id)).or_insert_with(|| g.note.clone());
    }
    languages[0].2 = en.clone();
    for key in required_keys(set, presets) {
        if !en.contains_key(&key) {
            errors.push(format!("src/i18n/en: missing {key}"));
        }
    }
    for (code, _, map) in &languages[1..] {
        for (key, text) in &en {
            match map.get(key) {
                None => errors.push(format!("src/i18n/{code}: missing {key}")),
                Some(t) if placeholders(t) != placeholders(text) => {
                    errors.push(format!("src/i18n/{code}: {key} must use the placeholders {:?}", placeholders(text)))
                }
                Some(_) => {}
            }
        }
        for key in map.keys() {
            if !en.contains_key(key) {
                errors.push(format!("src/i18n/{code}: {key} is not an English key"));
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let keys: Vec<&String> = en.keys().collect();
    let hash = keys
        .iter()
        .fold(0x811c_9dc5u32, |h, k| k.bytes().chain([0]).fold(h, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193)));
    writeln!(out, "/// Every text key, sorted; each language's texts are in this order.").unwrap();
    writeln!(
        out,
        "pub static TEXT_KEYS: [&str; {}] = [{}];",
        keys.len(),
        keys.iter().map(|k| str_lit(k)).collect::<Vec<_>>().join(", ")
    )
    .unwrap();
    writeln!(out, "/// A fingerprint of TEXT_KEYS: a language pack made for other keys is refused.").unwrap();
    writeln!(out, "pub const TEXT_KEYS_HASH: u32 = {hash};").unwrap();
    // The version of every text of every language: the packs' URLs carry it, so a browser
    // never keeps a pack of an earlier build in its cache.
    let texts_hash = languages
        .iter()
        .flat_map(|(_, _, map)| map.values())
        .fold(hash, |h, t| t.bytes().chain([0]).fold(h, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193)));
    writeln!(out, "/// A fingerprint of every text of every language (the packs' version).").unwrap();
    writeln!(out, "pub const TEXTS_VERSION: u32 = {texts_hash};").unwrap();
    writeln!(out, "/// The languages, English (built in) first.").unwrap();
    let names: Vec<String> = languages.iter().map(|(c, n, _)| format!("({}, {})", str_lit(c), str_lit(n))).collect();
    writeln!(out, "pub static LANGUAGE_CODES: [(&str, &str); {}] = [{}];", languages.len(), names.join(", ")).unwrap();
    let texts = |map: &BTreeMap<String, String>| keys.iter().map(|k| str_lit(&map[*k])).collect::<Vec<_>>().join(", ");
    // English: all of it in native tools; in the WebAssembly, the core texts (and trainer
    // mode's in the trainer build), the rest coming as packs (src/text_part.rs).
    use text_part::Part;
    let english = |parts: &[Part]| {
        let en = &languages[0].2;
        keys.iter()
            .map(|k| if parts.contains(&Part::of(k)) { str_lit(&en[*k]) } else { "\"\"".into() })
            .collect::<Vec<_>>()
            .join(", ")
    };
    for (cfg, parts) in [
        ("any(not(target_arch = \"wasm32\"), feature = \"all-english\")", &Part::ALL[..]),
        (
            "all(target_arch = \"wasm32\", not(feature = \"all-english\"), not(feature = \"trainer\"))",
            &[Part::Core][..],
        ),
        (
            "all(target_arch = \"wasm32\", not(feature = \"all-english\"), feature = \"trainer\")",
            &[Part::Core, Part::Trainer][..],
        ),
    ] {
        writeln!(out, "#[cfg({cfg})]").unwrap();
        writeln!(out, "pub static BUILTIN_TEXTS: [&str; {}] = [{}];", keys.len(), english(parts)).unwrap();
    }
    writeln!(out, "/// The other languages: built into native tools; the WebAssembly loads them as packs.").unwrap();
    writeln!(out, "#[cfg(not(target_arch = \"wasm32\"))]").unwrap();
    writeln!(out, "pub static PACK_TEXTS: [&[&str]; {}] = [", languages.len() - 1).unwrap();
    for (_, _, map) in &languages[1..] {
        writeln!(out, "    &[{}],", texts(map)).unwrap();
    }
    writeln!(out, "];").unwrap();
    Ok(())
}
