//! Which file a text travels in. English interface texts and questions are built into the
//! WebAssembly; every other text comes from a language pack on the widget's own origin, fetched
//! when it is needed, so that a first visit in any language stays within the size budget:
//!
//! - `Core` (`lang/<code>.json`): the interface, the questions and their options. Every
//!   language but English (built in) loads it before its first question.
//! - `Details` (`lang/<code>.details.json`): help texts and everything a result shows
//!   (`result.*`, the conclusions, obligations, fines, open questions, the 42001 map). Fetched
//!   when the visitor starts answering, or at once when answers are restored.
//! - `Trainer` (`lang/<code>.trainer.json`): trainer mode's texts; English is built into the
//!   trainer build.
//!
//! Shared with build.rs, which splits the texts and checks that each part is complete.

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Part {
    Core,
    Details,
    Trainer,
}

impl Part {
    pub const ALL: [Part; 3] = [Part::Core, Part::Details, Part::Trainer];

    pub fn of(key: &str) -> Part {
        let family = key.split('.').next().unwrap_or("");
        match family {
            "trainer" | "map" | "preset" => Part::Trainer,
            "fact" if key.ends_with(".help") => Part::Details,
            "ui" | "fact" | "option" | "choice" | "stage" | "month" | "language" | "citation" => Part::Core,
            _ => Part::Details,
        }
    }

    pub fn id(self) -> &'static str {
        match self {
            Part::Core => "core",
            Part::Details => "details",
            Part::Trainer => "trainer",
        }
    }

    pub fn from_id(id: &str) -> Option<Part> {
        Part::ALL.into_iter().find(|p| p.id() == id)
    }

    /// The pack's file name for a language: `de.json`, `de.details.json`, `de.trainer.json`.
    pub fn file_name(self, code: &str) -> String {
        match self {
            Part::Core => format!("{code}.json"),
            other => format!("{code}.{}.json", other.id()),
        }
    }

    pub fn bit(self) -> u8 {
        1 << self as u8
    }
}
