//! Trainer mode: the widget's flow beside the decision map, with teaching cases, what-if and a
//! timeline. A thin layer over `crate::map` and `crate::trainer`, which hold the logic.

use super::app::{App, CaseState, TrainerLink};
use super::Config;
use crate::assess;
use crate::assessment::{Assessment, Obligation};
use crate::date::Date;
use crate::facts::Facts;
use crate::i18n::{eur_lex_url, Lang, Part};
use crate::map::{self, DecisionMap, Layout, MapStage, NodeKind, NodeState};
use crate::present;
use crate::ruleset::{FACTS, PRESETS, RULES};
use crate::trainer::{self as logic, Diff, TIMELINE_END};
use std::rc::Rc;
use web_sys::{HtmlElement, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TrainerProps {
    pub config: Config,
    pub host: HtmlElement,
    pub texts: u32,
}

/// The case on screen: the loaded teaching case (if any) and the timeline's day.
#[derive(Clone, PartialEq)]
struct Session {
    case: Option<usize>,
    loads: u32,
    day: Date,
    presenter: bool,
}

impl Session {
    /// The answers of the case as loaded, for what-if.
    fn baseline(&self) -> Option<Facts> {
        self.case.map(|i| logic::preset_answers(&PRESETS[i]).0)
    }
}

#[function_component(Trainer)]
pub fn trainer(props: &TrainerProps) -> Html {
    let lang = props.config.lang;
    let session = use_state(|| Session { case: None, loads: 0, day: props.config.as_of, presenter: false });
    let case_state = use_state(|| CaseState { answers: Facts::default(), order: Vec::new(), current: None });
    // A new `as-of` on the element moves the timeline to that day.
    {
        let session = session.clone();
        use_effect_with(props.config.as_of, move |&day| {
            if session.day != day {
                session.set(Session { day, ..(*session).clone() });
            }
        });
    }
    // Trainer mode shows everything at once: it asks for every text of its language.
    {
        let host = props.host.clone();
        let missing: Vec<Part> = [Part::Details, Part::Trainer].into_iter().filter(|&p| !lang.has(p)).collect();
        use_effect_with((lang, missing), move |(lang, missing)| {
            for &part in missing {
                super::ask_for_texts(&host, part, *lang);
            }
        });
    }
    let map = use_memo((), |_| map::build(map::Source::ruleset()));
    let layout = use_memo((lang, props.texts), |&(lang, _)| {
        map::layout(&map, |n| n.label(lang, &RULES, &FACTS), |s| lang.t(s.title_key()).to_string())
    });

    let day = session.day;
    let now = use_memo((case_state.answers, day), |(answers, day)| assess(&logic::on_day(answers, *day)));
    // The case as loaded, on the same day, with the answers the flow keeps of it (a teaching
    // case may list facts its path does not ask).
    let before = use_memo((session.baseline(), day), |(baseline, day)| {
        baseline.map(|b| assess(&crate::questions::replay(&b, &logic::on_day(&Facts::default(), *day))))
    });
    let states = map::states(&map, &case_state.order, case_state.current, &now);

    let on_case = {
        let session = session.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            let Ok(index) = select.value().parse::<usize>() else {
                return;
            };
            let Some(preset) = PRESETS.get(index) else {
                return;
            };
            let day = logic::preset_answers(preset).1.unwrap_or(session.day);
            session.set(Session { case: Some(index), loads: session.loads + 1, day, presenter: session.presenter });
        })
    };
    let on_presenter = {
        let session = session.clone();
        Callback::from(move |_| session.set(Session { presenter: !session.presenter, ..(*session).clone() }))
    };
    let on_day = {
        let session = session.clone();
        Callback::from(move |day: Date| session.set(Session { day, ..(*session).clone() }))
    };
    // One callback for the component's life: a new one each render would render the flow again.
    let on_state = {
        let case_state = case_state.clone();
        use_callback((), move |state: CaseState, _| case_state.set(state))
    };

    let mut config = props.config.clone();
    config.as_of = day;
    let link = TrainerLink { load: session.loads, facts: Rc::new(session.baseline().unwrap_or_default()), on_state };
    let preset = session.case.and_then(|i| PRESETS.get(i));

    html! {
        <div part="trainer" class={classes!("trainer", session.presenter.then_some("presenter"))}
            data-theme={props.config.theme.id()} lang={lang.code()}>
            <div class="trainer-bar">
                <p class="trainer-title"><span class="trainer-mode">{ lang.t("trainer.mode_label") }</span>{ lang.t("trainer.title") }</p>
                <label class="trainer-case">
                    <span>{ lang.t("trainer.case_label") }</span>
                    <select onchange={on_case} data-action="case">
                        <option value="" selected={session.case.is_none()} disabled=true>{ lang.t("trainer.choose_case") }</option>
                        { for PRESETS.iter().enumerate().map(|(i, p)| html! {
                            <option value={i.to_string()} selected={session.case == Some(i)} data-scenario={p.scenario}>
                                { lang.t(&format!("preset.{}.title", p.id)) }
                            </option>
                        }) }
                    </select>
                </label>
                <button type="button" class="button" part="button" data-action="presenter"
                    aria-pressed={session.presenter.to_string()} onclick={on_presenter}>
                    { lang.t("trainer.presenter") }
                </button>
            </div>
            if let Some(preset) = preset {
                <section class="trainer-story" aria-label={lang.t("trainer.the_case")}>
                    <h2>{ lang.t(&format!("preset.{}.title", preset.id)) }</h2>
                    <p>{ lang.t(&format!("preset.{}.story", preset.id)) }</p>
                </section>
            }
            <Timeline {lang} {day} assessment={now.clone()} on_day={on_day} />
            <div class="trainer-main">
                <div class="trainer-flow">
                    <App config={config} host={props.host.clone()} texts={props.texts} trainer={Some(link)} />
                </div>
                <WhatIf {lang} before={(*before).clone()} after={now.clone()} />
                <MapView {lang} map={map.clone()} layout={layout.clone()} states={Rc::new(states)} />
            </div>
        </div>
    }
}

