//! CPD as use cases: a member of staff keeps their own log (add, change, remove, read —
//! nobody else reads it); leaders read the school's CPD hours by plan priority and by
//! strand, each figure resting on k people; a leader's own participation in teacher
//! learning beside their 360; and a plan priority's page with what is aligned to it.
//! Each asks the access policy first and writes in one transaction with its audit line.

use headway_domain::access::{Action, Denied, Principal};
use headway_domain::anonymity::Threshold;
use headway_domain::cpd::activity::minutes_from_hours;
use headway_domain::cpd::summary::{
    ByStrand, Cell, Coherence, FocusRow, observation_focus, tables,
};
use headway_domain::cpd::{Draft, DraftProblem, Kind, Participation};
use headway_domain::ids::{PersonId, SchoolId};
use headway_domain::observation::framework::{Framework, built_in};
use headway_store::cpd::{Activity, ActivityId, NewActivity};
use headway_store::planning::{PriorityId, VersionId};
use headway_store::progress::Choice;
use headway_store::{Store, StoreError};
use time::Date;

use crate::planning::PlanningRules;
use crate::planning::view::{PlanPage, plan_page};

/// Why a CPD use case did nothing.
#[derive(Debug, thiserror::Error)]
pub enum CpdError {
    #[error("forbidden: {0}")]
    Denied(#[from] Denied),
    /// No such activity, round or priority, or one the reader may not see: alike.
    #[error("not found")]
    NotFound,
    #[error("{0}")]
    Draft(#[from] DraftProblem),
    #[error("{0}")]
    Invalid(Invalid),
    #[error("store: {0}")]
    Store(#[from] StoreError),
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Invalid {
    #[error("that priority is not in the school's plan")]
    NotAPriority,
    #[error("the person who led it must be on the school's staff")]
    NotStaff,
    #[error("dates are written as YYYY-MM-DD")]
    BadDate,
    #[error("hours are a number more than 0 and at most 200, such as 1.5")]
    BadHours,
}

pub type Result<T, E = CpdError> = std::result::Result<T, E>;

/// The framework whose strands an activity may name: the observation framework, so
/// observation and CPD speak of the same practice.
pub fn framework() -> &'static Framework {
    built_in()
}

fn date(text: &str) -> Result<Date> {
    crate::dates::iso_date(text).ok_or(CpdError::Invalid(Invalid::BadDate))
}

fn today(store: &Store) -> Date {
    crate::dates::today(store).unwrap_or(Date::MIN)
}

/// A priority of the school's plan: its id in the newest version, its lineage (the same in
/// every version) and its title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanPriority {
    pub id: PriorityId,
    pub lineage: i64,
    pub title: String,
}

/// The priorities of the newest version of the school's newest plan, in order.
pub async fn current_priorities(store: &Store, school: SchoolId) -> Result<Vec<PlanPriority>> {
    let Some(year) = store.planning().years(school).await?.into_iter().next() else {
        return Ok(Vec::new());
    };
    let Some(version) = store
        .planning()
        .versions(school, year.id)
        .await?
        .into_iter()
        .next()
    else {
        return Ok(Vec::new());
    };
    priorities_of(store, version.id).await
}

async fn priorities_of(store: &Store, version: VersionId) -> Result<Vec<PlanPriority>> {
    Ok(store
        .planning()
        .content(version)
        .await?
        .map(|c| {
            c.priorities
                .into_iter()
                .map(|p| PlanPriority {
                    id: p.id,
                    lineage: p.lineage,
                    title: p.title,
                })
                .collect()
        })
        .unwrap_or_default())
}

// ---------------------------------------------------------------------------------------
// One's own log.

/// An activity as a form sends it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActivityForm {
    pub kind: Kind,
    pub title: String,
    pub occurred_on: String,
    pub hours: String,
    pub strands: Vec<String>,
    pub priority: Option<PriorityId>,
    pub led_by: Option<PersonId>,
    pub reflection: String,
}

/// What the form offers: the plan's priorities and the staff who may have led it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormChoices {
    pub priorities: Vec<PlanPriority>,
    pub staff: Vec<(PersonId, String)>,
}

