//! OneRoster 1.2 and 1.1 CSV bundles: parse → validate → a batch for the store, with every
//! problem named by file, line, column and reason. See `docs/import.md` for the mapping onto
//! Headway's tables.
//!
//! Validation never stops at the first problem: a row with a problem is left out of the
//! batch and reading goes on, so one pass lists everything to fix. A batch with problems
//! must not be applied.

mod bundle;

pub use bundle::{Bundle, BundleError};

use crate::csv_rows::{Row, read_rows};
use crate::reason::Reason;
use headway_domain::roster::plan::{
    ImportAssessmentPoint, ImportBatch, ImportClass, ImportEnrolment, ImportOrg, ImportPerson,
    ImportPupil, ImportResult, ImportSchool, ImportSubject, ImportTeaching, ImportYear,
    PupilContext,
};
use serde::{Deserialize, Serialize};
use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::{BuildHasher, Hasher};
use time::Date;

/// The hasher of the maps a results file fills (a key per row): several times faster than
/// the standard one on short ids, and still seeded at random.
type Fast = foldhash::fast::RandomState;

/// One thing wrong with the files, where it is and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    pub file: String,
    /// The line the row starts on (the headings are line 1); 0 for the file as a whole.
    pub line: u64,
    pub column: String,
    /// Why, as a message to show in the reader's language.
    pub message: Reason,
}

impl Problem {
    pub fn new(
        file: impl Into<String>,
        line: u64,
        column: impl Into<String>,
        message: Reason,
    ) -> Problem {
        Problem {
            file: file.into(),
            line,
            column: column.into(),
            message,
        }
    }

    /// Why, in English (the command line, logs and tests).
    pub fn reason(&self) -> String {
        self.message.english()
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}, line {}, column {}: {}",
            self.file,
            self.line,
            self.column,
            self.reason()
        )
    }
}

/// The outcome of validating a bundle: the rows to import, the problems that stop it, and
/// notes about rows deliberately left out (not problems).
#[derive(Debug, Clone, Default)]
pub struct Validated {
    pub batch: ImportBatch,
    pub problems: Vec<Problem>,
    pub notes: Vec<Reason>,
}

/// How the manifest says a file is to be processed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Processing {
    Bulk,
    Delta,
    Absent,
}

/// The files a bundle may hold, as named in `manifest.csv` (`file.orgs` …).
const FILES: &[&str] = &[
    "academicSessions",
    "categories",
    "classes",
    "classResources",
    "courseResources",
    "courses",
    "demographics",
    "enrollments",
    "lineItemLearningObjectiveIds",
    "lineItems",
    "lineItemScoreScales",
    "orgs",
    "resources",
    "resultLearningObjectiveIds",
    "results",
    "resultScoreScales",
    "roles",
    "scoreScales",
    "userProfiles",
    "userResources",
    "users",
];

/// The files Headway reads; the others a manifest may list are accepted and left unread.
const READ: &[&str] = &[
    "orgs",
    "academicSessions",
    "users",
    "roles",
    "demographics",
    "courses",
    "classes",
    "enrollments",
    "categories",
    "lineItems",
    "scoreScales",
    "results",
];

struct Session {
    kind: String,
    parent: Option<String>,
    starts: Date,
    ends: Date,
    /// The `schoolYear` column: the calendar year the school year ends in (2024 for
    /// 2023/24).
    school_year: i32,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum UserKind {
    Pupil,
    Staff,
    Other,
}

struct User {
    line: u64,
    given: String,
    family: String,
    email: Option<String>,
    role: Option<String>,
    org: Option<String>,
    index: u32,
}

struct LineItem {
    point: Option<String>,
    subject: Option<String>,
    min: Option<f64>,
    max: Option<f64>,
    scale: Option<String>,
    group: u32,
}

/// Reads files of the bundle, collecting problems.
struct Reader<'b> {
    bundle: &'b Bundle,
    problems: Vec<Problem>,
    /// The sourcedIds of rows with a problem: a reference to one is not reported again.
    rejected: HashSet<String>,
    progress: &'b mut dyn FnMut(u64, u64),
    done: u64,
    total: u64,
    /// Repeated rows merged into their first, as notes (see [`Merged`]).
    merged: Merged,
}

/// Notes about repeated rows merged into the first: real exporters write the same row
/// twice, or a pupil's enrolment in a class twice under two sourcedIds. Each is named by
/// file and line, up to [`Merged::SHOWN`] a file; the rest are counted.
#[derive(Default)]
struct Merged {
    notes: Vec<Reason>,
    by_file: BTreeMap<String, usize>,
}

impl Merged {
    const SHOWN: usize = 20;

    fn note(&mut self, file: &str, note: Reason) {
        let count = self.by_file.entry(file.to_owned()).or_default();
        *count += 1;
        if *count <= Merged::SHOWN {
            self.notes.push(note);
        }
    }

    fn into_notes(mut self) -> Vec<Reason> {
        for (file, count) in self.by_file {
            if count > Merged::SHOWN {
                let n = count - Merged::SHOWN;
                self.notes
                    .push(crate::reason!("note-merged-more", file = file, n = n));
            }
        }
        self.notes
    }
}

/// The most columns one file is read for.
const MAX_COLUMNS: usize = 16;

/// The fields of one row, in the order the columns were asked for (on the stack: a file
/// may have a million rows).
struct Fields<'r> {
    line: u64,
    values: [Option<&'r str>; MAX_COLUMNS],
}

impl<'r> Fields<'r> {
    fn get(&self, i: usize) -> Option<&'r str> {
        self.values[i]
    }
    fn req(&self, i: usize) -> &'r str {
        self.values[i].unwrap_or_default()
    }
}

