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
use headway_app::imports::pending::{self, Applied, Uploaded};
use headway_app::imports::sheets::{self, SheetChecked, SheetMapping};
use headway_app::imports::{Checked, ImportError, Importer, Refusal};
use headway_domain::ids::SchoolId;
use headway_ingest::oneroster::Problem;
use headway_ingest::spreadsheet::{ColumnMapping, Field, SheetKind};
use headway_store::StoreError;
use headway_store::imports::{ChangedField, ChangedRecord, Confirmation, ImportCounts, ImportNote};
use headway_store::roster::SchoolSummary;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/schools/{school}/imports", get(upload_form).post(upload))
        .route("/schools/{school}/imports/sheets", post(upload_sheet))
        .route(
            "/schools/{school}/imports/attendance",
            post(upload_attendance_sheet),
        )
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

impl From<ImportError> for AppError {
    fn from(error: ImportError) -> AppError {
        match error {
            ImportError::NotFound => AppError::NotFound,
            ImportError::Store(e) => AppError::Store(e),
            ImportError::Stopped(why) => AppError::Internal(why),
        }
    }
}

/// The importer and their school, once the policy says this person may import into it.
async fn importing_school(
    app: &AppState,
    signed_in: &SignedIn,
    school: i64,
) -> AppResult<(Importer, SchoolSummary)> {
    let importer = Importer::for_school(&signed_in.principal, SchoolId(school))?;
    let summary = crate::pages::school_summary(app, importer.school()).await?;
    Ok((importer, summary))
}

pub async fn upload_form(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(school): Path<i64>,
) -> AppResult<ImportTemplate> {
    let (_, summary) = importing_school(&app, &signed_in, school).await?;
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
    let (importer, summary) = importing_school(&app, &signed_in, school_id).await?;
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
    let uploaded = pending::upload_bundle(
        &app.store,
        &importer,
        &file_name,
        bytes,
        app.settings.limits.pending,
    )
    .await?;
    match uploaded {
        Uploaded::Waiting { id, .. } => {
            Ok(Redirect::to(&format!("/schools/{school_id}/imports/{id}")).into_response())
        }
        Uploaded::Refused { notes, refusal } => {
            view.notes = notes.iter().map(|n| n.text(t.code())).collect();
            view.refused(refusal);
            Ok((StatusCode::UNPROCESSABLE_ENTITY, view).into_response())
        }
    }
}

impl ImportTemplate {
    /// Says why a file gives no counts.
    fn refused(&mut self, refusal: Refusal) {
        let t = self.page.t;
        match refusal {
            Refusal::Unreadable(why) => {
                self.unreadable = Some(t.named("import-not-a-bundle", &why.text(t.code())));
            }
            Refusal::Problems(problems) => self.problems = problems,
            Refusal::UnknownReference { what, source_id } => {
                let error = StoreError::UnknownReference { what, source_id };
                let clause = crate::error::store_clause(&error).map(|c| c.text(t));
                self.unreadable =
                    Some(t.named("import-unknown-reference", &clause.unwrap_or_default()));
            }
            Refusal::Conflict(conflict) => {
                let error = StoreError::Conflict(conflict);
                let clause = crate::error::store_clause(&error).map(|c| c.text(t));
                self.unreadable = Some(t.named("import-conflict", &clause.unwrap_or_default()));
            }
            Refusal::NeedsConfirmation(_) => self.unconfirmed = true,
        }
    }

    /// The notes and counts of a checked upload, or why it has none (`false`).
    fn checked(&mut self, pending: String, checked: Checked) -> bool {
        let t = self.page.t;
        self.notes = checked.notes.iter().map(|n| n.text(t.code())).collect();
        match checked.outcome {
            Ok(counts) => {
                self.describe(&counts);
                self.changes_nothing = counts.changes_nothing();
                self.preview = Some((pending, count_lines(&self.page, &counts)));
                true
            }
            Err(refusal) => {
                self.refused(refusal);
                false
            }
        }
    }
}

pub async fn preview(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path((school_id, id)): Path<(i64, String)>,
) -> AppResult<Response> {
    let (importer, summary) = importing_school(&app, &signed_in, school_id).await?;
    let previewed = pending::preview_pending(&app.store, &importer, &id).await?;
    let mut view = ImportTemplate::new(signed_in.page, summary);
    view.file_name = Some(previewed.file_name);
    if view.checked(id, previewed.checked) {
        Ok(view.into_response())
    } else {
        Ok((StatusCode::UNPROCESSABLE_ENTITY, view).into_response())
    }
}

