//! Bringing a school's data in through the browser (PRODUCT.md capability 1): upload a
//! OneRoster bundle, see every problem with its file, line and column — or, when there is
//! none, what the import would add, change and leave alone — then confirm, and the whole
//! import is written in one transaction. Only a school's head or data manager may import.
//!
//! A plain results spreadsheet (CSV or XLSX) goes one step further first: its columns are
//! mapped to the fields Headway needs, on screen, starting from the mapping the school
//! last confirmed (or a guess from the headings); the confirmed mapping is remembered.
//!
//! Uploads wait in the database, so any app server can take the next request: a bundle's
//! zip in `pending_bundles` (checked again, and written in the same pass, on confirming), a
//! sheet in `pending_sheets` while its columns are mapped and its checked rows in
//! `pending_imports` until confirmed.

use crate::AppState;
use crate::bundle_import::{Checked, check_and_import};
use crate::context::{Page, SignedIn};
use crate::csrf::{CsrfForm, UploadForm, UploadedFile};
use crate::error::{AppError, AppResult};
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use headway_domain::access::Action;
use headway_domain::ids::SchoolId;
use headway_ingest::limits::Limits;
use headway_ingest::oneroster::{self, Bundle, Problem};
use headway_ingest::reason::Reason;
use headway_ingest::spreadsheet::{self, ColumnMapping, Field, Known, Scale, Sheet};
use headway_store::imports::{
    ChangedField, ChangedRecord, Confirmation, ImportCounts, ImportNote, Mode, PendingImport,
};
use headway_store::roster::SchoolSummary;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/schools/{school}/imports", get(upload_form).post(upload))
        .route("/schools/{school}/imports/sheets", post(upload_sheet))
        .route(
            "/schools/{school}/imports/sheets/{pending}",
            get(mapping_form).post(check_sheet),
        )
        .route("/schools/{school}/imports/{pending}", get(preview))
        .route("/schools/{school}/imports/{pending}/apply", post(apply))
}

/// One table's line of the preview.
pub struct CountLine {
    pub table: String,
    pub added: u64,
    pub changed: u64,
    pub unchanged: u64,
    pub removed: u64,
}

pub(crate) fn count_lines(page: &Page, counts: &ImportCounts) -> Vec<CountLine> {
    counts
        .tables
        .iter()
        .map(|t| CountLine {
            table: page
                .t
                .get(&format!("import-table-{}", t.table.replace('_', "-"))),
            added: t.added,
            changed: t.changed,
            unchanged: t.unchanged,
            removed: t.removed,
        })
        .collect()
}

#[derive(Template, WebTemplate)]
#[template(path = "imports.html")]
pub struct ImportTemplate {
    pub page: Page,
    pub school: SchoolSummary,
    /// The file just sent, when the page answers an upload.
    pub file_name: Option<String>,
    /// Why the file could not be read at all.
    pub unreadable: Option<String>,
    pub problems: Vec<Problem>,
    pub notes: Vec<String>,
    /// The preview of a clean upload, with the id to confirm it by.
    pub preview: Option<(String, Vec<CountLine>)>,
    pub changes_nothing: bool,
    /// What a confirmed import wrote.
    pub done: Option<Vec<CountLine>>,
    /// Field by field, what the import changes on the school and its staff.
    pub changes: Vec<String>,
    /// The changes to confirm one by one (form field value, label).
    pub confirmations: Vec<(&'static str, String)>,
    /// Set when a confirm came without a confirmation the import needs.
    pub unconfirmed: bool,
}

impl ImportTemplate {
    fn new(page: Page, school: SchoolSummary) -> ImportTemplate {
        ImportTemplate {
            page,
            school,
            file_name: None,
            unreadable: None,
            problems: Vec::new(),
            notes: Vec::new(),
            preview: None,
            changes_nothing: false,
            done: None,
            changes: Vec::new(),
            confirmations: Vec::new(),
            unconfirmed: false,
        }
    }

