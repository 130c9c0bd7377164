//! One module per page or group of pages; each handler asks the access policy first.

pub mod attendance;
pub mod auth;
pub mod coaching;
pub mod cpd;
pub mod diagnostic;
pub mod expectations;
pub mod heads;
pub mod health;
pub mod home;
pub mod imports;
pub mod language;
pub mod make_priority;
pub mod network;
pub mod observation;
pub mod overview;
pub mod planning;
pub mod progress;
pub mod projections;
pub mod review;
pub mod schools;
pub mod survey;
pub mod system;
// Learning triads and collaborative inquiry (issue 16, item 5).
pub mod inquiry;
pub mod tokens;

use crate::error::AppError;

/// A school's summary for a page about it, or "not found" (asked after the policy, so a
/// school out of reach and one that does not exist answer alike).
pub async fn school_summary(
    app: &crate::AppState,
    school: headway_domain::ids::SchoolId,
) -> Result<headway_store::roster::SchoolSummary, AppError> {
    school_summary_at(app, app.store.data_version().await?, school).await
}

/// The same at a data version the page has read already (kept per version).
pub async fn school_summary_at(
    app: &crate::AppState,
    version: headway_store::versions::DataVersion,
    school: headway_domain::ids::SchoolId,
) -> Result<headway_store::roster::SchoolSummary, AppError> {
    let summary = app
        .references
        .catalog()
        .school(&app.store, version, school)
        .await?;
    (*summary).clone().ok_or(AppError::NotFound)
}

/// Subjects, grades and groups named by the deployment's measure set in the reader's
/// language.
pub async fn subject_names(
    app: &crate::AppState,
    t: &crate::i18n::Tr,
) -> Result<headway_app::measures::SubjectNames, AppError> {
    subject_names_at(app, t, app.store.data_version().await?).await
}

/// The same at a data version the page has read already (the subjects are kept per
/// version).
pub async fn subject_names_at(
    app: &crate::AppState,
    t: &crate::i18n::Tr,
    version: headway_store::versions::DataVersion,
) -> Result<headway_app::measures::SubjectNames, AppError> {
    let subjects = app
        .references
        .catalog()
        .stored_subjects(&app.store, version)
        .await?;
    Ok(headway_app::measures::SubjectNames::new(
        app.settings.measure_set,
        t.code(),
        subjects
            .iter()
            .map(|s| (s.id, s.code.clone(), s.name.clone())),
    ))
}

pub async fn not_found() -> AppError {
    AppError::NotFound
}

/// Only local paths may be returned to after sign-in or a language change (no open
/// redirects to other sites): `next` must be a path on this site — one `/` then printable
/// ASCII, with no backslash, control character or space anywhere (browsers drop tabs and
/// newlines from a URL, so `/\t/evil.example` would become `//evil.example`), and it must
/// still be a local path once percent-decoded (`/%2F/evil.example`, `/%09/…`). Anything
/// else goes home.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(path) if is_local_path(path) => path.to_owned(),
        _ => "/".to_owned(),
    }
}

fn is_local_path(path: &str) -> bool {
    fn plain(path: &str) -> bool {
        path.starts_with('/')
            && !path.starts_with("//")
            && path.bytes().all(|b| b.is_ascii_graphic() && b != b'\\')
    }
    let decoded: Vec<u8> = percent_decode(path.as_bytes());
    plain(path) && std::str::from_utf8(&decoded).is_ok_and(plain)
}

/// `%XX` sequences decoded once; anything else kept as it is.
fn percent_decode(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(high), Some(low)) => {
                out.push((high * 16 + low) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn local_paths_are_followed_after_sign_in() {
        for local in [
            "/",
            "/schools/3",
            "/schools/3/progress?subject=1&year=2",
            "/sign-in?next=%2Fschools%2F3",
            "/diagnostic/rounds/4#report",
        ] {
            assert_eq!(safe_next(Some(local)), local);
        }
        assert_eq!(safe_next(None), "/");
    }

    #[test]
    fn anything_that_could_leave_the_site_goes_home() {
        for hostile in [
            "//evil.example",
            "///evil.example",
            "https://evil.example",
            "javascript:alert(1)",
            "evil.example",
            "",
            "/\\evil.example",
            "\\/evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r\n/evil.example",
            "/%09/evil.example",
            "/%0a/evil.example",
            "/%0D%0ASet-Cookie:x=y",
            "/%2F/evil.example",
            "/%2f%2fevil.example",
            "/%5Cevil.example",
            "/%00",
            "/ /evil.example",
            "/schools/3\u{7f}",
            "/ysgol/\u{e2}",
        ] {
            assert_eq!(safe_next(Some(hostile)), "/", "{hostile:?}");
        }
    }
}