pub async fn apply(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path((school_id, id)): Path<(i64, String)>,
    CsrfForm(form): CsrfForm<ConfirmForm>,
) -> AppResult<Response> {
    let (importer, summary) = importing_school(&app, &signed_in, school_id).await?;
    let applied = pending::apply_pending(&app.store, &importer, &id, form.confirmed()).await?;
    let mut view = ImportTemplate::new(signed_in.page.clone(), summary.clone());
    let t = view.page.t;
    let (file_name, counts) = match applied {
        Applied::Done { file_name, counts } => (file_name, counts),
        Applied::AlreadyTaken => {
            view.unreadable = Some(t.get("import-already-taken"));
            return Ok((StatusCode::CONFLICT, view).into_response());
        }
        Applied::Refused { file_name, checked } => {
            if matches!(checked.outcome, Err(Refusal::NeedsConfirmation(_))) {
                // A change that needs confirming was not confirmed: the preview again,
                // saying so.
                let previewed = pending::preview_pending(&app.store, &importer, &id).await?;
                view.file_name = Some(previewed.file_name);
                view.checked(id, previewed.checked);
                view.unconfirmed = true;
            } else {
                view.file_name = Some(file_name);
                view.checked(id, checked);
            }
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, view).into_response());
        }
    };
    // Every server sees the import by its data version; this one also fits the new
    // expectations now, so the first page after the import does not wait for them.
    app.references.prepare_in_background(app.store.clone());
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
    /// The message counting the sheet's rows (results or attendance).
    pub rows_key: &'static str,
    /// Whether the choices come from the mapping the school confirmed last time.
    pub remembered: bool,
    pub problems: Vec<Problem>,
}

fn mapping_view(page: Page, school: SchoolSummary, sheet: SheetMapping) -> MappingTemplate {
    let SheetMapping {
        id,
        file_name,
        sheet,
        kind,
        mapping,
        remembered,
    } = sheet;
    let fields = kind
        .fields()
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
        pending: id,
        headings: sheet.headings.clone(),
        fields,
        sample,
        rows: sheet.rows.len(),
        rows_key: match kind {
            SheetKind::Results => "import-mapping-rows",
            SheetKind::Attendance => "import-mapping-rows-attendance",
        },
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
    upload_sheet_of_kind(app, signed_in, school_id, form, SheetKind::Results).await
}

/// An attendance spreadsheet: the same upload, mapping and confirmation as a results sheet.
pub async fn upload_attendance_sheet(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(school_id): Path<i64>,
    form: UploadForm,
) -> AppResult<Response> {
    upload_sheet_of_kind(app, signed_in, school_id, form, SheetKind::Attendance).await
}

async fn upload_sheet_of_kind(
    app: AppState,
    signed_in: SignedIn,
    school_id: i64,
    form: UploadForm,
    kind: SheetKind,
) -> AppResult<Response> {
    let (importer, summary) = importing_school(&app, &signed_in, school_id).await?;
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
    let uploaded = sheets::upload_sheet(
        &app.store,
        &importer,
        &file_name,
        bytes,
        kind,
        app.settings.limits.pending,
    )
    .await?;
    match uploaded {
        Ok(id) => {
            Ok(Redirect::to(&format!("/schools/{school_id}/imports/sheets/{id}")).into_response())
        }
        Err(problem) => {
            view.problems = vec![problem];
            Ok((StatusCode::UNPROCESSABLE_ENTITY, view).into_response())
        }
    }
}

pub async fn mapping_form(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path((school_id, id)): Path<(i64, String)>,
) -> AppResult<MappingTemplate> {
    let (importer, summary) = importing_school(&app, &signed_in, school_id).await?;
    let sheet = sheets::sheet_mapping(&app.store, &importer, &id).await?;
    Ok(mapping_view(signed_in.page, summary, sheet))
}

pub async fn check_sheet(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path((school_id, id)): Path<(i64, String)>,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Response> {
    let (importer, summary) = importing_school(&app, &signed_in, school_id).await?;
    let mut mapping = ColumnMapping::default();
    // The fields of either kind of sheet: the pending sheet's kind decides which are read.
    let mut every_field: Vec<Field> = Field::ALL.to_vec();
    every_field.extend(Field::ATTENDANCE.iter().filter(|f| !Field::ALL.contains(f)));
    for field in every_field {
        if let Some((_, heading)) = fields
            .iter()
            .find(|(k, v)| k == field.name() && !v.is_empty())
        {
            mapping.set(field, heading);
        }
    }
    let checked = sheets::check_sheet(
        &app.store,
        &importer,
        &id,
        mapping,
        app.settings.limits.pending,
    )
    .await?;
    match checked {
        SheetChecked::Waiting(waiting) => {
            Ok(Redirect::to(&format!("/schools/{school_id}/imports/{waiting}")).into_response())
        }
        SheetChecked::Problems { sheet, problems } => {
            let mut view = mapping_view(signed_in.page, summary, sheet);
            view.problems = problems;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, view).into_response())
        }
    }
}