    /// Fills in what the counts say beyond the table: field changes, the store's notes and
    /// the confirmations the import needs.
    fn describe(&mut self, counts: &ImportCounts) {
        let t = self.page.t;
        self.changes = counts
            .changes
            .iter()
            .map(|c| {
                let key = match (c.record, c.field) {
                    (ChangedRecord::School, _) => "import-change-school-name",
                    (ChangedRecord::Subject, _) => "import-change-subject-name",
                    (ChangedRecord::Staff, ChangedField::Name) => "import-change-staff-name",
                    (ChangedRecord::Staff, ChangedField::Email) => "import-change-staff-email",
                };
                t.with(
                    key,
                    &[
                        ("name", c.name.as_str().into()),
                        ("before", c.before.as_str().into()),
                        ("after", c.after.as_str().into()),
                    ],
                )
            })
            .collect();
        self.notes.extend(counts.notes.iter().map(|n| match n {
            ImportNote::OrgAboveSchoolIgnored { name } => t.named("import-note-org-ignored", name),
            ImportNote::SubjectNameKept {
                code,
                held,
                offered,
            } => t.with(
                "import-note-subject-kept",
                &[
                    ("code", code.as_str().into()),
                    ("held", held.as_str().into()),
                    ("offered", offered.as_str().into()),
                ],
            ),
            ImportNote::StaffDetailsKept { name } => t.named("import-note-staff-kept", name),
        }));
        self.confirmations = counts
            .needs_confirmation
            .iter()
            .map(|c| match c {
                Confirmation::RenameSchool => ("rename", t.get("import-confirm-rename")),
                Confirmation::RemovePupils => ("remove-pupils", t.get("import-confirm-removal")),
            })
            .collect();
    }
}

/// What the preview of an upload showed, kept with the upload so that it is computed once.
#[derive(serde::Serialize, serde::Deserialize)]
struct StoredPreview {
    counts: ImportCounts,
    notes: Vec<Reason>,
}

/// The confirm form: the changes ticked as confirmed.
#[derive(serde::Deserialize, Default)]
pub struct ConfirmForm {
    #[serde(default)]
    rename: Option<String>,
    #[serde(default, rename = "remove-pupils")]
    remove_pupils: Option<String>,
}

impl ConfirmForm {
    fn confirmed(&self) -> Vec<Confirmation> {
        let mut confirmed = Vec::new();
        if self.rename.is_some() {
            confirmed.push(Confirmation::RenameSchool);
        }
        if self.remove_pupils.is_some() {
            confirmed.push(Confirmation::RemovePupils);
        }
        confirmed
    }
}

/// The school, once the policy says this person may import into it.
async fn importing_school(
    app: &AppState,
    signed_in: &SignedIn,
    school: i64,
) -> AppResult<SchoolSummary> {
    let school = SchoolId(school);
    signed_in.principal.may(&Action::ImportData(school))?;
    app.store
        .roster()
        .school(school)
        .await?
        .ok_or(AppError::NotFound)
}

pub async fn upload_form(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(school): Path<i64>,
) -> AppResult<ImportTemplate> {
    let summary = importing_school(&app, &signed_in, school).await?;
    Ok(ImportTemplate::new(signed_in.page, summary))
}

/// The file sent as `file`, if one was (read only once the caller has asked the policy).
async fn uploaded_file(form: UploadForm) -> AppResult<Option<UploadedFile>> {
    Ok(form
        .files()
        .await?
        .into_iter()
        .find(|upload| upload.field == "file"))
}

pub async fn upload(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(school_id): Path<i64>,
    form: UploadForm,
) -> AppResult<Response> {
    let summary = importing_school(&app, &signed_in, school_id).await?;
    let school = SchoolId(school_id);
    let t = signed_in.page.t;
    let mut view = ImportTemplate::new(signed_in.page.clone(), summary);
    let Some(UploadedFile {
        file_name, bytes, ..
    }) = uploaded_file(form).await?
    else {
        view.unreadable = Some(t.get("import-choose-file"));
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, view).into_response());
    };
    view.file_name = Some(file_name.clone());
    // The whole import done in a transaction that is rolled back: every problem, and any
    // reference the database cannot resolve, shows here, before anything is confirmed.
    let (bytes, outcome) = check_bundle(&app, school, bytes, Mode::Preview, Vec::new()).await?;
    let notes = match &outcome {
        BundleOutcome::Checked(checked) => checked.validated.notes.clone(),
        BundleOutcome::Unreadable(_) => Vec::new(),
    };
    let counts = match outcome_counts(&mut view, outcome) {
        Ok(counts) => counts,
        Err(Refused::Page) => return Ok((StatusCode::UNPROCESSABLE_ENTITY, view).into_response()),
        Err(Refused::Error(e)) => return Err(e),
    };
    let pending = app
        .store
        .save_pending_bundle(
            school,
            signed_in.principal.person.0,
            &file_name,
            &bytes,
            app.settings.limits.pending,
        )
        .await?;
    keep_preview(&app, &pending, counts, notes).await?;
    Ok(Redirect::to(&format!("/schools/{school_id}/imports/{pending}")).into_response())
}

