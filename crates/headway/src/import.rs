//! `headway import PATH`: validate a OneRoster bundle (a zip or a folder), print what it
//! would change and every problem, and write it, in one transaction, only with `--apply`
//! or after "yes" typed at a terminal. With problems it writes nothing and exits non-zero.
//!
//! Also the hidden `headway bench-import`: generates a bundle of N results in a temporary
//! folder and times validate + apply against the sqlite3 shell's raw `.import` of the same
//! results.csv (ANALYTICS.md §8).

use crate::config::{Config, Overrides};
use anyhow::{Context, bail};
use headway_app::imports::operator;
use headway_app::imports::tables::{TableFiles, check_table};
use headway_app::imports::{ImportError, bundle::Checked};
use headway_app::progress::reference::References;
use headway_domain::ids::SchoolId;
use headway_ingest::expectations;
use headway_ingest::limits::Limits;
use headway_ingest::oneroster::{self, Bundle, Problem, Validated};
use headway_store::Store;
use headway_store::StoreError;
use headway_store::imports::{
    ChangedField, ChangedRecord, Confirmation, ImportCounts, ImportNote, Mode,
};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    #[command(flatten)]
    overrides: Overrides,
    /// A OneRoster 1.2 CSV bundle (a .zip file or a folder holding manifest.csv), or a
    /// published expectations table: a .csv file with the headings measure, year, group,
    /// low, high, expected (or the groups file, with --expected)
    path: PathBuf,
    /// The expected outcomes (measure, year, group, expected) when PATH is the groups file
    /// (measure, year, group, low, high) of a table given as two files
    #[arg(long, value_name = "FILE")]
    expected: Option<PathBuf>,
    /// The id of the school the bundle is for (its one school is linked to this school)
    #[arg(long, value_name = "ID")]
    school: Option<i64>,
    /// Write the changes without asking
    #[arg(long)]
    apply: bool,
    /// Confirm the changes that need it: renaming the school, or leaving more than a tenth
    /// of its pupils with no class (without it, --apply writes nothing when there is one)
    #[arg(long)]
    confirm: bool,
}

pub async fn run(args: ImportArgs) -> anyhow::Result<()> {
    let config = Config::load(&args.overrides, "headway.db")?;
    config.ensure_data_dir()?;
    let store = crate::serve::open_store(&config).await?;
    if is_csv_file(&args.path) {
        return import_expectations(&store, &args).await;
    }
    let options = options_for(&store, args.school).await?;
    let bundle = open_bundle(&args.path)?;
    let bar = progress_bar(&args.path);
    if args.apply {
        let report = bar.clone();
        let confirmed = if args.confirm {
            vec![Confirmation::RenameSchool, Confirmation::RemovePupils]
        } else {
            Vec::new()
        };
        let checked = operator::import_bundle(
            &store,
            bundle,
            options,
            Mode::Apply,
            confirmed,
            move |done, total| {
                report.set_length(total);
                report.set_position(done);
            },
        )
        .await
        .context("validating the bundle")?;
        bar.finish_and_clear();
        print_notes_and_problems(&checked.validated);
        refuse_problems(&checked.validated, &args.path)?;
        let counts = match checked.written {
            Err(StoreError::NeedsConfirmation(needed)) => {
                for need in &needed {
                    println!("needs confirmation: {}", confirmation_text(need));
                }
                bail!(
                    "nothing was written: this import needs --confirm (run it without --apply to see the changes)"
                );
            }
            other => other?.context("the import was not written")?,
        };
        print_counts(&counts);
        print_schools(&counts);
        println!("Imported.");
        return prepare_references(&store).await;
    }
    let validated = oneroster::validate(&bundle, &options, &mut |done, total| {
        bar.set_length(total);
        bar.set_position(done);
    });
    bar.finish_and_clear();
    print_notes_and_problems(&validated);
    refuse_problems(&validated, &args.path)?;
    let counts = operator::preview_batch(&store, &validated.batch).await?;
    print_counts(&counts);
    if counts.changes_nothing() {
        println!("Nothing to change: the database already holds these files.");
        return Ok(());
    }
    for need in &counts.needs_confirmation {
        println!("needs confirmation: {}", confirmation_text(need));
    }
    if confirmed_at_terminal()? {
        // "yes" typed after seeing the changes confirms each of them.
        let mut batch = validated.batch;
        batch.confirmed = counts.needs_confirmation.clone();
        let written = operator::apply_batch(&store, &batch).await?;
        print_schools(&written);
        println!("Imported.");
        prepare_references(&store).await?;
    }
    Ok(())
}

