//! The result: the verdict sentence first, then categories, obligations by role with their
//! dates, fines, the why-trace, assumptions, open questions, the answers given, and a note that
//! this is not legal advice.

use super::import::ImportControl;
use crate::assessment::Assessment;
use crate::date::Date;
use crate::i18n::{eur_lex_url, Lang};
use crate::present;
use crate::ruleset::{FACTS, OPEN_QUESTIONS, RULES};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ResultViewProps {
    pub assessment: Rc<Assessment>,
    /// The questions answered, in asking order.
    pub order: Vec<usize>,
    pub lang: Lang,
    pub as_of: Date,
    /// Take the focus (the visitor moved here; not when a link or kept answers load it).
    pub focus: bool,
    pub on_edit: Callback<usize>,
    pub on_restart: Callback<()>,
    /// Makes a private link to these answers (the visitor's choice).
    pub on_share: Callback<(), Option<String>>,
    /// The host element, for printing.
    pub host: web_sys::HtmlElement,
    /// A saved result loaded back.
    pub on_import: Callback<crate::facts::Facts>,
}

fn cite(lang: Lang, citation: &'static str) -> Html {
    html! { <a class="cite" href={eur_lex_url(lang, citation)} target="_blank" rel="noopener noreferrer">{ lang.cite(citation) }</a> }
}

