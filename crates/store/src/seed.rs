//! Writing a whole synthetic world at once (the demo, test fixtures): rows with ids chosen
//! by the caller, inserted in one transaction with multi-row statements.

use crate::{Store, StoreError, on_pool};
use serde::{Deserialize, Serialize};
use sqlx::QueryBuilder;
use time::Date;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OrgRow {
    pub id: i64,
    pub kind: &'static str,
    pub name: String,
    pub parent_id: Option<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SchoolRow {
    /// The school's org id.
    pub id: i64,
    pub code: String,
    pub phase: &'static str,
    pub number_on_roll: i64,
    pub fsm_share: f64,
    pub head_started_on: Option<Date>,
    /// A school of the reference population only: its pupils set national expectations,
    /// it has no staff or classes in this deployment.
    pub is_reference_only: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PersonRow {
    pub id: i64,
    pub email: Option<String>,
    pub display_name: String,
    pub password_hash: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RoleRow {
    pub person_id: i64,
    pub role: &'static str,
    pub org_id: i64,
    pub subject_id: Option<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct YearRow {
    pub id: i64,
    pub name: String,
    pub starts_on: Date,
    pub ends_on: Date,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SubjectRow {
    pub id: i64,
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PupilRow {
    pub id: i64,
    pub school_id: i64,
    pub pseudonym: String,
    pub display_name: Option<String>,
    pub cohort_year_id: Option<i64>,
    pub disadvantaged: Option<bool>,
    pub sen: Option<&'static str>,
    pub eal: Option<bool>,
    pub gender: Option<&'static str>,
    pub birth_date: Option<Date>,
    pub ethnicity_group: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ClassRow {
    pub id: i64,
    pub school_id: i64,
    pub year_id: i64,
    pub subject_id: Option<i64>,
    pub name: String,
    pub year_group: Option<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AssessmentPointRow {
    pub id: i64,
    pub year_id: i64,
    /// `None` for a system-wide (national) assessment.
    pub school_id: Option<i64>,
    pub kind: &'static str,
    pub name: String,
    pub taken_on: Date,
    pub scale_min: Option<f64>,
    pub scale_max: Option<f64>,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct ResultRow {
    pub pupil_id: i64,
    pub assessment_point_id: i64,
    pub subject_id: i64,
    pub score: f64,
}

/// Everything a synthetic world holds, in insertion order.
#[derive(Debug, Clone, Default)]
pub struct World {
    pub orgs: Vec<OrgRow>,
    pub schools: Vec<SchoolRow>,
    pub subjects: Vec<SubjectRow>,
    pub people: Vec<PersonRow>,
    pub roles: Vec<RoleRow>,
    pub years: Vec<YearRow>,
    pub pupils: Vec<PupilRow>,
    pub classes: Vec<ClassRow>,
    /// (class id, person id)
    pub class_teachers: Vec<(i64, i64)>,
    /// (class id, pupil id)
    pub enrolments: Vec<(i64, i64)>,
    pub assessment_points: Vec<AssessmentPointRow>,
    pub results: Vec<ResultRow>,
}

/// Rows per multi-row INSERT: under SQLite's 32,766 bound parameters for the widest table.
const CHUNK: usize = 2_500;

/// Inserts `rows` into `$table` in chunks of multi-row VALUES, binding each row's fields.
macro_rules! insert_all {
    ($tx:expr, $table_and_columns:expr, $rows:expr, |$b:ident, $row:ident| $bind:block) => {
        for chunk in $rows.chunks(CHUNK) {
            let mut query = QueryBuilder::new(concat!("INSERT INTO ", $table_and_columns, " "));
            query.push_values(chunk, |mut $b, $row| $bind);
            query.build().execute(&mut *$tx).await?;
        }
    };
}

impl Store {
    /// Writes a whole world in one transaction: either all of it lands or none.
    pub async fn insert_world(&self, world: &World) -> Result<(), StoreError> {
        on_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            insert_all!(tx, "orgs (id, kind, name, parent_id)", world.orgs, |b, r| {
                b.push_bind(r.id).push_bind(r.kind).push_bind(&r.name).push_bind(r.parent_id);
            });
            insert_all!(tx, "schools (org_id, code, phase, number_on_roll, fsm_share, head_started_on, is_reference_only)", world.schools, |b, r| {
                b.push_bind(r.id).push_bind(&r.code).push_bind(r.phase).push_bind(r.number_on_roll)
                    .push_bind(r.fsm_share).push_bind(r.head_started_on).push_bind(r.is_reference_only);
            });
            insert_all!(tx, "subjects (id, code, name)", world.subjects, |b, r| {
                b.push_bind(r.id).push_bind(&r.code).push_bind(&r.name);
            });
            let created_at = crate::now_unix();
            insert_all!(tx, "people (id, email, display_name, password_hash, created_at)", world.people, |b, r| {
                b.push_bind(r.id).push_bind(&r.email).push_bind(&r.display_name)
                    .push_bind(&r.password_hash).push_bind(created_at);
            });
            insert_all!(tx, "role_assignments (person_id, role, org_id, subject_id)", world.roles, |b, r| {
                b.push_bind(r.person_id).push_bind(r.role).push_bind(r.org_id).push_bind(r.subject_id);
            });
            insert_all!(tx, "academic_years (id, name, starts_on, ends_on)", world.years, |b, r| {
                b.push_bind(r.id).push_bind(&r.name).push_bind(r.starts_on).push_bind(r.ends_on);
            });
            insert_all!(tx, "pupils (id, school_id, pseudonym, display_name, cohort_year_id, disadvantaged, sen, eal, gender, birth_date, ethnicity_group)", world.pupils, |b, r| {
                b.push_bind(r.id).push_bind(r.school_id).push_bind(&r.pseudonym).push_bind(&r.display_name)
                    .push_bind(r.cohort_year_id).push_bind(r.disadvantaged).push_bind(r.sen).push_bind(r.eal)
                    .push_bind(r.gender).push_bind(r.birth_date).push_bind(&r.ethnicity_group);
            });
            insert_all!(tx, "classes (id, school_id, year_id, subject_id, name, year_group)", world.classes, |b, r| {
                b.push_bind(r.id).push_bind(r.school_id).push_bind(r.year_id).push_bind(r.subject_id)
                    .push_bind(&r.name).push_bind(r.year_group);
            });
            insert_all!(tx, "class_teachers (class_id, person_id)", world.class_teachers, |b, r| {
                b.push_bind(r.0).push_bind(r.1);
            });
            insert_all!(tx, "enrolments (class_id, pupil_id)", world.enrolments, |b, r| {
                b.push_bind(r.0).push_bind(r.1);
            });
            insert_all!(tx, "assessment_points (id, year_id, school_id, kind, name, taken_on, scale_min, scale_max)", world.assessment_points, |b, r| {
                b.push_bind(r.id).push_bind(r.year_id).push_bind(r.school_id).push_bind(r.kind)
                    .push_bind(&r.name).push_bind(r.taken_on).push_bind(r.scale_min).push_bind(r.scale_max);
            });
            insert_all!(tx, "results (pupil_id, assessment_point_id, subject_id, score)", world.results, |b, r| {
                b.push_bind(r.pupil_id).push_bind(r.assessment_point_id).push_bind(r.subject_id).push_bind(r.score);
            });
            tx.commit().await?;
        });
        self.advance_identity_sequences().await
    }

    /// After rows were inserted with explicit ids, PostgreSQL's identity sequences must be
    /// moved past them; SQLite needs nothing.
    async fn advance_identity_sequences(&self) -> Result<(), StoreError> {
        if let crate::Pool::Postgres(pool) = &self.pool {
            for table in [
                "orgs",
                "people",
                "role_assignments",
                "academic_years",
                "subjects",
                "pupils",
                "classes",
                "assessment_points",
                "results",
            ] {
                let sql = format!(
                    "SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"
                );
                sqlx::query(sqlx::AssertSqlSafe(sql)).execute(pool).await?;
            }
        }
        Ok(())
    }

    /// Whether the database holds any organisation yet (the demo reuses a seeded database).
    pub async fn is_empty(&self) -> Result<bool, StoreError> {
        let count: i64 = on_pool!(self, pool =>
            sqlx::query_scalar("SELECT COUNT(*) FROM orgs").fetch_one(pool).await)?;
        Ok(count == 0)
    }
}
