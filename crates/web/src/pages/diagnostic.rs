//! The leadership diagnostic (a 360): opening a round, the self-rating, inviting staff (in
//! the app, by a link from the outbox, or by email), the outbox, answering, closing, the
//! report, and a quick self-audit. The rated leader never holds a link: links are read on
//! the outbox by someone else at the school, or go straight to the invitee by email.
//!
//! Handlers extract, call a use case of `headway_app::diagnostic` (which asks the access
//! policy, writes in one transaction and returns domain values) and render; nothing here
//! decides who may see what or computes a figure.

use crate::AppState;
use crate::context::{Page, SignedIn};
use crate::csrf::{CsrfForm, Verified};
use crate::error::{AppError, AppResult};
use crate::format;
use crate::i18n::Tr;
use crate::pages::make_priority::{Evidence, EvidenceKind, PriorityLink};
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use headway_app::diagnostic::{self as use_case, DiagnosticError, Invalid, OpenRound, SchoolFacts};
use headway_domain::access::Principal;
use headway_domain::anonymity::{CellVisibility, GroupVisibility, Threshold};
use headway_domain::diagnostic::Dimension;
use headway_domain::diagnostic::answers::{Answer, AnswerSheet};
use headway_domain::diagnostic::context::RuleBasis;
use headway_domain::diagnostic::context::TenurePhase;
use headway_domain::diagnostic::focus::{ContextNote, FocusSuggestion};
use headway_domain::diagnostic::framework::PracticeCategory;
use headway_domain::diagnostic::instrument::{Instrument, ItemId, built_in};
use headway_domain::diagnostic::report::{ReportRow, RoundReport};
use headway_domain::diagnostic::round::{Channel, RespondentGroup, RoundStatus};
use headway_domain::diagnostic::scoring::{MeasureSummary, ReportedReliability};
use headway_domain::ids::{PersonId, SchoolId};
use headway_domain::planning::measure::MeasureSpec;
use headway_store::diagnostic::{
    Invitation, InvitationId, OutboxEntry, Refused, RoundId, RoundSummary,
};
use std::collections::BTreeMap;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/diagnostic", get(index))
        .route("/diagnostic/rounds", post(open_round))
        .route("/diagnostic/rounds/{round}", get(round_page))
        .route(
            "/diagnostic/rounds/{round}/self",
            get(self_rating_form).post(save_self_rating),
        )
        .route("/diagnostic/rounds/{round}/invitations", post(invite_staff))
        .route("/diagnostic/outbox/{school}", get(outbox))
        .route(
            "/diagnostic/outbox/invitations/{invitation}/issue",
            post(issue_link),
        )
        .route("/diagnostic/rounds/{round}/close", post(close_round))
        .route("/diagnostic/rounds/{round}/report", get(report))
        .route(
            "/diagnostic/invitations/{invitation}",
            get(invitation_form).post(answer_invitation),
        )
        .route(
            "/diagnostic/self-audit",
            get(self_audit).post(save_self_audit),
        )
        .route("/diagnostic/self-audit/new", get(self_audit_again))
        .route("/survey/{token}", get(link_form).post(answer_link))
}

fn group_name(t: &Tr, group: RespondentGroup) -> String {
    t.get(&format!("diag-group-{}", group.as_str().replace('_', "-")))
}

fn date_of(unix: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(unix)
        .map(|d| d.date().to_string())
        .unwrap_or_default()
}

impl From<DiagnosticError> for AppError {
    fn from(error: DiagnosticError) -> AppError {
        match error {
            DiagnosticError::Denied(denied) => AppError::Forbidden(denied),
            DiagnosticError::NotFound => AppError::NotFound,
            DiagnosticError::Closed => refusal("diag-error-round-closed", None),
            DiagnosticError::Invalid(Invalid::NoGroups) => refusal("diag-error-no-groups", None),
            DiagnosticError::Invalid(Invalid::ChannelDoesNotReach { name, .. }) => {
                refusal("diag-error-channel", Some(name))
            }
            DiagnosticError::Invalid(Invalid::NothingAnswered) => {
                refusal("diag-nothing-answered", None)
            }
            DiagnosticError::Refused(why) => AppError::Refused {
                status: StatusCode::GONE,
                key: refused_key(why),
                name: None,
            },
            failure @ DiagnosticError::InstrumentUnavailable(_) => {
                AppError::Internal(failure.to_string())
            }
            DiagnosticError::Store(error) => AppError::Store(error),
        }
    }
}

fn refusal(key: &'static str, name: Option<String>) -> AppError {
    AppError::Refused {
        status: StatusCode::BAD_REQUEST,
        key,
        name,
    }
}

/// The progress use cases, for the report's school context.
fn progress(app: &AppState) -> headway_app::progress::ProgressReports<'_> {
    headway_app::progress::ProgressReports::new(&app.store, &app.references, &app.school_figures)
}

fn field<'a>(fields: &'a [(String, String)], name: &str) -> Option<&'a str> {
    fields
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

