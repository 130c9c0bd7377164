//! The deployment's operator at the command line (`headway import`): whoever runs it holds
//! the database itself, so the policy has nothing to ask; the school scope is the one they
//! name (or, without one, the schools the bundle holds). Applying is still one transaction
//! with its audit line (no person: the operator).

use super::bundle::{Checked, check_and_import};
use super::tables::{apply_rows_in, preview_rows};
use super::{ImportError, rows_written};
use headway_domain::ids::SchoolId;
use headway_ingest::oneroster::{self, Bundle};
use headway_store::Store;
use headway_store::expectations::ExpectationRow;
use headway_store::imports::{Confirmation, ImportBatch, ImportCounts, Mode};

/// How a bundle is checked for `school` (linked to its own sourcedId), or for the whole
/// deployment. [`ImportError::NotFound`] when there is no such school.
pub async fn bundle_options(
    store: &Store,
    school: Option<SchoolId>,
) -> Result<oneroster::Options, ImportError> {
    let Some(school) = school else {
        return Ok(oneroster::Options::default());
    };
    if store.roster().school(school).await?.is_none() {
        return Err(ImportError::NotFound);
    }
    Ok(oneroster::Options {
        school: Some(school.0),
        school_source_id: store.imports().school_source_id(school).await?,
    })
}

/// Validates `bundle` and imports it in the same pass, in `mode`, with the changes
/// `confirmed`; applied, it commits with its audit line only when validation found no
/// problem and the store wrote it.
pub async fn import_bundle(
    store: &Store,
    bundle: Bundle,
    options: oneroster::Options,
    mode: Mode,
    confirmed: Vec<Confirmation>,
    progress: impl FnMut(u64, u64) + Send + 'static,
) -> Result<Checked, ImportError> {
    let mut tx = store.begin().await?;
    let checked = check_and_import(store, &mut tx, bundle, options, mode, confirmed, progress)
        .await
        .map_err(|e| ImportError::Stopped(format!("validating the bundle stopped: {e}")))?;
    if mode == Mode::Apply
        && let Ok(Some(counts)) = &checked.written
    {
        audit(store, &mut tx, counts).await?;
        tx.commit().await?;
    }
    Ok(checked)
}

async fn audit(
    store: &Store,
    tx: &mut headway_store::Tx,
    counts: &ImportCounts,
) -> Result<(), ImportError> {
    store
        .audit_log()
        .record(
            tx,
            None,
            "import",
            &format!("command line: {} rows written", rows_written(counts)),
        )
        .await?;
    Ok(())
}

/// What applying a validated batch would do (rolled back).
pub async fn preview_batch(
    store: &Store,
    batch: &ImportBatch,
) -> Result<ImportCounts, ImportError> {
    let mut tx = store.begin().await?;
    let counts = store
        .imports()
        .import(&mut tx, batch, Mode::Preview)
        .await?;
    tx.rollback().await?;
    Ok(counts)
}

/// Applies a validated batch with its audit line, in one transaction.
pub async fn apply_batch(store: &Store, batch: &ImportBatch) -> Result<ImportCounts, ImportError> {
    let mut tx = store.begin().await?;
    let counts = store.imports().import(&mut tx, batch, Mode::Apply).await?;
    audit(store, &mut tx, &counts).await?;
    tx.commit().await?;
    Ok(counts)
}

/// What importing a checked published table would change (rolled back).
pub async fn preview_table(
    store: &Store,
    rows: &[ExpectationRow],
) -> Result<ImportCounts, ImportError> {
    preview_rows(store, rows).await
}

/// Applies a checked published table with its audit line, in one transaction.
pub async fn apply_table(
    store: &Store,
    file_name: &str,
    rows: &[ExpectationRow],
) -> Result<ImportCounts, ImportError> {
    let mut tx = store.begin().await?;
    let counts = apply_rows_in(store, &mut tx, None, file_name, rows).await?;
    tx.commit().await?;
    Ok(counts)
}
