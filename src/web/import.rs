//! Loading a downloaded JSON report back: its answers restart the flow. A file that is not such
//! a report, or was made for other questions, is refused with a message saying why.

use crate::date::Date;
use crate::facts::{Facts, Value};
use crate::i18n::Lang;
use crate::report::{FORMAT, FORMAT_VERSION};
use crate::ruleset::{fact_index, FactKind, FACTS};
use crate::share::catalogue_fingerprint;
use wasm_bindgen::JsValue;
use yew::prelude::*;

/// Why a file was refused: the key of the message, and the fact it names where there is one.
#[derive(Clone, PartialEq, Debug)]
pub struct Refusal {
    pub key: &'static str,
    pub fact: String,
}

fn refuse(key: &'static str) -> Refusal {
    Refusal { key, fact: String::new() }
}

fn get(object: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(object, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

/// The answers of a report file's text.
pub fn answers(text: &str) -> Result<Facts, Refusal> {
    let json = js_sys::JSON::parse(text).map_err(|_| refuse("ui.import_not_json"))?;
    if !json.is_object() || get(&json, "format").as_string().as_deref() != Some(FORMAT) {
        return Err(refuse("ui.import_foreign"));
    }
    let version = get(&json, "version").as_f64();
    let fingerprint = get(&json, "fingerprint").as_f64();
    if version != Some(FORMAT_VERSION as f64) || fingerprint != Some(f64::from(catalogue_fingerprint())) {
        return Err(refuse("ui.import_outdated"));
    }
    let answers = get(&json, "answers");
    if !answers.is_object() || js_sys::Array::is_array(&answers) {
        return Err(refuse("ui.import_foreign"));
    }
    let mut facts = Facts::default();
    for entry in js_sys::Object::entries(&js_sys::Object::from(answers)).iter() {
        let pair = js_sys::Array::from(&entry);
        let id = pair.get(0).as_string().unwrap_or_default();
        let bad = || Refusal { key: "ui.import_bad_fact", fact: id.clone() };
        let index = fact_index(&id).filter(|&i| !FACTS[i].host).ok_or_else(bad)?;
        facts.set(index, Some(value(index, &pair.get(1)).ok_or_else(bad)?));
    }
    Ok(facts)
}

/// One answer from JSON, checked against its fact (the same rules as the native parser).
fn value(index: usize, v: &JsValue) -> Option<Value> {
    let def = &FACTS[index];
    match def.kind {
        FactKind::Bool => match (v.as_bool(), v.as_string().as_deref()) {
            (Some(b), _) => Some(Value::Bool(b)),
            (_, Some("unsure")) => Some(Value::Unsure),
            _ => None,
        },
        FactKind::Enum => def.option_index(&v.as_string()?).map(|i| Value::Enum(i as u8)),
        FactKind::Set => {
            if !js_sys::Array::is_array(v) {
                return None;
            }
            let mut mask = 0u32;
            for item in js_sys::Array::from(v).iter() {
                mask |= 1 << def.option_index(&item.as_string()?)?;
            }
            Some(Value::Set(mask))
        }
        FactKind::Number => v.as_f64().filter(|n| n.is_finite() && *n >= 0.0).map(Value::Number),
        FactKind::Date => match v.as_string()?.as_str() {
            "not_yet" if def.not_yet => Some(Value::NotYet),
            day => Date::parse(day).map(Value::Date),
        },
    }
}

#[derive(Properties, PartialEq)]
pub struct ImportControlProps {
    pub lang: Lang,
    pub on_import: Callback<Facts>,
}

/// A file picker and drop zone for a saved JSON result.
#[function_component(ImportControl)]
pub fn import_control(props: &ImportControlProps) -> Html {
    let lang = props.lang;
    let message = use_state(|| None::<String>);
    let read = {
        let message = message.clone();
        let on_import = props.on_import.clone();
        Callback::from(move |file: web_sys::File| {
            let message = message.clone();
            let on_import = on_import.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let text = wasm_bindgen_futures::JsFuture::from(file.text()).await.ok().and_then(|t| t.as_string());
                match text.ok_or_else(|| refuse("ui.import_not_json")).and_then(|t| answers(&t)) {
                    Ok(facts) => {
                        message.set(None);
                        on_import.emit(facts);
                    }
                    Err(r) => message.set(Some(lang.f(r.key, &[("fact", &r.fact)]))),
                }
            });
        })
    };
    let on_change = {
        let read = read.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                read.emit(file);
            }
            input.set_value("");
        })
    };
    let on_drop = {
        let read = read.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if let Some(file) = e.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0)) {
                read.emit(file);
            }
        })
    };
    let on_drag_over = Callback::from(|e: DragEvent| e.prevent_default());
    html! {
        <div part="import" class="import" ondrop={on_drop} ondragover={on_drag_over}>
            <label class="field">
                <span class="field-label">{ lang.t("ui.import_label") }{ " " }{ lang.t("ui.import_drop") }</span>
                <input part="input" type="file" accept=".json,application/json" data-action="import" onchange={on_change} />
            </label>
            if let Some(text) = &*message {
                <p class="error" role="alert">{ text.clone() }</p>
            }
        </div>
    }
}