fn fields_named<'a>(
    fields: &'a [(String, String)],
    name: &'a str,
) -> impl Iterator<Item = &'a str> {
    fields
        .iter()
        .filter(move |(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

// ---------------------------------------------------------------------------------------
// The hub: your surveys, your rounds, opening a round.

pub struct GroupChoice {
    pub key: &'static str,
    pub name: String,
}

pub struct RoundLine {
    pub id: i64,
    pub school_name: String,
    pub opened: String,
    pub closed: Option<String>,
    pub open: bool,
}

pub struct SurveyLine {
    pub id: i64,
    pub label: String,
}

pub struct SchoolChoice {
    pub id: i64,
    pub name: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "diagnostic_index.html")]
pub struct IndexTemplate {
    page: Page,
    surveys: Vec<SurveyLine>,
    schools: Vec<SchoolChoice>,
    rounds: Vec<RoundLine>,
    outboxes: Vec<SchoolChoice>,
    groups: Vec<GroupChoice>,
    default_threshold: u8,
    minimum_threshold: u8,
}

fn group_choices(t: &Tr, groups: &[RespondentGroup]) -> Vec<GroupChoice> {
    groups
        .iter()
        .map(|g| GroupChoice {
            key: g.as_str(),
            name: group_name(t, *g),
        })
        .collect()
}

pub async fn index(State(app): State<AppState>, signed_in: SignedIn) -> AppResult<IndexTemplate> {
    let t = signed_in.page.t;
    let hub = use_case::hub(&app.store, &signed_in.principal).await?;
    let surveys = hub
        .surveys
        .iter()
        .map(|i| SurveyLine {
            id: i.id.0,
            label: about_leader(&t, i),
        })
        .collect();
    let mut schools = Vec::new();
    let mut outboxes = Vec::new();
    for school in hub.outboxes {
        if let Some(summary) = app.store.roster().school(school).await? {
            outboxes.push(SchoolChoice {
                id: summary.id,
                name: summary.name,
            });
        }
    }
    for school in hub.lead_in {
        if let Some(summary) = app.store.roster().school(school).await? {
            schools.push(SchoolChoice {
                id: summary.id,
                name: summary.name,
            });
        }
    }
    let rounds = hub
        .rounds
        .into_iter()
        .map(|r| RoundLine {
            id: r.id.0,
            school_name: r.school_name,
            opened: date_of(r.opened_at),
            closed: r.closed_at.map(date_of),
            open: r.status == RoundStatus::Open,
        })
        .collect();
    Ok(IndexTemplate {
        groups: group_choices(&t, &RespondentGroup::ALL),
        page: signed_in.page,
        surveys,
        schools,
        rounds,
        outboxes,
        default_threshold: Threshold::DEFAULT.get(),
        minimum_threshold: Threshold::MINIMUM,
    })
}

pub async fn open_round(
    State(app): State<AppState>,
    signed_in: SignedIn,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Redirect> {
    let school = field(&fields, "school")
        .and_then(|s| s.parse::<i64>().ok())
        .map(SchoolId)
        .ok_or_else(|| AppError::BadRequest("choose a school".into()))?;
    let groups = fields_named(&fields, "group")
        .map(|g| g.parse::<RespondentGroup>())
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| AppError::BadRequest(e.to_string()))?;
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
    let id = use_case::open_round(
        &app.store,
        &signed_in.principal,
        OpenRound {
            school,
            groups,
            threshold,
        },
    )
    .await?;
    Ok(Redirect::to(&format!("/diagnostic/rounds/{}", id.0)))
}

// ---------------------------------------------------------------------------------------
// A round while it is open: counts only, the self-rating, invitations, links, closing.

pub struct CountLine {
    pub name: String,
    pub count: u32,
}

pub struct StaffLine {
    pub id: i64,
    pub name: String,
    pub group_name: String,
    /// How they were invited, in words; `None` if not yet.
    pub invited: Option<String>,
    /// The channels that can reach them.
    pub channels: Vec<ChannelChoice>,
}

pub struct ChannelChoice {
    pub key: &'static str,
    pub name: String,
}

fn channel_name(t: &Tr, via: Channel) -> String {
    t.get(&format!("diag-channel-{}", via.as_str().replace('_', "-")))
}

#[derive(Template, WebTemplate)]
#[template(path = "diagnostic_round.html")]
pub struct RoundTemplate {
    page: Page,
    round: RoundView,
    counts: Vec<CountLine>,
    total: i64,
    staff: Vec<StaffLine>,
    invited: i64,
    email_offered: bool,
}

pub struct RoundView {
    pub id: i64,
    pub leader_name: String,
    pub school_name: String,
    pub opened: String,
    pub closed: Option<String>,
    pub open: bool,
    pub threshold: u8,
    pub has_self_rating: bool,
}

impl RoundView {
    fn of(round: &RoundSummary) -> RoundView {
        RoundView {
            id: round.id.0,
            leader_name: round.leader_name.clone(),
            school_name: round.school_name.clone(),
            opened: date_of(round.opened_at),
            closed: round.closed_at.map(date_of),
            open: round.status == RoundStatus::Open,
            threshold: round.threshold.get(),
            has_self_rating: round.has_self_rating,
        }
    }
}

pub async fn round_page(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(round): Path<i64>,
) -> AppResult<RoundTemplate> {
    let email_offered = app.settings.email.is_some();
    let status = use_case::round_status(
        &app.store,
        &signed_in.principal,
        RoundId(round),
        email_offered,
    )
    .await?;
    let t = signed_in.page.t;
    let (round, counts) = (status.round, status.counts);
    let invited = i64::from(status.invited);
    let staff = status
        .staff
        .into_iter()
        .map(|(s, channels)| StaffLine {
            id: s.person.0,
            group_name: group_name(&t, s.group),
            invited: s.invited.map(|via| channel_name(&t, via)),
            channels: channels
                .into_iter()
                .map(|via| ChannelChoice {
                    key: via.as_str(),
                    name: channel_name(&t, via),
                })
                .collect(),
            name: s.name,
        })
        .collect();
    Ok(RoundTemplate {
        total: counts.iter().map(|(_, n)| i64::from(*n)).sum(),
        counts: counts
            .into_iter()
            .map(|(g, count)| CountLine {
                name: group_name(&t, g),
                count,
            })
            .collect(),
        staff,
        invited,
        email_offered,
        round: RoundView::of(&round),
        page: signed_in.page,
    })
}

/// Invites the staff chosen, each by the channel chosen for them. Email invitations are
/// sent at once; one that cannot be sent waits in the outbox, and the leader is told so.
pub async fn invite_staff(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(round): Path<i64>,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Response> {
    // Fields `channel-{person}`: how each person chosen is to be invited; the use case
    // invites only staff of the school in a group asked, each by a channel that reaches them.
    let mut choices: Vec<(PersonId, Channel)> = Vec::new();
    for (name, value) in &fields {
        let Some(person) = name
            .strip_prefix("channel-")
            .and_then(|p| p.parse::<i64>().ok())
        else {
            continue;
        };
        if value.is_empty() || value == "none" {
            continue;
        }
        let via: Channel =
            value
                .parse()
                .map_err(|e: headway_domain::diagnostic::round::UnknownChannel| {
                    AppError::BadRequest(e.to_string())
                })?;
        choices.push((PersonId(person), via));
    }
    let invited = use_case::invite(
        &app.store,
        &signed_in.principal,
        RoundId(round),
        &choices,
        app.settings.email.is_some(),
    )
    .await?;
    let round = &invited.round;
    let t = signed_in.page.t;
    let mut not_sent = 0_i64;
    if let Some(email) = &app.settings.email {
        let word = |to_send: &use_case::EmailToSend| crate::mail::Message {
            to: to_send.to.clone(),
            subject: t.with(
                "diag-email-subject",
                &[("leader", round.leader_name.as_str().into())],
            ),
            body: t.with(
                "diag-email-body",
                &[
                    ("leader", round.leader_name.as_str().into()),
                    ("school", round.school_name.as_str().into()),
                    (
                        "link",
                        format!("{}/survey/{}", email.public_url, to_send.token).into(),
                    ),
                ],
            ),
        };
        // One that cannot be sent has its link withdrawn and waits in the outbox.
        not_sent = i64::from(
            use_case::send_email_invitations(
                &app.store,
                &signed_in.principal,
                &invited,
                email.mailer.as_ref(),
                word,
            )
            .await?,
        );
    }
    if not_sent > 0 {
        return Ok(MessageTemplate {
            title: t.get("diag-email-failed-title"),
            message: t.count("diag-email-failed", not_sent),
            page: signed_in.page,
        }
        .into_response());
    }
    Ok(Redirect::to(&format!("/diagnostic/rounds/{}", round.id.0)).into_response())
}

// ---------------------------------------------------------------------------------------
// The outbox: the links of a school's rounds, handed out by a head or data manager who is
// not the leader the round rates.

pub struct OutboxLine {
    pub invitation: i64,
    pub invitee: String,
    pub group_name: String,
    pub leader_name: String,
    pub status: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "diagnostic_outbox.html")]
pub struct OutboxTemplate {
    page: Page,
    school_name: String,
    lines: Vec<OutboxLine>,
}

fn outbox_status(t: &Tr, entry: &OutboxEntry) -> String {
    match (entry.channel, entry.issued_at) {
        (_, None) => t.get("diag-outbox-not-issued"),
        (Channel::Email, Some(at)) => {
            t.with("diag-outbox-emailed", &[("date", date_of(at).into())])
        }
        (_, Some(at)) => t.with("diag-outbox-issued", &[("date", date_of(at).into())]),
    }
}

pub async fn outbox(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(school): Path<i64>,
) -> AppResult<OutboxTemplate> {
    let school = SchoolId(school);
    let entries = use_case::outbox(&app.store, &signed_in.principal, school).await?;
    let summary = crate::pages::school_summary(&app, school).await?;
    let t = signed_in.page.t;
    let lines = entries
        .into_iter()
        .map(|e| OutboxLine {
            invitation: e.invitation.0,
            group_name: group_name(&t, e.group),
            status: outbox_status(&t, &e),
            leader_name: e.leader_name,
            invitee: e.invitee_name,
        })
        .collect();
    Ok(OutboxTemplate {
        page: signed_in.page,
        school_name: summary.name,
        lines,
    })
}

#[derive(Template, WebTemplate)]
#[template(path = "diagnostic_link.html")]
pub struct IssuedLinkTemplate {
    page: Page,
    school: i64,
    for_text: String,
    url: String,
}

/// Issues a new link for one invitee and shows it, once, to the person handing it out.
pub async fn issue_link(
    State(app): State<AppState>,
    signed_in: SignedIn,
    headers: HeaderMap,
    Path(invitation): Path<i64>,
    _: Verified,
) -> AppResult<IssuedLinkTemplate> {
    // Another school's, the rated leader's own, an answered one: all answer as unknown.
    let (entry, token) =
        use_case::issue_outbox_link(&app.store, &signed_in.principal, InvitationId(invitation))
            .await?;
    let t = signed_in.page.t;
    Ok(IssuedLinkTemplate {
        school: entry.school.0,
        for_text: t.with(
            "diag-link-for",
            &[
                ("person", entry.invitee_name.as_str().into()),
                ("leader", entry.leader_name.as_str().into()),
            ],
        ),
        url: format!("{}/survey/{token}", base_url(&app, &headers)),
        page: signed_in.page,
    })
}

/// Where links point: the configured public address, else the address this request came to
/// (only ever for the person handing links out, who sees the link they are given).
fn base_url(app: &AppState, headers: &HeaderMap) -> String {
    if let Some(email) = &app.settings.email {
        return email.public_url.clone();
    }
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("localhost");
    let scheme = if app.settings.secure_cookies {
        "https"
    } else {
        "http"
    };
    format!("{scheme}://{host}")
}

pub async fn close_round(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(round): Path<i64>,
    _: Verified,
) -> AppResult<Redirect> {
    let round = use_case::close_round(&app.store, &signed_in.principal, RoundId(round)).await?;
    Ok(Redirect::to(&format!(
        "/diagnostic/rounds/{}/report",
        round.0
    )))
}

// ---------------------------------------------------------------------------------------
// Questionnaires: the self-rating, in-app and link answers, the self-audit.

pub struct ScaleOption {
    pub value: String,
    pub label: String,
}

pub struct QuestionItem {
    pub id: String,
    pub number: usize,
    pub wording: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "diagnostic_questionnaire.html")]
