//! Observations and each school's policy on who reads them. The rules — who may read a
//! record, what a record must hold — are `domain::observation`'s and the use cases' in
//! `app::observation`; this module stores, and reads back by the reader's relation to a
//! record (about them, written by them, shared with them), so a list never holds a record
//! its reader has no relation to.

use crate::tx::Tx;
use crate::{Store, StoreError, on_pool, on_tx};
use headway_domain::ids::{ClassId, PersonId, SchoolId, SubjectId};
use headway_domain::observation::summary::Counted;
use headway_domain::observation::{Kind, RecordFacts, RecordPolicy};

use crate::planning::PriorityId;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ObservationId(pub i64);

/// An observation as written (checked by `domain::observation::record::Draft::check`).
/// Dates are ISO-8601 (`2026-01-12`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewObservation {
    pub school: SchoolId,
    pub kind: Kind,
    pub observed_on: String,
    pub class: ClassId,
    pub teacher: PersonId,
    pub observer: PersonId,
    pub framework: String,
    pub framework_version: i64,
    pub strand: String,
    pub priority: Option<PriorityId>,
    pub evidence: String,
    pub strengths: String,
    pub action_step: Option<String>,
    pub revisit_on: Option<String>,
}

/// A stored observation with the names of the people, class and priority it mentions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Observation {
    pub id: ObservationId,
    pub school: SchoolId,
    pub kind: Kind,
    pub observed_on: String,
    pub class: ClassId,
    pub class_name: String,
    pub teacher: PersonId,
    pub teacher_name: String,
    pub observer: PersonId,
    pub observer_name: String,
    pub framework: String,
    pub framework_version: i64,
    pub strand: String,
    pub priority: Option<(PriorityId, String)>,
    pub evidence: String,
    pub strengths: String,
    pub action_step: Option<String>,
    pub revisit_on: Option<String>,
    pub coach: Option<(PersonId, String)>,
    pub created_at: i64,
}

impl Observation {
    /// What the access policy needs to decide who reads this record.
    pub fn facts(&self, policy: RecordPolicy) -> RecordFacts {
        RecordFacts {
            school: self.school,
            kind: self.kind,
            teacher: self.teacher,
            observer: self.observer,
            coach: self.coach.as_ref().map(|(id, _)| *id),
            policy,
        }
    }
}

#[derive(sqlx::FromRow)]
struct ObservationRow {
    id: i64,
    school_id: i64,
    kind: String,
    observed_on: String,
    class_id: i64,
    class_name: String,
    teacher_id: i64,
    teacher_name: String,
    observer_id: i64,
    observer_name: String,
    framework: String,
    framework_version: i64,
    strand: String,
    priority_id: Option<i64>,
    priority_title: Option<String>,
    evidence: String,
    strengths: String,
    action_step: Option<String>,
    revisit_on: Option<String>,
    coach_id: Option<i64>,
    coach_name: Option<String>,
    created_at: i64,
}

impl TryFrom<ObservationRow> for Observation {
    type Error = StoreError;
    fn try_from(r: ObservationRow) -> Result<Self, StoreError> {
        Ok(Observation {
            id: ObservationId(r.id),
            school: SchoolId(r.school_id),
            kind: Kind::parse(&r.kind)
                .ok_or_else(|| StoreError::Corrupt(format!("observation kind '{}'", r.kind)))?,
            observed_on: r.observed_on,
            class: ClassId(r.class_id),
            class_name: r.class_name,
            teacher: PersonId(r.teacher_id),
            teacher_name: r.teacher_name,
            observer: PersonId(r.observer_id),
            observer_name: r.observer_name,
            framework: r.framework,
            framework_version: r.framework_version,
            strand: r.strand,
            priority: r
                .priority_id
                .map(|id| (PriorityId(id), r.priority_title.unwrap_or_default())),
            evidence: r.evidence,
            strengths: r.strengths,
            action_step: r.action_step,
            revisit_on: r.revisit_on,
            coach: r
                .coach_id
                .map(|id| (PersonId(id), r.coach_name.unwrap_or_default())),
            created_at: r.created_at,
        })
    }
}

