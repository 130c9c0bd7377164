//! Applying an import: a validated batch of rows that name each other by their source ids
//! (OneRoster `sourcedId`s), written in one transaction, all or nothing.
//!
//! Each row is matched to what the database already holds by its source id (a few tables by
//! their natural key: subjects by code, years by name, people by email when they have no
//! source id yet, results by pupil, assessment point and subject), then counted as *added*,
//! *changed* or *unchanged*; only added and changed rows are written, so importing the same
//! files twice changes nothing. A preview is the same work in a transaction that is rolled
//! back, so its counts are exactly what applying would do.

mod sheets;

pub use sheets::{PendingSheet, SheetReferences};

use crate::{Engine, Store, StoreError, on_pool};
use headway_domain::ids::SchoolId;
pub use headway_domain::roster::plan::*;
use rand::RngExt;
use sqlx::QueryBuilder;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use time::Date;

/// Rows per multi-row INSERT: under SQLite's 32,766 bound parameters for the widest table.
const CHUNK: usize = 2_500;

/// The secondary indexes of `results` (migration 0006), as a first import rebuilds them.
const RESULTS_INDEXES: [(&str, &str); 2] = [
    (
        "results_point_subject",
        "CREATE INDEX results_point_subject ON results(assessment_point_id, subject_id)",
    ),
    (
        "results_source_id",
        "CREATE UNIQUE INDEX results_source_id ON results(source_id)",
    ),
];

fn counts(table: &str) -> TableCounts {
    TableCounts {
        table: table.to_owned(),
        ..TableCounts::default()
    }
}

fn pseudonym() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = rand::rng();
    let tail: String = (0..10)
        .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
        .collect();
    format!("P-{tail}")
}

fn missing(what: &str, source_id: &str) -> StoreError {
    StoreError::NotFound(format!("{what} '{source_id}'"))
}

/// The school-wide figures a new school row needs, from the pupils of the batch.
fn roll_and_fsm(batch: &ImportBatch, school: &str) -> (i64, f64) {
    let pupils: Vec<&ImportPupil> = batch.pupils.iter().filter(|p| p.school == school).collect();
    let known: Vec<bool> = pupils
        .iter()
        .filter_map(|p| p.context.as_ref().and_then(|c| c.disadvantaged))
        .collect();
    let fsm = if known.is_empty() {
        0.0
    } else {
        known.iter().filter(|d| **d).count() as f64 / known.len() as f64
    };
    (pupils.len() as i64, fsm)
}

/// The upsert of `rows` results. SQLite gets anonymous `?` parameters: finding a numbered
/// one by its number is a linear search there, quadratic over a statement this long.
fn insert_results_sql(rows: usize, engine: Engine) -> Arc<str> {
    use std::fmt::Write;
    let mut sql = String::from(
        "INSERT INTO results (pupil_id, assessment_point_id, subject_id, score, source_id) VALUES ",
    );
    for row in 0..rows {
        sql.push_str(if row == 0 { "(" } else { ", (" });
        for column in 0..5 {
            sql.push_str(if column == 0 { "" } else { ", " });
            match engine {
                Engine::Sqlite => sql.push('?'),
                Engine::Postgres => {
                    let _ = write!(sql, "${}", row * 5 + column + 1);
                }
            }
        }
        sql.push(')');
    }
    // A result held already is rewritten only when it differs, so that the statement's count
    // of rows written is the count of new and changed results.
    sql.push_str(" ON CONFLICT (pupil_id, assessment_point_id, subject_id) DO UPDATE SET score = excluded.score, source_id = excluded.source_id \
        WHERE results.score IS DISTINCT FROM excluded.score OR results.source_id IS DISTINCT FROM excluded.source_id");
    sql.into()
}

type PupilColumns = (
    i64,
    String,
    i64,
    Option<String>,
    Option<bool>,
    Option<String>,
    Option<bool>,
    Option<String>,
    Option<Date>,
    Option<String>,
);

/// What validation running beside a streamed import sends it.
#[derive(Debug)]
pub enum Streamed {
    /// Results accepted so far.
    Results(Vec<ImportResult>),
    /// Validation is over: the results a delta file removes, and whether the bundle passed.
    /// Without it (the sender gone), or when it did not pass, nothing is written.
    End {
        removed_results: Vec<String>,
        passed: bool,
    },
}

/// Where the results of an import come from.
enum Feed<'a> {
    /// A batch's own results, some at a time, and the results it removes.
    Batch(std::slice::Chunks<'a, ImportResult>, &'a [String]),
    Stream(tokio::sync::mpsc::Receiver<Streamed>),
}

impl Store {
    /// Applies `batch` in one transaction (or previews it: the same work, rolled back) and
    /// returns what was added, changed and left alone. On any error nothing is written.
    pub async fn import(
        &self,
        batch: &ImportBatch,
        mode: Mode,
    ) -> Result<ImportCounts, StoreError> {
        let feed = Feed::Batch(batch.results.chunks(CHUNK * 4), &batch.removed_results);
        let counts = self.import_from(batch, feed, mode).await?;
        Ok(counts.expect("a batch's own results are always complete"))
    }