pub async fn form_choices(
    store: &Store,
    viewer: &Principal,
    school: SchoolId,
) -> Result<FormChoices> {
    viewer.may(&Action::KeepCpdLog(school))?;
    Ok(FormChoices {
        priorities: current_priorities(store, school).await?,
        staff: store.planning().staff(school).await?,
    })
}

/// Checks a form into the activity to store, for `person` at `school`.
async fn checked(
    store: &Store,
    school: SchoolId,
    person: PersonId,
    form: &ActivityForm,
) -> Result<NewActivity> {
    if let Some(priority) = form.priority
        && !current_priorities(store, school)
            .await?
            .iter()
            .any(|p| p.id == priority)
    {
        return Err(CpdError::Invalid(Invalid::NotAPriority));
    }
    if let Some(leader) = form.led_by
        && !store
            .planning()
            .staff(school)
            .await?
            .iter()
            .any(|(p, _)| *p == leader)
    {
        return Err(CpdError::Invalid(Invalid::NotStaff));
    }
    let minutes = minutes_from_hours(&form.hours).ok_or(CpdError::Invalid(Invalid::BadHours))?;
    let framework = framework();
    let draft = Draft {
        kind: form.kind,
        title: form.title.clone(),
        occurred_on: date(&form.occurred_on)?,
        minutes,
        strands: form.strands.clone(),
        led_by: form.led_by,
        reflection: form.reflection.clone(),
    }
    .check(framework, today(store))?;
    Ok(NewActivity {
        school,
        person,
        kind: draft.kind,
        title: draft.title,
        occurred_on: draft.occurred_on.to_string(),
        minutes: draft.minutes,
        priority: form.priority,
        led_by: draft.led_by,
        reflection: draft.reflection,
        framework: framework.id.clone(),
        framework_version: i64::from(framework.version),
        strands: draft.strands,
    })
}

/// Logs an activity in the viewer's own log.
pub async fn add(
    store: &Store,
    viewer: &Principal,
    school: SchoolId,
    form: &ActivityForm,
) -> Result<ActivityId> {
    viewer.may(&Action::KeepCpdLog(school))?;
    let new = checked(store, school, viewer.person, form).await?;
    let mut tx = store.begin().await?;
    let id = store.cpd().add(&mut tx, &new).await?;
    // The audit line names the activity, not what it says.
    store
        .audit_log()
        .record(
            &mut tx,
            Some(viewer.person),
            "cpd.add",
            &format!("school {}: activity {}", school.0, id.0),
        )
        .await?;
    tx.commit().await?;
    Ok(id)
}

/// An activity of the viewer's own log; "not found" for anyone else's, exactly as for one
/// that does not exist.
pub async fn own_activity(store: &Store, viewer: &Principal, id: ActivityId) -> Result<Activity> {
    let activity = store.cpd().get(id).await?.ok_or(CpdError::NotFound)?;
    viewer
        .may(&Action::EditCpdActivity {
            school: activity.school,
            owner: activity.person,
        })
        .map_err(|_| CpdError::NotFound)?;
    Ok(activity)
}

/// Rewrites an activity of the viewer's own log.
pub async fn edit(
    store: &Store,
    viewer: &Principal,
    id: ActivityId,
    form: &ActivityForm,
) -> Result<()> {
    let activity = own_activity(store, viewer, id).await?;
    let new = checked(store, activity.school, activity.person, form).await?;
    let mut tx = store.begin().await?;
    store.cpd().update(&mut tx, id, &new).await?;
    store
        .audit_log()
        .record(
            &mut tx,
            Some(viewer.person),
            "cpd.edit",
            &format!("activity {}", id.0),
        )
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Removes an activity from the viewer's own log.
pub async fn remove(store: &Store, viewer: &Principal, id: ActivityId) -> Result<SchoolId> {
    let activity = own_activity(store, viewer, id).await?;
    let mut tx = store.begin().await?;
    store.cpd().remove(&mut tx, id).await?;
    store
        .audit_log()
        .record(
            &mut tx,
            Some(viewer.person),
            "cpd.remove",
            &format!("activity {}", id.0),
        )
        .await?;
    tx.commit().await?;
    Ok(activity.school)
}

/// A person's own log at a school.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MyLog {
    pub activities: Vec<Activity>,
    pub may_view_summary: bool,
}

