//! Bringing data in (PRODUCT.md capability 1): a school's OneRoster bundle, a results
//! spreadsheet, and the published expectations tables that hold for every school.
//!
//! Each use case takes who is importing, already let in by the policy in `domain::access`
//! ([`Importer`] for a school's data, [`Publisher`] for a published table; the command
//! line is the deployment's operator, see [`operator`]), and returns what the page or the
//! terminal shows. Applying an import is one transaction: the import itself with its data
//! version bump, the removal of its pending upload and its audit line commit together or
//! not at all, so a confirmation that loses a race to another writes nothing.

pub mod bundle;
pub mod operator;
pub mod pending;
pub mod sheets;
pub mod tables;

use headway_domain::access::{Action, Denied, Principal};
use headway_domain::ids::{PersonId, SchoolId};
use headway_ingest::oneroster::{Problem, Validated};
use headway_ingest::reason::Reason;
use headway_store::StoreError;
use headway_store::imports::{Confirmation, ImportCounts};

/// A person the policy lets bring data into one school (a head or data manager there).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Importer {
    school: SchoolId,
    person: PersonId,
}

impl Importer {
    /// Asks the policy whether `principal` may import into `school`.
    pub fn for_school(principal: &Principal, school: SchoolId) -> Result<Importer, Denied> {
        principal.may(&Action::ImportData(school))?;
        Ok(Importer {
            school,
            person: principal.person,
        })
    }

    pub fn school(&self) -> SchoolId {
        self.school
    }

    pub fn person(&self) -> PersonId {
        self.person
    }
}

/// A person the policy lets bring in published tables for the whole deployment (an
/// administrator or a system leader).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Publisher {
    person: PersonId,
}

impl Publisher {
    /// Asks the policy whether `principal` may import published tables.
    pub fn new(principal: &Principal) -> Result<Publisher, Denied> {
        principal.may(&Action::ImportPublishedTables)?;
        Ok(Publisher {
            person: principal.person,
        })
    }

    pub fn person(&self) -> PersonId {
        self.person
    }
}

/// Why an import use case could not answer at all (a refused file is an answer: see
/// [`Refusal`]).
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// No such school, or no such upload waiting for this school (or person).
    #[error("not found")]
    NotFound,
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A worker (reading a zip, checking a file) stopped before it answered.
    #[error("{0}")]
    Stopped(String),
}

/// Why a file gives no counts, for the page or the terminal to say.
#[derive(Debug, Clone, PartialEq)]
pub enum Refusal {
    /// The file could not be read at all (not a zip, not a bundle).
    Unreadable(Reason),
    /// Every problem, with its file, line and column.
    Problems(Vec<Problem>),
    /// The files name something neither they nor the database hold: which kind of record,
    /// and the id they name.
    UnknownReference {
        what: headway_store::Record,
        source_id: String,
    },
    /// Writing them would break what is held: which rule.
    Conflict(headway_store::Conflict),
    /// The import holds changes the importer has not confirmed; nothing was written.
    NeedsConfirmation(Vec<Confirmation>),
}

/// What the preview of an upload showed, kept with the upload so it is worked out once.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Preview {
    pub counts: ImportCounts,
    pub notes: Vec<Reason>,
}

/// The counts of an import the store answered, or why there are none; an error the store
/// has no words for the person for is passed up.
fn judge(
    written: Result<Option<ImportCounts>, StoreError>,
) -> Result<Result<ImportCounts, Refusal>, ImportError> {
    match written {
        Ok(Some(counts)) => Ok(Ok(counts)),
        Ok(None) => Err(ImportError::Stopped(
            "the bundle was checked but not imported".into(),
        )),
        Err(StoreError::UnknownReference { what, source_id }) => {
            Ok(Err(Refusal::UnknownReference { what, source_id }))
        }
        Err(StoreError::Conflict(conflict)) => Ok(Err(Refusal::Conflict(conflict))),
        Err(StoreError::NeedsConfirmation(needs)) => Ok(Err(Refusal::NeedsConfirmation(needs))),
        Err(other) => Err(other.into()),
    }
}

/// A checked bundle's counts, or why there are none.
fn judge_checked(checked: bundle::Checked) -> Result<Checked, ImportError> {
    let bundle::Checked { validated, written } = checked;
    let Validated {
        problems, notes, ..
    } = validated;
    let outcome = if problems.is_empty() {
        judge(written)?
    } else {
        Err(Refusal::Problems(problems))
    };
    Ok(Checked { notes, outcome })
}

/// What checking (and previewing or applying) an upload came to.
#[derive(Debug, Clone, PartialEq)]
pub struct Checked {
    /// What validation noticed without refusing (repeats merged, …).
    pub notes: Vec<Reason>,
    pub outcome: Result<ImportCounts, Refusal>,
}

/// The rows an import wrote, for its audit line.
fn rows_written(counts: &ImportCounts) -> u64 {
    counts
        .tables
        .iter()
        .map(|t| t.added + t.changed + t.removed)
        .sum()
}
