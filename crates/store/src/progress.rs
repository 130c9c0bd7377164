//! What the progress pages read: pupils' starting points and outcomes (anonymous rows for
//! figures), classes and teachers, and pupil lists filtered by the viewer's pupil scope.
//!
//! `store.progress()` is the capability's view; it only reads. Reads for a school's
//! figures are batched: one query for every subject of a year, or every year of a subject.

use crate::{Store, StoreError, on_pool};
use headway_domain::access::PupilScope;
use headway_domain::ids::{PupilId, SchoolId};
use sqlx::Database;
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
    /// The academic year and subject of the outcome.
    pub year: i64,
    pub subject: i64,
    pub prior: Option<f64>,
    pub outcome: f64,
    pub disadvantaged: Option<bool>,
    pub sen: Option<String>,
    pub eal: Option<bool>,
    pub gender: Option<String>,
    pub birth_date: Option<time::Date>,
    pub ethnicity_group: Option<String>,
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

/// A class a pupil is in, with one of its teachers.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PupilClass {
    pub year_id: i64,
    pub subject_id: Option<i64>,
    pub class_name: String,
    pub teacher_name: Option<String>,
}

/// One assessment (a prediction or the final result) of a pupil in scope, in one subject
/// and year, with the pupil's context, starting point and class.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AssessmentRow {
    pub pupil: i64,
    pub pseudonym: String,
    pub display_name: Option<String>,
    pub disadvantaged: Option<bool>,
    pub sen: Option<String>,
    pub eal: Option<bool>,
    pub gender: Option<String>,
    pub prior: Option<f64>,
    pub point_id: i64,
    pub point_name: String,
    pub kind: String,
    pub taken_on: time::Date,
    pub score: f64,
    pub class_id: Option<i64>,
    pub class_name: Option<String>,
}

/// A pupil taking a subject in a year (a class in it, or an interim or final result), with
/// their starting point, latest interim result and final result in it, for projections.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct ProjectionRow {
    pub pupil: i64,
    pub school: i64,
    pub pseudonym: String,
    pub display_name: Option<String>,
    pub subject: i64,
    pub subject_name: String,
    /// The mean of the pupil's baseline results of the year.
    pub prior: Option<f64>,
    /// The pupil's latest interim result in the subject that year (latest date, then point).
    pub interim: Option<f64>,
    /// The final result in the subject that year.
    pub outcome: Option<f64>,
}

/// A subject with final results in a year.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct YearSubject {
    pub year: i64,
    pub id: i64,
    pub name: String,
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

/// The progress capability's view of the store.
#[derive(Clone, Copy)]
pub struct Progress<'a> {
    store: &'a Store,
}

impl Store {
    pub fn progress(&self) -> Progress<'_> {
        Progress { store: self }
    }
}

/// Adds `(-1, $a, $b, …)` binding each id: an `IN` list that is never empty.
fn push_ids<DB: Database>(query: &mut QueryBuilder<DB>, ids: &[i64])
where
    for<'t> i64: sqlx::Encode<'t, DB> + sqlx::Type<DB>,
{
    query.push("(-1");
    for id in ids {
        query.push(", ").push_bind(*id);
    }
    query.push(")");
}

/// The select list and joins of an outcome row, from `p` (pupils) and `f` (final results).
const OUTCOME_COLUMNS: &str = "SELECT p.id AS pupil, p.school_id AS school, fp.year_id AS year, f.subject_id AS subject,
                    (SELECT AVG(b.score) FROM results b
                     JOIN assessment_points bp ON bp.id = b.assessment_point_id
                     WHERE b.pupil_id = p.id AND bp.kind = 'baseline' AND bp.year_id = fp.year_id) AS prior,
                    f.score AS outcome, p.disadvantaged, p.sen, p.eal, p.gender, p.birth_date, p.ethnicity_group,
                    y.starts_on AS year_starts_on";

