//! The instrument as data: a versioned TOML file (`instruments/<id>/v<version>.toml`) of
//! items, practices and the frameworks they map to, every text in English and Welsh.
//!
//! [`Instrument::from_toml_str`] parses and checks a file, reporting every problem it finds
//! in words a person can act on; [`built_in`] is Headway's own instrument, embedded in the
//! binary. [`Instrument::coverage_gaps`] checks the evidence coverage the built-in
//! instrument promises (a deployment's own instrument may choose to differ).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::ops::RangeInclusive;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::context::ContextRule;
use super::framework::{Dimension, PracticeCategory, Tag, TagFamily};
use super::text::Text;

/// Headway's own instrument, as shipped.
pub const BUILT_IN_TOML: &str = include_str!("../../../../instruments/leadership-360/v1.toml");

/// The built-in instrument, parsed once. The file is checked by this module's tests, so
/// failing to parse it is a bug in the release, not a runtime condition.
pub fn built_in() -> &'static Instrument {
    static BUILT_IN: OnceLock<Instrument> = OnceLock::new();
    BUILT_IN.get_or_init(|| {
        Instrument::from_toml_str(BUILT_IN_TOML).unwrap_or_else(|error| {
            panic!("the built-in leadership instrument is invalid: {error}")
        })
    })
}

/// The number of items a full 360 instrument has (issue 6: long enough to cover every
/// practice with more than one item, short enough to answer in about fifteen minutes).
pub const FULL_INSTRUMENT_ITEMS: RangeInclusive<usize> = 40..=60;

/// Which instrument and which version of it: rounds record this, and comparisons between
/// rounds check it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct InstrumentKey {
    pub id: String,
    pub version: u32,
}

impl fmt::Display for InstrumentKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} v{}", self.id, self.version)
    }
}

/// An item's identifier within its instrument (`goals-01`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ItemId(pub String);

/// A practice's identifier within its instrument (`shared_purpose`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PracticeId(pub String);

impl fmt::Display for ItemId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Display for PracticeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The labelled rating scale, with "don't know" beside it (not a point on it).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RatingScale {
    pub min: u8,
    pub max: u8,
    /// One labelled point per value from `min` to `max`, in order.
    pub points: Vec<ScalePoint>,
    pub dont_know: Text,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScalePoint {
    pub value: u8,
    pub label: Text,
}

impl RatingScale {
    pub fn contains(&self, value: u8) -> bool {
        (self.min..=self.max).contains(&value)
    }

    /// Number of points on the scale.
    pub fn len(&self) -> usize {
        usize::from(self.max - self.min) + 1
    }