// ------------------------------------------------------------------------------------ the map

#[derive(Properties, PartialEq)]
struct MapViewProps {
    lang: Lang,
    map: Rc<DecisionMap>,
    layout: Rc<Layout>,
    states: Rc<Vec<NodeState>>,
}

fn state_class(state: NodeState) -> &'static str {
    match state {
        NodeState::Answered => "is-answered",
        NodeState::Current => "is-current",
        NodeState::Open => "is-open",
        NodeState::Reached => "is-reached",
        NodeState::NotReached => "is-not-reached",
    }
}

fn state_text(lang: Lang, state: NodeState) -> &'static str {
    lang.t(match state {
        NodeState::Answered => "trainer.map_answered",
        NodeState::Current => "trainer.map_current",
        NodeState::Open => "trainer.map_open",
        NodeState::Reached => "trainer.map_reached",
        NodeState::NotReached => "trainer.map_not_reached",
    })
}

/// The node's long text: the question itself, or the conclusion as the result states it.
fn node_text(lang: Lang, node: &map::Node) -> String {
    match node.kind {
        NodeKind::Question(f) => lang.t(&format!("fact.{}.text", FACTS[f].id)).to_string(),
        NodeKind::Conclusion(r) => match map::category_of(&RULES[r]) {
            Some(c) => lang.t(&format!("category_desc.{c}")).to_string(),
            None => lang.t(&format!("rule.{}", RULES[r].id)).to_string(),
        },
        NodeKind::Obligations(_) => format!("{} ({})", node.label(lang, &RULES, &FACTS), node.count),
    }
}

