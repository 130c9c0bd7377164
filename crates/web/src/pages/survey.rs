//! Surveys of staff, pupils and parents: the school's surveys, opening a wave, handing
//! out its ways in (staff links by email or to copy, a printable sheet per class with a
//! QR code, the parents' code), reminders, closing and the head's release, answering
//! (no account needed; a phone is enough), and the results.
//!
//! Handlers extract, call a use case of `headway_app::survey` (which asks the access
//! policy, writes in one transaction and returns domain values) and render; nothing here
//! decides who may see what or computes a figure.

use crate::AppState;
use crate::context::{Page, SignedIn};
use crate::csrf::CsrfForm;
use crate::error::{AppError, AppResult};
use crate::format;
use crate::i18n::{Lang, Tr};
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use headway_app::survey::{self as use_case, NotYet, OpenSurvey, SurveyError};
use headway_domain::access::SurveyReading;
use headway_domain::anonymity::{CellVisibility, Threshold};
use headway_domain::diagnostic::instrument::ItemId;
use headway_domain::survey::answers::SurveyAnswers;
use headway_domain::survey::instrument::{Audience, SurveyInstrument};
use headway_domain::survey::report::ScaleCell;
use headway_domain::survey::window::SurveyStatus;
use headway_store::survey::{Entry, LinkRefused, SurveyId, SurveySummary};
use qrcode::QrCode;
use qrcode::render::svg;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/surveys", get(index).post(open))
        .route("/surveys/{survey}", get(survey_page))
        .route("/surveys/{survey}/staff-links", post(staff_links))
        .route("/surveys/{survey}/remind", post(remind))
        .route("/surveys/{survey}/sheets", get(sheets))
        .route("/surveys/{survey}/sheets/{class}", get(class_sheet))
        .route("/surveys/{survey}/parents", get(parents))
        .route("/surveys/{survey}/close", post(close))
        .route("/surveys/{survey}/release", post(release))
        .route("/surveys/{survey}/results", get(results))
        .route("/answer", get(code_form))
        .route("/answer/code/{code}", get(code_page).post(answer_code))
        .route(
            "/answer/code/{code}/{slip}",
            get(slip_page).post(answer_slip),
        )
        .route("/answer/link/{token}", get(link_page).post(answer_link))
}

impl From<SurveyError> for AppError {
    fn from(error: SurveyError) -> AppError {
        let refused = |status, key| AppError::Refused {
            status,
            key,
            name: None,
        };
        match error {
            SurveyError::Denied(denied) => AppError::Forbidden(denied),
            SurveyError::NotFound => AppError::NotFound,
            SurveyError::Closed => refused(StatusCode::BAD_REQUEST, "survey-error-closed"),
            SurveyError::NotReleased(when) => {
                let (key, name) = match when {
                    NotYet::Open {
                        closes_on: Some(day),
                    } => ("survey-error-not-released-until", Some(day)),
                    NotYet::Open { closes_on: None } => ("survey-error-not-released-open", None),
                    NotYet::InReview {
                        closed_at: Some(at),
                    } => (
                        "survey-error-not-released-review",
                        Some(
                            time::OffsetDateTime::from_unix_timestamp(at)
                                .map(|d| d.date().to_string())
                                .unwrap_or_default(),
                        ),
                    ),
                    NotYet::InReview { closed_at: None } => ("survey-error-not-released", None),
                };
                AppError::Refused {
                    status: StatusCode::FORBIDDEN,
                    key,
                    name,
                }
            }
            SurveyError::WrongAudience => refused(StatusCode::BAD_REQUEST, "survey-error-audience"),
            SurveyError::NothingAnswered => {
                refused(StatusCode::BAD_REQUEST, "survey-nothing-answered")
            }
            SurveyError::Refused(why) => refused(StatusCode::GONE, refused_key(why)),
            failure @ SurveyError::InstrumentUnavailable(_) => {
                AppError::Internal(failure.to_string())
            }
            SurveyError::Store(error) => AppError::Store(error),
        }
    }
}

fn refused_key(why: LinkRefused) -> &'static str {
    match why {
        LinkRefused::Unknown => "survey-refused-unknown",
        LinkRefused::AlreadyUsed => "survey-refused-used",
        LinkRefused::Closed => "survey-refused-closed",
        LinkRefused::SlipNeeded => "survey-refused-slip-needed",
    }
}

fn field<'a>(fields: &'a [(String, String)], name: &str) -> Option<&'a str> {
    fields
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

