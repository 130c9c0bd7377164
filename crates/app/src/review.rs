//! Peer review between schools as use cases (issue 18, item 2; EVIDENCE.md §10): a cluster
//! lead opens a cycle and, in it, a review of one school with a team of leaders from the
//! cluster's other schools; the school's head writes its self-review beside its own figures
//! and plan, and chooses which figures to share (a dated snapshot the team reads, never the
//! school's own pages); the team sets the visit, takes up or writes lines of enquiry —
//! Headway suggests some from the shared figures — gathers evidence and writes findings;
//! the school holds its improvement workshop, writes follow-up actions and can add each to
//! its plan through the planning use case; the head releases the findings and follow-up to
//! the cluster and governors, and closes the review.
//!
//! Every use case builds the review's facts and asks `Action::Review` (one rule, in
//! `domain::access`), writes in one transaction with its audit line, and returns only the
//! sections the reader may read.

use crate::planning::{self, PlanningError};
use crate::progress::{HeadlineMeasure, OverviewFigures, ProgressError, SchoolOverviews};
use headway_domain::access::{Action, Denied, Principal};
use headway_domain::ids::{OrgId, PersonId, SchoolId};
use headway_domain::review::{
    self as rules, Act, FigureKind, LONGEST_TEXT, Reader, ReviewFacts, ReviewRule, Section,
    SharedFigure, Stage, Suggestion, gap_change, suggest_enquiries,
};
use headway_store::planning::{ActionId, NewAction, PriorityId};
use headway_store::review::{
    ClusterLeader, Cycle, CycleId, Enquiry, EnquiryId, Finding, FindingKind, FollowUp, FollowUpId,
    Review, ReviewId, ReviewLine,
};
use headway_store::roster::{OrgSummary, SchoolSummary};
use headway_store::{Store, StoreError, Tx};

