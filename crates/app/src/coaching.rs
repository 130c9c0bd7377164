//! Coaching cycles as use cases: opening one with a colleague, reading one, writing a
//! step, reflection or note in it, bringing in an observation the coachee shares with the
//! coach, closing it with an evaluation, a person's own cycles, and the counts leaders
//! see. Each asks the access policy first; a cycle is read by its coach and coachee only,
//! and to anyone else it answers exactly as a cycle that does not exist.

use headway_domain::access::{Action, Denied, Principal};
use headway_domain::anonymity::Threshold;
use headway_domain::coaching::cycle::{
    CycleProblem, EntryDraft, EntryKind, Evaluation, check_opening,
};
use headway_domain::coaching::journey::{Event, journey};
use headway_domain::coaching::summary::{CoachingSummary, by_goal};
use headway_domain::coaching::{Goal, GoalKind, Part, Reader, readers};
use headway_domain::diagnostic::instrument::{Instrument, PracticeId, built_in as instrument};
use headway_domain::ids::{PersonId, SchoolId};
use headway_domain::observation::Kind;
use headway_domain::observation::framework::Framework;
use headway_domain::roles::Role;
use headway_store::coaching::{Closing, Cycle, CycleId, Entry, NewCycle, NewEntry};
use headway_store::observation::{Observation, ObservationId, Relation};
use headway_store::planning::PriorityId;
use headway_store::{Store, StoreError};

/// Why a coaching use case did nothing.
#[derive(Debug, thiserror::Error)]
pub enum CoachingError {
    #[error("forbidden: {0}")]
    Denied(#[from] Denied),
    /// No such cycle, or one the reader is not in: the two answer alike.
    #[error("not found")]
    NotFound,
    #[error("{0}")]
    Problem(#[from] CycleProblem),
    #[error("{0}")]
    Invalid(Invalid),
    #[error("store: {0}")]
    Store(#[from] StoreError),
}

/// A form naming what cannot be.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Invalid {
    #[error("a cycle is with a colleague on the school's staff")]
    NotStaff,
    #[error("that priority is not in the school's plan")]
    NotAPriority,
    #[error("only an observation of the coachee that the coach can read is brought into a cycle")]
    NotShared,
    #[error("dates are written as YYYY-MM-DD")]
    BadDate,
}

/// From reading the plan's priorities through `app::observation`, which fails only on the
/// store; anything else it could say is "no such priority".
impl From<crate::observation::ObservationError> for CoachingError {
    fn from(error: crate::observation::ObservationError) -> CoachingError {
        use crate::observation::ObservationError as E;
        match error {
            E::Denied(denied) => CoachingError::Denied(denied),
            E::Store(store) => CoachingError::Store(store),
            E::NotFound => CoachingError::NotFound,
            E::Draft(_) | E::Invalid(_) => CoachingError::Invalid(Invalid::NotAPriority),
        }
    }
}

pub type Result<T, E = CoachingError> = std::result::Result<T, E>;

/// The observation framework whose strands are goals.
pub fn framework() -> &'static Framework {
    crate::observation::framework()
}

/// The leadership 360 whose practices are a leader's goals.
pub fn practices() -> &'static Instrument {
    instrument()
}

fn date(text: &str) -> Result<time::Date> {
    crate::dates::iso_date(text).ok_or(CoachingError::Invalid(Invalid::BadDate))
}

fn today(store: &Store) -> time::Date {
    crate::dates::today(store).unwrap_or(time::Date::MIN)
}

/// The roles that make a coachee a leader, for whom a 360 practice is a goal.
const LEADERS: [Role; 3] = [Role::Head, Role::SeniorLeader, Role::MiddleLeader];

/// What the form to open a cycle offers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenChoices {
    /// Colleagues who can take part in coaching, not the viewer.
    pub colleagues: Vec<(PersonId, String)>,
    /// The priorities of the school's newest plan (empty without a plan).
    pub priorities: Vec<(PriorityId, String)>,
}