const OBSERVATION_SELECT: &str = "SELECT o.id, o.school_id, o.kind, o.observed_on, o.class_id,
        c.name AS class_name, o.teacher_id, t.display_name AS teacher_name, o.observer_id,
        w.display_name AS observer_name, o.framework, o.framework_version, o.strand,
        o.priority_id, pr.title AS priority_title, o.evidence, o.strengths, o.action_step,
        o.revisit_on, o.coach_id, h.display_name AS coach_name, o.created_at
     FROM observations o
     JOIN classes c ON c.id = o.class_id
     JOIN people t ON t.id = o.teacher_id
     JOIN people w ON w.id = o.observer_id
     LEFT JOIN people h ON h.id = o.coach_id
     LEFT JOIN plan_priorities pr ON pr.id = o.priority_id";

/// Whose records a list holds, by the reader's relation to them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    /// Records about this teacher.
    About(PersonId),
    /// Records this person wrote about a colleague (not their self-reflections).
    WrittenBy(PersonId),
    /// Records a teacher has shared with this person.
    SharedWith(PersonId),
    /// Developmental and peer observations, which a school's policy may open to its head
    /// and senior leaders.
    OpenToLeaders,
}

/// A class of a school with a teacher of it, for choosing what was observed.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Teaching {
    pub class_id: i64,
    pub class_name: String,
    pub teacher_id: i64,
    pub teacher_name: String,
}

#[derive(Clone, Copy)]
pub struct Observations<'a> {
    store: &'a Store,
}

impl Store {
    pub fn observations(&self) -> Observations<'_> {
        Observations { store: self }
    }
}

