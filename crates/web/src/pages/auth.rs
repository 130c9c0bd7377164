//! Signing in and out, and changing one's password.
//!
//! Every sign-in attempt is counted, per account and per client address, before its
//! password is checked (`headway_domain::account::SignInThrottle` says how attempts are
//! slowed); changing a password ends the person's other sessions.

use crate::AppState;
use crate::context::{Page, SignedIn, begin_signed_in, signed_in_person};
use crate::csrf::{CsrfForm, Verified};
use crate::error::{AppError, AppResult};
use crate::pages::safe_next;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{ConnectInfo, FromRequestParts, Query, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use headway_domain::account::{self, AccountError, Email};
use headway_store::accounts::SignInAttempt;
use serde::Deserialize;
use std::net::SocketAddr;
use tower_sessions::Session;

/// The client address sign-in attempts are counted against, from the connection itself
/// (the server is run with `into_make_service_with_connect_information`). Behind a reverse
/// proxy every request comes from the proxy's address; reading a trusted proxy's
/// forwarding header is not supported yet.
pub struct ClientAddress(String);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddress {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(peer)| ClientAddress(account::throttle_address(peer.ip())))
            .ok_or_else(|| {
                AppError::Internal(
                    "the server was started without connection addresses, which sign-in needs"
                        .into(),
                )
            })
    }
}

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
    ClientAddress(address): ClientAddress,
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
    let attempt = app
        .store
        .accounts()
        .count_sign_in_attempt(&email, &address, &app.settings.throttle)
        .await?;
    if let SignInAttempt::Wait { seconds, by } = attempt {
        let detail = format!("{email} from {address} ({} throttled)", by.as_str());
        app.store.audit(None, "sign_in_throttled", &detail).await?;
        let message = page.t.count("sign-in-throttled", seconds);
        return Ok((StatusCode::TOO_MANY_REQUESTS, refuse(page, message)).into_response());
    }
    let credentials = app.store.accounts().credentials_for(&email).await?;
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
    match credentials {
        Some(person) if verified => {
            app.store
                .accounts()
                .sign_in_succeeded(&email, &address)
                .await?;
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
            let detail = format!("{email} from {address}");
            app.store.audit(None, "sign_in_failed", &detail).await?;
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
    session: Session,
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
    let (stored, email) = app
        .store
        .accounts()
        .sign_in_details_of(person)
        .await?
        .ok_or(AppError::NotFound)?;
    let cost = app.settings.password_cost;
    let (current, new) = (form.current, form.new);
    let outcome = tokio::task::spawn_blocking(move || {
        if !account::verify_password(&current, &stored.unwrap_or_default()) {
            return Err("password-wrong");
        }
        account::check_new_password(&new, &email).map_err(|e| match e {
            AccountError::PasswordTooCommon => "password-too-common",
            AccountError::PasswordLikeEmail => "password-like-email",
            _ => "password-too-short",
        })?;
        account::hash_password(&new, cost).map_err(|_| "password-too-short")
    })
    .await
    .map_err(|e| AppError::Internal(e.to_string()))?;
    match outcome {
        Ok(hash) => {
            // Whoever else holds a session of this account (a stolen cookie, a forgotten
            // computer) must now know the new password.
            let this_session = session.id().map(|id| id.to_string()).unwrap_or_default();
            headway_app::accounts::change_password(&app.store, person, &hash, &this_session)
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
