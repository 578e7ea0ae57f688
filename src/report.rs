//! Results people can keep: the ISO/IEC 42001 alignment of a result, a six-step plan, and the
//! report as Markdown or JSON. One code path for the widget's downloads and the command line.

use crate::assessment::{Assessment, Obligation};
use crate::i18n::Lang;
use crate::json::JsonWriter;
use crate::present;
use crate::ruleset::{IsoCluster, IsoGap, PlanStep, FACTS, ISO_CLUSTERS, ISO_GAPS, PLAN_STEPS, RULES};

/// The report format's name and version, so a file can be recognised when it comes back.
pub const FORMAT: &str = "ai-act-check-report";
pub const FORMAT_VERSION: u64 = 1;

fn of_articles(a: &Assessment, articles: &[&str]) -> Vec<Obligation> {
    a.obligations.iter().filter(|o| articles.contains(&o.article())).copied().collect()
}

/// The obligation clusters of this result with the closest ISO/IEC 42001 elements.
pub fn clusters(a: &Assessment) -> Vec<(&'static IsoCluster, Vec<Obligation>)> {
    ISO_CLUSTERS.iter().map(|c| (c, of_articles(a, c.articles))).filter(|(_, o)| !o.is_empty()).collect()
}

/// The obligations of this result that ISO/IEC 42001 does not cover at all.
pub fn gaps(a: &Assessment) -> Vec<(&'static IsoGap, Vec<Obligation>)> {
    ISO_GAPS.iter().map(|g| (g, of_articles(a, g.articles))).filter(|(_, o)| !o.is_empty()).collect()
}

/// The six steps, each with the obligations of this result it serves.
pub fn plan(a: &Assessment) -> Vec<(&'static PlanStep, Vec<Obligation>)> {
    PLAN_STEPS.iter().map(|s| (s, of_articles(a, s.articles))).collect()
}

fn obligation_line(o: &Obligation, lang: Lang) -> String {
    format!("{} — {} ({})", lang.cite(o.article()), lang.t(&format!("obligation.{}", o.id())), present::badge(o, lang))
}

