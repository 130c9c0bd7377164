//! The roster: the organisation tree, schools, classes and their pupils, as home pages
//! and navigation read them. `store.roster()` is the view; imports write the roster
//! (see `imports`).

use crate::{Store, StoreError, on_pool};
use headway_domain::ids::{OrgId, PersonId, SchoolId};

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct OrgSummary {
    pub id: i64,
    pub kind: String,
    pub name: String,
    pub parent_id: Option<i64>,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SchoolSummary {
    pub id: i64,
    pub name: String,
    pub code: String,
    pub phase: String,
    pub number_on_roll: i64,
    pub fsm_share: f64,
    pub head_started_on: Option<time::Date>,
}

/// A subject's results at the school's latest final assessment.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SubjectHeadline {
    pub subject: String,
    pub year: String,
    pub pupils: i64,
    pub mean_score: f64,
    pub disadvantaged_pupils: i64,
    pub mean_score_disadvantaged: Option<f64>,
    pub mean_score_other: Option<f64>,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ClassSummary {
    pub id: i64,
    pub school_id: i64,
    pub name: String,
    pub subject: Option<String>,
    pub year: String,
    pub year_group: Option<i64>,
    pub pupils: i64,
}

const SCHOOL_COLUMNS: &str = "schools.org_id AS id, orgs.name, schools.code, schools.phase,
    schools.number_on_roll, schools.fsm_share, schools.head_started_on";

/// The roster's view of the store.
#[derive(Clone, Copy)]
pub struct Roster<'a> {
    store: &'a Store,
}

impl Store {
    pub fn roster(&self) -> Roster<'_> {
        Roster { store: self }
    }
}

