//! A results spreadsheet (CSV or XLSX): upload, map its columns (starting from the mapping
//! the school confirmed last, or a guess from the headings), check; a clean sheet's rows
//! then wait, previewed, to be confirmed like a bundle (see [`super::pending`]).

use super::pending::keep_preview;
use super::{ImportError, Importer, Preview};
use headway_ingest::limits::Limits;
use headway_ingest::oneroster::Problem;
use headway_ingest::spreadsheet::{
    self, AttendanceKnown, ColumnMapping, Field, Known, Scale, Sheet, SheetKind,
};
use headway_store::Store;
use headway_store::imports::{Mode, PendingLimits};

/// Upload: reads the sheet and keeps it (within the school's `limits`) while its columns
/// are mapped; answers its id, or the problem that makes it unreadable.
pub async fn upload_sheet(
    store: &Store,
    importer: &Importer,
    file_name: &str,
    bytes: Vec<u8>,
    kind: SheetKind,
    limits: PendingLimits,
) -> Result<Result<String, Problem>, ImportError> {
    let name = file_name.to_owned();
    let read = tokio::task::spawn_blocking(move || Sheet::read(&name, &bytes, &Limits::default()))
        .await
        .map_err(|e| ImportError::Stopped(format!("reading the upload stopped: {e}")))?;
    let sheet = match read {
        Ok(sheet) => sheet,
        Err(problem) => return Ok(Err(problem)),
    };
    let json = serde_json::to_string(&sheet)
        .map_err(|e| ImportError::Stopped(format!("keeping the upload: {e}")))?;
    let id = store
        .imports()
        .save_pending_sheet_of_kind(
            importer.school(),
            importer.person().0,
            file_name,
            &json,
            kind.name(),
            limits,
        )
        .await?;
    Ok(Ok(id))
}

/// A sheet waiting for its columns to be mapped, with the mapping to offer.
#[derive(Debug, Clone)]
pub struct SheetMapping {
    pub id: String,
    pub file_name: String,
    pub sheet: Sheet,
    /// What the sheet holds: which fields it maps.
    pub kind: SheetKind,
    pub mapping: ColumnMapping,
    /// Whether `mapping` is the one the school confirmed last time (else a guess, or the
    /// mapping just tried).
    pub remembered: bool,
}

async fn pending_sheet(
    store: &Store,
    importer: &Importer,
    id: &str,
) -> Result<(String, String, Sheet, SheetKind), ImportError> {
    let stored = store
        .imports()
        .pending_sheet(importer.school(), id)
        .await?
        .ok_or(ImportError::NotFound)?;
    let sheet: Sheet = serde_json::from_str(&stored.sheet)
        .map_err(|e| ImportError::Stopped(format!("a kept upload could not be read: {e}")))?;
    let kind = SheetKind::from_name(&stored.kind).unwrap_or(SheetKind::Results);
    Ok((stored.id, stored.file_name, sheet, kind))
}

/// Mapping: the pending sheet `id` of the importer's school, with the mapping the school
/// confirmed last (when it fits these headings) or a guess from them.
pub async fn sheet_mapping(
    store: &Store,
    importer: &Importer,
    id: &str,
) -> Result<SheetMapping, ImportError> {
    let (id, file_name, sheet, kind) = pending_sheet(store, importer, id).await?;
    let imports = store.imports();
    let held = match kind {
        SheetKind::Results => imports.column_mapping(importer.school()).await?,
        SheetKind::Attendance => imports.attendance_column_mapping(importer.school()).await?,
    };
    let remembered = held
        .and_then(|json| ColumnMapping::from_json(&json).ok())
        .filter(|m| m.fits_for(kind, &sheet.headings));
    let (mapping, remembered) = match remembered {
        Some(mapping) => (mapping, true),
        None => (ColumnMapping::guess_for(kind, &sheet.headings), false),
    };
    Ok(SheetMapping {
        id,
        file_name,
        sheet,
        kind,
        mapping,
        remembered,
    })
}

/// What checking a sheet with a mapping came to.
#[derive(Debug, Clone)]
pub enum SheetChecked {
    /// The sheet, with the mapping tried, and every problem with it.
    Problems {
        sheet: SheetMapping,
        problems: Vec<Problem>,
    },
    /// Clean: its rows wait as this pending upload, previewed.
    Waiting(String),
}

/// What the database holds that the sheet may name, as the validator wants it.
async fn known_for(
    store: &Store,
    importer: &Importer,
    sheet: &Sheet,
    mapping: &ColumnMapping,
) -> Result<Known, ImportError> {
    let pupil_ids: Vec<&str> = mapping
        .position(Field::Pupil, &sheet.headings)
        .map(|column| {
            sheet
                .rows
                .iter()
                .filter_map(|row| row.cell(column))
                .collect()
        })
        .unwrap_or_default();
    let references = store
        .imports()
        .sheet_references(importer.school(), &pupil_ids)
        .await?;
    Ok(Known {
        pupils: references.pupils.into_iter().collect(),
        subjects: references.subject_codes.into_iter().collect(),
        points: references
            .points
            .into_iter()
            .map(|(id, min, max)| (id, Scale { min, max }))
            .collect(),
    })
}

/// Check: validates the pending sheet `id` with `mapping`. A clean sheet's mapping is
/// remembered for the school, its rows kept (within `limits`) with their preview as a
/// pending upload to confirm, and the sheet itself let go.
pub async fn check_sheet(
    store: &Store,
    importer: &Importer,
    id: &str,
    mapping: ColumnMapping,
    limits: PendingLimits,
) -> Result<SheetChecked, ImportError> {
    let (id, file_name, sheet, kind) = pending_sheet(store, importer, id).await?;
    let known = known_for(store, importer, &sheet, &mapping).await?;
    let validated = match kind {
        SheetKind::Results => {
            spreadsheet::validate(&file_name, &sheet, &mapping, &known, importer.school().0)
        }
        SheetKind::Attendance => {
            let known = AttendanceKnown {
                pupils: known.pupils,
                years: store.attendance().year_names().await?.into_iter().collect(),
            };
            spreadsheet::validate_attendance(
                &file_name,
                &sheet,
                &mapping,
                &known,
                importer.school().0,
            )
        }
    };
    if !validated.problems.is_empty() {
        return Ok(SheetChecked::Problems {
            sheet: SheetMapping {
                id,
                file_name,
                sheet,
                kind,
                mapping,
                remembered: false,
            },
            problems: validated.problems,
        });
    }
    let imports = store.imports();
    match kind {
        SheetKind::Results => {
            imports
                .remember_column_mapping(importer.school(), &mapping.to_json())
                .await?
        }
        SheetKind::Attendance => {
            imports
                .remember_attendance_column_mapping(importer.school(), &mapping.to_json())
                .await?
        }
    }
    let waiting = imports
        .save_pending_import(
            importer.school(),
            importer.person().0,
            &file_name,
            &validated.batch,
            limits,
        )
        .await?;
    let mut tx = store.begin().await?;
    let previewed = imports
        .import(&mut tx, &validated.batch, Mode::Preview)
        .await;
    tx.rollback().await?;
    let counts = previewed?;
    keep_preview(
        store,
        &waiting,
        &Preview {
            counts,
            notes: Vec::new(),
        },
    )
    .await?;
    imports.delete_pending_sheet(&id).await?;
    Ok(SheetChecked::Waiting(waiting))
}
