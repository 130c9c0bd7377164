//! Why a file has a problem, as a message that can be shown in any language Headway speaks:
//! an id in `locales/{en,cy}/problems.ftl` and its arguments. The English text is what the
//! command line prints; the web shows the reader's language.

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, langid, static_loader};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::HashMap;

static_loader! {
    static PROBLEMS = {
        locales: "./locales",
        fallback_language: "en",
        // Fluent's bidi isolation marks would end up in file names and test output.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static EN: LanguageIdentifier = langid!("en");
static CY: LanguageIdentifier = langid!("cy");

/// A message id and its arguments, each already written as text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reason {
    pub id: String,
    pub args: Vec<(String, String)>,
}

impl Reason {
    pub fn new(id: &str, args: Vec<(&str, String)>) -> Reason {
        Reason {
            id: id.to_owned(),
            args: args.into_iter().map(|(k, v)| (k.to_owned(), v)).collect(),
        }
    }

    /// The message in the language with this code (`en`, `cy`; others read English).
    pub fn text(&self, lang: &str) -> String {
        let lang = if lang == "cy" { &CY } else { &EN };
        let args: HashMap<Cow<'static, str>, FluentValue<'_>> = self
            .args
            .iter()
            .map(|(k, v)| (Cow::Owned(k.clone()), FluentValue::from(v.as_str())))
            .collect();
        PROBLEMS.lookup_with_args(lang, &self.id, &args)
    }

    pub fn english(&self) -> String {
        self.text("en")
    }

    /// The value of argument `name`, if the message has it.
    pub fn arg(&self, name: &str) -> Option<&str> {
        self.args
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// `reason!("id")` or `reason!("id", name = value, …)`: a [`Reason`] whose arguments are
/// written with `to_string()`.
#[macro_export]
macro_rules! reason {
    ($id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::reason::Reason::new($id, vec![$((stringify!($name), ($value).to_string())),*])
    };
}

#[cfg(test)]
mod tests {
    fn ids(lang: &str) -> Vec<String> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("locales")
            .join(lang);
        let mut ids: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
            .flat_map(|text| {
                text.lines()
                    .filter(|l| !l.starts_with([' ', '#', '\t']) && l.contains(" ="))
                    .map(|l| l.split(" =").next().unwrap_or_default().trim().to_owned())
                    .collect::<Vec<_>>()
            })
            .collect();
        ids.sort();
        ids
    }

    #[test]
    fn english_and_welsh_have_the_same_messages() {
        let (en, cy) = (ids("en"), ids("cy"));
        assert!(en.len() > 40, "{en:?}");
        assert_eq!(en, cy);
    }

    /// Every message id the code names exists in English (a missing one reads as its id).
    #[test]
    fn every_reason_the_code_gives_has_a_message() {
        let en = ids("en");
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut named = Vec::new();
        let mut stack = vec![src];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&path).unwrap();
                    for part in text.split("reason!(\"").skip(1) {
                        named.push(part.split('"').next().unwrap().to_owned());
                    }
                }
            }
        }
        named.retain(|id| id != "id");
        assert!(named.len() > 40, "{named:?}");
        for id in named {
            assert!(en.contains(&id), "no message `{id}` in locales/en");
        }
    }

    #[test]
    fn a_reason_reads_in_english_and_welsh_with_its_arguments() {
        let why = crate::reason!("not-a-number", text = "fifty");
        assert_eq!(why.english(), "`fifty` is not a number");
        let welsh = why.text("cy");
        assert!(welsh.contains("`fifty`"), "{welsh}");
        assert_ne!(welsh, why.english());
        assert_eq!(why.arg("text"), Some("fifty"));
    }
}
