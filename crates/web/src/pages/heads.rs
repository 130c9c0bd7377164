//! Heads coaching heads and heads' learning communities: a cluster's page
//! (`/orgs/{org}/heads`) with its pairs and communities as the reader may see them, the
//! cluster lead's pairing form with Headway's suggestions; one pair (`/head-pairs/{id}`)
//! with its goals, sessions, notes and outcomes for its two heads, and only that it exists
//! and how many sessions it held for the lead; one community (`/heads-communities/{id}`).
//! Handlers are thin: `app::heads` asks the access policy and leaves out what the reader
//! may not read; here it is only worded.

use crate::AppState;
use crate::context::{Page, SignedIn};
use crate::csrf::CsrfForm;
use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Redirect;
use axum::routing::{get, post};
use headway_app::heads::{self as use_case, HeadsError, Invalid, SessionForm};
use headway_domain::diagnostic::instrument::built_in as instrument;
use headway_domain::heads::{
    CommunityReading, EXPERIENCED_HEAD_YEARS, Likeness, NEW_HEAD_YEARS, Need, PairReading,
};
use headway_domain::ids::{OrgId, PersonId};
use headway_store::heads::{CommunityId, PairId};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/orgs/{org}/heads", get(list))
        .route("/orgs/{org}/heads/pairs", post(start_pair))
        .route("/orgs/{org}/heads/communities", post(start_community))
        .route("/head-pairs/{pair}", get(show_pair))
        .route("/head-pairs/{pair}/goals", post(add_goal))
        .route("/head-pairs/{pair}/focus", post(bring_focus))
        .route("/head-pairs/{pair}/sessions", post(add_session))
        .route("/head-pairs/{pair}/end", post(end_pair))
        .route("/heads-communities/{community}", get(show_community))
        .route("/heads-communities/{community}/meetings", post(add_meeting))
        .route(
            "/heads-communities/{community}/inquiry",
            post(write_inquiry),
        )
}

impl From<HeadsError> for AppError {
    fn from(error: HeadsError) -> AppError {
        match error {
            HeadsError::Denied(denied) => AppError::Forbidden(denied),
            HeadsError::NotFound => AppError::NotFound,
            HeadsError::Invalid(why) => AppError::Refused {
                status: StatusCode::BAD_REQUEST,
                key: match why {
                    Invalid::Empty => "heads-error-empty",
                    Invalid::TooLong => "heads-error-too-long",
                    Invalid::BadDate => "heads-error-date",
                    Invalid::FutureDate => "heads-error-future",
                    Invalid::BeforeStart => "heads-error-before-start",
                    Invalid::NotTwoHeads => "heads-error-not-two-heads",
                    Invalid::AlreadyPaired => "heads-error-already-paired",
                    Invalid::Ended => "heads-error-ended",
                    Invalid::NotYourFocus => "heads-error-not-your-focus",
                    Invalid::TooFewMembers => "heads-error-too-few",
                    Invalid::NotAHead => "heads-error-not-a-head",
                },
                name: None,
            },
            HeadsError::Store(error) => AppError::Store(error),
        }
    }
}

fn field<'a>(fields: &'a [(String, String)], name: &str) -> Option<&'a str> {
    fields
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.trim())
        .filter(|v| !v.is_empty())
}

fn person_field(fields: &[(String, String)], name: &str) -> AppResult<PersonId> {
    field(fields, name)
        .and_then(|v| v.parse().ok())
        .map(PersonId)
        .ok_or(AppError::Refused {
            status: StatusCode::BAD_REQUEST,
            key: "heads-error-not-two-heads",
            name: None,
        })
}

fn head_words(head: &use_case::ClusterHead) -> String {
    format!("{} — {}", head.1, head.3)
}

fn years_words(t: &Tr, years: Option<i64>) -> String {
    match years {
        Some(n) => t.count("heads-years-in-post", n),
        None => t.get("heads-years-unknown"),
    }
}

// ---------------------------------------------------------------------------------------
// The cluster's page.

