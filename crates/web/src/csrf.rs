//! Protection against cross-site request forgery, and the bounded reading of the bodies of
//! the requests that change state. A synchronizer token is kept in the server-side session
//! and sent back by each form (field `csrf`) or by scripts (header `x-csrf-token`); cookies
//! are SameSite=Lax, and any `Origin` header must be our own.
//!
//! The check is an extractor, so it runs on exactly the routes that change state, with each
//! route's own limit, and reads no more of a body than that route needs:
//!
//! - [`CsrfForm`] (ordinary forms) refuses a body declared larger than the form limit before
//!   reading it, and stops reading an undeclared one at the limit;
//! - [`UploadForm`] (multipart uploads) reads nothing when it is extracted. The handler asks
//!   the access policy first and only then calls [`UploadForm::files`], so a visitor who is
//!   not signed in, or may not import, never has their body read at all.
//!
//! An upload's token travels as the form's **first field**: browsers send fields in the
//! order of the page, so a form without JavaScript works as it is written (the hidden
//! `csrf` input before the file input), the token stays out of URLs (and so out of access
//! logs, history and `Referer`), and a forged upload is refused after reading one small
//! field instead of the whole file.
//!
//! A visitor without a session (someone reading the sign-in page, a crawler) gets the
//! token in a cookie of its own instead, checked against the form the same way (the
//! double-submit pattern), so that reading a page writes no session row. The cookie is
//! HttpOnly and SameSite=Lax, so another site's form cannot send it; once a session has
//! its own token (from sign-in on), only that one counts.

use crate::AppState;
use crate::error::AppError;
use axum::body::{Body, to_bytes};
use axum::extract::{FromRef, FromRequest, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use rand::RngExt;
use serde::de::{DeserializeOwned, IgnoredAny};
use std::sync::{Arc, OnceLock};
use tower_sessions::Session;

const SESSION_KEY: &str = "csrf";
/// The cookie holding the token of a visitor without a session.
const VISITOR_COOKIE: &str = "headway_csrf";
/// A token is 64 hex digits; a first field longer than this is not one.
const TOKEN_FIELD_LIMIT: u64 = 256;

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
        Some(VisitorToken::Held(token)) => Ok(token.clone()),
        Some(VisitorToken::New(issued)) => Ok(issued.get_or_init(new_token).clone()),
        None => token(session).await,
    }
}

/// The visitor cookie's token for this request: the one the cookie holds, or one made only
/// when a page puts it in a form (and then set as the cookie).
#[derive(Clone)]
enum VisitorToken {
    Held(String),
    New(Arc<OnceLock<String>>),
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
    let issued = Arc::new(OnceLock::new());
    let visitor = match visitor_cookie_value(request.headers()) {
        Some(token) => VisitorToken::Held(token),
        None => VisitorToken::New(issued.clone()),
    };
    request.extensions_mut().insert(visitor);
    let mut response = next.run(request).await;
    if let Some(token) = issued.get() {
        let secure = if secure { "; Secure" } else { "" };
        let cookie = format!("{VISITOR_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax{secure}");
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

fn origin_is_ours(headers: &HeaderMap) -> bool {
    let Some(origin) = headers.get(header::ORIGIN) else {
        return true;
    };
    let Some(host) = headers.get(header::HOST).and_then(|h| h.to_str().ok()) else {
        return false;
    };
    let origin = origin.to_str().unwrap_or_default();
    origin
        .strip_prefix("http://")
        .or_else(|| origin.strip_prefix("https://"))
        == Some(host)
}

fn refused(key: &'static str) -> AppError {
    AppError::Refused {
        status: StatusCode::BAD_REQUEST,
        key,
        name: None,
    }
}

fn mismatch() -> AppError {
    refused("csrf-token-mismatch")
}

/// The body is larger than `limit` bytes.
fn too_large(limit: usize) -> AppError {
    AppError::TooLarge { limit }
}

/// What is known before a body is read: the request comes from our own pages, declares no
/// more than `limit` bytes, and the session holds the token to compare with (and the token
/// of the `x-csrf-token` header, if a script sent one).
struct Expected {
    token: String,
    from_header: Option<String>,
}

impl Expected {
    async fn of<S: Send + Sync>(
        parts: &mut Parts,
        state: &S,
        limit: usize,
    ) -> Result<Expected, AppError> {
        refuse_declared_over(&parts.headers, limit)?;
        if !origin_is_ours(&parts.headers) {
            return Err(refused("csrf-other-site"));
        }
        let session = Session::from_request_parts(parts, state)
            .await
            .map_err(|(_, why)| AppError::Internal(why.to_owned()))?;
        let token = match session.get::<String>(SESSION_KEY).await {
            Ok(Some(token)) => token,
            Ok(None) => match visitor_cookie_value(&parts.headers) {
                Some(token) => token,
                None => return Err(refused("csrf-session-expired")),
            },
            Err(_) => return Err(refused("csrf-session-expired")),
        };
        let from_header = parts
            .headers
            .get("x-csrf-token")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        if from_header
            .as_deref()
            .is_some_and(|sent| !same(sent, &token))
        {
            return Err(mismatch());
        }
        Ok(Expected { token, from_header })
    }

    fn check(&self, sent: Option<&str>) -> Result<(), AppError> {
        match (sent, &self.from_header) {
            (Some(sent), _) if same(sent, &self.token) => Ok(()),
            (None, Some(_)) => Ok(()),
            (None, None) => Err(refused("csrf-token-missing")),
            _ => Err(mismatch()),
        }
    }
}

fn declared_length(headers: &HeaderMap) -> Option<u64> {
    headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
}

/// Refuses a body that says it is larger than `limit`, before any of it is read.
fn refuse_declared_over(headers: &HeaderMap, limit: usize) -> Result<(), AppError> {
    match declared_length(headers) {
        Some(length) if length > limit as u64 => Err(too_large(limit)),
        _ => Ok(()),
    }
}

fn content_type(headers: &HeaderMap) -> &str {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
}

/// An ordinary (url-encoded) form whose token matched the session's, read up to the
/// configured form limit. Handlers that change state take it in place of axum's `Form`.
pub struct CsrfForm<T>(pub T);

/// A form of no fields of its own (a button such as "sign out"), its token checked.
pub type Verified = CsrfForm<IgnoredAny>;

impl<T, S> FromRequest<S> for CsrfForm<T>
where
    T: DeserializeOwned,
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let limit = AppState::from_ref(state).settings.limits.form_bytes;
        let (mut parts, body) = request.into_parts();
        let expected = Expected::of(&mut parts, state, limit).await?;
        let is_form = content_type(&parts.headers).starts_with("application/x-www-form-urlencoded");
        if !is_form && expected.from_header.is_none() {
            return Err(refused("csrf-token-missing"));
        }
        let bytes = to_bytes(body, limit).await.map_err(|_| too_large(limit))?;
        let sent = form_urlencoded::parse(&bytes)
            .find(|(k, _)| k == SESSION_KEY)
            .map(|(_, v)| v.into_owned());
        expected.check(sent.as_deref())?;
        let axum::Form(value) =
            axum::Form::<T>::from_request(Request::from_parts(parts, Body::from(bytes)), state)
                .await
                .map_err(|e| AppError::BadRequest(e.body_text()))?;
        Ok(CsrfForm(value))
    }
}

