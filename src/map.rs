//! The decision map of trainer mode, drawn from the ruleset itself: every question, every
//! conclusion the result can report and every role's obligations, placed in the stage where
//! the Act decides them, with the links the rules make between them. Nothing here is drawn by
//! hand, so the map cannot drift from the rules: change a rule and the map changes with it.
//!
//! Pure: `build` turns a ruleset into nodes and edges, `layout` places them, `states` marks
//! the path of one case. The widget only renders the result as SVG.

use crate::assessment::Assessment;
use crate::facts::Facts;
use crate::i18n::Lang;
use crate::ruleset::{Expr, FactDef, ObligationDef, Role, RuleDef, RuleKind, Stage, FACTS, OBLIGATIONS, RULES};

/// The columns of the map, in the order the Act decides a case.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub enum MapStage {
    Assessed,
    Role,
    Where,
    Exclusions,
    Prohibited,
    HighRisk,
    Transparency,
    Gpai,
    /// Dates, transitions, rights, fines and each role's obligations.
    Obligations,
}

impl MapStage {
    pub const ALL: [MapStage; 9] = [
        MapStage::Assessed,
        MapStage::Role,
        MapStage::Where,
        MapStage::Exclusions,
        MapStage::Prohibited,
        MapStage::HighRisk,
        MapStage::Transparency,
        MapStage::Gpai,
        MapStage::Obligations,
    ];

    fn of(stage: Stage) -> MapStage {
        match stage {
            Stage::Assessed => MapStage::Assessed,
            Stage::Role => MapStage::Role,
            Stage::Where => MapStage::Where,
            Stage::Exclusions => MapStage::Exclusions,
            Stage::Prohibited => MapStage::Prohibited,
            Stage::HighRisk => MapStage::HighRisk,
            Stage::Transparency => MapStage::Transparency,
            Stage::Gpai => MapStage::Gpai,
            Stage::Dates | Stage::Penalties => MapStage::Obligations,
        }
    }

    /// The text key of the column's title.
    pub fn title_key(self) -> &'static str {
        match self {
            MapStage::Assessed => "stage.assessed",
            MapStage::Role => "stage.role",
            MapStage::Where => "stage.where",
            MapStage::Exclusions => "stage.exclusions",
            MapStage::Prohibited => "stage.prohibited",
            MapStage::HighRisk => "stage.high_risk",
            MapStage::Transparency => "stage.transparency",
            MapStage::Gpai => "stage.gpai",
            MapStage::Obligations => "trainer.stage_obligations",
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum NodeKind {
    /// A question: the index of the fact it asks.
    Question(usize),
    /// A conclusion: the index of the rule (a reported rule or a risk category).
    Conclusion(usize),
    /// The obligations of one role (`None`: those of every operator).
    Obligations(Option<Role>),
}

#[derive(Clone, PartialEq, Debug)]
pub struct Node {
    pub kind: NodeKind,
    pub stage: MapStage,
    /// The provision the node rests on; the node links to it.
    pub citation: &'static str,
    /// How many obligations an `Obligations` node stands for.
    pub count: usize,
}

impl Node {
    /// The node's short label in a language.
    pub fn label(&self, lang: Lang, rules: &[RuleDef], facts: &[FactDef]) -> String {
        match self.kind {
            NodeKind::Question(f) => lang.t(&format!("map.fact.{}", facts[f].id)).to_string(),
            NodeKind::Conclusion(r) => match category_of(&rules[r]) {
                Some(category) => lang.t(&format!("category.{category}")).to_string(),
                None => lang.t(&format!("map.rule.{}", rules[r].id)).to_string(),
            },
            NodeKind::Obligations(Some(role)) => {
                lang.f("trainer.map_obligations", &[("role", lang.t(&format!("role.{}", role.id())))])
            }
            NodeKind::Obligations(None) => lang.t("trainer.map_obligations_everyone").to_string(),
        }
    }
}

/// The ruleset a map is drawn from: the compiled one, or a changed copy in a test.
#[derive(Clone, Copy)]
pub struct Source<'a> {
    pub facts: &'a [FactDef],
    pub rules: &'a [RuleDef],
    pub obligations: &'a [ObligationDef],
}

impl Source<'static> {
    pub fn ruleset() -> Source<'static> {
        Source { facts: &FACTS, rules: &RULES, obligations: &OBLIGATIONS }
    }
}

