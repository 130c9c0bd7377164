//! Coaching cycles: the cycle with its goal and evaluation, the steps, reflections and
//! notes written in it, and the observations linked to it. Who may read a cycle and what
//! may be written are `domain::coaching`'s and `app::coaching`'s; this module stores, and
//! lists a person's cycles only by their part in them (coach or coachee), so a list never
//! holds a cycle its reader is not in.

use crate::observation::ObservationId;
use crate::planning::PriorityId;
use crate::tx::Tx;
use crate::{Store, StoreError, on_pool, on_tx};
use headway_domain::coaching::cycle::EntryKind;
use headway_domain::coaching::summary::Counted;
use headway_domain::coaching::{CycleFacts, Goal, GoalKind};
use headway_domain::ids::{PersonId, SchoolId};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CycleId(pub i64);

/// A cycle as opened (checked by `app::coaching`). Dates are ISO-8601 (`2025-09-15`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCycle {
    pub school: SchoolId,
    pub coach: PersonId,
    pub coachee: PersonId,
    pub goal: Goal,
    /// The framework or instrument the goal is drawn from, with its version
    /// (`observation v1`), or `plan` for a priority.
    pub goal_source: String,
    pub priority: Option<PriorityId>,
    pub opened_on: String,
    pub opened_by: PersonId,
}

/// The evaluation that closes a cycle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Closing {
    pub closed_on: String,
    pub what_changed: String,
    pub evidence: String,
    pub next: String,
}

/// A stored cycle with the names of its two people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cycle {
    pub id: CycleId,
    pub school: SchoolId,
    pub coach: PersonId,
    pub coach_name: String,
    pub coachee: PersonId,
    pub coachee_name: String,
    pub goal: Goal,
    pub goal_source: String,
    pub priority: Option<PriorityId>,
    pub opened_on: String,
    pub opened_by: PersonId,
    pub closing: Option<Closing>,
}

impl Cycle {
    /// What the access policy needs to decide who reads this cycle.
    pub fn facts(&self) -> CycleFacts {
        CycleFacts {
            school: self.school,
            coach: self.coach,
            coachee: self.coachee,
        }
    }

    pub fn is_open(&self) -> bool {
        self.closing.is_none()
    }
}

#[derive(sqlx::FromRow)]
struct CycleRow {
    id: i64,
    school_id: i64,
    coach_id: i64,
    coach_name: String,
    coachee_id: i64,
    coachee_name: String,
    goal_kind: String,
    goal: String,
    goal_source: String,
    priority_id: Option<i64>,
    opened_on: String,
    opened_by: i64,
    closed_on: Option<String>,
    what_changed: Option<String>,
    evidence: Option<String>,
    next_steps: Option<String>,
}

impl TryFrom<CycleRow> for Cycle {
    type Error = StoreError;
    fn try_from(r: CycleRow) -> Result<Self, StoreError> {
        let kind = GoalKind::parse(&r.goal_kind)
            .ok_or_else(|| StoreError::Corrupt(format!("coaching goal kind '{}'", r.goal_kind)))?;
        let closing = match (r.closed_on, r.what_changed, r.evidence, r.next_steps) {
            (Some(closed_on), Some(what_changed), Some(evidence), Some(next)) => Some(Closing {
                closed_on,
                what_changed,
                evidence,
                next,
            }),
            (None, None, None, None) => None,
            _ => {
                return Err(StoreError::Corrupt(format!(
                    "coaching cycle {} half closed",
                    r.id
                )));
            }
        };
        Ok(Cycle {
            id: CycleId(r.id),
            school: SchoolId(r.school_id),
            coach: PersonId(r.coach_id),
            coach_name: r.coach_name,
            coachee: PersonId(r.coachee_id),
            coachee_name: r.coachee_name,
            goal: Goal { kind, key: r.goal },
            goal_source: r.goal_source,
            priority: r.priority_id.map(PriorityId),
            opened_on: r.opened_on,
            opened_by: PersonId(r.opened_by),
            closing,
        })
    }
}

const CYCLE_SELECT: &str = "SELECT c.id, c.school_id, c.coach_id, h.display_name AS coach_name,
        c.coachee_id, e.display_name AS coachee_name, c.goal_kind, c.goal, c.goal_source,
        c.priority_id, c.opened_on, c.opened_by, c.closed_on, c.what_changed, c.evidence,
        c.next_steps
     FROM coaching_cycles c
     JOIN people h ON h.id = c.coach_id
     JOIN people e ON e.id = c.coachee_id";

/// A step, reflection or note as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEntry {
    pub cycle: CycleId,
    pub kind: EntryKind,
    pub author: PersonId,
    pub written_on: String,
    pub body: String,
    pub revisit_on: Option<String>,
}

