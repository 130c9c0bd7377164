//! The plan as each reader may see it (`domain::access::PlanReading`): the whole plan with
//! its initiative load for leaders; the priorities and their own actions for a teacher; the
//! agreed plan, its measures and reviews with nobody named for a governor; priorities and
//! where the plan stands for a cluster lead. What a reader may not see is removed here, so
//! the page and its XLSX hold the same.

use std::collections::BTreeMap;

use headway_domain::access::{Action, PlanReading, Principal};
use headway_domain::ids::{PersonId, SchoolId};
use headway_domain::planning::load::{ActionLoad, PlanLoad, plan_load};
use headway_domain::planning::measure::MeasureValue;
use headway_domain::planning::plan::{PlanState, PriorityLimit};
use headway_store::Store;
use headway_store::planning::{ActionId, PlanContent, PlanSummary, PlanVersion, VersionId};
use headway_store::progress::Choice;

use super::{PlanningError, PlanningRules, Result};

/// How one measure moved between the last two reviews (or from its baseline to the only
/// review).
#[derive(Debug, Clone, PartialEq)]
pub struct MeasureChange {
    pub lineage: i64,
    pub before: Option<MeasureValue>,
    pub after: Option<MeasureValue>,
}

/// The plan page for a school and year, as the viewer may see it.
#[derive(Debug, Clone)]
pub struct PlanPage {
    pub school: SchoolId,
    pub year: i64,
    pub reading: PlanReading,
    /// The versions the viewer may open, newest first.
    pub versions: Vec<PlanVersion>,
    /// The version shown, with what the viewer may see of it; `None` before a plan exists
    /// (or, for a governor, before one is agreed).
    pub content: Option<PlanContent>,
    /// Each person's initiative load, for readers of the whole plan.
    pub load: Option<PlanLoad>,
    pub names: BTreeMap<PersonId, String>,
    /// What changed since the last review, measure by measure.
    pub changes: Vec<MeasureChange>,
    pub may_edit: bool,
    pub may_sign_off: bool,
    /// Actions this viewer may change (all for a head or senior leader; a middle leader's own).
    pub editable_actions: Vec<ActionId>,
    /// Actions whose progress this viewer may record.
    pub progress_actions: Vec<ActionId>,
    pub rules: PlanningRules,
    /// Staff who may own or join an action, for the forms.
    pub staff: Vec<(PersonId, String)>,
    pub years: Vec<Choice>,
}

impl PlanPage {
    pub fn priority_limit(&self) -> PriorityLimit {
        self.rules.priority_limit
    }

    /// Whether the version shown is the newest (edits are offered on it only).
    pub fn shows_latest(&self) -> bool {
        self.content.as_ref().is_some_and(|c| c.version.is_latest())
    }
}

/// Removes every person's name (a governor's view): owners, people involved, teacher
/// leaders, who agreed and who signed off.
fn unnamed(content: &mut PlanContent) {
    content.version.agreed_by = None;
    for action in &mut content.actions {
        action.owner_name.clear();
        action.people.clear();
        if let Some((_, name)) = &mut action.teacher_leader {
            name.clear();
        }
    }
    for review in &mut content.reviews {
        review.signed_off_by = review.signed_off_by.as_ref().map(|_| String::new());
    }
}

/// Week by week over the plan's year, from the actions shown.
fn load_of(
    content: &PlanContent,
    from: time::Date,
    to: time::Date,
    rules: &PlanningRules,
) -> PlanLoad {
    let parse =
        |d: &str| time::Date::parse(d, &time::format_description::well_known::Iso8601::DATE).ok();
    let actions: Vec<ActionLoad> = content
        .actions
        .iter()
        .filter_map(|a| {
            let mut people: Vec<PersonId> = vec![a.owner];
            people.extend(a.people.iter().map(|(p, _)| *p));
            people.extend(a.teacher_leader.as_ref().map(|(p, _)| *p));
            Some(ActionLoad {
                people,
                starts_on: parse(&a.starts_on)?,
                ends_on: parse(&a.ends_on)?,
                hours_per_week: a.hours_per_week,
            })
        })
        .collect();
    plan_load(&actions, from, to, &rules.load)
}

/// Each measure's value at the last review beside the one before it (or its baseline).
pub fn changes_since_last_review(content: &PlanContent) -> Vec<MeasureChange> {
    let Some(last) = content.reviews.last() else {
        return Vec::new();
    };
    let before = content
        .reviews
        .len()
        .checked_sub(2)
        .map(|i| &content.reviews[i]);
    content
        .measures
        .iter()
        .map(|m| {
            let at = |r: &headway_store::planning::Review| {
                r.measures
                    .iter()
                    .find(|(l, _)| *l == m.lineage)
                    .map(|(_, v)| *v)
            };
            MeasureChange {
                lineage: m.lineage,
                before: match before {
                    Some(r) => at(r),
                    None => m.baseline,
                },
                after: at(last),
            }
        })
        .collect()
}

