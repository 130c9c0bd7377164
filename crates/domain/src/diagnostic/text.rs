//! Text in the languages Headway speaks: English and Welsh always, others beside them.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The languages every instrument text must have.
pub const REQUIRED_LANGUAGES: [&str; 2] = ["en", "cy"];

/// One piece of text in several languages, keyed by language code (`en`, `cy`, …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Text(BTreeMap<String, String>);

impl Text {
    /// A text in English and Welsh.
    pub fn new(en: impl Into<String>, cy: impl Into<String>) -> Text {
        Text(BTreeMap::from([
            ("en".to_owned(), en.into()),
            ("cy".to_owned(), cy.into()),
        ]))
    }

    /// The text in `language`, falling back to English when that language is missing.
    pub fn get(&self, language: &str) -> &str {
        self.0
            .get(language)
            .filter(|text| !text.trim().is_empty())
            .or_else(|| self.0.get("en"))
            .map_or("", String::as_str)
    }

    pub fn en(&self) -> &str {
        self.get("en")
    }

    pub fn cy(&self) -> &str {
        self.get("cy")
    }

    /// The required languages this text lacks (absent or blank).
    pub fn missing_languages(&self) -> Vec<&'static str> {
        REQUIRED_LANGUAGES
            .into_iter()
            .filter(|language| {
                self.0
                    .get(*language)
                    .is_none_or(|text| text.trim().is_empty())
            })
            .collect()
    }
}
