/// Limits small enough that the fuzzer crosses each of them often, and a run's memory
/// stays far below libFuzzer's `-rss_limit_mb`.
pub fn fuzz_limits() -> headway_ingest::limits::Limits {
    headway_ingest::limits::Limits {
        max_field_bytes: 4 << 10,
        max_line_bytes: 16 << 10,
        max_rows: 20_000,
        max_zip_entries: 64,
        max_entry_bytes: 8 << 20,
        max_unpacked_bytes: 16 << 20,
        max_sheet_columns: 64,
        max_sheet_cells: 100_000,
    }
}
