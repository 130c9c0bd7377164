//! A nation at scale: a synthetic nation generated inside PostgreSQL, and the sums the
//! national refit reads (ANALYTICS.md §3 and §8).
//!
//! `store.nation()` is the capability's view. The sums — the prior × outcome histogram and
//! each school's moments of the contextual design, `GROUP BY school` — are one SQL text on
//! both engines, generated from the covariate list ([`Covariate`]); the database does the
//! pass over the pupils, the application only the small REML step. Generation uses
//! PostgreSQL's `generate_series` and `hashint8extended` (a seeded hash as the
//! pseudo-random source), so the rows never leave the server.

use crate::{Pool, Store, StoreError, on_pool};
use headway_domain::progress::national::{
    ContextSums, Covariate, PriorOutcomeCount, SchoolAggregate, school_aggregates_from_contexts,
};
use sqlx::{QueryBuilder, Row};
use std::time::{Duration, Instant};

/// The nation's view of the store.
#[derive(Clone, Copy)]
pub struct Nation<'a> {
    store: &'a Store,
}

impl Store {
    pub fn nation(&self) -> Nation<'_> {
        Nation { store: self }
    }
}

/// The starting point of a final result's pupil: the mean of their baseline results of the
/// final's year (the same definition as the progress pages' outcome rows). Binds the year.
fn push_prior_join<DB: sqlx::Database>(query: &mut QueryBuilder<DB>, year: i64)
where
    for<'t> i64: sqlx::Encode<'t, DB> + sqlx::Type<DB>,
{
    query.push(
        " LEFT JOIN (SELECT r.pupil_id AS pupil_id, AVG(r.score) AS prior FROM results r
                     JOIN assessment_points bp ON bp.id = r.assessment_point_id
                     WHERE bp.kind = 'baseline' AND bp.year_id = ",
    );
    query.push_bind(year);
    query.push(" GROUP BY r.pupil_id) b ON b.pupil_id = f.pupil_id");
}

/// The final results of a year and subject, with their pupil (`p`), point (`fp`), year
/// (`ay`) and starting point (`b`). Binds the year twice and the subject.
fn push_finals<DB: sqlx::Database>(query: &mut QueryBuilder<DB>, year: i64, subject: i64)
where
    for<'t> i64: sqlx::Encode<'t, DB> + sqlx::Type<DB>,
{
    query.push(
        " FROM results f
          JOIN assessment_points fp ON fp.id = f.assessment_point_id
          JOIN academic_years ay ON ay.id = fp.year_id
          JOIN pupils p ON p.id = f.pupil_id",
    );
    push_prior_join(query, year);
    push_finals_filter(query, year, subject);
}

/// The same rows with only their point (`fp`) and starting point (`b`): every result has
/// its pupil and every point its year (foreign keys), so these are the rows
/// [`push_finals`] gives, without the join to every pupil that a query not reading the
/// pupils' context need not pay (about half the histogram's time on the full nation).
fn push_finals_without_pupils<DB: sqlx::Database>(
    query: &mut QueryBuilder<DB>,
    year: i64,
    subject: i64,
) where
    for<'t> i64: sqlx::Encode<'t, DB> + sqlx::Type<DB>,
{
    query.push(" FROM results f JOIN assessment_points fp ON fp.id = f.assessment_point_id");
    push_prior_join(query, year);
    push_finals_filter(query, year, subject);
}

fn push_finals_filter<DB: sqlx::Database>(query: &mut QueryBuilder<DB>, year: i64, subject: i64)
where
    for<'t> i64: sqlx::Encode<'t, DB> + sqlx::Type<DB>,
{
    query.push(" WHERE fp.kind = 'final' AND fp.year_id = ");
    query.push_bind(year);
    query.push(" AND f.subject_id = ");
    query.push_bind(subject);
}

/// The year (or month) of a date column as an integer, on both engines: both give a date
/// as `YYYY-MM-DD` text (SQLite stores it so; PostgreSQL's ISO date style prints it so).
fn date_part(column: &str, start: usize, length: usize) -> String {
    format!("CAST(SUBSTR(CAST({column} AS TEXT), {start}, {length}) AS INTEGER)")
}

