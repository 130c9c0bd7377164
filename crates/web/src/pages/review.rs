//! Peer review's pages: a cluster's review cycles (`/orgs/{org}/reviews`), its reviewers'
//! training and reviews taken part in (`/orgs/{org}/reviews/leaders`), and one review
//! (`/reviews/{id}`), its sections by stage, each shown only to who may read it and with
//! who that is. Handlers are thin: `app::review` asks the access policy and leaves out what
//! the reader may not read; here it is only worded.

use crate::AppState;
use crate::context::{Page, SignedIn};
use crate::csrf::CsrfForm;
use crate::error::{AppError, AppResult};
use crate::format;
use crate::i18n::Tr;
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Redirect;
use axum::routing::{get, post};
use headway_app::review::{self as use_case, Invalid, ReviewError, ReviewView};
use headway_domain::ids::{OrgId, PersonId, SchoolId};
use headway_domain::review::{
    FigureKind, Reader, ReviewRule, Section, SharedFigure, Stage, Suggestion,
};
use headway_domain::roles::Role;
use headway_store::planning::PriorityId;
use headway_store::review::{CycleId, EnquiryId, FindingKind, FollowUpId, ReviewId};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/orgs/{org}/reviews", get(list).post(open_review))
        .route("/orgs/{org}/reviews/cycles", post(open_cycle))
        .route(
            "/orgs/{org}/reviews/leaders",
            get(leaders).post(record_training),
        )
        .route("/reviews/{review}", get(show))
        .route("/reviews/{review}/{step}", post(act))
}

fn refusal(key: &'static str) -> AppError {
    AppError::Refused {
        status: StatusCode::BAD_REQUEST,
        key,
        name: None,
    }
}

impl From<ReviewError> for AppError {
    fn from(error: ReviewError) -> AppError {
        match error {
            ReviewError::Denied(denied) => AppError::Forbidden(denied),
            ReviewError::NotFound => AppError::NotFound,
            ReviewError::Rule(rule) => AppError::Refused {
                status: StatusCode::CONFLICT,
                key: match rule {
                    ReviewRule::Closed => "review-error-closed",
                    ReviewRule::NotYet => "review-error-not-yet",
                    ReviewRule::SharingOver => "review-error-sharing-over",
                    ReviewRule::NothingToRelease => "review-error-nothing-to-release",
                },
                name: None,
            },
            ReviewError::Invalid(Invalid::ReviewerFromSchool(name)) => AppError::Refused {
                status: StatusCode::BAD_REQUEST,
                key: "review-error-reviewer-from-school",
                name: Some(name),
            },
            ReviewError::Invalid(why) => refusal(match why {
                Invalid::NoName => "review-error-no-name",
                Invalid::Empty => "review-error-empty",
                Invalid::TooLong => "review-error-too-long",
                Invalid::BadDate => "review-error-date",
                Invalid::NotInCluster => "review-error-not-in-cluster",
                Invalid::NoTeam => "review-error-no-team",
                Invalid::ReviewerFromSchool(_) => "review-error-reviewer-from-school",
                Invalid::NotALeader => "review-error-not-a-leader",
                Invalid::AlreadyReviewed => "review-error-already-reviewed",
                Invalid::NothingShared => "review-error-nothing-shared",
                Invalid::NoSuchFigure => "review-error-no-such-figure",
                Invalid::NotAPriority => "review-error-priority",
                Invalid::AlreadyInPlan => "review-error-already-in-plan",
            }),
            ReviewError::Planning(error) => error.into(),
            ReviewError::Progress(error) => error.into(),
            ReviewError::Store(error) => AppError::Store(error),
        }
    }
}

// ---------------------------------------------------------------------------------------
// Words.

fn stage_words(t: &Tr, stage: Stage) -> String {
    t.get(match stage {
        Stage::SelfReview => "review-stage-self-review",
        Stage::SharingData => "review-stage-sharing-data",
        Stage::Visit => "review-stage-visit",
        Stage::Evidence => "review-stage-evidence",
        Stage::Findings => "review-stage-findings",
        Stage::Workshop => "review-stage-workshop",
        Stage::FollowUp => "review-stage-follow-up",
        Stage::Closed => "review-stage-closed",
    })
}

fn figure_words(t: &Tr, kind: FigureKind) -> String {
    t.get(match kind {
        FigureKind::HeadlineValueAdded => "review-figure-headline",
        FigureKind::DisadvantagedGap => "review-figure-gap",
        FigureKind::GapChange => "review-figure-gap-change",
        FigureKind::Direction => "review-figure-direction",
        FigureKind::Attendance => "review-figure-attendance",
    })
}