#[derive(Clone, PartialEq, Debug)]
pub struct DecisionMap {
    pub nodes: Vec<Node>,
    /// `(from, to)`: the conclusion `to` reads the question or conclusion `from`.
    pub edges: Vec<(usize, usize)>,
}

/// What a condition reads: facts directly, and other rules.
fn reads(expr: &Expr, facts: &mut Vec<usize>, rules: &mut Vec<usize>) {
    match *expr {
        Expr::True | Expr::False | Expr::Defined(_) => {}
        Expr::Bool(f)
        | Expr::EnumIn(f, _)
        | Expr::SetAny(f, _)
        | Expr::SetEmpty(f)
        | Expr::Num(f, ..)
        | Expr::Date(f, ..)
        | Expr::Unsure(f) => facts.push(f),
        Expr::Rule(r) => rules.push(r),
        Expr::Not(e) => reads(e, facts, rules),
        Expr::And(es) | Expr::Or(es) => es.iter().for_each(|e| reads(e, facts, rules)),
    }
}

/// The risk category a rule concludes (`category.high_risk` → `high_risk`), if it is one.
pub fn category_of(rule: &RuleDef) -> Option<&'static str> {
    rule.id.strip_prefix("category.")
}

/// Whether a rule is a node of its own: a reported conclusion or a risk category. The other
/// rules are helpers; the map links through them.
fn shown(rule: &RuleDef) -> bool {
    rule.report || category_of(rule).is_some()
}