impl Progress<'_> {
    /// Years in which the school has final results, newest first. Asked year by year with
    /// `LIMIT 1` from the school's pupils (the pupils index, then the results index by
    /// pupil), so its cost does not grow with the other schools' results: a join over all
    /// results let PostgreSQL scan every school's results on a national database.
    pub async fn years(&self, school: SchoolId) -> Result<Vec<Choice>, StoreError> {
        Ok(on_pool!(self.store, pool => sqlx::query_as::<_, Choice>(
            "SELECT y.id, y.name FROM academic_years y
             WHERE (SELECT 1 FROM pupils p
                    JOIN results r ON r.pupil_id = p.id
                    JOIN assessment_points ap ON ap.id = r.assessment_point_id
                    WHERE p.school_id = $1 AND ap.year_id = y.id AND ap.kind = 'final'
                    LIMIT 1) IS NOT NULL
             ORDER BY y.name DESC")
            .bind(school.0)
            .fetch_all(pool)
            .await)?)
    }

    /// Subjects with final results in a year anywhere in the deployment, by name.
    pub async fn subjects(&self, year: i64) -> Result<Vec<Choice>, StoreError> {
        Ok(self
            .subjects_of_years(&[year])
            .await?
            .into_iter()
            .map(|s| Choice {
                id: s.id,
                name: s.name,
            })
            .collect())
    }

    /// All academic years, oldest first.
    pub async fn academic_years(&self) -> Result<Vec<Choice>, StoreError> {
        Ok(on_pool!(self.store, pool => sqlx::query_as::<_, Choice>(
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
            "{OUTCOME_COLUMNS}
             {from}
             JOIN assessment_points fp ON fp.id = f.assessment_point_id
             JOIN academic_years y ON y.id = fp.year_id
             WHERE fp.kind = 'final' AND fp.year_id = $1 AND f.subject_id = $2 {filter}"
        );
        Ok(
            on_pool!(self.store, pool => sqlx::query_as::<_, OutcomeRow>(sqlx::AssertSqlSafe(sql.clone()))
            .bind(year)
            .bind(subject)
            .bind(school.map_or(0, |s| s.0))
            .fetch_all(pool)
            .await)?,
        )
    }

    /// Subjects with final results in each of several years (anywhere in the deployment):
    /// one query instead of one per year. Ordered by year as given, then subject name.
    pub async fn subjects_of_years(&self, years: &[i64]) -> Result<Vec<YearSubject>, StoreError> {
        if years.is_empty() {
            return Ok(Vec::new());
        }
        // The distinct subjects of each final point, read from the results index by
        // (point, subject) one subject at a time (a loose index scan: each step is the next
        // subject after the last, `MIN`, which both engines answer from the index). Its cost
        // is the number of subjects, not of results: an `EXISTS` per subject and point let
        // PostgreSQL scan every result of the year (the whole nation's) on every page, or all
        // results for a subject with none.
        let mut found: Vec<YearSubject> = on_pool!(self.store, pool => {
            let mut query = QueryBuilder::new(
                "WITH RECURSIVE found(point, subject) AS (
                     SELECT ap.id, (SELECT MIN(r.subject_id) FROM results r WHERE r.assessment_point_id = ap.id)
                     FROM assessment_points ap WHERE ap.kind = 'final' AND ap.year_id IN ");
            push_ids(&mut query, years);
            query.push(
                " UNION ALL
                     SELECT found.point, (SELECT MIN(r.subject_id) FROM results r
                                          WHERE r.assessment_point_id = found.point AND r.subject_id > found.subject)
                     FROM found WHERE found.subject IS NOT NULL)
                 SELECT DISTINCT ap.year_id AS year, s.id, s.name FROM found
                 JOIN assessment_points ap ON ap.id = found.point
                 JOIN subjects s ON s.id = found.subject");
            query.build_query_as::<YearSubject>().fetch_all(pool).await
        })?;
        let place = |year: i64| years.iter().position(|y| *y == year);
        found.sort_by(|a, b| (place(a.year), &a.name).cmp(&(place(b.year), &b.name)));
        Ok(found)
    }

    /// One school's outcome rows in several years and subjects at once (every subject of a
    /// year, or every year of a subject): one query instead of one per year and subject.
    pub async fn school_outcomes(
        &self,
        school: SchoolId,
        years: &[i64],
        subjects: &[i64],
    ) -> Result<Vec<OutcomeRow>, StoreError> {
        if years.is_empty() || subjects.is_empty() {
            return Ok(Vec::new());
        }
        on_pool!(self.store, pool => {
            let mut query = QueryBuilder::new(OUTCOME_COLUMNS);
            query.push(
                " FROM pupils p JOIN results f ON f.pupil_id = p.id
                 JOIN assessment_points fp ON fp.id = f.assessment_point_id
                 JOIN academic_years y ON y.id = fp.year_id
                 WHERE fp.kind = 'final' AND p.school_id = ");
            query.push_bind(school.0);
            query.push(" AND fp.year_id IN ");
            push_ids(&mut query, years);
            query.push(" AND f.subject_id IN ");
            push_ids(&mut query, subjects);
            Ok(query.build_query_as::<OutcomeRow>().fetch_all(pool).await?)
        })
    }

    /// Pupils' classes of a subject in a year at a school, with each class's teacher.
    pub async fn memberships(
        &self,
        year: i64,
        subject: i64,
        school: SchoolId,
    ) -> Result<Vec<MembershipRow>, StoreError> {
        Ok(
            on_pool!(self.store, pool => sqlx::query_as::<_, MembershipRow>(
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
            .await)?,
        )
    }

    /// The academic years in which the school's pupils have interim or final results, latest
    /// first.
    pub async fn assessed_years(&self, school: SchoolId) -> Result<Vec<Choice>, StoreError> {
        Ok(on_pool!(self.store, pool => sqlx::query_as::<_, Choice>(
            "SELECT y.id, y.name FROM academic_years y
             WHERE EXISTS (SELECT 1 FROM assessment_points ap
                           JOIN results r ON r.assessment_point_id = ap.id
                           JOIN pupils p ON p.id = r.pupil_id
                           WHERE ap.year_id = y.id AND ap.kind IN ('interim', 'final') AND p.school_id = $1)
             ORDER BY y.starts_on DESC, y.id DESC")
            .bind(school.0)
            .fetch_all(pool)
            .await)?)
    }

    /// The subjects in which the school's pupils have interim or final results in a year.
    pub async fn assessed_subjects(
        &self,
        school: SchoolId,
        year: i64,
    ) -> Result<Vec<Choice>, StoreError> {
        Ok(on_pool!(self.store, pool => sqlx::query_as::<_, Choice>(
            "SELECT s.id, s.name FROM subjects s
             WHERE EXISTS (SELECT 1 FROM results r
                           JOIN assessment_points ap ON ap.id = r.assessment_point_id
                           JOIN pupils p ON p.id = r.pupil_id
                           WHERE r.subject_id = s.id AND ap.year_id = $2
                             AND ap.kind IN ('interim', 'final') AND p.school_id = $1)
             ORDER BY s.name")
            .bind(school.0)
            .bind(year)
            .fetch_all(pool)
            .await)?)
    }

    /// Every interim and final result in a subject and year of the school's pupils in scope,
    /// with each pupil's context, starting point (that year's baseline) and class in the
    /// subject. Nothing when the scope holds no pupils.
    pub async fn subject_assessments(
        &self,
        school: SchoolId,
        year: i64,
        subject: i64,
        scope: &PupilScope,
    ) -> Result<Vec<AssessmentRow>, StoreError> {
        on_pool!(self.store, pool => {
            let mut query = QueryBuilder::new(
                "SELECT p.id AS pupil, p.pseudonym, p.display_name, p.disadvantaged, p.sen, p.eal, p.gender,
                        (SELECT AVG(b.score) FROM results b
                         JOIN assessment_points bp ON bp.id = b.assessment_point_id
                         WHERE b.pupil_id = p.id AND bp.kind = 'baseline' AND bp.year_id = ap.year_id) AS prior,
                        ap.id AS point_id, ap.name AS point_name, ap.kind, ap.taken_on, r.score,
                        (SELECT MIN(c.id) FROM enrolments e JOIN classes c ON c.id = e.class_id
                         WHERE e.pupil_id = p.id AND c.subject_id = r.subject_id AND c.year_id = ap.year_id) AS class_id,
                        (SELECT MIN(c.name) FROM enrolments e JOIN classes c ON c.id = e.class_id
                         WHERE e.pupil_id = p.id AND c.subject_id = r.subject_id AND c.year_id = ap.year_id) AS class_name
                 FROM results r
                 JOIN assessment_points ap ON ap.id = r.assessment_point_id
                 JOIN pupils p ON p.id = r.pupil_id
                 WHERE ap.kind IN ('interim', 'final') AND ap.year_id = ");
            query.push_bind(year).push(" AND r.subject_id = ").push_bind(subject).push(" AND p.school_id = ").push_bind(school.0);
            if push_scope(&mut query, "p.id", scope).is_none() {
                return Ok(Vec::new());
            }
            query.push(" ORDER BY COALESCE(p.display_name, p.pseudonym), p.id, ap.taken_on, ap.id");
            Ok(query.build_query_as::<AssessmentRow>().fetch_all(pool).await?)
        })
    }

    /// A pupil's classes, one row per teacher of each, latest year first. Call only for a
    /// pupil returned by [`Progress::pupil`].
    pub async fn pupil_classes(&self, pupil: PupilId) -> Result<Vec<PupilClass>, StoreError> {
        Ok(
            on_pool!(self.store, pool => sqlx::query_as::<_, PupilClass>(
            "SELECT y.id AS year_id, c.subject_id, c.name AS class_name, t.display_name AS teacher_name
             FROM enrolments e JOIN classes c ON c.id = e.class_id
             JOIN academic_years y ON y.id = c.year_id
             LEFT JOIN class_teachers ct ON ct.class_id = c.id
             LEFT JOIN people t ON t.id = ct.person_id
             WHERE e.pupil_id = $1
             ORDER BY y.starts_on DESC, c.name, t.display_name")
            .bind(pupil.0)
            .fetch_all(pool)
            .await)?,
        )
    }

    /// A pupil, if within the viewer's scope.
    pub async fn pupil(
        &self,
        pupil: PupilId,
        scope_of: impl Fn(SchoolId) -> PupilScope,
    ) -> Result<Option<PupilRecord>, StoreError> {
        let school: Option<i64> = on_pool!(self.store, pool => sqlx::query_scalar("SELECT school_id FROM pupils WHERE id = $1")
            .bind(pupil.0)
            .fetch_optional(pool)
            .await)?;
        let Some(school) = school else {
            return Ok(None);
        };
        let scope = scope_of(SchoolId(school));
        on_pool!(self.store, pool => {
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

    /// Every result of a pupil, in time order. Call only for a pupil returned by [`Progress::pupil`].
    pub async fn pupil_results(&self, pupil: PupilId) -> Result<Vec<PupilResult>, StoreError> {
        Ok(
            on_pool!(self.store, pool => sqlx::query_as::<_, PupilResult>(
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
            .await)?,
        )
    }
}

impl Progress<'_> {
    /// Every pupil taking a subject in a year — enrolled in a class of the subject, or with
    /// an interim or final result in it — with their starting point, latest interim and
    /// final result: of the whole deployment (`school` `None`, for fitting and calibrating)
    /// or of one school's pupils in `scope`. Ordered by school, name, pupil and subject;
    /// nothing when the scope holds no pupils.
    pub async fn projection_rows(
        &self,
        year: i64,
        school: Option<SchoolId>,
        scope: &PupilScope,
    ) -> Result<Vec<ProjectionRow>, StoreError> {
        on_pool!(self.store, pool => {
            let mut query = QueryBuilder::new(
                "SELECT p.id AS pupil, p.school_id AS school, p.pseudonym, p.display_name, t.subject, s.name AS subject_name,
                        (SELECT AVG(b.score) FROM results b
                         JOIN assessment_points bp ON bp.id = b.assessment_point_id
                         WHERE b.pupil_id = p.id AND bp.kind = 'baseline' AND bp.year_id = t.year) AS prior,
                        (SELECT i.score FROM results i
                         JOIN assessment_points ip ON ip.id = i.assessment_point_id
                         WHERE i.pupil_id = p.id AND i.subject_id = t.subject AND ip.kind = 'interim'
                           AND ip.year_id = t.year
                         ORDER BY ip.taken_on DESC, ip.id DESC LIMIT 1) AS interim,
                        (SELECT MAX(f.score) FROM results f
                         JOIN assessment_points fp ON fp.id = f.assessment_point_id
                         WHERE f.pupil_id = p.id AND f.subject_id = t.subject AND fp.kind = 'final'
                           AND fp.year_id = t.year) AS outcome
                 FROM (SELECT r.pupil_id AS pupil, r.subject_id AS subject, ap.year_id AS year
                       FROM results r JOIN assessment_points ap ON ap.id = r.assessment_point_id
                       WHERE ap.kind IN ('interim', 'final') AND ap.year_id = ");
            query.push_bind(year);
            query.push(
                "      UNION
                       SELECT e.pupil_id, c.subject_id, c.year_id FROM enrolments e
                       JOIN classes c ON c.id = e.class_id
                       WHERE c.subject_id IS NOT NULL AND c.year_id = ");
            query.push_bind(year);
            query.push(") t JOIN pupils p ON p.id = t.pupil JOIN subjects s ON s.id = t.subject WHERE 1 = 1");
            if let Some(school) = school {
                query.push(" AND p.school_id = ").push_bind(school.0);
                if push_scope(&mut query, "p.id", scope).is_none() {
                    return Ok(Vec::new());
                }
            }
            query.push(" ORDER BY p.school_id, COALESCE(p.display_name, p.pseudonym), p.id, t.subject");
            Ok(query.build_query_as::<ProjectionRow>().fetch_all(pool).await?)
        })
    }
}

/// A subject's id and code (`MAT`, `CAP9` …).
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct SubjectCode {
    pub id: i64,
    pub code: String,
}

impl Progress<'_> {
    /// The codes of the subjects asked for, in one query (a headline is found by code).
    pub async fn subject_codes(&self, subjects: &[i64]) -> Result<Vec<SubjectCode>, StoreError> {
        if subjects.is_empty() {
            return Ok(Vec::new());
        }
        on_pool!(self.store, pool => {
            let mut query = QueryBuilder::new("SELECT id, code FROM subjects WHERE id IN ");
            push_ids(&mut query, subjects);
            query.push(" ORDER BY id");
            Ok(query.build_query_as::<SubjectCode>().fetch_all(pool).await?)
        })
    }
}

/// A pupil's starting point and final outcome in one subject, without context: what the
/// spread of pupils' value added across subjects needs.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct PriorOutcome {
    pub pupil: i64,
    pub subject: i64,
    pub prior: Option<f64>,
    pub outcome: f64,
}

impl Progress<'_> {
    /// Every pupil's final outcomes in a year, in every subject, with their starting point
    /// (the mean of their baseline results of the year), across the whole deployment: one
    /// query, the starting points aggregated once rather than per row.
    pub async fn year_outcomes(&self, year: i64) -> Result<Vec<PriorOutcome>, StoreError> {
        Ok(
            on_pool!(self.store, pool => sqlx::query_as::<_, PriorOutcome>(
            "SELECT f.pupil_id AS pupil, f.subject_id AS subject, b.prior, f.score AS outcome
             FROM results f
             JOIN assessment_points fp ON fp.id = f.assessment_point_id
             LEFT JOIN (SELECT r.pupil_id, AVG(r.score) AS prior FROM results r
                        JOIN assessment_points bp ON bp.id = r.assessment_point_id
                        WHERE bp.kind = 'baseline' AND bp.year_id = $1
                        GROUP BY r.pupil_id) b ON b.pupil_id = f.pupil_id
             WHERE fp.kind = 'final' AND fp.year_id = $1")
            .bind(year)
            .fetch_all(pool)
            .await)?,
        )
    }
}

/// A subject as stored: its code (which names it in the measure set) and its stored name.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StoredSubject {
    pub id: i64,
    pub code: String,
    pub name: String,
}

impl Progress<'_> {
    /// Every subject with its code, for naming subjects in the reader's language.
    pub async fn stored_subjects(&self) -> Result<Vec<StoredSubject>, StoreError> {
        Ok(
            on_pool!(self.store, pool => sqlx::query_as::<_, StoredSubject>(
            "SELECT id, code, name FROM subjects ORDER BY id")
            .fetch_all(pool)
            .await)?,
        )
    }
}