fn suggestion_words(t: &Tr, suggestion: Suggestion) -> String {
    t.get(match suggestion {
        Suggestion::ValueAddedBelow => "review-suggest-va-below",
        Suggestion::ValueAddedAbove => "review-suggest-va-above",
        Suggestion::GapAgainstDisadvantaged => "review-suggest-gap-against",
        Suggestion::GapFavoursDisadvantaged => "review-suggest-gap-favours",
        Suggestion::GapWidening => "review-suggest-gap-widening",
        Suggestion::ValueAddedFalling => "review-suggest-va-falling",
    })
}

fn reader_words(t: &Tr, reader: Reader) -> String {
    t.get(match reader {
        Reader::SchoolLeaders => "review-reader-leaders",
        Reader::Team => "review-reader-team",
        Reader::Governors => "review-reader-governors",
        Reader::ClusterLead => "review-reader-cluster-lead",
        Reader::ClusterHeads => "review-reader-cluster-heads",
    })
}

fn role_words(t: &Tr, role: Role) -> String {
    t.get(match role {
        Role::Head => "review-role-head",
        Role::SeniorLeader => "review-role-senior",
        _ => "review-role-middle",
    })
}

/// A shared figure worded: (what, measure and year, value, interval, pupils).
pub struct FigureLine {
    pub kind: &'static str,
    pub what: String,
    pub basis: String,
    pub value: String,
    pub interval: String,
    pub pupils: String,
}

fn figure_line(t: &Tr, f: &SharedFigure) -> FigureLine {
    let (value, lower, upper) = if f.kind == FigureKind::Attendance {
        (
            format::share(f.value),
            format::share(f.ci_lower.max(0.0)),
            format::share(f.ci_upper.min(1.0)),
        )
    } else {
        (
            format::signed(f.value, 2),
            format::signed(f.ci_lower, 2),
            format::signed(f.ci_upper, 2),
        )
    };
    let measure = if f.measure.is_empty() {
        if f.kind == FigureKind::Attendance {
            t.get("review-measure-attendance")
        } else {
            t.get("review-measure-across")
        }
    } else {
        f.measure.clone()
    };
    FigureLine {
        kind: f.kind.as_str(),
        what: figure_words(t, f.kind),
        basis: format!("{measure} · {}", f.year),
        value,
        interval: format::interval(t, lower, upper),
        pupils: f.pupils.map(|n| n.to_string()).unwrap_or_default(),
    }
}

// ---------------------------------------------------------------------------------------
// The cluster's cycles and reviews.

pub struct ReviewRow {
    pub id: i64,
    pub school: String,
    pub stage: String,
    pub released: bool,
    pub on_team: bool,
    /// Whether the reader reads some of it (the lead of an unreleased review does not).
    pub readable: bool,
}

pub struct CycleBlock {
    pub id: i64,
    pub name: String,
    pub opened_on: String,
    pub reviews: Vec<ReviewRow>,
}

#[derive(Template, WebTemplate)]
#[template(path = "review_list.html")]
pub struct ListTemplate {
    page: Page,
    org_id: i64,
    org_name: String,
    cycles: Vec<CycleBlock>,
    may_run: bool,
    schools: Vec<(i64, String)>,
    /// (person, "name — role, school")
    leaders: Vec<(i64, String)>,
}

pub async fn list(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(org): Path<i64>,
) -> AppResult<ListTemplate> {
    let found = use_case::cluster_reviews(&app.store, &signed_in.principal, OrgId(org)).await?;
    let t = signed_in.page.t;
    Ok(ListTemplate {
        org_id: found.org.id,
        org_name: found.org.name,
        cycles: found
            .cycles
            .into_iter()
            .map(|(cycle, reviews)| CycleBlock {
                id: cycle.id,
                name: cycle.name,
                opened_on: cycle.opened_on,
                reviews: reviews
                    .into_iter()
                    .map(|r| ReviewRow {
                        id: r.line.id.0,
                        school: r.line.school_name,
                        stage: stage_words(&t, r.line.stage),
                        released: r.line.released,
                        on_team: r.on_team,
                        readable: r.readable,
                    })
                    .collect(),
            })
            .collect(),
        may_run: found.may_run,
        schools: found.schools.into_iter().map(|s| (s.id, s.name)).collect(),
        leaders: found
            .leaders
            .into_iter()
            .map(|l| {
                (
                    l.person.0,
                    format!("{} — {}, {}", l.name, role_words(&t, l.role), l.school_name),
                )
            })
            .collect(),
        page: signed_in.page,
    })
}