fn is_csv_file(path: &Path) -> bool {
    path.is_file()
        && path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
}

fn read(path: &Path) -> anyhow::Result<Vec<u8>> {
    std::fs::read(path).with_context(|| format!("could not read {}", path.display()))
}

/// A published expectations table: validated, previewed, and written with --apply or after
/// "yes" at a terminal, like a bundle.
async fn import_expectations(store: &Store, args: &ImportArgs) -> anyhow::Result<()> {
    let file_name = |p: &Path| {
        p.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| p.display().to_string())
    };
    let first = read(&args.path)?;
    let first_name = file_name(&args.path);
    let second = args.expected.as_deref().map(read).transpose()?;
    let second_name = args.expected.as_deref().map(file_name);
    let first_file = expectations::CsvFile {
        name: &first_name,
        bytes: &first,
    };
    let files = match (&second, &second_name) {
        (Some(bytes), Some(name)) => TableFiles::Separate {
            groups: first_file,
            expected: expectations::CsvFile { name, bytes },
        },
        _ => TableFiles::Combined(first_file),
    };
    let validated = check_table(store, files).await?;
    if !validated.problems.is_empty() {
        print_problems(&validated.problems);
        bail!(
            "{} problem{} in the expectations table; nothing was written. Fix the files and import again.",
            validated.problems.len(),
            if validated.problems.len() == 1 {
                ""
            } else {
                "s"
            },
        );
    }
    let name = files.name();
    if args.apply {
        print_counts(&operator::apply_table(store, &name, &validated.rows).await?);
        println!("Imported.");
        return prepare_references(store).await;
    }
    let counts = operator::preview_table(store, &validated.rows).await?;
    print_counts(&counts);
    if counts.changes_nothing() {
        println!("Nothing to change: the database already holds this table.");
        return Ok(());
    }
    if confirmed_at_terminal()? {
        operator::apply_table(store, &name, &validated.rows).await?;
        println!("Imported.");
        prepare_references(store).await?;
    }
    Ok(())
}

/// After an import: fits the reference expectations at the new data version and stores
/// them, so the first page on any server reads them instead of fitting (every server sees
/// the import by its data version).
pub async fn prepare_references(store: &Store) -> anyhow::Result<()> {
    let prepared = References::default()
        .prepare_all(store)
        .await
        .context("preparing the reference expectations")?;
    println!(
        "Reference expectations ready for {} subject-years ({:.2} s).",
        prepared.fits,
        prepared.took.as_secs_f64()
    );
    Ok(())
}

/// Asks for "yes" when standard input is a terminal; says that nothing was written otherwise.
fn confirmed_at_terminal() -> anyhow::Result<bool> {
    if !std::io::stdin().is_terminal() {
        println!("Nothing was written. Run again with --apply to import.");
        return Ok(false);
    }
    print!("Type yes to import these changes: ");
    std::io::stdout().flush()?;
    let mut answer = String::new();
    std::io::stdin().lock().read_line(&mut answer)?;
    let yes = answer.trim().eq_ignore_ascii_case("yes");
    if !yes {
        println!("Nothing was written.");
    }
    Ok(yes)
}

async fn options_for(store: &Store, school: Option<i64>) -> anyhow::Result<oneroster::Options> {
    match operator::bundle_options(store, school.map(SchoolId)).await {
        Err(ImportError::NotFound) => {
            bail!("there is no school with id {}", school.unwrap_or_default())
        }
        other => Ok(other?),
    }
}

pub(crate) fn open_bundle(path: &Path) -> anyhow::Result<Bundle> {
    Bundle::open(path, &Limits::default())
        .with_context(|| format!("{} is not a OneRoster bundle", path.display()))
}

/// A bar for the checking of `path`, shown only on a terminal.
fn progress_bar(path: &Path) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(0);
    bar.set_style(
        ProgressStyle::with_template("checking {msg} {wide_bar} {percent}%")
            .expect("a valid template"),
    );
    bar.set_message(path.display().to_string());
    bar
}

