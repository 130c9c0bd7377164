//! The JSON API under `/api/v1/…`, documented in OpenAPI 3 at `/api/openapi.json`, the
//! document generated from these handlers and their types by `utoipa`.
//!
//! Every request carries a personal API token (`Authorization: Bearer hw_…`, made on the
//! account page). The caller is the token's person with the token's scopes
//! ([`headway_domain::api::ApiCaller`]): each endpoint asks [`ApiCaller::may`] — the one
//! access policy the pages ask, intersected with the scopes — and then calls the same use
//! case its page calls. Requests are counted in fixed windows held in the database (per
//! token, and per client address for calls without a working token), so the limit holds
//! across every app server together; over it, the answer is 429 with `Retry-After`.
//! Errors are JSON: `{"status": 403, "error": "forbidden", "message": "…"}`.
//!
//! The API has no session and sets no cookie: it is served outside the pages' session and
//! CSRF layers, so a browser's signed-in session never authenticates a call.

pub mod readings;

use crate::AppState;
use axum::Json;
use axum::Router;
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use headway_app::api::{CallerError, Counted, RateDecision, ReadError};
use headway_domain::api::{ApiCaller, ApiDenied, BadCredentials};
use headway_store::StoreError;
use serde::Serialize;
use std::net::SocketAddr;
use utoipa::OpenApi;

/// The API's routes, nested under `/api`.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/openapi.json", get(openapi))
        .route("/v1/schools", get(readings::schools))
        .route("/v1/schools/{school}/progress", get(readings::progress))
        .route(
            "/v1/schools/{school}/falling-behind",
            get(readings::falling_behind),
        )
        .route("/v1/schools/{school}/plan", get(readings::plan))
        .route("/v1/schools/{school}/surveys", get(readings::surveys))
        .route("/v1/surveys/{survey}", get(readings::survey_scales))
        .fallback(no_such_endpoint)
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Headway API",
        version = "1",
        description = "Read-only access to what a person may read in Headway, with a personal API token made on the account page (/account/tokens). Each endpoint answers exactly what the same person would see on the matching page, no more: the token's scopes narrow the person's rights, never widen them. Figures carry their 95% intervals; groups below the deployment's suppression threshold are not shown. See docs/api.md."
    ),
    paths(
        readings::schools,
        readings::progress,
        readings::falling_behind,
        readings::plan,
        readings::surveys,
        readings::survey_scales,
    ),
    modifiers(&BearerToken),
    tags(
        (name = "schools", description = "The schools a caller reaches (scope read:schools)"),
        (name = "progress", description = "Value added with intervals (read:progress) and pupils falling behind (read:pupils)"),
        (name = "plans", description = "Improvement plans (read:plans)"),
        (name = "surveys", description = "Released survey results, scale by scale (read:surveys)"),
    )
)]
pub struct ApiDoc;

/// Declares the bearer token every path asks for.
struct BearerToken;

impl utoipa::Modify for BearerToken {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "token",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("hw_ and 64 hex digits")
                    .description(Some(
                        "A personal API token from the account page; its scopes limit what it reads.",
                    ))
                    .build(),
            ),
        );
    }
}

/// The OpenAPI 3 document of this API.
pub async fn openapi() -> Response {
    match ApiDoc::openapi().to_json() {
        Ok(json) => ([(header::CONTENT_TYPE, "application/json")], json).into_response(),
        Err(e) => ApiError::Internal(e.to_string()).into_response(),
    }
}

async fn no_such_endpoint() -> ApiError {
    ApiError::NotFound("no such endpoint: see /api/openapi.json".into())
}

/// Why a call was refused, answered as JSON with its status.
#[derive(Debug)]
pub enum ApiError {
    /// No token, a malformed header, an unknown or revoked token (401).
    Unauthorized(BadCredentials),
    /// The person may not, or the token lacks the scope (403).
    Forbidden(String),
    NotFound(String),
    BadRequest(String),
    /// Over the rate limit: try again after this many seconds (429).
    TooManyRequests {
        seconds: i64,
    },
    /// A failure the caller can do nothing about: logged with an incident id (500).
    Internal(String),
}

