//! One error type for every handler, mapped to a status once. Pages for errors are
//! rendered by [`crate::layout::render_error_pages`], which knows the person's language.
//!
//! An unexpected failure (the database, a task that stopped) never shows its text: the
//! page gives an incident id, and the log has the same id beside the real error, so the
//! person can quote it and an administrator can find it.

use crate::i18n::Tr;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use fluent_templates::fluent_bundle::FluentValue;
use headway_domain::access::Denied;
use headway_store::{Conflict, Record, StoreError};
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
    /// A Fluent message with named arguments, each a text or a message of its own (the
    /// kind of record, a reason within a reason) worded in the same language.
    Worded(&'static str, Vec<(&'static str, Arg)>),
}

/// An argument of a [`Reason::Worded`] message.
#[derive(Debug, Clone)]
pub enum Arg {
    Text(String),
    Number(i64),
    Reason(Box<Reason>),
}

impl Reason {
    /// The reason in the language of `t`.
    pub fn text(&self, t: Tr) -> String {
        match self {
            Reason::Text(text) => text.clone(),
            Reason::Message(key, None) => t.get(key),
            Reason::Message(key, Some(name)) => t.named(key, name),
            Reason::Worded(key, args) => {
                let worded: Vec<(&str, FluentValue<'_>)> = args
                    .iter()
                    .map(|(name, arg)| {
                        let value = match arg {
                            Arg::Text(text) => FluentValue::from(text.clone()),
                            Arg::Number(n) => FluentValue::from(*n),
                            Arg::Reason(reason) => FluentValue::from(reason.text(t)),
                        };
                        (*name, value)
                    })
                    .collect();
                t.with(key, &worded)
            }
        }
    }
}

/// The one place a store error becomes something a person can read: the status to answer
/// with and the reason, worded in their language when the page is rendered. `None` for a
/// failure (the database, a task that stopped, stored data that cannot be read), which
/// is answered with an incident id and never its text.
pub fn store_refusal(error: &StoreError) -> Option<(StatusCode, Reason)> {
    let text = |s: &str| Arg::Text(s.to_owned());
    let record = |what: &Record| Arg::Reason(Box::new(Reason::Message(record_key(*what), None)));
    let wrapped =
        |key, clause: Reason| Reason::Worded(key, vec![("reason", Arg::Reason(Box::new(clause)))]);
    Some(match error {
        StoreError::NotFound { what, id } => (
            StatusCode::NOT_FOUND,
            Reason::Worded(
                "store-not-found",
                vec![("what", record(what)), ("id", text(id))],
            ),
        ),
        StoreError::UnknownReference { .. } => (
            StatusCode::UNPROCESSABLE_ENTITY,
            wrapped("store-unknown-reference", store_clause(error)?),
        ),
        StoreError::Duplicate { what, key } => (
            StatusCode::CONFLICT,
            Reason::Worded(
                "store-duplicate",
                vec![("what", record(what)), ("key", text(key))],
            ),
        ),
        StoreError::Conflict(_) => (
            StatusCode::CONFLICT,
            wrapped("store-conflict", store_clause(error)?),
        ),
        StoreError::NeedsConfirmation(_) => (
            StatusCode::CONFLICT,
            Reason::Message("store-needs-confirmation", None),
        ),
        StoreError::PendingTooLarge { limit, .. } => (
            StatusCode::PAYLOAD_TOO_LARGE,
            Reason::Message("limit-pending-too-large", Some(size_for_people(*limit))),
        ),
        StoreError::BadUrl(_)
        | StoreError::Connect(..)
        | StoreError::Migrate(_)
        | StoreError::Corrupt(_)
        | StoreError::Internal(_)
        | StoreError::Database(_) => return None,
    })
}

/// What a refused change names, as a clause to place inside a sentence of the page that
/// asked (an import's "nothing was written"): the unknown reference or the conflict.
pub fn store_clause(error: &StoreError) -> Option<Reason> {
    let text = |s: &str| Arg::Text(s.to_owned());
    let id = |n: &i64| Arg::Text(n.to_string());
    let worded = |key, args| Some(Reason::Worded(key, args));
    match error {
        StoreError::UnknownReference { what, source_id } => worded(
            "reference-unknown",
            vec![
                (
                    "what",
                    Arg::Reason(Box::new(Reason::Message(record_key(*what), None))),
                ),
                ("id", text(source_id)),
            ],
        ),
        StoreError::Conflict(conflict) => match conflict {
            Conflict::SeveralSchoolsForOne => worded("conflict-several-schools-for-one", vec![]),
            Conflict::SchoolSourcedIdDiffers { bundle, held } => worded(
                "conflict-school-sourced-id-differs",
                vec![("bundle", text(bundle)), ("held", text(held))],
            ),
            Conflict::SourcedIdHeldBySeveralSchools { source_id, schools } => worded(
                "conflict-sourced-id-held-by-several-schools",
                vec![
                    ("id", text(source_id)),
                    (
                        "schools",
                        Arg::Number(i64::try_from(*schools).unwrap_or(i64::MAX)),
                    ),
                ],
            ),
            Conflict::SchoolCodeTaken { code, school } => worded(
                "conflict-school-code-taken",
                vec![("code", text(code)), ("school", text(school))],
            ),
            Conflict::YearDatesDiffer {
                year,
                starts_on,
                ends_on,
            } => worded(
                "conflict-year-dates-differ",
                vec![
                    ("year", text(year)),
                    ("starts", text(starts_on)),
                    ("ends", text(ends_on)),
                ],
            ),
            Conflict::PupilAlreadyAtSchool { pupil, school } => worded(
                "conflict-pupil-already-at-school",
                vec![("pupil", id(pupil)), ("school", id(school))],
            ),
            Conflict::PupilSourcedIdTaken { school, source_id } => worded(
                "conflict-pupil-sourced-id-taken",
                vec![("school", id(school)), ("id", text(source_id))],
            ),
        },
        _ => None,
    }
}

/// The Fluent message naming a kind of record, with its article ("the pupil", "y disgybl").
fn record_key(what: Record) -> &'static str {
    match what {
        Record::Person => "record-person",
        Record::Organisation => "record-organisation",
        Record::School => "record-school",
        Record::Class => "record-class",
        Record::Pupil => "record-pupil",
        Record::Subject => "record-subject",
        Record::AcademicYear => "record-academic-year",
        Record::AssessmentPoint => "record-assessment-point",
        Record::Table => "record-table",
        Record::Role => "record-role",
        Record::Upload => "record-upload",
    }
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
            AppError::Store(error) => match store_refusal(&error) {
                Some((status, reason)) => (status, Some(reason)),
                None => return unexpected(&AppError::Store(error)),
            },
            failure @ AppError::Internal(_) => return unexpected(&failure),
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