/// Builds the map of a ruleset.
pub fn build(src: Source) -> DecisionMap {
    // A scope or exclusion rule belongs to its stage (its `kind` in the ruleset). Another rule
    // belongs to the latest stage among the questions and rules it reads: it can be decided
    // only once they are (a category comes after the conclusions it sums up). The day (a host
    // fact) says when, not which stage. The build rejects cycles, so the recursion ends.
    fn rule_stage(src: Source, r: usize, memo: &mut [Option<MapStage>]) -> MapStage {
        if let Some(s) = memo[r] {
            return s;
        }
        match src.rules[r].kind {
            RuleKind::Scope => return MapStage::Where,
            RuleKind::Exclusion => return MapStage::Exclusions,
            RuleKind::Plain => {}
        }
        let (mut facts, mut rules) = (Vec::new(), Vec::new());
        reads(&src.rules[r].when, &mut facts, &mut rules);
        let asked = facts.iter().filter(|&&f| !src.facts[f].host).map(|&f| MapStage::of(src.facts[f].stage));
        let read = rules.iter().map(|&d| rule_stage(src, d, memo)).collect::<Vec<_>>();
        let stage = asked.chain(read).max().unwrap_or(MapStage::Assessed);
        memo[r] = Some(stage);
        stage
    }
    let mut memo = vec![None; src.rules.len()];

    let mut nodes = Vec::new();
    for (f, def) in src.facts.iter().enumerate() {
        // The host's facts (the day) are not questions; a fact asked together with another
        // is part of that question's node.
        if !def.host && def.asked_with.is_none() {
            nodes.push(Node {
                kind: NodeKind::Question(f),
                stage: MapStage::of(def.stage),
                citation: def.citation,
                count: 0,
            });
        }
    }
    for (r, def) in src.rules.iter().enumerate() {
        if shown(def) {
            let stage = rule_stage(src, r, &mut memo);
            nodes.push(Node { kind: NodeKind::Conclusion(r), stage, citation: def.citation, count: 0 });
        }
    }
    let roles = Role::ALL.iter().map(|&r| Some(r)).chain([None]);
    for role in roles {
        let mut of_role = src.obligations.iter().filter(|o| o.role == role);
        if let Some(first) = of_role.next() {
            nodes.push(Node {
                kind: NodeKind::Obligations(role),
                stage: MapStage::Obligations,
                citation: first.article,
                count: 1 + of_role.count(),
            });
        }
    }
    // Column by column, questions before conclusions: the order of the layout and of the
    // keyboard.
    nodes.sort_by_key(|n| (n.stage, !matches!(n.kind, NodeKind::Question(_))));

    let question_node = |f: usize, nodes: &[Node]| {
        // A fact asked with another question leads to that question's node.
        let asked = src.facts[f].asked_with.unwrap_or(f);
        nodes.iter().position(|n| n.kind == NodeKind::Question(asked))
    };
    let rule_node = |r: usize, nodes: &[Node]| nodes.iter().position(|n| n.kind == NodeKind::Conclusion(r));
    // The nodes a condition reads: the questions it reads itself, and the shown conclusions it
    // reads, directly or through helper rules (whose own questions stay with them, or every
    // conclusion would hang on every question of the scope test).
    fn inputs(src: Source, expr: &Expr, facts: &mut Vec<usize>, shown_rules: &mut Vec<usize>, depth: usize) {
        let (mut f, mut r) = (Vec::new(), Vec::new());
        reads(expr, &mut f, &mut r);
        if depth == 0 {
            facts.extend(f);
        }
        for rule in r {
            if shown(&src.rules[rule]) {
                shown_rules.push(rule);
            } else if depth < src.rules.len() {
                inputs(src, &src.rules[rule].when, facts, shown_rules, depth + 1);
            }
        }
    }
    let mut edges = Vec::new();
    for (to, node) in nodes.iter().enumerate() {
        let (mut facts, mut rules) = (Vec::new(), Vec::new());
        match node.kind {
            NodeKind::Question(_) => continue,
            NodeKind::Conclusion(r) => inputs(src, &src.rules[r].when, &mut facts, &mut rules, 0),
            NodeKind::Obligations(role) => {
                for o in src.obligations.iter().filter(|o| o.role == role) {
                    inputs(src, &o.when, &mut facts, &mut rules, 0);
                }
            }
        }
        let from = facts.iter().filter_map(|&f| question_node(f, &nodes));
        let from = from.chain(rules.iter().filter_map(|&r| rule_node(r, &nodes)));
        for from in from {
            if from != to && !edges.contains(&(from, to)) {
                edges.push((from, to));
            }
        }
    }
    DecisionMap { nodes, edges }
}

/// Where a node is on the path of one case.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum NodeState {
    /// A question the case answers.
    Answered,
    /// The question the case is waiting for.
    Current,
    /// A question the case has not reached, or does not need.
    Open,
    /// A conclusion that holds, or obligations the case has.
    Reached,
    NotReached,
}

impl NodeState {
    pub fn on_path(self) -> bool {
        matches!(self, NodeState::Answered | NodeState::Reached | NodeState::Current)
    }
}

/// The state of every node for a case: its answers in asking order, the question it waits
/// for, and its assessment.
pub fn states(map: &DecisionMap, order: &[usize], current: Option<usize>, assessment: &Assessment) -> Vec<NodeState> {
    map.nodes
        .iter()
        .map(|node| match node.kind {
            NodeKind::Question(f) if current == Some(f) => NodeState::Current,
            NodeKind::Question(f) if order.contains(&f) => NodeState::Answered,
            NodeKind::Question(_) => NodeState::Open,
            NodeKind::Conclusion(r) => {
                let holds = match category_of(&RULES[r]) {
                    Some(category) => assessment.categories.contains(&category),
                    None => assessment.trace.iter().any(|t| t.rule == r),
                };
                if holds {
                    NodeState::Reached
                } else {
                    NodeState::NotReached
                }
            }
            NodeKind::Obligations(role) => {
                if assessment.obligations.iter().any(|o| o.role() == role) {
                    NodeState::Reached
                } else {
                    NodeState::NotReached
                }
            }
        })
        .collect()
}