/// The plan page for a school and year (the newest version the viewer may read, or the
/// version asked for).
pub async fn plan_page(
    store: &Store,
    viewer: &Principal,
    school: SchoolId,
    year: Option<i64>,
    version: Option<VersionId>,
    rules: PlanningRules,
) -> Result<PlanPage> {
    viewer.may(&Action::ViewPlan(school))?;
    let reading = viewer.plan_reading(school).ok_or(PlanningError::NotFound)?;
    let planning = store.planning();
    let years = planning.all_years().await?;
    let year = match year {
        Some(y) => y,
        None => match planning.years(school).await?.first() {
            Some(y) => y.id,
            None => years.first().map(|y| y.id).ok_or(PlanningError::NotFound)?,
        },
    };
    let mut versions = planning.versions(school, year).await?;
    if reading == PlanReading::Governors {
        versions.retain(|v| v.state != PlanState::Draft);
    }
    let shown = match version {
        Some(id) => Some(
            versions
                .iter()
                .find(|v| v.id == id)
                .cloned()
                .ok_or(PlanningError::NotFound)?,
        ),
        None => versions.first().cloned(),
    };
    let mut content = match &shown {
        Some(v) => planning.content(v.id).await?,
        None => None,
    };
    let may_edit = viewer.may(&Action::EditPlan(school)).is_ok();
    let may_sign_off = viewer.may(&Action::SignOffPlanReview(school)).is_ok();
    let mut load = None;
    let mut names = BTreeMap::new();
    let mut editable_actions = Vec::new();
    let mut progress_actions = Vec::new();
    let mut changes = Vec::new();
    if let Some(c) = &mut content {
        match reading {
            PlanReading::Whole => {
                if let Some((from, to)) = planning.year_dates(year).await? {
                    load = Some(load_of(c, from, to, &rules));
                }
            }
            PlanReading::Involved => {
                c.actions.retain(|a| a.involves(viewer.person));
                c.measures.clear();
                c.reviews.clear();
                c.readings.clear();
                c.version.agreed_by = None;
            }
            PlanReading::Governors => unnamed(c),
            PlanReading::Summary => {
                c.actions.clear();
                c.measures.clear();
                c.reviews.clear();
                c.readings.clear();
                c.milestones.clear();
                c.stopped.clear();
                c.version.agreed_by = None;
            }
        }
        if reading != PlanReading::Governors {
            for a in &c.actions {
                names.insert(a.owner, a.owner_name.clone());
                for (p, n) in &a.people {
                    names.insert(*p, n.clone());
                }
                if let Some((p, n)) = &a.teacher_leader {
                    names.insert(*p, n.clone());
                }
            }
        }
        let editable_version = c.version.is_latest() && c.version.state != PlanState::Closed;
        for a in &c.actions {
            let edit = Action::EditPlanAction {
                school,
                owner: a.owner,
            };
            if editable_version && viewer.may(&edit).is_ok() {
                editable_actions.push(a.id);
            }
            let record = Action::RecordPlanProgress {
                school,
                owner: a.owner,
            };
            if viewer.may(&record).is_ok() {
                progress_actions.push(a.id);
            }
        }
        changes = changes_since_last_review(c);
    }
    let staff = if may_edit || !editable_actions.is_empty() {
        planning.staff(school).await?
    } else {
        Vec::new()
    };
    Ok(PlanPage {
        school,
        year,
        reading,
        versions,
        content,
        load,
        names,
        changes,
        may_edit,
        may_sign_off,
        editable_actions,
        progress_actions,
        rules,
        staff,
        years,
    })
}

/// Last year's plan beside this year's, each as the viewer may see it.
pub async fn compare(
    store: &Store,
    viewer: &Principal,
    school: SchoolId,
    year: i64,
    rules: PlanningRules,
) -> Result<(Option<PlanPage>, PlanPage)> {
    let this = plan_page(store, viewer, school, Some(year), None, rules).await?;
    let last = match store.planning().previous_year(year).await? {
        Some(y) => Some(plan_page(store, viewer, school, Some(y.id), None, rules).await?),
        None => None,
    };
    Ok((last, this))
}

/// The plans of the schools under an organisation, in a line each (a cluster lead's view).
pub async fn summaries(
    store: &Store,
    viewer: &Principal,
    org: headway_domain::ids::OrgId,
) -> Result<Vec<PlanSummary>> {
    viewer.may(&Action::ViewOrganisation(org))?;
    let schools: Vec<SchoolId> = store
        .roster()
        .schools_under(org)
        .await?
        .into_iter()
        .map(|s| SchoolId(s.id))
        .filter(|s| viewer.may(&Action::ViewPlan(*s)).is_ok())
        .collect();
    Ok(store.planning().summaries(&schools).await?)
}
