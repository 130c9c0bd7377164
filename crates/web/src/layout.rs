//! Middleware that shapes every response: friendly error pages in the person's language,
//! and security headers.

use crate::context::request_lang;
use crate::error::ErrorPage;
use crate::i18n::Tr;
use askama::Template;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorTemplate {
    t: Tr,
    status: u16,
    title: String,
    explanation: String,
    reason: Option<String>,
    incident: Option<String>,
}

/// Turns a bare error status (from a handler's `AppError`, or the router's 404) into a page
/// that says what happened and what to do, in the person's language. A server error that
/// came from no handler (a layer such as the sessions' failed) gets an incident id too.
pub async fn render_error_pages(request: Request, next: Next) -> Response {
    let t = Tr::new(request_lang(request.headers()));
    let wants_json = request.uri().path().starts_with("/api/");
    let response = next.run(request).await;
    let page = match response.extensions().get::<ErrorPage>().cloned() {
        Some(page) => page,
        // A bare server error (no body of its own, unlike the health check's JSON).
        None if response.status().is_server_error()
            && !response.headers().contains_key(header::CONTENT_TYPE) =>
        {
            let status = response.status();
            let unexpected = crate::error::unexpected(&format!("a layer answered {status}"));
            let Some(page) = unexpected.extensions().get::<ErrorPage>().cloned() else {
                return response;
            };
            page
        }
        None => return response,
    };
    if wants_json {
        return response;
    }
    let key = match page.status {
        StatusCode::NOT_FOUND => "not-found",
        StatusCode::FORBIDDEN => "forbidden",
        StatusCode::BAD_REQUEST => "bad-request",
        StatusCode::PAYLOAD_TOO_LARGE => "too-large",
        StatusCode::CONFLICT | StatusCode::UNPROCESSABLE_ENTITY => "cannot-be-done",
        _ => "server-error",
    };
    let reason = page.reason.map(|reason| reason.text(t));
    let template = ErrorTemplate {
        t,
        status: page.status.as_u16(),
        title: t.get(&format!("error-{key}-title")),
        explanation: t.get(&format!("error-{key}-explanation")),
        reason,
        incident: page.incident,
    };
    match template.render() {
        Ok(html) => (page.status, Html(html)).into_response(),
        Err(_) => page.status.into_response(),
    }
}

/// Headers every page carries: no framing, no sniffing, a strict content policy (Headway
/// serves no scripts of its own), and no caching of personal pages.
pub async fn security_headers(request: Request, next: Next) -> Response {
    let is_asset = request.uri().path().starts_with("/static/");
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'"),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    if !is_asset {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}
