//! The plan of changes an import produces: rows that name each other by their source ids
//! (OneRoster `sourcedId`s), and what applying them did (or, previewed, would do).

use serde::{Deserialize, Serialize};
use time::Date;

/// An organisation of the bundle; `school` is set for a school.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportOrg {
    pub source_id: String,
    pub kind: String,
    pub name: String,
    pub parent: Option<String>,
    pub school: Option<ImportSchool>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportSchool {
    pub code: String,
    pub phase: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportYear {
    pub source_id: String,
    pub name: String,
    pub starts_on: Date,
    pub ends_on: Date,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportSubject {
    pub code: String,
    pub name: String,
}

/// A member of staff; `school` is the school (org source id) they teach at.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportPerson {
    pub source_id: String,
    pub display_name: String,
    pub email: Option<String>,
    pub school: Option<String>,
}

/// A pupil's context attributes (ANALYTICS.md §1), each optional.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PupilContext {
    pub disadvantaged: Option<bool>,
    pub sen: Option<String>,
    pub eal: Option<bool>,
    pub gender: Option<String>,
    pub birth_date: Option<Date>,
    pub ethnicity_group: Option<String>,
}

/// A pupil. The pseudonym is chosen by the store when the pupil is first added and never
/// changes. `context` is `None` when the import carries no demographics: the pupil's
/// context in the database is then left as it is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportPupil {
    pub source_id: String,
    pub school: String,
    pub display_name: Option<String>,
    pub context: Option<PupilContext>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportClass {
    pub source_id: String,
    pub school: String,
    pub year: String,
    pub subject_code: Option<String>,
    pub name: String,
    pub year_group: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportEnrolment {
    pub source_id: String,
    pub class: String,
    pub pupil: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportTeaching {
    pub class: String,
    pub person: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportAssessmentPoint {
    pub source_id: String,
    pub year: String,
    pub school: Option<String>,
    pub kind: String,
    pub name: String,
    pub taken_on: Date,
    pub scale_min: Option<f64>,
    pub scale_max: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportResult {
    pub source_id: String,
    pub pupil: String,
    pub point: String,
    pub subject_code: String,
    pub score: f64,
}

/// Everything one import writes, rows naming each other by source id. Rows may also name
/// rows already in the database (a delta bundle of results only, say).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ImportBatch {
    /// The school the import is for: a school of the bundle that the database does not
    /// know yet by its source id is taken to be this school.
    pub school: Option<i64>,
    pub orgs: Vec<ImportOrg>,
    pub years: Vec<ImportYear>,
    pub subjects: Vec<ImportSubject>,
    pub people: Vec<ImportPerson>,
    pub pupils: Vec<ImportPupil>,
    pub classes: Vec<ImportClass>,
    pub teaching: Vec<ImportTeaching>,
    pub enrolments: Vec<ImportEnrolment>,
    pub assessment_points: Vec<ImportAssessmentPoint>,
    pub results: Vec<ImportResult>,
    /// Source ids of enrolments and results marked `tobedeleted` in a delta file.
    pub removed_enrolments: Vec<String>,
    pub removed_results: Vec<String>,
}

/// What an import does to one table.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableCounts {
    pub table: String,
    pub added: u64,
    pub changed: u64,
    pub unchanged: u64,
    pub removed: u64,
}

/// What an import did (or, previewed, would do), table by table.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportCounts {
    pub tables: Vec<TableCounts>,
}

impl ImportCounts {
    /// Whether applying would write nothing.
    pub fn changes_nothing(&self) -> bool {
        self.tables
            .iter()
            .all(|t| t.added == 0 && t.changed == 0 && t.removed == 0)
    }

    pub fn table(&self, name: &str) -> Option<&TableCounts> {
        self.tables.iter().find(|t| t.table == name)
    }
}

/// Apply for real, or do everything and roll back (a preview).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Preview,
    Apply,
}