pub async fn log(store: &Store, viewer: &Principal, school: SchoolId) -> Result<MyLog> {
    viewer.may(&Action::KeepCpdLog(school))?;
    Ok(MyLog {
        activities: store.cpd().log_of(school, viewer.person).await?,
        may_view_summary: viewer.may(&Action::ViewCpdSummary(school)).is_ok(),
    })
}

// ---------------------------------------------------------------------------------------
// What leaders see.

/// The school's CPD over one academic year, by the plan's priorities and by strand.
#[derive(Debug, Clone)]
pub struct SchoolCpd {
    pub year: Choice,
    pub years: Vec<Choice>,
    pub from: Date,
    pub to: Date,
    pub priorities: Vec<PlanPriority>,
    pub coherence: Coherence,
    pub by_strand: ByStrand,
}

/// The years a summary may cover: whole academic years that have begun, newest first,
/// each with its dates. Whole, fixed years only, so no two periods overlap and one cannot
/// be subtracted from another to isolate a few people's days.
async fn years_begun(store: &Store) -> Result<Vec<(Choice, Date, Date)>> {
    let today = today(store);
    let mut years = Vec::new();
    for year in store.planning().all_years().await? {
        if let Some((from, to)) = store.planning().year_dates(year.id).await?
            && from <= today
        {
            years.push((year, from, to));
        }
    }
    Ok(years)
}

pub async fn summary(
    store: &Store,
    viewer: &Principal,
    school: SchoolId,
    year: Option<i64>,
    threshold: Threshold,
) -> Result<SchoolCpd> {
    viewer.may(&Action::ViewCpdSummary(school))?;
    let years = years_begun(store).await?;
    let (chosen, from, to) = match year {
        Some(id) => years.iter().find(|(y, _, _)| y.id == id),
        None => years.first(),
    }
    .cloned()
    .ok_or(CpdError::NotFound)?;
    let records = store
        .cpd()
        .counted(school, &from.to_string(), &to.to_string())
        .await?;
    let priorities = current_priorities(store, school).await?;
    let lineages: Vec<i64> = priorities.iter().map(|p| p.lineage).collect();
    let (coherence, by_strand) = tables(&lineages, framework(), &records, threshold);
    Ok(SchoolCpd {
        year: chosen,
        years: years.into_iter().map(|(y, _, _)| y).collect(),
        from,
        to,
        coherence,
        by_strand,
        priorities,
    })
}

// ---------------------------------------------------------------------------------------
// A leader's participation beside their 360.

/// What happened in the twelve months before a round closed (or before today, while it
/// is open).
#[derive(Debug, Clone, PartialEq)]
pub struct RoundParticipation {
    pub participation: Participation,
    pub from: Date,
    pub to: Date,
}

/// The rated leader's participation, for whoever may read the round's report — the same
/// rule as the report itself (`Action::ManageDiagnosticRound`); anyone else finds nothing.
pub async fn participation(
    store: &Store,
    viewer: &Principal,
    round: headway_store::diagnostic::RoundId,
) -> Result<RoundParticipation> {
    let round = crate::diagnostic::managed_round(store, viewer, round)
        .await
        .map_err(|e| match e {
            crate::diagnostic::DiagnosticError::Store(e) => CpdError::Store(e),
            _ => CpdError::NotFound,
        })?;
    let end = round.closed_at.unwrap_or_else(|| store.now());
    let to = time::OffsetDateTime::from_unix_timestamp(end)
        .map(|t| t.date())
        .unwrap_or_else(|_| today(store));
    let from = to - time::Duration::days(365);
    let participation = store
        .cpd()
        .participation(
            round.school,
            round.leader,
            &from.to_string(),
            &to.to_string(),
        )
        .await?;
    Ok(RoundParticipation {
        participation,
        from,
        to,
    })
}