    /// Every store error a person can cause, each conflict among them.
    fn refusals() -> Vec<StoreError> {
        let text = |s: &str| s.to_owned();
        vec![
            StoreError::NotFound {
                what: Record::Pupil,
                id: text("12"),
            },
            StoreError::UnknownReference {
                what: Record::AcademicYear,
                source_id: text("2031/32"),
            },
            StoreError::Duplicate {
                what: Record::Person,
                key: text("ann@a.test"),
            },
            StoreError::Duplicate {
                what: Record::Role,
                key: text("governor at 4"),
            },
            StoreError::Conflict(Conflict::SeveralSchoolsForOne),
            StoreError::Conflict(Conflict::SchoolSourcedIdDiffers {
                bundle: text("sch9"),
                held: text("sch1"),
            }),
            StoreError::Conflict(Conflict::SourcedIdHeldBySeveralSchools {
                source_id: text("sch1"),
                schools: 2,
            }),
            StoreError::Conflict(Conflict::SchoolCodeTaken {
                code: text("6612345"),
                school: text("Ysgol Glan"),
            }),
            StoreError::Conflict(Conflict::YearDatesDiffer {
                year: text("2025/26"),
                starts_on: text("2025-09-01"),
                ends_on: text("2026-08-31"),
            }),
            StoreError::Conflict(Conflict::PupilAlreadyAtSchool {
                pupil: 7,
                school: 3,
            }),
            StoreError::Conflict(Conflict::PupilSourcedIdTaken {
                school: 4,
                source_id: text("b-7"),
            }),
            StoreError::NeedsConfirmation(vec![]),
        ]
    }

    #[test]
    fn every_refusal_is_worded_in_english_and_welsh_with_its_names() {
        use crate::i18n::Lang;
        for error in refusals() {
            let (status, reason) = store_refusal(&error).expect("a refusal, not a failure");
            assert!(status.is_client_error(), "{error:?}: {status}");
            let en = reason.text(Tr::new(Lang::En));
            let cy = reason.text(Tr::new(Lang::Cy));
            for worded in [&en, &cy] {
                assert!(!worded.is_empty(), "{error:?}");
                // A missing message or argument shows its key or its braces.
                for leak in ["store-", "conflict-", "record-", "reference-", "{", "$"] {
                    assert!(!worded.contains(leak), "{error:?} in {worded:?}");
                }
            }
            assert_ne!(en, cy, "{error:?} is translated");
        }
        let (_, reason) = store_refusal(&StoreError::Conflict(Conflict::SchoolSourcedIdDiffers {
            bundle: "sch9".into(),
            held: "sch1".into(),
        }))
        .unwrap();
        assert_eq!(
            reason.text(Tr::new(Lang::Cy)),
            "Ni ellir gwneud hyn fel y mae pethau: ysgol y ffeiliau yw 'sch9', ond sourcedId yr ysgol hon yw 'sch1'."
        );
        let (status, reason) = store_refusal(&StoreError::NotFound {
            what: Record::AcademicYear,
            id: "9".into(),
        })
        .unwrap();
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert_eq!(
            reason.text(Tr::new(Lang::Cy)),
            "Nid oes cofnod o'r fath: y flwyddyn academaidd 9."
        );
    }

    #[test]
    fn failures_are_never_worded_for_the_page() {
        let failures = [
            StoreError::Database(sqlx::Error::Protocol("SELECT secret FROM people".into())),
            StoreError::Corrupt("a role of person 1: 'wizard'".into()),
            StoreError::Internal("the reference fit stopped".into()),
            StoreError::Migrate("0012".into()),
        ];
        for failure in failures {
            assert!(store_refusal(&failure).is_none(), "{failure:?}");
            let response = AppError::Store(failure).into_response();
            assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
            let page = response.extensions().get::<ErrorPage>().unwrap();
            assert!(page.reason.is_none() && page.incident.is_some());
        }
    }

    #[test]
    fn sizes_are_rounded_up_to_what_people_configure() {
        assert_eq!(size_for_people(64 * 1024 * 1024), "64 MB");
        assert_eq!(size_for_people(256 * 1024), "256 KB");
        assert_eq!(size_for_people(1024 * 1024 + 1), "2 MB");
    }
}
