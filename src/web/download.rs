//! Files made in the browser: the report as Markdown or JSON is a Blob that the visitor saves;
//! printing uses the browser's own dialog. Nothing leaves the page.

use wasm_bindgen::JsCast;

/// Offers `text` as a file download named `name`.
pub fn save(name: &str, mime: &str, text: &str) -> Option<()> {
    let parts = js_sys::Array::of1(&text.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
    let document = web_sys::window()?.document()?;
    let anchor: web_sys::HtmlAnchorElement = document.create_element("a").ok()?.dyn_into().ok()?;
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.set_rel("noopener");
    anchor.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Some(())
}

/// Prints the report with the browser's print dialog. Until the dialog closes (`afterprint`),
/// the host page prints only this widget: a sheet adopted by the document (no `<style>` element,
/// so a strict `style-src 'self'` allows it) hides everything else in print.
pub fn print(host: &web_sys::HtmlElement) -> Option<()> {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsValue;
    let window = web_sys::window()?;
    let document = window.document()?;
    let sheet = web_sys::CssStyleSheet::new().ok()?;
    sheet
        .replace_sync(
            "@media print { body * { visibility: hidden !important; } \
             ai-act-check[data-printing] { visibility: visible !important; position: absolute !important; \
             inset: 0 auto auto 0 !important; width: 100% !important; margin: 0 !important; } }",
        )
        .ok()?;
    let sheets = document.adopted_style_sheets();
    sheets.push(&sheet);
    document.set_adopted_style_sheets(&sheets);
    let _ = host.set_attribute("data-printing", "");
    let cleanup = {
        let host = host.clone();
        let document = document.clone();
        Closure::once_into_js(move || {
            let _ = host.remove_attribute("data-printing");
            let kept: js_sys::Array =
                document.adopted_style_sheets().iter().filter(|s| *s != JsValue::from(sheet.clone())).collect();
            document.set_adopted_style_sheets(&kept);
        })
    };
    let options = web_sys::AddEventListenerOptions::new();
    options.set_once(true);
    let _ = window.add_event_listener_with_callback_and_add_event_listener_options(
        "afterprint",
        cleanup.unchecked_ref(),
        &options,
    );
    window.print().ok()
}
