//! What the attendance page reads: per pupil of a school and academic year, their sessions,
//! exclusions and incidents with their context (no names), and every pupil's prior
//! attainment that year for the prior-attainment bands.
//!
//! `store.attendance()` is the capability's view; it only reads (an attendance sheet is
//! written by the import, see `imports`).

use crate::progress::Choice;
use crate::{Store, StoreError, on_pool, on_tx};
use headway_domain::ids::SchoolId;

/// A pupil's attendance in a year to write as it is (the demo's generated rows).
#[derive(Debug, Clone, PartialEq)]
pub struct NewAttendance {
    pub pupil: i64,
    pub year: i64,
    pub sessions_possible: u32,
    pub sessions_attended: u32,
    pub exclusions: u32,
    pub incidents: u32,
}

/// One pupil's attendance in a year with their context, without names.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AttendanceRow {
    pub pupil: i64,
    pub sessions_possible: i64,
    pub sessions_attended: i64,
    pub exclusions: i64,
    pub incidents: i64,
    pub disadvantaged: Option<bool>,
    pub sen: Option<String>,
    pub eal: Option<bool>,
    pub gender: Option<String>,
    /// The mean of the pupil's baseline results that year.
    pub prior: Option<f64>,
}

#[derive(Clone, Copy)]
pub struct Attendance<'a> {
    store: &'a Store,
}

impl Store {
    pub fn attendance(&self) -> Attendance<'_> {
        Attendance { store: self }
    }
}

/// The mean of each pupil's baseline results in the year bound as `$1`.
const PRIOR: &str = "(SELECT AVG(b.score) FROM results b
                      JOIN assessment_points bp ON bp.id = b.assessment_point_id
                      WHERE b.pupil_id = p.id AND bp.kind = 'baseline' AND bp.year_id = $1)";

impl Attendance<'_> {
    /// Years in which the school has attendance, newest first.
    pub async fn years(&self, school: SchoolId) -> Result<Vec<Choice>, StoreError> {
        Ok(on_pool!(self.store, pool => sqlx::query_as::<_, Choice>(
            "SELECT DISTINCT y.id, y.name, y.starts_on FROM attendance a
             JOIN academic_years y ON y.id = a.year_id
             JOIN pupils p ON p.id = a.pupil_id
             WHERE p.school_id = $1
             ORDER BY y.starts_on DESC")
            .bind(school.0)
            .fetch_all(pool)
            .await)?)
    }

    /// The school's pupils with attendance in `year`.
    pub async fn pupils(
        &self,
        school: SchoolId,
        year: i64,
    ) -> Result<Vec<AttendanceRow>, StoreError> {
        let sql = format!(
            "SELECT p.id AS pupil, a.sessions_possible, a.sessions_attended, a.exclusions, a.incidents,
                    p.disadvantaged, p.sen, p.eal, p.gender, {PRIOR} AS prior
             FROM attendance a JOIN pupils p ON p.id = a.pupil_id
             WHERE a.year_id = $1 AND p.school_id = $2
             ORDER BY p.id"
        );
        Ok(
            on_pool!(self.store, pool => sqlx::query_as::<_, AttendanceRow>(sqlx::AssertSqlSafe(sql.clone()))
            .bind(year)
            .bind(school.0)
            .fetch_all(pool)
            .await)?,
        )
    }

    /// Every pupil's mean baseline result in `year`, across the deployment: the population
    /// whose thirds make the prior-attainment bands.
    pub async fn priors(&self, year: i64) -> Result<Vec<f64>, StoreError> {
        Ok(on_pool!(self.store, pool => sqlx::query_scalar::<_, f64>(
            "SELECT AVG(b.score) FROM results b
             JOIN assessment_points bp ON bp.id = b.assessment_point_id
             WHERE bp.kind = 'baseline' AND bp.year_id = $1
             GROUP BY b.pupil_id")
            .bind(year)
            .fetch_all(pool)
            .await)?)
    }

    /// The names of the academic years Headway holds (`2024/25`): what a sheet may name.
    pub async fn year_names(&self) -> Result<Vec<String>, StoreError> {
        Ok(
            on_pool!(self.store, pool => sqlx::query_scalar::<_, String>(
            "SELECT name FROM academic_years ORDER BY starts_on")
            .fetch_all(pool)
            .await)?,
        )
    }

    /// Writes generated rows (the demo) in one transaction, replacing any held for the
    /// same pupil and year.
    pub async fn insert_generated(&self, rows: &[NewAttendance]) -> Result<(), StoreError> {
        let mut tx = self.store.begin().await?;
        on_tx!(&mut tx, conn => {
            for r in rows {
                sqlx::query("DELETE FROM attendance WHERE pupil_id = $1 AND year_id = $2")
                    .bind(r.pupil).bind(r.year).execute(&mut *conn).await?;
                sqlx::query("INSERT INTO attendance (pupil_id, year_id, sessions_possible, sessions_attended, exclusions, incidents)
                             VALUES ($1, $2, $3, $4, $5, $6)")
                    .bind(r.pupil).bind(r.year).bind(i64::from(r.sessions_possible)).bind(i64::from(r.sessions_attended))
                    .bind(i64::from(r.exclusions)).bind(i64::from(r.incidents))
                    .execute(&mut *conn).await?;
            }
            crate::versions::bump_data_version!(conn);
        });
        tx.commit().await?;
        Ok(())
    }
}