/// A stored entry with its author's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub id: i64,
    pub kind: EntryKind,
    pub author: PersonId,
    pub author_name: String,
    pub written_on: String,
    pub body: String,
    pub revisit_on: Option<String>,
}

#[derive(sqlx::FromRow)]
struct EntryRow {
    id: i64,
    kind: String,
    author_id: i64,
    author_name: String,
    written_on: String,
    body: String,
    revisit_on: Option<String>,
}

#[derive(Clone, Copy)]
pub struct Coaching<'a> {
    store: &'a Store,
}

impl Store {
    pub fn coaching(&self) -> Coaching<'_> {
        Coaching { store: self }
    }
}

impl Coaching<'_> {
    // ---- reading ---------------------------------------------------------------------

    pub async fn get(&self, id: CycleId) -> Result<Option<Cycle>, StoreError> {
        let sql = format!("{CYCLE_SELECT} WHERE c.id = $1");
        let row = on_pool!(self.store, pool => sqlx::query_as::<_, CycleRow>(sqlx::AssertSqlSafe(sql))
            .bind(id.0).fetch_optional(pool).await)?;
        row.map(Cycle::try_from).transpose()
    }

    /// The cycles a person is coach or coachee in at a school, open ones first, newest
    /// first.
    pub async fn of_person(
        &self,
        school: SchoolId,
        person: PersonId,
    ) -> Result<Vec<Cycle>, StoreError> {
        let sql = format!(
            "{CYCLE_SELECT} WHERE c.school_id = $1 AND (c.coach_id = $2 OR c.coachee_id = $2)
             ORDER BY CASE WHEN c.closed_on IS NULL THEN 0 ELSE 1 END, c.opened_on DESC, c.id DESC"
        );
        let rows = on_pool!(self.store, pool => sqlx::query_as::<_, CycleRow>(sqlx::AssertSqlSafe(sql))
            .bind(school.0).bind(person.0).fetch_all(pool).await)?;
        rows.into_iter().map(Cycle::try_from).collect()
    }

    /// The cycles a person is coach or coachee in whose goal is a priority of the
    /// `lineage` (any version of it), newest first.
    pub async fn of_person_on_priority(
        &self,
        school: SchoolId,
        person: PersonId,
        lineage: i64,
    ) -> Result<Vec<Cycle>, StoreError> {
        let sql = format!(
            "{CYCLE_SELECT} WHERE c.school_id = $1 AND (c.coach_id = $2 OR c.coachee_id = $2)
               AND c.goal_kind = 'priority'
               AND c.priority_id IN (SELECT id FROM plan_priorities WHERE COALESCE(lineage, id) = $3)
             ORDER BY c.opened_on DESC, c.id DESC"
        );
        let rows = on_pool!(self.store, pool => sqlx::query_as::<_, CycleRow>(sqlx::AssertSqlSafe(sql))
            .bind(school.0).bind(person.0).bind(lineage).fetch_all(pool).await)?;
        rows.into_iter().map(Cycle::try_from).collect()
    }

    /// Each cycle of a school as the summary counts it: goal, coachee, open or not.
    pub async fn counted(&self, school: SchoolId) -> Result<Vec<Counted>, StoreError> {
        let rows: Vec<(String, String, i64, Option<String>)> = on_pool!(self.store, pool => sqlx::query_as(
            "SELECT goal_kind, goal, coachee_id, closed_on FROM coaching_cycles WHERE school_id = $1")
            .bind(school.0).fetch_all(pool).await)?;
        rows.into_iter()
            .map(|(kind, key, coachee, closed)| {
                Ok(Counted {
                    goal: GoalKind::parse(&kind).ok_or_else(|| {
                        StoreError::Corrupt(format!("coaching goal kind '{kind}'"))
                    })?,
                    key,
                    coachee: PersonId(coachee),
                    open: closed.is_none(),
                })
            })
            .collect()
    }

    /// The cycles of a school whose goal is a plan priority: (coachee, the priority's
    /// lineage, or `None` where the priority has since been removed).
    pub async fn on_priorities(
        &self,
        school: SchoolId,
    ) -> Result<Vec<(PersonId, Option<i64>)>, StoreError> {
        let rows: Vec<(i64, Option<i64>)> = on_pool!(self.store, pool => sqlx::query_as(
            "SELECT c.coachee_id, COALESCE(pr.lineage, pr.id)
             FROM coaching_cycles c LEFT JOIN plan_priorities pr ON pr.id = c.priority_id
             WHERE c.school_id = $1 AND c.goal_kind = 'priority' ORDER BY c.id")
            .bind(school.0).fetch_all(pool).await)?;
        Ok(rows
            .into_iter()
            .map(|(coachee, lineage)| (PersonId(coachee), lineage))
            .collect())
    }

    /// A cycle's steps, reflections and notes, in the order they were written.
    pub async fn entries(&self, cycle: CycleId) -> Result<Vec<Entry>, StoreError> {
        let rows = on_pool!(self.store, pool => sqlx::query_as::<_, EntryRow>(
            "SELECT n.id, n.kind, n.author_id, p.display_name AS author_name, n.written_on,
                    n.body, n.revisit_on
             FROM coaching_entries n JOIN people p ON p.id = n.author_id
             WHERE n.cycle_id = $1 ORDER BY n.written_on, n.id")
            .bind(cycle.0).fetch_all(pool).await)?;
        rows.into_iter()
            .map(|r| {
                Ok(Entry {
                    id: r.id,
                    kind: EntryKind::parse(&r.kind).ok_or_else(|| {
                        StoreError::Corrupt(format!("coaching entry kind '{}'", r.kind))
                    })?,
                    author: PersonId(r.author_id),
                    author_name: r.author_name,
                    written_on: r.written_on,
                    body: r.body,
                    revisit_on: r.revisit_on,
                })
            })
            .collect()
    }

    /// The observations linked to a cycle, in the order they were linked.
    pub async fn observations(&self, cycle: CycleId) -> Result<Vec<ObservationId>, StoreError> {
        let ids: Vec<i64> = on_pool!(self.store, pool => sqlx::query_scalar(
            "SELECT observation_id FROM coaching_observations WHERE cycle_id = $1
             ORDER BY linked_at, observation_id")
            .bind(cycle.0).fetch_all(pool).await)?;
        Ok(ids.into_iter().map(ObservationId).collect())
    }

    // ---- writing ---------------------------------------------------------------------

    pub async fn open(&self, tx: &mut Tx, new: &NewCycle) -> Result<CycleId, StoreError> {
        let at = self.store.now();
        let id: i64 = on_tx!(tx, conn => sqlx::query_scalar(
            "INSERT INTO coaching_cycles (school_id, coach_id, coachee_id, goal_kind, goal,
                goal_source, priority_id, opened_on, opened_by, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
             RETURNING id")
            .bind(new.school.0)
            .bind(new.coach.0)
            .bind(new.coachee.0)
            .bind(new.goal.kind.as_str())
            .bind(&new.goal.key)
            .bind(&new.goal_source)
            .bind(new.priority.map(|p| p.0))
            .bind(&new.opened_on)
            .bind(new.opened_by.0)
            .bind(at)
            .fetch_one(&mut *conn)
            .await)?;
        Ok(CycleId(id))
    }

    pub async fn add_entry(&self, tx: &mut Tx, new: &NewEntry) -> Result<i64, StoreError> {
        let at = self.store.now();
        let id: i64 = on_tx!(tx, conn => sqlx::query_scalar(
            "INSERT INTO coaching_entries (cycle_id, kind, author_id, written_on, body,
                revisit_on, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7)
             RETURNING id")
            .bind(new.cycle.0)
            .bind(new.kind.as_str())
            .bind(new.author.0)
            .bind(&new.written_on)
            .bind(&new.body)
            .bind(&new.revisit_on)
            .bind(at)
            .fetch_one(&mut *conn)
            .await)?;
        Ok(id)
    }

    /// Links an observation to a cycle; linking it twice changes nothing.
    pub async fn link(
        &self,
        tx: &mut Tx,
        cycle: CycleId,
        observation: ObservationId,
    ) -> Result<(), StoreError> {
        let at = self.store.now();
        on_tx!(tx, conn => sqlx::query(
            "INSERT INTO coaching_observations (cycle_id, observation_id, linked_at)
             VALUES ($1, $2, $3)
             ON CONFLICT (cycle_id, observation_id) DO NOTHING")
            .bind(cycle.0)
            .bind(observation.0)
            .bind(at)
            .execute(&mut *conn)
            .await
            .map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// Closes an open cycle with its evaluation: `false` if it was already closed.
    pub async fn close(
        &self,
        tx: &mut Tx,
        cycle: CycleId,
        closing: &Closing,
    ) -> Result<bool, StoreError> {
        let changed = on_tx!(tx, conn => sqlx::query(
            "UPDATE coaching_cycles SET closed_on = $1, what_changed = $2, evidence = $3,
                next_steps = $4
             WHERE id = $5 AND closed_on IS NULL")
            .bind(&closing.closed_on)
            .bind(&closing.what_changed)
            .bind(&closing.evidence)
            .bind(&closing.next)
            .bind(cycle.0)
            .execute(&mut *conn)
            .await
            .map(|r| r.rows_affected()))?;
        Ok(changed == 1)
    }
}
