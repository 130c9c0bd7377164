//! A survey as data: a versioned TOML file (`instruments/<id>/v<version>.toml`) of scales,
//! each a few items rated on one labelled scale, with reverse-worded items marked, and
//! every text in English and Welsh.
//!
//! [`SurveyInstrument::from_toml_str`] parses and checks a file, reporting every problem it
//! finds; [`built_in`] is Headway's own survey for each audience, embedded in the binary.

use std::collections::BTreeSet;
use std::fmt;
use std::str::FromStr;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::diagnostic::Text;
use crate::diagnostic::instrument::{InstrumentKey, ItemId, ScalePoint};

pub const STAFF_TOML: &str = include_str!("../../../../instruments/staff-climate/v1.toml");
pub const PUPIL_TOML: &str = include_str!("../../../../instruments/pupil-voice/v1.toml");
pub const PARENT_TOML: &str = include_str!("../../../../instruments/parent-voice/v1.toml");

/// Who a survey asks. Each audience is reached its own way: staff by single-use links
/// from the roster, pupils by a class code with a single-use slip each, parents by one
/// link for the school.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    Staff,
    Pupils,
    Parents,
}

impl Audience {
    pub const ALL: [Audience; 3] = [Audience::Staff, Audience::Pupils, Audience::Parents];

    /// The key stored in the database and used in forms and translation keys.
    pub fn as_str(self) -> &'static str {
        match self {
            Audience::Staff => "staff",
            Audience::Pupils => "pupils",
            Audience::Parents => "parents",
        }
    }
}

impl fmt::Display for Audience {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("unknown survey audience '{0}'")]
pub struct UnknownAudience(pub String);

impl FromStr for Audience {
    type Err = UnknownAudience;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Audience::ALL
            .into_iter()
            .find(|a| a.as_str() == s)
            .ok_or_else(|| UnknownAudience(s.to_owned()))
    }
}

/// Headway's own survey for an audience, parsed once. The files are checked by this
/// module's tests, so failing to parse one is a bug in the release.
pub fn built_in(audience: Audience) -> &'static SurveyInstrument {
    static STAFF: OnceLock<SurveyInstrument> = OnceLock::new();
    static PUPILS: OnceLock<SurveyInstrument> = OnceLock::new();
    static PARENTS: OnceLock<SurveyInstrument> = OnceLock::new();
    let (cell, source) = match audience {
        Audience::Staff => (&STAFF, STAFF_TOML),
        Audience::Pupils => (&PUPILS, PUPIL_TOML),
        Audience::Parents => (&PARENTS, PARENT_TOML),
    };
    cell.get_or_init(|| {
        SurveyInstrument::from_toml_str(source)
            .unwrap_or_else(|error| panic!("the built-in {audience} survey is invalid: {error}"))
    })
}

/// The built-in survey with this key, if this release serves it.
pub fn find(key: &InstrumentKey) -> Option<&'static SurveyInstrument> {
    Audience::ALL
        .into_iter()
        .map(built_in)
        .find(|instrument| instrument.key == *key)
}

/// A scale's identifier within its survey (`trust`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ScaleId(pub String);

impl fmt::Display for ScaleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The labelled answer scale, lowest first. Surveys have no "don't know": an item left
/// out is simply not answered.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnswerScale {
    pub min: u8,
    pub max: u8,
    pub points: Vec<ScalePoint>,
}

