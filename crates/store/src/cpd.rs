//! Each member of staff's CPD log, and the counts leaders see instead of it. The rules —
//! what an activity must hold, who reads it, what of the counts may be shown — are
//! `domain::cpd`'s and `app::cpd`'s; this module stores, and reads back either one
//! person's own log or, for the summaries, only what they count (person, minutes,
//! priority lineage, strands): no title or reflection ever reaches a leader's page.

use std::collections::BTreeMap;

use crate::planning::PriorityId;
use crate::tx::Tx;
use crate::{Store, StoreError, on_pool, on_tx};
use headway_domain::cpd::Kind;
use headway_domain::cpd::Participation;
use headway_domain::cpd::summary::{Counted, Focused};
use headway_domain::ids::{PersonId, SchoolId};
use headway_domain::observation::Kind as ObservationKind;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ActivityId(pub i64);

/// An activity as written (checked by `domain::cpd::Draft::check`). Dates are ISO-8601.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewActivity {
    pub school: SchoolId,
    pub person: PersonId,
    pub kind: Kind,
    pub title: String,
    pub occurred_on: String,
    pub minutes: u32,
    pub priority: Option<PriorityId>,
    pub led_by: Option<PersonId>,
    pub reflection: String,
    pub framework: String,
    pub framework_version: i64,
    pub strands: Vec<String>,
}

/// A stored activity with the names of the priority and the person who led it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Activity {
    pub id: ActivityId,
    pub school: SchoolId,
    pub person: PersonId,
    pub kind: Kind,
    pub title: String,
    pub occurred_on: String,
    pub minutes: u32,
    pub priority: Option<(PriorityId, String)>,
    /// The lineage of its priority, the same in every version of the plan.
    pub priority_lineage: Option<i64>,
    pub led_by: Option<(PersonId, String)>,
    pub reflection: String,
    pub strands: Vec<String>,
}

#[derive(sqlx::FromRow)]
struct ActivityRow {
    id: i64,
    school_id: i64,
    person_id: i64,
    kind: String,
    title: String,
    occurred_on: String,
    minutes: i64,
    priority_id: Option<i64>,
    priority_title: Option<String>,
    priority_lineage: Option<i64>,
    led_by: Option<i64>,
    led_by_name: Option<String>,
    reflection: String,
}

impl ActivityRow {
    fn into_activity(self, strands: Vec<String>) -> Result<Activity, StoreError> {
        Ok(Activity {
            id: ActivityId(self.id),
            school: SchoolId(self.school_id),
            person: PersonId(self.person_id),
            kind: Kind::parse(&self.kind)
                .ok_or_else(|| StoreError::Corrupt(format!("CPD kind '{}'", self.kind)))?,
            title: self.title,
            occurred_on: self.occurred_on,
            minutes: u32::try_from(self.minutes)
                .map_err(|_| StoreError::Corrupt(format!("CPD minutes {}", self.minutes)))?,
            priority: self
                .priority_id
                .map(|id| (PriorityId(id), self.priority_title.unwrap_or_default())),
            priority_lineage: self.priority_lineage,
            led_by: self
                .led_by
                .map(|id| (PersonId(id), self.led_by_name.unwrap_or_default())),
            reflection: self.reflection,
            strands,
        })
    }
}

const ACTIVITY_SELECT: &str = "SELECT a.id, a.school_id, a.person_id, a.kind, a.title,
        a.occurred_on, a.minutes, a.priority_id, pr.title AS priority_title,
        COALESCE(pr.lineage, pr.id) AS priority_lineage, a.led_by,
        l.display_name AS led_by_name, a.reflection
     FROM cpd_activities a
     LEFT JOIN plan_priorities pr ON pr.id = a.priority_id
     LEFT JOIN people l ON l.id = a.led_by";

#[derive(Clone, Copy)]
pub struct Cpd<'a> {
    store: &'a Store,
}

impl Store {
    pub fn cpd(&self) -> Cpd<'_> {
        Cpd { store: self }
    }
}

