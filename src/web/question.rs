//! One step of the flow: a question as a real `<fieldset>` with radio buttons or checkboxes,
//! its help text with the Act's definition and a link to the article, and the step buttons.

use crate::date::Date;
use crate::facts::Value;
use crate::i18n::{eur_lex_url, Lang};
use crate::questions::{AnswerKind, Question};
use crate::ruleset::FACTS;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// The facts a question's answers set besides its own, with their current values.
pub type Companions = Vec<(usize, Option<Value>)>;

#[derive(Properties, PartialEq)]
pub struct QuestionStepProps {
    pub question: Question,
    pub lang: Lang,
    pub step: usize,
    pub total: usize,
    /// The current answer when an earlier answer is being changed, with its companions.
    pub initial: Option<(Value, Companions)>,
    /// Take the focus (the visitor moved here; not when the page loads).
    pub focus: bool,
    pub on_answer: Callback<Vec<(usize, Option<Value>)>>,
    pub on_back: Option<Callback<()>>,
    pub on_cancel: Option<Callback<()>>,
    pub on_restart: Callback<()>,
}

/// What the visitor has entered but not yet submitted.
#[derive(Clone, PartialEq)]
enum Draft {
    Choice(Option<usize>),
    Options(u32),
    /// `not_yet`: which of the two radio buttons is chosen (none yet: None).
    Day {
        not_yet: Option<bool>,
        text: String,
    },
    Number(String),
}

fn initial_draft(props: &QuestionStepProps) -> Draft {
    let q = &props.question;
    match q.kind {
        AnswerKind::Single => Draft::Choice(props.initial.as_ref().and_then(|(_, guests)| {
            let mut current = vec![(q.fact, props.initial.as_ref().map(|(v, _)| *v))];
            current.extend(guests.iter().copied());
            q.choices
                .iter()
                .position(|c| c.sets.iter().all(|(f, v)| current.iter().any(|(cf, cv)| cf == f && *cv == Some(*v))))
        })),
        AnswerKind::Multiple => Draft::Options(match props.initial {
            Some((Value::Set(mask), _)) => mask,
            _ => 0,
        }),
        AnswerKind::Date => match props.initial {
            Some((Value::Date(d), _)) => Draft::Day { not_yet: Some(false), text: d.to_string() },
            Some((Value::NotYet, _)) => Draft::Day { not_yet: Some(true), text: String::new() },
            _ => Draft::Day { not_yet: None, text: String::new() },
        },
        AnswerKind::Number => Draft::Number(match props.initial {
            Some((Value::Number(n), _)) => crate::facts::scientific(n),
            _ => String::new(),
        }),
    }
}

