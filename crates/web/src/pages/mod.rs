//! One module per page or group of pages; each handler asks the access policy first.

pub mod auth;
pub mod diagnostic;
pub mod expectations;
pub mod health;
pub mod home;
pub mod imports;
pub mod language;
pub mod progress;
pub mod schools;

use crate::error::AppError;

pub async fn not_found() -> AppError {
    AppError::NotFound
}

/// Only local paths may be returned to after sign-in or a language change (no open
/// redirects to other sites).
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(path) if path.starts_with('/') && !path.starts_with("//") && !path.contains('\\') => {
            path.to_owned()
        }
        _ => "/".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn only_local_paths_are_followed_after_sign_in() {
        assert_eq!(safe_next(Some("/schools/3")), "/schools/3");
        assert_eq!(safe_next(Some("//evil.example")), "/");
        assert_eq!(safe_next(Some("https://evil.example")), "/");
        assert_eq!(safe_next(Some("/\\evil.example")), "/");
        assert_eq!(safe_next(None), "/");
    }
}