fn refuse_problems(validated: &Validated, path: &Path) -> anyhow::Result<()> {
    if validated.problems.is_empty() {
        return Ok(());
    }
    bail!(
        "{} problem{} in {}; nothing was written. Fix the files and import again.",
        validated.problems.len(),
        if validated.problems.len() == 1 {
            ""
        } else {
            "s"
        },
        path.display()
    )
}

/// `headway import --apply`: validates `bundle` and writes it in the same pass, committed
/// only when validation finds no problem. Returns the validation and, when it passed, what
/// was written (nothing is written otherwise).
pub(crate) async fn validate_and_apply(
    store: &Store,
    bundle: Bundle,
    options: oneroster::Options,
    progress: impl FnMut(u64, u64) + Send + 'static,
) -> anyhow::Result<(Validated, Option<ImportCounts>)> {
    let checked: Checked =
        operator::import_bundle(store, bundle, options, Mode::Apply, Vec::new(), progress)
            .await
            .context("validating the bundle")?;
    Ok((checked.validated, checked.written?))
}

fn print_notes_and_problems(validated: &Validated) {
    for note in &validated.notes {
        println!("note: {}", note.english());
    }
    print_problems(&validated.problems);
}

fn print_problems(problems: &[Problem]) {
    if !problems.is_empty() {
        println!("{:<22} {:>7}  {:<26} reason", "file", "line", "column");
        for p in problems {
            println!(
                "{:<22} {:>7}  {:<26} {}",
                p.file,
                p.line,
                p.column,
                p.reason()
            );
        }
    }
}

fn confirmation_text(need: &Confirmation) -> &'static str {
    match need {
        Confirmation::RenameSchool => "the school is renamed",
        Confirmation::RemovePupils => {
            "more than a tenth of the school's pupils are left with no class"
        }
    }
}

/// The schools an import created or updated, with the ids `headway user add --org` takes.
fn print_schools(counts: &ImportCounts) {
    for school in &counts.schools {
        println!(
            "school {} (sourcedId {}): {}, id {}",
            school.name,
            school.source_id,
            if school.created { "created" } else { "updated" },
            school
                .id
                .map_or("(given on import)".to_owned(), |id| id.to_string())
        );
    }
}

fn print_counts(counts: &ImportCounts) {
    for change in &counts.changes {
        let what = match (change.record, change.field) {
            (ChangedRecord::School, _) => "school name".to_owned(),
            (ChangedRecord::Subject, _) => "subject name".to_owned(),
            (ChangedRecord::Staff, ChangedField::Name) => "staff name".to_owned(),
            (ChangedRecord::Staff, ChangedField::Email) => format!("email of {}", change.name),
        };
        println!("change: {what}: {} → {}", change.before, change.after);
    }
    for note in &counts.notes {
        let text = match note {
            ImportNote::OrgAboveSchoolIgnored { name } => {
                format!("{name} is above the school: a school's import leaves it alone")
            }
            ImportNote::SubjectNameKept {
                code,
                held,
                offered,
            } => format!(
                "subject {code} keeps the name '{held}' (the files say '{offered}'): subjects are shared"
            ),
            ImportNote::StaffDetailsKept { name } => {
                format!("{name} also works at another school: their details are kept")
            }
        };
        println!("note: {text}");
    }
    println!(
        "{:<20} {:>10} {:>10} {:>10} {:>10}",
        "table", "add", "change", "unchanged", "remove"
    );
    for t in &counts.tables {
        println!(
            "{:<20} {:>10} {:>10} {:>10} {:>10}",
            t.table, t.added, t.changed, t.unchanged, t.removed
        );
    }
}

#[derive(Debug, clap::Args)]
pub struct BenchArgs {
    /// How many result rows the generated bundle holds
    #[arg(long, default_value_t = 1_000_000)]
    results: usize,
    /// Where to generate the bundle and the databases [default: a new temporary folder]
    #[arg(long, value_name = "DIR")]
    dir: Option<PathBuf>,
}

/// Subjects × assessment points per pupil in the generated bundle.
const SUBJECTS: usize = 5;
const POINTS: usize = 10;
const CLASS_SIZE: usize = 500;

