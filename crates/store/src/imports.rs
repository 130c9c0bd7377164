//! Applying an import: a validated batch of rows that name each other by their source ids
//! (OneRoster `sourcedId`s), written all or nothing in the transaction of the use case that
//! applies it (`store.imports()`, whose writing methods take `&mut Tx`), so that the import,
//! the removal of its pending upload and its audit line commit together.
//!
//! Each row is matched to what the database already holds by its source id (a few tables by
//! their natural key: subjects by code, years by name, people by email when they have no
//! source id yet, results by pupil, assessment point and subject), then counted as *added*,
//! *changed* or *unchanged*; only added and changed rows are written, so importing the same
//! files twice changes nothing. A preview is the same work in a savepoint that is rolled
//! back, so its counts are exactly what applying would do.

mod pending;
mod sheets;
mod transfer;

pub use pending::{Keeper, PendingLimits, PendingUsage};
pub(crate) use pending::{json_within, now_micros};
pub use sheets::{PendingSheet, SheetReferences};

use crate::error::{Conflict, Record};
use crate::tx::Tx;
use crate::{Engine, Store, StoreError, on_pool, on_tx};
use headway_domain::ids::SchoolId;
pub use headway_domain::roster::plan::*;
use headway_domain::school::same_academic_year;
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
        "CREATE INDEX results_source_id ON results(source_id)",
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

/// The source ids the schools of an import hold, kind by kind (`pupil`, `class`, …).
#[derive(Default)]
struct Keys {
    held: HashMap<(&'static str, String), Vec<(i64, i64)>>,
}

const KINDS: [&str; 5] = ["person", "pupil", "class", "year", "point"];

impl Keys {
    fn hold(&mut self, school: i64, kind: &str, source: String, target: i64) {
        let Some(kind) = KINDS.iter().find(|k| **k == kind) else {
            return;
        };
        let entries = self.held.entry((kind, source)).or_default();
        match entries.iter_mut().find(|(s, _)| *s == school) {
            Some(entry) => entry.1 = target,
            None => entries.push((school, target)),
        }
    }

    /// What `source` names in `school`.
    fn find(&self, school: i64, kind: &str, source: &str) -> Option<i64> {
        let kind = KINDS.iter().find(|k| **k == kind)?;
        self.held
            .get(&(*kind, source.to_owned()))?
            .iter()
            .find(|(s, _)| *s == school)
            .map(|(_, target)| *target)
    }

    /// What `source` names in whichever of `schools` holds it, if exactly one does.
    fn find_any(&self, schools: &[i64], kind: &str, source: &str) -> Option<i64> {
        let kind = KINDS.iter().find(|k| **k == kind)?;
        let mut found = self
            .held
            .get(&(*kind, source.to_owned()))?
            .iter()
            .filter(|(s, _)| schools.contains(s));
        match (found.next(), found.next()) {
            (Some((_, target)), None) => Some(*target),
            _ => None,
        }
    }

    /// Every source id of `kind` that names one thing across `schools`.
    fn all_of<'a>(
        &'a self,
        schools: &'a [i64],
        kind: &'a str,
    ) -> impl Iterator<Item = (String, i64)> + 'a {
        self.held
            .keys()
            .filter(move |(k, _)| *k == kind)
            .filter_map(move |(_, source)| {
                self.find_any(schools, kind, source)
                    .map(|id| (source.clone(), id))
            })
    }
}

/// Records that `$source` names `$id` in `$school` (in the transaction and in `$keys`).
macro_rules! keep_key {
    ($tx:ident, $keys:ident, $school:expr, $kind:expr, $source:expr, $id:expr) => {{
        let (school, kind, source, id): (i64, &str, &String, i64) = ($school, $kind, $source, $id);
        if $keys.find(school, kind, source) != Some(id) {
            sqlx::query(
                "INSERT INTO source_keys (school_id, kind, source_id, target_id) VALUES ($1, $2, $3, $4)
                 ON CONFLICT (school_id, kind, source_id) DO UPDATE SET target_id = excluded.target_id",
            )
            .bind(school)
            .bind(kind)
            .bind(source)
            .bind(id)
            .execute(&mut *$tx)
            .await?;
            $keys.hold(school, kind, source.clone(), id);
        }
    }};
}

fn missing(what: Record, source_id: &str) -> StoreError {
    StoreError::unknown_reference(what, source_id)
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

/// The imports' view of the store: applying a batch, the uploads waiting for
/// confirmation, the column mappings a school confirmed, the source ids that link a school
/// to its management information system.
#[derive(Clone, Copy)]
pub struct Imports<'a> {
    pub(crate) store: &'a Store,
}

impl Store {
    pub fn imports(&self) -> Imports<'_> {
        Imports { store: self }
    }
}

