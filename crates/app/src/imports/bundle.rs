//! Checking a OneRoster bundle and writing it in one pass: validation runs on a thread of its
//! own and hands results to the store as it accepts them, in a transaction that is committed
//! (or, for a preview, rolled back) only when the whole bundle has passed. On two cores the
//! checking of a large results file and the writing of the results accepted so far overlap,
//! and the results are never all in memory at once. Used by `headway import --apply` and by
//! the browser's upload, preview and confirm, each in the transaction of its use case.

use headway_ingest::oneroster::{self, Bundle, RESULTS_PER_CALL, ResultSink, Validated};
use headway_store::imports::{
    Confirmation, ImportBatch, ImportCounts, ImportResult, Mode, Streamed,
};
use headway_store::tx::Tx;
use headway_store::{Store, StoreError};

/// What one pass over a bundle came to.
pub struct Checked {
    pub validated: Validated,
    /// What the store did: the counts (`None` when validation found problems, so nothing
    /// was written), or the store's own error.
    pub written: Result<Option<ImportCounts>, StoreError>,
}

/// Validates `bundle` and, at the same time, imports it in `tx` in `mode`, with the changes
/// the importer has `confirmed` (renaming the school, …: without them such an import writes
/// nothing and the store answers [`StoreError::NeedsConfirmation`]). Whatever the outcome,
/// `tx` holds the bundle's writes only when it was applied without problems.
pub async fn check_and_import(
    store: &Store,
    tx: &mut Tx,
    bundle: Bundle,
    options: oneroster::Options,
    mode: Mode,
    confirmed: Vec<Confirmation>,
    mut progress: impl FnMut(u64, u64) + Send + 'static,
) -> Result<Checked, tokio::task::JoinError> {
    let (before_results, batch) = tokio::sync::oneshot::channel();
    let (results, received) = tokio::sync::mpsc::channel(4);
    let validation = tokio::task::spawn_blocking(move || {
        let mut sink = ChannelSink {
            confirmed,
            before_results: Some(before_results),
            results,
        };
        let validated = oneroster::validate_into(&bundle, &options, &mut progress, &mut sink);
        // The store may have stopped on an error of its own: it is reported below.
        let _ = sink.results.blocking_send(Streamed::End {
            removed_results: validated.batch.removed_results.clone(),
            passed: validated.problems.is_empty(),
        });
        validated
    });
    let written = match batch.await {
        Ok(batch) => {
            store
                .imports()
                .import_streamed(tx, &batch, received, mode)
                .await
        }
        // Validation stopped before the results: its outcome below says why.
        Err(_) => Ok(None),
    };
    let validated = validation.await?;
    let written = if validated.problems.is_empty() {
        written
    } else {
        Ok(None)
    };
    Ok(Checked { validated, written })
}

/// Hands results from validation (on its own thread) to the store as they are accepted.
struct ChannelSink {
    confirmed: Vec<Confirmation>,
    before_results: Option<tokio::sync::oneshot::Sender<ImportBatch>>,
    results: tokio::sync::mpsc::Sender<Streamed>,
}

impl ResultSink for ChannelSink {
    fn before_results(&mut self, batch: &ImportBatch) {
        if let Some(sender) = self.before_results.take() {
            let mut batch = batch.clone();
            batch.confirmed = std::mem::take(&mut self.confirmed);
            let _ = sender.send(batch);
        }
    }

    fn results(&mut self, accepted: &mut Vec<ImportResult>) {
        if accepted.is_empty() {
            return;
        }
        let chunk = std::mem::replace(accepted, Vec::with_capacity(RESULTS_PER_CALL));
        // A store that stopped has dropped its receiver; validation goes on to the end so
        // that every problem is reported.
        let _ = self.results.blocking_send(Streamed::Results(chunk));
    }
}

/// Opens an uploaded zip on a blocking thread; its bytes come back for keeping.
pub(crate) async fn open_zip(
    bytes: Vec<u8>,
) -> Result<(Vec<u8>, Result<Bundle, headway_ingest::reason::Reason>), super::ImportError> {
    tokio::task::spawn_blocking(move || {
        let opened = Bundle::from_zip(&bytes, &headway_ingest::limits::Limits::default())
            .map_err(|why| why.message());
        (bytes, opened)
    })
    .await
    .map_err(|e| super::ImportError::Stopped(format!("opening the upload stopped: {e}")))
}