/// A bundle checked and imported in `mode` (ingest and store in one pass, see
/// [`crate::bundle_import`]); the zip's bytes come back for keeping.
async fn check_bundle(
    app: &AppState,
    school: SchoolId,
    bytes: Vec<u8>,
    mode: Mode,
    confirmed: Vec<Confirmation>,
) -> AppResult<(Vec<u8>, BundleOutcome)> {
    let options = oneroster::Options {
        school: Some(school.0),
        school_source_id: app.store.school_source_id(school).await?,
    };
    let (bytes, opened) = tokio::task::spawn_blocking(move || {
        let opened = Bundle::from_zip(&bytes, &Limits::default());
        (bytes, opened)
    })
    .await
    .map_err(|e| AppError::Internal(format!("opening the upload stopped: {e}")))?;
    let bundle = match opened {
        Ok(bundle) => bundle,
        Err(why) => return Ok((bytes, BundleOutcome::Unreadable(why.message()))),
    };
    let checked = check_and_import(&app.store, bundle, options, mode, confirmed, |_, _| {})
        .await
        .map_err(|e| AppError::Internal(format!("checking the upload stopped: {e}")))?;
    Ok((bytes, BundleOutcome::Checked(Box::new(checked))))
}

enum BundleOutcome {
    Unreadable(Reason),
    Checked(Box<Checked>),
}

/// Why a checked bundle gives no counts.
enum Refused {
    /// The page says why: `view` holds the problems, notes or unknown reference.
    Page,
    Error(AppError),
}

/// The counts of a bundle that passed; for one that did not, `view` is filled in to say why.
fn outcome_counts(
    view: &mut ImportTemplate,
    outcome: BundleOutcome,
) -> Result<ImportCounts, Refused> {
    let t = view.page.t;
    let checked = match outcome {
        BundleOutcome::Unreadable(why) => {
            view.unreadable = Some(t.named("import-not-a-bundle", &why.text(t.code())));
            return Err(Refused::Page);
        }
        BundleOutcome::Checked(checked) => *checked,
    };
    view.notes = checked
        .validated
        .notes
        .iter()
        .map(|n| n.text(t.code()))
        .collect();
    if !checked.validated.problems.is_empty() {
        view.problems = checked.validated.problems;
        return Err(Refused::Page);
    }
    match checked.written {
        Ok(Some(counts)) => Ok(counts),
        Ok(None) => Err(Refused::Error(AppError::Internal(
            "the bundle was checked but not imported".into(),
        ))),
        Err(error @ headway_store::StoreError::UnknownReference { .. }) => {
            let clause = crate::error::store_clause(&error).map(|c| c.text(t));
            view.unreadable =
                Some(t.named("import-unknown-reference", &clause.unwrap_or_default()));
            Err(Refused::Page)
        }
        Err(error @ headway_store::StoreError::Conflict(_)) => {
            let clause = crate::error::store_clause(&error).map(|c| c.text(t));
            view.unreadable = Some(t.named("import-conflict", &clause.unwrap_or_default()));
            Err(Refused::Page)
        }
        Err(other) => Err(Refused::Error(other.into())),
    }
}

/// Keeps what the preview of the pending upload `pending` showed.
async fn keep_preview(
    app: &AppState,
    pending: &str,
    counts: ImportCounts,
    notes: Vec<Reason>,
) -> AppResult<()> {
    let json = serde_json::to_string(&StoredPreview { counts, notes })
        .map_err(|e| AppError::Internal(format!("the preview could not be kept: {e}")))?;
    app.store.keep_pending_preview(pending, &json).await?;
    Ok(())
}

