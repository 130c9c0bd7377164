//! Inquiry groups (learning triads): the group and its question, the lessons it plans, the
//! peer observations it links, its working notes and findings, and when it shared them.
//! Who may read or write any of it is `domain::inquiry`'s and `app::inquiry`'s; this
//! module stores and reads back.

use crate::observation::ObservationId;
use crate::planning::PriorityId;
use crate::tx::Tx;
use crate::{Store, StoreError, on_pool, on_tx};
use headway_domain::ids::{ClassId, PersonId, SchoolId};
use headway_domain::inquiry::InquiryFacts;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct InquiryId(pub i64);

/// An inquiry as its group starts it (checked by `domain::inquiry::Draft::check`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewInquiry {
    pub school: SchoolId,
    pub question: String,
    pub framework: String,
    pub strand: String,
    pub priority: Option<PriorityId>,
    pub members: Vec<PersonId>,
    pub started_by: PersonId,
}

/// A stored inquiry with its members' names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inquiry {
    pub id: InquiryId,
    pub school: SchoolId,
    pub question: String,
    pub framework: String,
    pub strand: String,
    pub priority: Option<(PriorityId, String)>,
    pub notes: String,
    pub findings: String,
    /// When the group shared its findings with the school (seconds since 1970).
    pub shared_at: Option<i64>,
    pub started_by: PersonId,
    pub created_at: i64,
    /// (person, name), by name.
    pub members: Vec<(PersonId, String)>,
}

impl Inquiry {
    /// What the access policy needs to decide who reads this inquiry.
    pub fn facts(&self) -> InquiryFacts {
        InquiryFacts {
            school: self.school,
            members: self.members.iter().map(|(p, _)| *p).collect(),
            findings_shared: self.shared_at.is_some(),
        }
    }
}

#[derive(sqlx::FromRow)]
struct InquiryRow {
    id: i64,
    school_id: i64,
    question: String,
    framework: String,
    strand: String,
    priority_id: Option<i64>,
    priority_title: Option<String>,
    notes: String,
    findings: String,
    shared_at: Option<i64>,
    started_by: i64,
    created_at: i64,
}

impl InquiryRow {
    fn into_inquiry(self, members: Vec<(PersonId, String)>) -> Inquiry {
        Inquiry {
            id: InquiryId(self.id),
            school: SchoolId(self.school_id),
            question: self.question,
            framework: self.framework,
            strand: self.strand,
            priority: self
                .priority_id
                .map(|id| (PriorityId(id), self.priority_title.unwrap_or_default())),
            notes: self.notes,
            findings: self.findings,
            shared_at: self.shared_at,
            started_by: PersonId(self.started_by),
            created_at: self.created_at,
            members,
        }
    }
}

const INQUIRY_SELECT: &str = "SELECT i.id, i.school_id, i.question, i.framework, i.strand,
        i.priority_id, pr.title AS priority_title, i.notes, i.findings, i.shared_at,
        i.started_by, i.created_at
     FROM inquiries i
     LEFT JOIN plan_priorities pr ON pr.id = i.priority_id";

/// A lesson the group planned, with its class's subject and year (for the evidence).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Lesson {
    pub id: i64,
    pub taught_on: String,
    pub class_id: i64,
    pub class_name: String,
    pub subject_id: Option<i64>,
    pub year_id: i64,
    pub teacher_id: i64,
    pub teacher_name: String,
    pub tried: String,
}

/// A lesson as planned (checked by `domain::inquiry::LessonDraft::check`); the date is
/// ISO-8601.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewLesson {
    pub taught_on: String,
    pub class: ClassId,
    pub teacher: PersonId,
    pub tried: String,
}

#[derive(Clone, Copy)]
pub struct Inquiries<'a> {
    store: &'a Store,
}

impl Store {
    pub fn inquiries(&self) -> Inquiries<'_> {
        Inquiries { store: self }
    }
}

