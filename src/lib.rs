//! AI Act Check: does the EU AI Act (Regulation (EU) 2024/1689 as amended by Regulation (EU)
//! 2026/1744) apply to me, and what does it ask of me?
//!
//! The engine is pure: [`assess`] turns the visitor's answers ([`Facts`]) into an
//! [`Assessment`] under a ruleset that lawyers can review as data (`src/rules/*.toml`).

pub mod assessment;
pub mod citation;
pub mod date;
pub mod engine;
pub mod facts;
pub mod i18n;
pub mod json;
pub mod map;
pub mod present;
pub mod questions;
pub mod report;
pub mod ruleset;
#[cfg(not(target_arch = "wasm32"))]
pub mod scenario;
pub mod share;
pub mod text_part;
pub mod trainer;
#[cfg(target_arch = "wasm32")]
pub mod web;

pub use assessment::Assessment;
pub use engine::assess;
pub use facts::{FactError, Facts, Value};
