//! Heads coaching heads and heads' learning communities as use cases (issue 18, item 3;
//! EVIDENCE.md §10): a cluster's lead sets up pairs of heads — an experienced coach and a
//! new or struggling coachee — with Headway's suggestions beside the form; the two heads
//! set goals (their own words, or a focus the coachee brings from their own 360 report),
//! record sessions with notes private to the pair, the outcomes agreed, and how last
//! time's outcomes went. The cluster's heads start learning communities with members,
//! meetings and a shared inquiry.
//!
//! Every use case builds the facts and asks the access policy (`domain::access`, whose
//! rules are `domain::heads`'s); a pair or community the reader has no part in answers
//! "not found", as one that does not exist.

use crate::diagnostic::{self, DiagnosticError};
use crate::progress::ProgressReports;
use crate::system::{SchoolFilter, SystemView};
use headway_domain::access::{Action, Denied, Principal};
use headway_domain::diagnostic::framework::Dimension;
use headway_domain::diagnostic::instrument::built_in as instrument;
use headway_domain::heads::{
    self as rules, Candidate, ClusterFacts, CommunityFacts, CommunityReading, FEWEST_MEMBERS,
    LONGEST_TEXT, PairFacts, PairReading, Suggestion,
};
use headway_domain::ids::{OrgId, PersonId, SchoolId};
use headway_domain::school::FsmBandCuts;
use headway_store::heads::{
    Community, CommunityId, Goal, Meeting, NewCommunity, NewSession, Pair, PairId, Session,
};
use headway_store::roster::OrgSummary;
use headway_store::{Store, StoreError, Tx};

