//! Published expectations tables (prior-attainment groups and their expected outcomes) for
//! the whole deployment: upload (one combined CSV, or the groups and the expected outcomes
//! as two files), every problem with file, line and column, or a preview of what changes,
//! then confirm. An administrator or system leader only: the table sets expectations for
//! every school.

use crate::AppState;
use crate::context::{Page, SignedIn};
use crate::csrf::{UploadForm, Verified};
use crate::error::AppResult;
use crate::pages::imports::{CountLine, count_lines};
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use headway_app::imports::Publisher;
use headway_app::imports::tables::{self, TableApplied, TableFiles};
use headway_ingest::expectations::CsvFile;
use headway_ingest::oneroster::Problem;

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
    Publisher::new(&signed_in.principal)?;
    Ok(ExpectationsTemplate::new(signed_in.page))
}

pub async fn upload(
    State(app): State<AppState>,
    signed_in: SignedIn,
    form: UploadForm,
) -> AppResult<Response> {
    let publisher = Publisher::new(&signed_in.principal)?;
    let t = signed_in.page.t;
    let mut view = ExpectationsTemplate::new(signed_in.page.clone());
    let files = form.files().await?;
    let file = |field: &str| {
        files
            .iter()
            .find(|upload| upload.field == field)
            .map(|upload| CsvFile {
                name: &upload.file_name,
                bytes: &upload.bytes,
            })
    };
    let files = match (file("table"), file("groups"), file("expected")) {
        (Some(table), None, None) => TableFiles::Combined(table),
        (None, Some(groups), Some(expected)) => TableFiles::Separate { groups, expected },
        _ => {
            view.unreadable = Some(t.get("expectations-choose-files"));
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, view).into_response());
        }
    };
    view.file_name = Some(files.name());
    match tables::upload_table(&app.store, &publisher, files, app.settings.limits.pending).await? {
        Ok(pending) => Ok(Redirect::to(&format!("/expectations/{pending}")).into_response()),
        Err(problems) => {
            view.problems = problems;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, view).into_response())
        }
    }
}

pub async fn preview(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(pending): Path<String>,
) -> AppResult<ExpectationsTemplate> {
    let publisher = Publisher::new(&signed_in.principal)?;
    let table = tables::preview_table(&app.store, &publisher, &pending).await?;
    let mut view = ExpectationsTemplate::new(signed_in.page);
    view.file_name = Some(table.file_name);
    view.changes_nothing = table.counts.changes_nothing();
    view.preview = Some((table.id, count_lines(&view.page, &table.counts)));
    Ok(view)
}

pub async fn apply(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(pending): Path<String>,
    _: Verified,
) -> AppResult<Response> {
    let publisher = Publisher::new(&signed_in.principal)?;
    let applied = tables::apply_table(&app.store, &publisher, &pending).await?;
    let mut view = ExpectationsTemplate::new(signed_in.page);
    match applied {
        TableApplied::Done { file_name, counts } => {
            // Every server sees the import by its data version; this one also fits the new
            // expectations now, so the first page after the import does not wait for them.
            app.references.prepare_in_background(app.store.clone());
            view.file_name = Some(file_name);
            view.done = Some(count_lines(&view.page, &counts));
            Ok(view.into_response())
        }
        TableApplied::AlreadyTaken => {
            view.unreadable = Some(view.page.t.get("import-already-taken"));
            Ok((StatusCode::CONFLICT, view).into_response())
        }
    }
}
