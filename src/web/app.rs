//! The widget's state and flow: one reducer holds the answers; everything shown is derived
//! from them through the engine (`replay` keeps the answers that still matter, `assess` says
//! what is pending and what the result is).

use super::persist;
use super::question::QuestionStep;
use super::result::ResultView;
use super::Config;
use crate::assess;
use crate::facts::{Facts, Value};
use crate::present;
use crate::questions::{question_asking, replay_with_order};
use crate::ruleset::{fact, FACTS};
use std::rc::Rc;
use wasm_bindgen::JsValue;
use web_sys::{CustomEvent, CustomEventInit, HtmlElement};
use yew::prelude::*;

#[derive(Properties, PartialEq, Clone)]
pub struct AppProps {
    pub config: Config,
    pub host: HtmlElement,
    /// Counts the language packs that arrived, so that texts loaded later render.
    #[prop_or_default]
    pub texts: u32,
    /// Trainer mode drives the flow: it loads cases and follows every answer.
    #[cfg(feature = "trainer")]
    #[prop_or_default]
    pub trainer: Option<TrainerLink>,
}

/// What trainer mode sends the flow (a case to load, counted so that loading the same case
/// again reloads it) and hears back (the answers, their order and the question asked now).
#[cfg(feature = "trainer")]
#[derive(Clone, PartialEq)]
pub struct TrainerLink {
    pub load: u32,
    pub facts: Rc<Facts>,
    pub on_state: Callback<CaseState>,
}

#[cfg(feature = "trainer")]
#[derive(Clone, PartialEq, Debug)]
pub struct CaseState {
    pub answers: Facts,
    pub order: Vec<usize>,
    pub current: Option<usize>,
}

/// The visitor's answers, whether an earlier answer is being changed, and whether the visitor
/// has acted yet: only then does a new step take the focus (loading the page must not move it).
#[derive(Clone, PartialEq, Default)]
struct Flow {
    answers: Facts,
    editing: Option<usize>,
    moved: bool,
    /// Keep answers that no longer matter (trainer mode: the timeline may make them matter
    /// again, and what-if compares with the whole case).
    keep: bool,
}

enum Action {
    /// The facts a question's answer sets; `host` holds the host page's facts (as_of).
    Answer {
        host: Facts,
        sets: Vec<(usize, Option<Value>)>,
    },
    Back {
        host: Facts,
    },
    Edit(usize),
    CancelEdit,
    Restart,
    /// The answers of a saved result; `host` as for Answer.
    Load {
        host: Facts,
        answers: Box<Facts>,
    },
}

impl Reducible for Flow {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        next.moved = true;
        match action {
            Action::Answer { host, sets } => {
                for (f, v) in sets {
                    next.answers.set(f, v);
                }
                // Keep only the answers that still matter after this one.
                if !next.keep {
                    next.answers = replay_with_order(&next.answers, &host).0;
                }
                next.answers.set(fact::AS_OF, None);
                next.editing = None;
            }
            Action::Back { host } => {
                let (_, order) = replay_with_order(&next.answers, &host);
                if let Some(&last) = order.last() {
                    if let Some(q) = question_asking(last) {
                        next.answers.set(q.fact, None);
                        for g in q.also_sets {
                            next.answers.set(g, None);
                        }
                    }
                }
                next.editing = None;
            }
            Action::Edit(q) => next.editing = Some(q),
            Action::CancelEdit => next.editing = None,
            Action::Restart => next = Flow { moved: true, keep: self.keep, ..Flow::default() },
            Action::Load { host, answers } => {
                next.answers = if next.keep { *answers } else { replay_with_order(&answers, &host).0 };
                next.answers.set(fact::AS_OF, None);
                next.editing = None;
            }
        }
        Rc::new(next)
    }
}

/// The interface language, switchable at any time without losing the answers: it sets the
/// host's `lang` attribute, and the element loads the language's texts before re-rendering.
#[derive(Properties, PartialEq)]
struct LanguageSwitcherProps {
    lang: crate::i18n::Lang,
    host: HtmlElement,
}

