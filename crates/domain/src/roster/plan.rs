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

/// One pupil's attendance and behaviour in one academic year (from an attendance sheet):
/// a row for the same pupil and year replaces the one held.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportAttendance {
    pub pupil: String,
    /// The academic year's name as Headway holds it (`2024/25`).
    pub year: String,
    pub sessions_possible: u32,
    pub sessions_attended: u32,
    pub exclusions: u32,
    pub incidents: u32,
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
    /// Attendance rows (an attendance sheet); a bundle has none.
    #[serde(default)]
    pub attendance: Vec<ImportAttendance>,
    /// The changes the importer has explicitly confirmed (renaming the school, leaving many
    /// pupils with no class): without them such an import writes nothing.
    #[serde(default)]
    pub confirmed: Vec<Confirmation>,
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
    /// Field by field, what changes on the records a person recognises (the school, staff).
    #[serde(default)]
    pub changes: Vec<FieldChange>,
    /// The schools the import created or updated, with their ids (for `user add --org`).
    #[serde(default)]
    pub schools: Vec<SchoolTouched>,
    /// What the import left alone on purpose, and why.
    #[serde(default)]
    pub notes: Vec<ImportNote>,
    /// Changes that need the importer's explicit confirmation; when one was not given, the
    /// import wrote nothing.
    #[serde(default)]
    pub needs_confirmation: Vec<Confirmation>,
}

/// One field of one record, before and after.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    pub record: ChangedRecord,
    /// The record as a person knows it: the school's or the member of staff's name.
    pub name: String,
    pub field: ChangedField,
    pub before: String,
    pub after: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChangedRecord {
    School,
    Staff,
    Subject,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChangedField {
    Name,
    Email,
}

/// A school an import created or updated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchoolTouched {
    /// `None` in a preview for a school the import would create (it has no id until then).
    pub id: Option<i64>,
    pub name: String,
    pub source_id: String,
    pub created: bool,
}

/// Something an import did not write, on purpose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ImportNote {
    /// An organisation above the school (district, trust…): a school's import never creates
    /// or moves one.
    OrgAboveSchoolIgnored { name: String },
    /// A subject already held under this code keeps its name: subjects are shared by every
    /// school, so one school's import does not rename them.
    SubjectNameKept {
        code: String,
        held: String,
        offered: String,
    },
    /// A member of staff who also works elsewhere keeps the name and email held for them.
    StaffDetailsKept { name: String },
}

/// A change big enough to be confirmed on its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Confirmation {
    /// The school would be renamed.
    RenameSchool,
    /// More than a tenth of the school's pupils would be left with no class.
    RemovePupils,
}

/// The share of a school's pupils an import may leave without a class before it needs
/// explicit confirmation (Headway's own judgement: a routine delta file moves a few
/// pupils; a tenth is a sign of a wrong or partial export).
pub const REMOVAL_NEEDING_CONFIRMATION: f64 = 0.1;

/// Whether leaving `left_without_class` of `pupils` pupils with no class needs confirming.
pub fn removal_needs_confirmation(left_without_class: u64, pupils: u64) -> bool {
    pupils > 0 && left_without_class as f64 > REMOVAL_NEEDING_CONFIRMATION * pupils as f64
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