#[function_component(ResultView)]
pub fn result_view(props: &ResultViewProps) -> Html {
    let a = &*props.assessment;
    let lang = props.lang;
    let heading = use_node_ref();
    {
        let heading = heading.clone();
        let focus = props.focus;
        use_effect_with((), move |_| {
            if let Some(el) = heading.cast::<web_sys::HtmlElement>().filter(|_| focus) {
                let _ = el.focus();
            }
        });
    }

    let categories = a.categories.iter().map(|c| {
        html! {
            <li part="category" class={classes!("category", format!("category-{c}"))}>
                <strong>{ lang.t(&format!("category.{c}")) }</strong>
                <span>{ lang.t(&format!("category_desc.{c}")) }</span>
            </li>
        }
    });

    let groups = present::obligations_by_role(a);
    let obligations = groups.iter().map(|(role, items)| {
        let title = match role {
            None => lang.t("result.group_everyone").to_string(),
            Some(r) => lang.f("result.group_role", &[("role", lang.t(&format!("role.{}", r.id())))]),
        };
        let rows = items.iter().map(|o| {
            let badge_class = if o.in_force == Some(true) { "badge badge-in-force" } else { "badge badge-upcoming" };
            let qualifier = o.qualified.then(|| {
                let q = crate::ruleset::OBLIGATIONS[o.def].qualifier.map(|f| FACTS[f].id).unwrap_or_default();
                html! { <p class="qualifier">{ lang.t(&format!("qualifier.{q}")) }</p> }
            });
            html! {
                <li part="obligation" class="obligation" data-article={o.article()}>
                    <div class="obligation-head">
                        { cite(lang, o.article()) }
                        <span part="badge" class={badge_class}>{ present::badge(o, lang) }</span>
                    </div>
                    <p>{ lang.t(&format!("obligation.{}", o.id())) }</p>
                    { for qualifier }
                </li>
            }
        });
        html! {
            <section class="group">
                <h4>{ title }</h4>
                <ul class="obligations">{ for rows }</ul>
            </section>
        }
    });

    let penalties = a.penalties.iter().map(|p| {
        let def = &crate::ruleset::PENALTIES[p.def];
        html! {
            <li part="penalty">
                { cite(lang, def.citation) }{ " " }
                <span>{ lang.t(&format!("penalty.{}", def.id)) }</span>
                <span class="amount">{ present::penalty(p, lang) }</span>
            </li>
        }
    });

    let trace = a.trace.iter().map(|entry| {
        let rule = &RULES[entry.rule];
        let answers: Vec<String> = (0..FACTS.len())
            .filter(|&f| entry.used & (1 << f) != 0 && !FACTS[f].host)
            .filter_map(|f| {
                a.facts.get(f).map(|v| {
                    format!("{}: {}", lang.t(&format!("fact.{}.text", FACTS[f].id)), present::answer(f, v, lang))
                })
            })
            .collect();
        html! {
            <li data-conclusion={rule.id}>
                <p>{ lang.t(&format!("rule.{}", rule.id)) }{ " " }{ cite(lang, rule.citation) }</p>
                <details class="because">
                    <summary>{ lang.f("result.based_on", &[("answers", &answers.len().to_string())]) }</summary>
                    <ul>{ for answers.iter().map(|s| html! { <li>{ s }</li> }) }</ul>
                </details>
            </li>
        }
    });

    let assumptions = a.assumptions.iter().map(|&f| {
        let key = if FACTS[f].unsure_reads { "result.assumed_yes" } else { "result.assumed_no" };
        html! { <li>{ lang.f(key, &[("question", lang.t(&format!("fact.{}.text", FACTS[f].id)))]) }</li> }
    });

    let open = a.open_questions.iter().map(|&q| {
        let def = &OPEN_QUESTIONS[q];
        html! {
            <li part="open-question" data-open-question={def.id}>
                { cite(lang, def.citation) }{ " " }{ lang.t(&format!("open_question.{}", def.id)) }
            </li>
        }
    });

    let summary = props.order.iter().filter_map(|&f| {
        let value = a.facts.get(f)?;
        let on_edit = props.on_edit.clone();
        let question = lang.t(&format!("fact.{}.text", FACTS[f].id));
        Some(html! {
            <li class="answer">
                <span class="answer-question">{ question }</span>
                <span class="answer-value">{ present::answer(f, value, lang) }</span>
                <button type="button" part="button" class="button button-quiet" data-action="edit" data-question={FACTS[f].id}
                    aria-label={lang.f("result.edit_question", &[("question", question)])}
                    onclick={move |_| on_edit.emit(f)}>{ lang.t("result.edit") }</button>
            </li>
        })
    });

    // Downloads and printing: the same report code as `ai-act-check report`.
    let download_md = {
        let a = props.assessment.clone();
        let order = props.order.clone();
        Callback::from(move |_| {
            let text = crate::report::markdown(&a, &order, lang, super::today());
            let _ = super::download::save("ai-act-check-report.md", "text/markdown", &text);
        })
    };
    let download_json = {
        let a = props.assessment.clone();
        Callback::from(move |_| {
            let _ = super::download::save("ai-act-check-report.json", "application/json", &crate::report::json(&a));
        })
    };
    // Printing opens every folded section first, then calls the print dialog once rendered.
    let printing = use_state(|| false);
    {
        let printing = printing.clone();
        let host = props.host.clone();
        use_effect_with(*printing, move |&now| {
            if now {
                let _ = super::download::print(&host);
                printing.set(false);
            }
        });
    }
    let print = {
        let printing = printing.clone();
        Callback::from(move |_| printing.set(true))
    };

    let link = use_state(|| None::<String>);
    let share = {
        let link = link.clone();
        let on_share = props.on_share.clone();
        Callback::from(move |_| link.set(on_share.emit(())))
    };
    let on_restart = props.on_restart.clone();
    html! {
        <section part="result" class="result">
            <h2 class="result-heading" tabindex="-1" ref={heading}>{ lang.t("result.verdict_heading") }</h2>
            <p part="verdict" class="verdict">{ present::verdict(a, lang) }</p>
            <p class="as-of">{ lang.f("result.as_of", &[("date", &lang.date(props.as_of))]) }</p>

            <h3>{ lang.t("result.categories") }</h3>
            <ul class="categories">{ for categories }</ul>

            <h3>{ lang.t("result.citations") }</h3>
            <ul part="citations" class="citations">
                { for a.citations.iter().map(|c| html! { <li>{ cite(lang, c) }</li> }) }
            </ul>

            if !a.roles.is_empty() {
                <h3>{ lang.t("result.roles") }</h3>
                <p class="roles">{ present::join(lang, &a.roles.iter().map(|r| lang.t(&format!("role.{}", r.id())).to_string()).collect::<Vec<_>>()) }</p>
            }

            if a.in_scope == Some(true) {
                <h3>{ lang.t("result.obligations") }</h3>
                if groups.is_empty() {
                    <p>{ lang.t("result.no_obligations") }</p>
                }
                { for obligations }
            }

            if !a.penalties.is_empty() {
                <h3>{ lang.t("result.penalties") }</h3>
                <ul class="penalties">{ for penalties }</ul>
            }

            <details part="why" class="why" open={*printing}>
                <summary>{ lang.t("result.why") }</summary>
                <ol class="trace">{ for trace }</ol>
            </details>

            if !a.assumptions.is_empty() {
                <h3>{ lang.t("result.assumptions") }</h3>
                <ul class="assumptions">{ for assumptions }</ul>
            }

            if !a.open_questions.is_empty() {
                <h3>{ lang.t("result.open_questions") }</h3>
                <ul class="open-questions">{ for open }</ul>
            }

            <IsoSection assessment={props.assessment.clone()} {lang} open={*printing} />

            <section part="keep" class="keep">
                <h3>{ lang.t("ui.keep_heading") }</h3>
                <div class="actions">
                    <button type="button" part="button" class="button" data-action="download-md" onclick={download_md}>{ lang.t("ui.download_md") }</button>
                    <button type="button" part="button" class="button" data-action="download-json" onclick={download_json}>{ lang.t("ui.download_json") }</button>
                    <button type="button" part="button" class="button" data-action="print" onclick={print}>{ lang.t("ui.print") }</button>
                </div>
                <ImportControl {lang} on_import={props.on_import.clone()} />
            </section>

            <details part="answers" class="answers" open={*printing}>
                <summary>{ lang.t("result.answered") }</summary>
                <ul>{ for summary }</ul>
            </details>

            <div part="share" class="share">
                <button type="button" part="button" class="button" data-action="share" onclick={share}>{ lang.t("result.share") }</button>
                if let Some(url) = &*link {
                    <label class="field">
                        <span class="field-label">{ lang.t("result.share_label") }</span>
                        <input part="input" type="text" readonly=true value={url.clone()} data-share-link="" />
                    </label>
                }
            </div>

            <p part="disclaimer" class="disclaimer">{ lang.f("result.disclaimer", &[("date", &lang.date(props.as_of))]) }</p>
            <div part="actions" class="actions">
                <button type="button" part="button button-primary" class="button button-primary" data-action="restart" onclick={move |_| on_restart.emit(())}>{ lang.t("ui.restart") }</button>
            </div>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct IsoSectionProps {
    assessment: Rc<Assessment>,
    lang: Lang,
    /// Unfolded (for printing).
    open: bool,
}

/// The ISO/IEC 42001 alignment of the result and the six-step plan.
#[function_component(IsoSection)]
fn iso_section(props: &IsoSectionProps) -> Html {
    let a = &*props.assessment;
    let lang = props.lang;
    let clusters = crate::report::clusters(a);
    let gaps = crate::report::gaps(a);
    if clusters.is_empty() && gaps.is_empty() {
        return Html::default();
    }
    let articles = |items: &[crate::assessment::Obligation]| {
        items.iter().map(|o| lang.cite(o.article())).collect::<Vec<_>>().join(", ")
    };
    html! {
        <details part="iso" class="iso" open={props.open}>
            <summary>{ lang.t("ui.iso_heading") }</summary>
            <p class="hint">{ lang.t("report.iso_intro") }</p>
            <ul class="iso-clusters">
                { for clusters.iter().map(|(c, items)| html! {
                    <li data-cluster={c.id}>
                        <div class="obligation-head">
                            <strong>{ lang.t(&format!("iso.cluster.{}", c.id)) }{ " " }<span class="muted">{ articles(items) }</span></strong>
                            <span part="badge" class={classes!("badge", format!("fit-{}", c.fit))}>{ lang.t(&format!("iso.fit.{}", c.fit)) }</span>
                        </div>
                        <p class="muted">{ lang.t(&format!("iso.clauses.{}", c.id)) }</p>
                        <p><span class="label">{ lang.t("ui.iso_beyond") }{ ": " }</span>{ lang.t(&format!("iso.beyond.{}", c.id)) }</p>
                    </li>
                }) }
            </ul>
            if !gaps.is_empty() {
                <h4>{ lang.t("report.iso_gaps") }</h4>
                <ul class="iso-gaps">
                    { for gaps.iter().map(|(g, items)| html! {
                        <li data-gap={g.id}>{ lang.t(&format!("iso.gap.{}", g.id)) }{ " " }<span class="muted">{ format!("({})", articles(items)) }</span></li>
                    }) }
                </ul>
            }
            <h4>{ lang.t("ui.plan_heading") }</h4>
            <ol class="plan">
                { for crate::report::plan(a).iter().map(|(step, items)| html! {
                    <li data-step={step.id}>
                        <strong>{ lang.t(&format!("plan.step.{}", step.id)) }</strong>
                        <p class="muted">{ lang.t(&format!("plan.step_desc.{}", step.id)) }</p>
                        if items.is_empty() {
                            <p class="muted">{ lang.t("report.step_nothing") }</p>
                        } else {
                            <ul>
                                { for items.iter().map(|o| html! {
                                    <li>{ cite(lang, o.article()) }{ " " }{ lang.t(&format!("obligation.{}", o.id())) }{ " " }
                                        <span part="badge" class={if o.in_force == Some(true) { "badge badge-in-force" } else { "badge badge-upcoming" }}>{ present::badge(o, lang) }</span></li>
                                }) }
                            </ul>
                        }
                    </li>
                }) }
            </ol>
        </details>
    }
}