/// The facts a case has answered, for `states` when only the facts are at hand.
pub fn answered(facts: &Facts) -> Vec<usize> {
    (0..FACTS.len()).filter(|&f| facts.get(f).is_some() && !FACTS[f].host).collect()
}

// ------------------------------------------------------------------------------------ layout

/// The map's geometry in SVG user units: columns left to right, nodes top to bottom.
pub mod geometry {
    pub const COLUMN: f32 = 164.0;
    pub const NODE_WIDTH: f32 = 150.0;
    pub const MARGIN: f32 = 8.0;
    pub const HEADER: f32 = 58.0;
    pub const LINE: f32 = 15.0;
    pub const PADDING: f32 = 7.0;
    pub const GAP: f32 = 8.0;
    /// Characters per line of a node label at the map's font size.
    pub const CHARS: usize = 20;
}

#[derive(Clone, PartialEq, Debug)]
pub struct Placed {
    pub x: f32,
    pub y: f32,
    pub height: f32,
    /// The label, and the lines it is drawn in.
    pub label: String,
    pub lines: Vec<String>,
}

#[derive(Clone, PartialEq, Debug)]
pub struct Layout {
    pub width: f32,
    pub height: f32,
    /// The x of each column, in `MapStage::ALL` order, and its title's lines.
    pub columns: Vec<(f32, Vec<String>)>,
    pub nodes: Vec<Placed>,
}

/// Breaks a label into lines of at most `width` characters, at spaces where it can.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(2);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let mut word = word.to_string();
        while word.chars().count() > width {
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            let cut: String = word.chars().take(width - 1).collect();
            lines.push(format!("{cut}-"));
            word = word.chars().skip(width - 1).collect();
        }
        if line.is_empty() {
            line = word;
        } else if line.chars().count() + 1 + word.chars().count() <= width {
            line.push(' ');
            line.push_str(&word);
        } else {
            lines.push(std::mem::replace(&mut line, word));
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Places the nodes; `label(node)` and `title(stage)` give the texts in the visitor's language.
pub fn layout(map: &DecisionMap, label: impl Fn(&Node) -> String, title: impl Fn(MapStage) -> String) -> Layout {
    use geometry::*;
    let mut columns = Vec::new();
    let mut nodes =
        vec![Placed { x: 0.0, y: 0.0, height: 0.0, label: String::new(), lines: Vec::new() }; map.nodes.len()];
    let mut height: f32 = 0.0;
    for (c, &stage) in MapStage::ALL.iter().enumerate() {
        let x = MARGIN + c as f32 * COLUMN;
        columns.push((x, wrap(&title(stage), CHARS)));
        let mut y = HEADER;
        for (i, node) in map.nodes.iter().enumerate().filter(|(_, n)| n.stage == stage) {
            let label = label(node);
            let lines = wrap(&label, CHARS);
            let h = 2.0 * PADDING + LINE * lines.len().max(1) as f32;
            nodes[i] = Placed { x, y, height: h, label, lines };
            y += h + GAP;
        }
        height = height.max(y);
    }
    Layout { width: 2.0 * MARGIN + MapStage::ALL.len() as f32 * COLUMN - (COLUMN - NODE_WIDTH), height, columns, nodes }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_spaces_and_splits_long_words() {
        assert_eq!(wrap("Output used in the EU?", 12), ["Output used", "in the EU?"]);
        assert_eq!(wrap("Emotionserkennungssystem", 10), ["Emotionse-", "rkennungs-", "system"]);
        assert!(wrap("", 10).is_empty());
    }
}
