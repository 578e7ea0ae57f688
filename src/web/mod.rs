//! The widget: a Yew app mounted by the `<ai-act-check>` custom element (www/ai-act-check.js)
//! into its shadow root. A thin layer over the engine: it asks the engine's pending questions
//! and renders the engine's assessment; it holds no legal logic.

mod app;
mod download;
mod import;
mod persist;
mod question;
mod result;
#[cfg(feature = "trainer")]
mod trainer;

use crate::date::Date;
use crate::i18n::Lang;
use wasm_bindgen::prelude::*;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

pub use app::{App, AppProps};

/// The colour scheme: `light`, `dark` or `auto` (follows the system setting).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Theme {
    Light,
    Dark,
    Auto,
}

impl Theme {
    pub fn id(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
            Theme::Auto => "auto",
        }
    }
}

/// Visitor mode asks and answers; trainer mode adds the decision map, teaching cases, what-if
/// and the timeline (built with the `trainer` feature).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Mode {
    Visitor,
    Trainer,
}

/// A polite notice about an attribute value the widget could not use.
#[derive(Clone, PartialEq, Debug)]
pub struct Notice {
    pub key: &'static str,
    pub value: String,
}

/// The element's configuration, read from its attributes.
#[derive(Clone, PartialEq, Debug)]
pub struct Config {
    pub lang: Lang,
    pub as_of: Date,
    pub theme: Theme,
    pub mode: Mode,
    pub notices: Vec<Notice>,
    /// The host opted in to keeping the answers (attribute `remember`).
    pub remember: bool,
    /// The storage key and fragment name: `ai-act-check`, or `ai-act-check-<id>` for an
    /// element with an id, so that several instances keep their answers apart.
    pub key: String,
}

/// Today in the visitor's time zone.
pub fn today() -> Date {
    let now = js_sys::Date::new_0();
    Date::new(now.get_full_year(), now.get_month() + 1, now.get_date()).unwrap_or(Date::from_packed(20260101))
}

impl Config {
    /// Reads the attributes; an invalid value gives a notice and a sensible default.
    pub fn from_attributes(
        lang: Option<String>,
        as_of: Option<String>,
        theme: Option<String>,
        mode: Option<String>,
        browser_lang: Option<String>,
    ) -> Config {
        let mut notices = Vec::new();
        let lang = match lang.filter(|l| !l.trim().is_empty()) {
            Some(code) => match Lang::from_code(code.trim()) {
                Some(lang) if lang.is_loaded() => lang,
                Some(_) => {
                    notices.push(Notice { key: "ui.notice_lang_pack", value: code });
                    Lang::ENGLISH
                }
                None => {
                    notices.push(Notice { key: "ui.notice_lang", value: code });
                    Lang::ENGLISH
                }
            },
            None => {
                browser_lang.as_deref().and_then(Lang::from_code).filter(|l| l.is_loaded()).unwrap_or(Lang::ENGLISH)
            }
        };
        let as_of = match as_of.filter(|v| !v.trim().is_empty()) {
            Some(text) => Date::parse(text.trim()).unwrap_or_else(|| {
                notices.push(Notice { key: "ui.notice_as_of", value: text });
                today()
            }),
            None => today(),
        };
        let theme = match theme.as_deref().map(str::trim) {
            None | Some("") | Some("auto") => Theme::Auto,
            Some("light") => Theme::Light,
            Some("dark") => Theme::Dark,
            Some(other) => {
                notices.push(Notice { key: "ui.notice_theme", value: other.to_string() });
                Theme::Auto
            }
        };
        let mode = match mode.as_deref().map(str::trim) {
            None | Some("") | Some("visitor") => Mode::Visitor,
            Some("trainer") if cfg!(feature = "trainer") => Mode::Trainer,
            Some(other) => {
                notices.push(Notice { key: "ui.notice_mode", value: other.to_string() });
                Mode::Visitor
            }
        };
        Config { lang: lang.now(), as_of, theme, mode, notices, remember: false, key: "ai-act-check".into() }
    }
}

/// The first of the browser's preferred languages (`navigator.languages`) the widget speaks.
#[wasm_bindgen(js_name = preferredLanguage)]
pub fn preferred_language() -> Option<String> {
    let navigator = web_sys::window()?.navigator();
    navigator
        .languages()
        .iter()
        .filter_map(|code| code.as_string())
        .chain(navigator.language())
        .find_map(|code| Lang::from_code(&code))
        .map(|lang| lang.code().to_string())
}

/// A text of the interface, for the loader's own messages (shown when the app cannot be).
#[wasm_bindgen(js_name = interfaceText)]
pub fn interface_text(code: &str, key: &str) -> String {
    Lang::from_code(code).filter(|l| l.is_loaded()).unwrap_or(Lang::ENGLISH).t(key).to_string()
}

fn config_of(host: &HtmlElement) -> Config {
    let browser = preferred_language();
    let mut config = Config::from_attributes(
        host.get_attribute("lang"),
        host.get_attribute("as-of"),
        host.get_attribute("theme"),
        host.get_attribute("mode"),
        browser,
    );
    config.remember = host.has_attribute("remember");
    let id = host.id();
    if !id.is_empty() {
        config.key = format!("ai-act-check-{id}");
    }
    config
}

