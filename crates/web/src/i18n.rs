//! Every user-facing string comes from a Fluent file: `locales/en/main.ftl` and
//! `locales/cy/main.ftl`, embedded at compile time. A person's language is their own choice
//! (a cookie, and their account when signed in), defaulting from `Accept-Language`.

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, langid, static_loader};
use std::borrow::Cow;
use std::collections::HashMap;

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // Fluent's bidi isolation marks would end up inside HTML attributes and tests.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// The languages Headway speaks. Adding one is a translation file plus a line here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    Cy,
}

static EN: LanguageIdentifier = langid!("en");
static CY: LanguageIdentifier = langid!("cy");

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Cy];

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Cy => "cy",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        let primary = code.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Lang::En),
            "cy" => Some(Lang::Cy),
            _ => None,
        }
    }

    /// The language's own name, shown in the language switcher.
    pub fn endonym(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Cy => "Cymraeg",
        }
    }

    fn id(self) -> &'static LanguageIdentifier {
        match self {
            Lang::En => &EN,
            Lang::Cy => &CY,
        }
    }

    /// The first language of an `Accept-Language` header Headway speaks, by quality.
    pub fn negotiate(accept_language: &str) -> Lang {
        let mut offered: Vec<(f32, Lang)> = accept_language
            .split(',')
            .filter_map(|part| {
                let mut pieces = part.split(';');
                let lang = Lang::from_code(pieces.next()?)?;
                let quality = pieces
                    .find_map(|p| p.trim().strip_prefix("q="))
                    .and_then(|q| q.parse().ok())
                    .unwrap_or(1.0);
                Some((quality, lang))
            })
            .collect();
        offered.sort_by(|a, b| b.0.total_cmp(&a.0));
        offered.first().map(|(_, lang)| *lang).unwrap_or_default()
    }
}

/// A translator for one request's language; templates call `t.get("key")` and
/// `t.with("key", &[("n", 3.into())])`.
#[derive(Debug, Clone, Copy)]
pub struct Tr {
    pub lang: Lang,
}

impl Tr {
    pub fn new(lang: Lang) -> Self {
        Tr { lang }
    }

    pub fn get(&self, key: &str) -> String {
        LOCALES.lookup(self.lang.id(), key)
    }

    pub fn with(&self, key: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue<'_>> = args
            .iter()
            .map(|(k, v)| (Cow::Owned((*k).to_owned()), v.clone()))
            .collect();
        LOCALES.lookup_with_args(self.lang.id(), key, &args)
    }

    /// A message with one number `$n`, for plurals.
    pub fn count(&self, key: &str, n: impl Count) -> String {
        self.with(key, &[("n", FluentValue::from(n.as_count()))])
    }

    /// A message with the suppression threshold in force, `$k` (Welsh plural forms follow it).
    pub fn threshold(&self, key: &str, k: u8) -> String {
        self.with(key, &[("k", FluentValue::from(i64::from(k)))])
    }

    /// A message with one text argument of the given name.
    pub fn text(&self, key: &str, name: &str, value: &str) -> String {
        self.with(key, &[(name, FluentValue::from(value))])
    }

    /// A message with one text argument `$name`.
    pub fn named(&self, key: &str, name: &str) -> String {
        self.with(key, &[("name", FluentValue::from(name))])
    }

    pub fn code(&self) -> &'static str {
        self.lang.code()
    }
}

/// A number of things, however a template holds it.
pub trait Count {
    fn as_count(&self) -> i64;
}

impl Count for i64 {
    fn as_count(&self) -> i64 {
        *self
    }
}

impl Count for usize {
    fn as_count(&self) -> i64 {
        i64::try_from(*self).unwrap_or(i64::MAX)
    }
}

impl Count for i32 {
    fn as_count(&self) -> i64 {
        i64::from(*self)
    }
}

impl Count for u32 {
    fn as_count(&self) -> i64 {
        i64::from(*self)
    }
}

