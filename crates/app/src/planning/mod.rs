//! Improvement planning as use cases: starting a school's plan for a year, writing its
//! priorities, measures, actions, milestones and stopped list, agreeing and closing it,
//! reviews (owners record progress, the head signs off), manual measure readings, and the
//! plan as each reader may see it (`view`). Each asks the access policy first, writes in one
//! transaction with its audit line, and returns domain or store values for the web to word.
//!
//! An agreed version is frozen: an edit made while the newest version is agreed first
//! copies it into a new draft (its own audit line) and lands on the copy; an edit aimed at
//! an older version, or at a closed plan, is refused.

pub mod measure;
pub mod view;

use crate::progress::ProgressReports;
use headway_domain::access::{Action, Denied, Principal};
use headway_domain::ids::{PersonId, SchoolId};
use headway_domain::planning::load::LoadLimits;
use headway_domain::planning::measure::{MeasureSpec, MeasureValue};
use headway_domain::planning::plan::{
    self as rules, Distribution, EditTarget, PlanRule, PlanState, PriorityLimit, Progress,
};
use headway_store::planning::{
    ActionId, MeasureId, NewAction, NewMeasure, NewPriority, PlanVersion, PriorityId, ReviewId,
    VersionId,
};
use headway_store::{Store, StoreError, Tx};

/// The limits a deployment sets for its plans.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct PlanningRules {
    pub priority_limit: PriorityLimit,
    pub load: LoadLimits,
}