fn field<'a>(fields: &'a [(String, String)], name: &str) -> Option<&'a str> {
    fields
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.trim())
        .filter(|v| !v.is_empty())
}

fn number(fields: &[(String, String)], name: &str) -> AppResult<i64> {
    field(fields, name)
        .and_then(|v| v.parse().ok())
        .ok_or_else(|| refusal("review-error-form"))
}

pub async fn open_cycle(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(org): Path<i64>,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Redirect> {
    let name = field(&fields, "name").unwrap_or_default();
    use_case::open_cycle(&app.store, &signed_in.principal, OrgId(org), name).await?;
    Ok(Redirect::to(&format!("/orgs/{org}/reviews")))
}

pub async fn open_review(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(org): Path<i64>,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Redirect> {
    let cycle = CycleId(number(&fields, "cycle")?);
    let school = SchoolId(number(&fields, "school")?);
    let team = fields
        .iter()
        .filter(|(k, _)| k == "team")
        .map(|(_, v)| v.trim().parse().map(PersonId))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|_| refusal("review-error-form"))?;
    // The cycle must be this cluster's: the use case asks its own cluster's lead.
    let cycle_org = app
        .store
        .reviews()
        .cycle(cycle)
        .await?
        .map(|c| c.cluster_id);
    if cycle_org != Some(org) {
        return Err(AppError::NotFound);
    }
    let id = use_case::open_review(&app.store, &signed_in.principal, cycle, school, &team).await?;
    Ok(Redirect::to(&format!("/reviews/{}", id.0)))
}

// ---------------------------------------------------------------------------------------
// Reviewers.

pub struct LeaderRow {
    pub id: i64,
    pub name: String,
    pub role: String,
    pub school: String,
    pub trained_on: String,
    pub reviews: i64,
}

#[derive(Template, WebTemplate)]
#[template(path = "review_leaders.html")]
pub struct LeadersTemplate {
    page: Page,
    org_id: i64,
    org_name: String,
    leaders: Vec<LeaderRow>,
    may_record: bool,
    today: String,
}

pub async fn leaders(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(org): Path<i64>,
) -> AppResult<LeadersTemplate> {
    let found = use_case::leaders(&app.store, &signed_in.principal, OrgId(org)).await?;
    let t = signed_in.page.t;
    Ok(LeadersTemplate {
        org_id: found.org.id,
        org_name: found.org.name,
        leaders: found
            .leaders
            .into_iter()
            .map(|l| LeaderRow {
                id: l.person.0,
                name: l.name,
                role: role_words(&t, l.role),
                school: l.school_name,
                trained_on: l.trained_on.unwrap_or_default(),
                reviews: l.reviews,
            })
            .collect(),
        may_record: found.may_record,
        today: today(&app),
        page: signed_in.page,
    })
}

fn today(app: &AppState) -> String {
    time::OffsetDateTime::from_unix_timestamp(app.store.now())
        .map(|d| d.date().to_string())
        .unwrap_or_default()
}

pub async fn record_training(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(org): Path<i64>,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Redirect> {
    let person = PersonId(number(&fields, "person")?);
    let on = field(&fields, "completed_on").unwrap_or_default();
    use_case::record_training(&app.store, &signed_in.principal, OrgId(org), person, on).await?;
    Ok(Redirect::to(&format!("/orgs/{org}/reviews/leaders")))
}

// ---------------------------------------------------------------------------------------
// One review.

pub struct EnquiryView {
    pub id: i64,
    pub text: String,
    /// Headway's suggestion it was taken up from, worded; empty for the team's own.
    pub suggested: String,
    /// (note, by)
    pub evidence: Vec<(String, String)>,
}

pub struct SuggestionView {
    pub key: &'static str,
    pub text: String,
    pub because: String,
}

pub struct FollowUpView {
    pub id: i64,
    pub text: String,
    pub in_plan: bool,
}

/// A section's heading id, title and who reads it.
pub struct SectionHead {
    pub id: &'static str,
    pub title: String,
    pub readers: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "review_page.html")]
pub struct ReviewTemplate {
    page: Page,
    id: i64,
    school: String,
    cycle: String,
    org_id: i64,
    stage: String,
    stage_key: &'static str,
    /// (words, done, current)
    stages: Vec<(String, bool, bool)>,
    team: Vec<String>,
    released_on: String,
    heads: Vec<SectionHead>,
    self_review: Option<String>,
    own_figures: Vec<FigureLine>,
    own_priorities: Vec<(i64, String)>,
    shared_on: String,
    shared: Option<Vec<FigureLine>>,
    visit_on: String,
    suggestions: Vec<SuggestionView>,
    enquiries: Option<Vec<EnquiryView>>,
    evidence_readable: bool,
    strengths: Vec<String>,
    explore: Vec<String>,
    findings_readable: bool,
    workshop: Option<(String, String)>,
    follow_ups: Option<Vec<FollowUpView>>,
    may_self_review: bool,
    may_share: bool,
    may_visit: bool,
    may_evidence: bool,
    may_findings: bool,
    may_workshop: bool,
    may_follow_up: bool,
    may_advance: bool,
    may_release: bool,
    may_add_to_plan: bool,
    today: String,
}

impl ReviewTemplate {
    fn head(&self, id: &str) -> &SectionHead {
        self.heads
            .iter()
            .find(|h| h.id == id)
            .expect("every section has a heading")
    }
}

fn section_heads(t: &Tr, view: &ReviewView) -> Vec<SectionHead> {
    let sections = [
        (
            Section::SelfReview,
            "self-review",
            "review-section-self-review",
        ),
        (Section::SharedData, "shared-data", "review-section-shared"),
        (Section::Visit, "visit", "review-section-visit"),
        (Section::Evidence, "evidence", "review-section-evidence"),
        (Section::Findings, "findings", "review-section-findings"),
        (Section::Workshop, "workshop", "review-section-workshop"),
        (Section::FollowUp, "follow-up", "review-section-follow-up"),
    ];
    sections
        .into_iter()
        .map(|(section, id, key)| {
            let who: Vec<String> = view
                .readers(section)
                .into_iter()
                .map(|r| reader_words(t, r))
                .collect();
            SectionHead {
                id,
                title: t.get(key),
                readers: t.named("review-read-by", &who.join("; ")),
            }
        })
        .collect()
}

pub async fn show(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<i64>,
) -> AppResult<ReviewTemplate> {
    let view = use_case::read(
        &app.store,
        crate::pages::overview::overviews(&app),
        &signed_in.principal,
        ReviewId(id),
    )
    .await?;
    let t = signed_in.page.t;
    let r = &view.review;
    let (strengths, explore) = match &view.findings {
        Some(findings) => (
            findings
                .iter()
                .filter(|f| f.kind == FindingKind::Strength)
                .map(|f| f.text.clone())
                .collect(),
            findings
                .iter()
                .filter(|f| f.kind == FindingKind::Explore)
                .map(|f| f.text.clone())
                .collect(),
        ),
        None => (Vec::new(), Vec::new()),
    };
    Ok(ReviewTemplate {
        id,
        school: r.school_name.clone(),
        cycle: r.cycle.name.clone(),
        org_id: r.cycle.cluster_id,
        stage: stage_words(&t, r.stage),
        stage_key: r.stage.as_str(),
        stages: Stage::ALL
            .into_iter()
            .map(|s| (stage_words(&t, s), s < r.stage, s == r.stage))
            .collect(),
        team: r.team.iter().map(|(_, n)| n.clone()).collect(),
        released_on: r.released_on.clone().unwrap_or_default(),
        heads: section_heads(&t, &view),
        self_review: view.self_review.clone(),
        own_figures: view
            .own_data
            .as_ref()
            .map(|d| d.figures.iter().map(|f| figure_line(&t, f)).collect())
            .unwrap_or_default(),
        own_priorities: view
            .own_data
            .as_ref()
            .map(|d| d.priorities.iter().map(|(p, n)| (p.0, n.clone())).collect())
            .unwrap_or_default(),
        shared_on: view
            .shared
            .as_ref()
            .and_then(|(on, _)| on.clone())
            .unwrap_or_default(),
        shared: view
            .shared
            .as_ref()
            .map(|(_, figures)| figures.iter().map(|f| figure_line(&t, f)).collect()),
        visit_on: r.visit_on.clone().unwrap_or_default(),
        suggestions: view
            .suggestions
            .iter()
            .map(|(s, f)| {
                let line = figure_line(&t, f);
                SuggestionView {
                    key: s.as_str(),
                    text: suggestion_words(&t, *s),
                    because: t.with(
                        "review-suggest-because",
                        &[
                            ("figure", line.what.clone().into()),
                            ("value", line.value.clone().into()),
                            ("interval", line.interval.clone().into()),
                        ],
                    ),
                }
            })
            .collect(),
        enquiries: view.enquiries.as_ref().map(|list| {
            list.iter()
                .map(|e| EnquiryView {
                    id: e.id.0,
                    text: e.text.clone(),
                    suggested: e
                        .suggested_from
                        .map(|s| suggestion_words(&t, s))
                        .unwrap_or_default(),
                    evidence: if view.evidence_readable {
                        e.evidence.clone()
                    } else {
                        Vec::new()
                    },
                })
                .collect()
        }),
        evidence_readable: view.evidence_readable,
        findings_readable: view.findings.is_some(),
        strengths,
        explore,
        workshop: view
            .workshop
            .as_ref()
            .map(|(on, notes)| (on.clone().unwrap_or_default(), notes.clone())),
        follow_ups: view.follow_ups.as_ref().map(|list| {
            list.iter()
                .map(|f| FollowUpView {
                    id: f.id.0,
                    text: f.text.clone(),
                    in_plan: f.plan_action.is_some(),
                })
                .collect()
        }),
        may_self_review: view.may(Section::SelfReview),
        may_share: view.may(Section::SharedData),
        may_visit: view.may(Section::Visit),
        may_evidence: view.may(Section::Evidence),
        may_findings: view.may(Section::Findings),
        may_workshop: view.may(Section::Workshop),
        may_follow_up: view.may(Section::FollowUp),
        may_advance: view.may_advance,
        may_release: view.may_release,
        may_add_to_plan: view.may_add_to_plan,
        today: today(&app),
        page: signed_in.page,
    })
}

/// Every change to a review: the step names what is done.
pub async fn act(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path((id, step)): Path<(i64, String)>,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Redirect> {
    let store = &app.store;
    let viewer = &signed_in.principal;
    let review = ReviewId(id);
    let text = |name| field(&fields, name).unwrap_or_default();
    let anchor = match step.as_str() {
        "self-review" => {
            use_case::write_self_review(store, viewer, review, text("text")).await?;
            "self-review"
        }
        "share" => {
            let kinds = fields
                .iter()
                .filter(|(k, _)| k == "figure")
                .map(|(_, v)| FigureKind::parse(v.trim()))
                .collect::<Option<Vec<_>>>()
                .ok_or_else(|| refusal("review-error-no-such-figure"))?;
            use_case::share(
                store,
                crate::pages::overview::overviews(&app),
                viewer,
                review,
                &kinds,
            )
            .await?;
            "shared-data"
        }
        "visit" => {
            use_case::set_visit(store, viewer, review, text("visit_on")).await?;
            "visit"
        }
        "enquiry" => {
            let suggested = match field(&fields, "suggested_from") {
                None => None,
                Some(key) => {
                    Some(Suggestion::parse(key).ok_or_else(|| refusal("review-error-form"))?)
                }
            };
            use_case::add_enquiry(store, viewer, review, text("text"), suggested).await?;
            "visit"
        }
        "evidence" => {
            let enquiry = EnquiryId(number(&fields, "enquiry")?);
            use_case::add_evidence(store, viewer, review, enquiry, text("note")).await?;
            "evidence"
        }
        "finding" => {
            let kind = field(&fields, "kind")
                .and_then(FindingKind::parse)
                .ok_or_else(|| refusal("review-error-form"))?;
            use_case::add_finding(store, viewer, review, kind, text("text")).await?;
            "findings"
        }
        "workshop" => {
            use_case::set_workshop(store, viewer, review, text("workshop_on"), text("notes"))
                .await?;
            "workshop"
        }
        "follow-up" => {
            use_case::add_follow_up(store, viewer, review, text("text")).await?;
            "follow-up"
        }
        "add-to-plan" => {
            let follow_up = FollowUpId(number(&fields, "follow_up")?);
            let priority = PriorityId(number(&fields, "priority")?);
            use_case::add_to_plan(store, viewer, review, follow_up, priority, text("ends_on"))
                .await?;
            "follow-up"
        }
        "release" => {
            use_case::release(store, viewer, review).await?;
            "findings"
        }
        "advance" => {
            let from = field(&fields, "from")
                .and_then(Stage::parse)
                .ok_or_else(|| refusal("review-error-form"))?;
            use_case::advance(store, viewer, review, from).await?;
            "stages"
        }
        _ => return Err(AppError::NotFound),
    };
    Ok(Redirect::to(&format!("/reviews/{id}#{anchor}")))
}