impl Inquiries<'_> {
    // ---- reading ---------------------------------------------------------------------

    /// Every member of every inquiry of a school: (inquiry, person, name), by name.
    async fn members_in(&self, school: SchoolId) -> Result<Vec<(i64, i64, String)>, StoreError> {
        Ok(on_pool!(self.store, pool => sqlx::query_as(
            "SELECT m.inquiry_id, p.id, p.display_name FROM inquiry_members m
             JOIN inquiries i ON i.id = m.inquiry_id
             JOIN people p ON p.id = m.person_id
             WHERE i.school_id = $1
             ORDER BY p.display_name, p.id")
            .bind(school.0).fetch_all(pool).await)?)
    }

    /// A school's inquiries, newest first, each with its members.
    pub async fn list(&self, school: SchoolId) -> Result<Vec<Inquiry>, StoreError> {
        let sql = format!(
            "{INQUIRY_SELECT} WHERE i.school_id = $1 ORDER BY i.created_at DESC, i.id DESC"
        );
        let rows = on_pool!(self.store, pool => sqlx::query_as::<_, InquiryRow>(sqlx::AssertSqlSafe(sql))
            .bind(school.0).fetch_all(pool).await)?;
        let members = self.members_in(school).await?;
        Ok(rows
            .into_iter()
            .map(|row| {
                let of_this = members
                    .iter()
                    .filter(|(inquiry, _, _)| *inquiry == row.id)
                    .map(|(_, p, n)| (PersonId(*p), n.clone()))
                    .collect();
                row.into_inquiry(of_this)
            })
            .collect())
    }

    pub async fn get(&self, id: InquiryId) -> Result<Option<Inquiry>, StoreError> {
        let sql = format!("{INQUIRY_SELECT} WHERE i.id = $1");
        let Some(row) = on_pool!(self.store, pool => sqlx::query_as::<_, InquiryRow>(sqlx::AssertSqlSafe(sql))
            .bind(id.0).fetch_optional(pool).await)?
        else {
            return Ok(None);
        };
        let members: Vec<(i64, String)> = on_pool!(self.store, pool => sqlx::query_as(
            "SELECT p.id, p.display_name FROM inquiry_members m JOIN people p ON p.id = m.person_id
             WHERE m.inquiry_id = $1 ORDER BY p.display_name, p.id")
            .bind(id.0).fetch_all(pool).await)?;
        Ok(Some(row.into_inquiry(
            members.into_iter().map(|(p, n)| (PersonId(p), n)).collect(),
        )))
    }

    /// The lessons an inquiry planned, in date order.
    pub async fn lessons(&self, id: InquiryId) -> Result<Vec<Lesson>, StoreError> {
        Ok(on_pool!(self.store, pool => sqlx::query_as::<_, Lesson>(
            "SELECT l.id, l.taught_on, l.class_id, c.name AS class_name, c.subject_id, c.year_id,
                    l.teacher_id, p.display_name AS teacher_name, l.tried
             FROM inquiry_lessons l
             JOIN classes c ON c.id = l.class_id
             JOIN people p ON p.id = l.teacher_id
             WHERE l.inquiry_id = $1
             ORDER BY l.taught_on, l.id")
            .bind(id.0).fetch_all(pool).await)?)
    }

    /// The observations linked to an inquiry, in the order they were linked.
    pub async fn observations(&self, id: InquiryId) -> Result<Vec<ObservationId>, StoreError> {
        let ids: Vec<i64> = on_pool!(self.store, pool => sqlx::query_scalar(
            "SELECT observation_id FROM inquiry_observations WHERE inquiry_id = $1 ORDER BY observation_id")
            .bind(id.0).fetch_all(pool).await)?;
        Ok(ids.into_iter().map(ObservationId).collect())
    }

    /// The people of a school who may join an inquiry (those who teach or lead teaching),
    /// by name.
    pub async fn eligible_members(
        &self,
        school: SchoolId,
    ) -> Result<Vec<(PersonId, String)>, StoreError> {
        let rows: Vec<(i64, String)> = on_pool!(self.store, pool => sqlx::query_as(
            "SELECT DISTINCT p.id, p.display_name FROM role_assignments ra JOIN people p ON p.id = ra.person_id
             WHERE ra.org_id = $1 AND ra.role IN ('head', 'senior_leader', 'middle_leader', 'teacher')
             ORDER BY p.display_name, p.id")
            .bind(school.0).fetch_all(pool).await)?;
        Ok(rows
            .into_iter()
            .map(|(id, name)| (PersonId(id), name))
            .collect())
    }

    // ---- writing ---------------------------------------------------------------------

    pub async fn create(&self, tx: &mut Tx, new: &NewInquiry) -> Result<InquiryId, StoreError> {
        let at = self.store.now();
        let id: i64 = on_tx!(tx, conn => sqlx::query_scalar(
            "INSERT INTO inquiries (school_id, question, framework, strand, priority_id, notes,
                findings, shared_at, started_by, created_at)
             VALUES ($1, $2, $3, $4, $5, '', '', NULL, $6, $7)
             RETURNING id")
            .bind(new.school.0)
            .bind(&new.question)
            .bind(&new.framework)
            .bind(&new.strand)
            .bind(new.priority.map(|p| p.0))
            .bind(new.started_by.0)
            .bind(at)
            .fetch_one(&mut *conn)
            .await)?;
        for member in &new.members {
            on_tx!(tx, conn => sqlx::query(
                "INSERT INTO inquiry_members (inquiry_id, person_id) VALUES ($1, $2)")
                .bind(id)
                .bind(member.0)
                .execute(&mut *conn)
                .await
                .map(|r| r.rows_affected()))?;
        }
        Ok(InquiryId(id))
    }

    pub async fn add_lesson(
        &self,
        tx: &mut Tx,
        inquiry: InquiryId,
        lesson: &NewLesson,
    ) -> Result<i64, StoreError> {
        let at = self.store.now();
        Ok(on_tx!(tx, conn => sqlx::query_scalar(
            "INSERT INTO inquiry_lessons (inquiry_id, taught_on, class_id, teacher_id, tried, created_at)
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id")
            .bind(inquiry.0)
            .bind(&lesson.taught_on)
            .bind(lesson.class.0)
            .bind(lesson.teacher.0)
            .bind(&lesson.tried)
            .bind(at)
            .fetch_one(&mut *conn)
            .await)?)
    }

    /// Links an observation to an inquiry; linking it again changes nothing.
    pub async fn link_observation(
        &self,
        tx: &mut Tx,
        inquiry: InquiryId,
        observation: ObservationId,
    ) -> Result<(), StoreError> {
        on_tx!(tx, conn => sqlx::query(
            "INSERT INTO inquiry_observations (inquiry_id, observation_id) VALUES ($1, $2)
             ON CONFLICT (inquiry_id, observation_id) DO NOTHING")
            .bind(inquiry.0)
            .bind(observation.0)
            .execute(&mut *conn)
            .await
            .map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// Saves the working notes and findings. Findings emptied are no longer shared.
    pub async fn save_writing(
        &self,
        tx: &mut Tx,
        inquiry: InquiryId,
        notes: &str,
        findings: &str,
    ) -> Result<(), StoreError> {
        on_tx!(tx, conn => sqlx::query(
            "UPDATE inquiries SET notes = $1, findings = $2,
                    shared_at = CASE WHEN $2 = '' THEN NULL ELSE shared_at END
             WHERE id = $3")
            .bind(notes)
            .bind(findings)
            .bind(inquiry.0)
            .execute(&mut *conn)
            .await
            .map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// Shares the findings with the school as of `at` (`None`: stops sharing). Returns
    /// whether anything changed: findings not yet written are not shared.
    pub async fn share_findings(
        &self,
        tx: &mut Tx,
        inquiry: InquiryId,
        at: Option<i64>,
    ) -> Result<bool, StoreError> {
        let changed = on_tx!(tx, conn => sqlx::query(
            "UPDATE inquiries SET shared_at = $1 WHERE id = $2 AND findings <> ''")
            .bind(at)
            .bind(inquiry.0)
            .execute(&mut *conn)
            .await
            .map(|r| r.rows_affected()))?;
        Ok(changed > 0)
    }
}