impl Reader<'_> {
    fn problem(&mut self, file: &str, line: u64, column: &str, message: Reason) {
        self.problems
            .push(Problem::new(file, line, column, message));
    }

    /// Calls `each` with the asked-for columns of every row of `file` that has all its
    /// required fields (`*name`). Returns false when the file is absent or unreadable.
    ///
    /// When the first column is `sourcedId`, a row repeating an earlier row's sourcedId is
    /// not given to `each`: merged into the first with a note when the two rows are the
    /// same, else a problem naming the first line.
    fn rows(
        &mut self,
        file: &str,
        columns: &[&str],
        mut each: impl FnMut(&mut Vec<Problem>, &Fields<'_>),
    ) -> bool {
        let name = format!("{file}.csv");
        let Some(bytes) = self.bundle.files.get(&name) else {
            return false;
        };
        let names: Vec<(&str, bool)> = columns
            .iter()
            .map(|c| match c.strip_prefix('*') {
                Some(c) => (c, true),
                None => (*c, false),
            })
            .collect();
        assert!(
            names.len() <= MAX_COLUMNS,
            "{file}: read at most {MAX_COLUMNS} columns"
        );
        let mut positions: Option<Vec<Option<usize>>> = None;
        let mut unusable = false;
        let problems = &mut self.problems;
        let rejected = &mut self.rejected;
        let merged = &mut self.merged;
        // Each sourcedId's first line and a hash of its row; sized once for the file's
        // lines (a results file may have a million), not grown as it fills.
        let by_id = names.first().is_some_and(|(n, _)| *n == "sourcedId");
        let lines = if by_id {
            bytes.iter().filter(|c| **c == b'\n').count()
        } else {
            0
        };
        let hasher = Fast::default();
        let mut seen: HashMap<String, (u64, u64), Fast> =
            HashMap::with_capacity_and_hasher(lines, hasher.clone());
        let result = read_rows(bytes, &self.bundle.limits, |headings, row: Row<'_>| {
            if unusable {
                return;
            }
            let positions = positions
                .get_or_insert_with(|| names.iter().map(|(n, _)| headings.position(n)).collect());
            if row.line == 2 || problems.is_empty() && positions.is_empty() {
                for ((column, required), position) in names.iter().zip(positions.iter()) {
                    if *required && position.is_none() {
                        problems.push(Problem::new(
                            name.as_str(),
                            1,
                            *column,
                            crate::reason!("required-column-missing"),
                        ));
                        unusable = true;
                    }
                }
                if unusable {
                    return;
                }
            }
            let mut values = [None; MAX_COLUMNS];
            let mut complete = true;
            for (i, ((column, required), position)) in
                names.iter().zip(positions.iter()).enumerate()
            {
                if row.is_garbled(*position) {
                    problems.push(Problem::new(
                        name.as_str(),
                        row.line,
                        *column,
                        crate::reason!("not-utf8"),
                    ));
                    complete = false;
                }
                let value = row.get(*position);
                if *required && value.is_none() && position.is_some() {
                    problems.push(Problem::new(
                        name.as_str(),
                        row.line,
                        *column,
                        crate::reason!("required-field-empty"),
                    ));
                    complete = false;
                }
                values[i] = value;
            }
            let before = problems.len();
            let id = values.first().copied().flatten();
            if complete
                && by_id
                && let Some(id) = id
            {
                let mut hash = hasher.build_hasher();
                for field in row.record {
                    hash.write_usize(field.len());
                    hash.write(field);
                }
                let hash = hash.finish();
                match seen.entry(id.to_owned()) {
                    Entry::Vacant(slot) => {
                        slot.insert((row.line, hash));
                    }
                    Entry::Occupied(first) => {
                        let (first, first_hash) = *first.get();
                        if first_hash == hash {
                            let note = crate::reason!(
                                "note-row-repeated",
                                file = name,
                                line = row.line,
                                first = first
                            );
                            merged.note(&name, note);
                        } else {
                            problems.push(Problem::new(
                                name.as_str(),
                                row.line,
                                "sourcedId",
                                crate::reason!("id-used-twice", id = id, first = first),
                            ));
                        }
                        return;
                    }
                }
            }
            if complete {
                each(
                    problems,
                    &Fields {
                        line: row.line,
                        values,
                    },
                );
            }
            if problems.len() > before
                && let Some(id) = id
            {
                rejected.insert(id.to_owned());
            }
        });
        self.done += bytes.len() as u64;
        (self.progress)(self.done, self.total);
        match result {
            Ok(headings) => {
                // A file with headings and no rows still needs its required columns.
                if positions.is_none() {
                    for (column, required) in &names {
                        if *required && headings.position(column).is_none() {
                            self.problem(
                                &name,
                                1,
                                column,
                                crate::reason!("required-column-missing"),
                            );
                        }
                    }
                }
                true
            }
            Err(fault) => {
                self.problem(&name, fault.line, "", fault.message);
                false
            }
        }
    }
}

fn problem(problems: &mut Vec<Problem>, file: &str, line: u64, column: &str, message: Reason) {
    problems.push(Problem::new(format!("{file}.csv"), line, column, message));
}

