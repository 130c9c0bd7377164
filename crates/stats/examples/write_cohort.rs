//! Writes the seeded synthetic national cohort (`headway_stats::synthetic::cohort`) as CSV,
//! for fitting the same pupils in R and in Headway (`scripts/compare-lme4.sh`).
//!
//! ```text
//! cargo run --release -p headway-stats --example write_cohort -- PUPILS SCHOOLS SEED OUT.csv
//! ```

use std::fmt::Write as _;
use std::io::Write;

use headway_stats::design::Column;
use headway_stats::synthetic::cohort;

fn main() -> std::io::Result<()> {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    let [pupils, schools, seed, out] = arguments.as_slice() else {
        eprintln!("usage: write_cohort PUPILS SCHOOLS SEED OUT.csv");
        std::process::exit(2);
    };
    let parse = |text: &str, what: &str| -> u64 {
        text.parse().unwrap_or_else(|_| {
            eprintln!("{what} must be a whole number, got `{text}`");
            std::process::exit(2)
        })
    };
    let table = cohort(
        parse(pupils, "PUPILS") as usize,
        parse(schools, "SCHOOLS") as usize,
        parse(seed, "SEED"),
    );
    let mut text = table.names().join(",");
    text.push('\n');
    let columns: Vec<&Column> = table
        .names()
        .iter()
        .map(|name| table.column(name).unwrap())
        .collect();
    for row in 0..table.rows() {
        for (index, column) in columns.iter().enumerate() {
            if index > 0 {
                text.push(',');
            }
            match column {
                Column::Numeric(values) => write!(text, "{}", values[row]).unwrap(),
                Column::Categorical { levels, codes } => {
                    if let Some(code) = codes[row] {
                        text.push_str(&levels[code as usize]);
                    }
                }
            }
        }
        text.push('\n');
    }
    std::fs::File::create(out)?.write_all(text.as_bytes())
}
