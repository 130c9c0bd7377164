//! Measure sets as data: what a deployment's results mean. A measure set names the baseline
//! (prior attainment) and its scale, the outcome's grades with the number each is stored as
//! and the points it counts for in the headline, the thresholds leaders and projections
//! speak of ("grade C or above"), the headline across subjects (Capped 9 in Wales, Progress 8
//! in England) and the names of the context groups and subjects, every text in English and
//! Welsh.
//!
//! Two ship in the binary, each a TOML file in `crates/domain/measure_sets/`: [`WALES`] and
//! [`ENGLAND`]. Their values are the measure set's own definition, configurable, not figures
//! taken from a source Headway holds ([`MeasureSet::definition`] says so on screen).
//! [`MeasureSet::from_toml_str`] parses and checks a file, reporting every problem at once.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use serde::Deserialize;
use thiserror::Error;

pub use crate::diagnostic::Text;

/// The key of the Welsh measure set (WJEC GCSE A*–G, Capped 9, National Personalised
/// Assessments, eFSM, ALN).
pub const WALES: &str = "wales";
/// The key of the English measure set (GCSE 9–1, Progress 8 with KS2, FSM, SEN / EHCP).
pub const ENGLAND: &str = "england";
/// The measure sets shipped in the binary, by key.
pub const BUILT_IN_KEYS: [&str; 2] = [WALES, ENGLAND];

const WALES_TOML: &str = include_str!("../../measure_sets/wales.toml");
const ENGLAND_TOML: &str = include_str!("../../measure_sets/england.toml");

/// A shipped measure set by key (`wales`, `england`), parsed once; `None` for another key.
/// The files are checked by this module's tests, so failing to parse one is a bug in the
/// release, not a runtime condition.
pub fn built_in(key: &str) -> Option<&'static MeasureSet> {
    static SETS: OnceLock<[MeasureSet; 2]> = OnceLock::new();
    let sets = SETS.get_or_init(|| {
        [WALES_TOML, ENGLAND_TOML].map(|source| {
            MeasureSet::from_toml_str(source)
                .unwrap_or_else(|error| panic!("a built-in measure set is invalid: {error}"))
        })
    });
    sets.iter().find(|set| set.key == key)
}

/// What a deployment's results mean, parsed and checked.
#[derive(Debug, Clone, PartialEq)]
pub struct MeasureSet {
    pub key: String,
    pub name: Text,
    /// Says that the values are this measure set's definition, configurable: shown beside
    /// grades, thresholds and the headline.
    pub definition: Text,
    pub baseline: Baseline,
    pub outcome: OutcomeScale,
    thresholds: Vec<GradeThreshold>,
    pub headline: Headline,
    groups: BTreeMap<ContextGroup, Text>,
    subjects: BTreeMap<String, Text>,
}

/// The prior-attainment measure and its scale.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    /// The subject code its results are stored under.
    pub subject: String,
    pub name: Text,
    pub min: f64,
    pub max: f64,
    /// The scale's design mean and standard deviation, where it has them (age-standardised
    /// scores: 100 and 15).
    pub mean: Option<f64>,
    pub sd: Option<f64>,
}

/// The subject outcome's grades, lowest first.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutcomeScale {
    pub name: Text,
    pub grades: Vec<Grade>,
}

/// One grade: the label people read (`A*`, `7`), the number a result is stored as, and the
/// points it counts for in the headline.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Grade {
    pub label: String,
    pub value: f64,
    pub points: f64,
}

/// "Grade C or above": a result at or above `value` reaches it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GradeThreshold {
    pub key: String,
    /// The stored value of the lowest grade that reaches the threshold.
    pub value: f64,
    pub name: Text,
}

impl GradeThreshold {
    pub fn is_reached_by(&self, score: f64) -> bool {
        score >= self.value
    }
}

/// The headline across subjects: a per-pupil score stored as its own subject at the final
/// assessment point, and how its value added is shown.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Headline {
    /// The subject code the per-pupil score is stored under (`CAP9`, `ATT8`).
    pub subject: String,
    pub name: Text,
    /// How the score is made, in a sentence.
    pub rule: Text,
    /// How many subjects count towards it.
    pub counted: usize,
    /// Value added of the score is divided by this for the headline (Progress 8: 10).
    pub divisor: f64,
    /// What the divided value added is in ("points", "grades per subject").
    pub unit: Text,
    /// Where "above"/"below" ends and "well above"/"well below" begins, in the divided
    /// unit: half a grade in every counted slot (Progress 8: 0.5; Capped 9 in points: 27).
    #[serde(default = "half_a_grade")]
    pub band_cut: f64,
}

