//! Protection against cross-site request forgery on every state-changing request:
//! a synchronizer token kept in the server-side session, sent back by each form (field
//! `csrf`) or by scripts (header `x-csrf-token`), plus SameSite=Lax cookies and a check
//! that any `Origin` header is our own.
//!
//! A visitor without a session (someone reading the sign-in page, a crawler) gets the
//! token in a cookie of its own instead, checked against the form the same way (the
//! double-submit pattern), so that reading a page writes no session row. The cookie is
//! HttpOnly and SameSite=Lax, so another site's form cannot send it; once a session has
//! its own token (from sign-in on), only that one counts.

use crate::error::AppError;
use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use rand::RngExt;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use tower_sessions::Session;

const SESSION_KEY: &str = "csrf";
/// The cookie holding the token of a visitor without a session.
const VISITOR_COOKIE: &str = "headway_csrf";
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

/// The token for a page's forms: the session's if it has one, else the visitor cookie's
/// (set on the response by [`visitor_cookie`] only if a page asked for it here).
pub async fn for_page(
    session: &Session,
    parts: &axum::http::request::Parts,
) -> Result<String, AppError> {
    if let Some(token) = session.get::<String>(SESSION_KEY).await.map_err(internal)? {
        return Ok(token);
    }
    match parts.extensions.get::<VisitorToken>() {
        Some(visitor) => {
            visitor.used.store(true, Ordering::Release);
            Ok(visitor.token.clone())
        }
        None => token(session).await,
    }
}

/// The visitor cookie's token for this request, and whether a page put it in a form.
#[derive(Clone)]
struct VisitorToken {
    token: String,
    is_new: bool,
    used: Arc<AtomicBool>,
}

fn visitor_cookie_value(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, value)| {
            *name == VISITOR_COOKIE
                && value.len() == 64
                && value.bytes().all(|b| b.is_ascii_hexdigit())
        })
        .map(|(_, value)| value.to_owned())
}

/// Middleware (state: whether cookies are `Secure`): offers each request its visitor
/// token, and sets the cookie when a page used a new one.
pub async fn visitor_cookie(
    State(secure): State<bool>,
    mut request: Request,
    next: Next,
) -> Response {
    let existing = visitor_cookie_value(request.headers());
    let visitor = VisitorToken {
        is_new: existing.is_none(),
        token: existing.unwrap_or_else(new_token),
        used: Arc::default(),
    };
    request.extensions_mut().insert(visitor.clone());
    let mut response = next.run(request).await;
    if visitor.is_new && visitor.used.load(Ordering::Acquire) {
        let secure = if secure { "; Secure" } else { "" };
        let cookie = format!(
            "{VISITOR_COOKIE}={}; Path=/; HttpOnly; SameSite=Lax{secure}",
            visitor.token
        );
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    response
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
        Ok(None) => match visitor_cookie_value(request.headers()) {
            Some(token) => token,
            None => return refused("your session has expired; reload the page and try again"),
        },
        Err(_) => return refused("your session has expired; reload the page and try again"),
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
