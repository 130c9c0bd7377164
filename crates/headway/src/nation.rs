//! `headway nation`: a synthetic nation in PostgreSQL (ANALYTICS.md §8, issue 18 item 5).
//!
//! - `generate` writes schools, pupils, classes, enrolments, assessment points and results
//!   into the real schema, generated inside PostgreSQL (`generate_series`, a seeded hash),
//!   and reports rows per second;
//! - `refit` makes every year and subject's reference expectations from per-school sums
//!   aggregated in PostgreSQL and stores them where the progress pages read them;
//! - `bench` (a benchmark, not a test) times one pass over the results (the physical
//!   limit), the national refit, one school's progress page at N concurrent connections on
//!   a real HTTP server in this process (cold: the first requests after it starts; warm:
//!   after), and importing one school's OneRoster bundle into the national database.

use anyhow::{Context, bail};
use headway_app::progress::national::{self, NationalRefit};
use headway_app::progress::reference;
use headway_domain::account::{PasswordCost, hash_password};
use headway_stats::value_added::simple::MeasureSettings;
use headway_store::Store;
use headway_store::nation::{NationPlan, ORDINARY_SCHOOL, STAFF_DOMAIN};
use std::time::{Duration, Instant};

#[derive(Debug, clap::Subcommand)]
pub enum NationCommand {
    /// Generate a synthetic nation into an empty PostgreSQL database
    Generate(GenerateArgs),
    /// Refit every year and subject's reference expectations from sums made in the database
    Refit(DatabaseArgs),
    /// Time the refit against one pass over the results, a school's progress page at 64
    /// connections (cold and warm), and one school's import
    Bench(BenchArgs),
}

#[derive(Debug, clap::Args)]
pub struct DatabaseArgs {
    /// The PostgreSQL database (postgres://user@host/database)
    #[arg(long, value_name = "URL")]
    postgres: String,
}

#[derive(Debug, clap::Args)]
pub struct GenerateArgs {
    #[command(flatten)]
    database: DatabaseArgs,
    #[arg(long, default_value_t = 25_000)]
    schools: i64,
    #[arg(long, default_value_t = 6_000_000)]
    pupils: i64,
    /// Academic years; each pupil belongs to one year's cohort
    #[arg(long, default_value_t = 3)]
    years: i64,
    #[arg(long, default_value_t = 1)]
    seed: i64,
    /// The calendar year the first academic year starts in
    #[arg(long, default_value_t = 2023)]
    first_year: i32,
    #[arg(long, default_value_t = 50)]
    cluster_size: i64,
}

#[derive(Debug, clap::Args)]
pub struct BenchArgs {
    #[command(flatten)]
    database: DatabaseArgs,
    /// Concurrent connections to the progress page
    #[arg(long, default_value_t = 64)]
    connections: usize,
    /// Warm requests to the progress page (after the cold round)
    #[arg(long, default_value_t = 2_000)]
    requests: usize,
    /// Results in the imported school's bundle (about 50 per pupil)
    #[arg(long, default_value_t = 10_000)]
    import_results: usize,
    /// Also time the ordinary fit of one year and subject from pupils read into Rust
    #[arg(long)]
    compare_rust: bool,
    /// Time only the progress page, on the fits already stored (run `nation refit` first,
    /// else the cold round fits them)
    #[arg(long, conflicts_with_all = ["compare_rust", "import_results"])]
    page_only: bool,
}

/// The demo's password, for the ordinary school's staff.
const STAFF_PASSWORD: &str = "headway-demo";

pub async fn run(command: NationCommand) -> anyhow::Result<()> {
    match command {
        NationCommand::Generate(args) => generate(args).await,
        NationCommand::Refit(args) => {
            let store = open(&args.postgres).await?;
            let refit = refit_and_report(&store).await?;
            print_refit(&refit);
            Ok(())
        }
        NationCommand::Bench(args) => bench(args).await,
    }
}

async fn open(url: &str) -> anyhow::Result<Store> {
    if !url.starts_with("postgres") {
        bail!("--postgres takes a PostgreSQL URL (postgres://user@host/database)");
    }
    let store = Store::connect(url).await?;
    store.migrate().await?;
    Ok(store)
}

