//! One error type for every handler, mapped to a status once. Pages for errors are
//! rendered by [`crate::layout::render_error_pages`], which knows the person's language.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use headway_domain::access::Denied;
use headway_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("forbidden: {0}")]
    Forbidden(#[from] Denied),
    #[error("bad request: {0}")]
    BadRequest(String),
    #[error("store: {0}")]
    Store(#[from] StoreError),
    #[error("internal: {0}")]
    Internal(String),
}

/// Marks a response as an error page still to be rendered, with the reason to show.
#[derive(Debug, Clone)]
pub struct ErrorPage {
    pub status: StatusCode,
    /// A reason worded for the person (e.g. what role is missing); never internals.
    pub reason: Option<String>,
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let (status, reason) = match &self {
            AppError::NotFound => (StatusCode::NOT_FOUND, None),
            AppError::Forbidden(denied) => (StatusCode::FORBIDDEN, Some(denied.to_string())),
            AppError::BadRequest(why) => (StatusCode::BAD_REQUEST, Some(why.clone())),
            AppError::Store(_) | AppError::Internal(_) => {
                tracing::error!(error = %self, "request failed");
                (StatusCode::INTERNAL_SERVER_ERROR, None)
            }
        };
        let mut response = status.into_response();
        response
            .extensions_mut()
            .insert(ErrorPage { status, reason });
        response
    }
}

impl AppError {
    /// The refusal of a record the person may not see (a pupil, a class, another leader's
    /// round): answered exactly as a record that does not exist, so that ids cannot be
    /// probed for what exists.
    pub fn hidden(_: Denied) -> AppError {
        AppError::NotFound
    }
}

pub type AppResult<T> = Result<T, AppError>;
