//! `headway bench-first-view` (hidden): the part of `scripts/bench-first-view.sh` that curl
//! cannot time — reading the data version, the one query every page adds to see whether
//! figures are fresh — and, with `--school`, the progress use cases the pages call, timed
//! without HTTP: the school's report on a fresh process (reference fits read from the
//! database) and again from the cache, and the school's improvement group.

use crate::config::{Config, Overrides};
use headway_app::progress::reference::References;
use headway_app::progress::{ProgressReports, ReportCache};
use headway_domain::access::{Grant, Principal};
use headway_domain::ids::{OrgId, PersonId, SchoolId};
use headway_domain::roles::Role;
use std::time::{Duration, Instant};

#[derive(Debug, clap::Args)]
pub struct BenchArgs {
    #[command(flatten)]
    overrides: Overrides,
    /// How many times to read the data version
    #[arg(long, default_value_t = 10_000)]
    reads: usize,
    /// Also time the progress report of this school (as its head would see it)
    #[arg(long)]
    school: Option<i64>,
}

pub async fn run(args: BenchArgs) -> anyhow::Result<()> {
    let config = Config::load(&args.overrides, "headway.db")?;
    let store = crate::serve::open_store(&config).await?;
    let version = store.data_version().await?;
    let mut took: Vec<Duration> = Vec::with_capacity(args.reads);
    for _ in 0..args.reads.max(1) {
        let started = Instant::now();
        store.data_version().await?;
        took.push(started.elapsed());
    }
    took.sort();
    let micros = |d: Duration| d.as_secs_f64() * 1e6;
    println!(
        "data version {} ({:?}): read {} times, median {:.0} µs, p99 {:.0} µs",
        version.0,
        store.engine(),
        took.len(),
        micros(took[took.len() / 2]),
        micros(took[took.len() * 99 / 100])
    );
    if let Some(school) = args.school {
        time_progress_report(&store, SchoolId(school)).await?;
    }
    store.close().await;
    Ok(())
}

/// The school's progress report through the same use case the page calls, as its head.
async fn time_progress_report(
    store: &headway_store::Store,
    school: SchoolId,
) -> anyhow::Result<()> {
    let head = Principal {
        person: PersonId(0),
        name: "bench".into(),
        grants: vec![Grant {
            role: Role::Head,
            org: OrgId(school.0),
            subject: None,
            schools: vec![school],
        }],
        taught_classes: Vec::new(),
    };
    let (references, reports) = (References::default(), ReportCache::default());
    let use_cases = ProgressReports::new(store, &references, &reports);
    let millis = |d: Duration| d.as_secs_f64() * 1e3;
    let started = Instant::now();
    let report = use_cases.school_report(&head, school, None, None).await?;
    let first = started.elapsed();
    let started = Instant::now();
    use_cases.school_report(&head, school, None, None).await?;
    let again = started.elapsed();
    let started = Instant::now();
    let group = use_cases
        .school_improvement_group(store.data_version().await?, school)
        .await?;
    let improvement = started.elapsed();
    println!(
        "progress report of school {} ({} subjects, {}): first {:.1} ms, cached {:.1} ms; improvement group ({:?}) {:.1} ms",
        school.0,
        report.subjects.len(),
        if report.figures.is_ok() {
            "with figures"
        } else {
            "no figures"
        },
        millis(first),
        millis(again),
        group,
        millis(improvement)
    );
    Ok(())
}