// ---------------------------------------------------------------------------------------
// A plan priority's page.

/// Coaching goals aligned to a priority, as the coaching summary's leaders may read them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlignedCoaching {
    /// Coaching cycles whose goal is the priority (a count; no coachee named). `None` when
    /// fewer than k people are coached on it, or when the people coached on the plan's
    /// other priorities would be fewer than k (the coaching summary's row for all
    /// priorities less this count would show them).
    pub goals: Option<u32>,
}

/// Coaching goals on the priority of `lineage`, from the school's priority-goal cycles.
/// The people coached on it and the people coached only on other priorities are a
/// partition of everyone the coaching summary's priority row counts, so the one rule of
/// `anonymity` decides: this count is shown only when neither it nor what the summary's
/// row less it leaves rests on fewer than k people.
pub fn aligned_coaching(
    cycles: &[(PersonId, Option<i64>)],
    lineage: i64,
    threshold: Threshold,
) -> AlignedCoaching {
    use std::collections::BTreeSet;
    let goals = cycles.iter().filter(|(_, l)| *l == Some(lineage)).count();
    let on_it: BTreeSet<PersonId> = cycles
        .iter()
        .filter(|(_, l)| *l == Some(lineage))
        .map(|(p, _)| *p)
        .collect();
    let everyone: BTreeSet<PersonId> = cycles.iter().map(|(p, _)| *p).collect();
    let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    let parts = [count(on_it.len()), count(everyone.len() - on_it.len())];
    let shown =
        headway_domain::anonymity::partition_to_show(count(everyone.len()), &parts, threshold)
            .parts[0]
            .is_shown();
    AlignedCoaching {
        goals: shown.then(|| count(goals)),
    }
}

/// A priority with its plan (as the viewer may read it) and what is aligned to it.
#[derive(Debug, Clone)]
pub struct PriorityPage {
    pub priority: PriorityId,
    pub lineage: i64,
    pub plan: PlanPage,
    /// Observations focused on it, by strand (leaders and governors who read the
    /// observation summary); `None` when the viewer may not.
    pub observations: Option<Vec<FocusRow>>,
    /// CPD time on it in the plan's year, as the school's coherence table shows it;
    /// `None` when the viewer may not read the CPD summary.
    pub cpd: Option<(Cell, Threshold)>,
    /// The plan year's dates the CPD figures cover.
    pub cpd_period: Option<(Date, Date)>,
    /// Coaching goals aligned to it; `None` when the viewer may not read the coaching
    /// summary.
    pub coaching: Option<AlignedCoaching>,
    /// The viewer's own coaching cycles (as coach or coachee) whose goal is this priority:
    /// theirs to read whatever their role.
    pub own_cycles: Vec<headway_store::coaching::Cycle>,
}