fn audience_name(t: &Tr, audience: Audience) -> String {
    t.get(&format!("survey-audience-{}", audience.as_str()))
}

fn status_name(t: &Tr, status: SurveyStatus) -> String {
    t.get(&format!(
        "survey-status-{}",
        status.as_str().replace('_', "-")
    ))
}

/// A breakdown group's name: a staff group as the 360 names it, a year group, or all.
fn group_name(t: &Tr, group: &str) -> String {
    if let Some(year) = group.strip_prefix("year-") {
        t.named("survey-year-group", year)
    } else if group == headway_store::survey::WHOLE_GROUP {
        t.get("survey-group-all")
    } else {
        t.get(&format!("diag-group-{}", group.replace('_', "-")))
    }
}

fn date_of(unix: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(unix)
        .map(|d| d.date().to_string())
        .unwrap_or_default()
}

// ---------------------------------------------------------------------------------------
// The school's surveys.

pub struct SurveyLine {
    pub id: i64,
    pub title: String,
    pub audience: String,
    pub opened: String,
    pub status: String,
    pub results_open: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "survey_index.html")]
pub struct IndexTemplate {
    page: Page,
    school: i64,
    surveys: Vec<SurveyLine>,
    may_run: bool,
    default_k: u8,
}

pub async fn index(State(app): State<AppState>, signed_in: SignedIn) -> AppResult<IndexTemplate> {
    let school = use_case::survey_school(&signed_in.principal)?;
    let hub = use_case::hub(&app.store, &signed_in.principal, school).await?;
    let t = signed_in.page.t;
    Ok(IndexTemplate {
        school: school.0,
        surveys: hub
            .surveys
            .iter()
            .map(|s| SurveyLine {
                id: s.id.0,
                title: s.title.clone(),
                audience: audience_name(&t, s.audience),
                opened: date_of(s.opened_at),
                status: status_name(&t, s.status),
                results_open: s.status.is_released()
                    || (hub.may_release && s.status == SurveyStatus::AwaitingReview),
            })
            .collect(),
        may_run: hub.may_run,
        default_k: Threshold::DEFAULT.get(),
        page: signed_in.page,
    })
}

