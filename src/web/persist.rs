//! What the visitor chooses to keep: a private share link (answers in the URL fragment, never
//! the query string) and, only where the host page opts in with `remember`, the answers in
//! `localStorage`. Nothing is stored or written to the address bar otherwise.

use super::{Config, Notice};
use crate::facts::Facts;
use crate::share::{decode, encode, ShareError};

/// The answers to start with: from a share link in the fragment, else (with `remember`) from
/// storage; and a notice when a link restored nothing.
pub fn restore(config: &Config) -> (Facts, Option<Notice>) {
    if let Some(payload) = fragment_value(&config.key) {
        return match decode(&payload) {
            Ok(facts) => (facts, Some(Notice { key: "ui.notice_link_restored", value: String::new() })),
            Err(e) => {
                let reason = match e {
                    ShareError::Outdated => "ui.link_outdated",
                    ShareError::Tampered => "ui.link_tampered",
                    ShareError::Malformed | ShareError::Invalid => "ui.link_invalid",
                };
                (Facts::default(), Some(Notice { key: reason, value: String::new() }))
            }
        };
    }
    if config.remember {
        if let Some(saved) = storage().and_then(|s| s.get_item(&config.key).ok().flatten()) {
            if let Ok(facts) = decode(&saved) {
                return (facts, None);
            }
        }
    }
    (Facts::default(), None)
}

/// Keeps the answers where the host page opted in.
pub fn save(config: &Config, facts: &Facts) {
    if config.remember {
        if let Some(s) = storage() {
            let _ = s.set_item(&config.key, &encode(facts));
        }
    }
}

/// Removes the kept answers.
pub fn forget(config: &Config) {
    if let Some(s) = storage() {
        let _ = s.remove_item(&config.key);
    }
}

/// The page's address with the answers in its fragment; also put in the address bar (without a
/// navigation or a request), since the visitor asked for it.
pub fn share_link(config: &Config, facts: &Facts) -> Option<String> {
    let window = web_sys::window()?;
    let location = window.location();
    let base = location.href().ok()?;
    let base = base.split('#').next().unwrap_or_default().to_string();
    let mut params: Vec<String> = location
        .hash()
        .ok()
        .unwrap_or_default()
        .trim_start_matches('#')
        .split('&')
        .filter(|p| !p.is_empty() && p.split('=').next() != Some(config.key.as_str()))
        .map(str::to_string)
        .collect();
    params.push(format!("{}={}", config.key, encode(facts)));
    let url = format!("{base}#{}", params.join("&"));
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
    Some(url)
}

fn fragment_value(key: &str) -> Option<String> {
    let hash = web_sys::window()?.location().hash().ok()?;
    hash.trim_start_matches('#').split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=')?;
        (k == key).then(|| v.to_string())
    })
}

fn storage() -> Option<web_sys::Storage> {
    // Storage can be refused (sandboxed frames, privacy settings): then nothing is kept.
    web_sys::window()?.local_storage().ok().flatten()
}