/// A file sent in a multipart form: its form field, its name and its bytes.
pub struct UploadedFile {
    pub field: String,
    pub file_name: String,
    pub bytes: Vec<u8>,
}

/// A multipart upload, not yet read: extracting it checks the origin, that the session has
/// a token, and that the declared size is within the upload limit. The handler checks who
/// may upload, then reads the form with [`UploadForm::files`].
pub struct UploadForm {
    expected: Expected,
    boundary: String,
    limit: usize,
    body: Body,
}

impl<S> FromRequest<S> for UploadForm
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let limit = AppState::from_ref(state).settings.limits.upload_bytes;
        let (mut parts, body) = request.into_parts();
        let expected = Expected::of(&mut parts, state, limit).await?;
        let boundary = multer::parse_boundary(content_type(&parts.headers))
            .map_err(|_| refused("csrf-token-missing"))?;
        Ok(UploadForm {
            expected,
            boundary,
            limit,
            body,
        })
    }
}

impl UploadForm {
    /// The files of the form (a file input left empty is none), once its first field has
    /// been found to be the session's token. Reading stops at the upload limit.
    pub async fn files(self) -> Result<Vec<UploadedFile>, AppError> {
        let limit = self.limit;
        let constraints = multer::Constraints::new().size_limit(
            multer::SizeLimit::new()
                .whole_stream(limit as u64)
                .for_field(SESSION_KEY, TOKEN_FIELD_LIMIT),
        );
        let mut form = multer::Multipart::with_constraints(
            self.body.into_data_stream(),
            self.boundary,
            constraints,
        );
        let unreadable = |e: multer::Error| match e {
            multer::Error::StreamSizeExceeded { .. } => too_large(limit),
            multer::Error::FieldSizeExceeded { .. } => mismatch(),
            _ => AppError::Refused {
                status: StatusCode::BAD_REQUEST,
                key: "upload-unreadable",
                name: None,
            },
        };
        let mut field = form.next_field().await.map_err(unreadable)?;
        if self.expected.from_header.is_none() {
            let first = field.take().filter(|f| f.name() == Some(SESSION_KEY));
            let sent = match first {
                Some(first) => Some(first.text().await.map_err(unreadable)?),
                None => None,
            };
            self.expected.check(sent.as_deref())?;
            field = form.next_field().await.map_err(unreadable)?;
        }
        let mut files = Vec::new();
        while let Some(current) = field {
            files.extend(read_file(current).await.map_err(unreadable)?);
            field = form.next_field().await.map_err(unreadable)?;
        }
        Ok(files)
    }
}

/// A field of an upload form, if it is a file that was chosen (not a text field, and not a
/// file input left empty). Takes the field, so the form can move on to the next.
async fn read_file(field: multer::Field<'_>) -> Result<Option<UploadedFile>, multer::Error> {
    let Some(file_name) = field.file_name().map(str::to_owned) else {
        return Ok(None);
    };
    let name = field.name().unwrap_or_default().to_owned();
    let bytes = field.bytes().await?;
    Ok(
        (!file_name.is_empty() || !bytes.is_empty()).then(|| UploadedFile {
            field: name,
            file_name,
            bytes: bytes.to_vec(),
        }),
    )
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

    #[test]
    fn only_our_own_origin_may_post() {
        let headers = |origin: Option<&str>| {
            let mut headers = HeaderMap::new();
            headers.insert(header::HOST, "school.example:8080".parse().unwrap());
            if let Some(origin) = origin {
                headers.insert(header::ORIGIN, origin.parse().unwrap());
            }
            headers
        };
        assert!(origin_is_ours(&headers(None)));
        assert!(origin_is_ours(&headers(Some(
            "https://school.example:8080"
        ))));
        assert!(!origin_is_ours(&headers(Some("https://evil.example"))));
        assert!(!origin_is_ours(&headers(Some("null"))));
    }
}