    pub fn is_empty(&self) -> bool {
        false
    }
}

/// A dimension as the instrument presents it: the evidence behind it and its effect size.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DimensionEvidence {
    pub dimension: Dimension,
    /// Mean effect size on student outcomes (Robinson, Lloyd & Rowe 2008).
    pub effect_size: f64,
    pub name: Text,
    /// The suggestion's headline when this dimension is a focus.
    pub focus: Text,
    /// One or two sentences citing the source.
    pub evidence: Text,
    /// What the figure rests on (how many studies; associations, not causes; leadership
    /// works indirectly), shown wherever the figure is. Required.
    pub caveat: Text,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Practice {
    pub id: PracticeId,
    pub category: PracticeCategory,
    pub dimension: Dimension,
    pub name: Text,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Item {
    pub id: ItemId,
    pub practice: PracticeId,
    /// The practice's dimension, resolved when the file is read.
    pub dimension: Dimension,
    /// The practice's category, resolved when the file is read.
    pub category: PracticeCategory,
    pub tags: Vec<Tag>,
    /// The wording respondents rate ("The leader discusses with me …").
    pub others_wording: Text,
    /// The wording of the leader's self-rating ("I discuss with staff …").
    pub self_wording: Text,
}

/// A checked instrument. Every item's practice exists; every text has English and Welsh.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Instrument {
    pub key: InstrumentKey,
    pub title: Text,
    pub introduction: Text,
    pub self_introduction: Text,
    pub scale: RatingScale,
    dimensions: BTreeMap<Dimension, DimensionEvidence>,
    categories: BTreeMap<PracticeCategory, Text>,
    tags: BTreeMap<Tag, Text>,
    context_notes: BTreeMap<ContextRule, Text>,
    practices: Vec<Practice>,
    items: Vec<Item>,
}

/// Why an instrument file was refused.
#[derive(Debug, Error)]
pub enum InstrumentError {
    /// Not valid TOML, or a field of the wrong shape; the message names line and column.
    #[error("the instrument file could not be read: {0}")]
    Syntax(#[from] toml::de::Error),
    #[error("the instrument file has {} problem(s):\n{}", .0.len(), list(.0))]
    Invalid(Vec<InstrumentProblem>),
}

fn list(problems: &[InstrumentProblem]) -> String {
    problems
        .iter()
        .map(|problem| format!("  - {problem}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// One thing wrong with an instrument file, said so that its author can fix it.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum InstrumentProblem {
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
    #[error("dimension `{}` is listed more than once", .0.as_str())]
    DuplicateDimension(Dimension),
    #[error("dimension `{}` is missing from [[dimensions]]", .0.as_str())]
    MissingDimension(Dimension),
    #[error("dimension `{}` has no `caveat`: every effect size is shown with what it rests on", .0.as_str())]
    MissingCaveat(Dimension),
    #[error("dimension `{}` has effect size {value}; it must be a positive number", .dimension.as_str())]
    InvalidEffectSize { dimension: Dimension, value: String },
    #[error("category `{}` is listed more than once", .0.as_str())]
    DuplicateCategory(PracticeCategory),
    #[error("category `{}` is missing from [[categories]]", .0.as_str())]
    MissingCategory(PracticeCategory),
    #[error("tag `{}` is listed more than once", .0.as_str())]
    DuplicateTag(Tag),
    #[error("tag `{}` is missing from [[tags]]", .0.as_str())]
    MissingTag(Tag),
    #[error("context note `{}` is missing from [context_notes]", .0.as_str())]
    MissingContextNote(ContextRule),
    #[error("practice `{0}` is listed more than once")]
    DuplicatePractice(String),
    #[error("practice `{0}` has no items")]
    PracticeWithoutItems(String),
    #[error("item `{0}` is listed more than once")]
    DuplicateItem(String),
    #[error("item `{item}` belongs to practice `{practice}`, which is not in [[practices]]")]
    UnknownPractice { item: String, practice: String },
    #[error("item `{item}` has tag `{}` twice", .tag.as_str())]
    DuplicateItemTag { item: String, tag: Tag },
    #[error("the instrument has no items")]
    NoItems,
}

/// Where an instrument falls short of the evidence coverage of a full 360.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CoverageGap {
    #[error("{found} items; a full 360 has {}–{}", FULL_INSTRUMENT_ITEMS.start(), FULL_INSTRUMENT_ITEMS.end())]
    ItemCount { found: usize },
    #[error("no practice in category `{}`", .0.as_str())]
    CategoryNotCovered(PracticeCategory),
    #[error("no practice in dimension `{}`", .0.as_str())]
    DimensionNotCovered(Dimension),
    #[error("no item tagged `{}`", .0.as_str())]
    TagNotCovered(Tag),
}

impl Instrument {
    /// Parses and checks an instrument file. Every problem found is reported at once.
    pub fn from_toml_str(source: &str) -> Result<Instrument, InstrumentError> {
        let file: InstrumentFile = toml::from_str(source)?;
        file.check()
    }

    pub fn dimension(&self, dimension: Dimension) -> &DimensionEvidence {
        // Every dimension is present: `check` refuses a file without one.
        &self.dimensions[&dimension]
    }

    pub fn dimensions(&self) -> impl Iterator<Item = &DimensionEvidence> {
        self.dimensions.values()
    }

    pub fn category_name(&self, category: PracticeCategory) -> &Text {
        &self.categories[&category]
    }

    pub fn tag_name(&self, tag: Tag) -> &Text {
        &self.tags[&tag]
    }

    pub fn context_note(&self, rule: ContextRule) -> &Text {
        &self.context_notes[&rule]
    }

    /// Practices in file order.
    pub fn practices(&self) -> &[Practice] {
        &self.practices
    }

    pub fn practice(&self, id: &PracticeId) -> Option<&Practice> {
        self.practices.iter().find(|practice| &practice.id == id)
    }

    /// Items in file order (the order respondents see them).
    pub fn items(&self) -> &[Item] {
        &self.items
    }

    pub fn item(&self, id: &str) -> Option<&Item> {
        self.items.iter().find(|item| item.id.0 == id)
    }

    /// The evidence coverage of a full 360 (issue 6): 40–60 items; a practice in each of
    /// the four categories and each of the five dimensions; items tagged with each of
    /// modelling, monitoring, dialogue, care, equity and achievement for all.
    pub fn coverage_gaps(&self) -> Vec<CoverageGap> {
        let mut gaps = Vec::new();
        if !FULL_INSTRUMENT_ITEMS.contains(&self.items.len()) {
            gaps.push(CoverageGap::ItemCount {
                found: self.items.len(),
            });
        }
        for category in PracticeCategory::ALL {
            if !self.practices.iter().any(|p| p.category == category) {
                gaps.push(CoverageGap::CategoryNotCovered(category));
            }
        }
        for dimension in Dimension::ALL {
            if !self.practices.iter().any(|p| p.dimension == dimension) {
                gaps.push(CoverageGap::DimensionNotCovered(dimension));
            }
        }
        for tag in Tag::ALL {
            if !self.items.iter().any(|item| item.tags.contains(&tag)) {
                gaps.push(CoverageGap::TagNotCovered(tag));
            }
        }
        gaps
    }

    /// Items carrying a tag of the given family.
    pub fn items_in_family(&self, family: TagFamily) -> impl Iterator<Item = &Item> {
        self.items
            .iter()
            .filter(move |item| item.tags.iter().any(|tag| tag.family() == family))
    }
}

// ---- The file as written -------------------------------------------------------------

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct InstrumentFile {
    id: String,
    version: u32,
    title: Text,
    introduction: Text,
    self_introduction: Text,
    scale: ScaleFile,
    dimensions: Vec<DimensionFile>,
    categories: Vec<CategoryFile>,
    tags: Vec<TagFile>,
    #[serde(default)]
    context_notes: BTreeMap<ContextRule, Text>,
    practices: Vec<PracticeFile>,
    items: Vec<ItemFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ScaleFile {
    min: u8,
    max: u8,
    dont_know: Text,
    points: Vec<ScalePoint>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DimensionFile {
    dimension: Dimension,
    effect_size: f64,
    name: Text,
    focus: Text,
    evidence: Text,
    caveat: Option<Text>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CategoryFile {
    category: PracticeCategory,
    name: Text,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TagFile {
    tag: Tag,
    name: Text,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PracticeFile {
    id: String,
    category: PracticeCategory,
    dimension: Dimension,
    name: Text,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ItemFile {
    id: String,
    practice: String,
    #[serde(default)]
    tags: Vec<Tag>,
    others: Text,
    #[serde(rename = "self")]
    self_wording: Text,
}

/// Collects problems while the file is checked.
#[derive(Default)]
struct Problems(Vec<InstrumentProblem>);

impl Problems {
    fn push(&mut self, problem: InstrumentProblem) {
        self.0.push(problem);
    }

    fn require_text(&mut self, place: impl FnOnce() -> String, text: &Text) {
        let languages = text.missing_languages();
        if !languages.is_empty() {
            self.push(InstrumentProblem::MissingText {
                place: place(),
                languages,
            });
        }
    }
}

impl InstrumentFile {
    fn check(self) -> Result<Instrument, InstrumentError> {
        let mut problems = Problems::default();

        if self.id.trim().is_empty() {
            problems.push(InstrumentProblem::EmptyId);
        }
        if self.version == 0 {
            problems.push(InstrumentProblem::ZeroVersion);
        }
        problems.require_text(|| "`title`".into(), &self.title);
        problems.require_text(|| "`introduction`".into(), &self.introduction);
        problems.require_text(|| "`self_introduction`".into(), &self.self_introduction);

        let scale = check_scale(self.scale, &mut problems);
        let dimensions = check_dimensions(self.dimensions, &mut problems);
        let categories = check_named(
            self.categories.into_iter().map(|c| (c.category, c.name)),
            &PracticeCategory::ALL,
            |category| format!("category `{}`", category.as_str()),
            InstrumentProblem::DuplicateCategory,
            InstrumentProblem::MissingCategory,
            &mut problems,
        );
        let tags = check_named(
            self.tags.into_iter().map(|t| (t.tag, t.name)),
            &Tag::ALL,
            |tag| format!("tag `{}`", tag.as_str()),
            InstrumentProblem::DuplicateTag,
            InstrumentProblem::MissingTag,
            &mut problems,
        );
        for rule in ContextRule::ALL {
            match self.context_notes.get(&rule) {
                None => problems.push(InstrumentProblem::MissingContextNote(rule)),
                Some(text) => {
                    problems.require_text(|| format!("context note `{}`", rule.as_str()), text)
                }
            }
        }
        let practices = check_practices(self.practices, &mut problems);
        let items = check_items(self.items, &practices, &mut problems);

        if !problems.0.is_empty() {
            return Err(InstrumentError::Invalid(problems.0));
        }
        Ok(Instrument {
            key: InstrumentKey {
                id: self.id,
                version: self.version,
            },
            title: self.title,
            introduction: self.introduction,
            self_introduction: self.self_introduction,
            scale,
            dimensions,
            categories,
            tags,
            context_notes: self.context_notes,
            practices,
            items,
        })
    }
}

/// The scale runs from `min` to `max` (at least two points) and labels each value once,
/// in order; every label and "don't know" in English and Welsh.
fn check_scale(scale: ScaleFile, problems: &mut Problems) -> RatingScale {
    if scale.min >= scale.max {
        problems.push(InstrumentProblem::ScaleRange {
            min: scale.min,
            max: scale.max,
        });
    } else {
        let expected: Vec<u8> = (scale.min..=scale.max).collect();
        let found: Vec<u8> = scale.points.iter().map(|point| point.value).collect();
        if expected != found {
            problems.push(InstrumentProblem::ScalePoints { expected, found });
        }
    }
    for point in &scale.points {
        problems.require_text(|| format!("scale point {}", point.value), &point.label);
    }
    problems.require_text(|| "the scale's `dont_know`".into(), &scale.dont_know);
    RatingScale {
        min: scale.min,
        max: scale.max,
        points: scale.points,
        dont_know: scale.dont_know,
    }
}

/// Each of the five dimensions exactly once, with a positive effect size and its name,
/// focus, evidence and caveat in English and Welsh.
fn check_dimensions(
    listed: Vec<DimensionFile>,
    problems: &mut Problems,
) -> BTreeMap<Dimension, DimensionEvidence> {
    let mut dimensions = BTreeMap::new();
    for entry in listed {
        let place = |field: &str| format!("dimension `{}` `{field}`", entry.dimension.as_str());
        problems.require_text(|| place("name"), &entry.name);
        problems.require_text(|| place("focus"), &entry.focus);
        problems.require_text(|| place("evidence"), &entry.evidence);
        match &entry.caveat {
            Some(caveat) => problems.require_text(|| place("caveat"), caveat),
            None => problems.push(InstrumentProblem::MissingCaveat(entry.dimension)),
        }
        if !(entry.effect_size.is_finite() && entry.effect_size > 0.0) {
            problems.push(InstrumentProblem::InvalidEffectSize {
                dimension: entry.dimension,
                value: entry.effect_size.to_string(),
            });
        }
        let dimension = entry.dimension;
        let evidence = DimensionEvidence {
            dimension,
            effect_size: entry.effect_size,
            name: entry.name,
            focus: entry.focus,
            evidence: entry.evidence,
            caveat: entry.caveat.unwrap_or_else(|| Text::new("", "")),
        };
        if dimensions.insert(dimension, evidence).is_some() {
            problems.push(InstrumentProblem::DuplicateDimension(dimension));
        }
    }
    for dimension in Dimension::ALL {
        if !dimensions.contains_key(&dimension) {
            problems.push(InstrumentProblem::MissingDimension(dimension));
        }
    }
    dimensions
}

/// Each member of a closed vocabulary (categories, tags) named exactly once, in English
/// and Welsh.
fn check_named<K: Ord + Copy>(
    listed: impl Iterator<Item = (K, Text)>,
    all: &[K],
    place: impl Fn(K) -> String,
    duplicate: impl Fn(K) -> InstrumentProblem,
    missing: impl Fn(K) -> InstrumentProblem,
    problems: &mut Problems,
) -> BTreeMap<K, Text> {
    let mut names = BTreeMap::new();
    for (key, name) in listed {
        problems.require_text(|| format!("{} `name`", place(key)), &name);
        if names.insert(key, name).is_some() {
            problems.push(duplicate(key));
        }
    }
    for key in all {
        if !names.contains_key(key) {
            problems.push(missing(*key));
        }
    }
    names
}

/// Practice ids are unique and every practice is named in English and Welsh.
fn check_practices(listed: Vec<PracticeFile>, problems: &mut Problems) -> Vec<Practice> {
    let mut seen = BTreeSet::new();
    let mut practices = Vec::with_capacity(listed.len());
    for entry in listed {
        problems.require_text(|| format!("practice `{}` `name`", entry.id), &entry.name);
        if !seen.insert(entry.id.clone()) {
            problems.push(InstrumentProblem::DuplicatePractice(entry.id));
            continue;
        }
        practices.push(Practice {
            id: PracticeId(entry.id),
            category: entry.category,
            dimension: entry.dimension,
            name: entry.name,
        });
    }
    practices
}

/// Item ids are unique; each item belongs to a practice that exists and carries each tag
/// at most once; both wordings are in English and Welsh; every practice has an item.
fn check_items(
    listed: Vec<ItemFile>,
    practices: &[Practice],
    problems: &mut Problems,
) -> Vec<Item> {
    if listed.is_empty() {
        problems.push(InstrumentProblem::NoItems);
    }
    let by_id: BTreeMap<&str, &Practice> = practices.iter().map(|p| (p.id.0.as_str(), p)).collect();
    let mut seen = BTreeSet::new();
    let mut items = Vec::with_capacity(listed.len());
    for entry in listed {
        problems.require_text(|| format!("item `{}` `others`", entry.id), &entry.others);
        problems.require_text(
            || format!("item `{}` `self`", entry.id),
            &entry.self_wording,
        );
        let mut tags = BTreeSet::new();
        for tag in &entry.tags {
            if !tags.insert(*tag) {
                problems.push(InstrumentProblem::DuplicateItemTag {
                    item: entry.id.clone(),
                    tag: *tag,
                });
            }
        }
        if !seen.insert(entry.id.clone()) {
            problems.push(InstrumentProblem::DuplicateItem(entry.id));
            continue;
        }
        let Some(practice) = by_id.get(entry.practice.as_str()) else {
            problems.push(InstrumentProblem::UnknownPractice {
                item: entry.id,
                practice: entry.practice,
            });
            continue;
        };
        items.push(Item {
            id: ItemId(entry.id),
            practice: practice.id.clone(),
            dimension: practice.dimension,
            category: practice.category,
            tags: entry.tags,
            others_wording: entry.others,
            self_wording: entry.self_wording,
        });
    }
    for practice in practices {
        if !items.iter().any(|item| item.practice == practice.id) {
            problems.push(InstrumentProblem::PracticeWithoutItems(
                practice.id.0.clone(),
            ));
        }
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems_of(source: &str) -> Vec<InstrumentProblem> {
        match Instrument::from_toml_str(source) {
            Err(InstrumentError::Invalid(problems)) => problems,
            Err(other) => panic!("expected problems, got {other}"),
            Ok(_) => panic!("expected problems, the file was accepted"),
        }
    }

    #[test]
    fn built_in_instrument_parses() {
        let instrument = built_in();
        assert_eq!(instrument.key.id, "leadership-360");
        assert_eq!(instrument.key.version, 1);
        assert_eq!(instrument.scale.min, 1);
        assert_eq!(instrument.scale.max, 5);
        assert_eq!(instrument.scale.points.len(), 5);
    }

    #[test]
    fn built_in_instrument_covers_the_evidence() {
        assert_eq!(built_in().coverage_gaps(), vec![]);
    }

    #[test]
    fn built_in_instrument_has_between_40_and_60_items() {
        let count = built_in().items().len();
        assert!(FULL_INSTRUMENT_ITEMS.contains(&count), "{count} items");
    }

    #[test]
    fn every_category_has_practices_and_every_dimension_has_at_least_two_practices() {
        let instrument = built_in();
        for category in PracticeCategory::ALL {
            let practices = instrument
                .practices()
                .iter()
                .filter(|p| p.category == category)
                .count();
            assert!(practices >= 3, "{category:?} has {practices} practices");
        }
        for dimension in Dimension::ALL {
            let practices = instrument
                .practices()
                .iter()
                .filter(|p| p.dimension == dimension)
                .count();
            assert!(practices >= 2, "{dimension:?} has {practices} practices");
        }
    }

    #[test]
    fn every_practice_of_the_four_categories_is_in_the_built_in_instrument() {
        // PRODUCT.md, "Four categories of basic practices", one practice id each.
        let expected = [
            ("shared_purpose", PracticeCategory::SettingDirections),
            ("specific_goals", PracticeCategory::SettingDirections),
            ("high_expectations", PracticeCategory::SettingDirections),
            ("professional_growth", PracticeCategory::DevelopingPeople),
            ("individual_support", PracticeCategory::DevelopingPeople),
            ("trusting_relationships", PracticeCategory::DevelopingPeople),
            (
                "modelling_values_and_practice",
                PracticeCategory::DevelopingPeople,
            ),
            (
                "collaborative_culture",
                PracticeCategory::RedesigningTheOrganisation,
            ),
            (
                "supportive_structures",
                PracticeCategory::RedesigningTheOrganisation,
            ),
            (
                "families_and_community",
                PracticeCategory::RedesigningTheOrganisation,
            ),
            (
                "distributed_leadership",
                PracticeCategory::RedesigningTheOrganisation,
            ),
            ("staffing", PracticeCategory::ManagingTeachingAndLearning),
            (
                "instructional_support",
                PracticeCategory::ManagingTeachingAndLearning,
            ),
            (
                "coordinating_curriculum",
                PracticeCategory::ManagingTeachingAndLearning,
            ),
            (
                "monitoring_progress",
                PracticeCategory::ManagingTeachingAndLearning,
            ),
            (
                "buffering_staff",
                PracticeCategory::ManagingTeachingAndLearning,
            ),
            (
                "aligning_resources",
                PracticeCategory::ManagingTeachingAndLearning,
            ),
        ];
        let instrument = built_in();
        for (id, category) in expected {
            let practice = instrument
                .practice(&PracticeId(id.into()))
                .unwrap_or_else(|| panic!("practice {id} missing"));
            assert_eq!(practice.category, category, "{id}");
        }
        assert_eq!(instrument.practices().len(), expected.len());
    }

    #[test]
    fn built_in_effect_sizes_are_robinsons_and_the_084_carries_its_caveat() {
        let instrument = built_in();
        let sizes: Vec<f64> = Dimension::ALL
            .iter()
            .map(|d| instrument.dimension(*d).effect_size)
            .collect();
        assert_eq!(sizes, vec![0.42, 0.31, 0.42, 0.84, 0.27]);
        let caveat = &instrument.dimension(Dimension::TeacherLearning).caveat;
        assert!(
            caveat.en().contains("6 of the 12 studies"),
            "{}",
            caveat.en()
        );
        assert!(caveat.en().contains("primary") && caveat.en().contains("UK"));
        assert!(
            caveat.cy().contains("6 o'r 12 astudiaeth"),
            "{}",
            caveat.cy()
        );
        assert!(caveat.cy().contains("cynradd") && caveat.cy().contains("Deyrnas Unedig"));
        // Every effect size carries its caveat: how many studies, associations not
        // causes, and leadership working indirectly.
        for dimension in instrument.dimensions() {
            let (en, cy) = (dimension.caveat.en(), dimension.caveat.cy());
            let figure = format!("{:.2}", dimension.effect_size);
            assert!(en.starts_with(&figure), "{en}");
            assert!(en.contains("12 studies"), "{en}");
            assert!(en.contains("associations"), "{en}");
            assert!(en.contains("indirectly"), "{en}");
            assert!(cy.contains("12 astudiaeth"), "{cy}");
            assert!(cy.contains("anuniongyrchol"), "{cy}");
        }
        for dimension in instrument.dimensions() {
            assert!(
                dimension.evidence.en().contains("Robinson"),
                "{dimension:?}"
            );
            assert!(
                dimension.evidence.cy().contains("Robinson"),
                "{dimension:?}"
            );
        }
    }

    #[test]
    fn items_are_filed_under_the_practice_they_measure() {
        let instrument = built_in();
        // Respect for pupils, staff and parents is a trusting relationship, not teacher
        // learning; planning the curriculum across years is coordinating the curriculum,
        // not distributing leadership.
        let respect = instrument.item("learning-07").unwrap();
        assert_eq!(respect.practice.0, "trusting_relationships");
        assert_eq!(respect.category, PracticeCategory::DevelopingPeople);
        assert_eq!(
            respect.dimension,
            Dimension::OrderlyAndSupportiveEnvironment
        );
        let curriculum = instrument.item("teaching-03").unwrap();
        assert_eq!(curriculum.practice.0, "coordinating_curriculum");
        assert_eq!(
            curriculum.category,
            PracticeCategory::ManagingTeachingAndLearning
        );
        assert_eq!(curriculum.dimension, Dimension::TeachingAndCurriculum);
    }

    #[test]
    fn a_dimension_without_a_caveat_is_refused() {
        let source = minimal().replacen("caveat = { en = \"c\", cy = \"cc\" }\n", "", 1);
        assert_eq!(
            problems_of(&source),
            vec![InstrumentProblem::MissingCaveat(
                Dimension::GoalsAndExpectations
            )]
        );
    }

    #[test]
    fn built_in_items_carry_learning_centred_and_values_tags() {
        let instrument = built_in();
        assert!(
            instrument
                .items_in_family(TagFamily::LearningCentred)
                .count()
                >= 10
        );
        assert!(instrument.items_in_family(TagFamily::Values).count() >= 10);
    }

    #[test]
    fn every_built_in_string_is_in_english_and_welsh_and_they_differ() {
        // `check` refuses missing text; this also catches English pasted into `cy`.
        let instrument = built_in();
        for item in instrument.items() {
            for text in [&item.others_wording, &item.self_wording] {
                assert_ne!(text.en(), text.cy(), "item {}", item.id);
            }
            assert!(
                item.others_wording.en().starts_with("The leader")
                    || item.others_wording.en().starts_with("After")
            );
            assert!(
                item.self_wording.en().starts_with("I ")
                    || item.self_wording.en().starts_with("After")
            );
        }
        for practice in instrument.practices() {
            assert_ne!(practice.name.en(), practice.name.cy(), "{}", practice.id);
        }
        for rule in ContextRule::ALL {
            assert!(!instrument.context_note(rule).cy().is_empty());
        }
    }

    /// A minimal valid instrument to break in the tests below.
    fn minimal() -> String {
        let mut source = String::from(
            r#"
id = "mini"
version = 1
title = { en = "Mini", cy = "Bach" }
introduction = { en = "Intro", cy = "Cyflwyniad" }
self_introduction = { en = "Self", cy = "Hunan" }
[scale]
min = 1
max = 2
dont_know = { en = "Don't know", cy = "Ddim yn gwybod" }
points = [
  { value = 1, label = { en = "Never", cy = "Byth" } },
  { value = 2, label = { en = "Always", cy = "Bob amser" } },
]
"#,
        );
        for dimension in Dimension::ALL {
            source += &format!(
                "[[dimensions]]\ndimension = \"{}\"\neffect_size = 0.5\nname = {{ en = \"n\", cy = \"e\" }}\nfocus = {{ en = \"f\", cy = \"ff\" }}\nevidence = {{ en = \"e\", cy = \"t\" }}\ncaveat = {{ en = \"c\", cy = \"cc\" }}\n",
                dimension.as_str()
            );
        }
        for category in PracticeCategory::ALL {
            source += &format!(
                "[[categories]]\ncategory = \"{}\"\nname = {{ en = \"c\", cy = \"c\" }}\n",
                category.as_str()
            );
        }
        for tag in Tag::ALL {
            source += &format!(
                "[[tags]]\ntag = \"{}\"\nname = {{ en = \"t\", cy = \"t\" }}\n",
                tag.as_str()
            );
        }
        for rule in ContextRule::ALL {
            source += &format!(
                "[context_notes.{}]\nen = \"note\"\ncy = \"nodyn\"\n",
                rule.as_str()
            );
        }
        source += r#"
[[practices]]
id = "goals"
category = "setting_directions"
dimension = "goals_and_expectations"
name = { en = "Goals", cy = "Nodau" }

[[items]]
id = "g1"
practice = "goals"
tags = ["dialogue"]
others = { en = "The leader sets goals.", cy = "Mae'r arweinydd yn gosod nodau." }
self = { en = "I set goals.", cy = "Rwy'n gosod nodau." }
"#;
        source
    }

    #[test]
    fn minimal_instrument_is_accepted_but_reports_its_coverage_gaps() {
        let instrument = Instrument::from_toml_str(&minimal()).unwrap();
        let gaps = instrument.coverage_gaps();
        assert!(gaps.contains(&CoverageGap::ItemCount { found: 1 }));
        assert!(gaps.contains(&CoverageGap::DimensionNotCovered(
            Dimension::TeacherLearning
        )));
        assert!(gaps.contains(&CoverageGap::TagNotCovered(Tag::Equity)));
    }

    #[test]
    fn an_item_pointing_at_an_unknown_practice_is_named() {
        let source = minimal()
            + "[[items]]\nid = \"x1\"\npractice = \"vision\"\nothers = { en = \"a\", cy = \"b\" }\nself = { en = \"a\", cy = \"b\" }\n";
        let problems = problems_of(&source);
        assert_eq!(
            problems,
            vec![InstrumentProblem::UnknownPractice {
                item: "x1".into(),
                practice: "vision".into()
            }]
        );
        assert_eq!(
            problems[0].to_string(),
            "item `x1` belongs to practice `vision`, which is not in [[practices]]"
        );
    }

    #[test]
    fn duplicate_item_ids_are_refused() {
        let source = minimal()
            + "[[items]]\nid = \"g1\"\npractice = \"goals\"\nothers = { en = \"a\", cy = \"b\" }\nself = { en = \"a\", cy = \"b\" }\n";
        assert_eq!(
            problems_of(&source),
            vec![InstrumentProblem::DuplicateItem("g1".into())]
        );
    }

    #[test]
    fn missing_welsh_text_is_named_with_its_place() {
        let source = minimal().replace(
            "self = { en = \"I set goals.\", cy = \"Rwy'n gosod nodau.\" }",
            "self = { en = \"I set goals.\" }",
        );
        let problems = problems_of(&source);
        assert_eq!(
            problems,
            vec![InstrumentProblem::MissingText {
                place: "item `g1` `self`".into(),
                languages: vec!["cy"]
            }]
        );
        assert_eq!(
            problems[0].to_string(),
            "item `g1` `self` has no text in cy"
        );
    }

    #[test]
    fn blank_welsh_text_counts_as_missing() {
        let source = minimal().replace("cy = \"Nodau\"", "cy = \"  \"");
        assert_eq!(
            problems_of(&source),
            vec![InstrumentProblem::MissingText {
                place: "practice `goals` `name`".into(),
                languages: vec!["cy"]
            }]
        );
    }

    #[test]
    fn a_missing_dimension_and_an_unused_practice_are_both_reported() {
        let source = minimal().replacen(
            "dimension = \"teacher_learning\"",
            "dimension = \"goals_and_expectations\"",
            1,
        ) + "[[practices]]\nid = \"lonely\"\ncategory = \"developing_people\"\ndimension = \"teacher_learning\"\nname = { en = \"L\", cy = \"U\" }\n";
        let problems = problems_of(&source);
        assert!(problems.contains(&InstrumentProblem::DuplicateDimension(
            Dimension::GoalsAndExpectations
        )));
        assert!(problems.contains(&InstrumentProblem::MissingDimension(
            Dimension::TeacherLearning
        )));
        assert!(problems.contains(&InstrumentProblem::PracticeWithoutItems("lonely".into())));
    }

    #[test]
    fn an_unknown_dimension_name_is_a_syntax_error_with_its_line() {
        let source = minimal().replace(
            "dimension = \"goals_and_expectations\"\nname = { en = \"Goals\"",
            "dimension = \"vision\"\nname = { en = \"Goals\"",
        );
        let error = Instrument::from_toml_str(&source).unwrap_err();
        let message = error.to_string();
        assert!(matches!(error, InstrumentError::Syntax(_)));
        assert!(
            message.contains("vision") && message.contains("line"),
            "{message}"
        );
    }

    #[test]
    fn scale_points_must_match_the_range() {
        let source = minimal().replace("max = 2", "max = 3");
        assert_eq!(
            problems_of(&source),
            vec![InstrumentProblem::ScalePoints {
                expected: vec![1, 2, 3],
                found: vec![1, 2]
            }]
        );
    }

    #[test]
    fn a_missing_context_note_is_reported() {
        let source = minimal().replace(
            "[context_notes.sustaining_high]\nen = \"note\"\ncy = \"nodyn\"\n",
            "",
        );
        assert_eq!(
            problems_of(&source),
            vec![InstrumentProblem::MissingContextNote(
                ContextRule::SustainingHigh
            )]
        );
    }
}