/// A OneRoster date, `YYYY-MM-DD` (a date-time is cut to its date).
fn parse_date(text: &str) -> Option<Date> {
    let b = text.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' || (b.len() > 10 && b[10] != b'T') {
        return None;
    }
    let number = |range: std::ops::Range<usize>| -> Option<u32> {
        b[range].iter().try_fold(0u32, |n, d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    let month = time::Month::try_from(u8::try_from(number(5..7)?).ok()?).ok()?;
    let day = u8::try_from(number(8..10)?).ok()?;
    Date::from_calendar_date(number(0..4)? as i32, month, day).ok()
}

/// A OneRoster `schoolYear`: a four-digit year.
fn parse_school_year(text: &str) -> Option<i32> {
    let digits = text.len() == 4 && text.bytes().all(|b| b.is_ascii_digit());
    digits
        .then(|| text.parse().ok())
        .flatten()
        .filter(|year| *year >= 1000)
}

/// The school year of every session, by sourcedId: the session itself or its nearest
/// ancestor of type `schoolYear`; else the `schoolYear` session with the same `schoolYear`
/// number; else a year made from that number (many exporters give terms only, with the
/// year in their `schoolYear` column), added to `years`, running from the earliest start
/// to the latest end of the sessions of that number.
fn school_years(
    sessions: &HashMap<String, (u64, Session)>,
    years: &mut Vec<ImportYear>,
) -> HashMap<String, String> {
    let mut by_number: HashMap<i32, (u64, &str)> = HashMap::new();
    for (id, (line, s)) in sessions {
        if s.kind == "schoolYear" {
            let first = by_number.entry(s.school_year).or_insert((*line, id));
            if *line < first.0 {
                *first = (*line, id);
            }
        }
    }
    let ancestor_year = |id: &str| -> Option<String> {
        let mut current = id;
        // A chain longer than a year, a term and a grading period is a loop.
        for _ in 0..8 {
            let (_, s) = sessions.get(current)?;
            if s.kind == "schoolYear" {
                return Some(current.to_owned());
            }
            current = s.parent.as_deref()?;
        }
        None
    };
    let mut made: BTreeMap<i32, (Date, Date)> = BTreeMap::new();
    let mut of_session = HashMap::new();
    for (id, (_, s)) in sessions {
        let year = ancestor_year(id)
            .or_else(|| by_number.get(&s.school_year).map(|(_, y)| (*y).to_owned()))
            .unwrap_or_else(|| {
                let span = made.entry(s.school_year).or_insert((s.starts, s.ends));
                span.0 = span.0.min(s.starts);
                span.1 = span.1.max(s.ends);
                made_year_id(s.school_year)
            });
        of_session.insert(id.clone(), year);
    }
    for (number, (starts, ends)) in made {
        years.push(ImportYear {
            source_id: made_year_id(number),
            name: format!("{}/{:02}", number - 1, number.rem_euclid(100)),
            starts_on: starts,
            ends_on: ends,
        });
    }
    of_session
}

/// The source id of a school year made from a `schoolYear` number.
fn made_year_id(number: i32) -> String {
    format!("schoolYear:{number}")
}

fn parse_bool(text: &str) -> Option<bool> {
    match text.to_ascii_lowercase().as_str() {
        "true" | "yes" | "y" | "1" => Some(true),
        "false" | "no" | "n" | "0" => Some(false),
        _ => None,
    }
}

fn parse_number(text: &str) -> Option<f64> {
    text.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// The entries of a OneRoster list field (comma-separated, maybe in brackets and quotes).
fn list_entries(text: &str) -> impl Iterator<Item = &str> {
    text.trim_matches(|c| c == '[' || c == ']')
        .split(',')
        .map(|s| s.trim().trim_matches('"').trim())
        .filter(|s| !s.is_empty())
}

/// The first entry of a OneRoster list field.
fn first_of_list(text: &str) -> Option<String> {
    list_entries(text).next().map(str::to_owned)
}

/// The org a OneRoster 1.1 `orgSourcedIds` list gives a user: the first school in it (a
/// list may name the district first), else its first entry.
fn school_of_list(list: &str, schools: &HashSet<String>) -> Option<String> {
    list_entries(list)
        .find(|s| schools.contains(*s))
        .map(str::to_owned)
        .or_else(|| first_of_list(list))
}

/// Which kind of assessment point a category title names, if any.
fn kind_from_title(title: &str) -> Option<&'static str> {
    let lower = title.to_lowercase();
    ["baseline", "interim", "final"]
        .into_iter()
        .find(|k| lower.contains(k))
}

/// The numeric range of a score scale's values (`[0:Fail,50:Pass,100:Distinction]` or
/// `0,100`).
fn scale_range(values: &str) -> Option<(f64, f64)> {
    let numbers: Vec<f64> = values
        .trim_matches(|c| c == '[' || c == ']')
        .split(',')
        .filter_map(|entry| parse_number(entry.split(':').next()?.trim()))
        .collect();
    let min = numbers.iter().copied().reduce(f64::min)?;
    let max = numbers.iter().copied().reduce(f64::max)?;
    Some((min, max))
}

/// Options of a validation.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The school the import is for (a web upload; `headway import --school`): a bundle
    /// naming any other school is refused.
    pub school: Option<i64>,
    /// The OneRoster sourcedId the database already holds for that school, if any.
    pub school_source_id: Option<String>,
}

/// Where validated results go. Results are the bulk of a bundle: a sink may take them as
/// they are accepted, so that they can be written (in a transaction not yet committed)
/// while the rest of the file is still being checked.
pub trait ResultSink {
    /// Called once, with everything but the results, before the first result is read.
    fn before_results(&mut self, _batch: &ImportBatch) {}
    /// Called with the results accepted so far, every [`RESULTS_PER_CALL`] and at the end.
    /// Results left in `accepted` stay in the batch.
    fn results(&mut self, accepted: &mut Vec<ImportResult>);
}

/// How many accepted results a [`ResultSink`] is given at a time.
pub const RESULTS_PER_CALL: usize = 10_000;

/// The sink that leaves every result in the batch.
struct KeepInBatch;

impl ResultSink for KeepInBatch {
    fn results(&mut self, _accepted: &mut Vec<ImportResult>) {}
}

/// Validates a bundle into a batch and its problems. `progress` is told bytes read so far
/// and the bundle's total.
pub fn validate(
    bundle: &Bundle,
    options: &Options,
    progress: &mut dyn FnMut(u64, u64),
) -> Validated {
    validate_into(bundle, options, progress, &mut KeepInBatch)
}