async fn generate(args: GenerateArgs) -> anyhow::Result<()> {
    let store = open(&args.database.postgres).await?;
    let staff_password_hash =
        tokio::task::spawn_blocking(|| hash_password(STAFF_PASSWORD, PasswordCost::default()))
            .await??;
    let plan = NationPlan {
        schools: args.schools,
        pupils: args.pupils,
        years: args.years,
        seed: args.seed,
        first_year: args.first_year,
        cluster_size: args.cluster_size,
        staff_password_hash,
    };
    let started = Instant::now();
    let written = store
        .nation()
        .generate(&plan)
        .await
        .context("generating the nation")?;
    let took = started.elapsed();
    let rows: u64 = written.iter().map(|w| w.rows).sum();
    for w in &written {
        println!(
            "{:<20} {:>11} rows {:>8.2} s {:>12.0} rows/s",
            w.table,
            w.rows,
            w.took.as_secs_f64(),
            w.rows as f64 / w.took.as_secs_f64().max(1e-9)
        );
    }
    println!(
        "generated {} schools, {} pupils, {} years: {rows} rows in {:.1} s ({:.0} rows/s)",
        plan.schools,
        plan.pupils,
        plan.years,
        took.as_secs_f64(),
        rows as f64 / took.as_secs_f64()
    );
    println!(
        "the ordinary school is {ORDINARY_SCHOOL}: sign in as head@{STAFF_DOMAIN} (password {STAFF_PASSWORD}) and open /schools/{ORDINARY_SCHOOL}/progress"
    );
    store.close().await;
    Ok(())
}

async fn refit_and_report(store: &Store) -> anyhow::Result<NationalRefit> {
    national::refit_all(store, &MeasureSettings::default())
        .await
        .context("the national refit")
}

fn print_refit(refit: &NationalRefit) {
    for s in &refit.subjects {
        let what = match &s.fitted {
            Ok(r) => match &r.contextual {
                Ok(model) => format!(
                    "{} pupils, {} schools, θ = {:.4}",
                    r.reference_pupils, model.fit.ngroups, model.fit.theta
                ),
                Err(e) => format!("{} pupils, no contextual model ({e:?})", r.reference_pupils),
            },
            Err(e) => format!("refused: {e}"),
        };
        println!(
            "year {} subject {}: aggregated in the database {:.2} s ({} schools, {} prior × outcome pairs), fitted {:.3} s{} — {what}",
            s.year,
            s.subject,
            s.aggregate.as_secs_f64(),
            s.schools,
            s.histogram_rows,
            s.fit.as_secs_f64(),
            if s.published {
                " (published table: fitted from pupils)"
            } else {
                ""
            }
        );
    }
    println!(
        "national refit: {} year-subjects in {:.2} s, stored at data version {}",
        refit.subjects.len(),
        refit.took.as_secs_f64(),
        refit.version.0
    );
}

