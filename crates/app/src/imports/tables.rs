//! Published expectations tables (prior-attainment groups and their expected outcomes),
//! which hold for every school: upload (one combined CSV, or the groups and the expected
//! outcomes as two files), check, preview, then apply in one transaction with the removal
//! of the pending table and the audit line.

use super::{ImportError, Publisher};
use headway_ingest::expectations::{self, CsvFile, Validated};
use headway_ingest::limits::Limits;
use headway_ingest::oneroster::Problem;
use headway_store::Store;
use headway_store::expectations::ExpectationRow;
use headway_store::imports::{ImportCounts, Mode, PendingLimits};
use headway_store::tx::Tx;

/// The files of a table: one combined CSV, or the groups and the expected outcomes.
#[derive(Debug, Clone, Copy)]
pub enum TableFiles<'a> {
    Combined(CsvFile<'a>),
    Separate {
        groups: CsvFile<'a>,
        expected: CsvFile<'a>,
    },
}

impl TableFiles<'_> {
    /// The name the table is kept and audited under.
    pub fn name(&self) -> String {
        match self {
            TableFiles::Combined(file) => file.name.to_owned(),
            TableFiles::Separate { groups, expected } => {
                format!("{}, {}", groups.name, expected.name)
            }
        }
    }
}

/// Checks a table's files against the subject codes and academic years the database holds.
pub async fn check_table(store: &Store, files: TableFiles<'_>) -> Result<Validated, ImportError> {
    let known = store.imports().known_names().await?;
    Ok(match files {
        TableFiles::Combined(file) => {
            expectations::validate_combined(file, &known, &Limits::default())
        }
        TableFiles::Separate { groups, expected } => {
            expectations::validate_separate(groups, expected, &known, &Limits::default())
        }
    })
}

/// Upload: checks a table and keeps a clean one (within the publisher's `limits`) until
/// they confirm it; answers its id, or every problem.
pub async fn upload_table(
    store: &Store,
    publisher: &Publisher,
    files: TableFiles<'_>,
    limits: PendingLimits,
) -> Result<Result<String, Vec<Problem>>, ImportError> {
    let validated = check_table(store, files).await?;
    if !validated.problems.is_empty() {
        return Ok(Err(validated.problems));
    }
    let id = store
        .imports()
        .save_pending_table(publisher.person().0, &files.name(), &validated.rows, limits)
        .await?;
    Ok(Ok(id))
}

/// A pending table and what importing it would do.
#[derive(Debug, Clone, PartialEq)]
pub struct TablePreview {
    pub id: String,
    pub file_name: String,
    pub counts: ImportCounts,
}

/// Preview: what the publisher's pending table `id` would change (worked out in a
/// transaction that is rolled back).
pub async fn preview_table(
    store: &Store,
    publisher: &Publisher,
    id: &str,
) -> Result<TablePreview, ImportError> {
    let table = store
        .imports()
        .pending_table(publisher.person().0, id)
        .await?
        .ok_or(ImportError::NotFound)?;
    let counts = preview_rows(store, &table.rows).await?;
    Ok(TablePreview {
        id: table.id,
        file_name: table.file_name,
        counts,
    })
}

/// What confirming a pending table came to.
#[derive(Debug, Clone, PartialEq)]
pub enum TableApplied {
    Done {
        file_name: String,
        counts: ImportCounts,
    },
    /// Another confirmation took the table first: this one wrote nothing.
    AlreadyTaken,
}

/// Confirm: applies the publisher's pending table `id`. The table (and its data version
/// bump), the removal of the pending table and the audit line commit together or not at
/// all.
pub async fn apply_table(
    store: &Store,
    publisher: &Publisher,
    id: &str,
) -> Result<TableApplied, ImportError> {
    let imports = store.imports();
    let table = imports
        .pending_table(publisher.person().0, id)
        .await?
        .ok_or(ImportError::NotFound)?;
    let mut tx = store.begin().await?;
    match imports
        .take_pending_table(&mut tx, publisher.person().0, &table.id)
        .await
    {
        Ok(()) => {}
        Err(headway_store::StoreError::NotFound { .. }) => return Ok(TableApplied::AlreadyTaken),
        Err(e) => return Err(e.into()),
    }
    let counts = apply_rows_in(
        store,
        &mut tx,
        Some(publisher.person()),
        &table.file_name,
        &table.rows,
    )
    .await?;
    tx.commit().await?;
    Ok(TableApplied::Done {
        file_name: table.file_name,
        counts,
    })
}

/// What importing `rows` would change, rolled back.
pub(crate) async fn preview_rows(
    store: &Store,
    rows: &[ExpectationRow],
) -> Result<ImportCounts, ImportError> {
    let mut tx = store.begin().await?;
    let counts = store
        .imports()
        .import_expectations(&mut tx, rows, Mode::Preview)
        .await?;
    tx.rollback().await?;
    Ok(counts)
}

/// Imports `rows` in `tx` with the audit line of `actor` (none: the operator).
pub(crate) async fn apply_rows_in(
    store: &Store,
    tx: &mut Tx,
    actor: Option<headway_domain::ids::PersonId>,
    file_name: &str,
    rows: &[ExpectationRow],
) -> Result<ImportCounts, ImportError> {
    let counts = store
        .imports()
        .import_expectations(tx, rows, Mode::Apply)
        .await?;
    store
        .audit_log()
        .record(
            tx,
            actor,
            "import expectations",
            &format!("{file_name} ({} groups)", rows.len()),
        )
        .await?;
    Ok(counts)
}
