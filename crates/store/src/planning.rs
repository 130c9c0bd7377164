//! Improvement plans: one per school and academic year, kept in versions (draft, agreed,
//! closed), each version holding its priorities, measures, actions, milestones and review
//! dates and its "stopped to make room" list; and, for the plan as it runs, reviews with
//! each action's progress and the measures' values, and manual measure readings.
//!
//! An agreed version is never written again: [`Planning::copy_version`] makes the next
//! draft from it. Rows keep a *lineage* (the id of the row as first written, the same in
//! every copy), so reviews and readings, which belong to the plan, follow a priority,
//! measure or action from one version to the next. The rules (what may change when) are
//! `domain::planning::plan`'s and the use cases' in `app::planning`; this module stores.

use crate::progress::Choice;
use crate::tx::Tx;
use crate::{Store, StoreError, on_pool, on_tx};
use headway_domain::ids::{PersonId, SchoolId};
use headway_domain::planning::measure::MeasureValue;
use headway_domain::planning::plan::{PlanState, Progress};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PlanId(pub i64);
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct VersionId(pub i64);
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PriorityId(pub i64);
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MeasureId(pub i64);
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ActionId(pub i64);
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ReviewId(pub i64);

/// One version of a plan, with where it stands.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanVersion {
    pub id: VersionId,
    pub plan: PlanId,
    pub school: SchoolId,
    pub year: i64,
    pub year_name: String,
    pub version: i64,
    pub state: PlanState,
    pub created_at: i64,
    pub agreed_at: Option<i64>,
    pub agreed_by: Option<String>,
    pub closed_at: Option<i64>,
    /// The newest version of the same plan (equal to `version` for the newest).
    pub latest: i64,
}

impl PlanVersion {
    pub fn is_latest(&self) -> bool {
        self.version == self.latest
    }
}

#[derive(sqlx::FromRow)]
struct VersionRow {
    id: i64,
    plan_id: i64,
    school_id: i64,
    year_id: i64,
    year_name: String,
    version: i64,
    state: String,
    created_at: i64,
    agreed_at: Option<i64>,
    agreed_by: Option<String>,
    closed_at: Option<i64>,
    latest: i64,
}

const VERSION_SELECT: &str =
    "SELECT v.id, v.plan_id, p.school_id, p.year_id, y.name AS year_name, v.version,
        v.state, v.created_at, v.agreed_at, a.display_name AS agreed_by, v.closed_at,
        (SELECT MAX(l.version) FROM plan_versions l WHERE l.plan_id = v.plan_id) AS latest
     FROM plan_versions v
     JOIN plans p ON p.id = v.plan_id
     JOIN academic_years y ON y.id = p.year_id
     LEFT JOIN people a ON a.id = v.agreed_by";

impl TryFrom<VersionRow> for PlanVersion {
    type Error = StoreError;
    fn try_from(r: VersionRow) -> Result<Self, StoreError> {
        Ok(PlanVersion {
            id: VersionId(r.id),
            plan: PlanId(r.plan_id),
            school: SchoolId(r.school_id),
            year: r.year_id,
            year_name: r.year_name,
            version: r.version,
            state: r
                .state
                .parse()
                .map_err(|_| StoreError::Corrupt(format!("plan state '{}'", r.state)))?,
            created_at: r.created_at,
            agreed_at: r.agreed_at,
            agreed_by: r.agreed_by,
            closed_at: r.closed_at,
            latest: r.latest,
        })
    }
}

/// The evidence a priority started from: what kind (a progress figure, a 360 focus
/// suggestion …), a local link to it and a few words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    pub kind: String,
    pub url: String,
    pub note: String,
}

/// A priority as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPriority {
    pub title: String,
    pub rationale: String,
    /// Robinson dimension keys (`domain::diagnostic::framework::Dimension::as_str`).
    pub dimensions: Vec<String>,
    pub over_limit_reason: Option<String>,
    pub evidence: Option<Evidence>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Priority {
    pub id: PriorityId,
    pub lineage: i64,
    pub position: i64,
    pub title: String,
    pub rationale: String,
    pub dimensions: Vec<String>,
    pub over_limit_reason: Option<String>,
    pub evidence: Option<Evidence>,
}

#[derive(sqlx::FromRow)]
struct PriorityRow {
    id: i64,
    lineage: Option<i64>,
    position: i64,
    title: String,
    rationale: String,
    dimensions: String,
    over_limit_reason: Option<String>,
    evidence_kind: Option<String>,
    evidence_url: Option<String>,
    evidence_note: Option<String>,
}