async fn bench(args: BenchArgs) -> anyhow::Result<()> {
    let store = open(&args.database.postgres).await?;
    if args.page_only {
        store.close().await;
        return page_report(&args).await;
    }
    // The physical limit: one pass over every result row, twice (the second with the
    // table in the cache as far as it fits).
    for round in ["first", "second"] {
        let started = Instant::now();
        let pass = store.nation().pass_over_results().await?;
        println!(
            "one pass over the results ({round}): {} rows, sum {:.0}, {:.2} s",
            pass.rows,
            pass.score_sum,
            started.elapsed().as_secs_f64()
        );
    }
    let refit = refit_and_report(&store).await?;
    print_refit(&refit);
    if let Some(first) = refit.subjects.first().filter(|_| args.compare_rust) {
        let started = Instant::now();
        let fitted = reference::fit(&store, first.year, first.subject).await?;
        println!(
            "the ordinary fit of year {} subject {} from pupils read into Rust: {:.2} s ({})",
            first.year,
            first.subject,
            started.elapsed().as_secs_f64(),
            if fitted.is_ok() { "fitted" } else { "refused" }
        );
    }
    page_report(&args).await?;
    // Importing one school's bundle: a new school's pupils, classes and results, validated
    // and written in one transaction into the national database.
    let dir = std::env::temp_dir().join(format!("headway-nation-import-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    // A school of its own each run (numbered by the data version), so a second benchmark on
    // the same database imports new results rather than the same ones again.
    let school = u32::try_from(store.data_version().await?.0 + 1).unwrap_or(u32::MAX);
    crate::import::generate_bundle(&dir, args.import_results, school)?;
    let started = Instant::now();
    let bundle = crate::import::open_bundle(&dir)?;
    let (validated, written) = crate::import::validate_and_apply(
        &store,
        bundle,
        headway_ingest::oneroster::Options::default(),
        |_, _| {},
    )
    .await?;
    let import = started.elapsed();
    if let Some(problem) = validated.problems.first() {
        bail!("the generated bundle has problems: {problem}");
    }
    let added = written
        .as_ref()
        .and_then(|c| c.table("results"))
        .map_or(0, |t| t.added);
    println!(
        "importing one school's bundle ({added} results) into the national database: {:.2} s",
        import.as_secs_f64()
    );
    let _ = std::fs::remove_dir_all(&dir);
    let refit = refit_and_report(&store).await?;
    println!(
        "national refit after the import (new data version {}): {:.2} s",
        refit.version.0,
        refit.took.as_secs_f64()
    );
    store.close().await;
    Ok(())
}

/// Times the progress page (cold, then warm) and prints its latencies.
async fn page_report(args: &BenchArgs) -> anyhow::Result<()> {
    let (cold, warm) =
        page_timings(&args.database.postgres, args.connections, args.requests).await?;
    report_latency("progress page, cold (first requests after start)", &cold);
    report_latency("progress page, warm", &warm);
    Ok(())
}

fn report_latency(what: &str, took: &[Duration]) {
    let mut sorted = took.to_vec();
    sorted.sort();
    let at = |q: f64| {
        let index = ((sorted.len() as f64 * q).ceil() as usize).clamp(1, sorted.len()) - 1;
        sorted[index].as_secs_f64() * 1e3
    };
    println!(
        "{what}: {} requests, p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        sorted.len(),
        at(0.50),
        at(0.99),
        at(1.0)
    );
}

/// Serves the national database on a free local port (a fresh app: nothing cached), signs
/// in as the ordinary school's head, and times its progress page: the first round of
/// `connections` requests all at once (cold), then `requests` more, `connections` at a time
/// (warm).
async fn page_timings(
    url: &str,
    connections: usize,
    requests: usize,
) -> anyhow::Result<(Vec<Duration>, Vec<Duration>)> {
    let store = Store::connect(url).await?;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let address = listener.local_addr()?;
    let app = headway_web::app(store.clone(), headway_web::WebSettings::default())
        .into_make_service_with_connect_info::<std::net::SocketAddr>();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(async move {
        axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = stopped.await;
            })
            .await
    });
    let base = format!("http://{address}");
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .pool_max_idle_per_host(connections)
        .build()?;
    let sign_in = client
        .get(format!("{base}/sign-in"))
        .send()
        .await?
        .text()
        .await?;
    let marker = "name=\"csrf\" value=\"";
    let start = sign_in
        .find(marker)
        .context("the sign-in page has a CSRF token")?
        + marker.len();
    let csrf = sign_in[start..start + 64].to_owned();
    let email = format!("head@{STAFF_DOMAIN}");
    let reply = client
        .post(format!("{base}/sign-in"))
        .form(&[
            ("email", email.as_str()),
            ("password", STAFF_PASSWORD),
            ("next", "/"),
            ("csrf", csrf.as_str()),
        ])
        .send()
        .await?;
    if reply.status() != 303 {
        bail!("signing in as {email} failed: {}", reply.status());
    }
    let page = format!("{base}/schools/{ORDINARY_SCHOOL}/progress");
    // Cold: one request per connection, all at once, on the freshly started server.
    let cold_tasks: Vec<_> = (0..connections)
        .map(|_| tokio::spawn(one_page(client.clone(), page.clone())))
        .collect();
    let mut cold = Vec::with_capacity(connections);
    for task in cold_tasks {
        cold.push(task.await??);
    }
    // Warm: each connection asks again as soon as its page has come.
    let per_connection = requests.div_ceil(connections.max(1));
    let workers: Vec<_> = (0..connections)
        .map(|_| {
            let (client, page) = (client.clone(), page.clone());
            tokio::spawn(async move {
                let mut took = Vec::with_capacity(per_connection);
                for _ in 0..per_connection {
                    took.push(one_page(client.clone(), page.clone()).await?);
                }
                anyhow::Ok(took)
            })
        })
        .collect();
    let mut warm = Vec::with_capacity(requests);
    for worker in workers {
        warm.extend(worker.await??);
    }
    let _ = stop.send(());
    server.await??;
    store.close().await;
    Ok((cold, warm))
}

/// One request of the page, timed until its whole body has come.
async fn one_page(client: reqwest::Client, page: String) -> anyhow::Result<Duration> {
    let started = Instant::now();
    let reply = client.get(&page).send().await?;
    let status = reply.status();
    let body = reply.text().await?;
    let took = started.elapsed();
    if status != 200 {
        bail!("the progress page answered {status}");
    }
    anyhow::ensure!(body.contains("</html>"), "the progress page came whole");
    Ok(took)
}