pub async fn open(
    State(app): State<AppState>,
    signed_in: SignedIn,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Redirect> {
    let school = field(&fields, "school")
        .and_then(|s| s.parse::<i64>().ok())
        .map(headway_domain::ids::SchoolId)
        .ok_or_else(|| AppError::BadRequest("choose a school".into()))?;
    let audience: Audience = field(&fields, "audience")
        .unwrap_or_default()
        .parse()
        .map_err(|e: headway_domain::survey::instrument::UnknownAudience| {
            AppError::BadRequest(e.to_string())
        })?;
    let title = field(&fields, "title").unwrap_or_default().trim();
    if title.is_empty() || title.chars().count() > 120 {
        return Err(AppError::Refused {
            status: StatusCode::BAD_REQUEST,
            key: "survey-error-title",
            name: None,
        });
    }
    let threshold = match field(&fields, "threshold").filter(|k| !k.trim().is_empty()) {
        None => Threshold::DEFAULT,
        Some(k) => {
            let k: u8 = k
                .trim()
                .parse()
                .map_err(|_| AppError::BadRequest(format!("'{k}' is not a whole number")))?;
            Threshold::new(k).map_err(|e| AppError::BadRequest(e.to_string()))?
        }
    };
    let closes_on = field(&fields, "closes_on")
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(|d| {
            time::Date::parse(d, &time::format_description::well_known::Iso8601::DATE)
                .map(|date| date.to_string())
                .map_err(|_| AppError::BadRequest(format!("'{d}' is not a date")))
        })
        .transpose()?;
    let id = use_case::open_survey(
        &app.store,
        &signed_in.principal,
        OpenSurvey {
            school,
            audience,
            title: title.to_owned(),
            threshold,
            review_by_head: field(&fields, "review").is_some(),
            closes_on,
        },
    )
    .await?;
    Ok(Redirect::to(&format!("/surveys/{}", id.0)))
}

// ---------------------------------------------------------------------------------------
// One survey while it runs: counts only, its ways in, reminders, closing, release.

pub struct CountLine {
    pub group: String,
    pub answered: Option<u32>,
    pub invited: u32,
}

#[derive(Template, WebTemplate)]
#[template(path = "survey_page.html")]
pub struct SurveyPageTemplate {
    page: Page,
    id: i64,
    title: String,
    audience: String,
    audience_key: &'static str,
    status: String,
    is_open: bool,
    awaiting_review: bool,
    released: bool,
    may_release: bool,
    closes_on: Option<String>,
    k: u8,
    answered: Option<u32>,
    counts: Vec<CountLine>,
    email: bool,
    reminded: bool,
}

#[derive(serde::Deserialize)]
pub struct PageQuery {
    #[serde(default)]
    reminded: Option<String>,
}

pub async fn survey_page(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(survey): Path<i64>,
    Query(query): Query<PageQuery>,
) -> AppResult<SurveyPageTemplate> {
    let progress = use_case::progress(&app.store, &signed_in.principal, SurveyId(survey)).await?;
    let s = &progress.survey;
    let t = signed_in.page.t;
    let may_release = signed_in
        .principal
        .may(&headway_domain::access::Action::ReleaseSurveyResults(
            s.school,
        ))
        .is_ok();
    Ok(SurveyPageTemplate {
        id: s.id.0,
        title: s.title.clone(),
        audience: audience_name(&t, s.audience),
        audience_key: s.audience.as_str(),
        status: status_name(&t, s.status),
        is_open: s.status.is_open(),
        awaiting_review: s.status == SurveyStatus::AwaitingReview,
        released: s.status.is_released(),
        may_release,
        closes_on: s.closes_on.clone(),
        k: s.threshold.get(),
        answered: progress.answered,
        counts: progress
            .groups
            .iter()
            .map(|(group, answered, invited)| CountLine {
                group: group_name(&t, group),
                answered: *answered,
                invited: *invited,
            })
            .collect(),
        email: app.settings.email.is_some(),
        reminded: query.reminded.is_some(),
        page: signed_in.page,
    })
}

/// The address answers come to, for links and QR codes on this server: the configured
/// public address when there is one, otherwise the address the leader reached this page
/// by (the leader is the one who prints it, so a forged Host header fools only them).
fn base_url(app: &AppState, headers: &HeaderMap) -> String {
    if let Some(email) = &app.settings.email {
        return email.public_url.clone();
    }
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            h.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'))
        })
        .unwrap_or("localhost");
    let scheme = if app.settings.secure_cookies {
        "https"
    } else {
        "http"
    };
    format!("{scheme}://{host}")
}

pub struct LinkLine {
    pub name: String,
    pub link: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "survey_links.html")]
pub struct LinksTemplate {
    page: Page,
    id: i64,
    title: String,
    mailed: usize,
    links: Vec<LinkLine>,
}