pub struct QuestionnaireTemplate {
    page: Page,
    heading: String,
    about: String,
    introduction: String,
    action: String,
    items: Vec<QuestionItem>,
    options: Vec<ScaleOption>,
    /// "Send my answers" came with nothing answered: nothing was sent, and the page asks
    /// again (the link still works).
    nothing_answered: bool,
}

const DONT_KNOW: &str = "dont-know";

fn questionnaire(
    page: Page,
    instrument: &Instrument,
    own: bool,
    heading: String,
    about: String,
    action: String,
) -> QuestionnaireTemplate {
    let lang = page.lang();
    let mut options: Vec<ScaleOption> = instrument
        .scale
        .points
        .iter()
        .map(|p| ScaleOption {
            value: p.value.to_string(),
            label: p.label.get(lang).to_owned(),
        })
        .collect();
    options.push(ScaleOption {
        value: DONT_KNOW.into(),
        label: instrument.scale.dont_know.get(lang).to_owned(),
    });
    QuestionnaireTemplate {
        heading,
        about,
        introduction: if own {
            instrument.self_introduction.get(lang).to_owned()
        } else {
            instrument.introduction.get(lang).to_owned()
        },
        action,
        items: instrument
            .items()
            .iter()
            .enumerate()
            .map(|(i, item)| QuestionItem {
                id: item.id.0.clone(),
                number: i + 1,
                wording: if own {
                    item.self_wording.get(lang).to_owned()
                } else {
                    item.others_wording.get(lang).to_owned()
                },
            })
            .collect(),
        options,
        nothing_answered: false,
        page,
    }
}

/// Reads `item-{id}` fields: a point of the scale or "don't know"; unanswered items are
/// left out.
fn answer_sheet(instrument: &Instrument, fields: &[(String, String)]) -> AppResult<AnswerSheet> {
    let mut answers = Vec::new();
    for (name, value) in fields {
        let Some(item) = name.strip_prefix("item-") else {
            continue;
        };
        let answer = if value == DONT_KNOW {
            Answer::DontKnow
        } else {
            Answer::Rating(value.parse().map_err(|_| {
                AppError::BadRequest(format!("'{value}' is not an answer to item {item}"))
            })?)
        };
        answers.push((ItemId(item.to_owned()), answer));
    }
    AnswerSheet::new(instrument, answers).map_err(|e| AppError::BadRequest(e.to_string()))
}