/// The preview kept with a pending upload (none for an upload kept before previews were).
async fn kept_preview(
    app: &AppState,
    school: SchoolId,
    pending: &str,
) -> AppResult<Option<StoredPreview>> {
    Ok(app
        .store
        .pending_preview(school, pending)
        .await?
        .and_then(|json| serde_json::from_str(&json).ok()))
}

/// What waits for confirmation: an uploaded bundle (checked again as it is written) or the
/// batch of a results spreadsheet.
enum Waiting {
    Bundle { file_name: String, bytes: Vec<u8> },
    Batch(Box<PendingImport>),
}

async fn waiting(app: &AppState, school: SchoolId, pending: &str) -> AppResult<Waiting> {
    if let Some((file_name, bytes)) = app.store.pending_bundle(school, pending).await? {
        return Ok(Waiting::Bundle { file_name, bytes });
    }
    app.store
        .pending_import(school, pending)
        .await?
        .map(|upload| Waiting::Batch(Box::new(upload)))
        .ok_or(AppError::NotFound)
}

pub async fn preview(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path((school_id, pending)): Path<(i64, String)>,
) -> AppResult<Response> {
    let summary = importing_school(&app, &signed_in, school_id).await?;
    let school = SchoolId(school_id);
    let mut view = ImportTemplate::new(signed_in.page, summary);
    match preview_of(&app, school, &pending, &mut view).await? {
        Ok(counts) => {
            show_preview(&mut view, pending, &counts);
            Ok(view.into_response())
        }
        Err(()) => Ok((StatusCode::UNPROCESSABLE_ENTITY, view).into_response()),
    }
}

/// The counts a pending upload's preview showed: kept at upload, or (for an upload kept
/// before previews were) worked out again. `Err` when the page says why there are none.
async fn preview_of(
    app: &AppState,
    school: SchoolId,
    pending: &str,
    view: &mut ImportTemplate,
) -> AppResult<Result<ImportCounts, ()>> {
    let waiting = waiting(app, school, pending).await?;
    let t = view.page.t;
    if let Some(kept) = kept_preview(app, school, pending).await? {
        view.file_name = Some(match waiting {
            Waiting::Bundle { file_name, .. } => file_name,
            Waiting::Batch(upload) => upload.file_name,
        });
        view.notes = kept.notes.iter().map(|n| n.text(t.code())).collect();
        return Ok(Ok(kept.counts));
    }
    Ok(match waiting {
        Waiting::Bundle { file_name, bytes } => {
            view.file_name = Some(file_name);
            let (_, outcome) = check_bundle(app, school, bytes, Mode::Preview, Vec::new()).await?;
            match outcome_counts(view, outcome) {
                Ok(counts) => Ok(counts),
                Err(Refused::Page) => Err(()),
                Err(Refused::Error(e)) => return Err(e),
            }
        }
        Waiting::Batch(upload) => {
            view.file_name = Some(upload.file_name);
            Ok(app.store.import(&upload.batch, Mode::Preview).await?)
        }
    })
}

fn show_preview(view: &mut ImportTemplate, pending: String, counts: &ImportCounts) {
    view.describe(counts);
    view.changes_nothing = counts.changes_nothing();
    view.preview = Some((pending, count_lines(&view.page, counts)));
}