pub async fn open_choices(
    store: &Store,
    viewer: &Principal,
    school: SchoolId,
) -> Result<OpenChoices> {
    viewer.may(&Action::TakePartInCoaching(school))?;
    let mut colleagues = Vec::new();
    for (person, name) in store.planning().staff(school).await? {
        if person != viewer.person
            && store
                .accounts()
                .principal(person)
                .await?
                .may(&Action::TakePartInCoaching(school))
                .is_ok()
        {
            colleagues.push((person, name));
        }
    }
    Ok(OpenChoices {
        colleagues,
        priorities: crate::observation::plan_priorities(store, school).await?,
    })
}

/// A cycle as the form to open one sends it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenForm {
    /// The viewer's part: coach or coachee.
    pub part: Part,
    pub colleague: PersonId,
    pub goal: GoalKind,
    /// A strand's id, a practice's id, or a priority's id (as text).
    pub key: String,
    pub opened_on: String,
}

/// Opens a cycle between the viewer and a colleague on the school's staff.
pub async fn open(
    store: &Store,
    viewer: &Principal,
    school: SchoolId,
    form: &OpenForm,
) -> Result<CycleId> {
    viewer.may(&Action::TakePartInCoaching(school))?;
    let (coach, coachee) = match form.part {
        Part::Coach => (viewer.person, form.colleague),
        Part::Coachee => (form.colleague, viewer.person),
    };
    if coach == coachee {
        return Err(CycleProblem::CoachingSelf.into());
    }
    if !store
        .planning()
        .staff(school)
        .await?
        .iter()
        .any(|(p, _)| *p == form.colleague)
    {
        return Err(CoachingError::Invalid(Invalid::NotStaff));
    }
    let colleague = store.accounts().principal(form.colleague).await?;
    if colleague.may(&Action::TakePartInCoaching(school)).is_err() {
        return Err(CoachingError::Invalid(Invalid::NotStaff));
    }
    let coachee_principal = if coachee == viewer.person {
        viewer
    } else {
        &colleague
    };
    let coachee_leads = coachee_principal
        .grants
        .iter()
        .any(|g| g.schools.contains(&school) && LEADERS.contains(&g.role));
    check_opening(coach, coachee, form.goal, coachee_leads)?;
    let key = form.key.trim();
    let (goal, goal_source, priority) = match form.goal {
        GoalKind::Strand => {
            let framework = framework();
            let strand = framework.strand(key).ok_or(CycleProblem::UnknownGoal)?;
            (
                strand.id.0.clone(),
                format!("{} v{}", framework.id, framework.version),
                None,
            )
        }
        GoalKind::Practice => {
            let instrument = practices();
            let practice = instrument
                .practice(&PracticeId(key.to_owned()))
                .ok_or(CycleProblem::UnknownGoal)?;
            (practice.id.0.clone(), instrument.key.to_string(), None)
        }
        GoalKind::Priority => {
            let id: i64 = key.parse().map_err(|_| CycleProblem::UnknownGoal)?;
            let (id, title) = crate::observation::plan_priorities(store, school)
                .await?
                .into_iter()
                .find(|(p, _)| p.0 == id)
                .ok_or(CoachingError::Invalid(Invalid::NotAPriority))?;
            (title, "plan".to_owned(), Some(id))
        }
    };
    let opened_on = date(&form.opened_on)?;
    let new = NewCycle {
        school,
        coach,
        coachee,
        goal: Goal {
            kind: form.goal,
            key: goal,
        },
        goal_source,
        priority,
        opened_on: opened_on.to_string(),
        opened_by: viewer.person,
    };
    let mut tx = store.begin().await?;
    let id = store.coaching().open(&mut tx, &new).await?;
    // The audit line names the cycle, never its people or its goal.
    store
        .audit_log()
        .record(
            &mut tx,
            Some(viewer.person),
            "coaching.open",
            &format!("school {}: cycle {}", school.0, id.0),
        )
        .await?;
    tx.commit().await?;
    Ok(id)
}

/// A cycle as one of its two people sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct CycleView {
    pub cycle: Cycle,
    pub part: Part,
    pub entries: Vec<Entry>,
    /// The linked observations the viewer may read now (a record the coachee stopped
    /// sharing drops out of the coach's view).
    pub observations: Vec<Observation>,
    /// The coachee's observations the coach can read, not yet in the cycle (for the
    /// coachee only, while the cycle is open).
    pub linkable: Vec<Observation>,
    pub readers: Vec<Reader>,
    pub journey: Vec<Event>,
}