pub async fn priority_page(
    store: &Store,
    viewer: &Principal,
    priority: PriorityId,
    rules: PlanningRules,
    threshold: Threshold,
) -> Result<PriorityPage> {
    let (version, lineage) = store
        .planning()
        .version_of_priority(priority)
        .await?
        .ok_or(CpdError::NotFound)?;
    let version = store
        .planning()
        .version(version)
        .await?
        .ok_or(CpdError::NotFound)?;
    let school = version.school;
    // The plan as this viewer reads it: a priority it does not show (another school's, a
    // draft before a governor) is not found.
    let plan = plan_page(
        store,
        viewer,
        school,
        Some(version.year),
        Some(version.id),
        rules,
    )
    .await
    .map_err(|e| match e {
        crate::planning::PlanningError::Store(e) => CpdError::Store(e),
        _ => CpdError::NotFound,
    })?;
    let shown = plan
        .content
        .as_ref()
        .is_some_and(|c| c.priorities.iter().any(|p| p.id == priority));
    if !shown {
        return Err(CpdError::NotFound);
    }
    let observations = if viewer.may(&Action::ViewObservationSummary(school)).is_ok() {
        let records = store.cpd().observation_focus(school).await?;
        Some(observation_focus(framework(), &records, lineage, threshold))
    } else {
        None
    };
    let coaching = if viewer.may(&Action::ViewCoachingSummary(school)).is_ok() {
        let cycles = store.coaching().on_priorities(school).await?;
        Some(aligned_coaching(&cycles, lineage, threshold))
    } else {
        None
    };
    let own_cycles = if viewer.may(&Action::TakePartInCoaching(school)).is_ok() {
        store
            .coaching()
            .of_person_on_priority(school, viewer.person, lineage)
            .await?
    } else {
        Vec::new()
    };
    let (cpd, cpd_period) = if viewer.may(&Action::ViewCpdSummary(school)).is_ok() {
        let dates = store.planning().year_dates(version.year).await?;
        match dates {
            Some((from, to)) => {
                let records = store
                    .cpd()
                    .counted(school, &from.to_string(), &to.to_string())
                    .await?;
                // The same rows as the school's coherence table for that year, so the two
                // pages decide every cell alike and neither can be subtracted from the other.
                let lineages: Vec<i64> = current_priorities(store, school)
                    .await?
                    .iter()
                    .map(|p| p.lineage)
                    .collect();
                let (table, _) = tables(&lineages, framework(), &records, threshold);
                (
                    table.priority(lineage).cloned().map(|c| (c, threshold)),
                    Some((from, to)),
                )
            }
            None => (None, None),
        }
    } else {
        (None, None)
    };
    Ok(PriorityPage {
        priority,
        lineage,
        plan,
        observations,
        cpd,
        cpd_period,
        coaching,
        own_cycles,
    })
}

#[cfg(test)]
mod aligned_coaching_tests {
    use super::*;

    fn cycles(on_it: i64, elsewhere: i64) -> Vec<(PersonId, Option<i64>)> {
        (0..on_it)
            .map(|p| (PersonId(p), Some(7)))
            .chain((0..elsewhere).map(|p| (PersonId(100 + p), Some(8))))
            .collect()
    }

    #[test]
    fn a_priority_shows_its_coaching_goals_only_when_neither_it_nor_the_rest_is_under_k() {
        let k = Threshold::at_least(5);
        assert_eq!(aligned_coaching(&cycles(5, 0), 7, k).goals, Some(5));
        assert_eq!(aligned_coaching(&cycles(5, 6), 7, k).goals, Some(5));
        // Four people on it: too few.
        assert_eq!(aligned_coaching(&cycles(4, 6), 7, k).goals, None);
        // Enough on it, but the summary's row less it would show the two coached elsewhere.
        assert_eq!(aligned_coaching(&cycles(6, 2), 7, k).goals, None);
        // Nobody coached on it beside enough elsewhere: an empty count gives no one away.
        assert_eq!(aligned_coaching(&cycles(0, 6), 7, k).goals, Some(0));
    }

    #[test]
    fn a_person_coached_twice_on_a_priority_is_one_person_and_two_goals() {
        let k = Threshold::at_least(5);
        let mut twice = cycles(5, 0);
        twice.push((PersonId(0), Some(7)));
        assert_eq!(aligned_coaching(&twice, 7, k).goals, Some(6));
        let mut four_people = cycles(4, 0);
        four_people.push((PersonId(0), Some(7)));
        assert_eq!(aligned_coaching(&four_people, 7, k).goals, None);
    }
}