pub async fn apply(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path((school_id, pending)): Path<(i64, String)>,
    CsrfForm(form): CsrfForm<ConfirmForm>,
) -> AppResult<Response> {
    let summary = importing_school(&app, &signed_in, school_id).await?;
    let school = SchoolId(school_id);
    let mut view = ImportTemplate::new(signed_in.page.clone(), summary.clone());
    let confirmed = form.confirmed();
    let written = match waiting(&app, school, &pending).await? {
        Waiting::Bundle { file_name, bytes } => {
            view.file_name = Some(file_name.clone());
            let (_, outcome) = check_bundle(&app, school, bytes, Mode::Apply, confirmed).await?;
            match outcome_counts(&mut view, outcome) {
                Ok(counts) => {
                    app.store.delete_pending_bundle(&pending).await?;
                    Ok((file_name, counts))
                }
                Err(Refused::Page) => {
                    return Ok((StatusCode::UNPROCESSABLE_ENTITY, view).into_response());
                }
                Err(Refused::Error(AppError::Store(
                    headway_store::StoreError::NeedsConfirmation(_),
                ))) => Err(()),
                Err(Refused::Error(e)) => return Err(e),
            }
        }
        Waiting::Batch(mut upload) => {
            upload.batch.confirmed = confirmed;
            match app.store.import(&upload.batch, Mode::Apply).await {
                Ok(counts) => {
                    app.store.delete_pending_import(&upload.id).await?;
                    Ok((upload.file_name, counts))
                }
                Err(headway_store::StoreError::NeedsConfirmation(_)) => Err(()),
                Err(e) => return Err(e.into()),
            }
        }
    };
    let (file_name, counts) = match written {
        Ok(written) => written,
        Err(()) => {
            // A change that needs confirming was not confirmed: the preview again, saying so.
            let mut view = ImportTemplate::new(signed_in.page, summary);
            if let Ok(counts) = preview_of(&app, school, &pending, &mut view).await? {
                show_preview(&mut view, pending, &counts);
            }
            view.unconfirmed = true;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, view).into_response());
        }
    };
    // Every server sees the import by its data version; this one also fits the new
    // expectations now, so the first page after the import does not wait for them.
    app.references.prepare_in_background(app.store.clone());
    let written: u64 = counts
        .tables
        .iter()
        .map(|t| t.added + t.changed + t.removed)
        .sum();
    app.store
        .audit(
            Some(signed_in.principal.person),
            "import",
            &format!("school {school_id}: {file_name} ({written} rows written)"),
        )
        .await?;
    view.file_name = Some(file_name);
    view.describe(&counts);
    view.confirmations.clear();
    view.done = Some(count_lines(&view.page, &counts));
    Ok(view.into_response())
}

// ---------------------------------------------------------------------------------------
// Results spreadsheets: upload, map the columns, check, then the same preview and confirm.

/// Rows of the sheet shown under the mapping form, so the columns can be recognised.
const SAMPLE_ROWS: usize = 5;

/// One field to map: its form name, label and hint, and the heading chosen now.
pub struct FieldChoice {
    pub key: &'static str,
    pub label: String,
    pub hint: String,
    pub chosen: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "import_mapping.html")]
pub struct MappingTemplate {
    pub page: Page,
    pub school: SchoolSummary,
    pub file_name: String,
    pub pending: String,
    pub headings: Vec<String>,
    pub fields: Vec<FieldChoice>,
    pub sample: Vec<Vec<String>>,
    pub rows: usize,
    /// Whether the choices come from the mapping the school confirmed last time.
    pub remembered: bool,
    pub problems: Vec<Problem>,
}

fn mapping_view(
    page: Page,
    school: SchoolSummary,
    file_name: String,
    pending: String,
    sheet: &Sheet,
    mapping: &ColumnMapping,
    remembered: bool,
) -> MappingTemplate {
    let fields = Field::ALL
        .iter()
        .map(|field| FieldChoice {
            key: field.name(),
            label: page.t.get(&format!("import-field-{}", field.name())),
            hint: page.t.get(&format!("import-field-{}-hint", field.name())),
            chosen: mapping
                .column(*field)
                .filter(|c| sheet.headings.iter().any(|h| h == c))
                .map(str::to_owned),
        })
        .collect();
    let sample = sheet
        .rows
        .iter()
        .take(SAMPLE_ROWS)
        .map(|row| {
            (0..sheet.headings.len())
                .map(|i| row.cell(i).unwrap_or_default().to_owned())
                .collect()
        })
        .collect();
    MappingTemplate {
        page,
        school,
        file_name,
        pending,
        headings: sheet.headings.clone(),
        fields,
        sample,
        rows: sheet.rows.len(),
        remembered,
        problems: Vec::new(),
    }
}