pub async fn bench(args: BenchArgs) -> anyhow::Result<()> {
    let dir = args.dir.clone().unwrap_or_else(|| {
        std::env::temp_dir().join(format!("headway-bench-import-{}", std::process::id()))
    });
    let bundle_dir = dir.join("bundle");
    std::fs::create_dir_all(&bundle_dir)?;
    let started = Instant::now();
    generate_bundle(&bundle_dir, args.results, 1)?;
    let second_dir = dir.join("second-school");
    std::fs::create_dir_all(&second_dir)?;
    generate_bundle(&second_dir, args.results, 2)?;
    println!(
        "generated two schools' bundles of {} results in {} ({:.1} s)",
        args.results,
        dir.display(),
        started.elapsed().as_secs_f64()
    );

    let raw_db = dir.join("raw.db");
    let _ = std::fs::remove_file(&raw_db);
    let started = Instant::now();
    let status = std::process::Command::new("sqlite3")
        .arg(&raw_db)
        .arg(".mode csv")
        .arg(format!(
            ".import {} results_raw",
            bundle_dir.join("results.csv").display()
        ))
        .status()
        .context("the sqlite3 shell runs (apt-get install sqlite3)")?;
    let raw = started.elapsed().as_secs_f64();
    if !status.success() {
        bail!("sqlite3 .import failed");
    }

    let db = dir.join("headway.db");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    let store = Store::connect(&format!("sqlite://{}", db.display())).await?;
    store.migrate().await?;
    // What `headway import DIR --apply` does: open, validate and write.
    let started = Instant::now();
    let bundle = open_bundle(&bundle_dir)?;
    let (validated, written) =
        validate_and_apply(&store, bundle, oneroster::Options::default(), |_, _| {}).await?;
    let total = started.elapsed().as_secs_f64();
    if !validated.problems.is_empty() {
        bail!(
            "the generated bundle has problems: {}",
            validated.problems[0]
        );
    }
    let counts = written.context("the bundle was not written")?;
    let added = counts.table("results").map_or(0, |t| t.added);
    println!("sqlite3 .import of results.csv:        {raw:.2} s");
    println!("headway validate + apply (whole bundle): {total:.2} s, {added} results added");
    println!("ratio: {:.2}× (target ≤ 2×)", total / raw);
    // A second school's bundle of the same size, into the database that now holds the
    // first: the results table is no longer empty, so its indexes are kept up to date row
    // by row.
    let started = Instant::now();
    let bundle = open_bundle(&second_dir)?;
    let (_, second) =
        validate_and_apply(&store, bundle, oneroster::Options::default(), |_, _| {}).await?;
    println!(
        "a second school's bundle into that database: {:.2} s, {} results added",
        started.elapsed().as_secs_f64(),
        second
            .as_ref()
            .and_then(|c| c.table("results"))
            .map_or(0, |t| t.added)
    );
    let started = Instant::now();
    let bundle = open_bundle(&bundle_dir)?;
    let (_, again) =
        validate_and_apply(&store, bundle, oneroster::Options::default(), |_, _| {}).await?;
    println!(
        "re-import of the same bundle: {:.2} s, changes nothing: {}",
        started.elapsed().as_secs_f64(),
        again.is_some_and(|c| c.changes_nothing())
    );
    store.close().await;
    Ok(())
}