/// Issues a link to every member of staff; mails those with an address when SMTP is
/// configured, and lists the rest to copy. The links are shown on this page only.
pub async fn staff_links(
    State(app): State<AppState>,
    signed_in: SignedIn,
    headers: HeaderMap,
    Path(survey): Path<i64>,
    CsrfForm(_fields): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Response> {
    let (survey, links) =
        use_case::issue_staff_links(&app.store, &signed_in.principal, SurveyId(survey)).await?;
    let base = base_url(&app, &headers);
    let t = signed_in.page.t;
    let issued = links.len();
    let left = match &app.settings.email {
        Some(email) => {
            use_case::mail_links(email.mailer.as_ref(), links, |link, to| {
                crate::mail::Message {
                    to: to.to_owned(),
                    subject: t.named("survey-email-subject", &survey.school_name),
                    body: t.with(
                        "survey-email-body",
                        &[
                            ("school", survey.school_name.as_str().into()),
                            ("link", format!("{base}/answer/link/{}", link.token).into()),
                        ],
                    ),
                }
            })
            .await
        }
        None => links,
    };
    Ok(LinksTemplate {
        id: survey.id.0,
        title: survey.title.clone(),
        mailed: issued - left.len(),
        links: left
            .into_iter()
            .map(|link| LinkLine {
                name: link.name,
                link: format!("{base}/answer/link/{}", link.token),
            })
            .collect(),
        page: signed_in.page,
    }
    .into_response())
}

pub async fn remind(
    State(app): State<AppState>,
    signed_in: SignedIn,
    headers: HeaderMap,
    Path(survey): Path<i64>,
    CsrfForm(_fields): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Redirect> {
    let Some(email) = &app.settings.email else {
        return Err(AppError::Refused {
            status: StatusCode::BAD_REQUEST,
            key: "survey-error-no-email",
            name: None,
        });
    };
    let base = base_url(&app, &headers);
    let t = signed_in.page.t;
    use_case::remind(
        &app.store,
        &signed_in.principal,
        SurveyId(survey),
        email.mailer.as_ref(),
        |to, token| crate::mail::Message {
            to: to.to_owned(),
            subject: t.get("survey-reminder-subject"),
            body: t.with(
                "survey-reminder-body",
                &[("link", format!("{base}/answer/link/{token}").into())],
            ),
        },
    )
    .await?;
    Ok(Redirect::to(&format!("/surveys/{survey}?reminded=1")))
}

/// A QR code of `text` as inline SVG markup (dark modules on white, with a quiet zone).
fn qr_svg(text: &str) -> String {
    QrCode::new(text.as_bytes())
        .map(|code| {
            code.render::<svg::Color<'_>>()
                .min_dimensions(160, 160)
                .quiet_zone(true)
                .build()
        })
        .map(|svg| {
            // The renderer writes an XML declaration; inline SVG must not have one.
            svg.find("<svg")
                .map_or(svg.clone(), |at| svg[at..].to_owned())
        })
        .unwrap_or_default()
}

pub struct Sheet {
    pub class_name: String,
    pub year: Option<i64>,
    pub code: String,
    pub link: String,
    pub qr: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "survey_sheets.html")]
pub struct SheetsTemplate {
    page: Page,
    id: i64,
    title: String,
    base: String,
    sheets: Vec<Sheet>,
}

pub struct ClassLine {
    pub class_id: i64,
    pub class_name: String,
    pub year: Option<i64>,
    pub code: String,
    pub slips: u32,
}

#[derive(Template, WebTemplate)]
#[template(path = "survey_classes.html")]
pub struct ClassesTemplate {
    page: Page,
    id: i64,
    title: String,
    classes: Vec<ClassLine>,
}

/// The classes of a pupil survey, each with its code and a link to its sheet of slips.
pub async fn sheets(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(survey): Path<i64>,
) -> AppResult<ClassesTemplate> {
    let (survey, codes) =
        use_case::class_sheets(&app.store, &signed_in.principal, SurveyId(survey)).await?;
    Ok(ClassesTemplate {
        id: survey.id.0,
        title: survey.title.clone(),
        classes: codes
            .into_iter()
            .map(|c| ClassLine {
                class_id: c.class_id,
                class_name: c.class_name,
                year: c.year_group,
                code: c.code,
                slips: c.slips,
            })
            .collect(),
        page: signed_in.page,
    })
}

pub struct SlipLine {
    pub pupil: String,
    pub code: String,
    pub link: String,
    pub qr: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "survey_slips.html")]
pub struct SlipsTemplate {
    page: Page,
    id: i64,
    title: String,
    class_name: String,
    year: Option<i64>,
    class_code: String,
    base: String,
    slips: Vec<SlipLine>,
}

/// One class's printable sheet: a slip per pupil, each with the class code, the pupil's
/// own single-use code, the address, and a QR code of the address with both codes.
pub async fn class_sheet(
    State(app): State<AppState>,
    signed_in: SignedIn,
    headers: HeaderMap,
    Path((survey, class)): Path<(i64, i64)>,
) -> AppResult<SlipsTemplate> {
    let (survey, code, slips) =
        use_case::class_slips(&app.store, &signed_in.principal, SurveyId(survey), class).await?;
    let base = base_url(&app, &headers);
    Ok(SlipsTemplate {
        id: survey.id.0,
        title: survey.title.clone(),
        slips: slips
            .into_iter()
            .map(|slip| {
                let link = format!("{base}/answer/code/{}/{}", code.code, slip.code);
                SlipLine {
                    qr: qr_svg(&link),
                    pupil: slip.pupil,
                    code: slip.code,
                    link,
                }
            })
            .collect(),
        class_name: code.class_name,
        year: code.year_group,
        class_code: code.code,
        base,
        page: signed_in.page,
    })
}

/// The parents' code and address, with a QR code, to send home or print.
pub async fn parents(
    State(app): State<AppState>,
    signed_in: SignedIn,
    headers: HeaderMap,
    Path(survey): Path<i64>,
) -> AppResult<SheetsTemplate> {
    let (survey, code) =
        use_case::parents_code(&app.store, &signed_in.principal, SurveyId(survey)).await?;
    let base = base_url(&app, &headers);
    let link = format!("{base}/answer/code/{code}");
    Ok(SheetsTemplate {
        id: survey.id.0,
        title: survey.title.clone(),
        sheets: vec![Sheet {
            qr: qr_svg(&link),
            class_name: survey.school_name.clone(),
            year: None,
            code,
            link,
        }],
        base,
        page: signed_in.page,
    })
}