/// The report as Markdown: date, ruleset, as-of day, every answer with its question, verdict,
/// obligations with dates, the ISO/IEC 42001 map and plan, open questions, assumptions and the
/// disclaimer. `order` lists the questions answered, in asking order.
pub fn markdown(a: &Assessment, order: &[usize], lang: Lang, today: crate::date::Date) -> String {
    let mut md = String::new();
    let mut line = |text: String| {
        md.push_str(&text);
        md.push('\n');
    };
    let as_of = a.facts.get(crate::ruleset::fact::AS_OF).and_then(|v| match v {
        crate::facts::Value::Date(d) => Some(d),
        _ => None,
    });
    line(format!("# {}", lang.t("ui.title")));
    line(String::new());
    line(format!("- {}: {}", lang.t("report.made_on"), lang.date(today)));
    line(format!("- {}: {}", lang.t("report.ruleset"), lang.t("report.regulation")));
    if let Some(d) = as_of {
        line(format!("- {}", lang.f("result.as_of", &[("date", &lang.date(d))])));
    }
    line(String::new());
    line(format!("## {}", lang.t("result.verdict_heading")));
    line(String::new());
    line(present::verdict(a, lang));
    line(String::new());
    if !a.categories.is_empty() {
        let names: Vec<&str> = a.categories.iter().map(|c| lang.t(&format!("category.{c}"))).collect();
        line(format!("**{}:** {}", lang.t("result.categories"), names.join(", ")));
    }
    if !a.roles.is_empty() {
        let roles: Vec<&str> = a.roles.iter().map(|r| lang.t(&format!("role.{}", r.id()))).collect();
        line(format!("**{}:** {}", lang.t("result.roles"), roles.join(", ")));
    }
    let citations: Vec<String> = a.citations.iter().map(|c| lang.cite(c)).collect();
    line(format!("**{}:** {}", lang.t("result.citations"), citations.join(", ")));
    line(String::new());

    line(format!("## {}", lang.t("result.answered")));
    line(String::new());
    for &f in order {
        if let Some(v) = a.facts.get(f) {
            line(format!("- {} — **{}**", lang.t(&format!("fact.{}.text", FACTS[f].id)), present::answer(f, v, lang)));
        }
    }
    line(String::new());

    if a.in_scope == Some(true) {
        line(format!("## {}", lang.t("result.obligations")));
        line(String::new());
        let groups = present::obligations_by_role(a);
        if groups.is_empty() {
            line(lang.t("result.no_obligations").to_string());
        }
        for (role, items) in groups {
            let title = match role {
                None => lang.t("result.group_everyone").to_string(),
                Some(r) => lang.f("result.group_role", &[("role", lang.t(&format!("role.{}", r.id())))]),
            };
            line(format!("### {title}"));
            line(String::new());
            for o in &items {
                line(format!("- {}", obligation_line(o, lang)));
            }
            line(String::new());
        }
    }
    if !a.penalties.is_empty() {
        line(format!("## {}", lang.t("result.penalties")));
        line(String::new());
        for p in &a.penalties {
            let def = &crate::ruleset::PENALTIES[p.def];
            line(format!(
                "- {}: {} — {}",
                lang.cite(def.citation),
                lang.t(&format!("penalty.{}", def.id)),
                present::penalty(p, lang)
            ));
        }
        line(String::new());
    }

    let clusters = clusters(a);
    let gaps = gaps(a);
    if !clusters.is_empty() || !gaps.is_empty() {
        line(format!("## {}", lang.t("report.iso_heading")));
        line(String::new());
        line(lang.t("report.iso_intro").to_string());
        line(String::new());
        for (c, items) in &clusters {
            let articles: Vec<String> = items.iter().map(|o| lang.cite(o.article())).collect();
            line(format!(
                "- **{}** ({}): {} — {}. {}",
                lang.t(&format!("iso.cluster.{}", c.id)),
                articles.join(", "),
                lang.t(&format!("iso.clauses.{}", c.id)),
                lang.t(&format!("iso.fit.{}", c.fit)),
                lang.t(&format!("iso.beyond.{}", c.id))
            ));
        }
        if !gaps.is_empty() {
            line(String::new());
            line(format!("### {}", lang.t("report.iso_gaps")));
            line(String::new());
            for (g, items) in &gaps {
                let articles: Vec<String> = items.iter().map(|o| lang.cite(o.article())).collect();
                line(format!("- {} ({})", lang.t(&format!("iso.gap.{}", g.id)), articles.join(", ")));
            }
        }
        line(String::new());
        line(format!("## {}", lang.t("report.plan_heading")));
        line(String::new());
        for (step, items) in plan(a) {
            line(format!("### {}", lang.t(&format!("plan.step.{}", step.id))));
            line(String::new());
            line(lang.t(&format!("plan.step_desc.{}", step.id)).to_string());
            line(String::new());
            if items.is_empty() {
                line(format!("- {}", lang.t("report.step_nothing")));
            }
            for o in &items {
                line(format!("- {}", obligation_line(o, lang)));
            }
            line(String::new());
        }
    }

    if !a.open_questions.is_empty() {
        line(format!("## {}", lang.t("result.open_questions")));
        line(String::new());
        for &q in &a.open_questions {
            let def = &crate::ruleset::OPEN_QUESTIONS[q];
            line(format!("- {}: {}", lang.cite(def.citation), lang.t(&format!("open_question.{}", def.id))));
        }
        line(String::new());
    }
    if !a.assumptions.is_empty() {
        line(format!("## {}", lang.t("result.assumptions")));
        line(String::new());
        for &f in &a.assumptions {
            let key = if FACTS[f].unsure_reads { "result.assumed_yes" } else { "result.assumed_no" };
            line(format!("- {}", lang.f(key, &[("question", lang.t(&format!("fact.{}.text", FACTS[f].id)))])));
        }
        line(String::new());
    }
    line(format!("## {}", lang.t("result.why")));
    line(String::new());
    for t in &a.trace {
        let rule = &RULES[t.rule];
        line(format!("- {} ({})", lang.t(&format!("rule.{}", rule.id)), lang.cite(rule.citation)));
    }
    line(String::new());
    line(format!("_{}_", lang.f("result.disclaimer", &[("date", &as_of.map(|d| lang.date(d)).unwrap_or_default())])));
    md
}

/// The report as JSON: the contract's assessment, the answers it rests on and the ruleset, in
/// a versioned envelope that the widget can load back.
pub fn json(a: &Assessment) -> String {
    let mut answers = a.facts;
    answers.set(crate::ruleset::fact::AS_OF, None);
    format!(
        "{{\"format\":\"{FORMAT}\",\"version\":{FORMAT_VERSION},\"ruleset\":{},\"fingerprint\":{},\"answers\":{},\"assessment\":{}}}",
        {
            let mut w = JsonWriter::new();
            w.string(a.ruleset);
            w.finish()
        },
        crate::share::catalogue_fingerprint(),
        answers.to_json_string(),
        a.to_json_string()
    )
}
