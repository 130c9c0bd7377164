//! The frameworks the diagnostic is built on, as closed vocabularies. Their names, effect
//! sizes and evidence are data in the instrument file; which ones exist is fixed here,
//! because the scoring and focus rules refer to them.

use serde::{Deserialize, Serialize};

/// Robinson, Lloyd & Rowe's (2008) five dimensions of student-centred leadership.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Dimension {
    /// 1. Establishing goals and expectations (0.42).
    GoalsAndExpectations,
    /// 2. Resourcing strategically (0.31).
    StrategicResourcing,
    /// 3. Planning, coordinating and evaluating teaching and the curriculum (0.42).
    TeachingAndCurriculum,
    /// 4. Promoting and participating in teacher learning and development (0.84).
    TeacherLearning,
    /// 5. Ensuring an orderly and supportive environment (0.27).
    OrderlyAndSupportiveEnvironment,
}

impl Dimension {
    /// All five, in Robinson's order.
    pub const ALL: [Dimension; 5] = [
        Dimension::GoalsAndExpectations,
        Dimension::StrategicResourcing,
        Dimension::TeachingAndCurriculum,
        Dimension::TeacherLearning,
        Dimension::OrderlyAndSupportiveEnvironment,
    ];

    /// The key used in instrument files and storage.
    pub fn as_str(self) -> &'static str {
        match self {
            Dimension::GoalsAndExpectations => "goals_and_expectations",
            Dimension::StrategicResourcing => "strategic_resourcing",
            Dimension::TeachingAndCurriculum => "teaching_and_curriculum",
            Dimension::TeacherLearning => "teacher_learning",
            Dimension::OrderlyAndSupportiveEnvironment => "orderly_and_supportive_environment",
        }
    }
}

/// The four categories of basic leadership practices (Leithwood, Day, Sammons et al.).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PracticeCategory {
    SettingDirections,
    DevelopingPeople,
    RedesigningTheOrganisation,
    ManagingTeachingAndLearning,
}

impl PracticeCategory {
    pub const ALL: [PracticeCategory; 4] = [
        PracticeCategory::SettingDirections,
        PracticeCategory::DevelopingPeople,
        PracticeCategory::RedesigningTheOrganisation,
        PracticeCategory::ManagingTeachingAndLearning,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PracticeCategory::SettingDirections => "setting_directions",
            PracticeCategory::DevelopingPeople => "developing_people",
            PracticeCategory::RedesigningTheOrganisation => "redesigning_the_organisation",
            PracticeCategory::ManagingTeachingAndLearning => "managing_teaching_and_learning",
        }
    }
}

/// Cross-cutting themes an item can carry: Southworth's learning-centred leadership
/// (modelling, monitoring, dialogue) and the values the instrument must cover.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tag {
    Modelling,
    Monitoring,
    Dialogue,
    Care,
    Equity,
    AchievementForAll,
}

/// Which family a [`Tag`] belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TagFamily {
    LearningCentred,
    Values,
}

impl Tag {
    pub const ALL: [Tag; 6] = [
        Tag::Modelling,
        Tag::Monitoring,
        Tag::Dialogue,
        Tag::Care,
        Tag::Equity,
        Tag::AchievementForAll,
    ];

    pub fn family(self) -> TagFamily {
        match self {
            Tag::Modelling | Tag::Monitoring | Tag::Dialogue => TagFamily::LearningCentred,
            Tag::Care | Tag::Equity | Tag::AchievementForAll => TagFamily::Values,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Tag::Modelling => "modelling",
            Tag::Monitoring => "monitoring",
            Tag::Dialogue => "dialogue",
            Tag::Care => "care",
            Tag::Equity => "equity",
            Tag::AchievementForAll => "achievement_for_all",
        }
    }
}