/// A measure as written: its query (JSON of `MeasureSpec`), direction and target range.
#[derive(Debug, Clone, PartialEq)]
pub struct NewMeasure {
    pub name: String,
    pub spec: String,
    pub higher_is_better: bool,
    pub target_lower: Option<f64>,
    pub target_upper: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Measure {
    pub id: MeasureId,
    pub lineage: i64,
    pub priority: PriorityId,
    pub name: String,
    pub spec: String,
    pub higher_is_better: bool,
    /// Captured when the plan was agreed.
    pub baseline: Option<MeasureValue>,
    pub target_lower: Option<f64>,
    pub target_upper: Option<f64>,
}

#[derive(sqlx::FromRow)]
struct MeasureRow {
    id: i64,
    lineage: Option<i64>,
    priority_id: i64,
    name: String,
    spec: String,
    higher_is_better: bool,
    baseline_estimate: Option<f64>,
    baseline_lower: Option<f64>,
    baseline_upper: Option<f64>,
    baseline_n: Option<i64>,
    target_lower: Option<f64>,
    target_upper: Option<f64>,
}

/// An action as written. Dates are ISO-8601 (`2026-09-01`).
#[derive(Debug, Clone, PartialEq)]
pub struct NewAction {
    pub title: String,
    pub owner: PersonId,
    pub people: Vec<PersonId>,
    pub starts_on: String,
    pub ends_on: String,
    pub budget: f64,
    pub hours_per_week: f64,
    pub cpd_days: f64,
    /// `consultative` or `decisional`.
    pub pattern: String,
    pub teacher_leader: Option<PersonId>,
    pub leader_area: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlanAction {
    pub id: ActionId,
    pub lineage: i64,
    pub priority: PriorityId,
    pub title: String,
    pub owner: PersonId,
    pub owner_name: String,
    pub people: Vec<(PersonId, String)>,
    pub starts_on: String,
    pub ends_on: String,
    pub budget: f64,
    pub hours_per_week: f64,
    pub cpd_days: f64,
    pub pattern: String,
    pub teacher_leader: Option<(PersonId, String)>,
    pub leader_area: Option<String>,
}

impl PlanAction {
    /// Whether the action names this person: owner, involved or teacher leader.
    pub fn involves(&self, person: PersonId) -> bool {
        self.owner == person
            || self.people.iter().any(|(p, _)| *p == person)
            || self
                .teacher_leader
                .as_ref()
                .is_some_and(|(p, _)| *p == person)
    }
}

#[derive(sqlx::FromRow)]
struct ActionRow {
    id: i64,
    lineage: Option<i64>,
    priority_id: i64,
    title: String,
    owner_id: i64,
    owner_name: String,
    starts_on: String,
    ends_on: String,
    budget: f64,
    hours_per_week: f64,
    cpd_days: f64,
    pattern: String,
    teacher_leader_id: Option<i64>,
    teacher_leader_name: Option<String>,
    leader_area: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Milestone {
    pub id: i64,
    pub priority_id: i64,
    /// `milestone` or `review`.
    pub kind: String,
    pub due_on: String,
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Stopped {
    pub id: i64,
    pub what: String,
    pub why: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Review {
    pub id: ReviewId,
    pub held_on: String,
    pub evaluation: String,
    pub signed_off_by: Option<String>,
    pub signed_off_at: Option<i64>,
    /// (action lineage, progress, reason for a dropped action)
    pub progress: Vec<(i64, Progress, Option<String>)>,
    /// (measure lineage, value at the review)
    pub measures: Vec<(i64, MeasureValue)>,
}

#[derive(sqlx::FromRow)]
struct ReviewRow {
    id: i64,
    held_on: String,
    evaluation: String,
    signed_off_by: Option<String>,
    signed_off_at: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct Reading {
    pub id: i64,
    pub measure_lineage: i64,
    pub taken_on: String,
    pub value: f64,
    pub evidence: String,
}

/// A reading of a hand-recorded measure, to write.
#[derive(Debug, Clone, PartialEq)]
pub struct NewReading {
    pub measure_lineage: i64,
    /// ISO-8601 date.
    pub taken_on: String,
    pub value: f64,
    pub evidence: String,
}

/// A version with everything in it, and the plan's reviews and readings.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanContent {
    pub version: PlanVersion,
    pub priorities: Vec<Priority>,
    pub measures: Vec<Measure>,
    pub actions: Vec<PlanAction>,
    pub milestones: Vec<Milestone>,
    pub stopped: Vec<Stopped>,
    /// Oldest first.
    pub reviews: Vec<Review>,
    pub readings: Vec<Reading>,
}

/// A school's plan in a line, for a cluster's summary.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanSummary {
    pub school: SchoolId,
    pub school_name: String,
    pub version: PlanVersion,
    pub priorities: Vec<String>,
    pub actions: i64,
    pub reviews: i64,
}

#[derive(Clone, Copy)]
pub struct Planning<'a> {
    store: &'a Store,
}

impl Store {
    pub fn planning(&self) -> Planning<'_> {
        Planning { store: self }
    }
}

fn dimensions_of(stored: &str) -> Vec<String> {
    stored
        .split(',')
        .filter(|d| !d.is_empty())
        .map(str::to_owned)
        .collect()
}

fn value_of(
    e: Option<f64>,
    l: Option<f64>,
    u: Option<f64>,
    n: Option<i64>,
) -> Option<MeasureValue> {
    Some(MeasureValue {
        estimate: e?,
        lower: l?,
        upper: u?,
        n: u32::try_from(n?).unwrap_or(0),
    })
}

const ACTION_SELECT: &str =
    "SELECT a.id, a.lineage, a.priority_id, a.title, a.owner_id, o.display_name AS owner_name,
        a.starts_on, a.ends_on, a.budget, a.hours_per_week, a.cpd_days, a.pattern,
        a.teacher_leader_id, t.display_name AS teacher_leader_name, a.leader_area
     FROM plan_actions a
     JOIN plan_priorities pr ON pr.id = a.priority_id
     JOIN people o ON o.id = a.owner_id
     LEFT JOIN people t ON t.id = a.teacher_leader_id";

impl Planning<'_> {
    // ---- reading ---------------------------------------------------------------------

    /// A version by id.
    pub async fn version(&self, id: VersionId) -> Result<Option<PlanVersion>, StoreError> {
        let sql = format!("{VERSION_SELECT} WHERE v.id = $1");
        let row = on_pool!(self.store, pool => sqlx::query_as::<_, VersionRow>(sqlx::AssertSqlSafe(sql))
            .bind(id.0).fetch_optional(pool).await)?;
        row.map(PlanVersion::try_from).transpose()
    }

    /// Every version of a school's plan for a year, newest first.
    pub async fn versions(
        &self,
        school: SchoolId,
        year: i64,
    ) -> Result<Vec<PlanVersion>, StoreError> {
        let sql = format!(
            "{VERSION_SELECT} WHERE p.school_id = $1 AND p.year_id = $2 ORDER BY v.version DESC"
        );
        let rows = on_pool!(self.store, pool => sqlx::query_as::<_, VersionRow>(sqlx::AssertSqlSafe(sql))
            .bind(school.0).bind(year).fetch_all(pool).await)?;
        rows.into_iter().map(PlanVersion::try_from).collect()
    }