pub struct PairRow {
    pub id: i64,
    pub coach: String,
    pub coachee: String,
    pub started_on: String,
    pub ended_on: Option<String>,
    pub sessions: String,
    pub mine: bool,
}

pub struct CommunityRow {
    pub id: i64,
    pub name: String,
    pub members: String,
    pub question: String,
    pub findings: String,
    pub member: bool,
}

pub struct SuggestionRow {
    pub coach_id: i64,
    pub coachee_id: i64,
    pub coach: String,
    pub coachee: String,
    pub why: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "heads_list.html")]
pub struct ListTemplate {
    page: Page,
    org_id: i64,
    org_name: String,
    pairs: Vec<PairRow>,
    communities: Vec<CommunityRow>,
    may_arrange: bool,
    may_start_community: bool,
    /// (person, "name — school")
    heads: Vec<(i64, String)>,
    suggestions: Vec<SuggestionRow>,
    suggestion_rule: String,
}

pub async fn list(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(org): Path<i64>,
) -> AppResult<ListTemplate> {
    let principal = &signed_in.principal;
    let found = use_case::cluster_page(&app.store, principal, OrgId(org)).await?;
    let t = signed_in.page.t;
    let suggestions = if found.may_arrange {
        let system = crate::pages::system::system_view(&app);
        use_case::pairing_suggestions(&app.store, &system, principal, OrgId(org))
            .await?
            .into_iter()
            .map(|s| {
                let need = t.get(match s.suggestion.need {
                    Need::NewAndBelow => "heads-need-new-and-below",
                    Need::Below => "heads-need-below",
                    Need::New => "heads-need-new",
                });
                let like = t.get(match s.suggestion.likeness {
                    Likeness::SameBand => "heads-like-same-band",
                    Likeness::NeighbouringBand => "heads-like-neighbouring-band",
                });
                SuggestionRow {
                    coach_id: s.coach.0.0,
                    coachee_id: s.coachee.0.0,
                    coach: head_words(&s.coach),
                    coachee: head_words(&s.coachee),
                    why: format!(
                        "{need}; {like}; {}",
                        t.with(
                            "heads-suggest-years",
                            &[
                                (
                                    "coach",
                                    years_words(&t, Some(s.suggestion.coach_years)).into()
                                ),
                                (
                                    "coachee",
                                    years_words(&t, s.suggestion.coachee_years).into()
                                ),
                            ],
                        )
                    ),
                }
            })
            .collect()
    } else {
        Vec::new()
    };
    let me = principal.person;
    Ok(ListTemplate {
        org_id: found.org.id,
        org_name: found.org.name,
        pairs: found
            .pairs
            .into_iter()
            .map(|p| PairRow {
                id: p.pair.id,
                mine: p.reading == PairReading::ThePair,
                coach: p.pair.coach_name,
                coachee: p.pair.coachee_name,
                started_on: p.pair.started_on,
                ended_on: p.pair.ended_on,
                sessions: t.count("heads-sessions-held", p.pair.sessions),
            })
            .collect(),
        communities: found
            .communities
            .into_iter()
            .map(|c| CommunityRow {
                id: c.community.id,
                name: c.community.name,
                member: c.reading == CommunityReading::Member
                    && c.members.iter().any(|(p, _)| *p == me),
                members: c
                    .members
                    .iter()
                    .map(|(_, n)| n.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
                question: c.community.question,
                findings: c.community.findings,
            })
            .collect(),
        may_arrange: found.may_arrange,
        may_start_community: found.may_start_community,
        heads: found.heads.iter().map(|h| (h.0.0, head_words(h))).collect(),
        suggestions,
        suggestion_rule: t.with(
            "heads-suggest-rule",
            &[
                ("new", NEW_HEAD_YEARS.into()),
                ("experienced", EXPERIENCED_HEAD_YEARS.into()),
            ],
        ),
        page: signed_in.page,
    })
}

pub async fn start_pair(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(org): Path<i64>,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Redirect> {
    let coach = person_field(&fields, "coach")?;
    let coachee = person_field(&fields, "coachee")?;
    let id =
        use_case::start_pair(&app.store, &signed_in.principal, OrgId(org), coach, coachee).await?;
    Ok(Redirect::to(&format!("/head-pairs/{}", id.0)))
}

pub async fn start_community(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(org): Path<i64>,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Redirect> {
    let members: Vec<PersonId> = fields
        .iter()
        .filter(|(k, _)| k == "member")
        .filter_map(|(_, v)| v.trim().parse().ok())
        .map(PersonId)
        .collect();
    let id = use_case::start_community(
        &app.store,
        &signed_in.principal,
        OrgId(org),
        field(&fields, "name").unwrap_or_default(),
        field(&fields, "question").unwrap_or_default(),
        &members,
    )
    .await?;
    Ok(Redirect::to(&format!("/heads-communities/{}", id.0)))
}

// ---------------------------------------------------------------------------------------
// One pair.

pub struct GoalRow {
    pub text: String,
    pub from_360: bool,
    pub set_on: String,
}

pub struct SessionRow {
    pub id: i64,
    pub held_on: String,
    pub notes: String,
    pub outcomes: String,
    pub last_reviewed: String,
    pub writer: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "heads_pair.html")]
pub struct PairTemplate {
    page: Page,
    id: i64,
    org_id: i64,
    title: String,
    coach: String,
    coachee: String,
    started_on: String,
    ended_on: Option<String>,
    sessions_held: String,
    /// The reader is one of the pair.
    whole: bool,
    is_coachee: bool,
    may_end: bool,
    goals: Vec<GoalRow>,
    sessions: Vec<SessionRow>,
    /// (dimension key, "1. headline")
    own_focus: Vec<(String, String)>,
    /// The outcomes agreed at the last session, to review at the next.
    last_outcomes: Option<String>,
    today: String,
}

pub async fn show_pair(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<i64>,
) -> AppResult<PairTemplate> {
    let progress = crate::pages::progress::reports(&app);
    let view = use_case::pair_page(
        &app.store,
        &progress,
        &signed_in.principal,
        PairId(id),
        app.settings.fsm_cuts,
    )
    .await?;
    let t = signed_in.page.t;
    let lang = t.code();
    let goals = view
        .goals
        .iter()
        .map(|g| match use_case::goal_dimension(g) {
            Some(d) => GoalRow {
                text: instrument().dimension(d).focus.get(lang).to_owned(),
                from_360: true,
                set_on: g.set_on.clone(),
            },
            None => GoalRow {
                text: g.text.clone(),
                from_360: false,
                set_on: g.set_on.clone(),
            },
        })
        .collect();
    let today = time::OffsetDateTime::from_unix_timestamp(app.store.now())
        .map(|d| d.date().to_string())
        .unwrap_or_default();
    Ok(PairTemplate {
        id: view.pair.id,
        org_id: view.pair.cluster_id,
        title: t.with(
            "heads-pair-title",
            &[
                ("coach", view.pair.coach_name.clone().into()),
                ("coachee", view.pair.coachee_name.clone().into()),
            ],
        ),
        coach: view.pair.coach_name.clone(),
        coachee: view.pair.coachee_name.clone(),
        started_on: view.pair.started_on.clone(),
        ended_on: view.pair.ended_on.clone(),
        sessions_held: t.count("heads-sessions-held", view.pair.sessions),
        whole: view.reading == PairReading::ThePair,
        is_coachee: view.is_coachee,
        may_end: view.may_end,
        goals,
        last_outcomes: view
            .sessions
            .last()
            .map(|s| s.outcomes.clone())
            .filter(|o| !o.is_empty()),
        sessions: view
            .sessions
            .into_iter()
            .map(|s| SessionRow {
                id: s.id,
                held_on: s.held_on,
                notes: s.notes,
                outcomes: s.outcomes,
                last_reviewed: s.last_reviewed,
                writer: s.writer_name,
            })
            .collect(),
        own_focus: view
            .own_focus
            .iter()
            .map(|f| {
                (
                    f.dimension.as_str().to_owned(),
                    format!(
                        "{}. {}",
                        f.rank,
                        instrument().dimension(f.dimension).focus.get(lang)
                    ),
                )
            })
            .collect(),
        today,
        page: signed_in.page,
    })
}

pub async fn add_goal(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<i64>,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Redirect> {
    use_case::add_goal(
        &app.store,
        &signed_in.principal,
        PairId(id),
        field(&fields, "goal").unwrap_or_default(),
    )
    .await?;
    Ok(Redirect::to(&format!("/head-pairs/{id}#goals")))
}

pub async fn bring_focus(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<i64>,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Redirect> {
    let progress = crate::pages::progress::reports(&app);
    use_case::bring_focus(
        &app.store,
        &progress,
        &signed_in.principal,
        PairId(id),
        field(&fields, "focus").unwrap_or_default(),
        app.settings.fsm_cuts,
    )
    .await?;
    Ok(Redirect::to(&format!("/head-pairs/{id}#goals")))
}

pub async fn add_session(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<i64>,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Redirect> {
    let text = |name| field(&fields, name).unwrap_or_default().to_owned();
    let form = SessionForm {
        held_on: text("held_on"),
        notes: text("notes"),
        outcomes: text("outcomes"),
        last_reviewed: text("last_reviewed"),
    };
    use_case::add_session(&app.store, &signed_in.principal, PairId(id), &form).await?;
    Ok(Redirect::to(&format!("/head-pairs/{id}#sessions")))
}

pub async fn end_pair(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<i64>,
    CsrfForm(_): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Redirect> {
    use_case::end_pair(&app.store, &signed_in.principal, PairId(id)).await?;
    Ok(Redirect::to(&format!("/head-pairs/{id}")))
}

// ---------------------------------------------------------------------------------------
// One community.

#[derive(Template, WebTemplate)]
#[template(path = "heads_community.html")]
pub struct CommunityTemplate {
    page: Page,
    id: i64,
    org_id: i64,
    name: String,
    started_on: String,
    members: Vec<String>,
    member: bool,
    question: String,
    tried: String,
    findings: String,
    /// (date, notes, writer)
    meetings: Vec<(String, String, String)>,
    today: String,
}

pub async fn show_community(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<i64>,
) -> AppResult<CommunityTemplate> {
    let view = use_case::community_page(&app.store, &signed_in.principal, CommunityId(id)).await?;
    let today = time::OffsetDateTime::from_unix_timestamp(app.store.now())
        .map(|d| d.date().to_string())
        .unwrap_or_default();
    Ok(CommunityTemplate {
        id: view.community.id,
        org_id: view.community.cluster_id,
        name: view.community.name,
        started_on: view.community.started_on,
        members: view.members.into_iter().map(|(_, n)| n).collect(),
        member: view.reading == CommunityReading::Member,
        question: view.community.question,
        tried: view.community.tried,
        findings: view.community.findings,
        meetings: view
            .meetings
            .into_iter()
            .map(|m| (m.held_on, m.notes, m.writer_name))
            .collect(),
        today,
        page: signed_in.page,
    })
}

pub async fn add_meeting(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<i64>,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Redirect> {
    use_case::add_meeting(
        &app.store,
        &signed_in.principal,
        CommunityId(id),
        field(&fields, "held_on").unwrap_or_default(),
        field(&fields, "notes").unwrap_or_default(),
    )
    .await?;
    Ok(Redirect::to(&format!("/heads-communities/{id}#meetings")))
}

pub async fn write_inquiry(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<i64>,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Redirect> {
    use_case::write_inquiry(
        &app.store,
        &signed_in.principal,
        CommunityId(id),
        field(&fields, "question").unwrap_or_default(),
        field(&fields, "tried").unwrap_or_default(),
        field(&fields, "findings").unwrap_or_default(),
    )
    .await?;
    Ok(Redirect::to(&format!("/heads-communities/{id}#inquiry")))
}