#[derive(Template, WebTemplate)]
#[template(path = "diagnostic_message.html")]
pub struct MessageTemplate {
    page: Page,
    title: String,
    message: String,
}

fn message(page: Page, title_key: &str, message_key: &str) -> MessageTemplate {
    MessageTemplate {
        title: page.t.get(title_key),
        message: page.t.get(message_key),
        page,
    }
}

fn refused_key(why: Refused) -> &'static str {
    match why {
        Refused::Unknown => "diag-refused-unknown",
        Refused::AlreadyUsed => "diag-refused-used",
        Refused::Expired => "diag-refused-expired",
        Refused::RoundClosed => "diag-refused-closed",
    }
}

/// A link or invitation that cannot be answered: 410 Gone, saying why, nothing else.
fn refused(page: Page, why: Refused) -> Response {
    let key = refused_key(why);
    let status = if why == Refused::Unknown {
        StatusCode::NOT_FOUND
    } else {
        StatusCode::GONE
    };
    (status, message(page, "diag-refused-title", key)).into_response()
}

fn thanks(page: Page) -> MessageTemplate {
    message(page, "diag-thanks-title", "diag-thanks-message")
}

pub async fn self_rating_form(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(round): Path<i64>,
) -> AppResult<QuestionnaireTemplate> {
    let round =
        use_case::round_to_self_rate(&app.store, &signed_in.principal, RoundId(round)).await?;
    let instrument = use_case::instrument_of(&round.instrument)?;
    let t = signed_in.page.t;
    Ok(questionnaire(
        signed_in.page,
        instrument,
        true,
        t.get("diag-self-rating-title"),
        t.named("diag-self-rating-about", &round.school_name),
        format!("/diagnostic/rounds/{}/self", round.id.0),
    ))
}