    /// The years a school has a plan for, newest first.
    pub async fn years(&self, school: SchoolId) -> Result<Vec<Choice>, StoreError> {
        Ok(on_pool!(self.store, pool => sqlx::query_as::<_, Choice>(
            "SELECT y.id, y.name FROM plans p JOIN academic_years y ON y.id = p.year_id
             WHERE p.school_id = $1 ORDER BY y.starts_on DESC")
            .bind(school.0).fetch_all(pool).await)?)
    }

    /// Every academic year Headway holds, newest first (a plan may be started for any).
    pub async fn all_years(&self) -> Result<Vec<Choice>, StoreError> {
        Ok(on_pool!(self.store, pool => sqlx::query_as::<_, Choice>(
            "SELECT id, name FROM academic_years ORDER BY starts_on DESC")
            .fetch_all(pool).await)?)
    }

    /// An academic year's first and last day.
    pub async fn year_dates(
        &self,
        year: i64,
    ) -> Result<Option<(time::Date, time::Date)>, StoreError> {
        Ok(
            on_pool!(self.store, pool => sqlx::query_as::<_, (time::Date, time::Date)>(
            "SELECT starts_on, ends_on FROM academic_years WHERE id = $1")
            .bind(year).fetch_optional(pool).await)?,
        )
    }

    /// The year before `year` (by start date), if Headway holds it.
    pub async fn previous_year(&self, year: i64) -> Result<Option<Choice>, StoreError> {
        Ok(on_pool!(self.store, pool => sqlx::query_as::<_, Choice>(
            "SELECT y.id, y.name FROM academic_years y
             WHERE y.starts_on < (SELECT starts_on FROM academic_years WHERE id = $1)
             ORDER BY y.starts_on DESC LIMIT 1")
            .bind(year).fetch_optional(pool).await)?)
    }

    /// Staff of a school who may own or join an action (anyone with a school role other
    /// than governor), by name.
    pub async fn staff(&self, school: SchoolId) -> Result<Vec<(PersonId, String)>, StoreError> {
        let rows: Vec<(i64, String)> = on_pool!(self.store, pool => sqlx::query_as(
            "SELECT DISTINCT p.id, p.display_name FROM role_assignments ra JOIN people p ON p.id = ra.person_id
             WHERE ra.org_id = $1 AND ra.role IN ('head', 'senior_leader', 'middle_leader', 'teacher', 'support_staff', 'data_manager')
             ORDER BY p.display_name, p.id")
            .bind(school.0).fetch_all(pool).await)?;
        Ok(rows
            .into_iter()
            .map(|(id, name)| (PersonId(id), name))
            .collect())
    }

    /// The version a priority belongs to, and the priority's lineage.
    pub async fn version_of_priority(
        &self,
        priority: PriorityId,
    ) -> Result<Option<(VersionId, i64)>, StoreError> {
        let row: Option<(i64, Option<i64>)> = on_pool!(self.store, pool => sqlx::query_as(
            "SELECT version_id, lineage FROM plan_priorities WHERE id = $1")
            .bind(priority.0).fetch_optional(pool).await)?;
        Ok(row.map(|(v, l)| (VersionId(v), l.unwrap_or(priority.0))))
    }

    /// The version a measure belongs to, the measure's lineage and its spec (JSON).
    pub async fn version_of_measure(
        &self,
        measure: MeasureId,
    ) -> Result<Option<(VersionId, i64, String)>, StoreError> {
        let row: Option<(i64, Option<i64>, String)> = on_pool!(self.store, pool => sqlx::query_as(
            "SELECT pr.version_id, m.lineage, m.spec FROM plan_measures m JOIN plan_priorities pr ON pr.id = m.priority_id WHERE m.id = $1")
            .bind(measure.0).fetch_optional(pool).await)?;
        Ok(row.map(|(v, l, spec)| (VersionId(v), l.unwrap_or(measure.0), spec)))
    }

    /// An action with the version it belongs to.
    pub async fn action(
        &self,
        action: ActionId,
    ) -> Result<Option<(VersionId, PlanAction)>, StoreError> {
        let sql = format!("{ACTION_SELECT} WHERE a.id = $1");
        let row = on_pool!(self.store, pool => sqlx::query_as::<_, ActionRow>(sqlx::AssertSqlSafe(sql))
            .bind(action.0).fetch_optional(pool).await)?;
        let Some(row) = row else { return Ok(None) };
        let version: i64 = on_pool!(self.store, pool => sqlx::query_scalar(
            "SELECT version_id FROM plan_priorities WHERE id = $1")
            .bind(row.priority_id).fetch_one(pool).await)?;
        let mut actions = self.with_people(vec![row]).await?;
        Ok(actions.pop().map(|a| (VersionId(version), a)))
    }

    /// A review with the plan it belongs to.
    pub async fn review_plan(&self, review: ReviewId) -> Result<Option<PlanId>, StoreError> {
        let id: Option<i64> = on_pool!(self.store, pool => sqlx::query_scalar(
            "SELECT plan_id FROM plan_reviews WHERE id = $1")
            .bind(review.0).fetch_optional(pool).await)?;
        Ok(id.map(PlanId))
    }

    /// The newest version of a plan.
    pub async fn latest_of_plan(&self, plan: PlanId) -> Result<Option<PlanVersion>, StoreError> {
        let sql = format!("{VERSION_SELECT} WHERE v.plan_id = $1 ORDER BY v.version DESC LIMIT 1");
        let row = on_pool!(self.store, pool => sqlx::query_as::<_, VersionRow>(sqlx::AssertSqlSafe(sql))
            .bind(plan.0).fetch_optional(pool).await)?;
        row.map(PlanVersion::try_from).transpose()
    }

    async fn with_people(&self, rows: Vec<ActionRow>) -> Result<Vec<PlanAction>, StoreError> {
        let mut actions = Vec::with_capacity(rows.len());
        for r in rows {
            let people: Vec<(i64, String)> = on_pool!(self.store, pool => sqlx::query_as(
                "SELECT p.id, p.display_name FROM plan_action_people ap JOIN people p ON p.id = ap.person_id
                 WHERE ap.action_id = $1 ORDER BY p.display_name, p.id")
                .bind(r.id).fetch_all(pool).await)?;
            actions.push(PlanAction {
                id: ActionId(r.id),
                lineage: r.lineage.unwrap_or(r.id),
                priority: PriorityId(r.priority_id),
                title: r.title,
                owner: PersonId(r.owner_id),
                owner_name: r.owner_name,
                people: people
                    .into_iter()
                    .map(|(id, n)| (PersonId(id), n))
                    .collect(),
                starts_on: r.starts_on,
                ends_on: r.ends_on,
                budget: r.budget,
                hours_per_week: r.hours_per_week,
                cpd_days: r.cpd_days,
                pattern: r.pattern,
                teacher_leader: r
                    .teacher_leader_id
                    .map(|id| (PersonId(id), r.teacher_leader_name.unwrap_or_default())),
                leader_area: r.leader_area,
            });
        }
        Ok(actions)
    }

    /// A version with everything in it, and its plan's reviews and readings.
    pub async fn content(&self, id: VersionId) -> Result<Option<PlanContent>, StoreError> {
        let Some(version) = self.version(id).await? else {
            return Ok(None);
        };
        let priorities: Vec<PriorityRow> = on_pool!(self.store, pool => sqlx::query_as(
            "SELECT id, lineage, position, title, rationale, dimensions, over_limit_reason,
                    evidence_kind, evidence_url, evidence_note
             FROM plan_priorities WHERE version_id = $1 ORDER BY position, id")
            .bind(id.0).fetch_all(pool).await)?;
        let priorities = priorities
            .into_iter()
            .map(|r| Priority {
                id: PriorityId(r.id),
                lineage: r.lineage.unwrap_or(r.id),
                position: r.position,
                title: r.title,
                rationale: r.rationale,
                dimensions: dimensions_of(&r.dimensions),
                over_limit_reason: r.over_limit_reason,
                evidence: match (r.evidence_kind, r.evidence_url) {
                    (Some(kind), Some(url)) => Some(Evidence {
                        kind,
                        url,
                        note: r.evidence_note.unwrap_or_default(),
                    }),
                    _ => None,
                },
            })
            .collect();
        let measures: Vec<MeasureRow> = on_pool!(self.store, pool => sqlx::query_as(
            "SELECT m.id, m.lineage, m.priority_id, m.name, m.spec, m.higher_is_better,
                    m.baseline_estimate, m.baseline_lower, m.baseline_upper, m.baseline_n,
                    m.target_lower, m.target_upper
             FROM plan_measures m JOIN plan_priorities pr ON pr.id = m.priority_id
             WHERE pr.version_id = $1 ORDER BY pr.position, m.id")
            .bind(id.0).fetch_all(pool).await)?;
        let measures = measures
            .into_iter()
            .map(|r| Measure {
                id: MeasureId(r.id),
                lineage: r.lineage.unwrap_or(r.id),
                priority: PriorityId(r.priority_id),
                name: r.name,
                spec: r.spec,
                higher_is_better: r.higher_is_better,
                baseline: value_of(
                    r.baseline_estimate,
                    r.baseline_lower,
                    r.baseline_upper,
                    r.baseline_n,
                ),
                target_lower: r.target_lower,
                target_upper: r.target_upper,
            })
            .collect();
        let sql = format!(
            "{ACTION_SELECT} WHERE pr.version_id = $1 ORDER BY pr.position, a.starts_on, a.id"
        );
        let actions: Vec<ActionRow> = on_pool!(self.store, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .bind(id.0).fetch_all(pool).await)?;
        let actions = self.with_people(actions).await?;
        let milestones: Vec<Milestone> = on_pool!(self.store, pool => sqlx::query_as(
            "SELECT m.id, m.priority_id, m.kind, m.due_on, m.description
             FROM plan_milestones m JOIN plan_priorities pr ON pr.id = m.priority_id
             WHERE pr.version_id = $1 ORDER BY m.due_on, m.id")
            .bind(id.0).fetch_all(pool).await)?;
        let stopped: Vec<Stopped> = on_pool!(self.store, pool => sqlx::query_as(
            "SELECT id, what, why FROM plan_stopped WHERE version_id = $1 ORDER BY id")
            .bind(id.0).fetch_all(pool).await)?;
        let reviews = self.reviews(version.plan).await?;
        let readings: Vec<Reading> = on_pool!(self.store, pool => sqlx::query_as(
            "SELECT id, measure_lineage, taken_on, value, evidence FROM plan_measure_readings
             WHERE plan_id = $1 ORDER BY taken_on, id")
            .bind(version.plan.0).fetch_all(pool).await)?;
        Ok(Some(PlanContent {
            version,
            priorities,
            measures,
            actions,
            milestones,
            stopped,
            reviews,
            readings,
        }))
    }

    /// A plan's reviews, oldest first, each with its progress and measure values.
    pub async fn reviews(&self, plan: PlanId) -> Result<Vec<Review>, StoreError> {
        let rows: Vec<ReviewRow> = on_pool!(self.store, pool => sqlx::query_as(
            "SELECT r.id, r.held_on, r.evaluation, s.display_name AS signed_off_by, r.signed_off_at
             FROM plan_reviews r LEFT JOIN people s ON s.id = r.signed_off_by
             WHERE r.plan_id = $1 ORDER BY r.held_on, r.id")
            .bind(plan.0).fetch_all(pool).await)?;
        let mut reviews = Vec::with_capacity(rows.len());
        for r in rows {
            let progress: Vec<(i64, String, Option<String>)> = on_pool!(self.store, pool => sqlx::query_as(
                "SELECT action_lineage, progress, reason FROM plan_review_progress WHERE review_id = $1 ORDER BY action_lineage")
                .bind(r.id).fetch_all(pool).await)?;
            let measures: Vec<(i64, f64, f64, f64, i64)> = on_pool!(self.store, pool => sqlx::query_as(
                "SELECT measure_lineage, estimate, lower_bound, upper_bound, n FROM plan_review_measures WHERE review_id = $1 ORDER BY measure_lineage")
                .bind(r.id).fetch_all(pool).await)?;
            reviews.push(Review {
                id: ReviewId(r.id),
                held_on: r.held_on,
                evaluation: r.evaluation,
                signed_off_by: r.signed_off_by,
                signed_off_at: r.signed_off_at,
                progress: progress
                    .into_iter()
                    .map(|(lineage, p, reason)| {
                        p.parse::<Progress>()
                            .map(|p| (lineage, p, reason))
                            .map_err(|_| StoreError::Corrupt(format!("progress '{p}'")))
                    })
                    .collect::<Result<_, _>>()?,
                measures: measures
                    .into_iter()
                    .map(|(lineage, e, l, u, n)| {
                        (
                            lineage,
                            MeasureValue {
                                estimate: e,
                                lower: l,
                                upper: u,
                                n: u32::try_from(n).unwrap_or(0),
                            },
                        )
                    })
                    .collect(),
            });
        }
        Ok(reviews)
    }

    /// The newest version of each plan of these schools for a year, with its priorities'
    /// titles and counts: a cluster's summary.
    pub async fn summaries(&self, schools: &[SchoolId]) -> Result<Vec<PlanSummary>, StoreError> {
        let mut out = Vec::new();
        for school in schools {
            let plans: Vec<(i64, String)> = on_pool!(self.store, pool => sqlx::query_as(
                "SELECT p.id, o.name FROM plans p JOIN orgs o ON o.id = p.school_id
                 JOIN academic_years y ON y.id = p.year_id
                 WHERE p.school_id = $1 ORDER BY y.starts_on DESC")
                .bind(school.0).fetch_all(pool).await)?;
            for (plan, school_name) in plans {
                let Some(version) = self.latest_of_plan(PlanId(plan)).await? else {
                    continue;
                };
                let priorities: Vec<String> = on_pool!(self.store, pool => sqlx::query_scalar(
                    "SELECT title FROM plan_priorities WHERE version_id = $1 ORDER BY position, id")
                    .bind(version.id.0).fetch_all(pool).await)?;
                let actions: i64 = on_pool!(self.store, pool => sqlx::query_scalar(
                    "SELECT COUNT(*) FROM plan_actions a JOIN plan_priorities pr ON pr.id = a.priority_id WHERE pr.version_id = $1")
                    .bind(version.id.0).fetch_one(pool).await)?;
                let reviews: i64 = on_pool!(self.store, pool => sqlx::query_scalar(
                    "SELECT COUNT(*) FROM plan_reviews WHERE plan_id = $1")
                    .bind(plan).fetch_one(pool).await)?;
                out.push(PlanSummary {
                    school: *school,
                    school_name,
                    version,
                    priorities,
                    actions,
                    reviews,
                });
            }
        }
        Ok(out)
    }

    // ---- writing ---------------------------------------------------------------------

    /// Starts a school's plan for a year: the plan and its first version, a draft.
    pub async fn create_plan(
        &self,
        tx: &mut Tx,
        school: SchoolId,
        year: i64,
        by: PersonId,
    ) -> Result<VersionId, StoreError> {
        let now = self.store.now();
        let id: i64 = on_tx!(tx, conn => {
            let plan: i64 = sqlx::query_scalar(
                "INSERT INTO plans (school_id, year_id, created_at) VALUES ($1, $2, $3) RETURNING id")
                .bind(school.0).bind(year).bind(now).fetch_one(&mut *conn).await?;
            sqlx::query_scalar(
                "INSERT INTO plan_versions (plan_id, version, state, created_at, created_by)
                 VALUES ($1, 1, 'draft', $2, $3) RETURNING id")
                .bind(plan).bind(now).bind(by.0).fetch_one(&mut *conn).await?
        });
        Ok(VersionId(id))
    }

    /// The next version of a plan, a draft copied from `from` (priorities, measures with
    /// their baselines and targets, actions with their people, milestones and review
    /// dates, the stopped list), each copy keeping its lineage. `from` is left as it was.
    pub async fn copy_version(
        &self,
        tx: &mut Tx,
        from: VersionId,
        by: PersonId,
    ) -> Result<VersionId, StoreError> {
        let now = self.store.now();
        let id: i64 = on_tx!(tx, conn => {
            let to: i64 = sqlx::query_scalar(
                "INSERT INTO plan_versions (plan_id, version, state, created_at, created_by)
                 SELECT plan_id, (SELECT MAX(version) + 1 FROM plan_versions l WHERE l.plan_id = v.plan_id),
                        'draft', $2, $3
                 FROM plan_versions v WHERE v.id = $1 RETURNING id")
                .bind(from.0).bind(now).bind(by.0).fetch_one(&mut *conn).await?;
            sqlx::query(
                "INSERT INTO plan_priorities (version_id, lineage, position, title, rationale, dimensions,
                     over_limit_reason, evidence_kind, evidence_url, evidence_note)
                 SELECT $2, COALESCE(lineage, id), position, title, rationale, dimensions,
                     over_limit_reason, evidence_kind, evidence_url, evidence_note
                 FROM plan_priorities WHERE version_id = $1 ORDER BY id")
                .bind(from.0).bind(to).execute(&mut *conn).await?;
            // The copy of a row's priority: the new version's priority of the same lineage.
            sqlx::query(
                "INSERT INTO plan_measures (priority_id, lineage, name, spec, higher_is_better,
                     baseline_estimate, baseline_lower, baseline_upper, baseline_n, target_lower, target_upper)
                 SELECT np.id, COALESCE(m.lineage, m.id), m.name, m.spec, m.higher_is_better,
                     m.baseline_estimate, m.baseline_lower, m.baseline_upper, m.baseline_n, m.target_lower, m.target_upper
                 FROM plan_measures m
                 JOIN plan_priorities op ON op.id = m.priority_id AND op.version_id = $1
                 JOIN plan_priorities np ON np.version_id = $2 AND np.lineage = COALESCE(op.lineage, op.id)
                 ORDER BY m.id")
                .bind(from.0).bind(to).execute(&mut *conn).await?;
            sqlx::query(
                "INSERT INTO plan_actions (priority_id, lineage, title, owner_id, starts_on, ends_on, budget,
                     hours_per_week, cpd_days, pattern, teacher_leader_id, leader_area)
                 SELECT np.id, COALESCE(a.lineage, a.id), a.title, a.owner_id, a.starts_on, a.ends_on, a.budget,
                     a.hours_per_week, a.cpd_days, a.pattern, a.teacher_leader_id, a.leader_area
                 FROM plan_actions a
                 JOIN plan_priorities op ON op.id = a.priority_id AND op.version_id = $1
                 JOIN plan_priorities np ON np.version_id = $2 AND np.lineage = COALESCE(op.lineage, op.id)
                 ORDER BY a.id")
                .bind(from.0).bind(to).execute(&mut *conn).await?;
            sqlx::query(
                "INSERT INTO plan_action_people (action_id, person_id)
                 SELECT na.id, ap.person_id
                 FROM plan_action_people ap
                 JOIN plan_actions oa ON oa.id = ap.action_id
                 JOIN plan_priorities op ON op.id = oa.priority_id AND op.version_id = $1
                 JOIN plan_actions na ON na.lineage = COALESCE(oa.lineage, oa.id)
                 JOIN plan_priorities np ON np.id = na.priority_id AND np.version_id = $2")
                .bind(from.0).bind(to).execute(&mut *conn).await?;
            sqlx::query(
                "INSERT INTO plan_milestones (priority_id, kind, due_on, description)
                 SELECT np.id, m.kind, m.due_on, m.description
                 FROM plan_milestones m
                 JOIN plan_priorities op ON op.id = m.priority_id AND op.version_id = $1
                 JOIN plan_priorities np ON np.version_id = $2 AND np.lineage = COALESCE(op.lineage, op.id)
                 ORDER BY m.id")
                .bind(from.0).bind(to).execute(&mut *conn).await?;
            sqlx::query(
                "INSERT INTO plan_stopped (version_id, what, why)
                 SELECT $2, what, why FROM plan_stopped WHERE version_id = $1 ORDER BY id")
                .bind(from.0).bind(to).execute(&mut *conn).await?;
            to
        });
        Ok(VersionId(id))
    }

    /// Moves a version to `state`, noting who agreed it and when.
    pub async fn set_state(
        &self,
        tx: &mut Tx,
        version: VersionId,
        state: PlanState,
        by: PersonId,
    ) -> Result<(), StoreError> {
        let now = self.store.now();
        on_tx!(tx, conn => match state {
            PlanState::Agreed => sqlx::query(
                "UPDATE plan_versions SET state = 'agreed', agreed_at = $2, agreed_by = $3 WHERE id = $1")
                .bind(version.0).bind(now).bind(by.0).execute(&mut *conn).await,
            PlanState::Closed => sqlx::query(
                "UPDATE plan_versions SET state = 'closed', closed_at = $2 WHERE id = $1")
                .bind(version.0).bind(now).execute(&mut *conn).await,
            PlanState::Draft => sqlx::query(
                "UPDATE plan_versions SET state = 'draft' WHERE id = $1")
                .bind(version.0).execute(&mut *conn).await,
        }.map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// The row of a lineage in a version (an edit made to an agreed version lands on the
    /// new draft's copy).
    pub async fn priority_in(
        &self,
        tx: &mut Tx,
        version: VersionId,
        lineage: i64,
    ) -> Result<Option<PriorityId>, StoreError> {
        let id: Option<i64> = on_tx!(tx, conn => sqlx::query_scalar(
            "SELECT id FROM plan_priorities WHERE version_id = $1 AND lineage = $2")
            .bind(version.0).bind(lineage).fetch_optional(&mut *conn).await)?;
        Ok(id.map(PriorityId))
    }

    pub async fn action_in(
        &self,
        tx: &mut Tx,
        version: VersionId,
        lineage: i64,
    ) -> Result<Option<ActionId>, StoreError> {
        let id: Option<i64> = on_tx!(tx, conn => sqlx::query_scalar(
            "SELECT a.id FROM plan_actions a JOIN plan_priorities pr ON pr.id = a.priority_id
             WHERE pr.version_id = $1 AND a.lineage = $2")
            .bind(version.0).bind(lineage).fetch_optional(&mut *conn).await)?;
        Ok(id.map(ActionId))
    }

    pub async fn measure_in(
        &self,
        tx: &mut Tx,
        version: VersionId,
        lineage: i64,
    ) -> Result<Option<MeasureId>, StoreError> {
        let id: Option<i64> = on_tx!(tx, conn => sqlx::query_scalar(
            "SELECT m.id FROM plan_measures m JOIN plan_priorities pr ON pr.id = m.priority_id
             WHERE pr.version_id = $1 AND m.lineage = $2")
            .bind(version.0).bind(lineage).fetch_optional(&mut *conn).await)?;
        Ok(id.map(MeasureId))
    }

    /// How many priorities a version holds.
    pub async fn priority_count(
        &self,
        tx: &mut Tx,
        version: VersionId,
    ) -> Result<usize, StoreError> {
        let n: i64 = on_tx!(tx, conn => sqlx::query_scalar(
            "SELECT COUNT(*) FROM plan_priorities WHERE version_id = $1")
            .bind(version.0).fetch_one(&mut *conn).await)?;
        Ok(usize::try_from(n).unwrap_or(0))
    }

    /// Adds a priority at the end of the version's list.
    pub async fn add_priority(
        &self,
        tx: &mut Tx,
        version: VersionId,
        p: &NewPriority,
    ) -> Result<PriorityId, StoreError> {
        let dimensions = p.dimensions.join(",");
        let (kind, url, note) = match &p.evidence {
            Some(e) => (
                Some(e.kind.as_str()),
                Some(e.url.as_str()),
                Some(e.note.as_str()),
            ),
            None => (None, None, None),
        };
        let id: i64 = on_tx!(tx, conn => {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO plan_priorities (version_id, position, title, rationale, dimensions,
                     over_limit_reason, evidence_kind, evidence_url, evidence_note)
                 VALUES ($1, (SELECT COALESCE(MAX(position), 0) + 1 FROM plan_priorities WHERE version_id = $1),
                     $2, $3, $4, $5, $6, $7, $8) RETURNING id")
                .bind(version.0).bind(&p.title).bind(&p.rationale).bind(&dimensions)
                .bind(&p.over_limit_reason).bind(kind).bind(url).bind(note)
                .fetch_one(&mut *conn).await?;
            sqlx::query("UPDATE plan_priorities SET lineage = id WHERE id = $1")
                .bind(id).execute(&mut *conn).await?;
            id
        });
        Ok(PriorityId(id))
    }

    /// Rewrites a priority's words (its evidence and position stay).
    pub async fn update_priority(
        &self,
        tx: &mut Tx,
        id: PriorityId,
        p: &NewPriority,
    ) -> Result<(), StoreError> {
        let dimensions = p.dimensions.join(",");
        on_tx!(tx, conn => sqlx::query(
            "UPDATE plan_priorities SET title = $2, rationale = $3, dimensions = $4,
                 over_limit_reason = COALESCE($5, over_limit_reason) WHERE id = $1")
            .bind(id.0).bind(&p.title).bind(&p.rationale).bind(&dimensions).bind(&p.over_limit_reason)
            .execute(&mut *conn).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    pub async fn add_measure(
        &self,
        tx: &mut Tx,
        priority: PriorityId,
        m: &NewMeasure,
    ) -> Result<MeasureId, StoreError> {
        let id: i64 = on_tx!(tx, conn => {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO plan_measures (priority_id, name, spec, higher_is_better, target_lower, target_upper)
                 VALUES ($1, $2, $3, $4, $5, $6) RETURNING id")
                .bind(priority.0).bind(&m.name).bind(&m.spec).bind(m.higher_is_better)
                .bind(m.target_lower).bind(m.target_upper)
                .fetch_one(&mut *conn).await?;
            sqlx::query("UPDATE plan_measures SET lineage = id WHERE id = $1")
                .bind(id).execute(&mut *conn).await?;
            id
        });
        Ok(MeasureId(id))
    }

    /// Keeps a measure's baseline (captured when the plan is agreed).
    pub async fn set_baseline(
        &self,
        tx: &mut Tx,
        measure: MeasureId,
        value: &MeasureValue,
    ) -> Result<(), StoreError> {
        on_tx!(tx, conn => sqlx::query(
            "UPDATE plan_measures SET baseline_estimate = $2, baseline_lower = $3, baseline_upper = $4, baseline_n = $5 WHERE id = $1")
            .bind(measure.0).bind(value.estimate).bind(value.lower).bind(value.upper).bind(i64::from(value.n))
            .execute(&mut *conn).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    pub async fn add_action(
        &self,
        tx: &mut Tx,
        priority: PriorityId,
        a: &NewAction,
    ) -> Result<ActionId, StoreError> {
        let id: i64 = on_tx!(tx, conn => {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO plan_actions (priority_id, title, owner_id, starts_on, ends_on, budget,
                     hours_per_week, cpd_days, pattern, teacher_leader_id, leader_area)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id")
                .bind(priority.0).bind(&a.title).bind(a.owner.0).bind(&a.starts_on).bind(&a.ends_on)
                .bind(a.budget).bind(a.hours_per_week).bind(a.cpd_days).bind(&a.pattern)
                .bind(a.teacher_leader.map(|p| p.0)).bind(&a.leader_area)
                .fetch_one(&mut *conn).await?;
            sqlx::query("UPDATE plan_actions SET lineage = id WHERE id = $1")
                .bind(id).execute(&mut *conn).await?;
            id
        });
        self.set_people(tx, ActionId(id), &a.people).await?;
        Ok(ActionId(id))
    }

    pub async fn update_action(
        &self,
        tx: &mut Tx,
        id: ActionId,
        a: &NewAction,
    ) -> Result<(), StoreError> {
        on_tx!(tx, conn => sqlx::query(
            "UPDATE plan_actions SET title = $2, owner_id = $3, starts_on = $4, ends_on = $5, budget = $6,
                 hours_per_week = $7, cpd_days = $8, pattern = $9, teacher_leader_id = $10, leader_area = $11
             WHERE id = $1")
            .bind(id.0).bind(&a.title).bind(a.owner.0).bind(&a.starts_on).bind(&a.ends_on)
            .bind(a.budget).bind(a.hours_per_week).bind(a.cpd_days).bind(&a.pattern)
            .bind(a.teacher_leader.map(|p| p.0)).bind(&a.leader_area)
            .execute(&mut *conn).await.map(|r| r.rows_affected()))?;
        self.set_people(tx, id, &a.people).await
    }

    async fn set_people(
        &self,
        tx: &mut Tx,
        id: ActionId,
        people: &[PersonId],
    ) -> Result<(), StoreError> {
        let mut people = people.to_vec();
        people.sort_unstable();
        people.dedup();
        on_tx!(tx, conn => {
            sqlx::query("DELETE FROM plan_action_people WHERE action_id = $1")
                .bind(id.0).execute(&mut *conn).await?;
            for person in &people {
                sqlx::query("INSERT INTO plan_action_people (action_id, person_id) VALUES ($1, $2)")
                    .bind(id.0).bind(person.0).execute(&mut *conn).await?;
            }
        });
        Ok(())
    }

    /// A milestone (`milestone`) or a review date (`review`) of a priority.
    pub async fn add_milestone(
        &self,
        tx: &mut Tx,
        priority: PriorityId,
        kind: &str,
        due_on: &str,
        description: &str,
    ) -> Result<(), StoreError> {
        on_tx!(tx, conn => sqlx::query(
            "INSERT INTO plan_milestones (priority_id, kind, due_on, description) VALUES ($1, $2, $3, $4)")
            .bind(priority.0).bind(kind).bind(due_on).bind(description)
            .execute(&mut *conn).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// Something stopped to make room for the plan, and why.
    pub async fn add_stopped(
        &self,
        tx: &mut Tx,
        version: VersionId,
        what: &str,
        why: &str,
    ) -> Result<(), StoreError> {
        on_tx!(tx, conn => sqlx::query(
            "INSERT INTO plan_stopped (version_id, what, why) VALUES ($1, $2, $3)")
            .bind(version.0).bind(what).bind(why)
            .execute(&mut *conn).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    pub async fn add_review(
        &self,
        tx: &mut Tx,
        plan: PlanId,
        held_on: &str,
        evaluation: &str,
        by: PersonId,
    ) -> Result<ReviewId, StoreError> {
        let id: i64 = on_tx!(tx, conn => sqlx::query_scalar(
            "INSERT INTO plan_reviews (plan_id, held_on, evaluation, created_by) VALUES ($1, $2, $3, $4) RETURNING id")
            .bind(plan.0).bind(held_on).bind(evaluation).bind(by.0)
            .fetch_one(&mut *conn).await)?;
        Ok(ReviewId(id))
    }

    /// An action's progress at a review (replacing what was recorded before).
    pub async fn record_progress(
        &self,
        tx: &mut Tx,
        review: ReviewId,
        action_lineage: i64,
        progress: Progress,
        reason: Option<&str>,
        by: PersonId,
    ) -> Result<(), StoreError> {
        on_tx!(tx, conn => sqlx::query(
            "INSERT INTO plan_review_progress (review_id, action_lineage, progress, reason, recorded_by)
             VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (review_id, action_lineage) DO UPDATE SET progress = excluded.progress,
                 reason = excluded.reason, recorded_by = excluded.recorded_by")
            .bind(review.0).bind(action_lineage).bind(progress.as_str()).bind(reason).bind(by.0)
            .execute(&mut *conn).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// A measure's value at a review (replacing what was kept before).
    pub async fn record_review_measure(
        &self,
        tx: &mut Tx,
        review: ReviewId,
        measure_lineage: i64,
        value: &MeasureValue,
    ) -> Result<(), StoreError> {
        on_tx!(tx, conn => sqlx::query(
            "INSERT INTO plan_review_measures (review_id, measure_lineage, estimate, lower_bound, upper_bound, n)
             VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (review_id, measure_lineage) DO UPDATE SET estimate = excluded.estimate,
                 lower_bound = excluded.lower_bound, upper_bound = excluded.upper_bound, n = excluded.n")
            .bind(review.0).bind(measure_lineage).bind(value.estimate).bind(value.lower).bind(value.upper).bind(i64::from(value.n))
            .execute(&mut *conn).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// The evaluation of a review, rewritten (until it is signed off).
    pub async fn set_evaluation(
        &self,
        tx: &mut Tx,
        review: ReviewId,
        evaluation: &str,
    ) -> Result<(), StoreError> {
        on_tx!(tx, conn => sqlx::query(
            "UPDATE plan_reviews SET evaluation = $2 WHERE id = $1 AND signed_off_at IS NULL")
            .bind(review.0).bind(evaluation)
            .execute(&mut *conn).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// Signs a review off; a review already signed off stays as it was. Returns whether
    /// this call signed it.
    pub async fn sign_off(
        &self,
        tx: &mut Tx,
        review: ReviewId,
        by: PersonId,
    ) -> Result<bool, StoreError> {
        let now = self.store.now();
        let n = on_tx!(tx, conn => sqlx::query(
            "UPDATE plan_reviews SET signed_off_by = $2, signed_off_at = $3 WHERE id = $1 AND signed_off_at IS NULL")
            .bind(review.0).bind(by.0).bind(now)
            .execute(&mut *conn).await.map(|r| r.rows_affected()))?;
        Ok(n == 1)
    }

    /// Whether a review has been signed off (and so takes no more progress).
    pub async fn is_signed_off(&self, tx: &mut Tx, review: ReviewId) -> Result<bool, StoreError> {
        let at: Option<Option<i64>> = on_tx!(tx, conn => sqlx::query_scalar(
            "SELECT signed_off_at FROM plan_reviews WHERE id = $1")
            .bind(review.0).fetch_optional(&mut *conn).await)?;
        Ok(at.flatten().is_some())
    }

    /// A manual measure's reading, with its evidence.
    pub async fn add_reading(
        &self,
        tx: &mut Tx,
        plan: PlanId,
        reading: &NewReading,
        by: PersonId,
    ) -> Result<(), StoreError> {
        on_tx!(tx, conn => sqlx::query(
            "INSERT INTO plan_measure_readings (plan_id, measure_lineage, taken_on, value, evidence, recorded_by)
             VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(plan.0).bind(reading.measure_lineage).bind(&reading.taken_on).bind(reading.value)
            .bind(&reading.evidence).bind(by.0)
            .execute(&mut *conn).await.map(|r| r.rows_affected()))?;
        Ok(())
    }
}