/// A row of [`Nation::context_sums`]'s query.
fn context_row<R: Row>(row: &R) -> Result<ContextSums, sqlx::Error>
where
    usize: sqlx::ColumnIndex<R>,
    for<'r> i64: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> i32: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> f64: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> String: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
{
    let sum = |i: usize| -> Result<f64, sqlx::Error> {
        Ok(row.try_get::<Option<f64>, _>(i)?.unwrap_or(0.0))
    };
    let flag = |i: usize| -> Result<Option<bool>, sqlx::Error> {
        Ok(row.try_get::<Option<i32>, _>(i)?.map(|v| v != 0))
    };
    Ok(ContextSums {
        school: row.try_get(0)?,
        complete: row.try_get::<i32, _>(1)? != 0,
        disadvantaged: flag(2)?,
        sen: row.try_get(3)?,
        eal: flag(4)?,
        gender: row.try_get(5)?,
        ethnicity: row.try_get(6)?,
        pupils: row.try_get::<i64, _>(7)? as u64,
        y: sum(8)?,
        yy: sum(9)?,
        x: [sum(10)?, sum(11)?, sum(12)?, sum(13)?],
        a: sum(14)?,
        aa: sum(15)?,
        xa: sum(16)?,
        xxa: sum(17)?,
        xy: sum(18)?,
        xxy: sum(19)?,
        ay: sum(20)?,
    })
}

/// The rows of a result with every covariate: a starting point and every context recorded
/// (ethnicity is a level of its own when missing).
const COMPLETE: &str = "b.prior IS NOT NULL AND p.disadvantaged IS NOT NULL
    AND p.sen IN ('none', 'support', 'plan') AND p.eal IS NOT NULL
    AND p.gender IN ('female', 'male', 'other') AND p.birth_date IS NOT NULL";

/// One pass over the rows in PostgreSQL: the physical limit a refit is measured against.
#[derive(Debug, Clone, PartialEq)]
pub struct Pass {
    pub rows: i64,
    pub score_sum: f64,
}