    /// Like [`Store::import`], with the results arriving on `results` while validation is
    /// still reading them, and `batch` everything else. The transaction is committed (or, in
    /// a preview, rolled back) only after [`Streamed::End`] says the bundle passed; otherwise
    /// nothing is written and the answer is `None`.
    pub async fn import_streamed(
        &self,
        batch: &ImportBatch,
        results: tokio::sync::mpsc::Receiver<Streamed>,
        mode: Mode,
    ) -> Result<Option<ImportCounts>, StoreError> {
        self.import_from(batch, Feed::Stream(results), mode).await
    }

    async fn import_from(
        &self,
        batch: &ImportBatch,
        mut feed: Feed<'_>,
        mode: Mode,
    ) -> Result<Option<ImportCounts>, StoreError> {
        let mut out = ImportCounts::default();
        let mut passed = true;
        on_pool!(self, pool => {
            let mut conn = pool.acquire().await?;
            // A large import touches far more pages than SQLite's default cache (2 MB) holds,
            // and pages pushed out mid-transaction are written to the WAL and read back. The
            // connection gets its usual cache back afterwards, whatever the outcome.
            let usual_cache: Option<i64> = if self.engine() == Engine::Sqlite {
                let usual = sqlx::query_scalar("PRAGMA cache_size").fetch_one(&mut *conn).await?;
                sqlx::query("PRAGMA cache_size = -131072").execute(&mut *conn).await?;
                Some(usual)
            } else {
                None
            };
            let outcome: Result<(), StoreError> = async {
                let mut tx = sqlx::Connection::begin(&mut *conn).await?;

                // Organisations and schools.
                let mut c = counts("schools");
                let mut org_ids: HashMap<String, i64> = sqlx::query_as::<_, (String, i64)>(
                    "SELECT source_id, id FROM orgs WHERE source_id IS NOT NULL")
                    .fetch_all(&mut *tx).await?.into_iter().collect();
                let bundle_schools = batch.orgs.iter().filter(|o| o.school.is_some()).count();
                for org in &batch.orgs {
                    if let Some(&id) = org_ids.get(&org.source_id) {
                        let name: String = sqlx::query_scalar(
                            "SELECT name FROM orgs WHERE id = $1").bind(id).fetch_one(&mut *tx).await?;
                        if name != org.name {
                            sqlx::query("UPDATE orgs SET name = $1 WHERE id = $2")
                                .bind(&org.name).bind(id).execute(&mut *tx).await?;
                            c.changed += 1;
                        } else {
                            c.unchanged += 1;
                        }
                        continue;
                    }
                    if let (Some(_), Some(target), 1) = (&org.school, batch.school, bundle_schools) {
                        // The bundle's one school is the school the import is for: link it.
                        let linked: Option<Option<String>> = sqlx::query_scalar(
                            "SELECT orgs.source_id FROM orgs JOIN schools ON schools.org_id = orgs.id WHERE orgs.id = $1")
                            .bind(target).fetch_optional(&mut *tx).await?;
                        match linked {
                            None => return Err(StoreError::NotFound(format!("school {target}"))),
                            Some(Some(other)) => return Err(StoreError::Duplicate(format!(
                                "school {target} is already linked to the OneRoster org '{other}', not '{}'", org.source_id))),
                            Some(None) => {}
                        }
                        sqlx::query("UPDATE orgs SET source_id = $1, name = $2 WHERE id = $3")
                            .bind(&org.source_id).bind(&org.name).bind(target).execute(&mut *tx).await?;
                        org_ids.insert(org.source_id.clone(), target);
                        c.changed += 1;
                        continue;
                    }
                    let id: i64 = sqlx::query_scalar(
                        "INSERT INTO orgs (kind, name, source_id) VALUES ($1, $2, $3) RETURNING id")
                        .bind(&org.kind).bind(&org.name).bind(&org.source_id).fetch_one(&mut *tx).await?;
                    if let Some(school) = &org.school {
                        let (roll, fsm) = roll_and_fsm(batch, &org.source_id);
                        sqlx::query("INSERT INTO schools (org_id, code, phase, number_on_roll, fsm_share) VALUES ($1, $2, $3, $4, $5)")
                            .bind(id).bind(&school.code).bind(&school.phase).bind(roll).bind(fsm)
                            .execute(&mut *tx).await?;
                    }
                    org_ids.insert(org.source_id.clone(), id);
                    c.added += 1;
                }
                for org in &batch.orgs {
                    if let Some(parent) = &org.parent {
                        let parent = *org_ids.get(parent).ok_or_else(|| missing("org", parent))?;
                        sqlx::query("UPDATE orgs SET parent_id = $1 WHERE id = $2 AND parent_id IS DISTINCT FROM $1")
                            .bind(parent).bind(org_ids[&org.source_id]).execute(&mut *tx).await?;
                    }
                }
                out.tables.push(c);

                // Academic years: by source id, else by name.
                let mut c = counts("academic_years");
                let existing: Vec<(i64, String, Option<String>, Date, Date)> = sqlx::query_as(
                    "SELECT id, name, source_id, starts_on, ends_on FROM academic_years")
                    .fetch_all(&mut *tx).await?;
                let mut year_ids: HashMap<String, i64> = HashMap::new();
                for y in &existing {
                    if let Some(s) = &y.2 { year_ids.insert(s.clone(), y.0); }
                }
                for year in &batch.years {
                    let found = existing.iter().find(|e| e.2.as_deref() == Some(&year.source_id))
                        .or_else(|| existing.iter().find(|e| e.1 == year.name));
                    match found {
                        Some(e) if e.1 == year.name && e.2.as_deref() == Some(&year.source_id)
                            && e.3 == year.starts_on && e.4 == year.ends_on => c.unchanged += 1,
                        Some(e) => {
                            sqlx::query("UPDATE academic_years SET name = $1, source_id = $2, starts_on = $3, ends_on = $4 WHERE id = $5")
                                .bind(&year.name).bind(&year.source_id).bind(year.starts_on).bind(year.ends_on).bind(e.0)
                                .execute(&mut *tx).await?;
                            year_ids.insert(year.source_id.clone(), e.0);
                            c.changed += 1;
                        }
                        None => {
                            let id: i64 = sqlx::query_scalar(
                                "INSERT INTO academic_years (name, starts_on, ends_on, source_id) VALUES ($1, $2, $3, $4) RETURNING id")
                                .bind(&year.name).bind(year.starts_on).bind(year.ends_on).bind(&year.source_id)
                                .fetch_one(&mut *tx).await?;
                            year_ids.insert(year.source_id.clone(), id);
                            c.added += 1;
                        }
                    }
                }
                out.tables.push(c);

                // Subjects, by code.
                let mut c = counts("subjects");
                let mut subject_ids: HashMap<String, (i64, String)> = sqlx::query_as::<_, (String, i64, String)>(
                    "SELECT code, id, name FROM subjects").fetch_all(&mut *tx).await?
                    .into_iter().map(|(code, id, name)| (code, (id, name))).collect();
                for subject in &batch.subjects {
                    match subject_ids.get(&subject.code) {
                        Some((_, name)) if *name == subject.name => c.unchanged += 1,
                        Some((id, _)) => {
                            sqlx::query("UPDATE subjects SET name = $1 WHERE id = $2")
                                .bind(&subject.name).bind(*id).execute(&mut *tx).await?;
                            c.changed += 1;
                        }
                        None => {
                            let id: i64 = sqlx::query_scalar(
                                "INSERT INTO subjects (code, name) VALUES ($1, $2) RETURNING id")
                                .bind(&subject.code).bind(&subject.name).fetch_one(&mut *tx).await?;
                            subject_ids.insert(subject.code.clone(), (id, subject.name.clone()));
                            c.added += 1;
                        }
                    }
                }
                out.tables.push(c);
                let subject_id = |code: &str| subject_ids.get(code).map(|s| s.0).ok_or_else(|| missing("subject", code));

                // People: by source id, else an account with the same email is linked.
                let mut c = counts("people");
                let existing: Vec<(i64, Option<String>, Option<String>, String)> = sqlx::query_as(
                    "SELECT id, source_id, email, display_name FROM people WHERE source_id IS NOT NULL OR email IS NOT NULL")
                    .fetch_all(&mut *tx).await?;
                let by_source: HashMap<&str, usize> = existing.iter().enumerate()
                    .filter_map(|(i, e)| e.1.as_deref().map(|s| (s, i))).collect();
                let by_email: HashMap<&str, usize> = existing.iter().enumerate()
                    .filter_map(|(i, e)| e.2.as_deref().map(|s| (s, i))).collect();
                let mut person_ids: HashMap<String, i64> = HashMap::new();
                let now = crate::now_unix();
                for person in &batch.people {
                    let found = by_source.get(person.source_id.as_str())
                        .or_else(|| person.email.as_deref().and_then(|e| by_email.get(e)))
                        .map(|&i| &existing[i]);
                    let id = match found {
                        Some(e) if e.1.as_deref() == Some(&person.source_id) && e.3 == person.display_name
                            && (person.email.is_none() || e.2 == person.email) => { c.unchanged += 1; e.0 }
                        Some(e) => {
                            sqlx::query("UPDATE people SET source_id = $1, display_name = $2, email = COALESCE($3, email) WHERE id = $4")
                                .bind(&person.source_id).bind(&person.display_name).bind(&person.email).bind(e.0)
                                .execute(&mut *tx).await?;
                            c.changed += 1;
                            e.0
                        }
                        None => {
                            c.added += 1;
                            sqlx::query_scalar(
                                "INSERT INTO people (email, display_name, source_id, created_at) VALUES ($1, $2, $3, $4) RETURNING id")
                                .bind(&person.email).bind(&person.display_name).bind(&person.source_id).bind(now)
                                .fetch_one(&mut *tx).await?
                        }
                    };
                    if let Some(school) = &person.school {
                        let org = *org_ids.get(school).ok_or_else(|| missing("org", school))?;
                        let has: i64 = sqlx::query_scalar(
                            "SELECT COUNT(*) FROM role_assignments WHERE person_id = $1 AND role = 'teacher' AND org_id = $2")
                            .bind(id).bind(org).fetch_one(&mut *tx).await?;
                        if has == 0 {
                            sqlx::query("INSERT INTO role_assignments (person_id, role, org_id) VALUES ($1, 'teacher', $2)")
                                .bind(id).bind(org).execute(&mut *tx).await?;
                        }
                    }
                    person_ids.insert(person.source_id.clone(), id);
                }
                out.tables.push(c);
                for (id, source, ..) in &existing {
                    if let Some(s) = source { person_ids.entry(s.clone()).or_insert(*id); }
                }

                // Pupils, by source id; a new pupil gets a fresh pseudonym.
                let mut c = counts("pupils");
                let existing: Vec<PupilColumns> = sqlx::query_as(
                    "SELECT id, source_id, school_id, display_name, disadvantaged, sen, eal, gender, birth_date, ethnicity_group
                     FROM pupils WHERE source_id IS NOT NULL").fetch_all(&mut *tx).await?;
                let by_source: HashMap<&str, &PupilColumns> = existing.iter().map(|e| (e.1.as_str(), e)).collect();
                let mut new_pupils = Vec::new();
                for pupil in &batch.pupils {
                    let school = *org_ids.get(&pupil.school).ok_or_else(|| missing("school", &pupil.school))?;
                    match by_source.get(pupil.source_id.as_str()) {
                        None => { new_pupils.push((pupil, school)); c.added += 1; }
                        Some(e) => {
                            let same_context = match &pupil.context {
                                None => true,
                                Some(x) => e.4 == x.disadvantaged && e.5 == x.sen && e.6 == x.eal
                                    && e.7 == x.gender && e.8 == x.birth_date && e.9 == x.ethnicity_group,
                            };
                            if e.2 == school && e.3 == pupil.display_name && same_context {
                                c.unchanged += 1;
                                continue;
                            }
                            c.changed += 1;
                            sqlx::query("UPDATE pupils SET school_id = $1, display_name = $2 WHERE id = $3")
                                .bind(school).bind(&pupil.display_name).bind(e.0).execute(&mut *tx).await?;
                            if let Some(x) = &pupil.context {
                                sqlx::query("UPDATE pupils SET disadvantaged = $1, sen = $2, eal = $3, gender = $4, birth_date = $5, ethnicity_group = $6 WHERE id = $7")
                                    .bind(x.disadvantaged).bind(&x.sen).bind(x.eal).bind(&x.gender).bind(x.birth_date)
                                    .bind(&x.ethnicity_group).bind(e.0).execute(&mut *tx).await?;
                            }
                        }
                    }
                }
                let none = PupilContext::default();
                for chunk in new_pupils.chunks(CHUNK) {
                    let mut q = QueryBuilder::new("INSERT INTO pupils (school_id, pseudonym, display_name, disadvantaged, sen, eal, gender, birth_date, ethnicity_group, source_id) ");
                    q.push_values(chunk, |mut b, (p, school)| {
                        let x = p.context.as_ref().unwrap_or(&none);
                        b.push_bind(*school).push_bind(pseudonym()).push_bind(&p.display_name)
                            .push_bind(x.disadvantaged).push_bind(&x.sen).push_bind(x.eal).push_bind(&x.gender)
                            .push_bind(x.birth_date).push_bind(&x.ethnicity_group).push_bind(&p.source_id);
                    });
                    q.build().execute(&mut *tx).await?;
                }
                out.tables.push(c);
                let pupil_ids: HashMap<String, i64> = sqlx::query_as::<_, (String, i64)>(
                    "SELECT source_id, id FROM pupils WHERE source_id IS NOT NULL").fetch_all(&mut *tx).await?
                    .into_iter().collect();

                // Classes, by source id.
                let mut c = counts("classes");
                type ClassColumns = (i64, i64, i64, Option<i64>, String, Option<i64>);
                let existing: HashMap<String, ClassColumns> =
                    sqlx::query_as::<_, (String, i64, i64, i64, Option<i64>, String, Option<i64>)>(
                    "SELECT source_id, id, school_id, year_id, subject_id, name, year_group FROM classes WHERE source_id IS NOT NULL")
                    .fetch_all(&mut *tx).await?.into_iter().map(|r| (r.0, (r.1, r.2, r.3, r.4, r.5, r.6))).collect();
                let mut class_ids: HashMap<String, i64> = existing.iter().map(|(s, e)| (s.clone(), e.0)).collect();
                for class in &batch.classes {
                    let school = *org_ids.get(&class.school).ok_or_else(|| missing("school", &class.school))?;
                    let year = *year_ids.get(&class.year).ok_or_else(|| missing("academic year", &class.year))?;
                    let subject = class.subject_code.as_deref().map(&subject_id).transpose()?;
                    let row = (school, year, subject, class.name.clone(), class.year_group);
                    match existing.get(&class.source_id) {
                        Some(e) if (e.1, e.2, e.3, e.4.clone(), e.5) == row => c.unchanged += 1,
                        Some(e) => {
                            sqlx::query("UPDATE classes SET school_id = $1, year_id = $2, subject_id = $3, name = $4, year_group = $5 WHERE id = $6")
                                .bind(school).bind(year).bind(subject).bind(&class.name).bind(class.year_group).bind(e.0)
                                .execute(&mut *tx).await?;
                            c.changed += 1;
                        }
                        None => {
                            let id: i64 = sqlx::query_scalar(
                                "INSERT INTO classes (school_id, year_id, subject_id, name, year_group, source_id) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id")
                                .bind(school).bind(year).bind(subject).bind(&class.name).bind(class.year_group).bind(&class.source_id)
                                .fetch_one(&mut *tx).await?;
                            class_ids.insert(class.source_id.clone(), id);
                            c.added += 1;
                        }
                    }
                }
                out.tables.push(c);

                // Who teaches which class.
                let mut c = counts("class_teachers");
                let existing: HashSet<(i64, i64)> = sqlx::query_as::<_, (i64, i64)>(
                    "SELECT class_id, person_id FROM class_teachers").fetch_all(&mut *tx).await?.into_iter().collect();
                for t in &batch.teaching {
                    let class = *class_ids.get(&t.class).ok_or_else(|| missing("class", &t.class))?;
                    let person = *person_ids.get(&t.person).ok_or_else(|| missing("person", &t.person))?;
                    if existing.contains(&(class, person)) {
                        c.unchanged += 1;
                    } else {
                        sqlx::query("INSERT INTO class_teachers (class_id, person_id) VALUES ($1, $2)")
                            .bind(class).bind(person).execute(&mut *tx).await?;
                        c.added += 1;
                    }
                }
                out.tables.push(c);

                // Enrolments, by class and pupil.
                let mut c = counts("enrolments");
                let existing: HashMap<(i64, i64), Option<String>> = sqlx::query_as::<_, (i64, i64, Option<String>)>(
                    "SELECT class_id, pupil_id, source_id FROM enrolments").fetch_all(&mut *tx).await?
                    .into_iter().map(|(a, b, s)| ((a, b), s)).collect();
                let mut new_enrolments = Vec::new();
                for e in &batch.enrolments {
                    let class = *class_ids.get(&e.class).ok_or_else(|| missing("class", &e.class))?;
                    let pupil = *pupil_ids.get(&e.pupil).ok_or_else(|| missing("pupil", &e.pupil))?;
                    match existing.get(&(class, pupil)) {
                        Some(Some(s)) if *s == e.source_id => c.unchanged += 1,
                        Some(_) => {
                            sqlx::query("UPDATE enrolments SET source_id = $1 WHERE class_id = $2 AND pupil_id = $3")
                                .bind(&e.source_id).bind(class).bind(pupil).execute(&mut *tx).await?;
                            c.changed += 1;
                        }
                        None => { new_enrolments.push((class, pupil, &e.source_id)); c.added += 1; }
                    }
                }
                for chunk in new_enrolments.chunks(CHUNK) {
                    let mut q = QueryBuilder::new("INSERT INTO enrolments (class_id, pupil_id, source_id) ");
                    q.push_values(chunk, |mut b, r| { b.push_bind(r.0).push_bind(r.1).push_bind(Arc::<str>::from(r.2.as_str())); });
                    q.build().execute(&mut *tx).await?;
                }
                for source in &batch.removed_enrolments {
                    c.removed += sqlx::query("DELETE FROM enrolments WHERE source_id = $1")
                        .bind(source).execute(&mut *tx).await?.rows_affected();
                }
                out.tables.push(c);

                // Assessment points, by source id.
                let mut c = counts("assessment_points");
                type PointColumns = (i64, i64, Option<i64>, String, String, Date, Option<f64>, Option<f64>);
                let existing: HashMap<String, PointColumns> = sqlx::query_as::<_, (String, i64, i64, Option<i64>, String, String, Date, Option<f64>, Option<f64>)>(
                    "SELECT source_id, id, year_id, school_id, kind, name, taken_on, scale_min, scale_max FROM assessment_points WHERE source_id IS NOT NULL")
                    .fetch_all(&mut *tx).await?.into_iter()
                    .map(|r| (r.0, (r.1, r.2, r.3, r.4, r.5, r.6, r.7, r.8))).collect();
                let mut point_ids: HashMap<String, i64> = existing.iter().map(|(s, e)| (s.clone(), e.0)).collect();
                for p in &batch.assessment_points {
                    let year = *year_ids.get(&p.year).ok_or_else(|| missing("academic year", &p.year))?;
                    let school = p.school.as_ref().map(|s| org_ids.get(s).copied().ok_or_else(|| missing("school", s))).transpose()?;
                    let row = (year, school, p.kind.clone(), p.name.clone(), p.taken_on, p.scale_min, p.scale_max);
                    match existing.get(&p.source_id) {
                        Some(e) if (e.1, e.2, e.3.clone(), e.4.clone(), e.5, e.6, e.7) == row => c.unchanged += 1,
                        Some(e) => {
                            sqlx::query("UPDATE assessment_points SET year_id = $1, school_id = $2, kind = $3, name = $4, taken_on = $5, scale_min = $6, scale_max = $7 WHERE id = $8")
                                .bind(year).bind(school).bind(&p.kind).bind(&p.name).bind(p.taken_on).bind(p.scale_min).bind(p.scale_max).bind(e.0)
                                .execute(&mut *tx).await?;
                            c.changed += 1;
                        }
                        None => {
                            let id: i64 = sqlx::query_scalar(
                                "INSERT INTO assessment_points (year_id, school_id, kind, name, taken_on, scale_min, scale_max, source_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id")
                                .bind(year).bind(school).bind(&p.kind).bind(&p.name).bind(p.taken_on).bind(p.scale_min).bind(p.scale_max).bind(&p.source_id)
                                .fetch_one(&mut *tx).await?;
                            point_ids.insert(p.source_id.clone(), id);
                            c.added += 1;
                        }
                    }
                }
                out.tables.push(c);

                // Results, by pupil, assessment point and subject: only new and changed rows are written.
                let mut c = counts("results");
                // An empty table (a first import) has nothing to match, and its secondary
                // indexes are built once after the rows are in: kept up to date row by row, with
                // every row landing mid-index, they cost more (measured). Should the rows break
                // the unique index, building it fails and the transaction is rolled back.
                let first_results: bool = sqlx::query_scalar("SELECT NOT EXISTS (SELECT 1 FROM results)")
                    .fetch_one(&mut *tx).await?;
                if first_results {
                    for (index, _) in RESULTS_INDEXES {
                        sqlx::query(sqlx::AssertSqlSafe(format!("DROP INDEX {index}"))).execute(&mut *tx).await?;
                    }
                }
                // The results are not read back to be compared: the upsert writes only rows that
                // are new or differ, and says how many it wrote. How many each assessment point
                // held before and after then tells the added from the changed.
                let mut held_before: HashMap<i64, i64> = HashMap::new();
                let (mut offered, mut written) = (0u64, 0u64);
                // The text of a full statement is made once, so that it is prepared once.
                let full_chunk = insert_results_sql(CHUNK, self.engine());
                let mut removed_results: std::borrow::Cow<'_, [String]> = Default::default();
                loop {
                    let received: Vec<ImportResult>;
                    let chunk: &[ImportResult] = match &mut feed {
                        Feed::Batch(chunks, removed) => match chunks.next() {
                            Some(chunk) => chunk,
                            None => {
                                removed_results = std::borrow::Cow::Borrowed(*removed);
                                break;
                            }
                        },
                        Feed::Stream(rx) => match rx.recv().await {
                            Some(Streamed::Results(results)) => {
                                received = results;
                                &received
                            }
                            Some(Streamed::End { removed_results: removed, passed: ok }) => {
                                removed_results = std::borrow::Cow::Owned(removed);
                                passed = ok;
                                break;
                            }
                            None => {
                                passed = false;
                                break;
                            }
                        },
                    };
                    let mut writes: Vec<(i64, i64, i64, f64, &str)> = Vec::with_capacity(chunk.len());
                    for r in chunk {
                        let pupil = *pupil_ids.get(&r.pupil).ok_or_else(|| missing("pupil", &r.pupil))?;
                        let point = *point_ids.get(&r.point).ok_or_else(|| missing("assessment point", &r.point))?;
                        let subject = subject_id(&r.subject_code)?;
                        if let std::collections::hash_map::Entry::Vacant(unseen) = held_before.entry(point) {
                            let held: i64 = if first_results {
                                0
                            } else {
                                sqlx::query_scalar("SELECT COUNT(*) FROM results WHERE assessment_point_id = $1")
                                    .bind(point).fetch_one(&mut *tx).await?
                            };
                            unseen.insert(held);
                        }
                        writes.push((pupil, point, subject, r.score, &r.source_id));
                    }
                    offered += writes.len() as u64;
                    let mut statements = writes.chunks(CHUNK).map(|chunk| {
                        let sql = if chunk.len() == CHUNK { full_chunk.clone() } else { insert_results_sql(chunk.len(), self.engine()) };
                        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
                        for r in chunk {
                            // An `Arc<str>` is one allocation where SQLite's driver makes two of a `&str`.
                            q = q.bind(r.0).bind(r.1).bind(r.2).bind(r.3).bind(Arc::<str>::from(r.4));
                        }
                        q
                    });
                    let mut next = statements.next();
                    while let Some(q) = next.take() {
                        // Hand one statement to the database and build the next while it runs.
                        let mut running = std::pin::pin!(q.execute(&mut *tx));
                        let early = std::future::poll_fn(|cx| std::task::Poll::Ready(running.as_mut().poll(cx))).await;
                        next = statements.next();
                        written += match early {
                            std::task::Poll::Ready(done) => done?,
                            std::task::Poll::Pending => running.await?,
                        }.rows_affected();
                    }
                }
                if !passed {
                    // Validation found problems: nothing is written.
                    tx.rollback().await?;
                    return Ok(());
                }
                let held_after: i64 = if first_results {
                    // The table was empty (and its index by point is not built yet).
                    sqlx::query_scalar("SELECT COUNT(*) FROM results").fetch_one(&mut *tx).await?
                } else {
                    let mut held = 0;
                    for point in held_before.keys() {
                        held += sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM results WHERE assessment_point_id = $1")
                            .bind(point).fetch_one(&mut *tx).await?;
                    }
                    held
                };
                c.added = (held_after - held_before.values().sum::<i64>()) as u64;
                c.changed = written - c.added;
                c.unchanged = offered - written;
                if first_results {
                    for (_, create) in RESULTS_INDEXES {
                        sqlx::query(create).execute(&mut *tx).await?;
                    }
                }
                for source in removed_results.iter() {
                    c.removed += sqlx::query("DELETE FROM results WHERE source_id = $1")
                        .bind(source).execute(&mut *tx).await?.rows_affected();
                }
                out.tables.push(c);

                crate::versions::bump_data_version!(tx);
                match mode {
                    Mode::Apply => tx.commit().await?,
                    Mode::Preview => tx.rollback().await?,
                }
                Ok(())
            }
            .await;
            let restored = match usual_cache {
                Some(pages) => sqlx::query(sqlx::AssertSqlSafe(format!("PRAGMA cache_size = {pages}")))
                    .execute(&mut *conn).await.map(|_| ()),
                None => Ok(()),
            };
            outcome?;
            restored?;
        });
        Ok(passed.then_some(out))
    }

    /// The schools an import for `school` may name: the school itself.
    pub async fn school_source_id(&self, school: SchoolId) -> Result<Option<String>, StoreError> {
        Ok(
            on_pool!(self, pool => sqlx::query_scalar::<_, Option<String>>(
            "SELECT source_id FROM orgs WHERE id = $1").bind(school.0).fetch_optional(pool).await)?
            .flatten(),
        )
    }
}

/// An upload that was validated and previewed, waiting for the confirm request.
#[derive(Debug, Clone)]
pub struct PendingImport {
    pub id: String,
    pub school_id: i64,
    pub person_id: i64,
    pub file_name: String,
    pub batch: ImportBatch,
}

/// A random id for an upload waiting to be confirmed (128 bits, hex): it is the upload's
/// only name in its URL, so it cannot be guessed.
pub(crate) fn pending_id() -> String {
    let bytes: [u8; 16] = rand::rng().random();
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// How long an unconfirmed upload is kept.
pub(crate) const PENDING_LIFETIME_SECONDS: i64 = 24 * 60 * 60;

impl Store {
    /// Keeps a validated batch until it is confirmed; returns its random id.
    pub async fn save_pending_import(
        &self,
        school: SchoolId,
        person: i64,
        file_name: &str,
        batch: &ImportBatch,
    ) -> Result<String, StoreError> {
        let id = pending_id();
        let json = serde_json::to_string(batch)
            .map_err(|e| StoreError::NotFound(format!("an encodable batch ({e})")))?;
        let now = crate::now_unix();
        on_pool!(self, pool => {
            sqlx::query("DELETE FROM pending_imports WHERE created_at < $1")
                .bind(now - PENDING_LIFETIME_SECONDS).execute(pool).await?;
            sqlx::query("INSERT INTO pending_imports (id, school_id, person_id, file_name, batch, created_at) VALUES ($1, $2, $3, $4, $5, $6)")
                .bind(&id).bind(school.0).bind(person).bind(file_name).bind(&json).bind(now)
                .execute(pool).await?;
        });
        Ok(id)
    }

    /// The pending upload `id` of `school`, if it is still kept.
    pub async fn pending_import(
        &self,
        school: SchoolId,
        id: &str,
    ) -> Result<Option<PendingImport>, StoreError> {
        let row: Option<(String, i64, i64, String, String)> = on_pool!(self, pool => sqlx::query_as(
            "SELECT id, school_id, person_id, file_name, batch FROM pending_imports WHERE id = $1 AND school_id = $2 AND created_at >= $3")
            .bind(id).bind(school.0).bind(crate::now_unix() - PENDING_LIFETIME_SECONDS)
            .fetch_optional(pool).await)?;
        Ok(
            row.and_then(|(id, school_id, person_id, file_name, batch)| {
                serde_json::from_str(&batch)
                    .ok()
                    .map(|batch| PendingImport {
                        id,
                        school_id,
                        person_id,
                        file_name,
                        batch,
                    })
            }),
        )
    }

    /// Keeps an uploaded bundle (the zip) until it is confirmed; returns its random id.
    pub async fn save_pending_bundle(
        &self,
        school: SchoolId,
        person: i64,
        file_name: &str,
        bundle: &[u8],
    ) -> Result<String, StoreError> {
        let id = pending_id();
        let now = crate::now_unix();
        on_pool!(self, pool => {
            sqlx::query("DELETE FROM pending_bundles WHERE created_at < $1")
                .bind(now - PENDING_LIFETIME_SECONDS).execute(pool).await?;
            sqlx::query("INSERT INTO pending_bundles (id, school_id, person_id, file_name, bundle, created_at) VALUES ($1, $2, $3, $4, $5, $6)")
                .bind(&id).bind(school.0).bind(person).bind(file_name).bind(bundle).bind(now)
                .execute(pool).await?;
        });
        Ok(id)
    }

    /// The pending bundle `id` of `school` (its file name and zip), if it is still kept.
    pub async fn pending_bundle(
        &self,
        school: SchoolId,
        id: &str,
    ) -> Result<Option<(String, Vec<u8>)>, StoreError> {
        Ok(on_pool!(self, pool => sqlx::query_as(
            "SELECT file_name, bundle FROM pending_bundles WHERE id = $1 AND school_id = $2 AND created_at >= $3")
            .bind(id).bind(school.0).bind(crate::now_unix() - PENDING_LIFETIME_SECONDS)
            .fetch_optional(pool).await)?)
    }

    pub async fn delete_pending_bundle(&self, id: &str) -> Result<(), StoreError> {
        on_pool!(self, pool => sqlx::query("DELETE FROM pending_bundles WHERE id = $1")
            .bind(id).execute(pool).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    pub async fn delete_pending_import(&self, id: &str) -> Result<(), StoreError> {
        on_pool!(self, pool => sqlx::query("DELETE FROM pending_imports WHERE id = $1")
            .bind(id).execute(pool).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// The spreadsheet column mapping `school` last confirmed (JSON), if any.
    pub async fn column_mapping(&self, school: SchoolId) -> Result<Option<String>, StoreError> {
        Ok(on_pool!(self, pool => sqlx::query_scalar(
            "SELECT mapping FROM import_column_mappings WHERE school_id = $1")
            .bind(school.0).fetch_optional(pool).await)?)
    }

    pub async fn remember_column_mapping(
        &self,
        school: SchoolId,
        mapping: &str,
    ) -> Result<(), StoreError> {
        on_pool!(self, pool => sqlx::query(
            "INSERT INTO import_column_mappings (school_id, mapping, updated_at) VALUES ($1, $2, $3)
             ON CONFLICT (school_id) DO UPDATE SET mapping = excluded.mapping, updated_at = excluded.updated_at")
            .bind(school.0).bind(mapping).bind(crate::now_unix()).execute(pool).await.map(|r| r.rows_affected()))?;
        Ok(())
    }
}

/// Tables an import writes, for counting.
const COUNTABLE: &[&str] = &[
    "orgs",
    "schools",
    "people",
    "academic_years",
    "subjects",
    "pupils",
    "classes",
    "class_teachers",
    "enrolments",
    "assessment_points",
    "results",
];

impl Store {
    /// How many rows a table an import writes holds (tests, the benchmark).
    pub async fn count_rows(&self, table: &str) -> Result<i64, StoreError> {
        if !COUNTABLE.contains(&table) {
            return Err(StoreError::NotFound(format!("table {table}")));
        }
        let sql = format!("SELECT COUNT(*) FROM {table}");
        Ok(
            on_pool!(self, pool => sqlx::query_scalar(sqlx::AssertSqlSafe(sql.clone())).fetch_one(pool).await)?,
        )
    }

    /// The names of a table's indexes, sorted (tests: an import that rebuilds an index must
    /// leave it in place whatever the outcome).
    pub async fn index_names(&self, table: &str) -> Result<Vec<String>, StoreError> {
        let mut names: Vec<String> = match &self.pool {
            crate::Pool::Sqlite(pool) => {
                sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = $1")
                    .bind(table).fetch_all(pool).await?
            }
            crate::Pool::Postgres(pool) => {
                sqlx::query_scalar("SELECT indexname::text FROM pg_indexes WHERE tablename = $1 AND schemaname = current_schema()")
                    .bind(table).fetch_all(pool).await?
            }
        };
        names.sort();
        Ok(names)
    }
}