/// Reads a cycle for its coach or coachee; "not found" for anyone else.
pub async fn read(store: &Store, viewer: &Principal, id: CycleId) -> Result<CycleView> {
    let cycle = participant(store, viewer, id).await?;
    let facts = cycle.facts();
    let part = facts
        .part_of(viewer.person)
        .ok_or(CoachingError::NotFound)?;
    let entries = store.coaching().entries(id).await?;
    let policy = store.observations().policy(cycle.school).await?;
    let mut observations = Vec::new();
    for linked in store.coaching().observations(id).await? {
        if let Some(o) = store.observations().get(linked).await?
            && viewer
                .may(&Action::ReadObservation(o.facts(policy)))
                .is_ok()
        {
            observations.push(o);
        }
    }
    let linkable = if part == Part::Coachee && cycle.is_open() {
        shared_with_coach(store, &cycle)
            .await?
            .into_iter()
            .filter(|o| !observations.iter().any(|l| l.id == o.id))
            .collect()
    } else {
        Vec::new()
    };
    let dated: Vec<(time::Date, EntryKind)> = entries
        .iter()
        .map(|e| Ok((date(&e.written_on)?, e.kind)))
        .collect::<Result<_>>()?;
    let observed: Vec<time::Date> = observations
        .iter()
        .map(|o| date(&o.observed_on))
        .collect::<Result<_>>()?;
    let closed_on = cycle
        .closing
        .as_ref()
        .map(|c| date(&c.closed_on))
        .transpose()?;
    let events = journey(
        date(&cycle.opened_on)?,
        closed_on,
        &dated,
        &observed,
        today(store),
    );
    Ok(CycleView {
        readers: readers(&facts),
        part,
        entries,
        observations,
        linkable,
        journey: events,
        cycle,
    })
}

/// The cycle, if the viewer is its coach or coachee; "not found" otherwise.
async fn participant(store: &Store, viewer: &Principal, id: CycleId) -> Result<Cycle> {
    let cycle = store
        .coaching()
        .get(id)
        .await?
        .ok_or(CoachingError::NotFound)?;
    viewer
        .may(&Action::ReadCoachingCycle(cycle.facts()))
        .map_err(|_| CoachingError::NotFound)?;
    Ok(cycle)
}

/// The coachee's observations (not learning walks) the coach can read: shared with them,
/// or written by them.
async fn shared_with_coach(store: &Store, cycle: &Cycle) -> Result<Vec<Observation>> {
    let policy = store.observations().policy(cycle.school).await?;
    let coach = store.accounts().principal(cycle.coach).await?;
    Ok(store
        .observations()
        .list(cycle.school, Relation::About(cycle.coachee))
        .await?
        .into_iter()
        .filter(|o| o.kind != Kind::LearningWalk)
        .filter(|o| {
            let by_or_for_coach = o.observer == cycle.coach
                || o.coach.as_ref().is_some_and(|(c, _)| *c == cycle.coach);
            by_or_for_coach && coach.may(&Action::ReadObservation(o.facts(policy))).is_ok()
        })
        .collect())
}

/// A step, reflection or note as a form sends it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryForm {
    pub kind: EntryKind,
    pub written_on: String,
    pub body: String,
    pub revisit_on: Option<String>,
}

