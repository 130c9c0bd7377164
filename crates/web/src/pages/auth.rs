//! Signing in and out, and changing one's password.

use crate::AppState;
use crate::context::{Page, SignedIn, begin_signed_in, signed_in_person};
use crate::csrf::{CsrfForm, Verified};
use crate::error::{AppError, AppResult};
use crate::pages::safe_next;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use headway_domain::account::{self, Email};
use serde::Deserialize;
use tower_sessions::Session;

#[derive(Template, WebTemplate)]
#[template(path = "sign_in.html")]
struct SignInTemplate {
    page: Page,
    next: String,
    email: String,
    error: Option<String>,
}

#[derive(Deserialize)]
pub struct NextQuery {
    next: Option<String>,
}

pub async fn sign_in_form(page: Page, Query(query): Query<NextQuery>) -> Response {
    if page.viewer.is_some() {
        return Redirect::to(&safe_next(query.next.as_deref())).into_response();
    }
    SignInTemplate {
        page,
        next: safe_next(query.next.as_deref()),
        email: String::new(),
        error: None,
    }
    .into_response()
}

#[derive(Deserialize)]
pub struct SignInForm {
    email: String,
    password: String,
    next: Option<String>,
}

pub async fn sign_in(
    State(app): State<AppState>,
    session: Session,
    page: Page,
    CsrfForm(form): CsrfForm<SignInForm>,
) -> AppResult<Response> {
    let next = safe_next(form.next.as_deref());
    let refuse = |page: Page, message: String| {
        let template = SignInTemplate {
            page,
            next: next.clone(),
            email: form.email.clone(),
            error: Some(message),
        };
        (StatusCode::UNAUTHORIZED, template).into_response()
    };
    let Ok(email) = Email::parse(&form.email) else {
        let message = page.t.get("sign-in-failed");
        return Ok(refuse(page, message));
    };
    let failures = app
        .store
        .recent_sign_in_failures(&email, app.settings.throttle.window_seconds)
        .await?;
    if let Some(wait) = app
        .settings
        .throttle
        .wait_seconds(&failures, headway_store::now_unix())
    {
        app.store
            .audit(None, "sign_in_throttled", email.as_str())
            .await?;
        let minutes = (wait + 59) / 60;
        let message = page.t.count("sign-in-throttled", minutes);
        return Ok((StatusCode::TOO_MANY_REQUESTS, refuse(page, message)).into_response());
    }
    let credentials = app.store.credentials_for(&email).await?;
    let password = form.password.clone();
    let hash = credentials.as_ref().and_then(|c| c.password_hash.clone());
    let cost = app.settings.password_cost;
    // Verify even for unknown emails, so timing does not reveal who has an account.
    let verified = tokio::task::spawn_blocking(move || match hash {
        Some(hash) => account::verify_password(&password, &hash),
        None => {
            account::verify_password(&password, dummy_hash(cost));
            false
        }
    })
    .await
    .map_err(|e| AppError::Internal(e.to_string()))?;
    app.store.record_sign_in_attempt(&email, verified).await?;
    match credentials {
        Some(person) if verified => {
            let id = headway_domain::ids::PersonId(person.id);
            begin_signed_in(&session, id).await?;
            app.store.audit(Some(id), "sign_in", email.as_str()).await?;
            // A language chosen on another device follows the person.
            let language = person
                .locale
                .as_deref()
                .and_then(crate::i18n::Lang::from_code);
            let mut response = Redirect::to(&next).into_response();
            if let Some(lang) = language {
                let cookie = crate::pages::language::cookie(lang);
                response.headers_mut().append(
                    axum::http::header::SET_COOKIE,
                    cookie.parse().expect("a valid header"),
                );
            }
            Ok(response)
        }
        _ => {
            app.store
                .audit(None, "sign_in_failed", email.as_str())
                .await?;
            let message = page.t.get("sign-in-failed");
            Ok(refuse(page, message))
        }
    }
}

/// A hash at the deployment's cost, checked when the email is unknown.
fn dummy_hash(cost: account::PasswordCost) -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| account::hash_password("not anyone's password", cost).unwrap_or_default())
}

pub async fn sign_out(
    State(app): State<AppState>,
    session: Session,
    _: Verified,
) -> AppResult<Response> {
    if let Some(person) = signed_in_person(&session).await {
        app.store.audit(Some(person), "sign_out", "").await?;
    }
    session
        .flush()
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(Redirect::to("/sign-in").into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "password.html")]
struct PasswordTemplate {
    page: Page,
    error: Option<String>,
    done: bool,
}

pub async fn password_form(signed_in: SignedIn) -> impl IntoResponse {
    PasswordTemplate {
        page: signed_in.page,
        error: None,
        done: false,
    }
}

#[derive(Deserialize)]
pub struct PasswordForm {
    current: String,
    new: String,
    confirm: String,
}

pub async fn change_password(
    State(app): State<AppState>,
    signed_in: SignedIn,
    CsrfForm(form): CsrfForm<PasswordForm>,
) -> AppResult<Response> {
    let page = signed_in.page;
    let person = signed_in.principal.person;
    let refuse = |page: Page, key: &str| {
        let error = Some(page.t.get(key));
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            PasswordTemplate {
                page,
                error,
                done: false,
            },
        )
            .into_response()
    };
    if form.new != form.confirm {
        return Ok(refuse(page, "password-mismatch"));
    }
    let stored = app
        .store
        .password_hash_of(person)
        .await?
        .unwrap_or_default();
    let cost = app.settings.password_cost;
    let (current, new) = (form.current, form.new);
    let outcome = tokio::task::spawn_blocking(move || {
        if !account::verify_password(&current, &stored) {
            return Err("password-wrong");
        }
        account::hash_password(&new, cost).map_err(|_| "password-too-short")
    })
    .await
    .map_err(|e| AppError::Internal(e.to_string()))?;
    match outcome {
        Ok(hash) => {
            app.store.set_password_hash(person, &hash).await?;
            app.store
                .audit(Some(person), "password_changed", "")
                .await?;
            Ok(PasswordTemplate {
                page,
                error: None,
                done: true,
            }
            .into_response())
        }
        Err(key) => Ok(refuse(page, key)),
    }
}