fn half_a_grade() -> f64 {
    0.5
}

/// The pupil groups whose names a measure set gives (the breakdown rows of
/// disadvantage and special or additional learning needs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ContextGroup {
    Disadvantaged,
    NotDisadvantaged,
    SenNone,
    SenSupport,
    SenPlan,
}

impl ContextGroup {
    pub const ALL: [ContextGroup; 5] = [
        ContextGroup::Disadvantaged,
        ContextGroup::NotDisadvantaged,
        ContextGroup::SenNone,
        ContextGroup::SenSupport,
        ContextGroup::SenPlan,
    ];

    /// The key in a measure set file's `[groups]`.
    pub fn key(self) -> &'static str {
        match self {
            ContextGroup::Disadvantaged => "disadvantaged",
            ContextGroup::NotDisadvantaged => "not_disadvantaged",
            ContextGroup::SenNone => "sen_none",
            ContextGroup::SenSupport => "sen_support",
            ContextGroup::SenPlan => "sen_plan",
        }
    }

    /// The group of a breakdown row's label key (`group-disadvantaged`, …), if a measure
    /// set names it.
    pub fn from_row_key(row_key: &str) -> Option<ContextGroup> {
        Some(match row_key {
            "group-disadvantaged" => ContextGroup::Disadvantaged,
            "group-not-disadvantaged" => ContextGroup::NotDisadvantaged,
            "group-sen-none" => ContextGroup::SenNone,
            "group-sen-support" => ContextGroup::SenSupport,
            "group-sen-plan" => ContextGroup::SenPlan,
            _ => return None,
        })
    }
}

impl MeasureSet {
    /// Parses and checks a measure set file. Every problem found is reported at once.
    pub fn from_toml_str(source: &str) -> Result<MeasureSet, MeasureSetError> {
        let file: MeasureSetFile = toml::from_str(source)?;
        file.check()
    }

    /// The subject code of the headline score (`CAP9`, `ATT8`).
    pub fn headline_subject(&self) -> &str {
        &self.headline.subject
    }

    /// The thresholds, lowest first.
    pub fn thresholds(&self) -> &[GradeThreshold] {
        &self.thresholds
    }

    pub fn threshold(&self, key: &str) -> Option<&GradeThreshold> {
        self.thresholds.iter().find(|t| t.key == key)
    }

    /// The measure set's name for a pupil group.
    pub fn group_name(&self, group: ContextGroup) -> &Text {
        // Every group is present: `check` refuses a file without one.
        &self.groups[&group]
    }

    /// A subject's name in `language` by its code: the catalogue, then the baseline's and
    /// the headline's own names; `None` for a code the measure set does not name.
    pub fn subject_name(&self, code: &str, language: &str) -> Option<&str> {
        if let Some(name) = self.subjects.get(code) {
            Some(name.get(language))
        } else if code == self.baseline.subject {
            Some(self.baseline.name.get(language))
        } else if code == self.headline.subject {
            Some(self.headline.name.get(language))
        } else {
            None
        }
    }

    /// The grade a stored outcome stands for; `None` for a value between grades or off the
    /// scale (a predicted grade may be fractional).
    pub fn grade(&self, value: f64) -> Option<&Grade> {
        self.outcome
            .grades
            .iter()
            .find(|grade| (grade.value - value).abs() < 1e-9)
    }

    /// The lowest and highest stored grade values.
    pub fn grade_range(&self) -> (f64, f64) {
        let grades = &self.outcome.grades;
        (grades[0].value, grades[grades.len() - 1].value)
    }

    /// The headline points of a pupil's grades: the points of the best
    /// [`Headline::counted`] of them, summed (a grade off the scale counts nothing). This
    /// is Capped 9's rule; Attainment 8's slots and double weighting are not modelled here.
    pub fn best_points(&self, grades: &[f64]) -> f64 {
        let mut points: Vec<f64> = grades
            .iter()
            .map(|&value| self.grade(value).map_or(0.0, |grade| grade.points))
            .collect();
        points.sort_by(|a, b| b.total_cmp(a));
        points.iter().take(self.headline.counted).sum()
    }

