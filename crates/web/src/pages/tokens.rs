//! The account page's API tokens: make one (its secret shown this once), list one's own
//! (name, scopes, made, last used) and revoke them. Each change goes through
//! `headway_app::api`, in one transaction with its audit line. Anyone signed in manages
//! their own tokens only: what a token reads is still what its person may read.

use crate::AppState;
use crate::context::{Page, SignedIn};
use crate::csrf::{CsrfForm, Verified};
use crate::error::{AppError, AppResult};
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use headway_app::api::TokenError;
use headway_domain::api::{Scope, TokenRequestError};
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/account/tokens", get(show).post(create))
        .route("/account/tokens/{token}/revoke", post(revoke))
}

/// A scope to choose, worded.
pub struct ScopeChoice {
    pub field: &'static str,
    pub name: &'static str,
    pub hint: String,
    pub checked: bool,
}

/// A token as listed, worded.
pub struct TokenRow {
    pub id: i64,
    pub name: String,
    pub prefix: String,
    pub scopes: String,
    pub created: String,
    pub last_used: String,
    pub revoked: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "tokens.html")]
pub struct TokensTemplate {
    page: Page,
    /// The secret of the token just made, shown this once.
    made: Option<(String, String)>,
    error: Option<String>,
    name: String,
    scopes: Vec<ScopeChoice>,
    tokens: Vec<TokenRow>,
}

/// The form field of each scope's checkbox.
fn field_of(scope: Scope) -> &'static str {
    match scope {
        Scope::ReadSchools => "read_schools",
        Scope::ReadProgress => "read_progress",
        Scope::ReadPupils => "read_pupils",
        Scope::ReadPlans => "read_plans",
        Scope::ReadSurveys => "read_surveys",
    }
}

fn date_of(unix: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(unix)
        .map(|d| d.date().to_string())
        .unwrap_or_default()
}

async fn page(
    app: &AppState,
    signed_in: SignedIn,
    made: Option<(String, String)>,
    error: Option<String>,
    form: Option<&TokenForm>,
) -> AppResult<TokensTemplate> {
    let t = signed_in.page.t;
    let listed = headway_app::api::tokens(&app.store, &signed_in.principal).await?;
    let never = t.get("tokens-never-used");
    Ok(TokensTemplate {
        made,
        error,
        name: form.map(|f| f.name.clone()).unwrap_or_default(),
        scopes: Scope::ALL
            .into_iter()
            .map(|scope| ScopeChoice {
                field: field_of(scope),
                name: scope.as_str(),
                hint: t.get(&format!("tokens-scope-{}", field_of(scope))),
                checked: form.is_some_and(|f| f.chose(scope)),
            })
            .collect(),
        tokens: listed
            .into_iter()
            .map(|token| TokenRow {
                id: token.id,
                name: token.name,
                prefix: token.prefix,
                scopes: token.scopes.to_string(),
                created: date_of(token.created_at),
                last_used: token
                    .last_used_at
                    .map(date_of)
                    .unwrap_or_else(|| never.clone()),
                revoked: token.revoked_at.map(date_of),
            })
            .collect(),
        page: signed_in.page,
    })
}

/// The person's tokens and the form to make one.
pub async fn show(State(app): State<AppState>, signed_in: SignedIn) -> AppResult<Response> {
    Ok(page(&app, signed_in, None, None, None)
        .await?
        .into_response())
}

#[derive(Deserialize)]
pub struct TokenForm {
    #[serde(default)]
    name: String,
    read_schools: Option<String>,
    read_progress: Option<String>,
    read_pupils: Option<String>,
    read_plans: Option<String>,
    read_surveys: Option<String>,
}

impl TokenForm {
    fn chose(&self, scope: Scope) -> bool {
        match scope {
            Scope::ReadSchools => self.read_schools.is_some(),
            Scope::ReadProgress => self.read_progress.is_some(),
            Scope::ReadPupils => self.read_pupils.is_some(),
            Scope::ReadPlans => self.read_plans.is_some(),
            Scope::ReadSurveys => self.read_surveys.is_some(),
        }
    }
}

/// The key of a refusal's message.
fn refusal_key(why: &TokenRequestError) -> &'static str {
    match why {
        TokenRequestError::NoScope | TokenRequestError::UnknownScope(_) => "tokens-error-no-scope",
        TokenRequestError::NoName => "tokens-error-no-name",
        TokenRequestError::NameTooLong => "tokens-error-name-too-long",
        TokenRequestError::TooManyTokens(_) => "tokens-error-too-many",
    }
}

/// Makes a token and shows its secret once (never in a redirect, never kept by a cache).
pub async fn create(
    State(app): State<AppState>,
    signed_in: SignedIn,
    CsrfForm(form): CsrfForm<TokenForm>,
) -> AppResult<Response> {
    let chosen: Vec<&str> = Scope::ALL
        .into_iter()
        .filter(|s| form.chose(*s))
        .map(Scope::as_str)
        .collect();
    match headway_app::api::create_token(&app.store, &signed_in.principal, &form.name, chosen).await
    {
        Ok(made) => {
            let shown = (form.name.trim().to_owned(), made.secret.expose().to_owned());
            let template = page(&app, signed_in, Some(shown), None, None).await?;
            Ok((
                StatusCode::CREATED,
                [(header::CACHE_CONTROL, "no-store")],
                template,
            )
                .into_response())
        }
        Err(TokenError::Request(why)) => {
            let message = signed_in.page.t.with(
                refusal_key(&why),
                &[("n", (headway_domain::api::MAX_LIVE_TOKENS as i64).into())],
            );
            let template = page(&app, signed_in, None, Some(message), Some(&form)).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, template).into_response())
        }
        Err(TokenError::NotFound) => Err(AppError::NotFound),
        Err(TokenError::Store(e)) => Err(e.into()),
    }
}

/// Revokes one of the person's own tokens; anyone else's answers as not found.
pub async fn revoke(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(token): Path<i64>,
    _: Verified,
) -> AppResult<Response> {
    match headway_app::api::revoke_token(&app.store, &signed_in.principal, token).await {
        Ok(_) => Ok(Redirect::to("/account/tokens").into_response()),
        Err(TokenError::NotFound) => Err(AppError::NotFound),
        Err(TokenError::Request(why)) => Err(AppError::BadRequest(why.to_string())),
        Err(TokenError::Store(e)) => Err(e.into()),
    }
}