/// A one-school bundle for school number `school`: pupils × SUBJECTS × POINTS ≈ `results`
/// results.
pub(crate) fn generate_bundle(dir: &Path, results: usize, school: u32) -> anyhow::Result<()> {
    use std::fmt::Write as _;
    // School 1's ids are plain (p0, r0_0_0, …); another school's carry its number (s2p0, …).
    let x = if school == 1 {
        String::new()
    } else {
        format!("s{school}")
    };
    let pupils = results.div_ceil(SUBJECTS * POINTS).max(1);
    let classes_per_subject = pupils.div_ceil(CLASS_SIZE);
    let write = |name: &str, text: &str| std::fs::write(dir.join(name), text);
    let mut manifest =
        String::from("propertyName,value\nmanifest.version,1.0\noneroster.version,1.2\n");
    for file in [
        "orgs",
        "academicSessions",
        "users",
        "courses",
        "classes",
        "enrollments",
        "categories",
        "lineItems",
        "results",
    ] {
        writeln!(manifest, "file.{file},bulk")?;
    }
    for file in ["demographics", "roles", "scoreScales"] {
        writeln!(manifest, "file.{file},absent")?;
    }
    write("manifest.csv", &manifest)?;
    write(
        "orgs.csv",
        &format!(
            "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\nsch{school},active,,Bench School {school},school,BENCH{school},\n"
        ),
    )?;
    write(
        "academicSessions.csv",
        "sourcedId,status,dateLastModified,title,type,startDate,endDate,parentSourcedId,schoolYear\ny2025,active,,2025-26,schoolYear,2025-09-01,2026-08-31,,2026\n",
    )?;
    let mut users = String::from(
        "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,givenName,familyName,email\n",
    );
    for s in 0..SUBJECTS * classes_per_subject {
        writeln!(
            users,
            "{x}t{s},active,,true,sch{school},teacher,{x}t{s},Teacher,{s},{x}t{s}@bench.test"
        )?;
    }
    for p in 0..pupils {
        writeln!(
            users,
            "{x}p{p},active,,true,sch{school},student,{x}p{p},Pupil,{p},"
        )?;
    }
    write("users.csv", &users)?;
    let mut courses = String::from(
        "sourcedId,status,dateLastModified,schoolYearSourcedId,title,courseCode,grades,orgSourcedId,subjects,subjectCodes\n",
    );
    let mut classes = String::from(
        "sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,location,schoolSourcedId,termSourcedIds\n",
    );
    let mut enrollments = String::from(
        "sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,beginDate,endDate\n",
    );
    let mut categories =
        String::from("sourcedId,status,dateLastModified,title,metadata.headway.kind\n");
    let mut line_items = String::from(
        "sourcedId,status,dateLastModified,title,description,assignDate,dueDate,classSourcedId,categorySourcedId,gradingPeriodSourcedId,resultValueMin,resultValueMax\n",
    );
    for point in 0..POINTS {
        let kind = match point {
            0 => "baseline",
            p if p == POINTS - 1 => "final",
            _ => "interim",
        };
        writeln!(
            categories,
            "{x}cat{point},active,,Assessment {point},{kind}"
        )?;
    }
    for subject in 0..SUBJECTS {
        writeln!(
            courses,
            "{x}c{subject},active,,y2025,Subject {subject},S{subject},07,sch{school},Subject {subject},S{subject}"
        )?;
        for k in 0..classes_per_subject {
            let class = subject * classes_per_subject + k;
            writeln!(
                classes,
                "{x}k{class},active,,Class {class},07,{x}c{subject},K{class},scheduled,,sch{school},y2025"
            )?;
            writeln!(
                enrollments,
                "{x}et{class},active,,{x}k{class},sch{school},{x}t{class},teacher,true,,"
            )?;
            for p in (k * CLASS_SIZE)..((k + 1) * CLASS_SIZE).min(pupils) {
                writeln!(
                    enrollments,
                    "{x}e{class}_{p},active,,{x}k{class},sch{school},{x}p{p},student,true,,"
                )?;
            }
            for point in 0..POINTS {
                writeln!(
                    line_items,
                    "{x}li{class}_{point},active,,Assessment {point},,2025-09-{:02},2025-09-{:02},{x}k{class},{x}cat{point},y2025,0,100",
                    point + 1,
                    point + 1
                )?;
            }
        }
    }
    write("courses.csv", &courses)?;
    write("classes.csv", &classes)?;
    write("enrollments.csv", &enrollments)?;
    write("categories.csv", &categories)?;
    write("lineItems.csv", &line_items)?;
    let mut out = std::io::BufWriter::new(std::fs::File::create(dir.join("results.csv"))?);
    writeln!(
        out,
        "sourcedId,status,dateLastModified,lineItemSourcedId,studentSourcedId,scoreStatus,score,scoreDate,comment"
    )?;
    let mut written = 0;
    'all: for p in 0..pupils {
        let k = p / CLASS_SIZE;
        for subject in 0..SUBJECTS {
            let class = subject * classes_per_subject + k;
            for point in 0..POINTS {
                if written == results {
                    break 'all;
                }
                let score = (p * 7 + subject * 13 + point * 3) % 101;
                writeln!(
                    out,
                    "{x}r{p}_{subject}_{point},active,,{x}li{class}_{point},{x}p{p},fully graded,{score},2025-09-{:02},",
                    point + 1
                )?;
                written += 1;
            }
        }
    }
    out.flush()?;
    Ok(())
}
