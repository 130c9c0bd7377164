//! A school's upload between its check and its confirmation: a OneRoster bundle (its zip,
//! checked again as it is written) or the checked batch of a results spreadsheet, with the
//! preview shown for it kept beside it, then applied in one transaction with the removal of
//! the upload and the audit line.

use super::bundle::{check_and_import, open_zip};
use super::{Checked, ImportError, Importer, Preview, Refusal, judge, judge_checked, rows_written};
use headway_ingest::oneroster;
use headway_store::Store;
use headway_store::imports::{Confirmation, ImportCounts, Mode, PendingImport, PendingLimits};
use headway_store::tx::Tx;

/// What an upload came to.
#[derive(Debug, Clone, PartialEq)]
pub enum Uploaded {
    /// Clean: kept as `id` until confirmed, with what importing it would do.
    Waiting { id: String, preview: Preview },
    /// Not kept: the notes validation made, and why there are no counts.
    Refused {
        notes: Vec<headway_ingest::reason::Reason>,
        refusal: Refusal,
    },
}

/// How a bundle for the importer's school is checked: linked to the school's own sourcedId.
async fn options(store: &Store, importer: &Importer) -> Result<oneroster::Options, ImportError> {
    Ok(oneroster::Options {
        school: Some(importer.school().0),
        school_source_id: store.imports().school_source_id(importer.school()).await?,
    })
}

/// Checks a bundle and imports it in `tx` in `mode` (ingest and store in one pass); the
/// zip's bytes come back for keeping.
async fn check_bundle(
    store: &Store,
    tx: &mut Tx,
    options: oneroster::Options,
    bytes: Vec<u8>,
    mode: Mode,
    confirmed: Vec<Confirmation>,
) -> Result<(Vec<u8>, Checked), ImportError> {
    let (bytes, opened) = open_zip(bytes).await?;
    let bundle = match opened {
        Ok(bundle) => bundle,
        Err(why) => {
            let refused = Checked {
                notes: Vec::new(),
                outcome: Err(Refusal::Unreadable(why)),
            };
            return Ok((bytes, refused));
        }
    };
    let checked = check_and_import(store, tx, bundle, options, mode, confirmed, |_, _| {})
        .await
        .map_err(|e| ImportError::Stopped(format!("checking the upload stopped: {e}")))?;
    Ok((bytes, judge_checked(checked)?))
}

/// Upload: checks a OneRoster bundle and works out, in a transaction that is rolled back,
/// everything importing it would do; a clean one is kept (within the school's `limits`)
/// with that preview until it is confirmed.
pub async fn upload_bundle(
    store: &Store,
    importer: &Importer,
    file_name: &str,
    bytes: Vec<u8>,
    limits: PendingLimits,
) -> Result<Uploaded, ImportError> {
    let options = options(store, importer).await?;
    let mut tx = store.begin().await?;
    let (bytes, checked) =
        check_bundle(store, &mut tx, options, bytes, Mode::Preview, Vec::new()).await?;
    tx.rollback().await?;
    let counts = match checked.outcome {
        Ok(counts) => counts,
        Err(refusal) => {
            return Ok(Uploaded::Refused {
                notes: checked.notes,
                refusal,
            });
        }
    };
    let imports = store.imports();
    let id = imports
        .save_pending_bundle(
            importer.school(),
            importer.person().0,
            file_name,
            &bytes,
            limits,
        )
        .await?;
    let preview = Preview {
        counts,
        notes: checked.notes,
    };
    keep_preview(store, &id, &preview).await?;
    Ok(Uploaded::Waiting { id, preview })
}

/// Keeps what the preview of the pending upload `id` showed.
pub(crate) async fn keep_preview(
    store: &Store,
    id: &str,
    preview: &Preview,
) -> Result<(), ImportError> {
    let json = serde_json::to_string(preview)
        .map_err(|e| ImportError::Stopped(format!("the preview could not be kept: {e}")))?;
    store.imports().keep_pending_preview(id, &json).await?;
    Ok(())
}

/// What waits for confirmation: an uploaded bundle or the batch of a results spreadsheet.
enum Waiting {
    Bundle { file_name: String, bytes: Vec<u8> },
    Batch(Box<PendingImport>),
}

impl Waiting {
    fn file_name(&self) -> &str {
        match self {
            Waiting::Bundle { file_name, .. } => file_name,
            Waiting::Batch(upload) => &upload.file_name,
        }
    }
}