impl Count for u8 {
    fn as_count(&self) -> i64 {
        i64::from(*self)
    }
}

impl<T: Count + ?Sized> Count for &T {
    fn as_count(&self) -> i64 {
        (**self).as_count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_picks_the_best_language_we_speak() {
        assert_eq!(Lang::negotiate("cy-GB,cy;q=0.9,en;q=0.8"), Lang::Cy);
        assert_eq!(Lang::negotiate("fr-FR,en;q=0.5,cy;q=0.7"), Lang::Cy);
        assert_eq!(Lang::negotiate("fr-FR"), Lang::En);
        assert_eq!(Lang::negotiate(""), Lang::En);
    }

    #[test]
    fn english_and_welsh_differ_for_the_same_key() {
        let en = Tr::new(Lang::En).get("nav-home");
        let cy = Tr::new(Lang::Cy).get("nav-home");
        assert_eq!(en, "Home");
        assert_eq!(cy, "Hafan");
    }

    /// Welsh has six plural categories (zero, one, two, few, many, other).
    #[test]
    fn welsh_plurals_use_all_six_forms() {
        let cy = Tr::new(Lang::Cy);
        let forms: Vec<String> = [0, 1, 2, 3, 6, 7]
            .iter()
            .map(|n| cy.count("pupil-count", *n))
            .collect();
        assert_eq!(
            forms,
            [
                "dim disgyblion",
                "1 disgybl",
                "2 ddisgybl",
                "3 disgybl",
                "6 disgybl",
                "7 disgybl"
            ]
        );
        let en = Tr::new(Lang::En);
        assert_eq!(en.count("pupil-count", 1), "1 pupil");
        assert_eq!(en.count("pupil-count", 7), "7 pupils");
    }

    /// Every key in the English file exists in the Welsh file and vice versa.
    #[test]
    fn english_and_welsh_files_have_the_same_keys() {
        fn keys(ftl: &str) -> Vec<String> {
            let mut keys: Vec<String> = ftl
                .lines()
                .filter(|l| !l.starts_with([' ', '#', '\t']) && l.contains(" ="))
                .map(|l| l.split(" =").next().unwrap_or_default().trim().to_owned())
                .collect();
            keys.sort();
            keys
        }
        // Every .ftl file of a locale is loaded, so every file is compared, by name.
        fn files(lang: &str) -> Vec<(String, String)> {
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("locales")
                .join(lang);
            let mut files: Vec<(String, String)> = std::fs::read_dir(dir)
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|e| e == "ftl"))
                .map(|p| {
                    let name = p.file_name().unwrap().to_string_lossy().into_owned();
                    (name, std::fs::read_to_string(&p).unwrap())
                })
                .collect();
            files.sort();
            files
        }
        let (en_files, cy_files) = (files("en"), files("cy"));
        let names = |f: &[(String, String)]| f.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
        assert_eq!(
            names(&en_files),
            names(&cy_files),
            "the locales differ in their files"
        );
        assert!(names(&en_files).contains(&"main.ftl".to_owned()));
        let all = |f: &[(String, String)]| {
            let mut all: Vec<String> = f.iter().flat_map(|(_, text)| keys(text)).collect();
            all.sort();
            all
        };
        let (en, cy) = (all(&en_files), all(&cy_files));
        let mut unique = en.clone();
        unique.dedup();
        assert_eq!(unique.len(), en.len(), "a key is defined twice in English");
        let missing_in_cy: Vec<&String> = en.iter().filter(|k| !cy.contains(k)).collect();
        let missing_in_en: Vec<&String> = cy.iter().filter(|k| !en.contains(k)).collect();
        assert!(
            missing_in_cy.is_empty(),
            "missing in Welsh: {missing_in_cy:?}"
        );
        assert!(
            missing_in_en.is_empty(),
            "missing in English: {missing_in_en:?}"
        );
    }
}