/// Why a review use case did nothing.
#[derive(Debug, thiserror::Error)]
pub enum ReviewError {
    #[error("forbidden: {0}")]
    Denied(#[from] Denied),
    /// No such cycle, review or line of enquiry, or one the person has no part in: the two
    /// answer alike.
    #[error("not found")]
    NotFound,
    #[error("{0}")]
    Rule(#[from] ReviewRule),
    #[error("{0}")]
    Invalid(Invalid),
    #[error("{0}")]
    Planning(#[from] PlanningError),
    #[error("{0}")]
    Progress(#[from] ProgressError),
    #[error("store: {0}")]
    Store(#[from] StoreError),
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Invalid {
    #[error("a cycle needs a name")]
    NoName,
    #[error("write something first")]
    Empty,
    #[error("the text is longer than a review accepts")]
    TooLong,
    #[error("dates are written as YYYY-MM-DD")]
    BadDate,
    #[error("that school is not in this cluster")]
    NotInCluster,
    #[error("a review needs a team of at least one leader")]
    NoTeam,
    /// A reviewer holds a role at the school reviewed: a peer review is by other schools.
    #[error(
        "{0} works at the school being reviewed; a review team comes from the cluster's other schools"
    )]
    ReviewerFromSchool(String),
    #[error("a reviewer is a head, senior or middle leader of one of the cluster's schools")]
    NotALeader,
    #[error("this school already has a review in this cycle")]
    AlreadyReviewed,
    #[error("choose at least one figure to share")]
    NothingShared,
    #[error("that figure is not one the school has to share")]
    NoSuchFigure,
    #[error("that priority is not in the school's plan")]
    NotAPriority,
    #[error("this follow-up is already in the plan")]
    AlreadyInPlan,
}

pub type Result<T, E = ReviewError> = std::result::Result<T, E>;

fn today(store: &Store) -> Result<time::Date> {
    Ok(crate::dates::today(store)?)
}

fn date(text: &str) -> Result<time::Date> {
    crate::dates::iso_date(text).ok_or(ReviewError::Invalid(Invalid::BadDate))
}

/// Text from a form: trimmed, not empty, not too long.
fn text(value: &str) -> Result<String> {
    let value = value.trim();
    if value.is_empty() {
        Err(ReviewError::Invalid(Invalid::Empty))
    } else if value.chars().count() > LONGEST_TEXT {
        Err(ReviewError::Invalid(Invalid::TooLong))
    } else {
        Ok(value.to_owned())
    }
}

async fn audit(
    store: &Store,
    tx: &mut Tx,
    viewer: &Principal,
    action: &str,
    detail: &str,
) -> Result<()> {
    store
        .audit_log()
        .record(tx, Some(viewer.person), action, detail)
        .await?;
    Ok(())
}

async fn cluster_schools(store: &Store, cluster: OrgId) -> Result<Vec<SchoolId>> {
    Ok(store
        .roster()
        .schools_under(cluster)
        .await?
        .into_iter()
        .map(|s| SchoolId(s.id))
        .collect())
}

/// The facts the access policy needs about a stored review.
pub async fn facts_of(store: &Store, review: &Review, released: bool) -> Result<ReviewFacts> {
    let cluster = OrgId(review.cycle.cluster_id);
    Ok(ReviewFacts {
        school: review.school,
        cluster,
        cluster_schools: cluster_schools(store, cluster).await?,
        team: review.team.iter().map(|(p, _)| *p).collect(),
        stage: review.stage,
        released,
    })
}

/// The review and its facts; "not found" to someone who reads no part of it, so a review
/// out of reach and one that does not exist look alike.
async fn load(store: &Store, viewer: &Principal, id: ReviewId) -> Result<(Review, ReviewFacts)> {
    let review = store
        .reviews()
        .get(id)
        .await?
        .ok_or(ReviewError::NotFound)?;
    let facts = facts_of(store, &review, review.released_on.is_some()).await?;
    let reads_any = Section::ALL.into_iter().any(|s| {
        viewer
            .may(&Action::Review(facts.clone(), Act::Read(s)))
            .is_ok()
    });
    if !reads_any {
        return Err(ReviewError::NotFound);
    }
    Ok((review, facts))
}

/// The review and its facts, after asking the policy for `act`.
async fn ask(
    store: &Store,
    viewer: &Principal,
    id: ReviewId,
    act: Act,
) -> Result<(Review, ReviewFacts)> {
    let (review, facts) = load(store, viewer, id).await?;
    viewer.may(&Action::Review(facts.clone(), act))?;
    Ok((review, facts))
}

/// Asks to write `section` now: the person may, and the review's stage allows it.
async fn ask_write(
    store: &Store,
    viewer: &Principal,
    id: ReviewId,
    section: Section,
) -> Result<(Review, ReviewFacts)> {
    let (review, facts) = ask(store, viewer, id, Act::Write(section)).await?;
    rules::writable(section, review.stage)?;
    Ok((review, facts))
}

// ---------------------------------------------------------------------------------------
// The cluster's cycles and reviews.

/// A review in the cluster's list, as much as the reader may know of it.
#[derive(Debug, Clone)]
pub struct ListedReview {
    pub line: ReviewLine,
    /// Whether the reader is on its team (and the review is open).
    pub on_team: bool,
    /// Whether the reader reads some of it. The cluster's lead, who opened it, is told an
    /// unreleased review exists and its stage, and reads none of it.
    pub readable: bool,
}

#[derive(Debug, Clone)]
pub struct ClusterReviews {
    pub org: OrgSummary,
    /// Each cycle with the reviews in it the reader may read some of.
    pub cycles: Vec<(Cycle, Vec<ListedReview>)>,
    /// The cluster lead's forms: the schools to review and the leaders to name.
    pub may_run: bool,
    pub schools: Vec<SchoolSummary>,
    pub leaders: Vec<ClusterLeader>,
}

async fn cluster_org(store: &Store, cluster: OrgId) -> Result<(OrgSummary, Vec<SchoolSummary>)> {
    let org = store
        .roster()
        .org(cluster)
        .await?
        .filter(|o| o.kind != "school")
        .ok_or(ReviewError::NotFound)?;
    let schools = store.roster().schools_under(cluster).await?;
    Ok((org, schools))
}

fn view_reviews(cluster: OrgId, schools: &[SchoolSummary]) -> Action {
    Action::ViewReviews {
        cluster,
        schools: schools.iter().map(|s| SchoolId(s.id)).collect(),
    }
}

pub async fn cluster_reviews(
    store: &Store,
    viewer: &Principal,
    cluster: OrgId,
) -> Result<ClusterReviews> {
    let (org, schools) = cluster_org(store, cluster).await?;
    viewer.may(&view_reviews(cluster, &schools))?;
    let school_ids: Vec<SchoolId> = schools.iter().map(|s| SchoolId(s.id)).collect();
    let may_run = viewer.may(&Action::RunReviews(cluster)).is_ok();
    let lines = store.reviews().in_cluster(cluster).await?;
    let mut cycles: Vec<(Cycle, Vec<ListedReview>)> = store
        .reviews()
        .cycles(cluster)
        .await?
        .into_iter()
        .map(|c| (c, Vec::new()))
        .collect();
    for line in lines {
        let facts = ReviewFacts {
            school: line.school,
            cluster,
            cluster_schools: school_ids.clone(),
            team: line.team.clone(),
            stage: line.stage,
            released: line.released,
        };
        let reads = Section::ALL.into_iter().any(|s| {
            viewer
                .may(&Action::Review(facts.clone(), Act::Read(s)))
                .is_ok()
        });
        if !reads && !may_run {
            continue;
        }
        if let Some((_, listed)) = cycles.iter_mut().find(|(c, _)| c.id == line.cycle.0) {
            listed.push(ListedReview {
                on_team: line.stage.is_open() && line.team.contains(&viewer.person),
                readable: reads,
                line,
            });
        }
    }
    let leaders = if may_run {
        store.reviews().cluster_leaders(cluster).await?
    } else {
        Vec::new()
    };
    Ok(ClusterReviews {
        org,
        cycles,
        may_run,
        schools: if may_run { schools } else { Vec::new() },
        leaders,
    })
}

pub async fn open_cycle(
    store: &Store,
    viewer: &Principal,
    cluster: OrgId,
    name: &str,
) -> Result<CycleId> {
    cluster_org(store, cluster).await?;
    viewer.may(&Action::RunReviews(cluster))?;
    let name = name.trim();
    if name.is_empty() {
        return Err(ReviewError::Invalid(Invalid::NoName));
    }
    if name.chars().count() > 200 {
        return Err(ReviewError::Invalid(Invalid::TooLong));
    }
    let opened_on = today(store)?.to_string();
    let mut tx = store.begin().await?;
    let id = store
        .reviews()
        .open_cycle(&mut tx, cluster, name, &opened_on, viewer.person)
        .await?;
    audit(
        store,
        &mut tx,
        viewer,
        "review.open_cycle",
        &format!("cluster {}: cycle {} '{name}'", cluster.0, id.0),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Opens a review of `school` in a cycle, with its team: leaders of the cluster's other
/// schools, never anyone who holds a role at the school reviewed.
pub async fn open_review(
    store: &Store,
    viewer: &Principal,
    cycle: CycleId,
    school: SchoolId,
    team: &[PersonId],
) -> Result<ReviewId> {
    let found = store
        .reviews()
        .cycle(cycle)
        .await?
        .ok_or(ReviewError::NotFound)?;
    let cluster = OrgId(found.cluster_id);
    viewer.may(&Action::RunReviews(cluster))?;
    let schools = cluster_schools(store, cluster).await?;
    if !schools.contains(&school) {
        return Err(ReviewError::Invalid(Invalid::NotInCluster));
    }
    let mut team: Vec<PersonId> = team.to_vec();
    team.sort_unstable();
    team.dedup();
    if team.is_empty() {
        return Err(ReviewError::Invalid(Invalid::NoTeam));
    }
    let leaders = store.reviews().cluster_leaders(cluster).await?;
    for person in &team {
        let member = store.accounts().principal(*person).await?;
        if member.school_view(school).is_some() {
            return Err(ReviewError::Invalid(Invalid::ReviewerFromSchool(
                member.name,
            )));
        }
        if !leaders.iter().any(|l| l.person == *person) {
            return Err(ReviewError::Invalid(Invalid::NotALeader));
        }
    }
    if store
        .reviews()
        .in_cluster(cluster)
        .await?
        .iter()
        .any(|r| r.cycle == cycle && r.school == school)
    {
        return Err(ReviewError::Invalid(Invalid::AlreadyReviewed));
    }
    let mut tx = store.begin().await?;
    let id = store
        .reviews()
        .open_review(&mut tx, cycle, school, &team)
        .await?;
    let names: Vec<String> = team.iter().map(|p| p.0.to_string()).collect();
    audit(
        store,
        &mut tx,
        viewer,
        "review.open_review",
        &format!(
            "cycle {}: review {} of school {} by people {}",
            cycle.0,
            id.0,
            school.0,
            names.join(", ")
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

// ---------------------------------------------------------------------------------------
// One review, as its reader may see it.

/// The school's own figures and plan beside its self-review (its leaders only).
#[derive(Debug)]
pub struct OwnData {
    /// What the school could share now, computed from its overview.
    pub figures: Vec<SharedFigure>,
    /// The priorities of its newest plan: (id, title).
    pub priorities: Vec<(PriorityId, String)>,
}

/// A review with every section the reader may read; `None` for the others.
#[derive(Debug)]
pub struct ReviewView {
    pub review: Review,
    pub facts: ReviewFacts,
    pub self_review: Option<String>,
    pub own_data: Option<OwnData>,
    /// (date shared, figures).
    pub shared: Option<(Option<String>, Vec<SharedFigure>)>,
    /// Headway's own suggestions from the shared figures, not yet taken up, with the
    /// figure each comes from (for whoever writes the visit).
    pub suggestions: Vec<(Suggestion, SharedFigure)>,
    pub enquiries: Option<Vec<Enquiry>>,
    pub evidence_readable: bool,
    pub findings: Option<Vec<Finding>>,
    /// (date, notes).
    pub workshop: Option<(Option<String>, String)>,
    pub follow_ups: Option<Vec<FollowUp>>,
    /// What the reader may do now (allowed and open at this stage).
    pub may_write: Vec<Section>,
    pub may_advance: bool,
    pub may_release: bool,
    pub may_add_to_plan: bool,
}

impl ReviewView {
    pub fn may(&self, section: Section) -> bool {
        self.may_write.contains(&section)
    }

    /// Who reads `section`, for the page's "who reads this".
    pub fn readers(&self, section: Section) -> Vec<Reader> {
        rules::readers(section, &self.facts)
    }
}

/// The figures a school could share now, from its overview: only figures the overview
/// shows (a suppressed group gives none).
pub fn shareable(figures: &OverviewFigures) -> Vec<SharedFigure> {
    let mut out = Vec::new();
    let Some(headline) = figures.headline() else {
        return out;
    };
    let year = headline.year.name.clone();
    let measure = match &headline.measure {
        HeadlineMeasure::Subject(choice) => choice.name.clone(),
        // Worded by the page in the reader's language.
        HeadlineMeasure::AcrossSubjects { .. } => String::new(),
    };
    let progress = &headline.progress;
    if let Some(f) = &progress.value_added.figures {
        out.push(SharedFigure {
            kind: FigureKind::HeadlineValueAdded,
            measure: measure.clone(),
            year: year.clone(),
            value: f.value_added,
            ci_lower: f.ci_lower,
            ci_upper: f.ci_upper,
            pupils: Some(progress.value_added.n as i64),
        });
    }
    if let Some(gap) = &progress.gap {
        out.push(SharedFigure {
            kind: FigureKind::DisadvantagedGap,
            measure: measure.clone(),
            year: year.clone(),
            value: gap.value,
            ci_lower: gap.ci_lower,
            ci_upper: gap.ci_upper,
            pupils: None,
        });
        let first = figures
            .history
            .first()
            .filter(|h| h.year.id != headline.year.id);
        if let Some(then) = first.and_then(|h| h.progress.gap.as_ref().map(|g| (h, g))) {
            let (change, lower, upper) = gap_change(
                (then.1.value, then.1.ci_lower, then.1.ci_upper),
                (gap.value, gap.ci_lower, gap.ci_upper),
            );
            out.push(SharedFigure {
                kind: FigureKind::GapChange,
                measure: measure.clone(),
                year: format!("{} – {}", then.0.year.name, year),
                value: change,
                ci_lower: lower,
                ci_upper: upper,
                pupils: None,
            });
        }
    }
    if let (Some(direction), Some(first)) = (figures.direction, figures.history.first()) {
        let (change, (lower, upper)) = direction.change();
        out.push(SharedFigure {
            kind: FigureKind::Direction,
            measure: measure.clone(),
            year: format!("{} – {}", first.year.name, year),
            value: change,
            ci_lower: lower,
            ci_upper: upper,
            pupils: None,
        });
    }
    if let Some(attendance) = &figures.attendance
        && let Some(rate) = &attendance.whole.figures.rate
    {
        out.push(SharedFigure {
            kind: FigureKind::Attendance,
            measure: String::new(),
            year,
            value: rate.value,
            ci_lower: rate.ci_lower,
            ci_upper: rate.ci_upper,
            pupils: attendance.whole.shown_pupils().map(|n| n as i64),
        });
    }
    out
}

async fn own_data(
    store: &Store,
    overviews: SchoolOverviews<'_>,
    viewer: &Principal,
    school: SchoolId,
) -> Result<OwnData> {
    let overview = overviews.overview(viewer, school, None).await?;
    Ok(OwnData {
        figures: overview
            .figures
            .as_deref()
            .map(shareable)
            .unwrap_or_default(),
        priorities: crate::observation::plan_priorities(store, school)
            .await
            .map_err(|e| match e {
                crate::observation::ObservationError::Store(s) => ReviewError::Store(s),
                _ => ReviewError::NotFound,
            })?,
    })
}

/// The figures a school could share for its review today (the head's choice on the page).
pub async fn shareable_now(
    store: &Store,
    overviews: SchoolOverviews<'_>,
    viewer: &Principal,
    school: SchoolId,
) -> Result<Vec<SharedFigure>> {
    Ok(own_data(store, overviews, viewer, school).await?.figures)
}

pub async fn read(
    store: &Store,
    overviews: SchoolOverviews<'_>,
    viewer: &Principal,
    id: ReviewId,
) -> Result<ReviewView> {
    let (review, facts) = load(store, viewer, id).await?;
    let reads = |section| {
        viewer
            .may(&Action::Review(facts.clone(), Act::Read(section)))
            .is_ok()
    };
    let writes = |section| {
        viewer
            .may(&Action::Review(facts.clone(), Act::Write(section)))
            .is_ok()
            && rules::writable(section, review.stage).is_ok()
    };
    let reviews = store.reviews();
    let own_data = if reads(Section::SelfReview) {
        Some(own_data(store, overviews, viewer, review.school).await?)
    } else {
        None
    };
    let shared = if reads(Section::SharedData) {
        Some((review.shared_on.clone(), reviews.shared_figures(id).await?))
    } else {
        None
    };
    let enquiries = if reads(Section::Visit) {
        Some(reviews.enquiries(id).await?)
    } else {
        None
    };
    let may_write: Vec<Section> = Section::ALL.into_iter().filter(|s| writes(*s)).collect();
    let suggestions = match (&shared, &enquiries) {
        (Some((_, figures)), Some(taken)) if may_write.contains(&Section::Visit) => {
            suggest_enquiries(figures)
                .into_iter()
                .filter(|(s, _)| !taken.iter().any(|e| e.suggested_from == Some(*s)))
                .map(|(s, f)| (s, f.clone()))
                .collect()
        }
        _ => Vec::new(),
    };
    let findings = if reads(Section::Findings) {
        Some(reviews.findings(id).await?)
    } else {
        None
    };
    let follow_ups = if reads(Section::FollowUp) {
        Some(reviews.follow_ups(id).await?)
    } else {
        None
    };
    let act = |act| viewer.may(&Action::Review(facts.clone(), act)).is_ok();
    Ok(ReviewView {
        self_review: reads(Section::SelfReview).then(|| review.self_review.clone()),
        own_data,
        shared,
        suggestions,
        enquiries,
        evidence_readable: reads(Section::Evidence),
        findings,
        workshop: reads(Section::Workshop)
            .then(|| (review.workshop_on.clone(), review.workshop_notes.clone())),
        follow_ups,
        may_advance: review.stage.is_open() && act(Act::Advance),
        may_release: review.released_on.is_none()
            && review.stage >= Stage::Findings
            && act(Act::Release),
        may_add_to_plan: act(Act::AddToPlan),
        may_write,
        review,
        facts,
    })
}

// ---------------------------------------------------------------------------------------
// Writing a review, stage by stage.

pub async fn write_self_review(
    store: &Store,
    viewer: &Principal,
    id: ReviewId,
    body: &str,
) -> Result<()> {
    ask_write(store, viewer, id, Section::SelfReview).await?;
    let body = text(body)?;
    let mut tx = store.begin().await?;
    store.reviews().set_self_review(&mut tx, id, &body).await?;
    audit(
        store,
        &mut tx,
        viewer,
        "review.self_review",
        &format!("review {}", id.0),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Shares the chosen figures, as the school's overview gives them today, dated today.
pub async fn share(
    store: &Store,
    overviews: SchoolOverviews<'_>,
    viewer: &Principal,
    id: ReviewId,
    kinds: &[FigureKind],
) -> Result<()> {
    let (review, _) = ask_write(store, viewer, id, Section::SharedData).await?;
    if kinds.is_empty() {
        return Err(ReviewError::Invalid(Invalid::NothingShared));
    }
    let available = own_data(store, overviews, viewer, review.school)
        .await?
        .figures;
    let mut chosen = Vec::new();
    for kind in kinds {
        let figure = available
            .iter()
            .find(|f| f.kind == *kind)
            .ok_or(ReviewError::Invalid(Invalid::NoSuchFigure))?;
        if !chosen.iter().any(|f: &SharedFigure| f.kind == *kind) {
            chosen.push(figure.clone());
        }
    }
    let on = today(store)?.to_string();
    let mut tx = store.begin().await?;
    store.reviews().share(&mut tx, id, &on, &chosen).await?;
    let names: Vec<&str> = chosen.iter().map(|f| f.kind.as_str()).collect();
    audit(
        store,
        &mut tx,
        viewer,
        "review.share",
        &format!("review {}: {}", id.0, names.join(", ")),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn set_visit(store: &Store, viewer: &Principal, id: ReviewId, on: &str) -> Result<()> {
    ask_write(store, viewer, id, Section::Visit).await?;
    let on = date(on)?.to_string();
    let mut tx = store.begin().await?;
    store.reviews().set_visit(&mut tx, id, &on).await?;
    audit(
        store,
        &mut tx,
        viewer,
        "review.visit",
        &format!("review {}: visit on {on}", id.0),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Adds a line of enquiry: the team's own, or one of Headway's suggestions as the team
/// worded it (accepted as it was or edited).
pub async fn add_enquiry(
    store: &Store,
    viewer: &Principal,
    id: ReviewId,
    body: &str,
    suggested_from: Option<Suggestion>,
) -> Result<EnquiryId> {
    ask_write(store, viewer, id, Section::Visit).await?;
    let body = text(body)?;
    let mut tx = store.begin().await?;
    let enquiry = store
        .reviews()
        .add_enquiry(&mut tx, id, &body, suggested_from, viewer.person)
        .await?;
    let origin = suggested_from.map_or("the team's own", Suggestion::as_str);
    audit(
        store,
        &mut tx,
        viewer,
        "review.enquiry",
        &format!("review {}: line {} ({origin})", id.0, enquiry.0),
    )
    .await?;
    tx.commit().await?;
    Ok(enquiry)
}

/// Adds a note under a line of enquiry of review `id`.
pub async fn add_evidence(
    store: &Store,
    viewer: &Principal,
    id: ReviewId,
    enquiry: EnquiryId,
    note: &str,
) -> Result<()> {
    if store.reviews().review_of_enquiry(enquiry).await? != Some(id) {
        return Err(ReviewError::NotFound);
    }
    ask_write(store, viewer, id, Section::Evidence).await?;
    let note = text(note)?;
    let mut tx = store.begin().await?;
    store
        .reviews()
        .add_evidence(&mut tx, enquiry, &note, viewer.person)
        .await?;
    audit(
        store,
        &mut tx,
        viewer,
        "review.evidence",
        &format!("review {}: line {}", id.0, enquiry.0),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn add_finding(
    store: &Store,
    viewer: &Principal,
    id: ReviewId,
    kind: FindingKind,
    body: &str,
) -> Result<()> {
    ask_write(store, viewer, id, Section::Findings).await?;
    let body = text(body)?;
    let mut tx = store.begin().await?;
    store
        .reviews()
        .add_finding(&mut tx, id, kind, &body, viewer.person)
        .await?;
    audit(
        store,
        &mut tx,
        viewer,
        "review.finding",
        &format!("review {}: {}", id.0, kind.as_str()),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn set_workshop(
    store: &Store,
    viewer: &Principal,
    id: ReviewId,
    on: &str,
    notes: &str,
) -> Result<()> {
    ask_write(store, viewer, id, Section::Workshop).await?;
    let on = date(on)?.to_string();
    let notes = notes.trim();
    if notes.chars().count() > LONGEST_TEXT {
        return Err(ReviewError::Invalid(Invalid::TooLong));
    }
    let mut tx = store.begin().await?;
    store
        .reviews()
        .set_workshop(&mut tx, id, &on, notes)
        .await?;
    audit(
        store,
        &mut tx,
        viewer,
        "review.workshop",
        &format!("review {}: workshop on {on}", id.0),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn add_follow_up(
    store: &Store,
    viewer: &Principal,
    id: ReviewId,
    body: &str,
) -> Result<FollowUpId> {
    ask_write(store, viewer, id, Section::FollowUp).await?;
    let body = text(body)?;
    let mut tx = store.begin().await?;
    let follow_up = store
        .reviews()
        .add_follow_up(&mut tx, id, &body, viewer.person)
        .await?;
    audit(
        store,
        &mut tx,
        viewer,
        "review.follow_up",
        &format!("review {}: follow-up {}", id.0, follow_up.0),
    )
    .await?;
    tx.commit().await?;
    Ok(follow_up)
}

/// Adds a follow-up to the school's plan as an action under `priority`, owned by the head,
/// from today to `ends_on` — through `planning::add_action`, so the plan's own rules (a
/// draft copied from an agreed version, the staff check, its audit line) all apply.
pub async fn add_to_plan(
    store: &Store,
    viewer: &Principal,
    id: ReviewId,
    follow_up: FollowUpId,
    priority: PriorityId,
    ends_on: &str,
) -> Result<ActionId> {
    let held = match store.reviews().follow_up(follow_up).await? {
        Some((of, held)) if of == id => held,
        _ => return Err(ReviewError::NotFound),
    };
    let (review, _) = ask(store, viewer, id, Act::AddToPlan).await?;
    if held.plan_action.is_some() {
        return Err(ReviewError::Invalid(Invalid::AlreadyInPlan));
    }
    let priorities = crate::observation::plan_priorities(store, review.school)
        .await
        .map_err(|e| match e {
            crate::observation::ObservationError::Store(s) => ReviewError::Store(s),
            _ => ReviewError::NotFound,
        })?;
    if !priorities.iter().any(|(p, _)| *p == priority) {
        return Err(ReviewError::Invalid(Invalid::NotAPriority));
    }
    let ends_on = date(ends_on)?.to_string();
    let action = NewAction {
        title: held.text.chars().take(200).collect(),
        owner: viewer.person,
        people: Vec::new(),
        starts_on: today(store)?.to_string(),
        ends_on,
        budget: 0.0,
        hours_per_week: 0.0,
        cpd_days: 0.0,
        pattern: "consultative".into(),
        teacher_leader: None,
        leader_area: None,
    };
    let action_id = planning::add_action(store, viewer, priority, &action).await?;
    let mut tx = store.begin().await?;
    store
        .reviews()
        .set_follow_up_action(&mut tx, follow_up, action_id)
        .await?;
    audit(
        store,
        &mut tx,
        viewer,
        "review.add_to_plan",
        &format!(
            "review {}: follow-up {} became plan action {}",
            id.0, follow_up.0, action_id.0
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(action_id)
}

/// Releases the findings and follow-up to the cluster and the school's governors.
pub async fn release(store: &Store, viewer: &Principal, id: ReviewId) -> Result<()> {
    let (review, _) = ask(store, viewer, id, Act::Release).await?;
    if review.released_on.is_some() {
        return Ok(());
    }
    if store.reviews().findings(id).await?.is_empty() {
        return Err(ReviewRule::NothingToRelease.into());
    }
    let on = today(store)?.to_string();
    let mut tx = store.begin().await?;
    store
        .reviews()
        .release(&mut tx, id, &on, viewer.person)
        .await?;
    audit(
        store,
        &mut tx,
        viewer,
        "review.release",
        &format!("review {}", id.0),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Moves the review on to its next stage; from the follow-up, closes it.
pub async fn advance(
    store: &Store,
    viewer: &Principal,
    id: ReviewId,
    from: Stage,
) -> Result<Stage> {
    let (review, _) = ask(store, viewer, id, Act::Advance).await?;
    // A second press of a page's button moves nothing on.
    if review.stage != from {
        return Ok(review.stage);
    }
    let next = review.stage.next().ok_or(ReviewRule::Closed)?;
    let mut tx = store.begin().await?;
    store.reviews().set_stage(&mut tx, id, next).await?;
    audit(
        store,
        &mut tx,
        viewer,
        "review.advance",
        &format!(
            "review {}: {} to {}",
            id.0,
            review.stage.as_str(),
            next.as_str()
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(next)
}

// ---------------------------------------------------------------------------------------
// Reviewers: training and reviews taken part in.

pub struct ReviewLeaders {
    pub org: OrgSummary,
    pub leaders: Vec<ClusterLeader>,
    pub may_record: bool,
}

pub async fn leaders(store: &Store, viewer: &Principal, cluster: OrgId) -> Result<ReviewLeaders> {
    let (org, schools) = cluster_org(store, cluster).await?;
    viewer.may(&view_reviews(cluster, &schools))?;
    Ok(ReviewLeaders {
        org,
        leaders: store.reviews().cluster_leaders(cluster).await?,
        may_record: viewer.may(&Action::RunReviews(cluster)).is_ok(),
    })
}

pub async fn record_training(
    store: &Store,
    viewer: &Principal,
    cluster: OrgId,
    person: PersonId,
    on: &str,
) -> Result<()> {
    cluster_org(store, cluster).await?;
    viewer.may(&Action::RunReviews(cluster))?;
    let on = date(on)?;
    if on > today(store)? {
        return Err(ReviewError::Invalid(Invalid::BadDate));
    }
    if !store
        .reviews()
        .cluster_leaders(cluster)
        .await?
        .iter()
        .any(|l| l.person == person)
    {
        return Err(ReviewError::Invalid(Invalid::NotALeader));
    }
    let on = on.to_string();
    let mut tx = store.begin().await?;
    store
        .reviews()
        .record_training(&mut tx, person, cluster, &on, viewer.person)
        .await?;
    audit(
        store,
        &mut tx,
        viewer,
        "review.training",
        &format!("cluster {}: person {} trained on {on}", cluster.0, person.0),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