#[function_component(MapView)]
fn map_view(props: &MapViewProps) -> Html {
    let (lang, map, layout, states) = (props.lang, &props.map, &props.layout, &props.states);
    let geometry = |i: usize| &layout.nodes[i];
    let edges = map.edges.iter().filter(|&&(a, b)| states[a].on_path() && states[b].on_path()).map(|&(a, b)| {
        let (from, to) = (geometry(a), geometry(b));
        let (x1, y1) = (from.x + map::geometry::NODE_WIDTH, from.y + from.height / 2.0);
        let (x2, y2) = (to.x, to.y + to.height / 2.0);
        // Left to right, or within a column (a conclusion reading one above it): a curve out
        // to the right and back.
        let d = if x2 > x1 {
            let mid = (x1 + x2) / 2.0;
            format!("M{x1:.1} {y1:.1}C{mid:.1} {y1:.1} {mid:.1} {y2:.1} {x2:.1} {y2:.1}")
        } else {
            let out = x1 + 10.0;
            let xr = to.x + map::geometry::NODE_WIDTH;
            format!("M{x1:.1} {y1:.1}C{out:.1} {y1:.1} {out:.1} {y2:.1} {xr:.1} {y2:.1}")
        };
        html! { <path class="map-edge" d={d} /> }
    });
    let nodes = map.nodes.iter().enumerate().map(|(i, node)| {
        let g = geometry(i);
        let state = states[i];
        let kind = match node.kind {
            NodeKind::Question(_) => "question",
            NodeKind::Conclusion(r) if map::category_of(&RULES[r]).is_some() => "conclusion category",
            NodeKind::Conclusion(_) => "conclusion",
            NodeKind::Obligations(_) => "obligations",
        };
        let citation = lang.cite(node.citation);
        // The accessible name starts with the visible label (WCAG 2.5.3), then says where the
        // node links and where the case stands.
        let aria = format!("{} — {citation} — {}", g.label, state_text(lang, state));
        let last = g.lines.len().saturating_sub(1);
        let rx = if kind == "question" { "6" } else { "18" };
        let kind = kind.split(' ').collect::<Vec<_>>();
        html! {
            <a class={classes!("map-node", kind, state_class(state))} href={eur_lex_url(lang, node.citation)}
                target="_blank" rel="noopener noreferrer" aria-label={aria}
                aria-current={(state == NodeState::Current).then_some("step")}>
                <title>{ format!("{} ({citation})", node_text(lang, node)) }</title>
                <rect x={format!("{:.1}", g.x)} y={format!("{:.1}", g.y)} width={format!("{:.1}", map::geometry::NODE_WIDTH)}
                    height={format!("{:.1}", g.height)} rx={rx} />
                <text x={format!("{:.1}", g.x + map::geometry::NODE_WIDTH / 2.0)}
                    y={format!("{:.1}", g.y + map::geometry::PADDING + map::geometry::LINE * 0.8)}>
                    { for g.lines.iter().enumerate().map(|(n, line)| {
                        // A space between lines keeps the words apart in the text read out.
                        let text = if n < last && !line.ends_with('-') { format!("{line} ") } else { line.clone() };
                        html! {
                            <tspan x={format!("{:.1}", g.x + map::geometry::NODE_WIDTH / 2.0)}
                                dy={if n == 0 { "0".to_string() } else { format!("{}", map::geometry::LINE) }}>{ text }</tspan>
                        }
                    }) }
                </text>
            </a>
        }
    });
    let columns = layout.columns.iter().map(|(x, lines)| {
        let cx = x + map::geometry::NODE_WIDTH / 2.0;
        html! {
            <text class="map-column" x={format!("{cx:.1}")} y="18">
                { for lines.iter().enumerate().map(|(n, line)| html! {
                    <tspan x={format!("{cx:.1}")} dy={if n == 0 { "0" } else { "16" }}>{ line.clone() }</tspan>
                }) }
            </text>
        }
    });
    let view_box = format!("0 0 {:.0} {:.0}", layout.width, layout.height);
    html! {
        <figure part="map" class="map">
            <figcaption>
                <h2 id="ai-act-check-map-title">{ lang.t("trainer.map") }</h2>
                <p id="ai-act-check-map-desc" class="map-description">{ lang.t("trainer.map_description") }</p>
            </figcaption>
            <div class="map-canvas">
                <svg viewBox={view_box} role="group" aria-labelledby="ai-act-check-map-title"
                    aria-describedby="ai-act-check-map-desc" class="map-svg">
                    <g aria-hidden="true">{ for columns }</g>
                    <g class="map-edges" aria-hidden="true">{ for edges }</g>
                    <g class="map-nodes">{ for nodes }</g>
                </svg>
            </div>
            <ul class="map-legend" aria-label={lang.t("trainer.map_legend")}>
                { for [NodeState::Answered, NodeState::Current, NodeState::Reached, NodeState::NotReached].iter().map(|&s| html! {
                    <li class={classes!("map-key", state_class(s))}>{ state_text(lang, s) }</li>
                }) }
                <li class="map-key is-category">{ lang.t("result.categories") }</li>
            </ul>
            <MapText {lang} map={map.clone()} states={states.clone()} />
        </figure>
    }
}

/// The map as a list, stage by stage: its text alternative.
#[derive(Properties, PartialEq)]
struct MapTextProps {
    lang: Lang,
    map: Rc<DecisionMap>,
    states: Rc<Vec<NodeState>>,
}

#[function_component(MapText)]
fn map_text(props: &MapTextProps) -> Html {
    let lang = props.lang;
    let stages = MapStage::ALL.iter().map(|&stage| {
        let nodes: Vec<_> = props.map.nodes.iter().enumerate().filter(|(_, n)| n.stage == stage).collect();
        let questions = nodes.iter().filter(|(_, n)| matches!(n.kind, NodeKind::Question(_))).count();
        let heading = lang.f(
            "trainer.map_stage",
            &[
                ("stage", lang.t(stage.title_key())),
                ("questions", &questions.to_string()),
                ("conclusions", &(nodes.len() - questions).to_string()),
            ],
        );
        html! {
            <li>
                <h3>{ heading }</h3>
                <ul>
                    { for nodes.iter().map(|&(i, n)| html! {
                        <li class={state_class(props.states[i])}>
                            { n.label(lang, &RULES, &FACTS) }{ " (" }{ lang.cite(n.citation) }{ "): " }
                            { state_text(lang, props.states[i]) }
                        </li>
                    }) }
                </ul>
            </li>
        }
    });
    html! {
        <details class="map-text">
            <summary>{ lang.t("trainer.map_text") }</summary>
            <ol>{ for stages }</ol>
        </details>
    }
}