impl Observations<'_> {
    // ---- reading ---------------------------------------------------------------------

    /// The school's policy on leaders reading records (private unless the head set it).
    pub async fn policy(&self, school: SchoolId) -> Result<RecordPolicy, StoreError> {
        let stored: Option<String> = on_pool!(self.store, pool => sqlx::query_scalar(
            "SELECT policy FROM observation_policies WHERE school_id = $1")
            .bind(school.0).fetch_optional(pool).await)?;
        match stored {
            None => Ok(RecordPolicy::default()),
            Some(text) => RecordPolicy::parse(&text)
                .ok_or_else(|| StoreError::Corrupt(format!("observation policy '{text}'"))),
        }
    }

    pub async fn get(&self, id: ObservationId) -> Result<Option<Observation>, StoreError> {
        let sql = format!("{OBSERVATION_SELECT} WHERE o.id = $1");
        let row = on_pool!(self.store, pool => sqlx::query_as::<_, ObservationRow>(sqlx::AssertSqlSafe(sql))
            .bind(id.0).fetch_optional(pool).await)?;
        row.map(Observation::try_from).transpose()
    }

    /// A school's records in one relation to a person, newest first.
    pub async fn list(
        &self,
        school: SchoolId,
        relation: Relation,
    ) -> Result<Vec<Observation>, StoreError> {
        let (condition, person) = match relation {
            Relation::About(p) => ("o.teacher_id = $2", p.0),
            Relation::WrittenBy(p) => ("o.observer_id = $2 AND o.teacher_id <> $2", p.0),
            Relation::SharedWith(p) => ("o.coach_id = $2 AND o.kind <> 'learning_walk'", p.0),
            // Binds no person, but the query takes the same two parameters on both engines.
            Relation::OpenToLeaders => ("o.kind IN ('developmental', 'peer') AND $2 = $2", 0),
        };
        let sql = format!(
            "{OBSERVATION_SELECT} WHERE o.school_id = $1 AND {condition}
             ORDER BY o.observed_on DESC, o.id DESC"
        );
        let rows = on_pool!(self.store, pool => sqlx::query_as::<_, ObservationRow>(sqlx::AssertSqlSafe(sql))
            .bind(school.0).bind(person).fetch_all(pool).await)?;
        rows.into_iter().map(Observation::try_from).collect()
    }

    /// Each record of a school as the summary by strand counts it: strand, teacher, kind.
    pub async fn counted(&self, school: SchoolId) -> Result<Vec<Counted>, StoreError> {
        let rows: Vec<(String, i64, String)> = on_pool!(self.store, pool => sqlx::query_as(
            "SELECT strand, teacher_id, kind FROM observations WHERE school_id = $1")
            .bind(school.0).fetch_all(pool).await)?;
        rows.into_iter()
            .map(|(strand, teacher, kind)| {
                Ok(Counted {
                    strand,
                    teacher: PersonId(teacher),
                    kind: Kind::parse(&kind)
                        .ok_or_else(|| StoreError::Corrupt(format!("observation kind '{kind}'")))?,
                })
            })
            .collect()
    }

    /// The classes of a school in its latest year with classes, each with its teachers.
    pub async fn teaching(&self, school: SchoolId) -> Result<Vec<Teaching>, StoreError> {
        Ok(on_pool!(self.store, pool => sqlx::query_as::<_, Teaching>(
            "SELECT c.id AS class_id, c.name AS class_name, p.id AS teacher_id, p.display_name AS teacher_name
             FROM classes c
             JOIN academic_years y ON y.id = c.year_id
             JOIN class_teachers ct ON ct.class_id = c.id
             JOIN people p ON p.id = ct.person_id
             WHERE c.school_id = $1
               AND y.starts_on = (SELECT MAX(y2.starts_on) FROM classes c2
                                  JOIN academic_years y2 ON y2.id = c2.year_id
                                  WHERE c2.school_id = $1)
             ORDER BY c.name, p.display_name, p.id")
            .bind(school.0).fetch_all(pool).await)?)
    }

    /// The departments of a school in its latest year with classes: (subject, teacher) for
    /// each teacher of a class of the subject, each pair once.
    pub async fn department_teachers(
        &self,
        school: SchoolId,
    ) -> Result<Vec<(SubjectId, PersonId)>, StoreError> {
        let rows: Vec<(i64, i64)> = on_pool!(self.store, pool => sqlx::query_as(
            "SELECT DISTINCT c.subject_id, ct.person_id
             FROM classes c
             JOIN academic_years y ON y.id = c.year_id
             JOIN class_teachers ct ON ct.class_id = c.id
             WHERE c.school_id = $1 AND c.subject_id IS NOT NULL
               AND y.starts_on = (SELECT MAX(y2.starts_on) FROM classes c2
                                  JOIN academic_years y2 ON y2.id = c2.year_id
                                  WHERE c2.school_id = $1)
             ORDER BY c.subject_id, ct.person_id")
            .bind(school.0).fetch_all(pool).await)?;
        Ok(rows
            .into_iter()
            .map(|(s, p)| (SubjectId(s), PersonId(p)))
            .collect())
    }

    // ---- writing ---------------------------------------------------------------------

    pub async fn add(
        &self,
        tx: &mut Tx,
        new: &NewObservation,
    ) -> Result<ObservationId, StoreError> {
        let at = self.store.now();
        let id: i64 = on_tx!(tx, conn => sqlx::query_scalar(
            "INSERT INTO observations (school_id, kind, observed_on, class_id, teacher_id,
                observer_id, framework, framework_version, strand, priority_id, evidence,
                strengths, action_step, revisit_on, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
             RETURNING id")
            .bind(new.school.0)
            .bind(new.kind.as_str())
            .bind(&new.observed_on)
            .bind(new.class.0)
            .bind(new.teacher.0)
            .bind(new.observer.0)
            .bind(&new.framework)
            .bind(new.framework_version)
            .bind(&new.strand)
            .bind(new.priority.map(|p| p.0))
            .bind(&new.evidence)
            .bind(&new.strengths)
            .bind(&new.action_step)
            .bind(&new.revisit_on)
            .bind(at)
            .fetch_one(&mut *conn)
            .await)?;
        Ok(ObservationId(id))
    }

    /// Shares a record with one colleague, or with nobody.
    pub async fn set_coach(
        &self,
        tx: &mut Tx,
        id: ObservationId,
        coach: Option<PersonId>,
    ) -> Result<(), StoreError> {
        on_tx!(tx, conn => sqlx::query("UPDATE observations SET coach_id = $1 WHERE id = $2")
            .bind(coach.map(|c| c.0))
            .bind(id.0)
            .execute(&mut *conn)
            .await
            .map(|r| r.rows_affected()))?;
        Ok(())
    }

    pub async fn set_policy(
        &self,
        tx: &mut Tx,
        school: SchoolId,
        policy: RecordPolicy,
        by: PersonId,
    ) -> Result<(), StoreError> {
        let at = self.store.now();
        on_tx!(tx, conn => sqlx::query(
            "INSERT INTO observation_policies (school_id, policy, changed_at, changed_by)
             VALUES ($1, $2, $3, $4)
             ON CONFLICT (school_id) DO UPDATE
             SET policy = excluded.policy, changed_at = excluded.changed_at, changed_by = excluded.changed_by")
            .bind(school.0)
            .bind(policy.as_str())
            .bind(at)
            .bind(by.0)
            .execute(&mut *conn)
            .await
            .map(|r| r.rows_affected()))?;
        Ok(())
    }
}