/// What every error answers with.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ApiErrorBody {
    /// The HTTP status, repeated.
    pub status: u16,
    /// `unauthorized`, `forbidden`, `not_found`, `bad_request`, `too_many_requests` or
    /// `server_error`.
    pub error: String,
    /// What went wrong, for a person to read.
    pub message: String,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, error, message) = match &self {
            ApiError::Unauthorized(why) => {
                (StatusCode::UNAUTHORIZED, "unauthorized", why.to_string())
            }
            ApiError::Forbidden(why) => (StatusCode::FORBIDDEN, "forbidden", why.clone()),
            ApiError::NotFound(why) => (StatusCode::NOT_FOUND, "not_found", why.clone()),
            ApiError::BadRequest(why) => (StatusCode::BAD_REQUEST, "bad_request", why.clone()),
            ApiError::TooManyRequests { seconds } => (
                StatusCode::TOO_MANY_REQUESTS,
                "too_many_requests",
                format!("too many requests: try again in {seconds} seconds"),
            ),
            ApiError::Internal(real) => {
                let incident = crate::error::new_incident();
                tracing::error!(incident = %incident, error = %real, "API request failed");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "server_error",
                    format!("something went wrong on the server (incident {incident})"),
                )
            }
        };
        let body = ApiErrorBody {
            status: status.as_u16(),
            error: error.to_owned(),
            message,
        };
        let mut response = (status, Json(body)).into_response();
        let headers = response.headers_mut();
        match self {
            ApiError::Unauthorized(_) => {
                headers.insert(
                    header::WWW_AUTHENTICATE,
                    HeaderValue::from_static("Bearer realm=\"headway\""),
                );
            }
            ApiError::TooManyRequests { seconds } => {
                if let Ok(value) = HeaderValue::from_str(&seconds.to_string()) {
                    headers.insert(header::RETRY_AFTER, value);
                }
            }
            _ => {}
        }
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        response
    }
}

impl From<ApiDenied> for ApiError {
    fn from(denied: ApiDenied) -> ApiError {
        match denied {
            ApiDenied::NotOffered => ApiError::NotFound(denied.to_string()),
            ApiDenied::MissingScope(_) | ApiDenied::Denied(_) => {
                ApiError::Forbidden(denied.to_string())
            }
        }
    }
}

impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> ApiError {
        match error {
            StoreError::NotFound { .. } => ApiError::NotFound("not found".into()),
            other => ApiError::Internal(other.to_string()),
        }
    }
}

impl From<ReadError> for ApiError {
    fn from(error: ReadError) -> ApiError {
        match error {
            ReadError::Denied(denied) => denied.into(),
            ReadError::Store(e) => e.into(),
        }
    }
}

impl From<PathRejection> for ApiError {
    fn from(rejection: PathRejection) -> ApiError {
        ApiError::BadRequest(format!("the path is not valid: {}", rejection.body_text()))
    }
}

impl From<QueryRejection> for ApiError {
    fn from(rejection: QueryRejection) -> ApiError {
        ApiError::BadRequest(format!("the query is not valid: {}", rejection.body_text()))
    }
}

/// A path's parameters, refused as JSON when they do not parse.
#[derive(axum::extract::FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(ApiError))]
pub struct ApiPath<T>(pub T);

/// A query string, refused as JSON when it does not parse.
#[derive(axum::extract::FromRequestParts)]
#[from_request(via(axum::extract::Query), rejection(ApiError))]
pub struct ApiQuery<T>(pub T);

/// The caller of a request: the live token's person and its scopes, the request counted
/// against the token — or, without a working token, counted against the client address
/// and refused with 401 (429 once over the address's limit).
pub struct Caller(pub ApiCaller);

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, app: &AppState) -> Result<Self, ApiError> {
        // A header that is not even text is as malformed as a wrong one.
        let authorization = parts
            .headers
            .get(header::AUTHORIZATION)
            .map(|value| value.to_str().unwrap_or(""));
        match headway_app::api::caller(&app.store, authorization).await {
            Ok(caller) => {
                within_limit(app, Counted::Token(caller.token)).await?;
                Ok(Caller(caller))
            }
            Err(CallerError::Credentials(why)) => {
                let address = client_address(parts);
                within_limit(app, Counted::Address(&address)).await?;
                Err(ApiError::Unauthorized(why))
            }
            Err(CallerError::Store(e)) => Err(e.into()),
        }
    }
}

/// The connection's address as sign-in throttling reads it (an IPv6 client by its /64).
fn client_address(parts: &Parts) -> String {
    parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(peer)| headway_domain::account::throttle_address(peer.ip()))
        .unwrap_or_else(|| "unknown".to_owned())
}

async fn within_limit(app: &AppState, against: Counted<'_>) -> Result<(), ApiError> {
    match headway_app::api::count_request(&app.store, app.settings.api_limits, against).await? {
        RateDecision::Allowed => Ok(()),
        RateDecision::Wait { seconds } => Err(ApiError::TooManyRequests { seconds }),
    }
}