// ------------------------------------------------------------------------------------ timeline

#[derive(Properties, PartialEq)]
struct TimelineProps {
    lang: Lang,
    day: Date,
    assessment: Rc<Assessment>,
    on_day: Callback<Date>,
}

fn obligation_item(lang: Lang, o: &Obligation) -> Html {
    let role = o.role().map_or(lang.t("result.group_everyone"), |r| lang.t(&format!("role_as.{}", r.id())));
    html! {
        <li data-article={o.article()}>
            <strong>{ lang.cite(o.article()) }</strong>{ " " }{ role }{ " · " }{ present::badge(o, lang) }
        </li>
    }
}

#[function_component(Timeline)]
fn timeline(props: &TimelineProps) -> Html {
    let lang = props.lang;
    let marks = use_memo((), |_| logic::timeline_marks());
    let oninput = {
        let on_day = props.on_day.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Ok(n) = input.value().parse::<u32>() {
                on_day.emit(logic::timeline_day(n));
            }
        })
    };
    let (in_force, not_yet) = logic::in_force(&props.assessment, props.day);
    let unsettled = logic::unsettled(&props.assessment);
    // "date unsettled" heads its own list here.
    let unsettled_title: String = {
        let text = lang.t("result.date_unsettled");
        let mut chars = text.chars();
        chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
    };
    let date = lang.date(props.day);
    let last_mark = marks.iter().rev().find(|&&m| m <= props.day).copied();
    html! {
        <section part="timeline" class="timeline" aria-labelledby="ai-act-check-timeline">
            <h2 id="ai-act-check-timeline">{ lang.t("trainer.timeline") }</h2>
            <label class="timeline-slider">
                <span class="timeline-day">{ lang.f("trainer.timeline_label", &[("date", &date)]) }</span>
                <input type="range" min="0" max={logic::timeline_position(TIMELINE_END).to_string()} step="1"
                    value={logic::timeline_position(props.day).to_string()} aria-valuetext={date.clone()}
                    list="ai-act-check-marks" {oninput} data-action="timeline" />
            </label>
            <datalist id="ai-act-check-marks">
                { for marks.iter().map(|&m| html! { <option value={logic::timeline_position(m).to_string()} label={lang.date(m)} /> }) }
            </datalist>
            <p class="timeline-help">{ lang.t("trainer.timeline_help") }</p>
            <ul class="timeline-marks" aria-label={lang.t("trainer.timeline_marks")}>
                { for marks.iter().map(|&m| {
                    let on_day = props.on_day.clone();
                    html! {
                        <li>
                            <button type="button" class="mark" aria-current={(Some(m) == last_mark).then_some("date")}
                                data-day={m.to_string()} onclick={move |_| on_day.emit(m)}>{ lang.date(m) }</button>
                        </li>
                    }
                }) }
            </ul>
            if props.assessment.obligations.is_empty() {
                <p class="timeline-none">{ lang.t("trainer.no_obligations") }</p>
            } else {
                <div class="timeline-lists">
                    <div data-list="in-force">
                        <h3>{ lang.f("trainer.in_force", &[("date", &date)]) }</h3>
                        if in_force.is_empty() {
                            <p>{ lang.t("trainer.none_in_force") }</p>
                        } else {
                            <ul>{ for in_force.iter().map(|o| obligation_item(lang, o)) }</ul>
                        }
                    </div>
                    if !not_yet.is_empty() {
                        <div data-list="not-yet">
                            <h3>{ lang.f("trainer.not_in_force", &[("date", &date)]) }</h3>
                            <ul>{ for not_yet.iter().map(|o| obligation_item(lang, o)) }</ul>
                        </div>
                    }
                    if !unsettled.is_empty() {
                        <div data-list="unsettled">
                            <h3>{ unsettled_title }</h3>
                            <ul>{ for unsettled.iter().map(|o| obligation_item(lang, o)) }</ul>
                        </div>
                    }
                </div>
            }
        </section>
    }
}

// ------------------------------------------------------------------------------------ what-if