#[function_component(LanguageSwitcher)]
fn language_switcher(props: &LanguageSwitcherProps) -> Html {
    let onchange = {
        let host = props.host.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            let _ = host.set_attribute("lang", &select.value());
        })
    };
    html! {
        <label part="language" class="language">
            <span class="visually-hidden">{ props.lang.t("ui.language_label") }</span>
            <select {onchange} aria-label={props.lang.t("ui.language_label")}>
                { for crate::i18n::Lang::all().map(|l| html! {
                    <option value={l.code()} lang={l.code()} selected={l.code() == props.lang.code()}>{ l.name() }</option>
                }) }
            </select>
        </label>
    }
}

fn dispatch(host: &HtmlElement, name: &str, json: &str) {
    let detail = js_sys::JSON::parse(json).unwrap_or(JsValue::NULL);
    let init = CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(&detail);
    if let Ok(event) = CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = host.dispatch_event(&event);
    }
}

#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let config = &props.config;
    let lang = config.lang;
    // A share link in the fragment, or answers kept with `remember`, start the flow.
    let restored = {
        let config = config.clone();
        use_memo((), move |_| persist::restore(&config))
    };
    let flow = {
        let answers = restored.0;
        #[cfg(feature = "trainer")]
        let keep = props.trainer.is_some();
        #[cfg(not(feature = "trainer"))]
        let keep = false;
        use_reducer(move || Flow { answers, editing: None, moved: false, keep })
    };

    let mut host_facts = Facts::default();
    host_facts.set(fact::AS_OF, Some(Value::Date(config.as_of)));

    // The answers that still matter, in asking order, and the assessment: computed once per
    // change of answers or host facts, not per render.
    let derived = use_memo((flow.answers, host_facts), |(answers, host)| {
        let (facts, order) = replay_with_order(answers, host);
        (facts, order, assess(&facts))
    });
    let (facts, order, assessment) = &*derived;

    // Every answer fires `ai-act-check-answer`, and one that completes the result
    // `ai-act-check-complete`, with the assessment the answer leads to.
    let on_answer = {
        let flow = flow.clone();
        let host = props.host.clone();
        let config = config.clone();
        Callback::from(move |sets: Vec<(usize, Option<Value>)>| {
            let mut answers = flow.answers;
            for &(f, v) in &sets {
                answers.set(f, v);
            }
            let (facts, _) = replay_with_order(&answers, &host_facts);
            let assessment = assess(&facts);
            let mut kept = facts;
            kept.set(fact::AS_OF, None);
            persist::save(&config, &kept);
            flow.dispatch(Action::Answer { host: host_facts, sets });
            let json = assessment.to_json_string();
            dispatch(&host, "ai-act-check-answer", &json);
            if assessment.complete() {
                dispatch(&host, "ai-act-check-complete", &json);
            }
        })
    };
    let on_back = {
        let flow = flow.clone();
        Callback::from(move |_| flow.dispatch(Action::Back { host: host_facts }))
    };
    let on_restart = {
        let flow = flow.clone();
        let config = config.clone();
        Callback::from(move |_| {
            persist::forget(&config);
            flow.dispatch(Action::Restart)
        })
    };
    let on_import = {
        let flow = flow.clone();
        let config = config.clone();
        Callback::from(move |answers: Facts| {
            persist::save(&config, &answers);
            flow.dispatch(Action::Load { host: host_facts, answers: Box::new(answers) })
        })
    };
    let on_share = {
        let config = config.clone();
        let facts = derived.0;
        Callback::from(move |_: ()| {
            let mut kept = facts;
            kept.set(fact::AS_OF, None);
            persist::share_link(&config, &kept)
        })
    };
    let on_edit = {
        let flow = flow.clone();
        Callback::from(move |q: usize| flow.dispatch(Action::Edit(q)))
    };
    let on_cancel = {
        let flow = flow.clone();
        Callback::from(move |_| flow.dispatch(Action::CancelEdit))
    };

    let notices = config.notices.iter().chain(restored.1.iter()).map(|n| {
        let text = lang.f(n.key, &[("value", &n.value), ("date", &lang.date(config.as_of))]);
        html! { <p part="notice" class="notice" role="status">{ text }</p> }
    });

    let current = flow.editing.or_else(|| assessment.pending_facts().next().and_then(question_asking).map(|q| q.fact));

    #[cfg(feature = "trainer")]
    {
        let load = props.trainer.as_ref().map(|t| t.load);
        let link = props.trainer.clone();
        let loader = flow.clone();
        use_effect_with(load, move |_| {
            if let Some(link) = link.filter(|l| l.load > 0) {
                loader.dispatch(Action::Load { host: host_facts, answers: Box::new(*link.facts) });
            }
        });
        let link = props.trainer.clone();
        let state = (derived.0, order.clone(), current);
        use_effect_with(state, move |(facts, order, current)| {
            if let Some(link) = link {
                let mut answers = *facts;
                answers.set(fact::AS_OF, None);
                link.on_state.emit(CaseState { answers, order: order.clone(), current: *current });
            }
        });
    }
    let body = match current.and_then(question_asking) {
        Some(question) => {
            let step = order.iter().position(|&f| f == question.fact).unwrap_or(order.len()) + 1;
            let remaining = assessment.pending_facts().filter(|&f| FACTS[f].asked_with.is_none()).count();
            let total = (order.len() + remaining).max(step);
            let initial = facts
                .get(question.fact)
                .map(|v| (v, question.also_sets.iter().map(|&g| (g, facts.get(g))).collect::<Vec<_>>()));
            let key = FACTS[question.fact].id;
            html! {
                <QuestionStep
                    {key}
                    {question}
                    {lang}
                    {step}
                    {total}
                    {initial}
                    focus={flow.moved}
                    on_answer={on_answer}
                    on_back={(!order.is_empty() && flow.editing.is_none()).then_some(on_back)}
                    on_cancel={flow.editing.is_some().then_some(on_cancel)}
                    on_restart={on_restart.clone()}
                />
            }
        }
        None => html! {
            <ResultView
                assessment={Rc::new(assessment.clone())}
                order={order.clone()}
                {lang}
                as_of={config.as_of}
                focus={flow.moved}
                on_edit={on_edit}
                on_restart={on_restart.clone()}
                {on_share}
                host={props.host.clone()}
                on_import={on_import.clone()}
            />
        },
    };

    // The help texts and the result's texts come in the language's details pack: ask for it
    // once the visitor is under way (the loader also fetches it on the first interaction).
    let needs_details = (current.is_none() || flow.moved) && !lang.has(crate::i18n::Part::Details);
    {
        let host = props.host.clone();
        use_effect_with((needs_details, lang), move |&(needs, lang)| {
            if needs {
                super::ask_for_texts(&host, crate::i18n::Part::Details, lang);
            }
        });
    }

    let live = if current.is_none() {
        lang.f("result.live_result", &[("verdict", &present::verdict(assessment, lang))])
    } else {
        String::new()
    };

    html! {
        <div part="panel" class="panel" data-theme={config.theme.id()} lang={lang.code()}>
            <header part="header" class="header">
                <div class="header-row">
                    <h1 part="title" class="title">{ lang.t("ui.title") }</h1>
                    <LanguageSwitcher {lang} host={props.host.clone()} />
                </div>
                if order.is_empty() && current.is_some() && flow.editing.is_none() {
                    <p class="intro">{ lang.t("ui.intro") }</p>
                    <details part="import-saved" class="import-saved">
                        <summary>{ lang.t("ui.import_label") }</summary>
                        <super::import::ImportControl {lang} on_import={on_import.clone()} />
                    </details>
                }
            </header>
            { for notices }
            if config.remember && !order.is_empty() {
                <p class="remember">
                    { lang.t("ui.remembered") }{ " " }
                    <button type="button" part="button" class="button button-quiet" data-action="forget"
                        onclick={let on_restart = on_restart.clone(); move |_| on_restart.emit(())}>{ lang.t("ui.forget") }</button>
                </p>
            }
            { body }
            <div class="visually-hidden" role="status" aria-live="polite">{ live }</div>
        </div>
    }
}
