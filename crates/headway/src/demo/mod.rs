//! `headway demo`: create (or reuse) a demo database from a seeded synthetic system and
//! serve it, printing the address and the demo sign-ins.

pub mod attendance;
pub mod coaching;
pub mod cpd;
pub mod diagnostic;
pub mod generate;
pub mod heads;
pub mod network;
pub mod observation;
pub mod planning;
pub mod review;
pub mod survey;
// Learning triads and collaborative inquiry (issue 16, item 5).
pub mod inquiry;

use crate::config::Config;
use crate::serve;
use anyhow::Context;
use headway_app::progress::reference::References;
use headway_domain::account::{PasswordCost, hash_password};
use headway_store::Store;
use std::time::Instant;

/// Every demo account's password. The demo database is for trying Headway, never for real data.
pub const DEMO_PASSWORD: &str = "headway-demo";

#[derive(Debug, clap::Args)]
pub struct DemoArgs {
    #[command(flatten)]
    pub overrides: crate::config::Overrides,
    /// Seed of the synthetic system (the same seed gives the same data)
    #[arg(long, default_value_t = generate::DEFAULT_SEED)]
    pub seed: u64,
    /// Delete an existing demo database and generate it again
    #[arg(long)]
    pub fresh: bool,
    /// For load benchmarks: give the demo head's school this number on roll
    #[arg(long, value_name = "PUPILS", hide = true)]
    pub head_school_roll: Option<i64>,
}

/// Creates the demo data in an empty store; returns the sign-ins, or `None` if the store
/// already held data (it is reused as it is).
pub async fn seed_if_empty(
    store: &Store,
    seed: u64,
    cost: PasswordCost,
    head_school_roll: Option<i64>,
) -> anyhow::Result<Option<(Vec<generate::DemoSignIn>, SeedTimes)>> {
    if !store.is_empty().await? {
        return Ok(None);
    }
    let started = Instant::now();
    let hash = tokio::task::spawn_blocking(move || hash_password(DEMO_PASSWORD, cost)).await??;
    let demo = generate::generate_with(seed, &hash, head_school_roll);
    let generated = started.elapsed();
    store
        .insert_world(&demo.world)
        .await
        .context("writing the demo data")?;
    store
        .attendance()
        .insert_generated(&attendance::generate(&demo.world, seed))
        .await?;
    diagnostic::seed(store, &demo.world, seed)
        .await
        .context("seeding the demo leadership 360")?;
    planning::seed(store, &demo.world).await?;
    survey::seed(store, &demo.world, seed)
        .await
        .context("seeding the demo surveys")?;
    network::seed(store, &demo.world)
        .await
        .context("seeding the demo advice network")?;
    observation::seed(store, &demo.world)
        .await
        .context("seeding the demo observations")?;
    coaching::seed(store, &demo.world)
        .await
        .context("seeding the demo coaching cycles")?;
    cpd::seed(store, &demo.world)
        .await
        .context("seeding the demo CPD")?;
    inquiry::seed(store, &demo.world)
        .await
        .context("seeding the demo inquiry group")?;
    // Fitted now and stored, so the first page does not wait for them.
    References::default()
        .prepare_all(store)
        .await
        .context("fitting the demo's reference expectations")?;
    planning::capture_baselines(store, &demo.world).await?;
    review::seed(store, &demo.world)
        .await
        .context("seeding the demo peer review")?;
    heads::seed(store, &demo.world)
        .await
        .context("seeding the demo heads' coaching and learning community")?;
    let total = started.elapsed();
    let counts = (
        demo.world.schools.len(),
        demo.world.pupils.len(),
        demo.world.results.len(),
    );
    Ok(Some((
        demo.sign_ins,
        SeedTimes {
            generated,
            total,
            counts,
        },
    )))
}

pub struct SeedTimes {
    pub generated: std::time::Duration,
    pub total: std::time::Duration,
    /// (schools, pupils, results)
    pub counts: (usize, usize, usize),
}

pub async fn run(args: DemoArgs) -> anyhow::Result<()> {
    let mut config = Config::load(&args.overrides, "demo.db")?;
    config.ensure_data_dir()?;
    // The demo's results are Welsh (WJEC grades, Capped 9, NPA), whatever the setting says.
    if config.measure_set.key != generate::MEASURE_SET {
        println!(
            "The demo's results are on the Welsh measure set, so it is shown with that one (setting 'measure_set' is '{}').",
            config.measure_set.key
        );
        config.measure_set = headway_domain::measures::built_in(generate::MEASURE_SET)
            .context("the demo's measure set ships in the binary")?;
    }
    if args.fresh {
        remove_sqlite_files(&config)?;
    }
    let store = serve::open_store(&config).await?;
    let sign_ins = match seed_if_empty(
        &store,
        args.seed,
        config.password_cost,
        args.head_school_roll,
    )
    .await?
    {
        Some((sign_ins, times)) => {
            let (schools, pupils, results) = times.counts;
            println!(
                "Generated the demo system (seed {}): {schools} schools, {pupils} pupils, {results} results in {:.2} s ({:.2} s generating, {:.2} s writing and fitting expectations).",
                args.seed,
                times.total.as_secs_f64(),
                times.generated.as_secs_f64(),
                (times.total - times.generated).as_secs_f64()
            );
            sign_ins
        }
        None => {
            println!(
                "Reusing the demo database at {} (run `headway demo --fresh` to generate it again).",
                headway_store::redact(&config.database_url)
            );
            generate::generate(args.seed, "").sign_ins
        }
    };
    let listener = serve::bind(&config, true).await?;
    let address = listener.local_addr()?;
    println!();
    println!("Headway demo is running at http://{address}/");
    println!();
    println!("Sign in as any of these (password for all: {DEMO_PASSWORD}):");
    let width = sign_ins.iter().map(|s| s.email.len()).max().unwrap_or(0);
    for s in &sign_ins {
        println!("  {:width$}  {} — {}", s.email, s.role_label, s.school_name);
    }
    println!();
    println!("Press Ctrl+C to stop.");
    serve::serve_on(listener, store, &config).await
}

/// `--fresh`: only ever deletes the demo's own SQLite file, never a PostgreSQL database.
fn remove_sqlite_files(config: &Config) -> anyhow::Result<()> {
    let Some(path) = config.database_url.strip_prefix("sqlite://") else {
        anyhow::bail!(
            "--fresh only deletes a SQLite demo database; drop the PostgreSQL database yourself"
        );
    };
    for suffix in ["", "-wal", "-shm"] {
        let file = format!("{path}{suffix}");
        match std::fs::remove_file(&file) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e).with_context(|| format!("could not delete {file}")),
        }
    }
    Ok(())
}
