//! Component tests of the widget in headless Chromium (wasm-bindgen-test): the Yew app mounted
//! as the custom element mounts it, driven through its DOM.
#![cfg(target_arch = "wasm32")]

use ai_act_check::web::mount;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

/// Lets Yew's scheduler render.
async fn tick() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 5).unwrap();
    });
    JsFuture::from(promise).await.unwrap();
}

struct Mounted {
    host: HtmlElement,
    root: Element,
    _widget: ai_act_check::web::Widget,
}

async fn mounted(attributes: &[(&str, &str)]) -> Mounted {
    let document = web_sys::window().unwrap().document().unwrap();
    let host: HtmlElement = document.create_element("div").unwrap().dyn_into().unwrap();
    for (name, value) in attributes {
        host.set_attribute(name, value).unwrap();
    }
    document.body().unwrap().append_child(&host).unwrap();
    let root = document.create_element("div").unwrap();
    host.append_child(&root).unwrap();
    let widget = mount(host.clone(), root.clone());
    tick().await;
    Mounted { host, root, _widget: widget }
}

impl Mounted {
    fn find(&self, selector: &str) -> Option<Element> {
        self.root.query_selector(selector).unwrap()
    }

    fn question(&self) -> Option<String> {
        self.find("fieldset[part~='question']").and_then(|f| f.get_attribute("data-question"))
    }

    fn text(&self) -> String {
        self.root.text_content().unwrap_or_default()
    }

    async fn answer(&self, values: &[&str]) {
        for value in values {
            let input: HtmlInputElement = self
                .find(&format!("input[value='{value}']"))
                .unwrap_or_else(|| panic!("no answer {value} for {:?}", self.question()))
                .dyn_into()
                .unwrap();
            input.click();
            tick().await;
        }
        let next: HtmlElement = self.find("button[data-action='next']").unwrap().dyn_into().unwrap();
        next.click();
        tick().await;
    }
}

/// The answers of the extraterritorial case (a US employer screening EU applicants).
fn extraterritorial(question: &str) -> &'static [&'static str] {
    match question {
        "subject" => &["ai_system"],
        "infers_outputs" | "autonomy" | "output_used_in_eu" => &["yes"],
        "roles" => &["deployer"],
        "annex_i_product" => &["none"],
        "annex_iii_uses" => &["4a"],
        "placed_on_market_on" => &["not_yet"],
        "personal_non_professional"
        | "established_in_eu"
        | "military_defence_security_only"
        | "third_country_authority_cooperation"
        | "scientific_research_only"
        | "pre_market_rnd_only"
        | "free_open_source"
        | "public_body"
        | "own_name_on_high_risk"
        | "substantial_modification"
        | "purpose_changed_to_high_risk"
        | "sme" => &["no"],
        "art5_practices" | "art6_3_conditions" | "art50_uses" => &[],
        other => panic!("the flow asked {other}, which the extraterritorial case does not need"),
    }
}

