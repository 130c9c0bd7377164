//! What the progress pages read: pupils' starting points and outcomes (anonymous rows for
//! figures), classes and teachers, and pupil lists filtered by the viewer's pupil scope.

use crate::{Store, StoreError, on_pool};
use headway_domain::access::PupilScope;
use headway_domain::ids::{PupilId, SchoolId};
use sqlx::QueryBuilder;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Choice {
    pub id: i64,
    pub name: String,
}

/// One pupil's starting point and outcome with context, without names: rows for figures.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OutcomeRow {
    pub pupil: i64,
    pub school: i64,
    pub prior: Option<f64>,
    pub outcome: f64,
    pub disadvantaged: Option<bool>,
    pub sen: Option<String>,
    pub eal: Option<bool>,
    pub gender: Option<String>,
    pub birth_date: Option<time::Date>,
    pub year_starts_on: time::Date,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MembershipRow {
    pub pupil: i64,
    pub class_id: i64,
    pub class_name: String,
    pub teacher_id: Option<i64>,
    pub teacher_name: Option<String>,
}

/// A pupil the viewer may see, with their interim and expected positions.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct InterimRow {
    pub pupil: i64,
    pub pseudonym: String,
    pub display_name: Option<String>,
    pub disadvantaged: Option<bool>,
    pub sen: Option<String>,
    pub eal: Option<bool>,
    pub gender: Option<String>,
    pub prior: Option<f64>,
    pub latest: f64,
    pub previous: Option<f64>,
    pub class_id: Option<i64>,
    pub class_name: Option<String>,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct InterimPoint {
    pub id: i64,
    pub name: String,
    pub taken_on: time::Date,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PupilRecord {
    pub id: i64,
    pub school_id: i64,
    pub pseudonym: String,
    pub display_name: Option<String>,
    pub cohort: Option<String>,
    pub disadvantaged: Option<bool>,
    pub sen: Option<String>,
    pub eal: Option<bool>,
    pub gender: Option<String>,
    pub birth_date: Option<time::Date>,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PupilResult {
    pub year_id: i64,
    pub year: String,
    pub point: String,
    pub kind: String,
    pub taken_on: time::Date,
    pub subject_id: i64,
    pub subject: String,
    pub score: f64,
}

/// Adds `AND <pupil column> IN (pupils in scope)` to a query; `None` if nothing is in scope.
fn push_scope<DB: sqlx::Database>(
    query: &mut QueryBuilder<DB>,
    pupil_column: &str,
    scope: &PupilScope,
) -> Option<()>
where
    for<'t> i64: sqlx::Encode<'t, DB> + sqlx::Type<DB>,
{
    let (subjects, classes): (
        &[headway_domain::ids::SubjectId],
        &[headway_domain::ids::ClassId],
    ) = match scope {
        PupilScope::All => return Some(()),
        PupilScope::None => return None,
        PupilScope::Classes(classes) => (&[], classes),
        PupilScope::Subjects { subjects, classes } => (subjects, classes),
    };
    if subjects.is_empty() && classes.is_empty() {
        return None;
    }
    query.push(format!(" AND {pupil_column} IN (SELECT e.pupil_id FROM enrolments e JOIN classes c ON c.id = e.class_id WHERE c.id IN (-1"));
    for class in classes {
        query.push(", ").push_bind(class.0);
    }
    query.push(") OR c.subject_id IN (-1");
    for subject in subjects {
        query.push(", ").push_bind(subject.0);
    }
    query.push("))");
    Some(())
}

impl Store {
    /// Years in which the school has final results, newest first.
    pub async fn progress_years(&self, school: SchoolId) -> Result<Vec<Choice>, StoreError> {
        Ok(on_pool!(self, pool => sqlx::query_as::<_, Choice>(
            "SELECT DISTINCT y.id, y.name FROM results r
             JOIN assessment_points ap ON ap.id = r.assessment_point_id AND ap.kind = 'final'
             JOIN academic_years y ON y.id = ap.year_id
             JOIN pupils p ON p.id = r.pupil_id
             WHERE p.school_id = $1
             ORDER BY y.name DESC")
            .bind(school.0)
            .fetch_all(pool)
            .await)?)
    }

    /// Subjects with final results in a year anywhere in the deployment. Written so both
    /// engines probe the results index by (point, subject) instead of scanning results.
    pub async fn progress_subjects(&self, year: i64) -> Result<Vec<Choice>, StoreError> {
        Ok(on_pool!(self, pool => sqlx::query_as::<_, Choice>(
            "SELECT s.id, s.name FROM subjects s
             WHERE EXISTS (SELECT 1 FROM results r
                           WHERE r.subject_id = s.id
                             AND r.assessment_point_id IN (SELECT ap.id FROM assessment_points ap
                                                           WHERE ap.kind = 'final' AND ap.year_id = $1))
             ORDER BY s.name")
            .bind(year)
            .fetch_all(pool)
            .await)?)
    }

    /// All academic years, oldest first.
    pub async fn academic_years(&self) -> Result<Vec<Choice>, StoreError> {
        Ok(on_pool!(self, pool => sqlx::query_as::<_, Choice>(
            "SELECT id, name FROM academic_years ORDER BY starts_on")
            .fetch_all(pool)
            .await)?)
    }

    /// Pupils' starting points (mean of their baseline results of the same year) and final
    /// outcomes in a subject and year: of one school, or (`None`) of the whole deployment.
    pub async fn outcome_rows(
        &self,
        year: i64,
        subject: i64,
        school: Option<SchoolId>,
    ) -> Result<Vec<OutcomeRow>, StoreError> {
        // One school's rows start from its pupils (an index lookup); the whole deployment's
        // start from the year's final results.
        let (from, filter) = match school {
            Some(_) => (
                "FROM pupils p JOIN results f ON f.pupil_id = p.id",
                "AND p.school_id = $3",
            ),
            None => (
                "FROM results f JOIN pupils p ON p.id = f.pupil_id",
                "AND $3 = 0",
            ),
        };
        let sql = format!(
            "SELECT p.id AS pupil, p.school_id AS school,
                    (SELECT AVG(b.score) FROM results b
                     JOIN assessment_points bp ON bp.id = b.assessment_point_id
                     WHERE b.pupil_id = p.id AND bp.kind = 'baseline' AND bp.year_id = fp.year_id) AS prior,
                    f.score AS outcome, p.disadvantaged, p.sen, p.eal, p.gender, p.birth_date,
                    y.starts_on AS year_starts_on
             {from}
             JOIN assessment_points fp ON fp.id = f.assessment_point_id
             JOIN academic_years y ON y.id = fp.year_id
             WHERE fp.kind = 'final' AND fp.year_id = $1 AND f.subject_id = $2 {filter}"
        );
        Ok(
            on_pool!(self, pool => sqlx::query_as::<_, OutcomeRow>(sqlx::AssertSqlSafe(sql.clone()))
            .bind(year)
            .bind(subject)
            .bind(school.map_or(0, |s| s.0))
            .fetch_all(pool)
            .await)?,
        )
    }

    /// Pupils' classes of a subject in a year at a school, with each class's teacher.
    pub async fn memberships(
        &self,
        year: i64,
        subject: i64,
        school: SchoolId,
    ) -> Result<Vec<MembershipRow>, StoreError> {
        Ok(on_pool!(self, pool => sqlx::query_as::<_, MembershipRow>(
            "SELECT e.pupil_id AS pupil, c.id AS class_id, c.name AS class_name,
                    t.id AS teacher_id, t.display_name AS teacher_name
             FROM classes c
             JOIN enrolments e ON e.class_id = c.id
             LEFT JOIN class_teachers ct ON ct.class_id = c.id
             LEFT JOIN people t ON t.id = ct.person_id
             WHERE c.school_id = $1 AND c.year_id = $2 AND c.subject_id = $3
             ORDER BY c.name, t.display_name")
            .bind(school.0)
            .bind(year)
            .bind(subject)
            .fetch_all(pool)
            .await)?)
    }

    /// The school's two latest interim assessment points of a year, newest first.
    pub async fn interim_points(
        &self,
        school: SchoolId,
        year: i64,
    ) -> Result<Vec<InterimPoint>, StoreError> {
        Ok(on_pool!(self, pool => sqlx::query_as::<_, InterimPoint>(
            "SELECT id, name, taken_on FROM assessment_points
             WHERE kind = 'interim' AND year_id = $1 AND (school_id = $2 OR school_id IS NULL)
             ORDER BY taken_on DESC LIMIT 2")
            .bind(year)
            .bind(school.0)
            .fetch_all(pool)
            .await)?)
    }

    /// Pupils in scope with their result at an interim point in a subject, the one before
    /// it, their starting point and their class. Nothing when the scope holds no pupils.
    pub async fn interim_rows(
        &self,
        school: SchoolId,
        subject: i64,
        latest: i64,
        previous: Option<i64>,
        scope: &PupilScope,
    ) -> Result<Vec<InterimRow>, StoreError> {
        on_pool!(self, pool => {
            let mut query = QueryBuilder::new(
                "SELECT p.id AS pupil, p.pseudonym, p.display_name, p.disadvantaged, p.sen, p.eal, p.gender,
                        (SELECT AVG(b.score) FROM results b
                         JOIN assessment_points bp ON bp.id = b.assessment_point_id
                         WHERE b.pupil_id = p.id AND bp.kind = 'baseline' AND bp.year_id = ap.year_id) AS prior,
                        r.score AS latest,
                        (SELECT pr.score FROM results pr WHERE pr.pupil_id = p.id AND pr.subject_id = r.subject_id
                           AND pr.assessment_point_id = ");
            query.push_bind(previous.unwrap_or(-1));
            query.push(") AS previous,
                        (SELECT MIN(c.id) FROM enrolments e JOIN classes c ON c.id = e.class_id
                         WHERE e.pupil_id = p.id AND c.subject_id = r.subject_id AND c.year_id = ap.year_id) AS class_id,
                        (SELECT MIN(c.name) FROM enrolments e JOIN classes c ON c.id = e.class_id
                         WHERE e.pupil_id = p.id AND c.subject_id = r.subject_id AND c.year_id = ap.year_id) AS class_name
                 FROM results r
                 JOIN assessment_points ap ON ap.id = r.assessment_point_id
                 JOIN pupils p ON p.id = r.pupil_id
                 WHERE r.assessment_point_id = ");
            query.push_bind(latest).push(" AND r.subject_id = ").push_bind(subject).push(" AND p.school_id = ").push_bind(school.0);
            if push_scope(&mut query, "p.id", scope).is_none() {
                return Ok(Vec::new());
            }
            query.push(" ORDER BY COALESCE(p.display_name, p.pseudonym)");
            Ok(query.build_query_as::<InterimRow>().fetch_all(pool).await?)
        })
    }

    /// A pupil, if within the viewer's scope.
    pub async fn pupil(
        &self,
        pupil: PupilId,
        scope_of: impl Fn(SchoolId) -> PupilScope,
    ) -> Result<Option<PupilRecord>, StoreError> {
        let school: Option<i64> = on_pool!(self, pool => sqlx::query_scalar("SELECT school_id FROM pupils WHERE id = $1")
            .bind(pupil.0)
            .fetch_optional(pool)
            .await)?;
        let Some(school) = school else {
            return Ok(None);
        };
        let scope = scope_of(SchoolId(school));
        on_pool!(self, pool => {
            let mut query = QueryBuilder::new(
                "SELECT p.id, p.school_id, p.pseudonym, p.display_name, y.name AS cohort, p.disadvantaged, p.sen, p.eal,
                        p.gender, p.birth_date
                 FROM pupils p LEFT JOIN academic_years y ON y.id = p.cohort_year_id WHERE p.id = ");
            query.push_bind(pupil.0);
            if push_scope(&mut query, "p.id", &scope).is_none() {
                return Ok(None);
            }
            Ok(query.build_query_as::<PupilRecord>().fetch_optional(pool).await?)
        })
    }

    /// Every result of a pupil, in time order. Call only for a pupil returned by [`Store::pupil`].
    pub async fn pupil_results(&self, pupil: PupilId) -> Result<Vec<PupilResult>, StoreError> {
        Ok(on_pool!(self, pool => sqlx::query_as::<_, PupilResult>(
            "SELECT y.id AS year_id, y.name AS year, ap.name AS point, ap.kind, ap.taken_on,
                    s.id AS subject_id, s.name AS subject, r.score
             FROM results r
             JOIN assessment_points ap ON ap.id = r.assessment_point_id
             JOIN academic_years y ON y.id = ap.year_id
             JOIN subjects s ON s.id = r.subject_id
             WHERE r.pupil_id = $1
             ORDER BY ap.taken_on, s.name")
            .bind(pupil.0)
            .fetch_all(pool)
            .await)?)
    }
}

impl Store {
    /// Subjects with results at an assessment point.
    pub async fn interim_subjects(&self, point: i64) -> Result<Vec<Choice>, StoreError> {
        Ok(on_pool!(self, pool => sqlx::query_as::<_, Choice>(
            "SELECT DISTINCT s.id, s.name FROM results r JOIN subjects s ON s.id = r.subject_id
             WHERE r.assessment_point_id = $1 ORDER BY s.name")
            .bind(point)
            .fetch_all(pool)
            .await)?)
    }
}