impl Nation<'_> {
    /// Every ethnicity group stored on a pupil, each once (`None` for pupils with none).
    pub async fn ethnicity_values(&self) -> Result<Vec<Option<String>>, StoreError> {
        Ok(
            on_pool!(self.store, pool => sqlx::query_scalar::<_, Option<String>>(
            "SELECT DISTINCT ethnicity_group FROM pupils")
            .fetch_all(pool)
            .await)?,
        )
    }

    /// How many pupils have each (starting point, outcome) pair in a year and subject's
    /// final results, among those with a starting point.
    pub async fn prior_outcome_histogram(
        &self,
        year: i64,
        subject: i64,
    ) -> Result<Vec<PriorOutcomeCount>, StoreError> {
        let rows: Vec<(f64, f64, i64)> = on_pool!(self.store, pool => {
            let mut query = QueryBuilder::new("SELECT b.prior, f.score, COUNT(*)");
            push_finals_without_pupils(&mut query, year, subject);
            query.push(" AND b.prior IS NOT NULL GROUP BY b.prior, f.score ORDER BY b.prior, f.score");
            query.build_query_as::<(f64, f64, i64)>().fetch_all(pool).await
        })?;
        Ok(rows
            .into_iter()
            .map(|(prior, outcome, pupils)| PriorOutcomeCount {
                prior,
                outcome,
                pupils: pupils as u64,
            })
            .collect())
    }

    /// Each school's sums over a year and subject's final results, `GROUP BY school`: the
    /// number of outcomes and their sum, and the raw moments (`n_j`, `Σz`, `Σzz'`) of
    /// `z = [covariates, outcome]` over the results with every covariate, prior attainment
    /// centred on `centre`. Ordered by school.
    ///
    /// The database does the pass over the rows in two small steps: the rows grouped by
    /// school, context, starting point and age (counting them and summing `y`, `y²`), then
    /// those groups by school and context, summing the 14 powers of `x`, `a` and `y` the
    /// products need ([`ContextSums`]). The products of the columns are multiplied out per
    /// context in Rust ([`school_aggregates_from_contexts`]). Summing every product per row
    /// inside the database cost about 50 µs a row: PostgreSQL evaluates each column's
    /// expression again in every product that names it.
    pub async fn school_moments(
        &self,
        year: i64,
        subject: i64,
        covariates: &[Covariate],
        centre: f64,
    ) -> Result<Vec<SchoolAggregate>, StoreError> {
        let contexts = self.context_sums(year, subject, centre).await?;
        Ok(school_aggregates_from_contexts(&contexts, covariates))
    }

    /// A year and subject's final results summed by school and context ([`ContextSums`]),
    /// ordered by school.
    pub async fn context_sums(
        &self,
        year: i64,
        subject: i64,
        centre: f64,
    ) -> Result<Vec<ContextSums>, StoreError> {
        let age = format!(
            "CAST(({} - {}) * 12 + ({} - {}) AS DOUBLE PRECISION)",
            date_part("ay.starts_on", 1, 4),
            date_part("p.birth_date", 1, 4),
            date_part("ay.starts_on", 6, 2),
            date_part("p.birth_date", 6, 2),
        );
        let rows = on_pool!(self.store, pool => {
            let mut query = QueryBuilder::new(
                "SELECT g.school, g.ok, g.disadvantaged, g.sen, g.eal, g.gender, g.ethnicity,
                        CAST(SUM(g.n) AS BIGINT), SUM(g.sy), SUM(g.syy),
                        SUM(g.n * g.x), SUM(g.n * g.x * g.x), SUM(g.n * g.x * g.x * g.x),
                        SUM(g.n * g.x * g.x * g.x * g.x),
                        SUM(g.n * g.a), SUM(g.n * g.a * g.a), SUM(g.n * g.x * g.a), SUM(g.n * g.x * g.x * g.a),
                        SUM(g.sy * g.x), SUM(g.sy * g.x * g.x), SUM(g.sy * g.a)
                 FROM (SELECT t.school, t.ok, t.disadvantaged, t.sen, t.eal, t.gender, t.ethnicity,
                              t.x, t.a, COUNT(*) AS n, SUM(t.y) AS sy, SUM(t.y * t.y) AS syy
                       FROM (SELECT p.school_id AS school, f.score AS y,",
            );
            query.push(format!(
                " CASE WHEN {COMPLETE} THEN 1 ELSE 0 END AS ok,
                  CASE WHEN p.disadvantaged THEN 1 WHEN NOT p.disadvantaged THEN 0 END AS disadvantaged,
                  p.sen AS sen, CASE WHEN p.eal THEN 1 WHEN NOT p.eal THEN 0 END AS eal,
                  p.gender AS gender, p.ethnicity_group AS ethnicity, {age} AS a, b.prior - "
            ));
            query.push_bind(centre);
            query.push(" AS x");
            push_finals(&mut query, year, subject);
            query.push(
                ") t GROUP BY t.school, t.ok, t.disadvantaged, t.sen, t.eal, t.gender, t.ethnicity, t.x, t.a) g
                 GROUP BY g.school, g.ok, g.disadvantaged, g.sen, g.eal, g.gender, g.ethnicity
                 ORDER BY g.school",
            );
            query.build().fetch_all(pool).await?.iter().map(context_row).collect::<Result<Vec<_>, sqlx::Error>>()
        })?;
        Ok(rows)
    }

    /// One pass over every result: their number and the sum of their scores.
    pub async fn pass_over_results(&self) -> Result<Pass, StoreError> {
        let (rows, score_sum): (i64, Option<f64>) = on_pool!(self.store, pool =>
            sqlx::query_as("SELECT COUNT(*), SUM(score) FROM results").fetch_one(pool).await)?;
        Ok(Pass {
            rows,
            score_sum: score_sum.unwrap_or(0.0),
        })
    }
}

/// What to generate: `schools` schools holding `pupils` pupils over `years` academic years
/// (each pupil in one year's cohort, with a baseline and a final result in each subject).
#[derive(Debug, Clone, PartialEq)]
pub struct NationPlan {
    pub schools: i64,
    pub pupils: i64,
    pub years: i64,
    pub seed: i64,
    /// The calendar year the first academic year starts in.
    pub first_year: i32,
    /// Schools per cluster.
    pub cluster_size: i64,
    /// The password hash of the ordinary school's staff accounts.
    pub staff_password_hash: String,
}

/// The organisation id of the ordinary school (the one with staff, classes taught and pupil
/// names): the nation's first school.
pub const ORDINARY_SCHOOL: i64 = 100_001;
/// The subject ids of the generated nation.
pub const CAPPED_NINE: i64 = 1;
pub const MATHEMATICS: i64 = 2;
pub const BASELINE: i64 = 3;
/// The email domain of the ordinary school's staff (`head@…`, `teacher@…`).
pub const STAFF_DOMAIN: &str = "nation.headway.school";

/// Rows written to one table and how long it took.
#[derive(Debug, Clone, PartialEq)]
pub struct TableWritten {
    pub table: &'static str,
    pub rows: u64,
    pub took: Duration,
}

/// The base of each generated school's id: school s (1-based) is org 100,000 + s.
const SCHOOL_BASE: i64 = 100_000;

impl Nation<'_> {
    /// Generates the nation inside PostgreSQL, in one transaction, into an empty database.
    /// Refused on SQLite and on a database that holds any organisation.
    pub async fn generate(&self, plan: &NationPlan) -> Result<Vec<TableWritten>, StoreError> {
        let Pool::Postgres(pool) = &self.store.pool else {
            return Err(StoreError::Internal(
                "a nation is generated inside PostgreSQL; this database is SQLite".into(),
            ));
        };
        if plan.schools < 1 || plan.pupils < plan.schools || plan.years < 1 || plan.years > 20 {
            return Err(StoreError::Internal(format!(
                "a nation needs at least one school, a pupil per school and 1 to 20 years (asked: {} schools, {} pupils, {} years)",
                plan.schools, plan.pupils, plan.years
            )));
        }
        if !self.store.is_empty().await? {
            return Err(StoreError::Internal(
                "the database already holds organisations: a nation is generated into an empty one"
                    .into(),
            ));
        }
        let mut tx = pool.begin().await?;
        sqlx::query("SET LOCAL synchronous_commit = off")
            .execute(&mut *tx)
            .await?;
        let mut written = Vec::new();
        let seed = plan.seed;
        // A uniform number in [0, 1) from an id and a stream: the seeded hash's low 52 bits.
        let uniform = |id: &str, stream: i64| {
            format!(
                "((hashint8extended({id}, {}) & 4503599627370495)::float8 / 4503599627370496.0::float8)",
                seed.wrapping_mul(64).wrapping_add(stream)
            )
        };
        // A standard normal number (Box–Muller) from two streams.
        let normal = |id: &str, stream: i64| {
            format!(
                "(sqrt(-2.0 * ln(1.0 - {})) * cos(2.0 * pi() * {}))",
                uniform(id, stream),
                uniform(id, stream + 1)
            )
        };
        let per_school = (plan.pupils + plan.schools - 1) / plan.schools;
        let clusters = (plan.schools + plan.cluster_size - 1) / plan.cluster_size.max(1);
        let steps: Vec<(&'static str, String)> = vec![
            ("orgs", "INSERT INTO orgs (id, kind, name, parent_id) VALUES (1, 'system', 'Synthetic nation', NULL)".into()),
            ("orgs", format!(
                "INSERT INTO orgs (id, kind, name, parent_id)
                 SELECT 10 + c, 'cluster', 'Cluster ' || c, 1 FROM generate_series(1, {clusters}) c")),
            ("orgs", format!(
                "INSERT INTO orgs (id, kind, name, parent_id)
                 SELECT {SCHOOL_BASE} + s, 'school', CASE WHEN s = 1 THEN 'Ysgol y Genedl' ELSE 'School ' || lpad(s::text, 5, '0') END,
                        10 + (s - 1) / {} + 1
                 FROM generate_series(1, {}) s", plan.cluster_size.max(1), plan.schools)),
            ("schools", format!(
                "INSERT INTO schools (org_id, code, phase, number_on_roll, fsm_share, head_started_on, is_reference_only)
                 SELECT {SCHOOL_BASE} + s, 'N' || lpad(s::text, 5, '0'), 'secondary', {per_school},
                        round((0.03 + 0.5 * {u} * {u})::numeric, 3)::float8,
                        CASE WHEN s = 1 THEN DATE '2021-09-01' END, s <> 1
                 FROM generate_series(1, {}) s", plan.schools, u = uniform("s", 0))),
            ("subjects", format!(
                "INSERT INTO subjects (id, code, name) VALUES
                 ({CAPPED_NINE}, 'CAP9', 'Capped 9 points score'), ({MATHEMATICS}, 'MAT', 'Mathematics'),
                 ({BASELINE}, 'KS2', 'Key stage 2 (starting point)')")),
            ("academic_years", format!(
                "INSERT INTO academic_years (id, name, starts_on, ends_on)
                 SELECT y, ({} + y - 1) || '/' || lpad((({} + y) % 100)::text, 2, '0'),
                        make_date({} + y - 1, 9, 1), make_date({} + y, 8, 31)
                 FROM generate_series(1, {}) y",
                plan.first_year, plan.first_year, plan.first_year, plan.first_year, plan.years)),
            ("assessment_points", format!(
                "INSERT INTO assessment_points (id, year_id, school_id, kind, name, taken_on, scale_min, scale_max)
                 SELECT 2 * y - 1, y, NULL::bigint, 'baseline', 'Key stage 2', make_date({} + y - 6, 5, 10), 80, 120
                 FROM generate_series(1, {}) y
                 UNION ALL
                 SELECT 2 * y, y, NULL::bigint, 'final', 'GCSE', make_date({} + y, 6, 20), 0, 522
                 FROM generate_series(1, {}) y",
                plan.first_year, plan.years, plan.first_year, plan.years)),
            // Pupil i (0-based) is in school i / per_school, cohort year i % years + 1; a
            // school's pupils have neighbouring ids, so its rows sit together on disk.
            ("pupils", format!(
                "INSERT INTO pupils (id, school_id, pseudonym, display_name, cohort_year_id, disadvantaged, sen, eal, gender, birth_date, ethnicity_group)
                 SELECT i + 1, {SCHOOL_BASE} + 1 + i / {per_school}, 'N' || (i + 1),
                        CASE WHEN i < {per_school} THEN 'Pupil ' || (i + 1) END,
                        i % {years} + 1,
                        {u_dis} < s.fsm_share,
                        CASE WHEN {u_sen} < 0.03 THEN 'plan' WHEN {u_sen} < 0.15 THEN 'support' ELSE 'none' END,
                        {u_eal} < 0.08,
                        CASE WHEN {u_gen} < 0.49 THEN 'female' WHEN {u_gen} < 0.995 THEN 'male' ELSE 'other' END,
                        make_date({first} + i % {years} - 16, 9, 1) + (floor({u_age} * 365))::int,
                        CASE WHEN {u_eth} < 0.80 THEN 'White' WHEN {u_eth} < 0.87 THEN 'Asian'
                             WHEN {u_eth} < 0.91 THEN 'Black' WHEN {u_eth} < 0.95 THEN 'Mixed'
                             WHEN {u_eth} < 0.97 THEN 'Other' END
                 FROM generate_series(0, {last}) i
                 JOIN schools s ON s.org_id = {SCHOOL_BASE} + 1 + i / {per_school}",
                years = plan.years, first = plan.first_year, last = plan.pupils - 1,
                u_dis = uniform("i", 1), u_sen = uniform("i", 2), u_eal = uniform("i", 3),
                u_gen = uniform("i", 4), u_age = uniform("i", 5), u_eth = uniform("i", 6))),
            // A baseline (KS2 scaled score, 80–120) for every pupil in their cohort year.
            ("results", format!(
                "INSERT INTO results (pupil_id, assessment_point_id, subject_id, score)
                 SELECT p.id, 2 * p.cohort_year_id - 1, {BASELINE},
                        least(120, greatest(80, round(104 + 6 * {z})))
                 FROM pupils p", z = normal("p.id", 8))),
            // Finals: CAP9 points (0–522) and a mathematics grade (0–9) from the starting
            // point, context, a school effect and noise.
            ("results", format!(
                "INSERT INTO results (pupil_id, assessment_point_id, subject_id, score)
                 SELECT t.id, 2 * t.cohort_year_id, {CAPPED_NINE},
                        least(522, greatest(0, round(9 * (36 + 7 * t.latent + 5 * {z_cap}))))
                 FROM latent t
                 UNION ALL
                 SELECT t.id, 2 * t.cohort_year_id, {MATHEMATICS},
                        least(9, greatest(0, round(4.6 + 1.3 * t.latent + 0.9 * {z_mat})))
                 FROM latent t",
                z_cap = normal("t.id", 12), z_mat = normal("t.id", 14))),
        ];
        // Each pupil's latent attainment, used by both finals.
        let latent = format!(
            "CREATE TEMPORARY TABLE latent ON COMMIT DROP AS
             SELECT p.id, p.cohort_year_id,
                    0.75 * (b.score - 104) / 6 + 0.35 * {z_school} - 0.35 * (p.disadvantaged)::int
                    - 0.3 * (p.sen = 'support')::int - 0.8 * (p.sen = 'plan')::int + 0.1 * (p.eal)::int
                    + 0.1 * (p.gender = 'female')::int
                    - 0.001 * (p.birth_date - make_date({first} + p.cohort_year_id::int - 17, 9, 1))
                    + 0.4 * {z_pupil} AS latent
             FROM pupils p JOIN results b ON b.pupil_id = p.id AND b.subject_id = {BASELINE}",
            z_school = normal("p.school_id", 20),
            z_pupil = normal("p.id", 22),
            first = plan.first_year
        );
        for (index, (table, sql)) in steps.into_iter().enumerate() {
            // The latent attainment is made once the baselines are written (before the finals).
            if index == 9 {
                let started = Instant::now();
                sqlx::query(sqlx::AssertSqlSafe(latent.clone()))
                    .execute(&mut *tx)
                    .await?;
                written.push(TableWritten {
                    table: "latent (temporary)",
                    rows: plan.pupils as u64,
                    took: started.elapsed(),
                });
            }
            let started = Instant::now();
            let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
                .execute(&mut *tx)
                .await?
                .rows_affected();
            written.push(TableWritten {
                table,
                rows,
                took: started.elapsed(),
            });
        }
        let classes = self.generate_classes(&mut tx, plan).await?;
        written.extend(classes);
        crate::versions::bump_data_version!(tx);
        tx.commit().await?;
        self.store.advance_identity_sequences().await?;
        let started = Instant::now();
        sqlx::query(
            "ANALYZE orgs, schools, pupils, classes, enrolments, assessment_points, results",
        )
        .execute(pool)
        .await?;
        written.push(TableWritten {
            table: "(analyze)",
            rows: 0,
            took: started.elapsed(),
        });
        Ok(written)
    }

    /// One class per school, year and subject (a year group's set), every pupil of the
    /// cohort enrolled in it; the ordinary school's staff, who teach its classes.
    async fn generate_classes(
        &self,
        tx: &mut sqlx::Transaction<'_, sqlx::Postgres>,
        plan: &NationPlan,
    ) -> Result<Vec<TableWritten>, StoreError> {
        let mut written = Vec::new();
        let subjects = 2;
        let steps: Vec<(&'static str, String)> = vec![
            // Class id = ((school − 1) · years + (year − 1)) · subjects + subject.
            ("classes", format!(
                "INSERT INTO classes (id, school_id, year_id, subject_id, name, year_group)
                 SELECT ((s - 1) * {years} + (y - 1)) * {subjects} + subj, {SCHOOL_BASE} + s, y, subj,
                        '11' || CASE WHEN subj = {CAPPED_NINE} THEN 'C' ELSE 'M' END, 11
                 FROM generate_series(1, {schools}) s, generate_series(1, {years}) y, generate_series(1, {subjects}) subj",
                years = plan.years, schools = plan.schools)),
            ("enrolments", format!(
                "INSERT INTO enrolments (class_id, pupil_id)
                 SELECT ((p.school_id - {SCHOOL_BASE} - 1) * {years} + (p.cohort_year_id - 1)) * {subjects} + subj, p.id
                 FROM pupils p, generate_series(1, {subjects}) subj",
                years = plan.years)),
            ("people", format!(
                "INSERT INTO people (id, email, display_name, password_hash, created_at) VALUES
                 (1, 'head@{STAFF_DOMAIN}', 'Eleri Morgan', $1, 0),
                 (2, 'teacher@{STAFF_DOMAIN}', 'Dafydd Rees', $1, 0),
                 (3, 'governor@{STAFF_DOMAIN}', 'Siân Evans', $1, 0)")),
            ("role_assignments", format!(
                "INSERT INTO role_assignments (person_id, role, org_id, subject_id) VALUES
                 (1, 'head', {ORDINARY_SCHOOL}, NULL), (2, 'teacher', {ORDINARY_SCHOOL}, NULL),
                 (3, 'governor', {ORDINARY_SCHOOL}, NULL)")),
            ("class_teachers", format!(
                "INSERT INTO class_teachers (class_id, person_id)
                 SELECT id, 2 FROM classes WHERE school_id = {ORDINARY_SCHOOL}")),
        ];
        for (table, sql) in steps {
            let started = Instant::now();
            let query = sqlx::query(sqlx::AssertSqlSafe(sql));
            let query = if table == "people" {
                query.bind(&plan.staff_password_hash)
            } else {
                query
            };
            let rows = query.execute(&mut **tx).await?.rows_affected();
            written.push(TableWritten {
                table,
                rows,
                took: started.elapsed(),
            });
        }
        Ok(written)
    }
}