/// Asks the element for a part of the texts of the language shown; it loads the pack and
/// calls `textsChanged`.
pub(crate) fn ask_for_texts(host: &HtmlElement, part: crate::i18n::Part, lang: Lang) {
    let detail = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&detail, &"part".into(), &part.id().into());
    let _ = js_sys::Reflect::set(&detail, &"lang".into(), &lang.code().into());
    let init = web_sys::CustomEventInit::new();
    init.set_detail(&detail);
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict("ai-act-check-needs-texts", &init) {
        let _ = host.dispatch_event(&event);
    }
}

fn props_of(host: &HtmlElement, texts: u32) -> AppProps {
    AppProps {
        config: config_of(host),
        host: host.clone(),
        texts,
        #[cfg(feature = "trainer")]
        trainer: None,
    }
}

/// Reports a panic to the console and to the loader, which shows a recoverable error state;
/// the page itself goes on.
fn install_panic_hook() {
    use std::sync::Once;
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        yew::set_custom_panic_hook(Box::new(|info| {
            let message = format!("ai-act-check: {info}");
            web_sys::console::error_1(&message.clone().into());
            if let Some(window) = web_sys::window() {
                let init = web_sys::CustomEventInit::new();
                init.set_detail(&message.into());
                if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict("ai-act-check-panic", &init) {
                    let _ = window.dispatch_event(&event);
                }
            }
        }));
    });
}

/// The element's content in its mode.
#[function_component(Root)]
fn root(props: &AppProps) -> Html {
    #[cfg(feature = "trainer")]
    if props.config.mode == Mode::Trainer {
        return html! { <trainer::Trainer config={props.config.clone()} host={props.host.clone()} texts={props.texts} /> };
    }
    html! { <App ..props.clone() /> }
}

/// One mounted widget; the custom element keeps it and forwards attribute changes to it.
#[wasm_bindgen]
pub struct Widget {
    handle: Option<yew::AppHandle<Root>>,
    host: HtmlElement,
    texts: u32,
}

#[wasm_bindgen]
impl Widget {
    /// Re-reads the host's attributes (any attribute changed at run time takes effect).
    #[wasm_bindgen(js_name = attributesChanged)]
    pub fn attributes_changed(&mut self) {
        let props = props_of(&self.host, self.texts);
        if let Some(handle) = self.handle.as_mut() {
            handle.update(props);
        }
    }

    /// A language pack arrived: render again with its texts.
    #[wasm_bindgen(js_name = textsChanged)]
    pub fn texts_changed(&mut self) {
        self.texts += 1;
        self.attributes_changed();
    }

    /// Unmounts the app (the element left the page).
    pub fn destroy(&mut self) {
        if let Some(handle) = self.handle.take() {
            handle.destroy();
        }
    }
}

/// The language pack to load for a language code (`de-AT` → `de`), if the language exists,
/// is not built in and is not loaded yet.
#[wasm_bindgen(js_name = languagePackFor)]
pub fn language_pack_for(code: &str) -> Option<String> {
    Lang::from_code(code).filter(|l| !l.is_loaded()).map(|l| l.code().to_string())
}

/// Installs a part of a language pack fetched from this widget's own origin
/// (`lang/<code>[.part].json`, src/text_part.rs).
#[wasm_bindgen(js_name = registerLanguagePack)]
pub fn register_language_pack(code: &str, part: &str, hash: u32, texts: Vec<String>) -> bool {
    crate::i18n::register_pack(code, part, hash, texts)
}

/// The version of the language packs this build expects, for their URLs (`?v=…`): the same for
/// every visitor, so it tells the server nothing.
#[wasm_bindgen(js_name = packVersion)]
pub fn pack_version() -> String {
    format!("{:08x}", crate::ruleset::TEXTS_VERSION)
}

/// The language a code selects (`de-AT` → `de`), if the widget speaks it.
#[wasm_bindgen(js_name = languageCode)]
pub fn language_code(code: &str) -> Option<String> {
    Lang::from_code(code).map(|l| l.code().to_string())
}

/// Whether a part of a language's texts is at hand (`core`, `details`, `trainer`).
#[wasm_bindgen(js_name = hasTexts)]
pub fn has_texts(code: &str, part: &str) -> bool {
    match (Lang::from_code(code), crate::i18n::Part::from_id(part)) {
        (Some(lang), Some(part)) => lang.has(part),
        _ => false,
    }
}

/// Whether the widget will open on a result restored from a share link or kept answers: the
/// element then loads the result's texts before mounting, so the result shows complete.
#[wasm_bindgen(js_name = restoresAnswers)]
pub fn restores_answers(host: HtmlElement) -> bool {
    persist::restore(&config_of(&host)).0 != crate::facts::Facts::default()
}

/// Mounts the widget for `host` into `root`, an element inside the host's shadow root.
#[wasm_bindgen]
pub fn mount(host: HtmlElement, root: Element) -> Widget {
    install_panic_hook();
    let props = props_of(&host, 0);
    let handle = yew::Renderer::<Root>::with_root_and_props(root, props).render();
    Widget { handle: Some(handle), host, texts: 0 }
}