pub async fn upload_sheet(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(school_id): Path<i64>,
    form: UploadForm,
) -> AppResult<Response> {
    let summary = importing_school(&app, &signed_in, school_id).await?;
    let t = signed_in.page.t;
    let mut view = ImportTemplate::new(signed_in.page.clone(), summary);
    let Some(UploadedFile {
        file_name, bytes, ..
    }) = uploaded_file(form).await?
    else {
        view.unreadable = Some(t.get("import-choose-file"));
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, view).into_response());
    };
    view.file_name = Some(file_name.clone());
    let name = file_name.clone();
    let read = tokio::task::spawn_blocking(move || Sheet::read(&name, &bytes, &Limits::default()))
        .await
        .map_err(|e| AppError::Internal(format!("reading the upload stopped: {e}")))?;
    let sheet = match read {
        Ok(sheet) => sheet,
        Err(problem) => {
            view.problems = vec![problem];
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, view).into_response());
        }
    };
    let json = serde_json::to_string(&sheet)
        .map_err(|e| AppError::Internal(format!("keeping the upload: {e}")))?;
    let pending = app
        .store
        .save_pending_sheet(
            SchoolId(school_id),
            signed_in.principal.person.0,
            &file_name,
            &json,
            app.settings.limits.pending,
        )
        .await?;
    Ok(Redirect::to(&format!("/schools/{school_id}/imports/sheets/{pending}")).into_response())
}

/// The pending sheet of the school, read back.
async fn pending_sheet(
    app: &AppState,
    school: i64,
    pending: &str,
) -> AppResult<(String, String, Sheet)> {
    let stored = app
        .store
        .pending_sheet(SchoolId(school), pending)
        .await?
        .ok_or(AppError::NotFound)?;
    let sheet: Sheet = serde_json::from_str(&stored.sheet)
        .map_err(|e| AppError::Internal(format!("a kept upload could not be read: {e}")))?;
    Ok((stored.id, stored.file_name, sheet))
}

pub async fn mapping_form(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path((school_id, pending)): Path<(i64, String)>,
) -> AppResult<MappingTemplate> {
    let summary = importing_school(&app, &signed_in, school_id).await?;
    let (id, file_name, sheet) = pending_sheet(&app, school_id, &pending).await?;
    let remembered = app
        .store
        .column_mapping(SchoolId(school_id))
        .await?
        .and_then(|json| ColumnMapping::from_json(&json).ok())
        .filter(|m| m.fits(&sheet.headings));
    let (mapping, is_remembered) = match remembered {
        Some(mapping) => (mapping, true),
        None => (ColumnMapping::guess(&sheet.headings), false),
    };
    Ok(mapping_view(
        signed_in.page,
        summary,
        file_name,
        id,
        &sheet,
        &mapping,
        is_remembered,
    ))
}

/// What the database holds that the sheet may name, as the validator wants it.
async fn known_for(
    app: &AppState,
    school: SchoolId,
    sheet: &Sheet,
    mapping: &ColumnMapping,
) -> AppResult<Known> {
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
    let references = app.store.sheet_references(school, &pupil_ids).await?;
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

pub async fn check_sheet(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path((school_id, pending)): Path<(i64, String)>,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Response> {
    let summary = importing_school(&app, &signed_in, school_id).await?;
    let school = SchoolId(school_id);
    let (id, file_name, sheet) = pending_sheet(&app, school_id, &pending).await?;
    let mut mapping = ColumnMapping::default();
    for field in Field::ALL {
        if let Some((_, heading)) = fields
            .iter()
            .find(|(k, v)| k == field.name() && !v.is_empty())
        {
            mapping.set(field, heading);
        }
    }
    let known = known_for(&app, school, &sheet, &mapping).await?;
    let validated = spreadsheet::validate(&file_name, &sheet, &mapping, &known, school_id);
    if !validated.problems.is_empty() {
        let mut view = mapping_view(
            signed_in.page,
            summary,
            file_name,
            id,
            &sheet,
            &mapping,
            false,
        );
        view.problems = validated.problems;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, view).into_response());
    }
    // The mapping is remembered once it gives a sheet without problems.
    app.store
        .remember_column_mapping(school, &mapping.to_json())
        .await?;
    let pending_import = app
        .store
        .save_pending_import(
            school,
            signed_in.principal.person.0,
            &file_name,
            &validated.batch,
            app.settings.limits.pending,
        )
        .await?;
    let counts = app.store.import(&validated.batch, Mode::Preview).await?;
    keep_preview(&app, &pending_import, counts, Vec::new()).await?;
    app.store.delete_pending_sheet(&id).await?;
    Ok(Redirect::to(&format!("/schools/{school_id}/imports/{pending_import}")).into_response())
}