/// Why a heads' coaching or community use case did nothing.
#[derive(Debug, thiserror::Error)]
pub enum HeadsError {
    #[error("forbidden: {0}")]
    Denied(#[from] Denied),
    /// No such cluster, pair or community, or one the person has no part in: the two
    /// answer alike.
    #[error("not found")]
    NotFound,
    #[error("{0}")]
    Invalid(Invalid),
    #[error("store: {0}")]
    Store(#[from] StoreError),
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Invalid {
    #[error("write something first")]
    Empty,
    #[error("the text is longer than this accepts")]
    TooLong,
    #[error("dates are written as YYYY-MM-DD")]
    BadDate,
    #[error("a session or meeting is not dated after today")]
    FutureDate,
    #[error("a session is not dated before the pair began")]
    BeforeStart,
    #[error("a coach and a coachee are heads of this cluster's schools, and two different people")]
    NotTwoHeads,
    #[error("these two heads are already a pair")]
    AlreadyPaired,
    #[error("this pair has ended")]
    Ended,
    #[error("that focus is not one of your own 360 report's suggestions")]
    NotYourFocus,
    #[error("a learning community has at least two heads of this cluster's schools")]
    TooFewMembers,
    #[error("a member of a learning community heads one of this cluster's schools")]
    NotAHead,
}

pub type Result<T, E = HeadsError> = std::result::Result<T, E>;

fn today(store: &Store) -> Result<time::Date> {
    Ok(crate::dates::today(store)?)
}

fn date(text: &str) -> Result<time::Date> {
    crate::dates::iso_date(text).ok_or(HeadsError::Invalid(Invalid::BadDate))
}

/// Text from a form: trimmed, not empty, not too long.
fn text(value: &str) -> Result<String> {
    let value = optional_text(value)?;
    if value.is_empty() {
        Err(HeadsError::Invalid(Invalid::Empty))
    } else {
        Ok(value)
    }
}

/// Text from a form that may be left empty: trimmed, not too long.
fn optional_text(value: &str) -> Result<String> {
    let value = value.trim();
    if value.chars().count() > LONGEST_TEXT {
        Err(HeadsError::Invalid(Invalid::TooLong))
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

/// The cluster and the facts about it; any other organisation (a school, a trust, the
/// system) has no heads' coaching of its own and is not found.
async fn cluster_of(store: &Store, cluster: OrgId) -> Result<(OrgSummary, ClusterFacts)> {
    let org = store
        .roster()
        .org(cluster)
        .await?
        .filter(|o| o.kind == "cluster")
        .ok_or(HeadsError::NotFound)?;
    let schools = store
        .roster()
        .schools_under(cluster)
        .await?
        .into_iter()
        .map(|s| SchoolId(s.id))
        .collect();
    Ok((org, ClusterFacts { cluster, schools }))
}

fn pair_facts(pair: &Pair, cluster: ClusterFacts) -> PairFacts {
    PairFacts {
        cluster,
        coach: PersonId(pair.coach_id),
        coachee: PersonId(pair.coachee_id),
    }
}

/// A pair and what the viewer reads of it; "not found" to someone who reads nothing.
async fn load_pair(
    store: &Store,
    viewer: &Principal,
    id: PairId,
) -> Result<(Pair, PairFacts, PairReading)> {
    let pair = store.heads().pair(id).await?.ok_or(HeadsError::NotFound)?;
    let (_, cluster) = cluster_of(store, OrgId(pair.cluster_id)).await?;
    let facts = pair_facts(&pair, cluster);
    let reading = viewer
        .head_pair_reading(&facts)
        .ok_or(HeadsError::NotFound)?;
    Ok((pair, facts, reading))
}

/// A pair the viewer is one of, still current, for writing in it.
async fn pair_to_write(store: &Store, viewer: &Principal, id: PairId) -> Result<Pair> {
    let (pair, facts, _) = load_pair(store, viewer, id).await?;
    viewer.may(&Action::ReadHeadPair(facts))?;
    if pair.ended_on.is_some() {
        return Err(HeadsError::Invalid(Invalid::Ended));
    }
    Ok(pair)
}

async fn community_facts(store: &Store, community: &Community) -> Result<CommunityFacts> {
    let (_, cluster) = cluster_of(store, OrgId(community.cluster_id)).await?;
    let members = store
        .heads()
        .members(community.community_id())
        .await?
        .into_iter()
        .map(|(p, _)| p)
        .collect();
    Ok(CommunityFacts { cluster, members })
}

async fn load_community(
    store: &Store,
    viewer: &Principal,
    id: CommunityId,
) -> Result<(Community, CommunityFacts, CommunityReading)> {
    let community = store
        .heads()
        .community(id)
        .await?
        .ok_or(HeadsError::NotFound)?;
    let facts = community_facts(store, &community).await?;
    let reading = viewer
        .heads_community_reading(&facts)
        .ok_or(HeadsError::NotFound)?;
    Ok((community, facts, reading))
}

// ---------------------------------------------------------------------------------------
// The cluster's page.

/// A pair in the cluster's list, with what the reader reads of it.
#[derive(Debug, Clone)]
pub struct ListedPair {
    pub pair: Pair,
    pub reading: PairReading,
}

/// A community in the cluster's list: the cluster's lead reads its question and findings.
#[derive(Debug, Clone)]
pub struct ListedCommunity {
    pub community: Community,
    pub members: Vec<(PersonId, String)>,
    pub reading: CommunityReading,
}

/// A head of one of the cluster's schools: (person, name, school id, school name).
pub type ClusterHead = (PersonId, String, i64, String);

#[derive(Debug, Clone)]
pub struct HeadsLearning {
    pub org: OrgSummary,
    pub pairs: Vec<ListedPair>,
    pub communities: Vec<ListedCommunity>,
    /// The cluster lead's forms: set pairs up.
    pub may_arrange: bool,
    /// A head or the lead may start a community.
    pub may_start_community: bool,
    /// The heads to choose from, for the forms.
    pub heads: Vec<ClusterHead>,
}

pub async fn cluster_page(
    store: &Store,
    viewer: &Principal,
    cluster: OrgId,
) -> Result<HeadsLearning> {
    let (org, facts) = cluster_of(store, cluster).await?;
    viewer.may(&Action::ViewHeadsLearning(facts.clone()))?;
    let mut pairs = Vec::new();
    for pair in store.heads().pairs(cluster).await? {
        if let Some(reading) = viewer.head_pair_reading(&pair_facts(&pair, facts.clone())) {
            pairs.push(ListedPair { pair, reading });
        }
    }
    let mut communities = Vec::new();
    for community in store.heads().communities(cluster).await? {
        let members = store.heads().members(community.community_id()).await?;
        let facts = CommunityFacts {
            cluster: facts.clone(),
            members: members.iter().map(|(p, _)| *p).collect(),
        };
        if let Some(reading) = viewer.heads_community_reading(&facts) {
            communities.push(ListedCommunity {
                community,
                members,
                reading,
            });
        }
    }
    let may_arrange = viewer.may(&Action::ArrangeHeadPairs(facts.clone())).is_ok();
    let may_start_community = viewer
        .may(&Action::StartHeadsCommunity(facts.clone()))
        .is_ok();
    let heads = if may_arrange || may_start_community {
        store.heads().cluster_heads(cluster).await?
    } else {
        Vec::new()
    };
    Ok(HeadsLearning {
        org,
        pairs,
        communities,
        may_arrange,
        may_start_community,
        heads,
    })
}

/// A suggested pair with the two heads' names and schools.
#[derive(Debug, Clone)]
pub struct NamedSuggestion {
    pub suggestion: Suggestion,
    pub coach: ClusterHead,
    pub coachee: ClusterHead,
}

/// Headway's pairing suggestions for the cluster's lead, from the cluster view's figures
/// (phase, FSM band, value added with its interval) and the heads' time in post. Heads in
/// a current pair are left out. Empty when the viewer may not compare the schools.
pub async fn pairing_suggestions(
    store: &Store,
    system: &SystemView<'_>,
    viewer: &Principal,
    cluster: OrgId,
) -> Result<Vec<NamedSuggestion>> {
    let (_, facts) = cluster_of(store, cluster).await?;
    viewer.may(&Action::ArrangeHeadPairs(facts))?;
    let compared = match system
        .schools_compared(viewer, cluster, SchoolFilter::default())
        .await
    {
        Ok(compared) => compared,
        Err(crate::progress::ProgressError::Denied(_)) => return Ok(Vec::new()),
        Err(crate::progress::ProgressError::Store(e)) => return Err(e.into()),
        Err(e) => return Err(StoreError::Internal(e.to_string()).into()),
    };
    let heads = store.heads().cluster_heads(cluster).await?;
    let mut candidates = Vec::new();
    for school in &compared.schools {
        let below = school
            .headline()
            .and_then(|h| h.value_added.figures.as_ref())
            .is_some_and(|f| f.ci_upper < 0.0);
        for head in heads.iter().filter(|h| h.2 == school.summary.id) {
            candidates.push(Candidate {
                person: head.0,
                school: SchoolId(school.summary.id),
                phase: school.summary.phase.clone(),
                fsm_band: school.fsm_band.number(),
                years_in_post: school.head_years_in_post,
                significantly_below: below,
            });
        }
    }
    let busy: Vec<PersonId> = store
        .heads()
        .pairs(cluster)
        .await?
        .into_iter()
        .filter(|p| p.ended_on.is_none())
        .flat_map(|p| [PersonId(p.coach_id), PersonId(p.coachee_id)])
        .collect();
    let find = |person: PersonId| heads.iter().find(|h| h.0 == person).cloned();
    Ok(rules::suggest_pairs(&candidates, &busy)
        .into_iter()
        .filter_map(|suggestion| {
            Some(NamedSuggestion {
                coach: find(suggestion.coach)?,
                coachee: find(suggestion.coachee)?,
                suggestion,
            })
        })
        .collect())
}

/// Sets up a pair: two different heads of the cluster's schools, not already a pair.
pub async fn start_pair(
    store: &Store,
    viewer: &Principal,
    cluster: OrgId,
    coach: PersonId,
    coachee: PersonId,
) -> Result<PairId> {
    let (_, facts) = cluster_of(store, cluster).await?;
    viewer.may(&Action::ArrangeHeadPairs(facts))?;
    let heads = store.heads().cluster_heads(cluster).await?;
    let is_head = |p: PersonId| heads.iter().any(|h| h.0 == p);
    if coach == coachee || !is_head(coach) || !is_head(coachee) {
        return Err(HeadsError::Invalid(Invalid::NotTwoHeads));
    }
    let current = store.heads().pairs(cluster).await?;
    if current.iter().any(|p| {
        p.ended_on.is_none()
            && [p.coach_id, p.coachee_id].contains(&coach.0)
            && [p.coach_id, p.coachee_id].contains(&coachee.0)
    }) {
        return Err(HeadsError::Invalid(Invalid::AlreadyPaired));
    }
    let on = today(store)?.to_string();
    let mut tx = store.begin().await?;
    let id = store
        .heads()
        .start_pair(&mut tx, cluster, coach, coachee, &on, viewer.person)
        .await?;
    audit(
        store,
        &mut tx,
        viewer,
        "heads.start_pair",
        &format!(
            "cluster {}: pair {} coach {} coachee {}",
            cluster.0, id.0, coach.0, coachee.0
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Ends a pair: the cluster's lead.
pub async fn end_pair(store: &Store, viewer: &Principal, id: PairId) -> Result<()> {
    let (pair, facts, _) = load_pair(store, viewer, id).await?;
    viewer.may(&Action::ArrangeHeadPairs(facts.cluster))?;
    let on = today(store)?.to_string();
    let mut tx = store.begin().await?;
    if !store.heads().end_pair(&mut tx, id, &on).await? {
        return Err(HeadsError::Invalid(Invalid::Ended));
    }
    audit(
        store,
        &mut tx,
        viewer,
        "heads.end_pair",
        &format!("cluster {}: pair {}", pair.cluster_id, id.0),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

// ---------------------------------------------------------------------------------------
// One pair.

/// A focus the coachee may bring from their own 360 report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OwnFocus {
    pub dimension: Dimension,
    /// 1 for the report's first suggestion.
    pub rank: usize,
}

#[derive(Debug, Clone)]
pub struct PairView {
    pub pair: Pair,
    pub reading: PairReading,
    /// Whether the viewer is the coachee (who may bring a focus from their own 360).
    pub is_coachee: bool,
    /// The cluster lead may end it.
    pub may_end: bool,
    /// Empty unless the reader is one of the pair.
    pub goals: Vec<Goal>,
    pub sessions: Vec<Session>,
    /// The coachee's own 360 focus suggestions, for the coachee only.
    pub own_focus: Vec<OwnFocus>,
}

/// The coachee's own focus suggestions, from the newest of their 360 rounds with a report.
async fn own_focus(
    store: &Store,
    progress: &ProgressReports<'_>,
    viewer: &Principal,
    cuts: FsmBandCuts,
) -> Result<Vec<OwnFocus>> {
    for round in store.diagnostic().rounds_led_by(viewer.person).await? {
        match diagnostic::report(store, progress, viewer, round.id, cuts).await {
            Ok(Some(report)) => {
                return Ok(report
                    .focus
                    .iter()
                    .map(|f| OwnFocus {
                        dimension: f.dimension,
                        rank: f.rank,
                    })
                    .collect());
            }
            Ok(None) => continue,
            Err(DiagnosticError::Store(e)) => return Err(e.into()),
            // A round the viewer no longer manages, or on an instrument not served.
            Err(_) => continue,
        }
    }
    Ok(Vec::new())
}

pub async fn pair_page(
    store: &Store,
    progress: &ProgressReports<'_>,
    viewer: &Principal,
    id: PairId,
    cuts: FsmBandCuts,
) -> Result<PairView> {
    let (pair, facts, reading) = load_pair(store, viewer, id).await?;
    let may_end = pair.ended_on.is_none()
        && viewer
            .may(&Action::ArrangeHeadPairs(facts.cluster.clone()))
            .is_ok();
    let is_coachee = reading == PairReading::ThePair && viewer.person == facts.coachee;
    let (goals, sessions) = if reading == PairReading::ThePair {
        viewer.may(&Action::ReadHeadPair(facts))?;
        (
            store.heads().goals(id).await?,
            store.heads().sessions(id).await?,
        )
    } else {
        (Vec::new(), Vec::new())
    };
    let own_focus = if is_coachee && pair.ended_on.is_none() {
        // A focus already brought is not offered again.
        let brought: Vec<Dimension> = goals.iter().filter_map(goal_dimension).collect();
        own_focus(store, progress, viewer, cuts)
            .await?
            .into_iter()
            .filter(|f| !brought.contains(&f.dimension))
            .collect()
    } else {
        Vec::new()
    };
    Ok(PairView {
        pair,
        reading,
        is_coachee,
        may_end,
        goals,
        sessions,
        own_focus,
    })
}

/// A goal in the pair's own words: either of the two.
pub async fn add_goal(store: &Store, viewer: &Principal, id: PairId, goal: &str) -> Result<()> {
    pair_to_write(store, viewer, id).await?;
    let goal = text(goal)?;
    let on = today(store)?.to_string();
    let mut tx = store.begin().await?;
    store
        .heads()
        .add_goal(&mut tx, id, &goal, None, &on, viewer.person)
        .await?;
    audit(
        store,
        &mut tx,
        viewer,
        "heads.add_goal",
        &format!("pair {}", id.0),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// A goal the coachee brings from their own 360 report's focus suggestions: only the
/// coachee, and only a dimension their newest report suggests. What the report says stays
/// in the report; the pair sees the focus the coachee chose, nothing else of it.
pub async fn bring_focus(
    store: &Store,
    progress: &ProgressReports<'_>,
    viewer: &Principal,
    id: PairId,
    dimension: &str,
    cuts: FsmBandCuts,
) -> Result<()> {
    let pair = pair_to_write(store, viewer, id).await?;
    if viewer.person.0 != pair.coachee_id {
        return Err(HeadsError::Invalid(Invalid::NotYourFocus));
    }
    let chosen = own_focus(store, progress, viewer, cuts)
        .await?
        .into_iter()
        .find(|f| f.dimension.as_str() == dimension)
        .ok_or(HeadsError::Invalid(Invalid::NotYourFocus))?;
    let words = instrument()
        .dimension(chosen.dimension)
        .focus
        .get("en")
        .to_owned();
    let on = today(store)?.to_string();
    let mut tx = store.begin().await?;
    store
        .heads()
        .add_goal(
            &mut tx,
            id,
            &words,
            Some(chosen.dimension.as_str()),
            &on,
            viewer.person,
        )
        .await?;
    audit(
        store,
        &mut tx,
        viewer,
        "heads.bring_focus",
        &format!("pair {}: {}", id.0, chosen.dimension.as_str()),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The dimension a stored goal was brought from, if any.
pub fn goal_dimension(goal: &Goal) -> Option<Dimension> {
    let key = goal.practice.as_deref()?;
    Dimension::ALL.into_iter().find(|d| d.as_str() == key)
}

/// A session as written in the form.
#[derive(Debug, Clone, Default)]
pub struct SessionForm {
    pub held_on: String,
    pub notes: String,
    pub outcomes: String,
    pub last_reviewed: String,
}

/// Records a session: either of the two, dated no later than today and no earlier than
/// the pair began.
pub async fn add_session(
    store: &Store,
    viewer: &Principal,
    id: PairId,
    form: &SessionForm,
) -> Result<i64> {
    let pair = pair_to_write(store, viewer, id).await?;
    let held_on = date(&form.held_on)?;
    if held_on > today(store)? {
        return Err(HeadsError::Invalid(Invalid::FutureDate));
    }
    if held_on < date(&pair.started_on)? {
        return Err(HeadsError::Invalid(Invalid::BeforeStart));
    }
    let session = NewSession {
        held_on: held_on.to_string(),
        notes: text(&form.notes)?,
        outcomes: optional_text(&form.outcomes)?,
        last_reviewed: optional_text(&form.last_reviewed)?,
    };
    let mut tx = store.begin().await?;
    let session_id = store
        .heads()
        .add_session(&mut tx, id, &session, viewer.person)
        .await?;
    audit(
        store,
        &mut tx,
        viewer,
        "heads.add_session",
        &format!("pair {}: session {session_id}", id.0),
    )
    .await?;
    tx.commit().await?;
    Ok(session_id)
}

// ---------------------------------------------------------------------------------------
// Communities.

/// Starts a community: a head (who joins it) or the cluster's lead, with at least two
/// heads of the cluster's schools as members.
pub async fn start_community(
    store: &Store,
    viewer: &Principal,
    cluster: OrgId,
    name: &str,
    question: &str,
    members: &[PersonId],
) -> Result<CommunityId> {
    let (_, facts) = cluster_of(store, cluster).await?;
    viewer.may(&Action::StartHeadsCommunity(facts.clone()))?;
    let name = text(name)?;
    if name.chars().count() > 200 {
        return Err(HeadsError::Invalid(Invalid::TooLong));
    }
    let question = text(question)?;
    let heads = store.heads().cluster_heads(cluster).await?;
    let mut members: Vec<PersonId> = members.to_vec();
    if viewer.heads_standing(&facts).heads_a_cluster_school {
        members.push(viewer.person);
    }
    members.sort_unstable();
    members.dedup();
    if members.iter().any(|m| !heads.iter().any(|h| h.0 == *m)) {
        return Err(HeadsError::Invalid(Invalid::NotAHead));
    }
    if members.len() < FEWEST_MEMBERS {
        return Err(HeadsError::Invalid(Invalid::TooFewMembers));
    }
    let on = today(store)?.to_string();
    let mut tx = store.begin().await?;
    let id = store
        .heads()
        .start_community(
            &mut tx,
            &NewCommunity {
                cluster,
                name: &name,
                question: &question,
                members: &members,
                started_on: &on,
                by: viewer.person,
            },
        )
        .await?;
    audit(
        store,
        &mut tx,
        viewer,
        "heads.start_community",
        &format!("cluster {}: community {}", cluster.0, id.0),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

#[derive(Debug, Clone)]
pub struct CommunityView {
    pub community: Community,
    pub reading: CommunityReading,
    pub members: Vec<(PersonId, String)>,
    /// Members only.
    pub meetings: Vec<Meeting>,
}

/// A community as its reader may read it: the lead sees no meeting and not what was tried.
pub async fn community_page(
    store: &Store,
    viewer: &Principal,
    id: CommunityId,
) -> Result<CommunityView> {
    let (mut community, facts, reading) = load_community(store, viewer, id).await?;
    let members = store.heads().members(id).await?;
    let meetings = if reading == CommunityReading::Member {
        viewer.may(&Action::WorkInHeadsCommunity(facts))?;
        store.heads().meetings(id).await?
    } else {
        community.tried.clear();
        Vec::new()
    };
    Ok(CommunityView {
        community,
        reading,
        members,
        meetings,
    })
}

/// Records a meeting: a member.
pub async fn add_meeting(
    store: &Store,
    viewer: &Principal,
    id: CommunityId,
    held_on: &str,
    notes: &str,
) -> Result<i64> {
    let (_, facts, _) = load_community(store, viewer, id).await?;
    viewer.may(&Action::WorkInHeadsCommunity(facts))?;
    let held_on = date(held_on)?;
    if held_on > today(store)? {
        return Err(HeadsError::Invalid(Invalid::FutureDate));
    }
    let notes = text(notes)?;
    let mut tx = store.begin().await?;
    let meeting = store
        .heads()
        .add_meeting(&mut tx, id, &held_on.to_string(), &notes, viewer.person)
        .await?;
    audit(
        store,
        &mut tx,
        viewer,
        "heads.add_meeting",
        &format!("community {}: meeting {meeting}", id.0),
    )
    .await?;
    tx.commit().await?;
    Ok(meeting)
}

/// Writes the shared inquiry: a member.
pub async fn write_inquiry(
    store: &Store,
    viewer: &Principal,
    id: CommunityId,
    question: &str,
    tried: &str,
    findings: &str,
) -> Result<()> {
    let (_, facts, _) = load_community(store, viewer, id).await?;
    viewer.may(&Action::WorkInHeadsCommunity(facts))?;
    let question = text(question)?;
    let tried = optional_text(tried)?;
    let findings = optional_text(findings)?;
    let mut tx = store.begin().await?;
    store
        .heads()
        .write_inquiry(&mut tx, id, &question, &tried, &findings)
        .await?;
    audit(
        store,
        &mut tx,
        viewer,
        "heads.write_inquiry",
        &format!("community {}", id.0),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