/// Why a planning use case did nothing.
#[derive(Debug, thiserror::Error)]
pub enum PlanningError {
    #[error("forbidden: {0}")]
    Denied(#[from] Denied),
    /// No such plan, priority, action or review, or one the viewer may not see.
    #[error("not found")]
    NotFound,
    /// A rule of the plan (frozen, over the limit, a dropped action without a reason …).
    #[error("{0}")]
    Rule(#[from] PlanRule),
    /// A form that names what cannot be (an owner who is not staff of the school, a
    /// measure that is not one Headway computes).
    #[error("{0}")]
    Invalid(Invalid),
    #[error("store: {0}")]
    Store(#[from] StoreError),
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Invalid {
    #[error("the person named is not on the school's staff")]
    NotStaff,
    #[error("this measure is not one Headway can compute")]
    BadMeasure,
    #[error("a review needs an agreed plan")]
    NoAgreedPlan,
    #[error("this review has been signed off")]
    SignedOff,
    #[error("this action is not part of the plan reviewed")]
    NotInPlan,
}

pub type Result<T, E = PlanningError> = std::result::Result<T, E>;

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

/// A measure's query as stored (JSON), for a caller that builds a `MeasureSpec` itself (the
/// demo's seeding, a "make this a priority" link).
pub fn spec_json(spec: &MeasureSpec) -> String {
    serde_json::to_string(spec).expect("a measure spec is plain data")
}

/// A stored measure's query, or `None` for one this version of Headway cannot read.
pub fn spec_of(json: &str) -> Option<MeasureSpec> {
    serde_json::from_str(json).ok()
}

/// The newest version of a school's plan for a year.
pub async fn latest(store: &Store, school: SchoolId, year: i64) -> Result<Option<PlanVersion>> {
    Ok(store
        .planning()
        .versions(school, year)
        .await?
        .into_iter()
        .next())
}

/// The version an edit lands on: the draft itself, or a new draft copied from the agreed
/// version (with its audit line). An older version or a closed plan refuses.
async fn editable(
    store: &Store,
    tx: &mut Tx,
    viewer: &Principal,
    version: &PlanVersion,
) -> Result<VersionId> {
    if !version.is_latest() {
        return Err(PlanRule::NotLatest.into());
    }
    match rules::edit_target(version.state)? {
        EditTarget::InPlace => Ok(version.id),
        EditTarget::NewVersion => {
            let copy = store
                .planning()
                .copy_version(tx, version.id, viewer.person)
                .await?;
            audit(
                store,
                tx,
                viewer,
                "planning.new_version",
                &format!(
                    "school {} year {}: version {} opened from agreed version {}",
                    version.school.0,
                    version.year,
                    version.version + 1,
                    version.version
                ),
            )
            .await?;
            Ok(copy)
        }
    }
}

async fn version_by_id(store: &Store, id: VersionId) -> Result<PlanVersion> {
    store
        .planning()
        .version(id)
        .await?
        .ok_or(PlanningError::NotFound)
}

/// Asks the policy, answering "not found" to someone with no role in the school, so a plan
/// out of reach and one that does not exist look alike.
fn ask(viewer: &Principal, school: SchoolId, action: Action) -> Result<()> {
    if viewer.plan_reading(school).is_none() {
        return Err(PlanningError::NotFound);
    }
    viewer.may(&action)?;
    Ok(())
}

/// Starts the school's plan for a year (a first draft), or returns the one there is.
pub async fn start_plan(
    store: &Store,
    viewer: &Principal,
    school: SchoolId,
    year: i64,
) -> Result<VersionId> {
    viewer.may(&Action::EditPlan(school))?;
    if let Some(v) = latest(store, school, year).await? {
        return Ok(v.id);
    }
    if store.planning().year_dates(year).await?.is_none() {
        return Err(PlanningError::NotFound);
    }
    let mut tx = store.begin().await?;
    let id = store
        .planning()
        .create_plan(&mut tx, school, year, viewer.person)
        .await?;
    audit(
        store,
        &mut tx,
        viewer,
        "planning.start_plan",
        &format!("school {} year {year}", school.0),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Adds a priority to the newest version of the school's plan for a year. Beyond the limit
/// only with a written reason.
pub async fn add_priority(
    store: &Store,
    viewer: &Principal,
    school: SchoolId,
    year: i64,
    priority: &NewPriority,
    limit: PriorityLimit,
) -> Result<PriorityId> {
    ask(viewer, school, Action::EditPlan(school))?;
    check_priority(priority)?;
    let version = latest(store, school, year)
        .await?
        .ok_or(PlanningError::NotFound)?;
    let mut tx = store.begin().await?;
    let target = editable(store, &mut tx, viewer, &version).await?;
    let held = store.planning().priority_count(&mut tx, target).await?;
    limit.admit(held, priority.over_limit_reason.as_deref())?;
    let mut priority = priority.clone();
    if held < limit.0 {
        priority.over_limit_reason = None;
    }
    let id = store
        .planning()
        .add_priority(&mut tx, target, &priority)
        .await?;
    audit(
        store,
        &mut tx,
        viewer,
        "planning.add_priority",
        &format!(
            "school {} year {year}: priority {} '{}'",
            school.0, id.0, priority.title
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

fn check_priority(priority: &NewPriority) -> Result<()> {
    if priority.title.trim().is_empty() {
        return Err(PlanRule::NoTitle.into());
    }
    let keys: Vec<&str> = priority.dimensions.iter().map(String::as_str).collect();
    rules::parse_dimensions(&keys)?;
    if let Some(e) = &priority.evidence {
        // Evidence links are local pages only.
        if !e.url.starts_with('/') || e.url.starts_with("//") {
            return Err(PlanRule::UnknownValue(e.url.clone()).into());
        }
    }
    Ok(())
}

/// The priority, resolved to the version an edit lands on.
async fn priority_target(
    store: &Store,
    tx: &mut Tx,
    viewer: &Principal,
    priority: PriorityId,
    action: impl Fn(SchoolId) -> Action,
) -> Result<(PlanVersion, PriorityId)> {
    let (version, lineage) = store
        .planning()
        .version_of_priority(priority)
        .await?
        .ok_or(PlanningError::NotFound)?;
    let version = version_by_id(store, version).await?;
    ask(viewer, version.school, action(version.school))?;
    let target = editable(store, tx, viewer, &version).await?;
    let id = store
        .planning()
        .priority_in(tx, target, lineage)
        .await?
        .ok_or(PlanningError::NotFound)?;
    Ok((version, id))
}

/// Rewrites a priority's title, rationale and dimensions.
pub async fn edit_priority(
    store: &Store,
    viewer: &Principal,
    priority: PriorityId,
    edited: &NewPriority,
) -> Result<PriorityId> {
    check_priority(edited)?;
    let mut tx = store.begin().await?;
    let (version, id) = priority_target(store, &mut tx, viewer, priority, Action::EditPlan).await?;
    store
        .planning()
        .update_priority(&mut tx, id, edited)
        .await?;
    audit(
        store,
        &mut tx,
        viewer,
        "planning.edit_priority",
        &format!(
            "school {} year {}: priority {} '{}'",
            version.school.0, version.year, id.0, edited.title
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Binds a measure to a priority: a query Headway computes (`MeasureSpec` as JSON), its
/// direction and target range.
pub async fn add_measure(
    store: &Store,
    viewer: &Principal,
    priority: PriorityId,
    measure: &NewMeasure,
) -> Result<MeasureId> {
    spec_of(&measure.spec).ok_or(PlanningError::Invalid(Invalid::BadMeasure))?;
    rules::check_target(measure.target_lower, measure.target_upper)?;
    if measure.name.trim().is_empty() {
        return Err(PlanRule::NoTitle.into());
    }
    let mut tx = store.begin().await?;
    let (version, id) = priority_target(store, &mut tx, viewer, priority, Action::EditPlan).await?;
    let measure_id = store.planning().add_measure(&mut tx, id, measure).await?;
    audit(
        store,
        &mut tx,
        viewer,
        "planning.add_measure",
        &format!(
            "school {} year {}: measure {} '{}' on priority {}",
            version.school.0, version.year, measure_id.0, measure.name, id.0
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(measure_id)
}

async fn check_action(store: &Store, school: SchoolId, action: &NewAction) -> Result<()> {
    if action.title.trim().is_empty() {
        return Err(PlanRule::NoTitle.into());
    }
    Distribution::parse(
        &action.pattern,
        action.teacher_leader,
        action.leader_area.as_deref(),
    )?;
    let parse = |d: &str| {
        time::Date::parse(d, &time::format_description::well_known::Iso8601::DATE)
            .map_err(|_| PlanningError::Rule(PlanRule::UnknownValue(d.to_owned())))
    };
    if parse(&action.ends_on)? < parse(&action.starts_on)? {
        return Err(PlanRule::EndsBeforeStart.into());
    }
    let staff: Vec<PersonId> = store
        .planning()
        .staff(school)
        .await?
        .into_iter()
        .map(|(p, _)| p)
        .collect();
    let named = std::iter::once(action.owner)
        .chain(action.people.iter().copied())
        .chain(action.teacher_leader);
    for person in named {
        if !staff.contains(&person) {
            return Err(PlanningError::Invalid(Invalid::NotStaff));
        }
    }
    Ok(())
}

/// Adds an action to a priority (head or senior leader).
pub async fn add_action(
    store: &Store,
    viewer: &Principal,
    priority: PriorityId,
    action: &NewAction,
) -> Result<ActionId> {
    let (version, _) = store
        .planning()
        .version_of_priority(priority)
        .await?
        .ok_or(PlanningError::NotFound)?;
    let school = version_by_id(store, version).await?.school;
    ask(viewer, school, Action::EditPlan(school))?;
    check_action(store, school, action).await?;
    let mut tx = store.begin().await?;
    let (version, id) = priority_target(store, &mut tx, viewer, priority, Action::EditPlan).await?;
    let action_id = store.planning().add_action(&mut tx, id, action).await?;
    audit(
        store,
        &mut tx,
        viewer,
        "planning.add_action",
        &format!(
            "school {} year {}: action {} '{}' owned by person {}",
            version.school.0, version.year, action_id.0, action.title, action.owner.0
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(action_id)
}

/// Changes an action: a head or senior leader, or the middle leader who owns it (who may
/// not hand it to someone else).
pub async fn edit_action(
    store: &Store,
    viewer: &Principal,
    action: ActionId,
    edited: &NewAction,
) -> Result<ActionId> {
    let (version, held) = store
        .planning()
        .action(action)
        .await?
        .ok_or(PlanningError::NotFound)?;
    let version = version_by_id(store, version).await?;
    let school = version.school;
    ask(
        viewer,
        school,
        Action::EditPlanAction {
            school,
            owner: held.owner,
        },
    )?;
    if edited.owner != held.owner {
        viewer.may(&Action::EditPlan(school))?;
    }
    check_action(store, school, edited).await?;
    let mut tx = store.begin().await?;
    let target = editable(store, &mut tx, viewer, &version).await?;
    let id = store
        .planning()
        .action_in(&mut tx, target, held.lineage)
        .await?
        .ok_or(PlanningError::NotFound)?;
    store.planning().update_action(&mut tx, id, edited).await?;
    audit(
        store,
        &mut tx,
        viewer,
        "planning.edit_action",
        &format!(
            "school {} year {}: action {} '{}'",
            school.0, version.year, id.0, edited.title
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// A milestone or a review date for a priority.
pub async fn add_milestone(
    store: &Store,
    viewer: &Principal,
    priority: PriorityId,
    kind: &str,
    due_on: &str,
    description: &str,
) -> Result<()> {
    if !matches!(kind, "milestone" | "review") {
        return Err(PlanRule::UnknownValue(kind.to_owned()).into());
    }
    time::Date::parse(due_on, &time::format_description::well_known::Iso8601::DATE)
        .map_err(|_| PlanningError::Rule(PlanRule::UnknownValue(due_on.to_owned())))?;
    if description.trim().is_empty() {
        return Err(PlanRule::NoTitle.into());
    }
    let mut tx = store.begin().await?;
    let (version, id) = priority_target(store, &mut tx, viewer, priority, Action::EditPlan).await?;
    store
        .planning()
        .add_milestone(&mut tx, id, kind, due_on, description.trim())
        .await?;
    audit(
        store,
        &mut tx,
        viewer,
        "planning.add_milestone",
        &format!(
            "school {} year {}: {kind} {due_on} on priority {}",
            version.school.0, version.year, id.0
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Something the school stops to make room for the plan.
pub async fn add_stopped(
    store: &Store,
    viewer: &Principal,
    school: SchoolId,
    year: i64,
    what: &str,
    why: &str,
) -> Result<()> {
    ask(viewer, school, Action::EditPlan(school))?;
    if what.trim().is_empty() {
        return Err(PlanRule::NoTitle.into());
    }
    let version = latest(store, school, year)
        .await?
        .ok_or(PlanningError::NotFound)?;
    let mut tx = store.begin().await?;
    let target = editable(store, &mut tx, viewer, &version).await?;
    store
        .planning()
        .add_stopped(&mut tx, target, what.trim(), why.trim())
        .await?;
    audit(
        store,
        &mut tx,
        viewer,
        "planning.add_stopped",
        &format!("school {} year {year}: stopped '{}'", school.0, what.trim()),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

impl From<measure::MeasureError> for PlanningError {
    fn from(error: measure::MeasureError) -> PlanningError {
        match error {
            measure::MeasureError::Denied(denied) => PlanningError::Denied(denied),
            measure::MeasureError::Store(store) => PlanningError::Store(store),
        }
    }
}

/// The measure's value in `year`, with its interval, where Headway can compute it: a
/// manual measure's latest reading (no interval: a count recorded by hand), or the query
/// over the school's own data ([`measure::evaluate`], the figure its page shows); `None`
/// when the data give none (no results yet, a hidden group).
#[allow(clippy::too_many_arguments)]
pub async fn current_value(
    store: &Store,
    progress: &ProgressReports<'_>,
    viewer: &Principal,
    school: SchoolId,
    year: i64,
    version: &PlanVersion,
    lineage: i64,
    spec: &MeasureSpec,
) -> Result<Option<MeasureValue>> {
    match spec {
        MeasureSpec::Manual { .. } => {
            let content = store.planning().content(version.id).await?;
            Ok(content.and_then(|c| {
                c.readings
                    .iter()
                    .rev()
                    .find(|r| r.measure_lineage == lineage)
                    .map(|r| MeasureValue {
                        estimate: r.value,
                        lower: r.value,
                        upper: r.value,
                        n: 1,
                    })
            }))
        }
        _ => Ok(measure::evaluate(progress, viewer, school, year, spec)
            .await?
            .and_then(|reading| reading.ok())),
    }
}

/// Each measure of the shown plan over the school's data, as it reads in the plan's year
/// now, by measure lineage: what the plan page draws as the latest point. Empty for a
/// reader who may not see the school's figures (a teacher sees no measures).
pub async fn current_readings(
    progress: &ProgressReports<'_>,
    viewer: &Principal,
    page: &view::PlanPage,
) -> Result<std::collections::BTreeMap<i64, headway_domain::planning::measure::Reading>> {
    let mut readings = std::collections::BTreeMap::new();
    let Some(content) = &page.content else {
        return Ok(readings);
    };
    if viewer.may(&Action::ViewSchoolFigures(page.school)).is_err() {
        return Ok(readings);
    }
    for m in &content.measures {
        if let Some(spec) = spec_of(&m.spec)
            && !matches!(spec, MeasureSpec::Manual { .. })
            && let Some(reading) =
                measure::evaluate(progress, viewer, page.school, page.year, &spec).await?
        {
            readings.insert(m.lineage, reading);
        }
    }
    Ok(readings)
}

/// The baselines the data give now for the measures of `version` that have none: where
/// the school stood when the plan began, the year before the plan's (its final results),
/// else the plan's own year (a school new to Headway, a measure with no earlier figure;
/// a 360 dimension reads the latest closed round whatever the year).
async fn missing_baselines(
    store: &Store,
    progress: &ProgressReports<'_>,
    viewer: &Principal,
    school: SchoolId,
    year: i64,
    version: &PlanVersion,
) -> Result<Vec<(MeasureId, MeasureValue)>> {
    let content = store
        .planning()
        .content(version.id)
        .await?
        .ok_or(PlanningError::NotFound)?;
    let previous = store.planning().previous_year(year).await?;
    let mut baselines = Vec::new();
    for m in content.measures.iter().filter(|m| m.baseline.is_none()) {
        let Some(spec) = spec_of(&m.spec) else {
            continue;
        };
        let mut value = None;
        if let Some(previous) = &previous {
            value = current_value(
                store,
                progress,
                viewer,
                school,
                previous.id,
                version,
                m.lineage,
                &spec,
            )
            .await?;
        }
        if value.is_none() {
            value = current_value(
                store, progress, viewer, school, year, version, m.lineage, &spec,
            )
            .await?;
        }
        if let Some(value) = value {
            baselines.push((m.id, value));
        }
    }
    Ok(baselines)
}

/// Captures the baselines the plan in force lacks (a plan agreed before its data were in,
/// or written by the demo), as agreeing it would have; each is audited.
pub async fn capture_baselines(
    store: &Store,
    progress: &ProgressReports<'_>,
    viewer: &Principal,
    school: SchoolId,
    year: i64,
) -> Result<usize> {
    ask(viewer, school, Action::EditPlan(school))?;
    let Some(version) = in_force(store, school, year).await? else {
        return Ok(0);
    };
    let baselines = missing_baselines(store, progress, viewer, school, year, &version).await?;
    let mut tx = store.begin().await?;
    for (id, value) in &baselines {
        store.planning().set_baseline(&mut tx, *id, value).await?;
    }
    audit(
        store,
        &mut tx,
        viewer,
        "planning.capture_baselines",
        &format!(
            "school {} year {year}: {} baseline(s) captured",
            school.0,
            baselines.len()
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(baselines.len())
}

/// Agrees the newest version (a draft), capturing each measure's baseline where it has
/// none and Headway can compute it.
pub async fn agree(
    store: &Store,
    progress: &ProgressReports<'_>,
    viewer: &Principal,
    school: SchoolId,
    year: i64,
) -> Result<VersionId> {
    ask(viewer, school, Action::EditPlan(school))?;
    let version = latest(store, school, year)
        .await?
        .ok_or(PlanningError::NotFound)?;
    rules::agree(version.state)?;
    let baselines = missing_baselines(store, progress, viewer, school, year, &version).await?;
    let mut tx = store.begin().await?;
    for (id, value) in &baselines {
        store.planning().set_baseline(&mut tx, *id, value).await?;
    }
    store
        .planning()
        .set_state(&mut tx, version.id, PlanState::Agreed, viewer.person)
        .await?;
    audit(
        store,
        &mut tx,
        viewer,
        "planning.agree",
        &format!(
            "school {} year {year}: version {} agreed",
            school.0, version.version
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(version.id)
}

/// Closes the agreed plan at the end of its year.
pub async fn close(
    store: &Store,
    viewer: &Principal,
    school: SchoolId,
    year: i64,
) -> Result<VersionId> {
    ask(viewer, school, Action::EditPlan(school))?;
    let version = latest(store, school, year)
        .await?
        .ok_or(PlanningError::NotFound)?;
    rules::close(version.state)?;
    let mut tx = store.begin().await?;
    store
        .planning()
        .set_state(&mut tx, version.id, PlanState::Closed, viewer.person)
        .await?;
    audit(
        store,
        &mut tx,
        viewer,
        "planning.close",
        &format!(
            "school {} year {year}: version {} closed",
            school.0, version.version
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(version.id)
}

/// The version in force: the newest agreed (or closed) version.
pub async fn in_force(store: &Store, school: SchoolId, year: i64) -> Result<Option<PlanVersion>> {
    Ok(store
        .planning()
        .versions(school, year)
        .await?
        .into_iter()
        .find(|v| v.state != PlanState::Draft))
}

/// The value now of each of `measures` (of `version`) that has one, by measure lineage:
/// what a review held today records.
pub async fn current_values(
    store: &Store,
    progress: &ProgressReports<'_>,
    viewer: &Principal,
    school: SchoolId,
    year: i64,
    version: &PlanVersion,
    measures: &[headway_store::planning::Measure],
) -> Result<Vec<(i64, MeasureValue)>> {
    let mut values = Vec::new();
    for m in measures {
        if let Some(spec) = spec_of(&m.spec)
            && let Some(value) = current_value(
                store, progress, viewer, school, year, version, m.lineage, &spec,
            )
            .await?
        {
            values.push((m.lineage, value));
        }
    }
    Ok(values)
}

/// Holds a review of the plan in force, keeping each measure's value at that date.
pub async fn add_review(
    store: &Store,
    progress: &ProgressReports<'_>,
    viewer: &Principal,
    school: SchoolId,
    year: i64,
    held_on: &str,
    evaluation: &str,
) -> Result<ReviewId> {
    ask(viewer, school, Action::EditPlan(school))?;
    time::Date::parse(
        held_on,
        &time::format_description::well_known::Iso8601::DATE,
    )
    .map_err(|_| PlanningError::Rule(PlanRule::UnknownValue(held_on.to_owned())))?;
    let version = in_force(store, school, year)
        .await?
        .ok_or(PlanningError::Invalid(Invalid::NoAgreedPlan))?;
    let content = store
        .planning()
        .content(version.id)
        .await?
        .ok_or(PlanningError::NotFound)?;
    let values = current_values(
        store,
        progress,
        viewer,
        school,
        year,
        &version,
        &content.measures,
    )
    .await?;
    let mut tx = store.begin().await?;
    let id = store
        .planning()
        .add_review(
            &mut tx,
            version.plan,
            held_on,
            evaluation.trim(),
            viewer.person,
        )
        .await?;
    for (lineage, value) in &values {
        store
            .planning()
            .record_review_measure(&mut tx, id, *lineage, value)
            .await?;
    }
    audit(
        store,
        &mut tx,
        viewer,
        "planning.add_review",
        &format!(
            "school {} year {year}: review {} held {held_on}",
            school.0, id.0
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// An action's progress at a review, recorded by its owner (or a head or senior leader).
pub async fn record_progress(
    store: &Store,
    viewer: &Principal,
    review: ReviewId,
    action: ActionId,
    progress: Progress,
    reason: Option<&str>,
) -> Result<()> {
    let (progress, reason) = progress.with_reason(reason)?;
    let plan = store
        .planning()
        .review_plan(review)
        .await?
        .ok_or(PlanningError::NotFound)?;
    let (version, held) = store
        .planning()
        .action(action)
        .await?
        .ok_or(PlanningError::NotFound)?;
    let version = version_by_id(store, version).await?;
    ask(
        viewer,
        version.school,
        Action::RecordPlanProgress {
            school: version.school,
            owner: held.owner,
        },
    )?;
    if version.plan != plan {
        return Err(PlanningError::Invalid(Invalid::NotInPlan));
    }
    let mut tx = store.begin().await?;
    if store.planning().is_signed_off(&mut tx, review).await? {
        return Err(PlanningError::Invalid(Invalid::SignedOff));
    }
    store
        .planning()
        .record_progress(
            &mut tx,
            review,
            held.lineage,
            progress,
            reason.as_deref(),
            viewer.person,
        )
        .await?;
    audit(
        store,
        &mut tx,
        viewer,
        "planning.record_progress",
        &format!(
            "school {}: review {} action {} {}",
            version.school.0,
            review.0,
            held.lineage,
            progress.as_str()
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The head signs a review off; it then takes no more progress.
pub async fn sign_off(store: &Store, viewer: &Principal, review: ReviewId) -> Result<()> {
    let plan = store
        .planning()
        .review_plan(review)
        .await?
        .ok_or(PlanningError::NotFound)?;
    let version = store
        .planning()
        .latest_of_plan(plan)
        .await?
        .ok_or(PlanningError::NotFound)?;
    ask(
        viewer,
        version.school,
        Action::SignOffPlanReview(version.school),
    )?;
    let mut tx = store.begin().await?;
    if store
        .planning()
        .sign_off(&mut tx, review, viewer.person)
        .await?
    {
        audit(
            store,
            &mut tx,
            viewer,
            "planning.sign_off",
            &format!(
                "school {}: review {} signed off",
                version.school.0, review.0
            ),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// A reading of a manual measure, with its evidence. Readings belong to the plan as it
/// runs, so an agreed plan takes them without a new version.
pub async fn add_reading(
    store: &Store,
    viewer: &Principal,
    measure: MeasureId,
    taken_on: &str,
    value: f64,
    evidence: &str,
) -> Result<()> {
    let (version, lineage, spec) = store
        .planning()
        .version_of_measure(measure)
        .await?
        .ok_or(PlanningError::NotFound)?;
    let version = version_by_id(store, version).await?;
    ask(viewer, version.school, Action::EditPlan(version.school))?;
    if !matches!(spec_of(&spec), Some(MeasureSpec::Manual { .. })) {
        return Err(PlanningError::Invalid(Invalid::BadMeasure));
    }
    if version.state == PlanState::Closed {
        return Err(PlanRule::Closed.into());
    }
    time::Date::parse(
        taken_on,
        &time::format_description::well_known::Iso8601::DATE,
    )
    .map_err(|_| PlanningError::Rule(PlanRule::UnknownValue(taken_on.to_owned())))?;
    if !value.is_finite() {
        return Err(PlanRule::UnknownValue(value.to_string()).into());
    }
    let mut tx = store.begin().await?;
    store
        .planning()
        .add_reading(
            &mut tx,
            version.plan,
            &headway_store::planning::NewReading {
                measure_lineage: lineage,
                taken_on: taken_on.to_owned(),
                value,
                evidence: evidence.trim().to_owned(),
            },
            viewer.person,
        )
        .await?;
    audit(
        store,
        &mut tx,
        viewer,
        "planning.add_reading",
        &format!(
            "school {}: measure {lineage} reading {value} on {taken_on}",
            version.school.0
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