#[derive(Properties, PartialEq)]
struct WhatIfProps {
    lang: Lang,
    before: Option<Assessment>,
    after: Rc<Assessment>,
}

/// One kind of change (categories, roles, obligations): `(id, text)` added and removed.
fn change_list(
    lang: Lang,
    kind: &str,
    title: &str,
    added: Vec<(String, String)>,
    removed: Vec<(String, String)>,
) -> Html {
    if added.is_empty() && removed.is_empty() {
        return html! {};
    }
    let item = |class: &'static str, sign: &'static str, (id, text): (String, String)| {
        html! { <li class={class} data-id={id}><span class="sign">{ lang.t(sign) }</span>{ " " }{ text }</li> }
    };
    html! {
        <div class="change" data-change={kind.to_string()}>
            <h4>{ title.to_string() }</h4>
            <ul>
                { for added.into_iter().map(|a| item("added", "trainer.added", a)) }
                { for removed.into_iter().map(|r| item("removed", "trainer.removed", r)) }
            </ul>
        </div>
    }
}

fn obligation_line(lang: Lang, o: &Obligation) -> (String, String) {
    let role = o.role().map_or(lang.t("result.group_everyone"), |r| lang.t(&format!("role_as.{}", r.id())));
    let id = format!("{} {}", o.article(), o.role().map_or("every_operator", |r| r.id()));
    (id, format!("{} {role} · {}", lang.cite(o.article()), present::badge(o, lang)))
}

#[function_component(WhatIf)]
fn what_if(props: &WhatIfProps) -> Html {
    let lang = props.lang;
    let Some(before) = &props.before else {
        return html! {
            <section part="what-if" class="what-if" aria-labelledby="ai-act-check-whatif">
                <h2 id="ai-act-check-whatif">{ lang.t("trainer.whatif") }</h2>
                <p>{ lang.t("trainer.whatif_none") }</p>
            </section>
        };
    };
    let after = &*props.after;
    let diff: Diff = logic::diff(before, after);
    let category = |c: &&str| lang.t(&format!("category.{c}")).to_string();
    let category_change = |c: &&str| (c.to_string(), category(c));
    let role = |r: &crate::ruleset::Role| (r.id().to_string(), lang.t(&format!("role.{}", r.id())).to_string());
    let side = |title: &str, a: &Assessment, which: &str| {
        html! {
            <div class="side" data-side={which.to_string()}>
                <h3>{ title.to_string() }</h3>
                <p class="side-verdict">{ present::verdict(a, lang) }</p>
                <ul class="badges">
                    { for a.categories.iter().map(|c| html! { <li class="badge">{ category(c) }</li> }) }
                </ul>
            </div>
        }
    };
    let answers = diff.answers.iter().map(|&f| {
        let show = |a: &Assessment| a.facts.get(f).map_or("—".to_string(), |v| present::answer(f, v, lang));
        html! {
            <li data-id={FACTS[f].id}>
                <span class="question">{ lang.t(&format!("map.fact.{}", FACTS[f].id)) }</span>{ " " }
                <span class="from">{ show(before) }</span>{ " → " }<span class="to">{ show(after) }</span>
            </li>
        }
    });
    html! {
        <section part="what-if" class="what-if" aria-labelledby="ai-act-check-whatif">
            <h2 id="ai-act-check-whatif">{ lang.t("trainer.whatif") }</h2>
            <p class="what-if-help">{ lang.t("trainer.whatif_help") }</p>
            <div class="sides">
                { side(lang.t("trainer.before"), before, "before") }
                { side(lang.t("trainer.after"), after, "after") }
            </div>
            if diff.is_empty() {
                <p class="no-difference">{ lang.t("trainer.no_difference") }</p>
            } else {
                <div class="changes" role="status">
                    if !diff.answers.is_empty() {
                        <div class="change">
                            <h4>{ lang.t("trainer.changed_answers") }</h4>
                            <ul>{ for answers }</ul>
                        </div>
                    }
                    { change_list(lang, "categories", lang.t("trainer.categories"),
                        diff.categories_added.iter().map(category_change).collect(),
                        diff.categories_removed.iter().map(category_change).collect()) }
                    { change_list(lang, "roles", lang.t("trainer.roles"),
                        diff.roles_added.iter().map(role).collect(),
                        diff.roles_removed.iter().map(role).collect()) }
                    { change_list(lang, "obligations", lang.t("trainer.obligations"),
                        diff.obligations_added.iter().map(|o| obligation_line(lang, o)).collect(),
                        diff.obligations_removed.iter().map(|o| obligation_line(lang, o)).collect()) }
                </div>
            }
        </section>
    }
}