    /// The headline's value added settings: (divisor, band cut), both from the file.
    pub fn headline_scale(&self) -> (f64, f64) {
        (self.headline.divisor, self.headline.band_cut)
    }

    /// The built-in measure set whose headline score is stored under `code`, if any (the
    /// headline codes of the shipped sets differ, so the answer is one set).
    pub fn of_headline(code: &str) -> Option<&'static MeasureSet> {
        BUILT_IN_KEYS
            .iter()
            .filter_map(|key| built_in(key))
            .find(|set| set.headline.subject.eq_ignore_ascii_case(code))
    }

    /// The most the headline score can be: the top grade's points in every counted subject.
    pub fn headline_max(&self) -> f64 {
        let top = self
            .outcome
            .grades
            .iter()
            .map(|g| g.points)
            .fold(0.0, f64::max);
        top * self.headline.counted as f64
    }
}

/// Why a measure set file was refused.
#[derive(Debug, Error)]
pub enum MeasureSetError {
    /// Not valid TOML, or a field of the wrong shape; the message names line and column.
    #[error("the measure set file could not be read: {0}")]
    Syntax(#[from] toml::de::Error),
    #[error("the measure set file has {} problem(s):\n{}", .0.len(), list(.0))]
    Invalid(Vec<MeasureSetProblem>),
}

fn list(problems: &[MeasureSetProblem]) -> String {
    problems
        .iter()
        .map(|problem| format!("  - {problem}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// One thing wrong with a measure set file, said so that its author can fix it.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum MeasureSetProblem {
    #[error("`key` is empty")]
    EmptyKey,
    #[error("{place} has no text in {}", .languages.join(" and "))]
    MissingText {
        place: String,
        languages: Vec<&'static str>,
    },
    #[error("the baseline's scale runs from {min} to {max}; the minimum must be below the maximum")]
    BaselineRange { min: String, max: String },
    #[error("{place}: the subject code is empty")]
    EmptySubjectCode { place: String },
    #[error("the outcome has no grades")]
    NoGrades,
    #[error("grade {index} has an empty label")]
    EmptyGradeLabel { index: usize },
    #[error("grade `{0}` is listed more than once")]
    DuplicateGrade(String),
    #[error(
        "grade `{label}` (value {value}) must have a higher value than the grade before it: list grades lowest first"
    )]
    GradesOutOfOrder { label: String, value: String },
    #[error("grade `{label}` counts for {points} points, fewer than the grade below it")]
    PointsOutOfOrder { label: String, points: String },
    #[error("threshold `{0}` is listed more than once")]
    DuplicateThreshold(String),
    #[error("threshold `{key}` has value {value}, which is no grade's value")]
    ThresholdNotAGrade { key: String, value: String },
    #[error("the headline counts {0} subjects; it must count at least one")]
    HeadlineCountsNothing(usize),
    #[error("the headline's divisor is {0}; it must be a positive number")]
    InvalidDivisor(String),
    #[error("the headline's band cut is {0}; it must be a positive number")]
    InvalidBandCut(String),
    #[error("group `{0}` is missing from [groups]")]
    MissingGroup(&'static str),
    #[error("[groups] has `{0}`, which is no group (expected {expected})", expected = ContextGroup::ALL.map(ContextGroup::key).join(", "))]
    UnknownGroup(String),
    #[error("subject `{0}` is listed more than once")]
    DuplicateSubject(String),
    #[error("subject `{0}` is the baseline's or the headline's, which carry their own names")]
    SubjectNamedTwice(String),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MeasureSetFile {
    key: String,
    name: Text,
    definition: Text,
    baseline: Baseline,
    outcome: OutcomeScale,
    #[serde(default)]
    thresholds: Vec<GradeThreshold>,
    headline: Headline,
    groups: BTreeMap<String, Text>,
    #[serde(default)]
    subjects: Vec<SubjectName>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SubjectName {
    code: String,
    name: Text,
}

impl MeasureSetFile {
    fn check(self) -> Result<MeasureSet, MeasureSetError> {
        let mut problems = Vec::new();
        let mut text = |place: String, text: &Text| {
            let languages = text.missing_languages();
            if !languages.is_empty() {
                problems.push(MeasureSetProblem::MissingText { place, languages });
            }
        };
        text("`name`".into(), &self.name);
        text("`definition`".into(), &self.definition);
        text("the baseline's name".into(), &self.baseline.name);
        text("the outcome's name".into(), &self.outcome.name);
        for threshold in &self.thresholds {
            text(format!("threshold `{}`", threshold.key), &threshold.name);
        }
        text("the headline's name".into(), &self.headline.name);
        text("the headline's rule".into(), &self.headline.rule);
        text("the headline's unit".into(), &self.headline.unit);
        for (key, name) in &self.groups {
            text(format!("group `{key}`"), name);
        }
        for subject in &self.subjects {
            text(format!("subject `{}`", subject.code), &subject.name);
        }

        if self.key.trim().is_empty() {
            problems.push(MeasureSetProblem::EmptyKey);
        }
        let baseline = &self.baseline;
        if baseline.min.partial_cmp(&baseline.max) != Some(std::cmp::Ordering::Less) {
            problems.push(MeasureSetProblem::BaselineRange {
                min: baseline.min.to_string(),
                max: baseline.max.to_string(),
            });
        }
        for (place, code) in [
            ("the baseline", &baseline.subject),
            ("the headline", &self.headline.subject),
        ] {
            if code.trim().is_empty() {
                problems.push(MeasureSetProblem::EmptySubjectCode {
                    place: place.into(),
                });
            }
        }

        let grades = &self.outcome.grades;
        if grades.is_empty() {
            problems.push(MeasureSetProblem::NoGrades);
        }
        let mut labels = BTreeSet::new();
        for (index, grade) in grades.iter().enumerate() {
            if grade.label.trim().is_empty() {
                problems.push(MeasureSetProblem::EmptyGradeLabel { index: index + 1 });
            } else if !labels.insert(grade.label.as_str()) {
                problems.push(MeasureSetProblem::DuplicateGrade(grade.label.clone()));
            }
            if let Some(below) = index.checked_sub(1).map(|i| &grades[i]) {
                if grade.value.partial_cmp(&below.value) != Some(std::cmp::Ordering::Greater) {
                    problems.push(MeasureSetProblem::GradesOutOfOrder {
                        label: grade.label.clone(),
                        value: grade.value.to_string(),
                    });
                }
                if grade.points < below.points {
                    problems.push(MeasureSetProblem::PointsOutOfOrder {
                        label: grade.label.clone(),
                        points: grade.points.to_string(),
                    });
                }
            }
        }

        let mut threshold_keys = BTreeSet::new();
        for threshold in &self.thresholds {
            if !threshold_keys.insert(threshold.key.as_str()) {
                problems.push(MeasureSetProblem::DuplicateThreshold(threshold.key.clone()));
            }
            if !grades.iter().any(|g| g.value == threshold.value) {
                problems.push(MeasureSetProblem::ThresholdNotAGrade {
                    key: threshold.key.clone(),
                    value: threshold.value.to_string(),
                });
            }
        }

        if self.headline.counted == 0 {
            problems.push(MeasureSetProblem::HeadlineCountsNothing(0));
        }
        if !(self.headline.divisor > 0.0 && self.headline.divisor.is_finite()) {
            problems.push(MeasureSetProblem::InvalidDivisor(
                self.headline.divisor.to_string(),
            ));
        }
        if !(self.headline.band_cut > 0.0 && self.headline.band_cut.is_finite()) {
            problems.push(MeasureSetProblem::InvalidBandCut(
                self.headline.band_cut.to_string(),
            ));
        }

        let mut groups = BTreeMap::new();
        for (key, name) in self.groups {
            match ContextGroup::ALL.into_iter().find(|g| g.key() == key) {
                Some(group) => {
                    groups.insert(group, name);
                }
                None => problems.push(MeasureSetProblem::UnknownGroup(key)),
            }
        }
        for group in ContextGroup::ALL {
            if !groups.contains_key(&group) {
                problems.push(MeasureSetProblem::MissingGroup(group.key()));
            }
        }

        let mut subjects = BTreeMap::new();
        for subject in self.subjects {
            if subject.code == baseline.subject || subject.code == self.headline.subject {
                problems.push(MeasureSetProblem::SubjectNamedTwice(subject.code));
            } else {
                match subjects.entry(subject.code) {
                    std::collections::btree_map::Entry::Occupied(taken) => {
                        problems.push(MeasureSetProblem::DuplicateSubject(taken.key().clone()))
                    }
                    std::collections::btree_map::Entry::Vacant(free) => {
                        free.insert(subject.name);
                    }
                }
            }
        }

        if !problems.is_empty() {
            return Err(MeasureSetError::Invalid(problems));
        }
        let mut thresholds = self.thresholds;
        thresholds.sort_by(|a, b| a.value.total_cmp(&b.value));
        Ok(MeasureSet {
            key: self.key,
            name: self.name,
            definition: self.definition,
            baseline: self.baseline,
            outcome: self.outcome,
            thresholds,
            headline: self.headline,
            groups,
            subjects,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wales() -> &'static MeasureSet {
        built_in(WALES).expect("Wales ships")
    }

    fn england() -> &'static MeasureSet {
        built_in(ENGLAND).expect("England ships")
    }

    #[test]
    fn both_built_in_sets_parse_and_another_key_is_none() {
        for key in BUILT_IN_KEYS {
            assert_eq!(built_in(key).map(|s| s.key.as_str()), Some(key));
        }
        assert!(built_in("scotland").is_none());
    }

    #[test]
    fn wales_is_wjec_a_star_to_g_with_capped_9_and_national_personalised_assessments() {
        let set = wales();
        let labels: Vec<&str> = set
            .outcome
            .grades
            .iter()
            .map(|g| g.label.as_str())
            .collect();
        assert_eq!(labels, ["U", "G", "F", "E", "D", "C", "B", "A", "A*"]);
        assert_eq!(set.grade(0.0).unwrap().label, "U");
        assert_eq!(set.grade(5.0).unwrap().label, "C");
        assert_eq!(set.grade(8.0).unwrap().label, "A*");
        assert_eq!(set.grade(8.0).unwrap().points, 58.0);
        assert!(set.grade(4.5).is_none(), "a fractional value is no grade");
        assert_eq!(set.grade_range(), (0.0, 8.0));
        assert_eq!(set.headline_subject(), "CAP9");
        assert_eq!(set.headline.name.en(), "Capped 9 points score");
        assert_eq!(set.headline.name.cy(), "Sgôr pwyntiau wedi'i gapio 9");
        assert_eq!(set.headline.counted, 9);
        assert_eq!(set.headline_max(), 9.0 * 58.0);
        assert_eq!(set.baseline.subject, "NPA");
        assert_eq!((set.baseline.min, set.baseline.max), (69.0, 141.0));
        assert_eq!(
            (set.baseline.mean, set.baseline.sd),
            (Some(100.0), Some(15.0))
        );
        let c = set.threshold("grade-c").unwrap();
        assert_eq!(c.name.en(), "grade C or above");
        assert_eq!(c.name.cy(), "gradd C neu uwch");
        assert!(c.is_reached_by(5.0) && c.is_reached_by(8.0) && !c.is_reached_by(4.0));
        assert_eq!(
            set.group_name(ContextGroup::SenPlan).en(),
            "ALN with an IDP"
        );
        assert!(
            set.group_name(ContextGroup::Disadvantaged)
                .en()
                .contains("eFSM")
        );
    }

    #[test]
    fn england_is_gcse_9_to_1_with_progress_8_divided_by_ten() {
        let set = england();
        assert_eq!(set.grade_range(), (0.0, 9.0));
        assert_eq!(set.grade(9.0).unwrap().label, "9");
        assert_eq!(set.headline_subject(), "ATT8");
        assert_eq!(set.headline.divisor, 10.0);
        assert_eq!(set.baseline.subject, "KS2");
        assert_eq!(set.threshold("grade-4").unwrap().value, 4.0);
        assert_eq!(set.group_name(ContextGroup::SenSupport).en(), "SEN support");
        assert!(set.group_name(ContextGroup::SenPlan).en().contains("EHCP"));
    }

    #[test]
    fn thresholds_come_lowest_first() {
        for key in BUILT_IN_KEYS {
            let values: Vec<f64> = built_in(key)
                .unwrap()
                .thresholds()
                .iter()
                .map(|t| t.value)
                .collect();
            assert!(!values.is_empty());
            assert!(values.windows(2).all(|w| w[0] < w[1]), "{key}: {values:?}");
        }
    }

    #[test]
    fn subject_names_come_from_the_catalogue_then_the_baseline_and_headline() {
        let set = wales();
        assert_eq!(set.subject_name("MAT", "cy"), Some("Mathemateg"));
        assert_eq!(set.subject_name("MAT", "en"), Some("Mathematics"));
        assert_eq!(set.subject_name("ENG", "cy"), Some("Saesneg"));
        assert_eq!(set.subject_name("SCI", "cy"), Some("Gwyddoniaeth"));
        assert_eq!(set.subject_name("CYM", "cy"), Some("Cymraeg"));
        assert_eq!(
            set.subject_name("CAP9", "cy"),
            Some("Sgôr pwyntiau wedi'i gapio 9")
        );
        assert!(
            set.subject_name("NPA", "en")
                .unwrap()
                .contains("National Personalised")
        );
        assert_eq!(set.subject_name("HIS", "en"), None);
        // A language the set lacks falls back to English.
        assert_eq!(set.subject_name("MAT", "fr"), Some("Mathematics"));
    }

    #[test]
    fn the_headline_is_banded_at_half_a_grade_in_every_counted_subject() {
        let wales = built_in(WALES).unwrap();
        // 0.5 × 6 points a grade × 9 subjects, in points.
        assert_eq!(wales.headline_scale(), (1.0, 27.0));
        let england = built_in(ENGLAND).unwrap();
        assert_eq!(england.headline_scale(), (10.0, 0.5), "Progress 8's rule");
        assert_eq!(MeasureSet::of_headline("cap9"), Some(wales));
        assert_eq!(MeasureSet::of_headline("ATT8"), Some(england));
        assert_eq!(MeasureSet::of_headline("MAT"), None);
    }

    #[test]
    fn best_points_sums_the_best_counted_grades_only() {
        let set = wales();
        // Ten grades: A* A B C C C D E F U; the best nine leave out the U.
        let grades = [8.0, 7.0, 6.0, 5.0, 5.0, 5.0, 4.0, 3.0, 2.0, 0.0];
        assert_eq!(
            set.best_points(&grades),
            58.0 + 52.0 + 46.0 + 3.0 * 40.0 + 34.0 + 28.0 + 22.0
        );
        // Eleven: an extra A* pushes out the F.
        let mut more = grades.to_vec();
        more.push(8.0);
        assert_eq!(
            set.best_points(&more),
            set.best_points(&grades) - 22.0 + 58.0
        );
        assert_eq!(set.best_points(&[]), 0.0);
        assert_eq!(
            set.best_points(&[4.5]),
            0.0,
            "a value off the grades counts nothing"
        );
    }

    #[test]
    fn every_text_of_both_sets_is_in_english_and_welsh() {
        for key in BUILT_IN_KEYS {
            let set = built_in(key).unwrap();
            for group in ContextGroup::ALL {
                let name = set.group_name(group);
                assert!(name.missing_languages().is_empty(), "{key} {group:?}");
                assert_ne!(name.en(), name.cy(), "{key} {group:?} is not translated");
            }
            assert_ne!(set.outcome.name.en(), set.outcome.name.cy());
            assert_ne!(set.definition.en(), set.definition.cy());
        }
    }

    #[test]
    fn row_keys_map_to_groups_and_others_do_not() {
        for group in ContextGroup::ALL {
            let row_key = format!("group-{}", group.key().replace('_', "-"));
            assert_eq!(ContextGroup::from_row_key(&row_key), Some(group));
        }
        assert_eq!(ContextGroup::from_row_key("group-eal"), None);
    }

    const MINIMAL: &str = r#"
key = "test"
name = { en = "Test", cy = "Prawf" }
definition = { en = "Ours", cy = "Ein un ni" }
[baseline]
subject = "B"
name = { en = "Baseline", cy = "Llinell sylfaen" }
min = 0
max = 10
[outcome]
name = { en = "Grade", cy = "Gradd" }
grades = [
  { label = "Fail", value = 0, points = 0 },
  { label = "Pass", value = 1, points = 10 },
]
[[thresholds]]
key = "pass"
value = 1
name = { en = "a pass", cy = "llwyddo" }
[headline]
subject = "H"
name = { en = "Headline", cy = "Pennawd" }
rule = { en = "Best two", cy = "Y ddau orau" }
counted = 2
divisor = 1
unit = { en = "points", cy = "pwyntiau" }
[groups]
disadvantaged = { en = "D", cy = "D" }
not_disadvantaged = { en = "N", cy = "N" }
sen_none = { en = "S0", cy = "S0" }
sen_support = { en = "S1", cy = "S1" }
sen_plan = { en = "S2", cy = "S2" }
"#;

    fn problems(source: &str) -> Vec<MeasureSetProblem> {
        match MeasureSet::from_toml_str(source) {
            Err(MeasureSetError::Invalid(problems)) => problems,
            other => panic!("expected problems, got {other:?}"),
        }
    }

    #[test]
    fn a_minimal_file_parses() {
        let set = MeasureSet::from_toml_str(MINIMAL).unwrap();
        assert_eq!(set.key, "test");
        assert_eq!(set.best_points(&[1.0, 1.0, 1.0]), 20.0);
    }

    #[test]
    fn grades_out_of_order_a_threshold_off_the_grades_and_a_missing_welsh_text_are_all_reported() {
        let source = MINIMAL
            .replace(
                "{ label = \"Pass\", value = 1, points = 10 }",
                "{ label = \"Pass\", value = 0, points = 10 }",
            )
            .replace("key = \"pass\"\nvalue = 1", "key = \"pass\"\nvalue = 3")
            .replace(
                "{ en = \"a pass\", cy = \"llwyddo\" }",
                "{ en = \"a pass\" }",
            );
        let found = problems(&source);
        assert!(found.contains(&MeasureSetProblem::GradesOutOfOrder {
            label: "Pass".into(),
            value: "0".into()
        }));
        assert!(found.contains(&MeasureSetProblem::ThresholdNotAGrade {
            key: "pass".into(),
            value: "3".into()
        }));
        assert!(found.contains(&MeasureSetProblem::MissingText {
            place: "threshold `pass`".into(),
            languages: vec!["cy"],
        }));
        let message = MeasureSet::from_toml_str(&source).unwrap_err().to_string();
        assert!(message.contains("3 problem(s)"), "{message}");
    }

    #[test]
    fn a_missing_or_unknown_group_and_a_bad_divisor_are_reported() {
        let source = MINIMAL
            .replace(
                "sen_plan = { en = \"S2\", cy = \"S2\" }",
                "ehcp = { en = \"E\", cy = \"E\" }",
            )
            .replace("divisor = 1", "divisor = 0");
        let found = problems(&source);
        assert!(found.contains(&MeasureSetProblem::MissingGroup("sen_plan")));
        assert!(found.contains(&MeasureSetProblem::UnknownGroup("ehcp".into())));
        assert!(found.contains(&MeasureSetProblem::InvalidDivisor("0".into())));
    }

    #[test]
    fn points_that_fall_as_grades_rise_and_duplicate_subjects_are_reported() {
        let source = MINIMAL.replace("points = 10", "points = -1")
            + "[[subjects]]\ncode = \"X\"\nname = { en = \"X\", cy = \"X\" }\n"
            + "[[subjects]]\ncode = \"X\"\nname = { en = \"Y\", cy = \"Y\" }\n"
            + "[[subjects]]\ncode = \"H\"\nname = { en = \"H\", cy = \"H\" }\n";
        let found = problems(&source);
        assert!(found.contains(&MeasureSetProblem::PointsOutOfOrder {
            label: "Pass".into(),
            points: "-1".into()
        }));
        assert!(found.contains(&MeasureSetProblem::DuplicateSubject("X".into())));
        assert!(found.contains(&MeasureSetProblem::SubjectNamedTwice("H".into())));
    }

    #[test]
    fn a_syntax_error_or_an_unknown_field_names_its_line() {
        let error = MeasureSet::from_toml_str(&MINIMAL.replace("counted = 2", "counted = two"))
            .unwrap_err()
            .to_string();
        assert!(error.contains("line"), "{error}");
        let error = MeasureSet::from_toml_str(&(MINIMAL.to_owned() + "colour = \"red\"\n"))
            .unwrap_err()
            .to_string();
        assert!(error.contains("colour"), "{error}");
    }
}