/// Writes a step (either of the two), a reflection (the coachee) or a note (the coach).
pub async fn write(store: &Store, viewer: &Principal, id: CycleId, form: &EntryForm) -> Result<()> {
    let cycle = participant(store, viewer, id).await?;
    let part = cycle
        .facts()
        .part_of(viewer.person)
        .ok_or(CoachingError::NotFound)?;
    let draft = EntryDraft {
        kind: form.kind,
        author: part,
        written_on: date(&form.written_on)?,
        body: form.body.clone(),
        revisit_on: match form.revisit_on.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(text) => Some(date(text)?),
        },
    }
    .check(date(&cycle.opened_on)?, !cycle.is_open())?;
    let mut tx = store.begin().await?;
    store
        .coaching()
        .add_entry(
            &mut tx,
            &NewEntry {
                cycle: id,
                kind: draft.kind,
                author: viewer.person,
                written_on: draft.written_on.to_string(),
                body: draft.body,
                revisit_on: draft.revisit_on.map(|d| d.to_string()),
            },
        )
        .await?;
    store
        .audit_log()
        .record(
            &mut tx,
            Some(viewer.person),
            "coaching.write",
            &format!("cycle {}: {}", id.0, draft.kind.as_str()),
        )
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Brings one of the coachee's observations into the cycle: the coachee only, and only a
/// record the coach can already read (shared with them, or written by them).
pub async fn link(
    store: &Store,
    viewer: &Principal,
    id: CycleId,
    observation: ObservationId,
) -> Result<()> {
    let cycle = participant(store, viewer, id).await?;
    if viewer.person != cycle.coachee {
        return Err(Denied::NotYourCycle.into());
    }
    if !cycle.is_open() {
        return Err(CycleProblem::Closed.into());
    }
    if !shared_with_coach(store, &cycle)
        .await?
        .iter()
        .any(|o| o.id == observation)
    {
        return Err(CoachingError::Invalid(Invalid::NotShared));
    }
    let mut tx = store.begin().await?;
    store.coaching().link(&mut tx, id, observation).await?;
    store
        .audit_log()
        .record(
            &mut tx,
            Some(viewer.person),
            "coaching.link",
            &format!("cycle {}: observation {}", id.0, observation.0),
        )
        .await?;
    tx.commit().await?;
    Ok(())
}

/// The evaluation as a form sends it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CloseForm {
    pub closed_on: String,
    pub what_changed: String,
    pub evidence: String,
    pub next: String,
}

/// Closes a cycle with its evaluation: either of its two people.
pub async fn close(store: &Store, viewer: &Principal, id: CycleId, form: &CloseForm) -> Result<()> {
    let cycle = participant(store, viewer, id).await?;
    let evaluation = Evaluation {
        closed_on: date(&form.closed_on)?,
        what_changed: form.what_changed.clone(),
        evidence: form.evidence.clone(),
        next: form.next.clone(),
    }
    .check(date(&cycle.opened_on)?, !cycle.is_open())?;
    let mut tx = store.begin().await?;
    let closed = store
        .coaching()
        .close(
            &mut tx,
            id,
            &Closing {
                closed_on: evaluation.closed_on.to_string(),
                what_changed: evaluation.what_changed,
                evidence: evaluation.evidence,
                next: evaluation.next,
            },
        )
        .await?;
    if !closed {
        return Err(CycleProblem::Closed.into());
    }
    store
        .audit_log()
        .record(
            &mut tx,
            Some(viewer.person),
            "coaching.close",
            &format!("cycle {}", id.0),
        )
        .await?;
    tx.commit().await?;
    Ok(())
}

/// A person's own cycles at a school.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MyCycles {
    pub as_coachee: Vec<Cycle>,
    pub as_coach: Vec<Cycle>,
    pub may_view_summary: bool,
}

pub async fn mine(store: &Store, viewer: &Principal, school: SchoolId) -> Result<MyCycles> {
    viewer.may(&Action::TakePartInCoaching(school))?;
    let (as_coachee, as_coach) = store
        .coaching()
        .of_person(school, viewer.person)
        .await?
        .into_iter()
        .partition(|c| c.coachee == viewer.person);
    Ok(MyCycles {
        as_coachee,
        as_coach,
        may_view_summary: viewer.may(&Action::ViewCoachingSummary(school)).is_ok(),
    })
}

/// The school's cycles open and closed by goal, no one named: leaders only.
pub async fn summary(
    store: &Store,
    viewer: &Principal,
    school: SchoolId,
    threshold: Threshold,
) -> Result<CoachingSummary> {
    viewer.may(&Action::ViewCoachingSummary(school))?;
    let counted = store.coaching().counted(school).await?;
    Ok(by_goal(framework(), &counted, threshold))
}