impl Roster<'_> {
    /// How many schools and administrators the deployment has (a new deployment has
    /// neither until an import and `headway user add`; the home page says what to do).
    pub async fn deployment_status(&self) -> Result<(i64, i64), StoreError> {
        Ok(on_pool!(self.store, pool => sqlx::query_as(
            "SELECT (SELECT COUNT(*) FROM schools WHERE NOT is_reference_only),
                    (SELECT COUNT(*) FROM role_assignments WHERE role = 'administrator')")
            .fetch_one(pool).await)?)
    }

    pub async fn org(&self, org: OrgId) -> Result<Option<OrgSummary>, StoreError> {
        Ok(
            on_pool!(self.store, pool => sqlx::query_as::<_, OrgSummary>(
            "SELECT id, kind, name, parent_id FROM orgs WHERE id = $1")
            .bind(org.0)
            .fetch_optional(pool)
            .await)?,
        )
    }

    pub async fn school(&self, school: SchoolId) -> Result<Option<SchoolSummary>, StoreError> {
        let sql = format!(
            "SELECT {SCHOOL_COLUMNS} FROM schools JOIN orgs ON orgs.id = schools.org_id WHERE schools.org_id = $1"
        );
        Ok(
            on_pool!(self.store, pool => sqlx::query_as::<_, SchoolSummary>(sqlx::AssertSqlSafe(sql))
            .bind(school.0)
            .fetch_optional(pool)
            .await)?,
        )
    }

    /// The schools at or under an organisation, by name.
    pub async fn schools_under(&self, org: OrgId) -> Result<Vec<SchoolSummary>, StoreError> {
        let sql = format!(
            "WITH RECURSIVE tree(id) AS (
                 SELECT id FROM orgs WHERE id = $1
                 UNION ALL
                 SELECT orgs.id FROM orgs JOIN tree ON orgs.parent_id = tree.id)
             SELECT {SCHOOL_COLUMNS} FROM schools
             JOIN orgs ON orgs.id = schools.org_id
             JOIN tree ON tree.id = schools.org_id
             ORDER BY orgs.name"
        );
        Ok(
            on_pool!(self.store, pool => sqlx::query_as::<_, SchoolSummary>(sqlx::AssertSqlSafe(sql))
            .bind(org.0)
            .fetch_all(pool)
            .await)?,
        )
    }

    /// Per subject, the school's results at its latest final assessment, split by
    /// disadvantage (raw attainment; value added comes from the statistics engine).
    pub async fn subject_headlines(
        &self,
        school: SchoolId,
    ) -> Result<Vec<SubjectHeadline>, StoreError> {
        Ok(
            on_pool!(self.store, pool => sqlx::query_as::<_, SubjectHeadline>(
            "WITH latest AS (
                 SELECT ap.year_id FROM results r
                 JOIN assessment_points ap ON ap.id = r.assessment_point_id
                 JOIN pupils p ON p.id = r.pupil_id
                 WHERE p.school_id = $1 AND ap.kind = 'final'
                 ORDER BY ap.taken_on DESC LIMIT 1)
             SELECT s.name AS subject, y.name AS year,
                    COUNT(*) AS pupils,
                    AVG(r.score) AS mean_score,
                    SUM(CASE WHEN p.disadvantaged THEN 1 ELSE 0 END) AS disadvantaged_pupils,
                    AVG(CASE WHEN p.disadvantaged THEN r.score END) AS mean_score_disadvantaged,
                    AVG(CASE WHEN NOT p.disadvantaged THEN r.score END) AS mean_score_other
             FROM results r
             JOIN assessment_points ap ON ap.id = r.assessment_point_id
             JOIN academic_years y ON y.id = ap.year_id
             JOIN pupils p ON p.id = r.pupil_id
             JOIN subjects s ON s.id = r.subject_id
             WHERE p.school_id = $1 AND ap.kind = 'final' AND ap.year_id = (SELECT year_id FROM latest)
             GROUP BY s.name, y.name
             ORDER BY s.name")
            .bind(school.0)
            .fetch_all(pool)
            .await)?,
        )
    }

    /// The classes a person teaches in the latest year they teach, with pupil counts.
    pub async fn classes_taught_by(
        &self,
        person: PersonId,
    ) -> Result<Vec<ClassSummary>, StoreError> {
        Ok(
            on_pool!(self.store, pool => sqlx::query_as::<_, ClassSummary>(
            "SELECT c.id, c.school_id, c.name, s.name AS subject, y.name AS year, c.year_group,
                    (SELECT COUNT(*) FROM enrolments e WHERE e.class_id = c.id) AS pupils
             FROM class_teachers ct
             JOIN classes c ON c.id = ct.class_id
             JOIN academic_years y ON y.id = c.year_id
             LEFT JOIN subjects s ON s.id = c.subject_id
             WHERE ct.person_id = $1
               AND y.starts_on = (SELECT MAX(y2.starts_on) FROM class_teachers ct2
                                  JOIN classes c2 ON c2.id = ct2.class_id
                                  JOIN academic_years y2 ON y2.id = c2.year_id
                                  WHERE ct2.person_id = $1)
             ORDER BY c.year_group, c.name")
            .bind(person.0)
            .fetch_all(pool)
            .await)?,
        )
    }

    /// The organisations above schools a person holds a role at (their clusters, trusts…).
    pub async fn orgs_led_by(&self, person: PersonId) -> Result<Vec<OrgSummary>, StoreError> {
        Ok(
            on_pool!(self.store, pool => sqlx::query_as::<_, OrgSummary>(
            "SELECT DISTINCT o.id, o.kind, o.name, o.parent_id FROM role_assignments ra
             JOIN orgs o ON o.id = ra.org_id
             WHERE ra.person_id = $1 AND o.kind <> 'school'
             ORDER BY o.name")
            .bind(person.0)
            .fetch_all(pool)
            .await)?,
        )
    }
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ClassInfo {
    pub id: i64,
    pub school_id: i64,
    pub subject_id: Option<i64>,
    pub subject: Option<String>,
    pub name: String,
    pub year: String,
}

/// A pupil of a class with their latest result in the class's subject.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ClassPupil {
    pub id: i64,
    pub pseudonym: String,
    pub display_name: Option<String>,
    pub disadvantaged: Option<bool>,
    pub latest_score: Option<f64>,
    pub latest_assessment: Option<String>,
}

impl Roster<'_> {
    pub async fn class(
        &self,
        class: headway_domain::ids::ClassId,
    ) -> Result<Option<ClassInfo>, StoreError> {
        Ok(on_pool!(self.store, pool => sqlx::query_as::<_, ClassInfo>(
            "SELECT c.id, c.school_id, c.subject_id, s.name AS subject, c.name, y.name AS year
             FROM classes c
             JOIN academic_years y ON y.id = c.year_id
             LEFT JOIN subjects s ON s.id = c.subject_id
             WHERE c.id = $1")
            .bind(class.0)
            .fetch_optional(pool)
            .await)?)
    }

    /// The pupils of a class, by name, with their most recent result in its subject.
    pub async fn class_pupils(
        &self,
        class: headway_domain::ids::ClassId,
    ) -> Result<Vec<ClassPupil>, StoreError> {
        Ok(
            on_pool!(self.store, pool => sqlx::query_as::<_, ClassPupil>(
            "WITH latest AS (
                 SELECT r.pupil_id, r.score, ap.name,
                        ROW_NUMBER() OVER (PARTITION BY r.pupil_id ORDER BY ap.taken_on DESC) AS rank
                 FROM results r
                 JOIN assessment_points ap ON ap.id = r.assessment_point_id
                 JOIN enrolments e ON e.pupil_id = r.pupil_id AND e.class_id = $1
                 JOIN classes c ON c.id = e.class_id AND c.subject_id = r.subject_id)
             SELECT p.id, p.pseudonym, p.display_name, p.disadvantaged,
                    latest.score AS latest_score, latest.name AS latest_assessment
             FROM enrolments e
             JOIN pupils p ON p.id = e.pupil_id
             LEFT JOIN latest ON latest.pupil_id = p.id AND latest.rank = 1
             WHERE e.class_id = $1
             ORDER BY COALESCE(p.display_name, p.pseudonym)")
            .bind(class.0)
            .fetch_all(pool)
            .await)?,
        )
    }
}
