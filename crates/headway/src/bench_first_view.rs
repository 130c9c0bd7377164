//! `headway bench-first-view` (hidden): the part of `scripts/bench-first-view.sh` that curl
//! cannot time — reading the data version, the one query every page adds to see whether
//! figures are fresh.

use crate::config::{Config, Overrides};
use std::time::{Duration, Instant};

#[derive(Debug, clap::Args)]
pub struct BenchArgs {
    #[command(flatten)]
    overrides: Overrides,
    /// How many times to read the data version
    #[arg(long, default_value_t = 10_000)]
    reads: usize,
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
    store.close().await;
    Ok(())
}
