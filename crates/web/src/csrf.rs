//! Protection against cross-site request forgery on every state-changing request:
//! a synchronizer token kept in the server-side session, sent back by each form (field
//! `csrf`) or by scripts (header `x-csrf-token`), plus SameSite=Lax cookies and a check
//! that any `Origin` header is our own.

use crate::error::AppError;
use axum::body::{Body, to_bytes};
use axum::extract::Request;
use axum::http::{Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use rand::RngExt;
use tower_sessions::Session;

const SESSION_KEY: &str = "csrf";
const FORM_LIMIT: usize = 1024 * 1024;
/// Uploads are read whole to find their token; the same limit as the upload routes.
const UPLOAD_LIMIT: usize = crate::pages::imports::UPLOAD_LIMIT;

/// The session's token, created on first use.
pub async fn token(session: &Session) -> Result<String, AppError> {
    if let Some(token) = session.get::<String>(SESSION_KEY).await.map_err(internal)? {
        return Ok(token);
    }
    let token = new_token();
    session
        .insert(SESSION_KEY, &token)
        .await
        .map_err(internal)?;
    Ok(token)
}

/// Replaces the token (at sign-in, so a token seen before sign-in is worthless after).
pub async fn renew(session: &Session) -> Result<String, AppError> {
    let token = new_token();
    session
        .insert(SESSION_KEY, &token)
        .await
        .map_err(internal)?;
    Ok(token)
}

fn new_token() -> String {
    let bytes: [u8; 32] = rand::rng().random();
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn internal(e: impl std::fmt::Display) -> AppError {
    AppError::Internal(e.to_string())
}

/// Equal-time comparison, so the token can't be guessed byte by byte from timings.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

fn origin_is_ours(request: &Request) -> bool {
    let Some(origin) = request.headers().get(header::ORIGIN) else {
        return true;
    };
    let Some(host) = request
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
    else {
        return false;
    };
    let origin = origin.to_str().unwrap_or_default();
    origin
        .strip_prefix("http://")
        .or_else(|| origin.strip_prefix("https://"))
        == Some(host)
}

fn refused(reason: &str) -> Response {
    AppError::BadRequest(reason.to_owned()).into_response()
}

/// Middleware: refuses a state-changing request without the session's token.
pub async fn guard(session: Session, request: Request, next: Next) -> Response {
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) {
        return next.run(request).await;
    }
    if !origin_is_ours(&request) {
        return refused("this form was sent from another site");
    }
    let expected = match session.get::<String>(SESSION_KEY).await {
        Ok(Some(token)) => token,
        _ => return refused("your session has expired; reload the page and try again"),
    };
    if let Some(sent) = request
        .headers()
        .get("x-csrf-token")
        .and_then(|v| v.to_str().ok())
    {
        return if same(sent, &expected) {
            next.run(request).await
        } else {
            refused("the form's security token did not match")
        };
    }
    let content_type = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let is_upload = content_type.starts_with("multipart/form-data");
    if !is_upload && !content_type.starts_with("application/x-www-form-urlencoded") {
        return refused("the form's security token is missing");
    }
    let (parts, body) = request.into_parts();
    let limit = if is_upload { UPLOAD_LIMIT } else { FORM_LIMIT };
    let Ok(bytes) = to_bytes(body, limit).await else {
        return refused("the form is too large");
    };
    let sent = if is_upload {
        multipart_token(&content_type, bytes.clone()).await
    } else {
        form_urlencoded::parse(&bytes)
            .find(|(k, _)| k == SESSION_KEY)
            .map(|(_, v)| v.into_owned())
    };
    match sent {
        Some(sent) if same(&sent, &expected) => {
            next.run(Request::from_parts(parts, Body::from(bytes)))
                .await
        }
        _ => refused("the form's security token did not match; reload the page and try again"),
    }
}

/// The token field of an upload form (pages put it before the file, so reading stops early).
/// Read with multer itself: axum's `Multipart` would hold this body to the 2 MB default
/// limit meant for ordinary forms, refusing every larger upload as a bad token.
async fn multipart_token(content_type: &str, bytes: axum::body::Bytes) -> Option<String> {
    let boundary = multer::parse_boundary(content_type).ok()?;
    let mut form = multer::Multipart::new(Body::from(bytes).into_data_stream(), boundary);
    while let Ok(Some(field)) = form.next_field().await {
        if field.name() == Some(SESSION_KEY) {
            return field.text().await.ok();
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_random_and_compared_exactly() {
        let (a, b) = (new_token(), new_token());
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
        assert!(same(&a, &a.clone()));
        assert!(!same(&a, &b));
        assert!(!same(&a, &a[..63]));
    }
}