async fn waiting(store: &Store, importer: &Importer, id: &str) -> Result<Waiting, ImportError> {
    let imports = store.imports();
    if let Some((file_name, bytes)) = imports.pending_bundle(importer.school(), id).await? {
        return Ok(Waiting::Bundle { file_name, bytes });
    }
    imports
        .pending_import(importer.school(), id)
        .await?
        .map(|upload| Waiting::Batch(Box::new(upload)))
        .ok_or(ImportError::NotFound)
}

/// A pending upload's preview: its file and what importing it would do, or why it cannot.
#[derive(Debug, Clone, PartialEq)]
pub struct PendingPreview {
    pub file_name: String,
    pub checked: Checked,
}

/// Preview: what the pending upload `id` of the importer's school would do, as kept at
/// upload (or, for an upload kept before previews were, worked out again and rolled back).
pub async fn preview_pending(
    store: &Store,
    importer: &Importer,
    id: &str,
) -> Result<PendingPreview, ImportError> {
    let waiting = waiting(store, importer, id).await?;
    let file_name = waiting.file_name().to_owned();
    let kept = store
        .imports()
        .pending_preview(importer.school(), id)
        .await?
        .and_then(|json| serde_json::from_str::<Preview>(&json).ok());
    if let Some(kept) = kept {
        let checked = Checked {
            notes: kept.notes,
            outcome: Ok(kept.counts),
        };
        return Ok(PendingPreview { file_name, checked });
    }
    let options = options(store, importer).await?;
    let mut tx = store.begin().await?;
    let checked = match waiting {
        Waiting::Bundle { bytes, .. } => {
            check_bundle(store, &mut tx, options, bytes, Mode::Preview, Vec::new())
                .await?
                .1
        }
        Waiting::Batch(upload) => Checked {
            notes: Vec::new(),
            outcome: judge(
                store
                    .imports()
                    .import(&mut tx, &upload.batch, Mode::Preview)
                    .await
                    .map(Some),
            )?,
        },
    };
    tx.rollback().await?;
    Ok(PendingPreview { file_name, checked })
}

/// What confirming a pending upload came to.
#[derive(Debug, Clone, PartialEq)]
pub enum Applied {
    /// Written, with the upload removed and the audit line, in one commit.
    Done {
        file_name: String,
        counts: ImportCounts,
    },
    /// Nothing was written and the upload still waits: why (problems found on checking the
    /// bundle again, a change not confirmed, …).
    Refused { file_name: String, checked: Checked },
    /// Another confirmation took the upload first (or it expired as this one ran): nothing
    /// was written by this one.
    AlreadyTaken,
}

/// Confirm: applies the pending upload `id` of the importer's school with the changes
/// `confirmed`. The import (and its data version bump), the removal of the upload and the
/// audit line commit together: when anything fails, none of them happened and the upload
/// can be confirmed again.
pub async fn apply_pending(
    store: &Store,
    importer: &Importer,
    id: &str,
    confirmed: Vec<Confirmation>,
) -> Result<Applied, ImportError> {
    let waiting = waiting(store, importer, id).await?;
    let file_name = waiting.file_name().to_owned();
    let imports = store.imports();
    let options = options(store, importer).await?;
    let mut tx = store.begin().await?;
    // Taken first, so that a second confirmation waits for the first and then finds it gone.
    let taken = match &waiting {
        Waiting::Bundle { .. } => {
            imports
                .take_pending_bundle(&mut tx, importer.school(), id)
                .await
        }
        Waiting::Batch(_) => {
            imports
                .take_pending_import(&mut tx, importer.school(), id)
                .await
        }
    };
    match taken {
        Ok(()) => {}
        Err(headway_store::StoreError::NotFound { .. }) => return Ok(Applied::AlreadyTaken),
        Err(e) => return Err(e.into()),
    }
    let checked = match waiting {
        Waiting::Bundle { bytes, .. } => {
            check_bundle(store, &mut tx, options, bytes, Mode::Apply, confirmed)
                .await?
                .1
        }
        Waiting::Batch(mut upload) => {
            upload.batch.confirmed = confirmed;
            let written = imports.import(&mut tx, &upload.batch, Mode::Apply).await;
            Checked {
                notes: Vec::new(),
                outcome: judge(written.map(Some))?,
            }
        }
    };
    let counts = match &checked.outcome {
        Ok(counts) => counts.clone(),
        Err(_) => return Ok(Applied::Refused { file_name, checked }),
    };
    store
        .audit_log()
        .record(
            &mut tx,
            Some(importer.person()),
            "import",
            &format!(
                "school {}: {file_name} ({} rows written)",
                importer.school().0,
                rows_written(&counts)
            ),
        )
        .await?;
    tx.commit().await?;
    Ok(Applied::Done { file_name, counts })
}