#[function_component(QuestionStep)]
pub fn question_step(props: &QuestionStepProps) -> Html {
    let q = &props.question;
    let lang = props.lang;
    let def = &FACTS[q.fact];
    let draft = use_state(|| initial_draft(props));
    let error = use_state(|| None::<&'static str>);
    let legend_ref = use_node_ref();

    // Focus moves to each new question's heading, once the visitor has acted.
    {
        let legend_ref = legend_ref.clone();
        let focus = props.focus;
        use_effect_with(q.fact, move |_| {
            if let Some(el) = legend_ref.cast::<web_sys::HtmlElement>().filter(|_| focus) {
                let _ = el.focus();
            }
        });
    }

    let on_submit = {
        let draft = draft.clone();
        let error = error.clone();
        let q = q.clone();
        let on_answer = props.on_answer.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let sets: Result<Vec<(usize, Option<Value>)>, &'static str> = match &*draft {
                Draft::Choice(Some(i)) => {
                    let choice = &q.choices[*i];
                    // Companion facts the choice does not set are cleared.
                    let mut sets: Vec<_> = choice.sets.iter().map(|(f, v)| (*f, Some(*v))).collect();
                    for &g in &q.also_sets {
                        if !sets.iter().any(|(f, _)| *f == g) {
                            sets.push((g, None));
                        }
                    }
                    Ok(sets)
                }
                Draft::Choice(None) => Err("ui.choose_one"),
                Draft::Options(mask) => Ok(vec![(q.fact, Some(Value::Set(*mask)))]),
                Draft::Day { not_yet: Some(true), .. } => Ok(vec![(q.fact, Some(Value::NotYet))]),
                Draft::Day { text, .. } => {
                    Date::parse(text).map(|d| vec![(q.fact, Some(Value::Date(d)))]).ok_or("ui.date_invalid")
                }
                Draft::Number(text) => match text.trim().parse::<f64>() {
                    Ok(n) if n.is_finite() && n >= 0.0 => Ok(vec![(q.fact, Some(Value::Number(n)))]),
                    _ => Err("ui.number_invalid"),
                },
            };
            match sets {
                Ok(sets) => {
                    error.set(None);
                    on_answer.emit(sets);
                }
                Err(key) => error.set(Some(key)),
            }
        })
    };

    let name = format!("q-{}", def.id);
    let error_id = format!("{name}-error");
    let inputs = match (&*draft, q.kind) {
        (Draft::Choice(selected), _) => q
            .choices
            .iter()
            .enumerate()
            .map(|(i, choice)| {
                let label = match choice.id {
                    "yes" | "no" | "unsure" | "yes_monetised" => lang.t(&format!("choice.{}", choice.id)),
                    option => lang.t(&format!("option.{}.{option}", def.id)),
                };
                let onchange = {
                    let draft = draft.clone();
                    Callback::from(move |_| draft.set(Draft::Choice(Some(i))))
                };
                html! {
                    <label part="choice" class="choice">
                        <input type="radio" name={name.clone()} value={choice.id} checked={*selected == Some(i)} {onchange} />
                        <span>{ label }</span>
                    </label>
                }
            })
            .collect::<Html>(),
        (Draft::Options(mask), _) => {
            let mask = *mask;
            def.options
                .iter()
                .enumerate()
                .map(|(i, option)| {
                    let onchange = {
                        let draft = draft.clone();
                        Callback::from(move |_| draft.set(Draft::Options(mask ^ (1 << i))))
                    };
                    html! {
                        <label part="choice" class="choice">
                            <input type="checkbox" name={name.clone()} value={option.id} checked={mask & (1 << i) != 0} {onchange} />
                            <span>{ lang.t(&format!("option.{}.{}", def.id, option.id)) }</span>
                        </label>
                    }
                })
                .collect::<Html>()
        }
        (Draft::Day { not_yet, text }, _) => {
            let (not_yet, text) = (*not_yet, text.clone());
            let pick_not_yet = {
                let draft = draft.clone();
                let text = text.clone();
                Callback::from(move |_| draft.set(Draft::Day { not_yet: Some(true), text: text.clone() }))
            };
            let pick_day = {
                let draft = draft.clone();
                let text = text.clone();
                Callback::from(move |_| draft.set(Draft::Day { not_yet: Some(false), text: text.clone() }))
            };
            let on_input = {
                let draft = draft.clone();
                Callback::from(move |e: InputEvent| {
                    let input: HtmlInputElement = e.target_unchecked_into();
                    draft.set(Draft::Day { not_yet: Some(false), text: input.value() });
                })
            };
            html! {
                <>
                    if def.not_yet {
                        <label part="choice" class="choice">
                            <input type="radio" name={name.clone()} value="not_yet" checked={not_yet == Some(true)} onchange={pick_not_yet} />
                            <span>{ lang.t("ui.not_yet") }</span>
                        </label>
                    }
                    <label part="choice" class="choice">
                        <input type="radio" name={name.clone()} value="day" checked={not_yet == Some(false)} onchange={pick_day} />
                        <span>{ lang.t("ui.on_day") }</span>
                    </label>
                    <label class="field">
                        <span class="field-label">{ lang.t("ui.date_label") }</span>
                        <input part="input" type="date" value={text} oninput={on_input} min="2020-01-01" max="2035-12-31" aria-describedby={error_id.clone()} />
                    </label>
                </>
            }
        }
        (Draft::Number(text), _) => {
            let on_input = {
                let draft = draft.clone();
                Callback::from(move |e: InputEvent| {
                    let input: HtmlInputElement = e.target_unchecked_into();
                    draft.set(Draft::Number(input.value()));
                })
            };
            html! {
                <label class="field">
                    <span class="field-label">{ lang.t("ui.number_label") }</span>
                    <input part="input" type="number" min="0" step="any" inputmode="decimal" value={text.clone()} oninput={on_input} aria-describedby={error_id.clone()} />
                </label>
            }
        }
    };

    let citation = def.citation;
    let percent = (props.step.saturating_sub(1) * 100 / props.total.max(1)).min(100);
    let stage = lang.t(&format!("stage.{}", def.stage.id()));
    let back = props.on_back.clone().map(|cb| {
        html! { <button type="button" part="button" class="button" data-action="back" onclick={move |_| cb.emit(())}>{ lang.t("ui.back") }</button> }
    });
    let cancel = props.on_cancel.clone().map(|cb| {
        html! { <button type="button" part="button" class="button" data-action="cancel" onclick={move |_| cb.emit(())}>{ lang.t("ui.cancel") }</button> }
    });
    let restart = {
        let cb = props.on_restart.clone();
        (props.step > 1).then(|| html! {
            <button type="button" part="button" class="button button-quiet" data-action="restart" onclick={move |_| cb.emit(())}>{ lang.t("ui.restart") }</button>
        })
    };

    html! {
        <form class="step" onsubmit={on_submit} novalidate=true>
            <div part="progress" class="progress">
                <span class="progress-text">{ lang.f("ui.step_of", &[("stage", stage), ("n", &props.step.to_string())]) }</span>
                <progress max="100" value={percent.to_string()} aria-label={lang.t("ui.progress_label")}>{ format!("{percent} %") }</progress>
            </div>
            <fieldset part="question" class="question" data-question={def.id} aria-describedby={error_id.clone()}>
                <legend part="legend" class="legend" tabindex="-1" ref={legend_ref}>{ lang.t(&format!("fact.{}.text", def.id)) }</legend>
                if q.kind == AnswerKind::Multiple {
                    <p class="hint">{ lang.t("ui.choose_all") }</p>
                }
                <div class={classes!("choices", (q.kind == AnswerKind::Multiple && def.options.len() > 8).then_some("choices-many"))}>
                    { inputs }
                </div>
                <details part="help" class="help">
                    <summary>{ lang.t("ui.help_toggle") }</summary>
                    <p>{ lang.t(&format!("fact.{}.help", def.id)) }</p>
                    <a href={eur_lex_url(lang, citation)} target="_blank" rel="noopener noreferrer">{ lang.f("ui.read_article", &[("citation", &lang.cite(citation))]) }</a>
                </details>
                <p id={error_id} class="error" role="alert">{ error.map(|k| lang.t(k)).unwrap_or("") }</p>
            </fieldset>
            <div part="actions" class="actions">
                { back }
                { cancel }
                <button type="submit" part="button button-primary" class="button button-primary" data-action="next">{ lang.t("ui.next") }</button>
                { restart }
            </div>
        </form>
    }
}