pub async fn close(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(survey): Path<i64>,
    CsrfForm(_fields): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Redirect> {
    use_case::close(&app.store, &signed_in.principal, SurveyId(survey)).await?;
    Ok(Redirect::to(&format!("/surveys/{survey}")))
}

pub async fn release(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(survey): Path<i64>,
    CsrfForm(_fields): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Redirect> {
    use_case::release(&app.store, &signed_in.principal, SurveyId(survey)).await?;
    Ok(Redirect::to(&format!("/surveys/{survey}/results")))
}

// ---------------------------------------------------------------------------------------
// Answering: no account, a phone is enough.

#[derive(Template, WebTemplate)]
#[template(path = "survey_code.html")]
pub struct CodeTemplate {
    page: Page,
    code: String,
    slip: String,
    /// The code (or the pair of codes) opens nothing.
    unknown: bool,
    /// A class code was given without the pupil's own code.
    slip_needed: bool,
}

impl CodeTemplate {
    fn new(page: Page, code: &str, slip: &str) -> CodeTemplate {
        CodeTemplate {
            page,
            code: code.to_owned(),
            slip: slip.to_owned(),
            unknown: false,
            slip_needed: false,
        }
    }
}

#[derive(serde::Deserialize)]
pub struct CodeQuery {
    #[serde(default)]
    code: Option<String>,
    #[serde(default)]
    slip: Option<String>,
}

fn typed(value: Option<&str>) -> Option<String> {
    value
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(headway_store::survey::normalise_code)
}

/// "Type the code on your sheet": a code typed here (with a pupil's own code from their
/// slip, when they have one) goes to its survey.
pub async fn code_form(page: Page, Query(query): Query<CodeQuery>) -> AppResult<Response> {
    let code = typed(query.code.as_deref());
    let slip = typed(query.slip.as_deref());
    match (code, slip) {
        (Some(code), Some(slip)) => {
            Ok(Redirect::to(&format!("/answer/code/{code}/{slip}")).into_response())
        }
        (Some(code), None) => Ok(Redirect::to(&format!("/answer/code/{code}")).into_response()),
        (None, _) => Ok(CodeTemplate::new(page, "", "").into_response()),
    }
}

pub struct FormOption {
    pub value: u8,
    pub label: String,
    pub checked: bool,
}

pub struct FormItem {
    pub id: String,
    pub number: usize,
    pub wording: String,
    pub options: Vec<FormOption>,
}

pub struct FormScale {
    pub name: String,
    pub items: Vec<FormItem>,
}

#[derive(Template, WebTemplate)]
#[template(path = "survey_form.html")]
pub struct FormTemplate {
    page: Page,
    title: String,
    school: String,
    introduction: String,
    action: String,
    scales: Vec<FormScale>,
    free_text: Option<String>,
    comment: String,
    nothing_answered: bool,
}

/// The questions, in the page's language, with whatever `kept` (a form sent back to
/// change the language, or sent with nothing) had ticked or written.
fn form(
    page: Page,
    entry: &Entry,
    instrument: &SurveyInstrument,
    action: String,
    kept: &[(String, String)],
) -> FormTemplate {
    let lang = page.lang();
    let mut number = 0;
    FormTemplate {
        title: instrument.title.get(lang).to_owned(),
        school: entry.survey.school_name.clone(),
        introduction: instrument.introduction.get(lang).to_owned(),
        action,
        scales: instrument
            .scales
            .iter()
            .map(|scale| FormScale {
                name: scale.name.get(lang).to_owned(),
                items: scale
                    .items
                    .iter()
                    .map(|item| {
                        number += 1;
                        let ticked = field(kept, &format!("item-{}", item.id.0));
                        FormItem {
                            id: item.id.0.clone(),
                            number,
                            wording: item.wording.get(lang).to_owned(),
                            options: instrument
                                .scale
                                .points
                                .iter()
                                .map(|p| FormOption {
                                    value: p.value,
                                    label: p.label.get(lang).to_owned(),
                                    checked: ticked == Some(p.value.to_string().as_str()),
                                })
                                .collect(),
                        }
                    })
                    .collect(),
            })
            .collect(),
        free_text: instrument
            .free_text
            .as_ref()
            .map(|q| q.get(lang).to_owned()),
        comment: field(kept, "comment").unwrap_or_default().to_owned(),
        nothing_answered: false,
        page,
    }
}

/// Reads `item-{id}` fields (a point of the scale) and `comment`.
fn answers(instrument: &SurveyInstrument, fields: &[(String, String)]) -> AppResult<SurveyAnswers> {
    let mut ratings = Vec::new();
    for (name, value) in fields {
        let Some(item) = name.strip_prefix("item-") else {
            continue;
        };
        if value.is_empty() {
            continue;
        }
        let value: u8 = value.parse().map_err(|_| {
            AppError::BadRequest(format!("'{value}' is not an answer to item {item}"))
        })?;
        ratings.push((ItemId(item.to_owned()), value));
    }
    SurveyAnswers::new(instrument, ratings, field(fields, "comment"))
        .map_err(|e| AppError::BadRequest(e.to_string()))
}

#[derive(Template, WebTemplate)]
#[template(path = "survey_message.html")]
pub struct MessageTemplate {
    page: Page,
    title: String,
    message: String,
}

fn message(page: Page, status: StatusCode, title_key: &str, message_key: &str) -> Response {
    (
        status,
        MessageTemplate {
            title: page.t.get(title_key),
            message: page.t.get(message_key),
            page,
        },
    )
        .into_response()
}

/// How the way in was given: a pupil's slip is refused in words about slips.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum WayIn {
    Link,
    Code,
    Slip,
}

fn refused_page(page: Page, error: SurveyError, way_in: WayIn) -> AppResult<Response> {
    match error {
        SurveyError::Refused(why) => {
            let status = if why == LinkRefused::Unknown {
                StatusCode::NOT_FOUND
            } else {
                StatusCode::GONE
            };
            let key = match (why, way_in) {
                (LinkRefused::AlreadyUsed, WayIn::Slip) => "survey-refused-slip-used",
                (LinkRefused::Unknown, WayIn::Slip) => "survey-refused-slip-unknown",
                (why, _) => refused_key(why),
            };
            Ok(message(page, status, "survey-refused-title", key))
        }
        error => Err(error.into()),
    }
}

async fn show_form(
    page: Page,
    entry: Result<Entry, SurveyError>,
    action: String,
    way_in: WayIn,
) -> AppResult<Response> {
    let entry = match entry {
        Ok(entry) => entry,
        Err(error) => return refused_page(page, error, way_in),
    };
    let instrument = use_case::instrument_of(&entry.survey)?;
    Ok(form(page, &entry, instrument, action, &[]).into_response())
}

/// Sends the answers; or, when the form was sent by a language button, shows the same
/// questions in that language with what was ticked and written kept (nothing is sent).
async fn submit(
    app: &AppState,
    mut page: Page,
    entry: Result<Entry, SurveyError>,
    action: String,
    fields: &[(String, String)],
    way_in: WayIn,
) -> AppResult<Response> {
    let language = match field(fields, "language") {
        Some(code) => Some(
            Lang::from_code(code)
                .ok_or_else(|| AppError::BadRequest(format!("unknown language '{code}'")))?,
        ),
        None => None,
    };
    if let Some(lang) = language {
        page.t = Tr::new(lang);
    }
    let entry = match entry {
        Ok(entry) => entry,
        Err(error) => return refused_page(page, error, way_in),
    };
    let instrument = use_case::instrument_of(&entry.survey)?;
    if let Some(lang) = language {
        let again = form(page, &entry, instrument, action, fields);
        return Ok((
            [(header::SET_COOKIE, crate::pages::language::cookie(lang))],
            again,
        )
            .into_response());
    }
    let answers = answers(instrument, fields)?;
    match use_case::answer(&app.store, &entry, &answers).await {
        Ok(()) => Ok(message(
            page,
            StatusCode::OK,
            "survey-thanks-title",
            "survey-thanks-message",
        )),
        // Nothing answered: nothing stored, the link still works; the page asks again.
        Err(SurveyError::NothingAnswered) => {
            let mut again = form(page, &entry, instrument, action, fields);
            again.nothing_answered = true;
            Ok(again.into_response())
        }
        Err(error) => refused_page(page, error, way_in),
    }
}

/// A parents' code opens the survey; a class code asks for the pupil's own code too.
pub async fn code_page(
    State(app): State<AppState>,
    page: Page,
    Path(code): Path<String>,
) -> AppResult<Response> {
    let entry = use_case::by_code(&app.store, &code).await;
    match entry {
        Err(SurveyError::Refused(LinkRefused::Unknown)) => {
            let mut again = CodeTemplate::new(page, &code, "");
            again.unknown = true;
            Ok((StatusCode::NOT_FOUND, again).into_response())
        }
        Err(SurveyError::Refused(LinkRefused::SlipNeeded)) => {
            let mut again = CodeTemplate::new(page, &code, "");
            again.slip_needed = true;
            Ok(again.into_response())
        }
        entry => show_form(page, entry, format!("/answer/code/{code}"), WayIn::Code).await,
    }
}

pub async fn answer_code(
    State(app): State<AppState>,
    page: Page,
    Path(code): Path<String>,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Response> {
    let entry = use_case::by_code(&app.store, &code).await;
    let action = format!("/answer/code/{code}");
    submit(&app, page, entry, action, &fields, WayIn::Code).await
}

/// A pupil's way in: the class code and the code on their own slip (from the QR code,
/// or typed). A pair that does not match is asked for again.
pub async fn slip_page(
    State(app): State<AppState>,
    page: Page,
    Path((code, slip)): Path<(String, String)>,
) -> AppResult<Response> {
    let entry = use_case::by_slip(&app.store, &code, &slip).await;
    if matches!(entry, Err(SurveyError::Refused(LinkRefused::Unknown))) {
        let mut again = CodeTemplate::new(page, &code, &slip);
        again.unknown = true;
        return Ok((StatusCode::NOT_FOUND, again).into_response());
    }
    let action = format!("/answer/code/{code}/{slip}");
    show_form(page, entry, action, WayIn::Slip).await
}

pub async fn answer_slip(
    State(app): State<AppState>,
    page: Page,
    Path((code, slip)): Path<(String, String)>,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Response> {
    let entry = use_case::by_slip(&app.store, &code, &slip).await;
    let action = format!("/answer/code/{code}/{slip}");
    submit(&app, page, entry, action, &fields, WayIn::Slip).await
}

pub async fn link_page(
    State(app): State<AppState>,
    page: Page,
    Path(token): Path<String>,
) -> AppResult<Response> {
    let entry = use_case::by_token(&app.store, &token).await;
    show_form(page, entry, format!("/answer/link/{token}"), WayIn::Link).await
}

pub async fn answer_link(
    State(app): State<AppState>,
    page: Page,
    Path(token): Path<String>,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Response> {
    let entry = use_case::by_token(&app.store, &token).await;
    let action = format!("/answer/link/{token}");
    submit(&app, page, entry, action, &fields, WayIn::Link).await
}

// ---------------------------------------------------------------------------------------
// Results.

pub struct ItemLine {
    pub wording: String,
    pub reverse: bool,
    pub correlation: String,
}

pub struct ScaleLine {
    pub anchor: String,
    pub name: String,
    pub shown: bool,
    pub respondents: u32,
    pub mean: String,
    pub interval: String,
    pub alpha: Option<String>,
    pub items: Vec<ItemLine>,
    pub change: Option<String>,
    pub change_interval: Option<String>,
    pub change_clear: bool,
    /// The chart's bar: the mean and the interval's ends as x positions.
    pub x_mean: f64,
    pub x_low: f64,
    pub x_high: f64,
    pub y: f64,
}

pub struct BreakdownRow {
    pub name: String,
    pub respondents: u32,
    pub cells: Vec<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "survey_results.html")]
pub struct ResultsTemplate {
    page: Page,
    title: String,
    audience: String,
    k: u8,
    in_review: bool,
    whole_school_only: bool,
    respondents: Option<u32>,
    scales: Vec<ScaleLine>,
    scale_names: Vec<String>,
    breakdown: Vec<BreakdownRow>,
    unshown: Vec<String>,
    comments: Vec<String>,
    previous: Option<String>,
    chart_height: f64,
    ticks: Vec<(f64, u8)>,
}

/// The chart's x position of a score on the survey's scale (1–5 across 40–440).
fn x_of(value: f64, min: u8, max: u8) -> f64 {
    40.0 + (value - f64::from(min)) / f64::from(max - min) * 400.0
}

fn cell_text(t: &Tr, cell: &ScaleCell) -> String {
    match (&cell.visibility, cell.figures.as_ref().and_then(|f| f.mean)) {
        (CellVisibility::Shown, Some(mean)) => format::decimal(Some(mean.mean), 2),
        (CellVisibility::Shown, None) => "–".to_owned(),
        (CellVisibility::TooFew, _) => t.get("survey-cell-too-few"),
        (CellVisibility::WouldRevealSmallerGroup, _) => t.get("survey-cell-would-reveal"),
    }
}

pub async fn results(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(survey): Path<i64>,
) -> AppResult<ResultsTemplate> {
    let r = use_case::results(&app.store, &signed_in.principal, SurveyId(survey)).await?;
    let t = signed_in.page.t;
    let lang = signed_in.page.lang();
    let instrument = r.instrument;
    let (min, max) = (instrument.scale.min, instrument.scale.max);
    let scales: Vec<ScaleLine> = instrument
        .scales
        .iter()
        .zip(&r.results.whole)
        .enumerate()
        .map(|(i, (scale, cell))| {
            let figures = cell.figures.as_ref();
            let mean = figures.and_then(|f| f.mean);
            let change = r
                .changes
                .iter()
                .find(|(id, _)| *id == scale.id)
                .and_then(|(_, c)| *c);
            ScaleLine {
                anchor: scale.id.0.replace('_', "-"),
                name: scale.name.get(lang).to_owned(),
                shown: mean.is_some(),
                respondents: figures.map_or(0, |f| f.respondents),
                mean: format::decimal(mean.map(|m| m.mean), 2),
                interval: mean.map_or_else(String::new, |m| {
                    format::interval(
                        &t,
                        format::decimal(Some(m.low), 2),
                        format::decimal(Some(m.high), 2),
                    )
                }),
                alpha: figures
                    .and_then(|f| f.reliability.as_ref())
                    .map(|rel| format::decimal(Some(rel.alpha), 2)),
                items: scale
                    .items
                    .iter()
                    .map(|item| ItemLine {
                        wording: item.wording.get(lang).to_owned(),
                        reverse: item.reverse,
                        correlation: format::decimal(
                            figures
                                .and_then(|f| f.reliability.as_ref())
                                .and_then(|rel| {
                                    rel.item_total.iter().find(|(id, _)| *id == item.id)
                                })
                                .and_then(|(_, r)| *r),
                            2,
                        ),
                    })
                    .collect(),
                change: change.map(|c| format::signed(c.difference, 2)),
                change_interval: change.map(|c| {
                    format::interval(&t, format::signed(c.low, 2), format::signed(c.high, 2))
                }),
                change_clear: change.is_some_and(|c| c.is_clear()),
                x_mean: mean.map_or(0.0, |m| x_of(m.mean, min, max)),
                x_low: mean.map_or(0.0, |m| x_of(m.low.max(f64::from(min)), min, max)),
                x_high: mean.map_or(0.0, |m| x_of(m.high.min(f64::from(max)), min, max)),
                y: 30.0 + 36.0 * i as f64,
            }
        })
        .collect();
    let breakdown = r
        .results
        .rows
        .iter()
        .map(|row| BreakdownRow {
            name: row
                .groups
                .iter()
                .map(|g| group_name(&t, &r.groups[*g]))
                .collect::<Vec<_>>()
                .join(" + "),
            respondents: row.respondents,
            cells: row.scales.iter().map(|cell| cell_text(&t, cell)).collect(),
        })
        .collect();
    Ok(ResultsTemplate {
        title: r.survey.title.clone(),
        audience: audience_name(&t, r.survey.audience),
        k: r.results.threshold.get(),
        in_review: r.in_review,
        whole_school_only: r.reading == SurveyReading::WholeSchool,
        respondents: r.results.respondents,
        chart_height: 40.0 + 36.0 * scales.len() as f64,
        ticks: (min..=max)
            .map(|v| (x_of(f64::from(v), min, max), v))
            .collect(),
        scale_names: instrument
            .scales
            .iter()
            .map(|s| s.name.get(lang).to_owned())
            .collect(),
        scales,
        breakdown,
        unshown: r
            .results
            .unshown_groups
            .iter()
            .map(|g| group_name(&t, &r.groups[*g]))
            .collect(),
        comments: r.results.comments.clone(),
        previous: r.previous.as_ref().map(|p: &SurveySummary| p.title.clone()),
        page: signed_in.page,
    })
}