impl AnswerScale {
    pub fn contains(&self, value: u8) -> bool {
        (self.min..=self.max).contains(&value)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SurveyItem {
    pub id: ItemId,
    pub wording: Text,
    /// Worded against the scale: scored `max + min − answer`.
    pub reverse: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scale {
    pub id: ScaleId,
    pub name: Text,
    pub items: Vec<SurveyItem>,
}

/// A checked survey: ids unique, every scale with at least two items, every text in
/// English and Welsh.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SurveyInstrument {
    pub key: InstrumentKey,
    pub audience: Audience,
    pub title: Text,
    pub introduction: Text,
    pub scale: AnswerScale,
    pub scales: Vec<Scale>,
    /// The one open question, if the survey asks one.
    pub free_text: Option<Text>,
}

impl SurveyInstrument {
    /// Parses and checks a survey file. Every problem found is reported at once.
    pub fn from_toml_str(source: &str) -> Result<SurveyInstrument, SurveyInstrumentError> {
        let file: SurveyFile = toml::from_str(source)?;
        file.check()
    }

    /// Items in file order (the order respondents see them), each with its scale.
    pub fn items(&self) -> impl Iterator<Item = (&Scale, &SurveyItem)> {
        self.scales
            .iter()
            .flat_map(|scale| scale.items.iter().map(move |item| (scale, item)))
    }

    pub fn item(&self, id: &str) -> Option<&SurveyItem> {
        self.items()
            .map(|(_, item)| item)
            .find(|item| item.id.0 == id)
    }

    pub fn scale_by_id(&self, id: &str) -> Option<&Scale> {
        self.scales.iter().find(|scale| scale.id.0 == id)
    }

    /// An answer as scored: reverse-worded items turned round, so a high score always
    /// means more of what the scale names.
    pub fn scored(&self, item: &SurveyItem, answer: u8) -> f64 {
        if item.reverse {
            f64::from(self.scale.max + self.scale.min - answer)
        } else {
            f64::from(answer)
        }
    }
}

/// Why a survey file was refused.
#[derive(Debug, Error)]
pub enum SurveyInstrumentError {
    #[error("the survey file could not be read: {0}")]
    Syntax(#[from] toml::de::Error),
    #[error("the survey file has {} problem(s):\n{}", .0.len(), .0.iter().map(|p| format!("  - {p}")).collect::<Vec<_>>().join("\n"))]
    Invalid(Vec<SurveyProblem>),
}

/// One thing wrong with a survey file, said so that its author can fix it.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SurveyProblem {
    #[error("`id` is empty")]
    EmptyId,
    #[error("`version` must be 1 or more")]
    ZeroVersion,
    #[error("{place} has no text in {}", .languages.join(" and "))]
    MissingText {
        place: String,
        languages: Vec<&'static str>,
    },
    #[error("the scale runs from {min} to {max}; it needs at least two points, lowest first")]
    ScaleRange { min: u8, max: u8 },
    #[error("the scale's labelled points must be {expected:?} in order; the file has {found:?}")]
    ScalePoints { expected: Vec<u8>, found: Vec<u8> },
    #[error("scale `{0}` is listed more than once")]
    DuplicateScale(String),
    #[error("scale `{0}` has fewer than two items: its reliability could not be checked")]
    TooFewItems(String),
    #[error("item `{0}` is listed more than once")]
    DuplicateItem(String),
    #[error("the survey has no scales")]
    NoScales,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SurveyFile {
    id: String,
    version: u32,
    audience: Audience,
    title: Text,
    introduction: Text,
    scale: ScaleFile,
    scales: Vec<ScaleFileEntry>,
    free_text: Option<Text>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ScaleFile {
    min: u8,
    max: u8,
    points: Vec<ScalePoint>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ScaleFileEntry {
    id: String,
    name: Text,
    items: Vec<ItemFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ItemFile {
    id: String,
    wording: Text,
    #[serde(default)]
    reverse: bool,
}

impl SurveyFile {
    fn check(self) -> Result<SurveyInstrument, SurveyInstrumentError> {
        let mut problems = Vec::new();
        let require = |place: String, text: &Text, problems: &mut Vec<SurveyProblem>| {
            let languages = text.missing_languages();
            if !languages.is_empty() {
                problems.push(SurveyProblem::MissingText { place, languages });
            }
        };
        if self.id.trim().is_empty() {
            problems.push(SurveyProblem::EmptyId);
        }
        if self.version == 0 {
            problems.push(SurveyProblem::ZeroVersion);
        }
        require("`title`".into(), &self.title, &mut problems);
        require("`introduction`".into(), &self.introduction, &mut problems);
        if let Some(question) = &self.free_text {
            require("`free_text`".into(), question, &mut problems);
        }
        let (min, max) = (self.scale.min, self.scale.max);
        if min >= max {
            problems.push(SurveyProblem::ScaleRange { min, max });
        } else {
            let expected: Vec<u8> = (min..=max).collect();
            let found: Vec<u8> = self.scale.points.iter().map(|p| p.value).collect();
            if expected != found {
                problems.push(SurveyProblem::ScalePoints { expected, found });
            }
        }
        for point in &self.scale.points {
            require(
                format!("the label of scale point {}", point.value),
                &point.label,
                &mut problems,
            );
        }
        if self.scales.is_empty() {
            problems.push(SurveyProblem::NoScales);
        }
        let mut scale_ids = BTreeSet::new();
        let mut item_ids = BTreeSet::new();
        for scale in &self.scales {
            if !scale_ids.insert(scale.id.clone()) {
                problems.push(SurveyProblem::DuplicateScale(scale.id.clone()));
            }
            if scale.items.len() < 2 {
                problems.push(SurveyProblem::TooFewItems(scale.id.clone()));
            }
            require(
                format!("the name of scale `{}`", scale.id),
                &scale.name,
                &mut problems,
            );
            for item in &scale.items {
                if !item_ids.insert(item.id.clone()) {
                    problems.push(SurveyProblem::DuplicateItem(item.id.clone()));
                }
                require(
                    format!("the wording of item `{}`", item.id),
                    &item.wording,
                    &mut problems,
                );
            }
        }
        if !problems.is_empty() {
            return Err(SurveyInstrumentError::Invalid(problems));
        }
        Ok(SurveyInstrument {
            key: InstrumentKey {
                id: self.id,
                version: self.version,
            },
            audience: self.audience,
            title: self.title,
            introduction: self.introduction,
            scale: AnswerScale {
                min,
                max,
                points: self.scale.points,
            },
            scales: self
                .scales
                .into_iter()
                .map(|scale| Scale {
                    id: ScaleId(scale.id),
                    name: scale.name,
                    items: scale
                        .items
                        .into_iter()
                        .map(|item| SurveyItem {
                            id: ItemId(item.id),
                            wording: item.wording,
                            reverse: item.reverse,
                        })
                        .collect(),
                })
                .collect(),
            free_text: self.free_text,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_built_in_survey_parses_with_its_audience_in_english_and_welsh() {
        for audience in Audience::ALL {
            let survey = built_in(audience);
            assert_eq!(survey.audience, audience);
            assert!(survey.scales.len() >= 3, "{audience}");
            assert!(survey.free_text.is_some());
            for (_, item) in survey.items() {
                assert!(item.wording.missing_languages().is_empty());
                assert_ne!(item.wording.en(), item.wording.cy(), "{}", item.id);
            }
        }
    }

    #[test]
    fn the_surveys_cover_the_scales_the_product_promises() {
        let scales = |audience| -> Vec<String> {
            built_in(audience)
                .scales
                .iter()
                .map(|s| s.id.0.clone())
                .collect()
        };
        assert_eq!(
            scales(Audience::Staff),
            [
                "orderly_environment",
                "trust",
                "collective_responsibility",
                "workload"
            ]
        );
        assert_eq!(
            scales(Audience::Pupils),
            ["well_being", "engagement", "behaviour_climate", "belonging"]
        );
        // Every scale but the shortest has a reverse-worded item, so acquiescence shows.
        for audience in Audience::ALL {
            for scale in &built_in(audience).scales {
                if scale.id.0 != "collective_responsibility" && scale.id.0 != "learning" {
                    assert!(scale.items.iter().any(|i| i.reverse), "{}", scale.id);
                }
            }
        }
    }

    #[test]
    fn reverse_worded_items_are_scored_the_other_way_round() {
        let survey = built_in(Audience::Staff);
        let reversed = survey.item("staff-env-04").unwrap();
        let plain = survey.item("staff-env-01").unwrap();
        assert_eq!(survey.scored(reversed, 1), 5.0);
        assert_eq!(survey.scored(reversed, 4), 2.0);
        assert_eq!(survey.scored(plain, 4), 4.0);
    }

    #[test]
    fn a_bad_file_is_refused_with_every_problem_named() {
        let source = r#"
id = ""
version = 0
audience = "staff"
title = { en = "T" }
introduction = { en = "I", cy = "C" }
[scale]
min = 1
max = 3
points = [ { value = 1, label = { en = "a", cy = "b" } } ]
[[scales]]
id = "one"
name = { en = "One", cy = "Un" }
items = [ { id = "x", wording = { en = "X", cy = "X" } } ]
[[scales]]
id = "one"
name = { en = "One", cy = "Un" }
items = [ { id = "x", wording = { en = "X", cy = "X" } }, { id = "y", wording = { en = "Y", cy = "" } } ]
"#;
        let Err(SurveyInstrumentError::Invalid(problems)) = SurveyInstrument::from_toml_str(source)
        else {
            panic!("the file should be refused");
        };
        for expected in [
            SurveyProblem::EmptyId,
            SurveyProblem::ZeroVersion,
            SurveyProblem::DuplicateScale("one".into()),
            SurveyProblem::TooFewItems("one".into()),
            SurveyProblem::DuplicateItem("x".into()),
            SurveyProblem::ScalePoints {
                expected: vec![1, 2, 3],
                found: vec![1],
            },
        ] {
            assert!(problems.contains(&expected), "{expected:?} in {problems:?}");
        }
        assert!(
            problems.iter().any(
                |p| matches!(p, SurveyProblem::MissingText { place, .. } if place == "`title`")
            )
        );
        assert!(problems.iter().any(
            |p| matches!(p, SurveyProblem::MissingText { place, .. } if place.contains("`y`"))
        ));
    }

    #[test]
    fn an_unknown_audience_is_refused() {
        assert!("governors".parse::<Audience>().is_err());
        assert_eq!("pupils".parse::<Audience>(), Ok(Audience::Pupils));
    }
}
