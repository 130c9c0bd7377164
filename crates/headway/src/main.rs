//! The `headway` command: serve the application, run the demo, migrate the database, add
//! users, analyse a data file.

mod analyse;
mod bench_first_view;
mod config;
mod demo;
mod import;
mod mail;
mod nation;
mod network;
mod project;
mod serve;
mod users;

use clap::{Parser, Subcommand};

// Imports hand millions of small strings from the validating thread to the writing one;
// glibc's allocator serialises such frees on a lock, mimalloc does not (measured on the
// import benchmark).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Headway: evidence-led school improvement, from one school to a whole system.
#[derive(Debug, Parser)]
#[command(name = "headway", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve Headway on the configured database
    Serve(config::Overrides),
    /// Create (or reuse) a demo database of a synthetic school system and serve it
    Demo(demo::DemoArgs),
    /// Bring the database schema up to date, then exit
    Migrate(config::Overrides),
    /// Manage people who sign in
    #[command(subcommand)]
    User(users::UserCommand),
    /// Fit a value-added model to a CSV or Parquet file
    Analyse(analyse::AnalyseArgs),
    /// Project each pupil's chance of reaching outcome thresholds from a reference file
    Project(project::ProjectArgs),
    /// Compute advice-network measures (density, reciprocity, centrality) from an edge list
    Network(network::NetworkArgs),
    /// Check a OneRoster bundle, preview what it changes, and import it
    Import(import::ImportArgs),
    /// Time importing generated results against the sqlite3 shell's raw .import
    #[command(hide = true)]
    BenchImport(import::BenchArgs),
    /// Time reading the data version, the query every page adds (scripts/bench-first-view.sh)
    #[command(hide = true)]
    BenchFirstView(bench_first_view::BenchArgs),
    /// A synthetic nation in PostgreSQL: generate it, refit it, benchmark it
    #[command(subcommand)]
    Nation(nation::NationCommand),
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let filter = std::env::var("HEADWAY_LOG").unwrap_or_else(|_| "warn,headway=info".into());
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::new(filter))
        .with_writer(std::io::stderr)
        .init();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("the async runtime starts");
    let outcome = runtime.block_on(async {
        match cli.command {
            Command::Serve(overrides) => serve::run(overrides).await,
            Command::Demo(args) => demo::run(args).await,
            Command::Migrate(overrides) => {
                let config = config::Config::load(&overrides, "headway.db")?;
                config.ensure_data_dir()?;
                serve::open_store(&config).await?;
                println!(
                    "The database at {} is up to date.",
                    headway_store::redact(&config.database_url)
                );
                Ok(())
            }
            Command::User(command) => users::run(command).await,
            Command::Analyse(args) => analyse::run(args),
            Command::Project(args) => project::run(args),
            Command::Network(args) => network::run(args),
            Command::Import(args) => import::run(args).await,
            Command::BenchImport(args) => import::bench(args).await,
            Command::BenchFirstView(args) => bench_first_view::run(args).await,
            Command::Nation(command) => nation::run(command).await,
        }
    });
    match outcome {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
