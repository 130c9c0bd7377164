//! Choosing the language: remembered in a cookie (and on the account when signed in).

use crate::AppState;
use crate::context::{LANG_COOKIE, signed_in_person};
use crate::csrf::CsrfForm;
use crate::error::{AppError, AppResult};
use crate::i18n::Lang;
use crate::pages::safe_next;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tower_sessions::Session;

#[derive(Deserialize)]
pub struct LanguageForm {
    lang: String,
    next: Option<String>,
}

pub async fn choose(
    State(app): State<AppState>,
    session: Session,
    CsrfForm(form): CsrfForm<LanguageForm>,
) -> AppResult<Response> {
    let lang = Lang::from_code(&form.lang)
        .ok_or_else(|| AppError::BadRequest(format!("unknown language '{}'", form.lang)))?;
    if let Some(person) = signed_in_person(&session).await {
        app.store.accounts().set_locale(person, lang.code()).await?;
    }
    Ok((
        [(header::SET_COOKIE, cookie(lang))],
        Redirect::to(&safe_next(form.next.as_deref())),
    )
        .into_response())
}

/// The cookie that remembers a language choice for a year.
pub fn cookie(lang: Lang) -> String {
    format!(
        "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
        lang.code()
    )
}