impl Cpd<'_> {
    // ---- reading ---------------------------------------------------------------------

    pub async fn get(&self, id: ActivityId) -> Result<Option<Activity>, StoreError> {
        let sql = format!("{ACTIVITY_SELECT} WHERE a.id = $1");
        let row = on_pool!(self.store, pool => sqlx::query_as::<_, ActivityRow>(sqlx::AssertSqlSafe(sql))
            .bind(id.0).fetch_optional(pool).await)?;
        let Some(row) = row else { return Ok(None) };
        let strands: Vec<String> = on_pool!(self.store, pool => sqlx::query_scalar(
            "SELECT strand FROM cpd_activity_strands WHERE activity_id = $1 ORDER BY strand")
            .bind(id.0).fetch_all(pool).await)?;
        row.into_activity(strands).map(Some)
    }

    /// One person's log at a school, newest first.
    pub async fn log_of(
        &self,
        school: SchoolId,
        person: PersonId,
    ) -> Result<Vec<Activity>, StoreError> {
        let sql = format!(
            "{ACTIVITY_SELECT} WHERE a.school_id = $1 AND a.person_id = $2
             ORDER BY a.occurred_on DESC, a.id DESC"
        );
        let rows = on_pool!(self.store, pool => sqlx::query_as::<_, ActivityRow>(sqlx::AssertSqlSafe(sql))
            .bind(school.0).bind(person.0).fetch_all(pool).await)?;
        let strands: Vec<(i64, String)> = on_pool!(self.store, pool => sqlx::query_as(
            "SELECT s.activity_id, s.strand FROM cpd_activity_strands s
             JOIN cpd_activities a ON a.id = s.activity_id
             WHERE a.school_id = $1 AND a.person_id = $2 ORDER BY s.activity_id, s.strand")
            .bind(school.0).bind(person.0).fetch_all(pool).await)?;
        let mut by_activity: BTreeMap<i64, Vec<String>> = BTreeMap::new();
        for (id, strand) in strands {
            by_activity.entry(id).or_default().push(strand);
        }
        rows.into_iter()
            .map(|r| {
                let strands = by_activity.remove(&r.id).unwrap_or_default();
                r.into_activity(strands)
            })
            .collect()
    }

    /// Every activity of a school dated from `from` to `to` (inclusive, ISO dates) as the
    /// summaries count it: person, minutes, the lineage of its priority, its strands.
    pub async fn counted(
        &self,
        school: SchoolId,
        from: &str,
        to: &str,
    ) -> Result<Vec<Counted>, StoreError> {
        let rows: Vec<(i64, i64, i64, Option<i64>)> = on_pool!(self.store, pool => sqlx::query_as(
            "SELECT a.id, a.person_id, a.minutes, COALESCE(pr.lineage, pr.id)
             FROM cpd_activities a LEFT JOIN plan_priorities pr ON pr.id = a.priority_id
             WHERE a.school_id = $1 AND a.occurred_on >= $2 AND a.occurred_on <= $3
             ORDER BY a.id")
            .bind(school.0).bind(from).bind(to).fetch_all(pool).await)?;
        let strands: Vec<(i64, String)> = on_pool!(self.store, pool => sqlx::query_as(
            "SELECT s.activity_id, s.strand FROM cpd_activity_strands s
             JOIN cpd_activities a ON a.id = s.activity_id
             WHERE a.school_id = $1 AND a.occurred_on >= $2 AND a.occurred_on <= $3
             ORDER BY s.activity_id, s.strand")
            .bind(school.0).bind(from).bind(to).fetch_all(pool).await)?;
        let mut by_activity: BTreeMap<i64, Vec<String>> = BTreeMap::new();
        for (id, strand) in strands {
            by_activity.entry(id).or_default().push(strand);
        }
        rows.into_iter()
            .map(|(id, person, minutes, priority)| {
                Ok(Counted {
                    person: PersonId(person),
                    minutes: u32::try_from(minutes)
                        .map_err(|_| StoreError::Corrupt(format!("CPD minutes {minutes}")))?,
                    priority,
                    strands: by_activity.remove(&id).unwrap_or_default(),
                })
            })
            .collect()
    }

    /// Each observation of a school as a priority's page counts it: strand, teacher, kind
    /// and the lineage of the priority it focused on. (Read here, beside the CPD counts the
    /// same page shows; the records themselves are `observation`'s.)
    pub async fn observation_focus(&self, school: SchoolId) -> Result<Vec<Focused>, StoreError> {
        let rows: Vec<(String, i64, String, Option<i64>)> = on_pool!(self.store, pool => sqlx::query_as(
            "SELECT o.strand, o.teacher_id, o.kind, COALESCE(pr.lineage, pr.id)
             FROM observations o LEFT JOIN plan_priorities pr ON pr.id = o.priority_id
             WHERE o.school_id = $1 ORDER BY o.id")
            .bind(school.0).fetch_all(pool).await)?;
        rows.into_iter()
            .map(|(strand, teacher, kind, priority)| {
                Ok(Focused {
                    strand,
                    teacher: PersonId(teacher),
                    kind: ObservationKind::parse(&kind)
                        .ok_or_else(|| StoreError::Corrupt(format!("observation kind '{kind}'")))?,
                    priority,
                })
            })
            .collect()
    }

    /// A person's part in teacher learning at a school from `from` to `to` (inclusive, ISO
    /// dates). An inquiry group (triad) counts when the person is a member and the group
    /// taught one of its planned lessons in the period.
    pub async fn participation(
        &self,
        school: SchoolId,
        person: PersonId,
        from: &str,
        to: &str,
    ) -> Result<Participation, StoreError> {
        let count = |sql: &'static str| async move {
            let n: i64 = on_pool!(self.store, pool => sqlx::query_scalar(sql)
                .bind(school.0).bind(person.0).bind(from).bind(to).fetch_one(pool).await)?;
            Ok::<u32, StoreError>(u32::try_from(n).unwrap_or(u32::MAX))
        };
        let observing = count(
            "SELECT COUNT(*) FROM observations WHERE school_id = $1 AND observer_id = $2
               AND teacher_id <> $2 AND observed_on >= $3 AND observed_on <= $4",
        )
        .await?;
        let observed = count(
            "SELECT COUNT(*) FROM observations WHERE school_id = $1 AND teacher_id = $2
               AND observer_id <> $2 AND observed_on >= $3 AND observed_on <= $4",
        )
        .await?;
        let cpd_sessions_led = count(
            "SELECT COUNT(*) FROM (SELECT DISTINCT occurred_on, title FROM cpd_activities
               WHERE school_id = $1 AND led_by = $2 AND occurred_on >= $3 AND occurred_on <= $4) sessions",
        )
        .await?;
        let own: Vec<i64> = on_pool!(self.store, pool => sqlx::query_scalar(
            "SELECT minutes FROM cpd_activities WHERE school_id = $1 AND person_id = $2
               AND occurred_on >= $3 AND occurred_on <= $4")
            .bind(school.0).bind(person.0).bind(from).bind(to).fetch_all(pool).await)?;
        let triads = count(
            "SELECT COUNT(DISTINCT i.id) FROM inquiries i
               JOIN inquiry_members m ON m.inquiry_id = i.id
               WHERE i.school_id = $1 AND m.person_id = $2
                 AND EXISTS (SELECT 1 FROM inquiry_lessons l WHERE l.inquiry_id = i.id
                               AND l.taught_on >= $3 AND l.taught_on <= $4)",
        )
        .await?;
        Ok(Participation {
            observing,
            observed,
            cpd_sessions_led,
            own_cpd_activities: own.len() as u32,
            own_cpd_minutes: own.iter().map(|m| u32::try_from(*m).unwrap_or(0)).sum(),
            triads: Some(triads),
        })
    }

    // ---- writing ---------------------------------------------------------------------

    pub async fn add(&self, tx: &mut Tx, new: &NewActivity) -> Result<ActivityId, StoreError> {
        let at = self.store.now();
        let id: i64 = on_tx!(tx, conn => sqlx::query_scalar(
            "INSERT INTO cpd_activities (school_id, person_id, kind, title, occurred_on, minutes,
                priority_id, led_by, reflection, framework, framework_version, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12)
             RETURNING id")
            .bind(new.school.0)
            .bind(new.person.0)
            .bind(new.kind.as_str())
            .bind(&new.title)
            .bind(&new.occurred_on)
            .bind(i64::from(new.minutes))
            .bind(new.priority.map(|p| p.0))
            .bind(new.led_by.map(|p| p.0))
            .bind(&new.reflection)
            .bind(&new.framework)
            .bind(new.framework_version)
            .bind(at)
            .fetch_one(&mut *conn)
            .await)?;
        self.set_strands(tx, ActivityId(id), &new.strands).await?;
        Ok(ActivityId(id))
    }

    /// Rewrites an activity (its school and person stay as they were).
    pub async fn update(
        &self,
        tx: &mut Tx,
        id: ActivityId,
        new: &NewActivity,
    ) -> Result<(), StoreError> {
        let at = self.store.now();
        on_tx!(tx, conn => sqlx::query(
            "UPDATE cpd_activities SET kind = $1, title = $2, occurred_on = $3, minutes = $4,
                priority_id = $5, led_by = $6, reflection = $7, framework = $8,
                framework_version = $9, updated_at = $10
             WHERE id = $11")
            .bind(new.kind.as_str())
            .bind(&new.title)
            .bind(&new.occurred_on)
            .bind(i64::from(new.minutes))
            .bind(new.priority.map(|p| p.0))
            .bind(new.led_by.map(|p| p.0))
            .bind(&new.reflection)
            .bind(&new.framework)
            .bind(new.framework_version)
            .bind(at)
            .bind(id.0)
            .execute(&mut *conn)
            .await
            .map(|r| r.rows_affected()))?;
        self.set_strands(tx, id, &new.strands).await
    }

    pub async fn remove(&self, tx: &mut Tx, id: ActivityId) -> Result<(), StoreError> {
        on_tx!(tx, conn => {
            sqlx::query("DELETE FROM cpd_activity_strands WHERE activity_id = $1")
                .bind(id.0).execute(&mut *conn).await?;
            sqlx::query("DELETE FROM cpd_activities WHERE id = $1")
                .bind(id.0).execute(&mut *conn).await.map(|r| r.rows_affected())
        })?;
        Ok(())
    }

    async fn set_strands(
        &self,
        tx: &mut Tx,
        id: ActivityId,
        strands: &[String],
    ) -> Result<(), StoreError> {
        on_tx!(tx, conn => sqlx::query("DELETE FROM cpd_activity_strands WHERE activity_id = $1")
            .bind(id.0).execute(&mut *conn).await.map(|r| r.rows_affected()))?;
        for strand in strands {
            on_tx!(tx, conn => sqlx::query(
                "INSERT INTO cpd_activity_strands (activity_id, strand) VALUES ($1, $2)")
                .bind(id.0).bind(strand).execute(&mut *conn).await.map(|r| r.rows_affected()))?;
        }
        Ok(())
    }
}
