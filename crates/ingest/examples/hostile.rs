//! The peak memory of refusing each hostile file, one file a process so each peak is its
//! own (Linux: the process's VmHWM). Run one case at a time:
//!
//! ```sh
//! cargo run -p headway-ingest --example hostile -- xlsx     # 1.8 KB, claims 17 billion cells
//! cargo run -p headway-ingest --example hostile -- field    # a zip holding a 50 MB field
//! cargo run -p headway-ingest --example hostile -- capped   # the same, entry cap 1 MiB
//! cargo run -p headway-ingest --example hostile -- good     # the good bundle, for scale
//! cargo run -p headway-ingest --example hostile -- speed    # what the limits pass costs
//! ```

#[path = "../tests/oneroster/hostile_files.rs"]
mod hostile_files;

use headway_ingest::limits::Limits;
use headway_ingest::oneroster::{Bundle, Options, validate};
use headway_ingest::spreadsheet::Sheet;

/// Forgets the peak so far (Linux: writing 5 to clear_refs resets VmHWM), so that what is
/// measured is the reading, not the building of the hostile file.
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// The most resident memory the process has had since [`reset_peak`], in MiB.
fn peak_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kib: f64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(f64::NAN);
    kib / 1024.0
}

fn bundle_outcome(bytes: &[u8], limits: &Limits) -> String {
    match Bundle::from_zip(bytes, limits) {
        Err(why) => format!("refused: {}", why.message().english()),
        Ok(bundle) => {
            let v = validate(&bundle, &Options::default(), &mut |_, _| {});
            match v.problems.first() {
                Some(p) => format!("{} problem(s), first: {p}", v.problems.len()),
                None => format!("no problems, {} pupils", v.batch.pupils.len()),
            }
        }
    }
}

fn main() {
    let case = std::env::args().nth(1).unwrap_or_default();
    let limits = Limits::default();
    let (size, outcome) = match case.as_str() {
        "xlsx" => {
            let bytes = hostile_files::xlsx_claiming_every_cell();
            reset_peak();
            let outcome = match Sheet::read("r.xlsx", &bytes, &limits) {
                Err(p) => format!("refused: {}", p.reason()),
                Ok(s) => format!("read {} rows", s.rows.len()),
            };
            (bytes.len(), outcome)
        }
        "field" | "capped" => {
            let bytes = hostile_files::bundle_with_a_huge_field(50 << 20);
            let limits = if case == "capped" {
                Limits {
                    max_entry_bytes: 1 << 20,
                    ..limits
                }
            } else {
                limits
            };
            reset_peak();
            (bytes.len(), bundle_outcome(&bytes, &limits))
        }
        "good" => {
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/good");
            let files: Vec<(String, Vec<u8>)> = Bundle::open(&dir, &limits)
                .expect("the good bundle")
                .files
                .into_iter()
                .collect();
            let refs: Vec<(&str, &[u8])> = files
                .iter()
                .map(|(n, b)| (n.as_str(), b.as_slice()))
                .collect();
            let bytes = hostile_files::zip_of(&refs);
            reset_peak();
            (bytes.len(), bundle_outcome(&bytes, &limits))
        }
        "speed" => {
            // A million results rows, as the import benchmark's results.csv.
            let mut text = b"sourcedId,status,dateLastModified,lineItemSourcedId,studentSourcedId,scoreStatus,score,scoreDate,comment\n".to_vec();
            for i in 0..1_000_000 {
                text.extend(
                    format!(
                        "r{i},active,2025-11-20,l{},u{},fully graded,{},2025-11-20,\n",
                        i % 50,
                        i / 50,
                        i % 97
                    )
                    .as_bytes(),
                );
            }
            let started = std::time::Instant::now();
            let mut plain = csv::ReaderBuilder::new()
                .flexible(true)
                .from_reader(text.as_slice());
            let mut record = csv::ByteRecord::new();
            while plain.read_byte_record(&mut record).unwrap() {}
            let csv_only = started.elapsed();
            let started = std::time::Instant::now();
            headway_ingest::csv_rows::check_limits(&text, &limits).unwrap();
            let pass_only = started.elapsed();
            let started = std::time::Instant::now();
            let mut rows = 0u64;
            headway_ingest::csv_rows::read_rows(&text, &limits, |_, _| rows += 1).unwrap();
            let with_limits = started.elapsed();
            let outcome = format!(
                "{rows} rows: csv crate alone {csv_only:.2?}, the limits pass alone {pass_only:.2?}, read_rows (pass and rows) {with_limits:.2?}"
            );
            (text.len(), outcome)
        }
        _ => {
            eprintln!("usage: hostile xlsx|field|capped|good|speed");
            std::process::exit(2);
        }
    };
    println!(
        "{case}: {size} bytes on disk; {outcome}; peak resident memory {:.1} MiB",
        peak_mib()
    );
}
