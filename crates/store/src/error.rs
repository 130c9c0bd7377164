//! What went wrong in the store, said so that a caller can act on it: a record that is not
//! there, a reference a file makes to something not held, a record that exists already, a
//! change that would break what is held. The web turns each into a reason in the person's
//! language in one place (`web/src/error.rs`); a database failure stays a failure, whose
//! text never reaches a page.

use std::fmt;

/// The kind of record an error is about, so that each caller can name it in its own words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Record {
    Person,
    Organisation,
    School,
    Class,
    Pupil,
    Subject,
    AcademicYear,
    AssessmentPoint,
    Table,
    /// A role held by a person at an organisation.
    Role,
    /// An upload waiting for confirmation.
    Upload,
}

impl Record {
    /// A stable name for the kind (also the suffix of its Fluent message, `record-…`).
    pub fn as_str(self) -> &'static str {
        match self {
            Record::Person => "person",
            Record::Organisation => "organisation",
            Record::School => "school",
            Record::Class => "class",
            Record::Pupil => "pupil",
            Record::Subject => "subject",
            Record::AcademicYear => "academic-year",
            Record::AssessmentPoint => "assessment-point",
            Record::Table => "table",
            Record::Role => "role",
            Record::Upload => "upload",
        }
    }
}

impl fmt::Display for Record {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.as_str().replace('-', " "))
    }
}

/// Why a change cannot be made without breaking what is held: a rule of the data, not a
/// failure. Each carries the names and ids a person needs to put it right.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Conflict {
    /// An import for one school whose files hold several schools.
    SeveralSchoolsForOne,
    /// The bundle's school has another sourcedId than the school it is imported for.
    SchoolSourcedIdDiffers { bundle: String, held: String },
    /// Several schools hold the bundle's school sourcedId: the import must name one.
    SourcedIdHeldBySeveralSchools { source_id: String, schools: usize },
    /// A new school's code is already another school's.
    SchoolCodeTaken { code: String, school: String },
    /// An academic year with the name of a held year but other dates.
    YearDatesDiffer {
        year: String,
        starts_on: String,
        ends_on: String,
    },
    /// A pupil asked to move to the school they are at.
    PupilAlreadyAtSchool { pupil: i64, school: i64 },
    /// The school a pupil moves to already has a pupil with the sourcedId given.
    PupilSourcedIdTaken { school: i64, source_id: String },
}

impl fmt::Display for Conflict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Conflict::SeveralSchoolsForOne => {
                write!(f, "an import for one school holds several schools")
            }
            Conflict::SchoolSourcedIdDiffers { bundle, held } => write!(
                f,
                "the bundle's school is '{bundle}', but this school's sourcedId is '{held}'"
            ),
            Conflict::SourcedIdHeldBySeveralSchools { source_id, schools } => write!(
                f,
                "{schools} schools hold the sourcedId '{source_id}': import this bundle for one of them (--school ID)"
            ),
            Conflict::SchoolCodeTaken { code, school } => write!(
                f,
                "the school code '{code}' of '{school}' is held by another school"
            ),
            Conflict::YearDatesDiffer {
                year,
                starts_on,
                ends_on,
            } => write!(
                f,
                "the academic year '{year}' ({starts_on} to {ends_on}) has the name of a year with other dates"
            ),
            Conflict::PupilAlreadyAtSchool { pupil, school } => {
                write!(f, "pupil {pupil} is already at school {school}")
            }
            Conflict::PupilSourcedIdTaken { school, source_id } => write!(
                f,
                "school {school} already has a pupil with the sourcedId '{source_id}'"
            ),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "HEADWAY_DATABASE_URL '{0}' is not a database URL: use sqlite://path/to/file.db or postgres://user@host/database"
    )]
    BadUrl(String),
    #[error("could not connect to the database at {0}: {1}")]
    Connect(String, String),
    #[error("the database schema could not be brought up to date: {0}")]
    Migrate(String),
    /// A record that must be unique exists already (`key` names it: an email, a code).
    #[error("a {what} with {key} already exists")]
    Duplicate { what: Record, key: String },
    /// What was asked cannot be done without breaking what is held.
    #[error("{0}")]
    Conflict(Conflict),
    /// A file names a record, by its sourcedId or code, that neither it nor the store holds.
    #[error("the {what} '{source_id}' is named but not held")]
    UnknownReference { what: Record, source_id: String },
    /// The record asked for by its id does not exist.
    #[error("{what} {id} was not found")]
    NotFound { what: Record, id: String },
    /// An import holds changes that need the importer's explicit confirmation (renaming the
    /// school, leaving many pupils with no class); nothing was written.
    #[error("the import needs explicit confirmation of: {0:?}")]
    NeedsConfirmation(Vec<headway_domain::roster::plan::Confirmation>),
    /// An upload that would need more room than a school (or person) may keep waiting for
    /// confirmation, even with every older upload swept.
    #[error("an upload waiting for confirmation would take {bytes} bytes; the limit is {limit}")]
    PendingTooLarge { bytes: u64, limit: u64 },
    /// Stored data that cannot be read back as what it should be (a role no release knows,
    /// JSON that no longer decodes): the database holds something wrong.
    #[error("stored data cannot be read: {0}")]
    Corrupt(String),
    /// A failure on the way to the database that is not the database's (a task that
    /// stopped, a value that could not be encoded).
    #[error("internal: {0}")]
    Internal(String),
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
}

impl StoreError {
    pub(crate) fn not_found(what: Record, id: impl fmt::Display) -> StoreError {
        StoreError::NotFound {
            what,
            id: id.to_string(),
        }
    }

    pub(crate) fn unknown_reference(what: Record, source_id: &str) -> StoreError {
        StoreError::UnknownReference {
            what,
            source_id: source_id.to_owned(),
        }
    }
}
