//! One error type for every handler, mapped to a status once. Pages for errors are
//! rendered by [`crate::layout::render_error_pages`], which knows the person's language.
//!
//! An unexpected failure (the database, a task that stopped) never shows its text: the
//! page gives an incident id, and the log has the same id beside the real error, so the
//! person can quote it and an administrator can find it.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use headway_domain::access::Denied;
use headway_store::StoreError;
use rand::RngExt;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("forbidden: {0}")]
    Forbidden(#[from] Denied),
    #[error("bad request: {0}")]
    BadRequest(String),
    /// A request refused for a reason worded in the person's language: the Fluent message
    /// `key`, given `name` as `$name`.
    #[error("refused: {key}")]
    Refused {
        status: StatusCode,
        key: &'static str,
        name: Option<String>,
    },
    /// A body (an upload, a form) larger than the configured `limit` in bytes.
    #[error("a body larger than {limit} bytes")]
    TooLarge { limit: usize },
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
    pub reason: Option<Reason>,
    /// The id of an unexpected failure, logged with the real error.
    pub incident: Option<String>,
}

/// Why a request was refused, as the person will read it.
#[derive(Debug, Clone)]
pub enum Reason {
    Text(String),
    /// A Fluent message, with its `$name` if it has one.
    Message(&'static str, Option<String>),
}

/// A new incident id: twelve hex digits in three groups, easy to read out on the phone.
pub fn new_incident() -> String {
    let bytes: [u8; 6] = rand::rng().random();
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!("{}-{}-{}", &hex[..4], &hex[4..8], &hex[8..])
}

/// An amount of bytes for people ("64 MB", "256 KB"), as the limits are configured.
pub fn size_for_people(bytes: u64) -> String {
    const MB: u64 = 1024 * 1024;
    if bytes >= MB {
        format!("{} MB", bytes.div_ceil(MB))
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let message = |key, name| Some(Reason::Message(key, name));
        let (status, reason) = match self {
            AppError::NotFound => (StatusCode::NOT_FOUND, None),
            AppError::Forbidden(denied) => (
                StatusCode::FORBIDDEN,
                Some(Reason::Text(denied.to_string())),
            ),
            AppError::BadRequest(why) => (StatusCode::BAD_REQUEST, Some(Reason::Text(why))),
            AppError::Refused { status, key, name } => (status, message(key, name)),
            AppError::TooLarge { limit } => (
                StatusCode::PAYLOAD_TOO_LARGE,
                message("limit-body-too-large", Some(size_for_people(limit as u64))),
            ),
            AppError::Store(StoreError::PendingTooLarge { limit, .. }) => (
                StatusCode::PAYLOAD_TOO_LARGE,
                message("limit-pending-too-large", Some(size_for_people(limit))),
            ),
            failure @ (AppError::Store(_) | AppError::Internal(_)) => {
                return unexpected(&failure);
            }
        };
        with_page(status.into_response(), status, reason, None)
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

/// The 500 page for a failure the person can do nothing about: an incident id for them, the
/// real error beside the same id in the log.
pub fn unexpected(error: &dyn std::fmt::Display) -> Response {
    let incident = new_incident();
    tracing::error!(incident = %incident, error = %error, "request failed");
    let status = StatusCode::INTERNAL_SERVER_ERROR;
    with_page(status.into_response(), status, None, Some(incident))
}

fn with_page(
    mut response: Response,
    status: StatusCode,
    reason: Option<Reason>,
    incident: Option<String>,
) -> Response {
    response.extensions_mut().insert(ErrorPage {
        status,
        reason,
        incident,
    });
    response
}

pub type AppResult<T> = Result<T, AppError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn incident_ids_are_random_and_readable() {
        let (a, b) = (new_incident(), new_incident());
        assert_ne!(a, b);
        assert_eq!(a.len(), 14);
        assert!(
            a.split('-')
                .all(|g| g.len() == 4 && g.chars().all(|c| c.is_ascii_hexdigit()))
        );
    }

    #[test]
    fn sizes_are_rounded_up_to_what_people_configure() {
        assert_eq!(size_for_people(64 * 1024 * 1024), "64 MB");
        assert_eq!(size_for_people(256 * 1024), "256 KB");
        assert_eq!(size_for_people(1024 * 1024 + 1), "2 MB");
    }
}