pub async fn save_self_rating(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(round): Path<i64>,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Redirect> {
    let round = use_case::managed_round(&app.store, &signed_in.principal, RoundId(round)).await?;
    let instrument = use_case::instrument_of(&round.instrument)?;
    let sheet = answer_sheet(instrument, &fields)?;
    use_case::save_self_rating(&app.store, &signed_in.principal, round.id, &sheet).await?;
    Ok(Redirect::to(&format!("/diagnostic/rounds/{}", round.id.0)))
}

fn about_leader(t: &Tr, invitation: &Invitation) -> String {
    t.with(
        "diag-about-leader",
        &[
            ("leader", invitation.leader_name.as_str().into()),
            ("school", invitation.school_name.as_str().into()),
        ],
    )
}

/// What to show for a use case that answered with a refusal: the refusal page, or the error.
fn refused_or(page: Page, error: DiagnosticError) -> AppResult<Response> {
    match error {
        DiagnosticError::Refused(why) => Ok(refused(page, why)),
        error => Err(error.into()),
    }
}

pub async fn invitation_form(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(invitation): Path<i64>,
) -> AppResult<Response> {
    let invitation = match use_case::in_app_invitation(
        &app.store,
        &signed_in.principal,
        InvitationId(invitation),
    )
    .await
    {
        Ok(invitation) => invitation,
        Err(error) => return refused_or(signed_in.page, error),
    };
    let instrument = use_case::instrument_of(&invitation.instrument)?;
    let t = signed_in.page.t;
    Ok(questionnaire(
        signed_in.page,
        instrument,
        false,
        instrument.title.get(t.code()).to_owned(),
        about_leader(&t, &invitation),
        format!("/diagnostic/invitations/{}", invitation.id.0),
    )
    .into_response())
}

pub async fn answer_invitation(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(invitation): Path<i64>,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Response> {
    let principal = &signed_in.principal;
    let invitation =
        match use_case::in_app_invitation(&app.store, principal, InvitationId(invitation)).await {
            Ok(invitation) => invitation,
            Err(error) => return refused_or(signed_in.page, error),
        };
    let instrument = use_case::instrument_of(&invitation.instrument)?;
    let sheet = answer_sheet(instrument, &fields)?;
    if sheet.is_empty() {
        let t = signed_in.page.t;
        let mut form = questionnaire(
            signed_in.page,
            instrument,
            false,
            instrument.title.get(t.code()).to_owned(),
            about_leader(&t, &invitation),
            format!("/diagnostic/invitations/{}", invitation.id.0),
        );
        form.nothing_answered = true;
        return Ok(form.into_response());
    }
    match use_case::answer_in_app(&app.store, principal, invitation.id, &sheet).await {
        Ok(()) => Ok(thanks(signed_in.page).into_response()),
        Err(error) => refused_or(signed_in.page, error),
    }
}

/// A link that cannot be answered: an unknown one says so on its own page (a link is
/// reached without signing in, so there is no other page to fall back on).
fn link_refused(page: Page, error: DiagnosticError) -> AppResult<Response> {
    match error {
        DiagnosticError::NotFound => Ok(refused(page, Refused::Unknown)),
        error => refused_or(page, error),
    }
}

pub async fn link_form(
    State(app): State<AppState>,
    page: Page,
    Path(token): Path<String>,
) -> AppResult<Response> {
    let invitation = match use_case::link_invitation(&app.store, &token).await {
        Ok(invitation) => invitation,
        Err(error) => return link_refused(page, error),
    };
    let instrument = use_case::instrument_of(&invitation.instrument)?;
    let t = page.t;
    Ok(questionnaire(
        page,
        instrument,
        false,
        instrument.title.get(t.code()).to_owned(),
        about_leader(&t, &invitation),
        format!("/survey/{token}"),
    )
    .into_response())
}

pub async fn answer_link(
    State(app): State<AppState>,
    page: Page,
    Path(token): Path<String>,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Response> {
    let invitation = match use_case::link_invitation(&app.store, &token).await {
        Ok(invitation) => invitation,
        Err(error) => return link_refused(page, error),
    };
    let instrument = use_case::instrument_of(&invitation.instrument)?;
    let sheet = answer_sheet(instrument, &fields)?;
    if sheet.is_empty() {
        let t = page.t;
        let mut form = questionnaire(
            page,
            instrument,
            false,
            instrument.title.get(t.code()).to_owned(),
            about_leader(&t, &invitation),
            format!("/survey/{token}"),
        );
        form.nothing_answered = true;
        return Ok(form.into_response());
    }
    match use_case::answer_link(&app.store, &token, &sheet).await {
        Ok(()) => Ok(thanks(page).into_response()),
        Err(error) => link_refused(page, error),
    }
}

// ---------------------------------------------------------------------------------------
// Figures for people: the dimension profile (table and chart), focus suggestions.

/// One series of the dimension profile: the self-rating, a shown group, or all others.
pub struct Series {
    pub name: String,
    pub class: String,
}

pub struct ProfileRow {
    pub name: String,
    pub cells: Vec<String>,
}

pub struct Bar {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    pub class: String,
    pub title: String,
    pub label_x: f64,
    pub label_y: f64,
    pub label: String,
}

pub struct ChartLabel {
    pub y: f64,
    pub text: String,
}

pub struct Gridline {
    pub x: f64,
    pub label: String,
}

/// The dimension profile as a server-rendered SVG chart, with the same numbers as a table.
pub struct Profile {
    pub title: String,
    pub series: Vec<Series>,
    pub rows: Vec<ProfileRow>,
    pub bars: Vec<Bar>,
    pub labels: Vec<ChartLabel>,
    pub gridlines: Vec<Gridline>,
    pub width: f64,
    pub height: f64,
    pub plot_bottom: f64,
}

const CHART_WIDTH: f64 = 640.0;
const CHART_LEFT: f64 = 8.0;
const PLOT_WIDTH: f64 = 560.0;
const BAR_HEIGHT: f64 = 14.0;
const LABEL_HEIGHT: f64 = 20.0;
const BLOCK_GAP: f64 = 14.0;

impl Profile {
    fn new(
        t: &Tr,
        instrument: &Instrument,
        title: String,
        series: Vec<(String, BTreeMap<Dimension, f64>)>,
    ) -> Profile {
        let lang = t.code();
        let max = f64::from(instrument.scale.max);
        let block = LABEL_HEIGHT + BAR_HEIGHT * series.len() as f64 + BLOCK_GAP;
        let mut bars = Vec::new();
        let mut labels = Vec::new();
        let mut rows = Vec::new();
        for (d, dimension) in Dimension::ALL.iter().enumerate() {
            let name = instrument.dimension(*dimension).name.get(lang).to_owned();
            let top = d as f64 * block;
            labels.push(ChartLabel {
                y: top + LABEL_HEIGHT - 6.0,
                text: name.clone(),
            });
            let mut cells = Vec::new();
            for (s, (series_name, values)) in series.iter().enumerate() {
                let value = values.get(dimension).copied();
                cells.push(format::decimal(value, 2));
                if let Some(value) = value {
                    let y = top + LABEL_HEIGHT + s as f64 * BAR_HEIGHT;
                    let width = (value / max * PLOT_WIDTH).max(0.0);
                    bars.push(Bar {
                        x: CHART_LEFT,
                        y,
                        width,
                        height: BAR_HEIGHT - 2.0,
                        class: format!("bar s{s}"),
                        title: format!(
                            "{name} — {series_name}: {}",
                            format::decimal(Some(value), 2)
                        ),
                        label_x: CHART_LEFT + width + 4.0,
                        label_y: y + BAR_HEIGHT - 4.0,
                        label: format::decimal(Some(value), 2),
                    });
                }
            }
            rows.push(ProfileRow { name, cells });
        }
        let plot_bottom = block * Dimension::ALL.len() as f64;
        let gridlines = (instrument.scale.min..=instrument.scale.max)
            .map(|v| Gridline {
                x: CHART_LEFT + f64::from(v) / max * PLOT_WIDTH,
                label: v.to_string(),
            })
            .collect();
        Profile {
            title,
            series: series
                .iter()
                .enumerate()
                .map(|(s, (name, _))| Series {
                    name: name.clone(),
                    class: format!("s{s}"),
                })
                .collect(),
            rows,
            bars,
            labels,
            gridlines,
            width: CHART_WIDTH,
            height: plot_bottom + 20.0,
            plot_bottom,
        }
    }
}

pub struct FocusView {
    pub rank: usize,
    pub dimension: String,
    pub headline: String,
    pub rating: String,
    pub effect_size: String,
    pub priority: String,
    pub figures: String,
    pub evidence: String,
    pub caveat: String,
    pub context: Vec<NoteView>,
    /// "Make this a priority" on a round's suggestion, for a viewer who may edit the plan.
    pub make_priority: Option<PriorityLink>,
}

/// A context note, with what it rests on and what it does to the priority.
pub struct NoteView {
    pub text: String,
    /// The study's section, or "Headway's judgement".
    pub basis: String,
    /// "× 1.25 …" or "a note only".
    pub weight: String,
    pub judgement: bool,
}

fn note_view(t: &Tr, note: &ContextNote) -> NoteView {
    let basis = match note.basis {
        RuleBasis::ImpactStudy { section } => {
            t.with("diag-focus-basis-study", &[("section", section.into())])
        }
        RuleBasis::HeadwayJudgement => t.get("diag-focus-basis-judgement"),
    };
    let weight = if (note.factor - 1.0).abs() < 1e-12 {
        t.get("diag-focus-weight-none")
    } else {
        t.with(
            "diag-focus-weight",
            &[("factor", format::decimal(Some(note.factor), 2).into())],
        )
    };
    NoteView {
        text: note.text.get(t.code()).to_owned(),
        basis,
        weight,
        judgement: note.basis == RuleBasis::HeadwayJudgement,
    }
}

/// "Rating · effect size · priority", and where context rules weighed in, the base
/// priority times each factor.
fn focus_figures(t: &Tr, s: &FocusSuggestion) -> String {
    let factors: Vec<String> = s
        .context
        .iter()
        .filter(|note| (note.factor - 1.0).abs() >= 1e-12)
        .map(|note| format!("× {}", format::decimal(Some(note.factor), 2)))
        .collect();
    let mut args = vec![
        ("rating", format::decimal(Some(s.rating), 2).into()),
        ("effect", format::decimal(Some(s.effect_size), 2).into()),
        ("priority", format::decimal(Some(s.priority), 2).into()),
    ];
    if factors.is_empty() {
        t.with("diag-focus-figures", &args)
    } else {
        args.push(("base", format::decimal(Some(s.base_priority), 2).into()));
        args.push(("factors", factors.join(" ").into()));
        t.with("diag-focus-figures-adjusted", &args)
    }
}

/// Where a round's focus suggestions can become priorities: the viewer, the round's school
/// and the report's address (a self-audit has none).
struct PriorityContext<'a> {
    viewer: &'a Principal,
    school: SchoolId,
    link: String,
}

fn focus_views(
    t: &Tr,
    suggestions: Vec<FocusSuggestion>,
    instrument: &Instrument,
    priority: Option<PriorityContext<'_>>,
) -> Vec<FocusView> {
    let lang = t.code();
    suggestions
        .into_iter()
        .map(|s| FocusView {
            make_priority: priority.as_ref().and_then(|p| {
                let name = instrument.dimension(s.dimension).name.get(lang);
                let evidence = Evidence {
                    kind: EvidenceKind::DiagnosticFocus,
                    link: p.link.clone(),
                    text: t.with("make-priority-focus-text", &[("dimension", name.into())]),
                    title: t.named("make-priority-focus-title", name),
                    dimension: Some(s.dimension.as_str().to_owned()),
                    measure: Some(MeasureSpec::Leadership360 {
                        dimension: s.dimension.as_str().to_owned(),
                    }),
                };
                PriorityLink::for_viewer(t, p.viewer, p.school, &evidence)
            }),
            figures: focus_figures(t, &s),
            rank: s.rank,
            dimension: instrument.dimension(s.dimension).name.get(lang).to_owned(),
            headline: s.headline.get(lang).to_owned(),
            rating: format::decimal(Some(s.rating), 2),
            effect_size: format::decimal(Some(s.effect_size), 2),
            priority: format::decimal(Some(s.priority), 2),
            evidence: s.evidence.get(lang).to_owned(),
            caveat: s.caveat.get(lang).to_owned(),
            context: s.context.iter().map(|note| note_view(t, note)).collect(),
        })
        .collect()
}

/// The school facts the focus rules use, as sentences, and the context itself.
pub struct ContextView {
    pub time_in_post: String,
    pub fsm: String,
    pub improvement: String,
}

/// The school facts the focus rules read, in words.
fn context_view(t: &Tr, facts: &SchoolFacts) -> ContextView {
    let improvement = match facts.improvement {
        Some(group) => {
            let (name, explained) = crate::pages::progress::improvement_view(t, group);
            t.with(
                "diag-context-improvement",
                &[("group", name.into()), ("explained", explained.into())],
            )
        }
        None => t.get("diag-context-improvement-unknown"),
    };
    let time_in_post = match facts.years_in_post {
        Some(y) => t.with(
            match y.phase() {
                TenurePhase::Early => "diag-context-years-early",
                TenurePhase::Established => "diag-context-years-established",
            },
            &[("n", i64::from(y.0).into())],
        ),
        None => t.get("diag-context-years-unknown"),
    };
    let fsm = t.with(
        "diag-context-fsm",
        &[
            ("band", i64::from(facts.fsm_band.number()).into()),
            ("share", format::percent(facts.fsm_share).into()),
        ],
    );
    ContextView {
        time_in_post,
        fsm,
        improvement,
    }
}

// ---------------------------------------------------------------------------------------
// The report.

pub struct VisibilityLine {
    pub name: String,
    pub status: String,
}

pub struct DimensionLine {
    pub name: String,
    pub self_score: String,
    pub rows: Vec<String>,
    pub others: String,
    pub gap: String,
    pub alpha: String,
    pub spread: String,
    pub distribution: String,
    /// Evidence from elsewhere beside the dimension (the staff climate survey beside an
    /// orderly and supportive environment); empty when there is none.
    pub beside: String,
}

/// The staff climate survey's environment scale in words, for the row of dimension 5:
/// its mean with its interval and n, or why it is not shown, and the wave's date.
fn climate_text(t: &Tr, climate: Option<&headway_app::survey::scale::ScaleReading>) -> String {
    let Some(climate) = climate else {
        return String::new();
    };
    let date = time::OffsetDateTime::from_unix_timestamp(climate.date())
        .map(|d| d.date().to_string())
        .unwrap_or_default();
    match climate.mean {
        Some((mean, lower, upper)) => t.with(
            "diag-climate-beside",
            &[
                ("mean", format::decimal(Some(mean), 2).into()),
                ("lower", format::decimal(Some(lower), 2).into()),
                ("upper", format::decimal(Some(upper), 2).into()),
                ("n", i64::from(climate.respondents).into()),
                ("date", date.into()),
            ],
        ),
        None => t.with(
            "diag-climate-suppressed",
            &[
                ("k", i64::from(climate.threshold.get()).into()),
                ("date", date.into()),
            ],
        ),
    }
}

/// One of the four categories of basic practices: the mean over its items.
pub struct CategoryLine {
    pub name: String,
    pub self_score: String,
    pub rows: Vec<String>,
    pub others: String,
    pub spread: String,
}

pub struct PracticeLine {
    pub dimension: String,
    pub name: String,
    pub self_score: String,
    pub rows: Vec<String>,
    pub others: String,
    pub gap: String,
    pub spread: String,
}

pub struct GapLine {
    pub name: String,
    pub self_score: String,
    pub others: String,
    pub gap: String,
}

pub struct ChangeLine {
    pub name: String,
    pub previous: String,
    pub current: String,
    pub change: String,
    pub interval: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "diagnostic_report.html")]
pub struct ReportTemplate {
    page: Page,
    round: RoundView,
    has_self: bool,
    row_names: Vec<String>,
    shown_others: bool,
    visibility: Vec<VisibilityLine>,
    dimensions: Vec<DimensionLine>,
    categories: Vec<CategoryLine>,
    practices: Vec<PracticeLine>,
    profile: Profile,
    strengths: Vec<GapLine>,
    blind_spots: Vec<GapLine>,
    focus: Vec<FocusView>,
    context: ContextView,
    previous: Option<String>,
    changes: Vec<ChangeLine>,
    scale: String,
    channels: Vec<CountText>,
    /// What happened beside what staff say about dimension 4 (`cpd`).
    participation: crate::pages::cpd::ParticipationView,
}

/// A count as shown: the number, or "hidden" below the threshold.
pub struct CountText {
    pub name: String,
    pub count: String,
}

/// Responses by the channel they came through, each count shown or hidden as the use case
/// decided (a partition of the round's responses: see `anonymity::partition_to_show`).
fn channel_lines(t: &Tr, channels: &[(Channel, u32, CellVisibility)]) -> Vec<CountText> {
    channels
        .iter()
        .map(|(via, count, visibility)| CountText {
            name: channel_name(t, *via),
            count: if visibility.is_shown() {
                count.to_string()
            } else {
                t.get("diag-hidden")
            },
        })
        .collect()
}

fn row_name(t: &Tr, row: &ReportRow<RespondentGroup>) -> String {
    row.groups
        .iter()
        .map(|g| group_name(t, *g))
        .collect::<Vec<_>>()
        .join(" + ")
}

/// A figure of the report: its mean, "hidden" where the anonymity rules hide it, or a dash
/// where nobody rated it.
fn cell_text<K: Ord>(
    t: &Tr,
    cells: Option<&BTreeMap<K, MeasureSummary>>,
    hidden: Option<&BTreeMap<K, CellVisibility>>,
    key: &K,
) -> String {
    match cells.and_then(|c| c.get(key)) {
        Some(summary) => format::decimal(Some(summary.mean), 2),
        None if hidden.is_some_and(|h| h.contains_key(key)) => t.get("diag-hidden"),
        None => "–".into(),
    }
}

fn visibility_text(
    t: &Tr,
    report: &RoundReport<RespondentGroup>,
    group: RespondentGroup,
    visibility: GroupVisibility,
    count: u32,
) -> String {
    let n = || ("n", i64::from(count).into());
    match visibility {
        GroupVisibility::Shown => t.with("diag-visibility-shown", &[n()]),
        GroupVisibility::Merged { row } => {
            let with = report
                .rows
                .get(row)
                .map(|r| {
                    r.groups
                        .iter()
                        .filter(|g| **g != group)
                        .map(|g| group_name(t, *g))
                        .collect::<Vec<_>>()
                        .join(", ")
                })
                .unwrap_or_default();
            t.with("diag-visibility-merged", &[n(), ("with", with.into())])
        }
        GroupVisibility::OnlyInAllOthers => t.with("diag-visibility-all-others", &[n()]),
        GroupVisibility::Hidden => t.with(
            "diag-visibility-hidden",
            &[n(), ("k", i64::from(report.threshold.get()).into())],
        ),
        GroupVisibility::NoResponses => t.get("diag-visibility-none"),
    }
}

fn alpha_text(t: &Tr, reliability: Option<&ReportedReliability>) -> String {
    match reliability {
        Some(ReportedReliability::Alpha { alpha, .. }) => format::decimal(Some(*alpha), 2),
        Some(ReportedReliability::TooFewRespondents { .. }) => t.get("diag-alpha-too-few"),
        _ => "–".into(),
    }
}

fn distribution_text(t: &Tr, summary: Option<&MeasureSummary>) -> String {
    let count = |n: &Option<u32>| n.map_or_else(|| t.get("diag-hidden"), |n| n.to_string());
    summary
        .map(|s| {
            let ratings: Vec<String> = s.answers.ratings.iter().map(count).collect();
            format!(
                "{} · ? {}",
                ratings.join(" / "),
                count(&s.answers.dont_know)
            )
        })
        .unwrap_or_else(|| "–".into())
}

pub async fn report(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(round): Path<i64>,
) -> AppResult<Response> {
    let Some(found) = use_case::report(
        &app.store,
        &progress(&app),
        &signed_in.principal,
        RoundId(round),
        app.settings.fsm_cuts,
    )
    .await?
    else {
        // While open, the leader sees counts only.
        return Ok(Redirect::to(&format!("/diagnostic/rounds/{round}")).into_response());
    };
    let (round, instrument, report, counts) =
        (&found.round, found.instrument, &found.report, &found.counts);
    let t = signed_in.page.t;
    let lang = t.code();
    let channels = channel_lines(&t, &found.channels);
    let own = report.self_rating.as_ref();
    let others = report.all_others.as_ref();
    let visibility = report
        .groups
        .iter()
        .map(|(g, v)| VisibilityLine {
            name: group_name(&t, *g),
            status: visibility_text(&t, report, *g, *v, counts.get(g).copied().unwrap_or(0)),
        })
        .collect();
    let row_names: Vec<String> = report.rows.iter().map(|r| row_name(&t, r)).collect();
    let dimensions: Vec<DimensionLine> = Dimension::ALL
        .iter()
        .map(|d| {
            let others_summary = others.and_then(|o| o.scores.dimensions.get(d));
            DimensionLine {
                name: instrument.dimension(*d).name.get(lang).to_owned(),
                self_score: format::decimal(own.and_then(|s| s.dimensions.get(d).copied()), 2),
                rows: report
                    .rows
                    .iter()
                    .map(|r| {
                        cell_text(
                            &t,
                            Some(&r.scores.dimensions),
                            Some(&r.hidden.dimensions),
                            d,
                        )
                    })
                    .collect(),
                others: cell_text(
                    &t,
                    others.map(|o| &o.scores.dimensions),
                    others.map(|o| &o.hidden.dimensions),
                    d,
                ),
                gap: others
                    .and_then(|o| o.dimension_gaps.iter().find(|g| g.measure == *d))
                    .map(|g| format::signed(g.gap, 2))
                    .unwrap_or_else(|| "–".into()),
                alpha: alpha_text(&t, others.and_then(|o| o.scores.reliability.get(d))),
                spread: format::decimal(others_summary.and_then(|s| s.standard_deviation), 2),
                distribution: distribution_text(&t, others_summary),
                beside: if *d == Dimension::OrderlyAndSupportiveEnvironment {
                    climate_text(&t, found.climate.as_ref())
                } else {
                    String::new()
                },
            }
        })
        .collect();
    let categories = PracticeCategory::ALL
        .iter()
        .map(|c| CategoryLine {
            name: instrument.category_name(*c).get(lang).to_owned(),
            self_score: format::decimal(own.and_then(|s| s.categories.get(c).copied()), 2),
            rows: report
                .rows
                .iter()
                .map(|r| {
                    cell_text(
                        &t,
                        Some(&r.scores.categories),
                        Some(&r.hidden.categories),
                        c,
                    )
                })
                .collect(),
            others: cell_text(
                &t,
                others.map(|o| &o.scores.categories),
                others.map(|o| &o.hidden.categories),
                c,
            ),
            spread: format::decimal(
                others
                    .and_then(|o| o.scores.categories.get(c))
                    .and_then(|s| s.standard_deviation),
                2,
            ),
        })
        .collect();
    let practices = instrument
        .practices()
        .iter()
        .map(|p| {
            let others_summary = others.and_then(|o| o.scores.practices.get(&p.id));
            PracticeLine {
                dimension: instrument.dimension(p.dimension).name.get(lang).to_owned(),
                name: p.name.get(lang).to_owned(),
                self_score: format::decimal(own.and_then(|s| s.practices.get(&p.id).copied()), 2),
                rows: report
                    .rows
                    .iter()
                    .map(|r| {
                        cell_text(
                            &t,
                            Some(&r.scores.practices),
                            Some(&r.hidden.practices),
                            &p.id,
                        )
                    })
                    .collect(),
                others: cell_text(
                    &t,
                    others.map(|o| &o.scores.practices),
                    others.map(|o| &o.hidden.practices),
                    &p.id,
                ),
                gap: others
                    .and_then(|o| o.practice_gaps.iter().find(|g| g.measure == p.id))
                    .map(|g| format::signed(g.gap, 2))
                    .unwrap_or_else(|| "–".into()),
                spread: format::decimal(others_summary.and_then(|s| s.standard_deviation), 2),
            }
        })
        .collect();
    let mut series: Vec<(String, BTreeMap<Dimension, f64>)> = Vec::new();
    if let Some(own) = own {
        series.push((t.get("diag-self"), own.dimensions.clone()));
    }
    for (row, name) in report.rows.iter().zip(&row_names) {
        series.push((
            name.clone(),
            row.scores
                .dimensions
                .iter()
                .map(|(d, s)| (*d, s.mean))
                .collect(),
        ));
    }
    if others.is_some() {
        series.push((t.get("diag-all-others"), report.others_dimension_means()));
    }
    let profile = Profile::new(&t, instrument, t.get("diag-profile-title"), series);
    let gap_line = |g: &headway_domain::diagnostic::scoring::Gap<
        headway_domain::diagnostic::instrument::PracticeId,
    >| GapLine {
        name: instrument
            .practice(&g.measure)
            .map(|p| p.name.get(lang).to_owned())
            .unwrap_or_else(|| g.measure.0.clone()),
        self_score: format::decimal(Some(g.self_score), 2),
        others: format::decimal(Some(g.others), 2),
        gap: format::signed(g.gap, 2),
    };
    let (strengths, blind_spots) = match &report.strengths_and_blind_spots {
        Some(s) => (
            s.strengths.iter().map(gap_line).collect(),
            s.blind_spots.iter().map(gap_line).collect(),
        ),
        None => (Vec::new(), Vec::new()),
    };
    let context_view = context_view(&t, &found.facts);
    let focus = focus_views(
        &t,
        found.focus.clone(),
        instrument,
        Some(PriorityContext {
            viewer: &signed_in.principal,
            school: round.school,
            link: format!("/diagnostic/rounds/{}/report#focus", round.id.0),
        }),
    );
    let (previous, changes) = match &found.previous {
        Some((previous, changes)) => (
            Some(date_of(previous.opened_at)),
            changes
                .iter()
                .map(|c| ChangeLine {
                    name: instrument.dimension(c.dimension).name.get(lang).to_owned(),
                    previous: format::decimal(Some(c.previous), 2),
                    current: format::decimal(Some(c.current), 2),
                    change: format::signed(c.change, 2),
                    interval: c
                        .interval_95
                        .map(|(low, high)| {
                            format!(
                                "{} {} {}",
                                format::signed(low, 2),
                                t.get("diag-to"),
                                format::signed(high, 2)
                            )
                        })
                        .unwrap_or_else(|| "–".into()),
                })
                .collect(),
        ),
        None => (None, Vec::new()),
    };
    let scale = instrument
        .scale
        .points
        .iter()
        .map(|p| format!("{} {}", p.value, p.label.get(lang)))
        .collect::<Vec<_>>()
        .join(", ");
    let participation = crate::pages::cpd::participation_view(
        &app,
        &t,
        &signed_in.principal,
        round.id,
        dimensions
            .iter()
            .zip(Dimension::ALL)
            .find(|(_, d)| *d == Dimension::TeacherLearning)
            .map(|(line, _)| line),
    )
    .await?;
    Ok(ReportTemplate {
        participation,
        has_self: own.is_some(),
        shown_others: others.is_some(),
        round: RoundView::of(round),
        row_names,
        visibility,
        dimensions,
        categories,
        practices,
        profile,
        strengths,
        blind_spots,
        focus,
        context: context_view,
        previous,
        changes,
        scale,
        channels,
        page: signed_in.page,
    }
    .into_response())
}

// ---------------------------------------------------------------------------------------
// The self-audit: one person's own ratings, the same dimension view, no respondents.

#[derive(Template, WebTemplate)]
#[template(path = "diagnostic_self_audit.html")]
pub struct SelfAuditTemplate {
    page: Page,
    rated_on: Option<String>,
    profile: Option<Profile>,
    focus: Vec<FocusView>,
    context: Option<ContextView>,
}

pub async fn self_audit(State(app): State<AppState>, signed_in: SignedIn) -> AppResult<Response> {
    let instrument = built_in();
    let t = signed_in.page.t;
    let Some(found) = use_case::self_audit(
        &app.store,
        &progress(&app),
        &signed_in.principal,
        app.settings.fsm_cuts,
    )
    .await?
    else {
        return Ok(questionnaire(
            signed_in.page,
            instrument,
            true,
            t.get("diag-self-audit-title"),
            t.get("diag-self-audit-about"),
            "/diagnostic/self-audit".into(),
        )
        .into_response());
    };
    let audit = &found.audit;
    let focus = focus_views(&t, found.focus.clone(), instrument, None);
    let profile = Profile::new(
        &t,
        instrument,
        t.get("diag-self-audit-profile"),
        vec![(t.get("diag-self"), audit.scores.dimensions.clone())],
    );
    Ok(SelfAuditTemplate {
        page: signed_in.page,
        rated_on: Some(date_of(audit.rated_at)),
        profile: Some(profile),
        focus,
        context: Some(context_view(&t, &found.facts)),
    }
    .into_response())
}

pub async fn save_self_audit(
    State(app): State<AppState>,
    signed_in: SignedIn,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Redirect> {
    use_case::leading_school(&signed_in.principal)?;
    let sheet = answer_sheet(built_in(), &fields)?;
    use_case::save_self_audit(&app.store, &signed_in.principal, &sheet).await?;
    Ok(Redirect::to("/diagnostic/self-audit"))
}

/// A self-audit can be taken again: the form, even when one exists.
pub async fn self_audit_again(signed_in: SignedIn) -> AppResult<QuestionnaireTemplate> {
    use_case::leading_school(&signed_in.principal)?;
    let t = signed_in.page.t;
    Ok(questionnaire(
        signed_in.page,
        built_in(),
        true,
        t.get("diag-self-audit-title"),
        t.get("diag-self-audit-about"),
        "/diagnostic/self-audit".into(),
    ))
}