/// [`validate`], handing the results to `sink` as they are accepted: the batch returned
/// holds only the results the sink left in it. Whether the results may be written is known
/// only at the end, from the problems returned.
pub fn validate_into(
    bundle: &Bundle,
    options: &Options,
    progress: &mut dyn FnMut(u64, u64),
    sink: &mut dyn ResultSink,
) -> Validated {
    let total = bundle.files.values().map(|f| f.len() as u64).sum();
    let mut r = Reader {
        bundle,
        problems: Vec::new(),
        rejected: HashSet::new(),
        progress,
        done: 0,
        total,
        merged: Merged::default(),
    };
    let mut out = Validated::default();
    out.batch.school = options.school;

    // manifest.csv: processing modes.
    let mut modes: BTreeMap<String, (Processing, u64)> = BTreeMap::new();
    let mut manifest_rows = Vec::new();
    r.rows("manifest", &["*propertyName", "value"], |_, f| {
        manifest_rows.push((f.line, f.req(0).to_owned(), f.get(1).map(str::to_owned)));
    });
    for (line, property, value) in manifest_rows {
        let Some(file) = property.strip_prefix("file.") else {
            continue;
        };
        if !FILES.contains(&file) {
            r.problem(
                "manifest.csv",
                line,
                "propertyName",
                crate::reason!("manifest-not-a-file", file = property),
            );
            continue;
        }
        let mode = match value.as_deref().map(str::to_ascii_lowercase).as_deref() {
            Some("bulk") => Processing::Bulk,
            Some("delta") => Processing::Delta,
            Some("absent") => Processing::Absent,
            _ => {
                r.problem(
                    "manifest.csv",
                    line,
                    "value",
                    crate::reason!("manifest-bad-mode"),
                );
                continue;
            }
        };
        modes.insert(file.to_owned(), (mode, line));
    }
    for file in FILES {
        let present = bundle.files.contains_key(&format!("{file}.csv"));
        match (modes.get(*file), present) {
            (Some((Processing::Absent, line)), true) => r.problem(
                "manifest.csv",
                *line,
                "value",
                crate::reason!("manifest-absent-but-held", file = file),
            ),
            (Some((Processing::Bulk | Processing::Delta, line)), false) => r.problem(
                "manifest.csv",
                *line,
                "value",
                crate::reason!("manifest-listed-but-missing", file = file),
            ),
            (None, true) => r.problem(
                &format!("{file}.csv"),
                0,
                "",
                crate::reason!("manifest-no-entry", file = file),
            ),
            _ => {}
        }
    }
    for name in bundle.files.keys() {
        let stem = name.trim_end_matches(".csv");
        if stem != "manifest" && !FILES.contains(&stem) {
            out.notes
                .push(crate::reason!("note-not-oneroster", name = name));
        } else if FILES.contains(&stem) && !READ.contains(&stem) {
            out.notes.push(crate::reason!("note-not-kept", name = name));
        }
    }
    let mode = |file: &str| modes.get(file).map(|m| m.0);
    let is_deleted =
        |status: Option<&str>| status.is_some_and(|s| s.eq_ignore_ascii_case("tobedeleted"));

    // orgs.csv → organisations and schools.
    let mut orgs: HashMap<String, (u64, Option<String>, bool)> = HashMap::new();
    let mut org_rows = Vec::new();
    r.rows(
        "orgs",
        &[
            "*sourcedId",
            "status",
            "*name",
            "*type",
            "identifier",
            "parentSourcedId",
            "metadata.headway.phase",
        ],
        |problems, f| {
            if is_deleted(f.get(1)) {
                return;
            }
            let id = f.req(0).to_owned();
            let kind = match f.req(3).to_ascii_lowercase().as_str() {
                "school" => "school",
                "district" => "district",
                "local" => "cluster",
                "state" | "national" => "system",
                "department" => {
                    orgs.insert(id, (f.line, f.get(5).map(str::to_owned), false));
                    return;
                }
                other => {
                    problem(
                        problems,
                        "orgs",
                        f.line,
                        "type",
                        crate::reason!("not-an-org-type", value = other),
                    );
                    return;
                }
            };
            let phase = match f.get(6).map(str::to_ascii_lowercase).as_deref() {
                None => "all_through",
                Some("primary") => "primary",
                Some("secondary") => "secondary",
                Some("all_through") => "all_through",
                Some("special") => "special",
                Some(other) => {
                    problem(
                        problems,
                        "orgs",
                        f.line,
                        "metadata.headway.phase",
                        crate::reason!("not-a-phase", value = other),
                    );
                    return;
                }
            };
            let parent = f.get(5).map(str::to_owned);
            orgs.insert(id.clone(), (f.line, parent.clone(), true));
            org_rows.push((
                f.line,
                ImportOrg {
                    source_id: id.clone(),
                    kind: kind.to_owned(),
                    name: f.req(2).to_owned(),
                    parent,
                    school: (kind == "school").then(|| ImportSchool {
                        code: f.get(4).unwrap_or(&id).to_owned(),
                        phase: phase.to_owned(),
                    }),
                },
            ));
        },
    );
    for (line, org) in &mut org_rows {
        if let Some(parent) = &org.parent
            && !orgs.contains_key(parent)
        {
            let reason = crate::reason!("no-org", id = parent);
            r.problem("orgs.csv", *line, "parentSourcedId", reason);
        }
        // Departments are not kept: hang the org on the nearest ancestor that is.
        for _ in 0..8 {
            match org.parent.as_ref().and_then(|p| orgs.get(p)) {
                Some((_, grand, false)) => org.parent = grand.clone(),
                _ => break,
            }
        }
    }
    let bundle_schools: Vec<&ImportOrg> = org_rows
        .iter()
        .map(|(_, o)| o)
        .filter(|o| o.school.is_some())
        .collect();
    if let (Some(school), Some(known)) = (options.school, &options.school_source_id) {
        for (line, org) in &org_rows {
            if org.school.is_some() && org.source_id != *known {
                r.problem(
                    "orgs.csv",
                    *line,
                    "sourcedId",
                    crate::reason!(
                        "other-school-in-bundle",
                        school = school,
                        known = known,
                        other = org.source_id
                    ),
                );
            }
        }
    } else if options.school.is_some() && bundle_schools.len() > 1 {
        r.problem("orgs.csv", 0, "type", crate::reason!("one-school-only"));
    }
    let school_ids: HashSet<String> = org_rows
        .iter()
        .filter(|(_, o)| o.school.is_some())
        .map(|(_, o)| o.source_id.clone())
        .collect();
    out.batch.orgs = org_rows.into_iter().map(|(_, o)| o).collect();

    // academicSessions.csv → academic years (school years); terms map to their year.
    let mut sessions: HashMap<String, (u64, Session)> = HashMap::new();
    r.rows(
        "academicSessions",
        &[
            "*sourcedId",
            "status",
            "*title",
            "*type",
            "*startDate",
            "*endDate",
            "parentSourcedId",
            "*schoolYear",
        ],
        |problems, f| {
            if is_deleted(f.get(1)) {
                return;
            }
            let id = f.req(0).to_owned();
            let kind = f.req(3).to_owned();
            if !["schoolYear", "term", "gradingPeriod", "semester"].contains(&kind.as_str()) {
                problem(
                    problems,
                    "academicSessions",
                    f.line,
                    "type",
                    crate::reason!("not-a-session-type", value = kind),
                );
                return;
            }
            let (Some(starts), Some(ends)) = (parse_date(f.req(4)), parse_date(f.req(5))) else {
                for (i, column) in [(4, "startDate"), (5, "endDate")] {
                    if parse_date(f.req(i)).is_none() {
                        problem(
                            problems,
                            "academicSessions",
                            f.line,
                            column,
                            crate::reason!("not-a-date", text = f.req(i)),
                        );
                    }
                }
                return;
            };
            if ends < starts {
                problem(
                    problems,
                    "academicSessions",
                    f.line,
                    "endDate",
                    crate::reason!("session-ends-before-start"),
                );
                return;
            }
            let Some(school_year) = parse_school_year(f.req(7)) else {
                problem(
                    problems,
                    "academicSessions",
                    f.line,
                    "schoolYear",
                    crate::reason!("not-a-school-year", text = f.req(7)),
                );
                return;
            };
            if kind == "schoolYear" {
                out.batch.years.push(ImportYear {
                    source_id: id.clone(),
                    name: f.req(2).to_owned(),
                    starts_on: starts,
                    ends_on: ends,
                });
            }
            sessions.insert(
                id,
                (
                    f.line,
                    Session {
                        kind,
                        parent: f.get(6).map(str::to_owned),
                        starts,
                        ends,
                        school_year,
                    },
                ),
            );
        },
    );
    let session_years = school_years(&sessions, &mut out.batch.years);
    let year_of = |session: &str| session_years.get(session).cloned();

    // users.csv (with roles.csv in OneRoster 1.2) → pupils and staff.
    let mut roles: HashMap<String, (String, String)> = HashMap::new();
    r.rows(
        "roles",
        &[
            "*sourcedId",
            "status",
            "*userSourcedId",
            "*roleType",
            "*role",
            "*orgSourcedId",
        ],
        |_, f| {
            if is_deleted(f.get(1)) {
                return;
            }
            let primary = f.req(3).eq_ignore_ascii_case("primary");
            let user = f.req(2).to_owned();
            if primary || !roles.contains_key(&user) {
                roles.insert(user, (f.req(4).to_owned(), f.req(5).to_owned()));
            }
        },
    );
    let mut users: HashMap<String, User, Fast> = HashMap::default();
    let has_role_column = bundle
        .files
        .get("users.csv")
        .map(|b| {
            let head = String::from_utf8_lossy(&b[..b.len().min(4096)]).into_owned();
            head.lines()
                .next()
                .is_some_and(|l| l.split(',').any(|c| c.trim().trim_matches('"') == "role"))
        })
        .unwrap_or(false);
    if bundle.files.contains_key("users.csv") && !has_role_column && roles.is_empty() {
        r.problem("users.csv", 1, "role", crate::reason!("users-need-role"));
    }
    let mut next_index = 0u32;
    r.rows(
        "users",
        &[
            "*sourcedId",
            "status",
            "*enabledUser",
            "*givenName",
            "*familyName",
            "email",
            "role",
            "orgSourcedIds",
            "primaryOrgSourcedId",
        ],
        |problems, f| {
            if is_deleted(f.get(1)) {
                return;
            }
            let id = f.req(0).to_owned();
            if parse_bool(f.req(2)).is_none() {
                problem(
                    problems,
                    "users",
                    f.line,
                    "enabledUser",
                    crate::reason!("not-true-or-false", text = f.req(2)),
                );
                return;
            }
            let (role, org) = match (f.get(6), roles.get(&id)) {
                (Some(role), _) => (
                    Some(role.to_owned()),
                    f.get(8)
                        .map(str::to_owned)
                        .or_else(|| f.get(7).and_then(|list| school_of_list(list, &school_ids))),
                ),
                (None, Some((role, org))) => (Some(role.clone()), Some(org.clone())),
                (None, None) => (None, None),
            };
            users.insert(
                id,
                User {
                    line: f.line,
                    given: f.req(3).to_owned(),
                    family: f.req(4).to_owned(),
                    email: f.get(5).map(str::to_owned),
                    role,
                    org,
                    index: next_index,
                },
            );
            next_index += 1;
        },
    );
    let kind_of = |user: &User| match user.role.as_deref().map(str::to_ascii_lowercase).as_deref() {
        Some("student") => UserKind::Pupil,
        Some("teacher" | "administrator" | "aide" | "proctor") => UserKind::Staff,
        _ => UserKind::Other,
    };
    let mut user_list: Vec<(&String, &User)> = users.iter().collect();
    user_list.sort_by_key(|(_, u)| u.line);
    let mut pupil_rows: HashMap<String, usize> = HashMap::new();
    for (id, user) in &user_list {
        let kind = kind_of(user);
        if kind == UserKind::Other {
            if user.role.is_some() {
                continue; // guardians, parents: nothing Headway keeps
            }
            r.problem(
                "users.csv",
                user.line,
                "role",
                crate::reason!("user-no-role"),
            );
            continue;
        }
        let school = match &user.org {
            Some(org) if school_ids.contains(org) => Some(org.clone()),
            Some(org) => {
                r.problem(
                    "users.csv",
                    user.line,
                    "orgSourcedIds",
                    crate::reason!("no-school", id = org),
                );
                continue;
            }
            None => None,
        };
        let name = format!("{} {}", user.given, user.family);
        match (kind, school) {
            (UserKind::Pupil, Some(school)) => {
                pupil_rows.insert((*id).clone(), out.batch.pupils.len());
                out.batch.pupils.push(ImportPupil {
                    source_id: (*id).clone(),
                    school,
                    display_name: Some(name),
                    context: None,
                });
            }
            (UserKind::Pupil, None) => r.problem(
                "users.csv",
                user.line,
                "orgSourcedIds",
                crate::reason!("pupil-needs-school"),
            ),
            (_, school) => out.batch.people.push(ImportPerson {
                source_id: (*id).clone(),
                display_name: name,
                email: user.email.clone(),
                school: if kind_of(user) == UserKind::Staff
                    && user
                        .role
                        .as_deref()
                        .is_some_and(|r| r.eq_ignore_ascii_case("teacher"))
                {
                    school
                } else {
                    None
                },
            }),
        }
    }

    // demographics.csv → pupils' context.
    r.rows(
        "demographics",
        &[
            "*sourcedId",
            "status",
            "birthDate",
            "sex",
            "metadata.headway.disadvantaged",
            "metadata.headway.sen",
            "metadata.headway.eal",
            "metadata.headway.ethnicity",
        ],
        |problems, f| {
            if is_deleted(f.get(1)) {
                return;
            }
            let id = f.req(0);
            let Some(&index) = pupil_rows.get(id) else {
                if !users.contains_key(id) {
                    problem(
                        problems,
                        "demographics",
                        f.line,
                        "sourcedId",
                        crate::reason!("no-user", id = id),
                    );
                }
                return;
            };
            let mut context = PupilContext::default();
            let mut ok = true;
            if let Some(text) = f.get(2) {
                match parse_date(text) {
                    Some(d) => context.birth_date = Some(d),
                    None => {
                        problem(
                            problems,
                            "demographics",
                            f.line,
                            "birthDate",
                            crate::reason!("not-a-date", text = text),
                        );
                        ok = false;
                    }
                }
            }
            context.gender = match f.get(3).map(str::to_ascii_lowercase).as_deref() {
                None | Some("unspecified") => None,
                Some("female") => Some("female".into()),
                Some("male") => Some("male".into()),
                Some("other") => Some("other".into()),
                Some(other) => {
                    problem(
                        problems,
                        "demographics",
                        f.line,
                        "sex",
                        crate::reason!("not-a-sex", value = other),
                    );
                    ok = false;
                    None
                }
            };
            for (i, column) in [
                (4, "metadata.headway.disadvantaged"),
                (6, "metadata.headway.eal"),
            ] {
                if let Some(text) = f.get(i) {
                    match parse_bool(text) {
                        Some(b) => {
                            if i == 4 {
                                context.disadvantaged = Some(b)
                            } else {
                                context.eal = Some(b)
                            }
                        }
                        None => {
                            problem(
                                problems,
                                "demographics",
                                f.line,
                                column,
                                crate::reason!("not-true-or-false", text = text),
                            );
                            ok = false;
                        }
                    }
                }
            }
            context.sen = match f.get(5).map(str::to_ascii_lowercase).as_deref() {
                None => None,
                Some("none" | "n") => Some("none".into()),
                Some("support" | "k") => Some("support".into()),
                Some("plan" | "e" | "ehcp") => Some("plan".into()),
                Some(other) => {
                    problem(
                        problems,
                        "demographics",
                        f.line,
                        "metadata.headway.sen",
                        crate::reason!("not-a-sen-status", value = other),
                    );
                    ok = false;
                    None
                }
            };
            context.ethnicity_group = f.get(7).map(str::to_owned);
            if ok {
                out.batch.pupils[index].context = Some(context);
            }
        },
    );

    // courses.csv → subjects.
    let mut courses: HashMap<String, (u64, String)> = HashMap::new();
    let mut subjects: BTreeMap<String, String> = BTreeMap::new();
    r.rows(
        "courses",
        &[
            "*sourcedId",
            "status",
            "*title",
            "*orgSourcedId",
            "courseCode",
            "subjects",
            "subjectCodes",
        ],
        |problems, f| {
            if is_deleted(f.get(1)) {
                return;
            }
            let id = f.req(0).to_owned();
            if !orgs.contains_key(f.req(3)) {
                problem(
                    problems,
                    "courses",
                    f.line,
                    "orgSourcedId",
                    crate::reason!("no-org", id = f.req(3)),
                );
                return;
            }
            let code = f
                .get(6)
                .and_then(first_of_list)
                .or_else(|| f.get(4).map(str::to_owned))
                .unwrap_or_else(|| id.clone());
            let name = f
                .get(5)
                .and_then(first_of_list)
                .unwrap_or_else(|| f.req(2).to_owned());
            subjects.entry(code.clone()).or_insert(name);
            courses.insert(id, (f.line, code));
        },
    );
    out.batch.subjects = subjects
        .into_iter()
        .map(|(code, name)| ImportSubject { code, name })
        .collect();

    // classes.csv → classes.
    let mut classes: HashMap<String, (u64, Option<String>, String)> = HashMap::new();
    r.rows(
        "classes",
        &[
            "*sourcedId",
            "status",
            "*title",
            "*courseSourcedId",
            "*classType",
            "*schoolSourcedId",
            "*termSourcedIds",
            "grades",
        ],
        |problems, f| {
            if is_deleted(f.get(1)) {
                return;
            }
            let id = f.req(0).to_owned();
            let Some((_, subject)) = courses.get(f.req(3)) else {
                problem(
                    problems,
                    "classes",
                    f.line,
                    "courseSourcedId",
                    crate::reason!("no-course", id = f.req(3)),
                );
                return;
            };
            if !school_ids.contains(f.req(5)) {
                problem(
                    problems,
                    "classes",
                    f.line,
                    "schoolSourcedId",
                    crate::reason!("no-school", id = f.req(5)),
                );
                return;
            }
            let term = first_of_list(f.req(6)).unwrap_or_default();
            let Some(year) = year_of(&term) else {
                let reason = crate::reason!("no-session", id = term);
                problem(problems, "classes", f.line, "termSourcedIds", reason);
                return;
            };
            let year_group = f.get(7).and_then(first_of_list).and_then(|g| {
                g.trim_start_matches(|c: char| !c.is_ascii_digit())
                    .parse::<i64>()
                    .ok()
            });
            classes.insert(
                id.clone(),
                (f.line, Some(subject.clone()), f.req(5).to_owned()),
            );
            out.batch.classes.push(ImportClass {
                source_id: id,
                school: f.req(5).to_owned(),
                year,
                subject_code: Some(subject.clone()),
                name: f.req(2).to_owned(),
                year_group,
            });
        },
    );

    // enrollments.csv → enrolments (pupils) and class teachers (teachers). A user in a
    // class twice (two rows, whatever their sourcedIds) is there once, with a note.
    let mut in_class: HashMap<(String, String), u64, Fast> = HashMap::default();
    let mut repeated = Vec::new();
    r.rows(
        "enrollments",
        &[
            "*sourcedId",
            "status",
            "*classSourcedId",
            "*schoolSourcedId",
            "*userSourcedId",
            "*role",
        ],
        |problems, f| {
            let id = f.req(0).to_owned();
            if is_deleted(f.get(1)) {
                if mode("enrollments") == Some(Processing::Delta) {
                    out.batch.removed_enrolments.push(id);
                }
                return;
            }
            if !classes.contains_key(f.req(2)) {
                problem(
                    problems,
                    "enrollments",
                    f.line,
                    "classSourcedId",
                    crate::reason!("no-class", id = f.req(2)),
                );
                return;
            }
            if !school_ids.contains(f.req(3)) {
                problem(
                    problems,
                    "enrollments",
                    f.line,
                    "schoolSourcedId",
                    crate::reason!("no-school", id = f.req(3)),
                );
                return;
            }
            let user = f.req(4);
            let Some(u) = users.get(user) else {
                problem(
                    problems,
                    "enrollments",
                    f.line,
                    "userSourcedId",
                    crate::reason!("no-user", id = user),
                );
                return;
            };
            let role = f.req(5).to_ascii_lowercase();
            let kept = matches!(
                (role.as_str(), kind_of(u)),
                ("student", UserKind::Pupil) | ("teacher", UserKind::Staff)
            );
            if kept {
                match in_class.entry((f.req(2).to_owned(), user.to_owned())) {
                    Entry::Occupied(first) => {
                        repeated.push((f.line, *first.get(), f.req(2).to_owned(), user.to_owned()));
                        return;
                    }
                    Entry::Vacant(slot) => {
                        slot.insert(f.line);
                    }
                }
            }
            match role.as_str() {
                "student" if kind_of(u) == UserKind::Pupil => {
                    out.batch.enrolments.push(ImportEnrolment {
                        source_id: id,
                        class: f.req(2).to_owned(),
                        pupil: user.to_owned(),
                    })
                }
                "teacher" if kind_of(u) == UserKind::Staff => {
                    out.batch.teaching.push(ImportTeaching {
                        class: f.req(2).to_owned(),
                        person: user.to_owned(),
                    })
                }
                "student" | "teacher" => problem(
                    problems,
                    "enrollments",
                    f.line,
                    "role",
                    crate::reason!("user-wrong-role", user = user, role = f.req(5)),
                ),
                "administrator" | "aide" | "guardian" | "parent" | "proctor" | "relative" => {}
                other => problem(
                    problems,
                    "enrollments",
                    f.line,
                    "role",
                    crate::reason!("not-an-enrollment-role", value = other),
                ),
            }
        },
    );
    // Freed now, while the results below can reuse the memory: freed at the end, many small
    // strings leave the allocator slow for the import that follows.
    drop(in_class);
    for (line, first, class, user) in repeated {
        let note = crate::reason!(
            "note-enrolment-repeated",
            line = line,
            first = first,
            user = user,
            class = class
        );
        r.merged.note("enrollments.csv", note);
    }

    // categories.csv → which categories are assessment points, and of what kind.
    let mut categories: HashMap<String, (u64, String, Option<&'static str>)> = HashMap::new();
    r.rows(
        "categories",
        &["*sourcedId", "status", "*title", "metadata.headway.kind"],
        |problems, f| {
            if is_deleted(f.get(1)) {
                return;
            }
            let id = f.req(0).to_owned();
            let kind = match f.get(3).map(str::to_ascii_lowercase).as_deref() {
                None => kind_from_title(f.req(2)),
                Some("baseline") => Some("baseline"),
                Some("interim") => Some("interim"),
                Some("final") => Some("final"),
                Some(other) => {
                    problem(
                        problems,
                        "categories",
                        f.line,
                        "metadata.headway.kind",
                        crate::reason!("not-a-point-kind", value = other),
                    );
                    return;
                }
            };
            categories.insert(id, (f.line, f.req(2).to_owned(), kind));
        },
    );

    // scoreScales.csv → score ranges.
    let mut scales: HashMap<String, Option<(f64, f64)>> = HashMap::new();
    r.rows(
        "scoreScales",
        &["*sourcedId", "status", "*title", "*scoreScaleValue"],
        |_, f| {
            let id = f.req(0).to_owned();
            scales.insert(id, scale_range(f.req(3)));
        },
    );

    // lineItems.csv → assessment points (one per category of a known kind).
    let mut line_items: HashMap<String, (u64, LineItem), Fast> = HashMap::default();
    let mut points: BTreeMap<String, ImportAssessmentPoint> = BTreeMap::new();
    let mut groups: HashMap<(String, String), u32> = HashMap::new();
    let mut skipped_items = 0usize;
    r.rows(
        "lineItems",
        &[
            "*sourcedId",
            "status",
            "*title",
            "*assignDate",
            "*dueDate",
            "*classSourcedId",
            "*categorySourcedId",
            "gradingPeriodSourcedId",
            "academicSessionSourcedId",
            "resultValueMin",
            "resultValueMax",
            "scoreScaleSourcedId",
        ],
        |problems, f| {
            if is_deleted(f.get(1)) {
                return;
            }
            let id = f.req(0).to_owned();
            let mut ok = true;
            let mut date = |i: usize, column: &str, problems: &mut Vec<Problem>| {
                let d = parse_date(f.req(i));
                if d.is_none() {
                    problem(
                        problems,
                        "lineItems",
                        f.line,
                        column,
                        crate::reason!("not-a-date", text = f.req(i)),
                    );
                    ok = false;
                }
                d
            };
            let _assigned = date(3, "assignDate", problems);
            let due = date(4, "dueDate", problems);
            let mut number = |i: usize, column: &str, problems: &mut Vec<Problem>| {
                let text = f.get(i)?;
                let n = parse_number(text);
                if n.is_none() {
                    problem(
                        problems,
                        "lineItems",
                        f.line,
                        column,
                        crate::reason!("not-a-number", text = text),
                    );
                    ok = false;
                }
                n
            };
            let min = number(9, "resultValueMin", problems);
            let max = number(10, "resultValueMax", problems);
            let Some(class) = classes.get(f.req(5)) else {
                problem(
                    problems,
                    "lineItems",
                    f.line,
                    "classSourcedId",
                    crate::reason!("no-class", id = f.req(5)),
                );
                return;
            };
            let Some((_, title, kind)) = categories.get(f.req(6)) else {
                problem(
                    problems,
                    "lineItems",
                    f.line,
                    "categorySourcedId",
                    crate::reason!("no-category", id = f.req(6)),
                );
                return;
            };
            let scale = f.get(11).map(str::to_owned);
            if let Some(s) = &scale
                && !scales.contains_key(s)
            {
                problem(
                    problems,
                    "lineItems",
                    f.line,
                    "scoreScaleSourcedId",
                    crate::reason!("no-score-scale", id = s),
                );
                return;
            }
            let (session_column, session) = match (f.get(7), f.get(8)) {
                (Some(s), _) => ("gradingPeriodSourcedId", s),
                (None, Some(s)) => ("academicSessionSourcedId", s),
                (None, None) => {
                    problem(
                        problems,
                        "lineItems",
                        f.line,
                        "gradingPeriodSourcedId",
                        crate::reason!("session-field-empty"),
                    );
                    return;
                }
            };
            let Some(year) = year_of(session) else {
                problem(
                    problems,
                    "lineItems",
                    f.line,
                    session_column,
                    crate::reason!("no-session", id = session),
                );
                return;
            };
            if !ok {
                return;
            }
            let Some(kind) = kind else {
                skipped_items += 1;
                line_items.insert(
                    id,
                    (
                        f.line,
                        LineItem {
                            point: None,
                            subject: None,
                            min,
                            max,
                            scale,
                            group: u32::MAX,
                        },
                    ),
                );
                return;
            };
            let category = f.req(6).to_owned();
            let due = due.expect("checked above");
            let point = points
                .entry(category.clone())
                .or_insert_with(|| ImportAssessmentPoint {
                    source_id: category.clone(),
                    year: year.clone(),
                    school: Some(class.2.clone()),
                    kind: (*kind).to_owned(),
                    name: title.clone(),
                    taken_on: due,
                    scale_min: min,
                    scale_max: max,
                });
            if point.year != year {
                problem(
                    problems,
                    "lineItems",
                    f.line,
                    session_column,
                    crate::reason!("category-two-years", category = category, year = point.year),
                );
                return;
            }
            point.taken_on = point.taken_on.min(due);
            point.scale_min = match (point.scale_min, min) {
                (Some(a), Some(b)) => Some(a.min(b)),
                _ => None,
            };
            point.scale_max = match (point.scale_max, max) {
                (Some(a), Some(b)) => Some(a.max(b)),
                _ => None,
            };
            let subject = class.1.clone().unwrap_or_default();
            let next = groups.len() as u32;
            let group = *groups
                .entry((category.clone(), subject.clone()))
                .or_insert(next);
            line_items.insert(
                id,
                (
                    f.line,
                    LineItem {
                        point: Some(category),
                        subject: Some(subject),
                        min,
                        max,
                        scale,
                        group,
                    },
                ),
            );
        },
    );
    out.batch.assessment_points = points.into_values().collect();
    if skipped_items > 0 {
        out.notes
            .push(crate::reason!("note-items-skipped", n = skipped_items));
    }

    // results.csv → results, checked against the lineItem's (or the result's) scale. The
    // maps hold an entry per row: sized once for the file's lines, not grown (and rehashed)
    // as they fill.
    let lines = bundle
        .files
        .get("results.csv")
        .map_or(0, |b| b.iter().filter(|c| **c == b'\n').count());
    let mut taken: HashMap<(u32, u32), u64, Fast> =
        HashMap::with_capacity_and_hasher(lines, Fast::default());
    out.batch.results.reserve(lines.min(RESULTS_PER_CALL));
    sink.before_results(&out.batch);
    let mut skipped_results = 0usize;
    let results_mode = mode("results");
    r.rows(
        "results",
        &[
            "*sourcedId",
            "status",
            "*lineItemSourcedId",
            "*studentSourcedId",
            "*scoreStatus",
            "score",
            "*scoreDate",
            "scoreScaleSourcedId",
        ],
        |problems, f| {
            let id = f.req(0);
            if is_deleted(f.get(1)) {
                if results_mode == Some(Processing::Delta) {
                    out.batch.removed_results.push(id.to_owned());
                }
                return;
            }
            let Some((_, item)) = line_items.get(f.req(2)) else {
                problem(
                    problems,
                    "results",
                    f.line,
                    "lineItemSourcedId",
                    crate::reason!("no-line-item", id = f.req(2)),
                );
                return;
            };
            let student = f.req(3);
            let Some(user) = users.get(student).filter(|u| kind_of(u) == UserKind::Pupil) else {
                problem(
                    problems,
                    "results",
                    f.line,
                    "studentSourcedId",
                    crate::reason!("no-student", id = student),
                );
                return;
            };
            if parse_date(f.req(6)).is_none() {
                problem(
                    problems,
                    "results",
                    f.line,
                    "scoreDate",
                    crate::reason!("not-a-date", text = f.req(6)),
                );
                return;
            }
            let status = f.req(4);
            let is = |word: &str| status.eq_ignore_ascii_case(word);
            match status {
                _ if is("fully graded") || is("partially graded") => {}
                _ if is("exempt") || is("not submitted") || is("submitted") => return,
                other => {
                    problem(
                        problems,
                        "results",
                        f.line,
                        "scoreStatus",
                        crate::reason!("not-a-score-status", value = other),
                    );
                    return;
                }
            }
            let Some(text) = f.get(5) else {
                problem(
                    problems,
                    "results",
                    f.line,
                    "score",
                    crate::reason!("graded-needs-score"),
                );
                return;
            };
            let Some(score) = parse_number(text) else {
                problem(
                    problems,
                    "results",
                    f.line,
                    "score",
                    crate::reason!("not-a-number", text = text),
                );
                return;
            };
            let scale = f.get(7).or(item.scale.as_deref());
            let range = match scale {
                Some(s) => match scales.get(s) {
                    Some(range) => *range,
                    None => {
                        problem(
                            problems,
                            "results",
                            f.line,
                            "scoreScaleSourcedId",
                            crate::reason!("no-score-scale", id = s),
                        );
                        return;
                    }
                },
                None => None,
            };
            let (min, max) = match range {
                Some((a, b)) => (Some(a), Some(b)),
                None => (item.min, item.max),
            };
            if min.is_some_and(|m| score < m) || max.is_some_and(|m| score > m) {
                let show = |v: Option<f64>| v.map_or("…".to_owned(), |v| v.to_string());
                problem(
                    problems,
                    "results",
                    f.line,
                    "score",
                    crate::reason!(
                        "score-outside-scale",
                        text = text,
                        min = show(min),
                        max = show(max)
                    ),
                );
                return;
            }
            let (Some(point), Some(subject)) = (&item.point, &item.subject) else {
                skipped_results += 1;
                return;
            };
            if let Some(first) = taken.insert((user.index, item.group), f.line) {
                problem(
                    problems,
                    "results",
                    f.line,
                    "studentSourcedId",
                    crate::reason!("pupil-result-twice", pupil = student, first = first),
                );
                return;
            }
            out.batch.results.push(ImportResult {
                source_id: id.to_owned(),
                pupil: student.to_owned(),
                point: point.clone(),
                subject_code: subject.clone(),
                score,
            });
            if out.batch.results.len() % RESULTS_PER_CALL == 0 {
                sink.results(&mut out.batch.results);
            }
        },
    );
    sink.results(&mut out.batch.results);
    if skipped_results > 0 {
        out.notes
            .push(crate::reason!("note-results-skipped", n = skipped_results));
    }

    out.notes.extend(std::mem::take(&mut r.merged).into_notes());
    // A row naming a row that has a problem of its own is not a second problem.
    let rejected = r.rejected;
    out.problems = r
        .problems
        .into_iter()
        .filter(|p| {
            !(p.message.id.starts_with("no-")
                && p.message.arg("id").is_some_and(|id| rejected.contains(id)))
        })
        .collect();
    out.problems
        .sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_read_as_oneroster_writes_them() {
        let day = Date::from_calendar_date(2025, time::Month::September, 1).unwrap();
        assert_eq!(parse_date("2025-09-01"), Some(day));
        assert_eq!(parse_date("2025-09-01T08:00:00Z"), Some(day));
        for bad in [
            "2025-13-01",
            "2025-02-30",
            "01/09/2025",
            "2025-9-1",
            "2025-09-01x",
            "",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_school_year_is_four_digits_and_a_list_gives_its_first_school() {
        assert_eq!(parse_school_year("2024"), Some(2024));
        for bad in ["24", "2023-24", "0999", "２０２４", "20245"] {
            assert_eq!(parse_school_year(bad), None, "{bad}");
        }
        let schools: HashSet<String> = ["sch1".to_owned()].into();
        assert_eq!(
            school_of_list("[\"la1\", \"sch1\"]", &schools).as_deref(),
            Some("sch1")
        );
        assert_eq!(school_of_list("la1,la2", &schools).as_deref(), Some("la1"));
        assert_eq!(school_of_list(" , ", &schools), None);
    }

    #[test]
    fn score_scales_give_their_numeric_range() {
        assert_eq!(scale_range("[80:Low,120:High]"), Some((80.0, 120.0)));
        assert_eq!(scale_range("[A:Top,B:Next]"), None);
    }
}