#[wasm_bindgen_test]
async fn walks_the_extraterritorial_case_to_its_result_and_announces_it() {
    let w = mounted(&[("as-of", "2026-11-22"), ("lang", "en")]).await;
    let events = js_sys::Array::new();
    let record = {
        let events = events.clone();
        Closure::<dyn Fn(web_sys::CustomEvent)>::new(move |e: web_sys::CustomEvent| {
            events.push(&js_sys::Array::of2(&e.type_().into(), &e.detail()));
        })
    };
    for name in ["ai-act-check-answer", "ai-act-check-complete"] {
        w.host.add_event_listener_with_callback(name, record.as_ref().unchecked_ref()).unwrap();
    }
    assert_eq!(w.question().as_deref(), Some("subject"));
    let mut asked = Vec::new();
    while let Some(q) = w.question() {
        assert!(asked.len() < 40, "too many questions: {asked:?}");
        asked.push(q.clone());
        w.answer(extraterritorial(&q)).await;
    }
    let verdict = w.find("[part~='verdict']").expect("a verdict").text_content().unwrap();
    assert!(verdict.contains("Art. 2(1)(c)"), "{verdict}");
    assert!(w.text().contains("Annex III 4(a)"));
    assert!(w.find("[data-article='Art. 26']").is_some(), "Art. 26 is listed");
    // The live region announces the result.
    let live = w.find("[aria-live='polite']").unwrap().text_content().unwrap();
    assert!(live.contains("Art. 2(1)(c)"), "{live}");
    // One answer event per question, one complete event carrying the contract's assessment.
    let complete: Vec<JsValue> =
        events.iter().filter(|e| js_sys::Array::from(e).get(0) == "ai-act-check-complete").collect();
    assert_eq!(complete.len(), 1);
    let detail = js_sys::Array::from(&complete[0]).get(1);
    let json = js_sys::JSON::stringify(&detail).unwrap().as_string().unwrap();
    assert!(json.contains(r#""scope_basis":["Art. 2(1)(c)"]"#), "{json}");
    assert!(json.contains(r#""categories":["high_risk"]"#), "{json}");
    let kinds: Vec<String> = events.iter().map(|e| js_sys::Array::from(&e).get(0).as_string().unwrap()).collect();
    assert_eq!(events.length() as usize, asked.len() + 1, "asked {asked:?}, events {kinds:?}");
}

#[wasm_bindgen_test]
async fn back_returns_to_the_previous_question_and_keeps_earlier_answers() {
    let w = mounted(&[("as-of", "2026-11-22")]).await;
    w.answer(&["ai_system"]).await;
    assert_eq!(w.question().as_deref(), Some("infers_outputs"));
    let back: HtmlElement = w.find("button[data-action='back']").unwrap().dyn_into().unwrap();
    back.click();
    tick().await;
    assert_eq!(w.question().as_deref(), Some("subject"));
}

#[wasm_bindgen_test]
async fn a_rule_based_system_is_not_an_ai_system_and_editing_an_answer_resumes_the_flow() {
    let w = mounted(&[("as-of", "2026-11-22")]).await;
    w.answer(&["ai_system"]).await;
    w.answer(&["no"]).await; // infers_outputs: autonomy can no longer change the result
    assert!(w.question().is_none(), "the result shows");
    assert!(w.find("[part~='verdict']").unwrap().text_content().unwrap().contains("Art. 3(1)"));
    let edit: HtmlElement =
        w.find("button[data-action='edit'][data-question='infers_outputs']").unwrap().dyn_into().unwrap();
    edit.click();
    tick().await;
    assert_eq!(w.question().as_deref(), Some("infers_outputs"));
    assert!(
        w.find("input[value='no']").unwrap().dyn_into::<HtmlInputElement>().unwrap().checked(),
        "the earlier answer is shown"
    );
    w.answer(&["yes"]).await;
    assert_eq!(w.question().as_deref(), Some("autonomy"), "the flow resumes where the answer now leads");
}

#[wasm_bindgen_test]
async fn a_step_without_an_answer_says_so() {
    let w = mounted(&[]).await;
    let next: HtmlElement = w.find("button[data-action='next']").unwrap().dyn_into().unwrap();
    next.click();
    tick().await;
    assert_eq!(w.question().as_deref(), Some("subject"));
    assert!(!w.find("[role='alert']").unwrap().text_content().unwrap().is_empty());
}

#[wasm_bindgen_test]
async fn invalid_attributes_give_a_notice_and_a_default() {
    let w = mounted(&[("lang", "xx"), ("as-of", "31-02-2027"), ("theme", "<script>")]).await;
    let notices = w.root.query_selector_all("[part~='notice']").unwrap();
    assert_eq!(notices.length(), 3);
    assert_eq!(w.question().as_deref(), Some("subject"), "the widget still works");
    assert_eq!(w.find(".panel").unwrap().get_attribute("data-theme").as_deref(), Some("auto"));
    assert_eq!(w.find(".panel").unwrap().get_attribute("lang").as_deref(), Some("en"));
}

#[wasm_bindgen_test]
async fn attributes_changed_at_run_time_take_effect_and_keep_the_answers() {
    let mut w = mounted(&[("theme", "light")]).await;
    w.answer(&["ai_system"]).await;
    w.host.set_attribute("theme", "dark").unwrap();
    w._widget.attributes_changed();
    tick().await;
    assert_eq!(w.find(".panel").unwrap().get_attribute("data-theme").as_deref(), Some("dark"));
    assert_eq!(w.question().as_deref(), Some("infers_outputs"));
}

#[wasm_bindgen_test]
async fn two_instances_are_independent() {
    let a = mounted(&[]).await;
    let b = mounted(&[]).await;
    a.answer(&["ai_system"]).await;
    assert_eq!(a.question().as_deref(), Some("infers_outputs"));
    assert_eq!(b.question().as_deref(), Some("subject"));
}

fn set_fragment(fragment: &str) {
    let window = web_sys::window().unwrap();
    let base = window.location().href().unwrap();
    let base = base.split('#').next().unwrap().to_string();
    window.history().unwrap().replace_state_with_url(&JsValue::NULL, "", Some(&format!("{base}{fragment}"))).unwrap();
}

#[wasm_bindgen_test]
async fn a_private_link_restores_the_answers_and_a_tampered_one_restores_nothing() {
    set_fragment("");
    let w = mounted(&[("as-of", "2026-11-22"), ("id", "linked")]).await;
    w.answer(&["ai_system"]).await;
    w.answer(&["no"]).await; // not an AI system: the result shows
    assert!(w.find("[data-share-link]").is_none(), "no link until the visitor asks");
    let href = web_sys::window().unwrap().location().href().unwrap();
    assert!(!href.contains("ai-act-check"), "nothing written to the address bar unasked: {href}");
    let share: HtmlElement = w.find("button[data-action='share']").unwrap().dyn_into().unwrap();
    share.click();
    tick().await;
    let link = w.find("[data-share-link]").unwrap().dyn_into::<HtmlInputElement>().unwrap().value();
    let fragment = link.split_once('#').map(|(_, f)| format!("#{f}")).expect("the answers are in the fragment");
    assert!(fragment.starts_with("#ai-act-check-linked="), "{fragment}");
    assert!(!link.split('#').next().unwrap().contains("ai-act-check-linked"), "never in the query string");

    let restored = mounted(&[("as-of", "2026-11-22"), ("id", "linked")]).await;
    assert!(restored.question().is_none(), "the restored answers settle the result");
    assert!(restored.find("[part~='verdict']").unwrap().text_content().unwrap().contains("Art. 3(1)"));

    set_fragment(&format!("{}x", &fragment[..fragment.len() - 2]));
    let tampered = mounted(&[("as-of", "2026-11-22"), ("id", "linked")]).await;
    assert_eq!(tampered.question().as_deref(), Some("subject"), "nothing restored");
    assert!(tampered.find("[part~='notice']").is_some(), "and the widget says so");
    set_fragment("");
}

#[wasm_bindgen_test]
async fn answers_are_stored_only_with_remember_and_can_be_forgotten() {
    set_fragment("");
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.clear().unwrap();
    let plain = mounted(&[("id", "plain")]).await;
    plain.answer(&["ai_system"]).await;
    assert_eq!(storage.length().unwrap(), 0, "nothing stored without the host's opt-in");

    let kept = mounted(&[("id", "kept"), ("remember", "")]).await;
    kept.answer(&["ai_system"]).await;
    assert!(storage.get_item("ai-act-check-kept").unwrap().is_some());
    let again = mounted(&[("id", "kept"), ("remember", "")]).await;
    assert_eq!(again.question().as_deref(), Some("infers_outputs"), "the kept answer is restored");
    let forget: HtmlElement = again.find("button[data-action='forget']").unwrap().dyn_into().unwrap();
    forget.click();
    tick().await;
    assert!(storage.get_item("ai-act-check-kept").unwrap().is_none());
    assert_eq!(again.question().as_deref(), Some("subject"));
}

#[wasm_bindgen_test]
async fn a_date_question_takes_a_day_and_keeps_the_chosen_option() {
    let w = mounted(&[("as-of", "2026-11-22")]).await;
    let answers = |q: &str| -> &'static [&'static str] {
        match q {
            "subject" => &["ai_system"],
            "infers_outputs" | "autonomy" | "established_in_eu" | "places_on_eu_market" => &["yes"],
            "roles" => &["provider"],
            "annex_i_product" => &["none"],
            "art50_uses" => &["synthetic_content"],
            "art5_practices" | "annex_iii_uses" => &[],
            _ => &["no"],
        }
    };
    while let Some(q) = w.question() {
        if q == "placed_on_market_on" {
            break;
        }
        w.answer(answers(&q)).await;
    }
    let day: HtmlInputElement = w.find("input[value='day']").unwrap().dyn_into().unwrap();
    day.click();
    tick().await;
    assert!(day.checked(), "the chosen option stays chosen before a day is typed");
    let input: HtmlInputElement = w.find("input[type='date']").unwrap().dyn_into().unwrap();
    input.set_value("2025-05-01");
    input.dispatch_event(&web_sys::InputEvent::new("input").unwrap()).unwrap();
    tick().await;
    w.answer(&[]).await;
    while let Some(q) = w.question() {
        w.answer(answers(&q)).await;
    }
    let text = w.text();
    assert!(text.contains("Art. 111(4)"), "a generator on the market since 2025 gets the Art. 111(4) grace period");
    assert!(text.contains("2 Dec 2026"), "{text}");
}