impl Imports<'_> {
    /// Applies `batch` in `tx` (or previews it: the same work, undone before this returns,
    /// so `tx` holds nothing of it) and returns what was added, changed and left alone. On
    /// any error the batch's writes are undone and `tx` is still usable; the data version
    /// is bumped in `tx` when it applies.
    pub async fn import(
        &self,
        tx: &mut Tx,
        batch: &ImportBatch,
        mode: Mode,
    ) -> Result<ImportCounts, StoreError> {
        let feed = Feed::Batch(batch.results.chunks(CHUNK * 4), &batch.removed_results);
        let counts = self.import_from(tx, batch, feed, mode).await?;
        Ok(counts.expect("a batch's own results are always complete"))
    }

    /// Like [`Imports::import`], with the results arriving on `results` while validation
    /// is still reading them, and `batch` everything else. The batch's writes are kept in
    /// `tx` (or, in a preview, undone) only after [`Streamed::End`] says the bundle passed;
    /// otherwise they are undone and the answer is `None`.
    pub async fn import_streamed(
        &self,
        tx: &mut Tx,
        batch: &ImportBatch,
        results: tokio::sync::mpsc::Receiver<Streamed>,
        mode: Mode,
    ) -> Result<Option<ImportCounts>, StoreError> {
        self.import_from(tx, batch, Feed::Stream(results), mode)
            .await
    }

    async fn import_from(
        &self,
        tx: &mut Tx,
        batch: &ImportBatch,
        mut feed: Feed<'_>,
        mode: Mode,
    ) -> Result<Option<ImportCounts>, StoreError> {
        let mut out = ImportCounts::default();
        let mut passed = true;
        let store = self.store;
        on_tx!(tx, conn => {
            // A large import touches far more pages than SQLite's default cache (2 MB) holds,
            // and pages pushed out mid-transaction are written to the WAL and read back. The
            // connection gets its usual cache back afterwards, whatever the outcome.
            let usual_cache: Option<i64> = if store.engine() == Engine::Sqlite {
                let usual = sqlx::query_scalar("PRAGMA cache_size").fetch_one(&mut *conn).await?;
                sqlx::query("PRAGMA cache_size = -131072").execute(&mut *conn).await?;
                Some(usual)
            } else {
                None
            };
            let outcome: Result<(), StoreError> = async {
                // A savepoint in the caller's transaction: what this batch wrote is undone
                // on its own when it fails or is only a preview.
                let mut tx = sqlx::Connection::begin(&mut *conn).await?;

                // The schools the import may write: the one it is for, or (an operator's
                // import of the whole deployment) the schools the bundle holds. Every row is
                // matched within these schools' own source ids and nowhere else.
                let scope: Option<i64> = batch.school;
                let mut changes: Vec<FieldChange> = Vec::new();
                let mut notes: Vec<ImportNote> = Vec::new();
                let mut needs: Vec<Confirmation> = Vec::new();
                let mut touched: Vec<SchoolTouched> = Vec::new();

                // Schools.
                let mut c = counts("schools");
                let mut school_of: HashMap<String, i64> = HashMap::new();
                let bundle_schools: Vec<&ImportOrg> = batch.orgs.iter().filter(|o| o.school.is_some()).collect();
                if let Some(target) = scope {
                    let exists: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM schools WHERE org_id = $1)")
                        .bind(target).fetch_one(&mut *tx).await?;
                    if !exists {
                        return Err(StoreError::not_found(Record::School, target));
                    }
                    if bundle_schools.len() > 1 {
                        return Err(StoreError::Conflict(Conflict::SeveralSchoolsForOne));
                    }
                    let held: Option<String> = sqlx::query_scalar(
                        "SELECT source_id FROM source_keys WHERE school_id = $1 AND kind = 'school'")
                        .bind(target).fetch_optional(&mut *tx).await?;
                    if let Some(held) = held {
                        school_of.insert(held, target);
                    }
                }
                for org in &bundle_schools {
                    let school = org.school.as_ref().expect("a school org has school details");
                    let found: Option<i64> = match scope {
                        Some(target) => {
                            match school_of.iter().next() {
                                Some((held, _)) if *held != org.source_id => {
                                    return Err(StoreError::Conflict(Conflict::SchoolSourcedIdDiffers {
                                        bundle: org.source_id.clone(), held: held.clone() }));
                                }
                                Some(_) => {}
                                None => {
                                    sqlx::query("INSERT INTO source_keys (school_id, kind, source_id, target_id) VALUES ($1, 'school', $2, $1)")
                                        .bind(target).bind(&org.source_id).execute(&mut *tx).await?;
                                }
                            }
                            Some(target)
                        }
                        None => {
                            let ids: Vec<i64> = sqlx::query_scalar(
                                "SELECT school_id FROM source_keys WHERE kind = 'school' AND source_id = $1")
                                .bind(&org.source_id).fetch_all(&mut *tx).await?;
                            if ids.len() > 1 {
                                return Err(StoreError::Conflict(Conflict::SourcedIdHeldBySeveralSchools {
                                    source_id: org.source_id.clone(), schools: ids.len() }));
                            }
                            ids.first().copied()
                        }
                    };
                    match found {
                        Some(id) => {
                            let name: String = sqlx::query_scalar("SELECT name FROM orgs WHERE id = $1")
                                .bind(id).fetch_one(&mut *tx).await?;
                            if name != org.name {
                                sqlx::query("UPDATE orgs SET name = $1 WHERE id = $2")
                                    .bind(&org.name).bind(id).execute(&mut *tx).await?;
                                changes.push(FieldChange {
                                    record: ChangedRecord::School,
                                    name: name.clone(),
                                    field: ChangedField::Name,
                                    before: name,
                                    after: org.name.clone(),
                                });
                                if !needs.contains(&Confirmation::RenameSchool) {
                                    needs.push(Confirmation::RenameSchool);
                                }
                                c.changed += 1;
                            } else {
                                c.unchanged += 1;
                            }
                            touched.push(SchoolTouched { id: Some(id), name: org.name.clone(), source_id: org.source_id.clone(), created: false });
                            school_of.insert(org.source_id.clone(), id);
                        }
                        None => {
                            let code_taken: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM schools WHERE code = $1)")
                                .bind(&school.code).fetch_one(&mut *tx).await?;
                            if code_taken {
                                return Err(StoreError::Conflict(Conflict::SchoolCodeTaken {
                                    code: school.code.clone(), school: org.name.clone() }));
                            }
                            let id: i64 = sqlx::query_scalar(
                                "INSERT INTO orgs (kind, name) VALUES ('school', $1) RETURNING id")
                                .bind(&org.name).fetch_one(&mut *tx).await?;
                            let (roll, fsm) = roll_and_fsm(batch, &org.source_id);
                            sqlx::query("INSERT INTO schools (org_id, code, phase, number_on_roll, fsm_share) VALUES ($1, $2, $3, $4, $5)")
                                .bind(id).bind(&school.code).bind(&school.phase).bind(roll).bind(fsm)
                                .execute(&mut *tx).await?;
                            sqlx::query("INSERT INTO source_keys (school_id, kind, source_id, target_id) VALUES ($1, 'school', $2, $1)")
                                .bind(id).bind(&org.source_id).execute(&mut *tx).await?;
                            touched.push(SchoolTouched { id: (mode == Mode::Apply).then_some(id), name: org.name.clone(), source_id: org.source_id.clone(), created: true });
                            school_of.insert(org.source_id.clone(), id);
                            c.added += 1;
                        }
                    }
                }
                // Organisations above schools: only an operator's import creates or moves them.
                let mut org_ids: HashMap<String, i64> = HashMap::new();
                for org in batch.orgs.iter().filter(|o| o.school.is_none()) {
                    if scope.is_some() {
                        notes.push(ImportNote::OrgAboveSchoolIgnored { name: org.name.clone() });
                        continue;
                    }
                    let held: Option<(i64, String)> = sqlx::query_as(
                        "SELECT id, name FROM orgs WHERE source_id = $1 AND kind <> 'school'")
                        .bind(&org.source_id).fetch_optional(&mut *tx).await?;
                    let id = match held {
                        Some((id, name)) if name == org.name => { c.unchanged += 1; id }
                        Some((id, _)) => {
                            sqlx::query("UPDATE orgs SET name = $1 WHERE id = $2")
                                .bind(&org.name).bind(id).execute(&mut *tx).await?;
                            c.changed += 1;
                            id
                        }
                        None => {
                            c.added += 1;
                            sqlx::query_scalar("INSERT INTO orgs (kind, name, source_id) VALUES ($1, $2, $3) RETURNING id")
                                .bind(&org.kind).bind(&org.name).bind(&org.source_id).fetch_one(&mut *tx).await?
                        }
                    };
                    org_ids.insert(org.source_id.clone(), id);
                }
                if scope.is_none() {
                    for org in &batch.orgs {
                        let Some(parent) = &org.parent else { continue };
                        let parent = *org_ids.get(parent).or_else(|| school_of.get(parent))
                            .ok_or_else(|| missing(Record::Organisation, parent))?;
                        let child = *org_ids.get(&org.source_id).or_else(|| school_of.get(&org.source_id))
                            .ok_or_else(|| missing(Record::Organisation, &org.source_id))?;
                        sqlx::query("UPDATE orgs SET parent_id = $1 WHERE id = $2 AND parent_id IS DISTINCT FROM $1")
                            .bind(parent).bind(child).execute(&mut *tx).await?;
                    }
                }
                out.tables.push(c);
                let in_scope: Vec<i64> = {
                    let mut ids: Vec<i64> = school_of.values().copied().chain(scope).collect();
                    ids.sort_unstable();
                    ids.dedup();
                    ids
                };
                let school_id = |source: &str| school_of.get(source).copied().ok_or_else(|| missing(Record::School, source));

                // The source ids these schools already hold, kind by kind: what rows of the
                // bundle, and rows it names without holding them (a delta file), refer to.
                let mut keys = Keys::default();
                for school in &in_scope {
                    let held: Vec<(String, String, i64)> = sqlx::query_as(
                        "SELECT kind, source_id, target_id FROM source_keys WHERE school_id = $1 AND kind <> 'school'")
                        .bind(school).fetch_all(&mut *tx).await?;
                    for (kind, source, target) in held {
                        keys.hold(*school, &kind, source, target);
                    }
                }

                // Academic years: shared by every school, matched by their dates, never renamed by an import.
                let mut c = counts("academic_years");
                let mut years_held: Vec<(i64, String, Date, Date)> = sqlx::query_as(
                    "SELECT id, name, starts_on, ends_on FROM academic_years")
                    .fetch_all(&mut *tx).await?;
                for year in &batch.years {
                    let matched = years_held.iter()
                        .find(|e| same_academic_year((e.2, e.3), (year.starts_on, year.ends_on)))
                        .map(|e| e.0);
                    let id = match matched {
                        Some(id) => { c.unchanged += 1; id }
                        None => {
                            if years_held.iter().any(|e| e.1 == year.name) {
                                return Err(StoreError::Conflict(Conflict::YearDatesDiffer {
                                    year: year.name.clone(), starts_on: year.starts_on.to_string(), ends_on: year.ends_on.to_string() }));
                            }
                            let id: i64 = sqlx::query_scalar(
                                "INSERT INTO academic_years (name, starts_on, ends_on) VALUES ($1, $2, $3) RETURNING id")
                                .bind(&year.name).bind(year.starts_on).bind(year.ends_on)
                                .fetch_one(&mut *tx).await?;
                            years_held.push((id, year.name.clone(), year.starts_on, year.ends_on));
                            c.added += 1;
                            id
                        }
                    };
                    for school in &in_scope {
                        keep_key!(tx, keys, *school, "year", &year.source_id, id);
                    }
                }
                out.tables.push(c);

                // Subjects, by code: shared by every school, so only an operator's import renames one.
                let mut c = counts("subjects");
                let mut subject_ids: HashMap<String, (i64, String)> = sqlx::query_as::<_, (String, i64, String)>(
                    "SELECT code, id, name FROM subjects").fetch_all(&mut *tx).await?
                    .into_iter().map(|(code, id, name)| (code, (id, name))).collect();
                for subject in &batch.subjects {
                    match subject_ids.get(&subject.code) {
                        Some((_, name)) if *name == subject.name => c.unchanged += 1,
                        Some((_, name)) if scope.is_some() => {
                            notes.push(ImportNote::SubjectNameKept {
                                code: subject.code.clone(), held: name.clone(), offered: subject.name.clone() });
                            c.unchanged += 1;
                        }
                        Some((id, name)) => {
                            sqlx::query("UPDATE subjects SET name = $1 WHERE id = $2")
                                .bind(&subject.name).bind(*id).execute(&mut *tx).await?;
                            changes.push(FieldChange {
                                record: ChangedRecord::Subject, name: name.clone(), field: ChangedField::Name,
                                before: name.clone(), after: subject.name.clone() });
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
                let subject_id = |code: &str| subject_ids.get(code).map(|s| s.0).ok_or_else(|| missing(Record::Subject, code));

                // Staff: by the school's source id, else an account with the same email that
                // belongs to no other school. An account that works elsewhere is never linked,
                // renamed or given a role by a school's import: the row becomes a staff record
                // of this school without that email, and nothing says the email is in use.
                let mut c = counts("people");
                let now = store.now();
                for person in &batch.people {
                    let school = match &person.school {
                        Some(s) => Some(school_id(s)?),
                        None => scope,
                    };
                    let keyed = school.and_then(|s| keys.find(s, "person", &person.source_id));
                    let by_email: Option<i64> = match (keyed, &person.email) {
                        (None, Some(email)) => {
                            let account: Option<i64> = sqlx::query_scalar("SELECT id FROM people WHERE email = $1")
                                .bind(email).fetch_optional(&mut *tx).await?;
                            match (account, scope) {
                                (Some(id), Some(target)) => {
                                    let elsewhere: bool = sqlx::query_scalar(
                                        "SELECT EXISTS (SELECT 1 FROM role_assignments WHERE person_id = $1 AND org_id <> $2)")
                                        .bind(id).bind(target).fetch_one(&mut *tx).await?;
                                    (!elsewhere).then_some(id)
                                }
                                (account, _) => account,
                            }
                        }
                        _ => None,
                    };
                    let id = match keyed.or(by_email) {
                        Some(id) => {
                            let (name, email): (String, Option<String>) = sqlx::query_as(
                                "SELECT display_name, email FROM people WHERE id = $1")
                                .bind(id).fetch_one(&mut *tx).await?;
                            let elsewhere: bool = match scope {
                                Some(target) => sqlx::query_scalar(
                                    "SELECT EXISTS (SELECT 1 FROM role_assignments WHERE person_id = $1 AND org_id <> $2)")
                                    .bind(id).bind(target).fetch_one(&mut *tx).await?,
                                None => false,
                            };
                            let new_email = person.email.as_ref().filter(|e| email.as_ref() != Some(*e));
                            let email_free: bool = match new_email {
                                Some(e) => sqlx::query_scalar("SELECT NOT EXISTS (SELECT 1 FROM people WHERE email = $1 AND id <> $2)")
                                    .bind(e).bind(id).fetch_one(&mut *tx).await?,
                                None => false,
                            };
                            let mut changed = false;
                            if elsewhere && (name != person.display_name || new_email.is_some()) {
                                notes.push(ImportNote::StaffDetailsKept { name: name.clone() });
                            } else {
                                if name != person.display_name {
                                    sqlx::query("UPDATE people SET display_name = $1 WHERE id = $2")
                                        .bind(&person.display_name).bind(id).execute(&mut *tx).await?;
                                    changes.push(FieldChange {
                                        record: ChangedRecord::Staff, name: name.clone(), field: ChangedField::Name,
                                        before: name.clone(), after: person.display_name.clone() });
                                    changed = true;
                                }
                                if let (Some(new), true) = (new_email, email_free) {
                                    sqlx::query("UPDATE people SET email = $1 WHERE id = $2")
                                        .bind(new).bind(id).execute(&mut *tx).await?;
                                    changes.push(FieldChange {
                                        record: ChangedRecord::Staff, name: person.display_name.clone(), field: ChangedField::Email,
                                        before: email.clone().unwrap_or_default(), after: new.clone() });
                                    changed = true;
                                }
                            }
                            match (keyed, changed) {
                                (None, _) => c.added += 1,
                                (Some(_), true) => c.changed += 1,
                                (Some(_), false) => c.unchanged += 1,
                            }
                            id
                        }
                        None => {
                            c.added += 1;
                            // An email held by an account of another school is not stored here.
                            let email = match &person.email {
                                Some(e) => {
                                    let taken: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM people WHERE email = $1)")
                                        .bind(e).fetch_one(&mut *tx).await?;
                                    (!taken).then(|| e.clone())
                                }
                                None => None,
                            };
                            sqlx::query_scalar(
                                "INSERT INTO people (email, display_name, created_at) VALUES ($1, $2, $3) RETURNING id")
                                .bind(&email).bind(&person.display_name).bind(now)
                                .fetch_one(&mut *tx).await?
                        }
                    };
                    if let Some(school) = school {
                        keep_key!(tx, keys, school, "person", &person.source_id, id);
                        sqlx::query("INSERT INTO role_assignments (person_id, role, org_id) SELECT $1, 'teacher', $2
                                     WHERE NOT EXISTS (SELECT 1 FROM role_assignments WHERE person_id = $1 AND role = 'teacher' AND org_id = $2)")
                            .bind(id).bind(school).execute(&mut *tx).await?;
                    }
                }
                out.tables.push(c);

                // Pupils, by the school's source id; a new pupil gets a fresh pseudonym. A pupil
                // never changes school through an import: that is a transfer.
                let mut c = counts("pupils");
                let mut held: HashMap<i64, PupilColumns> = HashMap::new();
                for school in &in_scope {
                    let rows: Vec<PupilColumns> = sqlx::query_as(
                        "SELECT id, pseudonym, school_id, display_name, disadvantaged, sen, eal, gender, birth_date, ethnicity_group
                         FROM pupils WHERE school_id = $1").bind(school).fetch_all(&mut *tx).await?;
                    held.extend(rows.into_iter().map(|r| (r.0, r)));
                }
                let mut new_pupils = Vec::new();
                for pupil in &batch.pupils {
                    let school = school_id(&pupil.school)?;
                    let found = keys.find(school, "pupil", &pupil.source_id).and_then(|id| held.get(&id));
                    match found {
                        None => { new_pupils.push((pupil, school)); c.added += 1; }
                        Some(e) => {
                            let same_context = match &pupil.context {
                                None => true,
                                Some(x) => e.4 == x.disadvantaged && e.5 == x.sen && e.6 == x.eal
                                    && e.7 == x.gender && e.8 == x.birth_date && e.9 == x.ethnicity_group,
                            };
                            if e.3 == pupil.display_name && same_context {
                                c.unchanged += 1;
                                continue;
                            }
                            c.changed += 1;
                            sqlx::query("UPDATE pupils SET display_name = $1 WHERE id = $2 AND school_id = $3")
                                .bind(&pupil.display_name).bind(e.0).bind(school).execute(&mut *tx).await?;
                            if let Some(x) = &pupil.context {
                                sqlx::query("UPDATE pupils SET disadvantaged = $1, sen = $2, eal = $3, gender = $4, birth_date = $5, ethnicity_group = $6 WHERE id = $7 AND school_id = $8")
                                    .bind(x.disadvantaged).bind(&x.sen).bind(x.eal).bind(&x.gender).bind(x.birth_date)
                                    .bind(&x.ethnicity_group).bind(e.0).bind(school).execute(&mut *tx).await?;
                            }
                        }
                    }
                }
                let none = PupilContext::default();
                for chunk in new_pupils.chunks(CHUNK) {
                    let named: Vec<(String, &ImportPupil, i64)> = chunk.iter().map(|(p, s)| (pseudonym(), *p, *s)).collect();
                    let mut q = QueryBuilder::new("INSERT INTO pupils (school_id, pseudonym, display_name, disadvantaged, sen, eal, gender, birth_date, ethnicity_group) ");
                    q.push_values(&named, |mut b, (pseudonym, p, school)| {
                        let x = p.context.as_ref().unwrap_or(&none);
                        b.push_bind(*school).push_bind(pseudonym).push_bind(&p.display_name)
                            .push_bind(x.disadvantaged).push_bind(&x.sen).push_bind(x.eal).push_bind(&x.gender)
                            .push_bind(x.birth_date).push_bind(&x.ethnicity_group);
                    });
                    q.push(" RETURNING id, pseudonym");
                    let ids: HashMap<String, i64> = q.build_query_as::<(i64, String)>().fetch_all(&mut *tx).await?
                        .into_iter().map(|(id, pseudonym)| (pseudonym, id)).collect();
                    let mut k = QueryBuilder::new("INSERT INTO source_keys (school_id, kind, source_id, target_id) ");
                    k.push_values(&named, |mut b, (pseudonym, p, school)| {
                        b.push_bind(*school).push_bind("pupil").push_bind(&p.source_id).push_bind(ids[pseudonym]);
                    });
                    k.push(" ON CONFLICT (school_id, kind, source_id) DO UPDATE SET target_id = excluded.target_id");
                    k.build().execute(&mut *tx).await?;
                    for (pseudonym, p, school) in &named {
                        keys.hold(*school, "pupil", p.source_id.clone(), ids[pseudonym]);
                    }
                }
                out.tables.push(c);

                // Classes, by the school's source id.
                let mut c = counts("classes");
                type ClassColumns = (i64, i64, Option<i64>, String, Option<i64>);
                let mut held: HashMap<i64, ClassColumns> = HashMap::new();
                for school in &in_scope {
                    let rows: Vec<ClassColumns> = sqlx::query_as(
                        "SELECT id, year_id, subject_id, name, year_group FROM classes WHERE school_id = $1")
                        .bind(school).fetch_all(&mut *tx).await?;
                    held.extend(rows.into_iter().map(|r| (r.0, r)));
                }
                for class in &batch.classes {
                    let school = school_id(&class.school)?;
                    let year = keys.find(school, "year", &class.year).ok_or_else(|| missing(Record::AcademicYear, &class.year))?;
                    let subject = class.subject_code.as_deref().map(&subject_id).transpose()?;
                    let row = (year, subject, class.name.clone(), class.year_group);
                    match keys.find(school, "class", &class.source_id).and_then(|id| held.get(&id)) {
                        Some(e) if (e.1, e.2, e.3.clone(), e.4) == row => c.unchanged += 1,
                        Some(e) => {
                            sqlx::query("UPDATE classes SET year_id = $1, subject_id = $2, name = $3, year_group = $4 WHERE id = $5 AND school_id = $6")
                                .bind(year).bind(subject).bind(&class.name).bind(class.year_group).bind(e.0).bind(school)
                                .execute(&mut *tx).await?;
                            c.changed += 1;
                        }
                        None => {
                            let id: i64 = sqlx::query_scalar(
                                "INSERT INTO classes (school_id, year_id, subject_id, name, year_group) VALUES ($1, $2, $3, $4, $5) RETURNING id")
                                .bind(school).bind(year).bind(subject).bind(&class.name).bind(class.year_group)
                                .fetch_one(&mut *tx).await?;
                            keep_key!(tx, keys, school, "class", &class.source_id, id);
                            c.added += 1;
                        }
                    }
                }
                out.tables.push(c);
                let class_id = |source: &str| keys.find_any(&in_scope, "class", source).ok_or_else(|| missing(Record::Class, source));
                let person_id = |source: &str| keys.find_any(&in_scope, "person", source).ok_or_else(|| missing(Record::Person, source));
                let pupil_id = |source: &str| keys.find_any(&in_scope, "pupil", source).ok_or_else(|| missing(Record::Pupil, source));

                // Who teaches which class (a pair named twice is one pair).
                let mut c = counts("class_teachers");
                let mut existing: HashSet<(i64, i64)> = HashSet::new();
                for school in &in_scope {
                    existing.extend(sqlx::query_as::<_, (i64, i64)>(
                        "SELECT t.class_id, t.person_id FROM class_teachers t JOIN classes c ON c.id = t.class_id WHERE c.school_id = $1")
                        .bind(school).fetch_all(&mut *tx).await?);
                }
                for t in &batch.teaching {
                    let pair = (class_id(&t.class)?, person_id(&t.person)?);
                    if !existing.insert(pair) {
                        c.unchanged += 1;
                    } else {
                        sqlx::query("INSERT INTO class_teachers (class_id, person_id) VALUES ($1, $2)")
                            .bind(pair.0).bind(pair.1).execute(&mut *tx).await?;
                        c.added += 1;
                    }
                }
                out.tables.push(c);

                // Enrolments, by class and pupil (a pair named twice is one enrolment).
                let mut c = counts("enrolments");
                let mut existing: HashMap<(i64, i64), Option<String>> = HashMap::new();
                for school in &in_scope {
                    existing.extend(sqlx::query_as::<_, (i64, i64, Option<String>)>(
                        "SELECT e.class_id, e.pupil_id, e.source_id FROM enrolments e JOIN classes c ON c.id = e.class_id WHERE c.school_id = $1")
                        .bind(school).fetch_all(&mut *tx).await?
                        .into_iter().map(|(a, b, s)| ((a, b), s)));
                }
                let enrolled_before: HashSet<i64> = existing.keys().map(|k| k.1).collect();
                let mut new_enrolments: Vec<(i64, i64, &str)> = Vec::new();
                for e in &batch.enrolments {
                    let key = (class_id(&e.class)?, pupil_id(&e.pupil)?);
                    match existing.get(&key) {
                        Some(Some(s)) if *s == e.source_id => c.unchanged += 1,
                        Some(_) => {
                            sqlx::query("UPDATE enrolments SET source_id = $1 WHERE class_id = $2 AND pupil_id = $3")
                                .bind(&e.source_id).bind(key.0).bind(key.1).execute(&mut *tx).await?;
                            existing.insert(key, Some(e.source_id.clone()));
                            c.changed += 1;
                        }
                        None => {
                            new_enrolments.push((key.0, key.1, &e.source_id));
                            existing.insert(key, Some(e.source_id.clone()));
                            c.added += 1;
                        }
                    }
                }
                for chunk in new_enrolments.chunks(CHUNK) {
                    let mut q = QueryBuilder::new("INSERT INTO enrolments (class_id, pupil_id, source_id) ");
                    q.push_values(chunk, |mut b, r| { b.push_bind(r.0).push_bind(r.1).push_bind(Arc::<str>::from(r.2)); });
                    q.build().execute(&mut *tx).await?;
                }
                for source in &batch.removed_enrolments {
                    for school in &in_scope {
                        c.removed += sqlx::query(
                            "DELETE FROM enrolments WHERE source_id = $1 AND class_id IN (SELECT id FROM classes WHERE school_id = $2)")
                            .bind(source).bind(school).execute(&mut *tx).await?.rows_affected();
                    }
                }
                if c.removed > 0 {
                    for school in &in_scope {
                        let enrolled_after: HashSet<i64> = sqlx::query_scalar::<_, i64>(
                            "SELECT DISTINCT e.pupil_id FROM enrolments e JOIN classes c ON c.id = e.class_id WHERE c.school_id = $1")
                            .bind(school).fetch_all(&mut *tx).await?.into_iter().collect();
                        let pupils: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM pupils WHERE school_id = $1")
                            .bind(school).fetch_one(&mut *tx).await?;
                        let school_pupils: HashSet<i64> = sqlx::query_scalar::<_, i64>("SELECT id FROM pupils WHERE school_id = $1")
                            .bind(school).fetch_all(&mut *tx).await?.into_iter().collect();
                        let left = enrolled_before.iter()
                            .filter(|p| school_pupils.contains(p) && !enrolled_after.contains(p)).count();
                        if removal_needs_confirmation(left as u64, pupils as u64) && !needs.contains(&Confirmation::RemovePupils) {
                            needs.push(Confirmation::RemovePupils);
                        }
                    }
                }
                out.tables.push(c);

                // Assessment points: a school's own by the school's source id; a system-wide
                // point (an operator's import only) by its deployment-wide source id.
                let mut c = counts("assessment_points");
                type PointColumns = (i64, i64, String, String, Date, Option<f64>, Option<f64>);
                let mut held: HashMap<i64, PointColumns> = HashMap::new();
                for school in &in_scope {
                    let rows: Vec<PointColumns> = sqlx::query_as(
                        "SELECT id, year_id, kind, name, taken_on, scale_min, scale_max FROM assessment_points WHERE school_id = $1")
                        .bind(school).fetch_all(&mut *tx).await?;
                    held.extend(rows.into_iter().map(|r| (r.0, r)));
                }
                let national: HashMap<String, PointColumns> = sqlx::query_as::<_, (String, i64, i64, String, String, Date, Option<f64>, Option<f64>)>(
                    "SELECT source_id, id, year_id, kind, name, taken_on, scale_min, scale_max FROM assessment_points WHERE school_id IS NULL AND source_id IS NOT NULL")
                    .fetch_all(&mut *tx).await?.into_iter()
                    .map(|r| (r.0, (r.1, r.2, r.3, r.4, r.5, r.6, r.7))).collect();
                let mut point_ids: HashMap<String, i64> = national.iter().map(|(s, e)| (s.clone(), e.0)).collect();
                for p in &batch.assessment_points {
                    let school = match &p.school { Some(s) => Some(school_id(s)?), None => scope };
                    let year = match school {
                        Some(s) => keys.find(s, "year", &p.year).ok_or_else(|| missing(Record::AcademicYear, &p.year))?,
                        None => *batch.years.iter().find(|y| y.source_id == p.year)
                            .and_then(|y| years_held.iter().find(|e| same_academic_year((e.2, e.3), (y.starts_on, y.ends_on))))
                            .map(|e| &e.0).ok_or_else(|| missing(Record::AcademicYear, &p.year))?,
                    };
                    let row = (year, p.kind.clone(), p.name.clone(), p.taken_on, p.scale_min, p.scale_max);
                    let found = match school {
                        Some(s) => keys.find(s, "point", &p.source_id).and_then(|id| held.get(&id)),
                        None => national.get(&p.source_id),
                    };
                    let id = match found {
                        Some(e) if (e.1, e.2.clone(), e.3.clone(), e.4, e.5, e.6) == row => { c.unchanged += 1; e.0 }
                        Some(e) => {
                            sqlx::query("UPDATE assessment_points SET year_id = $1, kind = $2, name = $3, taken_on = $4, scale_min = $5, scale_max = $6 WHERE id = $7 AND school_id IS NOT DISTINCT FROM $8")
                                .bind(year).bind(&p.kind).bind(&p.name).bind(p.taken_on).bind(p.scale_min).bind(p.scale_max).bind(e.0).bind(school)
                                .execute(&mut *tx).await?;
                            c.changed += 1;
                            e.0
                        }
                        None => {
                            c.added += 1;
                            let national_source = school.is_none().then_some(&p.source_id);
                            sqlx::query_scalar(
                                "INSERT INTO assessment_points (year_id, school_id, kind, name, taken_on, scale_min, scale_max, source_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id")
                                .bind(year).bind(school).bind(&p.kind).bind(&p.name).bind(p.taken_on).bind(p.scale_min).bind(p.scale_max).bind(national_source)
                                .fetch_one(&mut *tx).await?
                        }
                    };
                    if let Some(s) = school {
                        keep_key!(tx, keys, s, "point", &p.source_id, id);
                    }
                    point_ids.insert(p.source_id.clone(), id);
                }
                // The school's own points, named without being held in the bundle (a delta file).
                for (source, id) in keys.all_of(&in_scope, "point") {
                    point_ids.entry(source).or_insert(id);
                }
                out.tables.push(c);
                let pupil_ids: HashMap<String, i64> = keys.all_of(&in_scope, "pupil").collect();

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
                let full_chunk = insert_results_sql(CHUNK, store.engine());
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
                        let pupil = *pupil_ids.get(&r.pupil).ok_or_else(|| missing(Record::Pupil, &r.pupil))?;
                        let point = *point_ids.get(&r.point).ok_or_else(|| missing(Record::AssessmentPoint, &r.point))?;
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
                        let sql = if chunk.len() == CHUNK { full_chunk.clone() } else { insert_results_sql(chunk.len(), store.engine()) };
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
                    for school in &in_scope {
                        c.removed += sqlx::query(
                            "DELETE FROM results WHERE source_id = $1 AND pupil_id IN (SELECT id FROM pupils WHERE school_id = $2)")
                            .bind(source).bind(school).execute(&mut *tx).await?.rows_affected();
                    }
                }
                out.tables.push(c);

                // Attendance, a row per pupil and academic year: a row again replaces it.
                if !batch.attendance.is_empty() {
                    let mut c = counts("attendance");
                    let years: HashMap<String, i64> = sqlx::query_as::<_, (String, i64)>(
                        "SELECT name, id FROM academic_years").fetch_all(&mut *tx).await?.into_iter().collect();
                    for row in &batch.attendance {
                        let pupil = *pupil_ids.get(&row.pupil).ok_or_else(|| missing(Record::Pupil, &row.pupil))?;
                        let year = *years.get(&row.year).ok_or_else(|| missing(Record::AcademicYear, &row.year))?;
                        let offered = (i64::from(row.sessions_possible), i64::from(row.sessions_attended),
                            i64::from(row.exclusions), i64::from(row.incidents));
                        let held: Option<(i64, i64, i64, i64)> = sqlx::query_as(
                            "SELECT sessions_possible, sessions_attended, exclusions, incidents FROM attendance
                             WHERE pupil_id = $1 AND year_id = $2")
                            .bind(pupil).bind(year).fetch_optional(&mut *tx).await?;
                        match held {
                            Some(held) if held == offered => c.unchanged += 1,
                            Some(_) => {
                                sqlx::query("UPDATE attendance SET sessions_possible = $3, sessions_attended = $4, exclusions = $5, incidents = $6
                                             WHERE pupil_id = $1 AND year_id = $2")
                                    .bind(pupil).bind(year).bind(offered.0).bind(offered.1).bind(offered.2).bind(offered.3)
                                    .execute(&mut *tx).await?;
                                c.changed += 1;
                            }
                            None => {
                                sqlx::query("INSERT INTO attendance (pupil_id, year_id, sessions_possible, sessions_attended, exclusions, incidents)
                                             VALUES ($1, $2, $3, $4, $5, $6)")
                                    .bind(pupil).bind(year).bind(offered.0).bind(offered.1).bind(offered.2).bind(offered.3)
                                    .execute(&mut *tx).await?;
                                c.added += 1;
                            }
                        }
                    }
                    out.tables.push(c);
                }
                out.changes = changes;
                out.notes = notes;
                out.schools = touched;
                let unconfirmed: Vec<Confirmation> = needs.iter().filter(|n| !batch.confirmed.contains(n)).cloned().collect();
                out.needs_confirmation = needs;
                if mode == Mode::Apply && !unconfirmed.is_empty() {
                    tx.rollback().await?;
                    return Err(StoreError::NeedsConfirmation(unconfirmed));
                }

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

    /// The OneRoster sourcedId of `school` itself, once an import has linked it.
    pub async fn school_source_id(&self, school: SchoolId) -> Result<Option<String>, StoreError> {
        Ok(
            on_pool!(self.store, pool => sqlx::query_scalar::<_, String>(
            "SELECT source_id FROM source_keys WHERE school_id = $1 AND kind = 'school'")
            .bind(school.0).fetch_optional(pool).await)?,
        )
    }

    /// The schools that hold `source_id` as their own sourcedId (for `user add --org`).
    pub async fn schools_with_source_id(
        &self,
        source_id: &str,
    ) -> Result<Vec<SchoolId>, StoreError> {
        let ids: Vec<i64> = on_pool!(self.store, pool => sqlx::query_scalar(
            "SELECT school_id FROM source_keys WHERE kind = 'school' AND source_id = $1 ORDER BY school_id")
            .bind(source_id).fetch_all(pool).await)?;
        Ok(ids.into_iter().map(SchoolId).collect())
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

impl Imports<'_> {
    /// Keeps a validated batch until it is confirmed, within the school's `limits` (see
    /// [`Store::make_room`]); returns its random id.
    pub async fn save_pending_import(
        &self,
        school: SchoolId,
        person: i64,
        file_name: &str,
        batch: &ImportBatch,
        limits: PendingLimits,
    ) -> Result<String, StoreError> {
        let id = pending_id();
        let json = json_within(batch, limits.bytes)?;
        let mut tx = self.store.begin().await?;
        self.store
            .make_room(&mut tx, Keeper::School(school), json.len() as u64, limits)
            .await?;
        on_tx!(&mut tx, conn => {
            sqlx::query("INSERT INTO pending_imports (id, school_id, person_id, file_name, batch, created_at, size_bytes, saved_at_us) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
                .bind(&id).bind(school.0).bind(person).bind(file_name).bind(&json).bind(self.store.now())
                .bind(json.len() as i64).bind(now_micros())
                .execute(&mut *conn).await?;
        });
        tx.commit().await?;
        Ok(id)
    }

    /// The pending upload `id` of `school`, if it is still kept.
    pub async fn pending_import(
        &self,
        school: SchoolId,
        id: &str,
    ) -> Result<Option<PendingImport>, StoreError> {
        let row: Option<(String, i64, i64, String, String)> = on_pool!(self.store, pool => sqlx::query_as(
            "SELECT id, school_id, person_id, file_name, batch FROM pending_imports WHERE id = $1 AND school_id = $2 AND created_at >= $3")
            .bind(id).bind(school.0).bind(self.store.now() - PENDING_LIFETIME_SECONDS)
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

    /// Keeps an uploaded bundle (the zip) until it is confirmed, within the school's
    /// `limits` (see [`Store::make_room`]); returns its random id.
    pub async fn save_pending_bundle(
        &self,
        school: SchoolId,
        person: i64,
        file_name: &str,
        bundle: &[u8],
        limits: PendingLimits,
    ) -> Result<String, StoreError> {
        let id = pending_id();
        let mut tx = self.store.begin().await?;
        self.store
            .make_room(&mut tx, Keeper::School(school), bundle.len() as u64, limits)
            .await?;
        on_tx!(&mut tx, conn => {
            sqlx::query("INSERT INTO pending_bundles (id, school_id, person_id, file_name, bundle, created_at, size_bytes, saved_at_us) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
                .bind(&id).bind(school.0).bind(person).bind(file_name).bind(bundle).bind(self.store.now())
                .bind(bundle.len() as i64).bind(now_micros())
                .execute(&mut *conn).await?;
        });
        tx.commit().await?;
        Ok(id)
    }

    /// The pending bundle `id` of `school` (its file name and zip), if it is still kept.
    pub async fn pending_bundle(
        &self,
        school: SchoolId,
        id: &str,
    ) -> Result<Option<(String, Vec<u8>)>, StoreError> {
        Ok(on_pool!(self.store, pool => sqlx::query_as(
            "SELECT file_name, bundle FROM pending_bundles WHERE id = $1 AND school_id = $2 AND created_at >= $3")
            .bind(id).bind(school.0).bind(self.store.now() - PENDING_LIFETIME_SECONDS)
            .fetch_optional(pool).await)?)
    }

    /// Keeps the preview shown for the pending upload `id` (a bundle or a batch) beside it.
    pub async fn keep_pending_preview(&self, id: &str, preview: &str) -> Result<(), StoreError> {
        on_pool!(self.store, pool => {
            sqlx::query("UPDATE pending_bundles SET preview = $1 WHERE id = $2")
                .bind(preview).bind(id).execute(pool).await?;
            sqlx::query("UPDATE pending_imports SET preview = $1 WHERE id = $2")
                .bind(preview).bind(id).execute(pool).await?;
        });
        Ok(())
    }

    /// The preview kept for the pending upload `id` of `school`, if there is one.
    pub async fn pending_preview(
        &self,
        school: SchoolId,
        id: &str,
    ) -> Result<Option<String>, StoreError> {
        let since = self.store.now() - PENDING_LIFETIME_SECONDS;
        Ok(on_pool!(self.store, pool => {
            let bundle: Option<Option<String>> = sqlx::query_scalar(
                "SELECT preview FROM pending_bundles WHERE id = $1 AND school_id = $2 AND created_at >= $3")
                .bind(id).bind(school.0).bind(since).fetch_optional(pool).await?;
            match bundle {
                Some(preview) => preview,
                None => sqlx::query_scalar::<_, Option<String>>(
                    "SELECT preview FROM pending_imports WHERE id = $1 AND school_id = $2 AND created_at >= $3")
                    .bind(id).bind(school.0).bind(since).fetch_optional(pool).await?.flatten(),
            }
        }))
    }

    /// Takes the pending bundle `id` of `school` away in `tx`, as its import is applied:
    /// [`StoreError::NotFound`] when it is no longer kept (another confirmation took it first, or
    /// it expired), so that a second confirmation writes nothing.
    pub async fn take_pending_bundle(
        &self,
        tx: &mut Tx,
        school: SchoolId,
        id: &str,
    ) -> Result<(), StoreError> {
        let taken = on_tx!(tx, conn => sqlx::query("DELETE FROM pending_bundles WHERE id = $1 AND school_id = $2")
            .bind(id).bind(school.0).execute(&mut *conn).await.map(|r| r.rows_affected()))?;
        taken_once(taken, "upload")
    }

    /// Takes the pending batch `id` of `school` away in `tx`, as its import is applied
    /// ([`StoreError::NotFound`] when it is no longer kept).
    pub async fn take_pending_import(
        &self,
        tx: &mut Tx,
        school: SchoolId,
        id: &str,
    ) -> Result<(), StoreError> {
        let taken = on_tx!(tx, conn => sqlx::query("DELETE FROM pending_imports WHERE id = $1 AND school_id = $2")
            .bind(id).bind(school.0).execute(&mut *conn).await.map(|r| r.rows_affected()))?;
        taken_once(taken, "upload")
    }

    /// The spreadsheet column mapping `school` last confirmed (JSON), if any.
    pub async fn column_mapping(&self, school: SchoolId) -> Result<Option<String>, StoreError> {
        Ok(on_pool!(self.store, pool => sqlx::query_scalar(
            "SELECT mapping FROM import_column_mappings WHERE school_id = $1")
            .bind(school.0).fetch_optional(pool).await)?)
    }

    pub async fn remember_column_mapping(
        &self,
        school: SchoolId,
        mapping: &str,
    ) -> Result<(), StoreError> {
        on_pool!(self.store, pool => sqlx::query(
            "INSERT INTO import_column_mappings (school_id, mapping, updated_at) VALUES ($1, $2, $3)
             ON CONFLICT (school_id) DO UPDATE SET mapping = excluded.mapping, updated_at = excluded.updated_at")
            .bind(school.0).bind(mapping).bind(self.store.now()).execute(pool).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// The column mapping `school` last confirmed for an attendance sheet.
    pub async fn attendance_column_mapping(
        &self,
        school: SchoolId,
    ) -> Result<Option<String>, StoreError> {
        let held: Option<Option<String>> = on_pool!(self.store, pool => sqlx::query_scalar(
            "SELECT attendance_mapping FROM import_column_mappings WHERE school_id = $1")
            .bind(school.0).fetch_optional(pool).await)?;
        Ok(held.flatten())
    }

    /// Remembers the column mapping of an attendance sheet (beside the results sheet's:
    /// a school with none yet gets an empty one, which fits no sheet).
    pub async fn remember_attendance_column_mapping(
        &self,
        school: SchoolId,
        mapping: &str,
    ) -> Result<(), StoreError> {
        on_pool!(self.store, pool => sqlx::query(
            "INSERT INTO import_column_mappings (school_id, mapping, attendance_mapping, updated_at) VALUES ($1, '{}', $2, $3)
             ON CONFLICT (school_id) DO UPDATE SET attendance_mapping = excluded.attendance_mapping, updated_at = excluded.updated_at")
            .bind(school.0).bind(mapping).bind(self.store.now()).execute(pool).await.map(|r| r.rows_affected()))?;
        Ok(())
    }
}

/// The answer to taking a pending upload away: it was there to take exactly once
/// ([`StoreError::NotFound`] when it was not).
pub(crate) fn taken_once(rows: u64, what: &str) -> Result<(), StoreError> {
    if rows == 0 {
        Err(StoreError::NotFound {
            what: Record::Upload,
            id: what.to_owned(),
        })
    } else {
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
            return Err(StoreError::not_found(Record::Table, table));
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
