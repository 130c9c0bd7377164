//! Published expectations tables (prior-attainment groups and their expected outcomes) for
//! the whole deployment: upload (one combined CSV, or the groups and the expected outcomes
//! as two files), every problem with file, line and column, or a preview of what changes,
//! then confirm. An administrator or system leader only: the table sets expectations for
//! every school.

use crate::AppState;
use crate::context::{Page, SignedIn};
use crate::csrf::{UploadForm, Verified};
use crate::error::{AppError, AppResult};
use crate::pages::imports::{CountLine, count_lines};
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use headway_domain::access::Action;
use headway_ingest::expectations::{self, CsvFile};
use headway_ingest::limits::Limits;
use headway_ingest::oneroster::Problem;
use headway_store::imports::Mode;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/expectations", get(upload_form).post(upload))
        .route("/expectations/{pending}", get(preview))
        .route("/expectations/{pending}/apply", post(apply))
}

#[derive(Template, WebTemplate)]
#[template(path = "expectations.html")]
pub struct ExpectationsTemplate {
    pub page: Page,
    pub file_name: Option<String>,
    pub unreadable: Option<String>,
    pub problems: Vec<Problem>,
    pub preview: Option<(String, Vec<CountLine>)>,
    pub changes_nothing: bool,
    pub done: Option<Vec<CountLine>>,
}

impl ExpectationsTemplate {
    fn new(page: Page) -> ExpectationsTemplate {
        ExpectationsTemplate {
            page,
            file_name: None,
            unreadable: None,
            problems: Vec::new(),
            preview: None,
            changes_nothing: false,
            done: None,
        }
    }
}

pub async fn upload_form(signed_in: SignedIn) -> AppResult<ExpectationsTemplate> {
    signed_in.principal.may(&Action::ImportPublishedTables)?;
    Ok(ExpectationsTemplate::new(signed_in.page))
}

pub async fn upload(
    State(app): State<AppState>,
    signed_in: SignedIn,
    form: UploadForm,
) -> AppResult<Response> {
    signed_in.principal.may(&Action::ImportPublishedTables)?;
    let t = signed_in.page.t;
    let mut view = ExpectationsTemplate::new(signed_in.page.clone());
    let files = form.files().await?;
    let file = |field: &str| {
        files
            .iter()
            .find(|upload| upload.field == field)
            .map(|upload| (&upload.file_name, &upload.bytes))
    };
    let known = app.store.known_names().await?;
    let (file_name, validated) = match (file("table"), file("groups"), file("expected")) {
        (Some((name, bytes)), None, None) => (
            name.clone(),
            expectations::validate_combined(CsvFile { name, bytes }, &known, &Limits::default()),
        ),
        (None, Some((groups, group_bytes)), Some((expected, expected_bytes))) => (
            format!("{groups}, {expected}"),
            expectations::validate_separate(
                CsvFile {
                    name: groups,
                    bytes: group_bytes,
                },
                CsvFile {
                    name: expected,
                    bytes: expected_bytes,
                },
                &known,
                &Limits::default(),
            ),
        ),
        _ => {
            view.unreadable = Some(t.get("expectations-choose-files"));
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, view).into_response());
        }
    };
    view.file_name = Some(file_name.clone());
    if !validated.problems.is_empty() {
        view.problems = validated.problems;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, view).into_response());
    }
    let pending = app
        .store
        .save_pending_table(
            signed_in.principal.person.0,
            &file_name,
            &validated.rows,
            app.settings.limits.pending,
        )
        .await?;
    Ok(Redirect::to(&format!("/expectations/{pending}")).into_response())
}

pub async fn preview(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(pending): Path<String>,
) -> AppResult<ExpectationsTemplate> {
    signed_in.principal.may(&Action::ImportPublishedTables)?;
    let table = app
        .store
        .pending_table(signed_in.principal.person.0, &pending)
        .await?
        .ok_or(AppError::NotFound)?;
    let counts = app
        .store
        .import_expectations(&table.rows, Mode::Preview)
        .await?;
    let mut view = ExpectationsTemplate::new(signed_in.page);
    view.file_name = Some(table.file_name);
    view.changes_nothing = counts.changes_nothing();
    view.preview = Some((table.id, count_lines(&view.page, &counts)));
    Ok(view)
}

pub async fn apply(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(pending): Path<String>,
    _: Verified,
) -> AppResult<ExpectationsTemplate> {
    signed_in.principal.may(&Action::ImportPublishedTables)?;
    let table = app
        .store
        .pending_table(signed_in.principal.person.0, &pending)
        .await?
        .ok_or(AppError::NotFound)?;
    let counts = app
        .store
        .import_expectations(&table.rows, Mode::Apply)
        .await?;
    app.store.delete_pending_table(&table.id).await?;
    // Every server sees the import by its data version; this one also fits the new
    // expectations now, so the first page after the import does not wait for them.
    app.references.prepare_in_background(app.store.clone());
    app.store
        .audit(
            Some(signed_in.principal.person),
            "import expectations",
            &format!("{} ({} groups)", table.file_name, table.rows.len()),
        )
        .await?;
    let mut view = ExpectationsTemplate::new(signed_in.page);
    view.file_name = Some(table.file_name);
    view.done = Some(count_lines(&view.page, &counts));
    Ok(view)
}
