#!/usr/bin/env bash
# Import benchmark (ANALYTICS.md §8): generates a OneRoster bundle of N results (default
# 1,000,000) in a temporary folder, then, in one run, times the sqlite3 shell's raw
# `.import` of its results.csv and Headway's validate + apply of the whole bundle into a
# fresh SQLite database; then a second school's bundle of the same size into that database,
# and a re-import of the first, which must change nothing.
#
#   scripts/bench-import.sh [RESULTS] [DIR]
#
# Needs the sqlite3 shell (apt-get install sqlite3).
set -euo pipefail
cd "$(dirname "$0")/.."
results="${1:-1000000}"
dir="${2:-$(mktemp -d)}"
command -v sqlite3 >/dev/null || { echo "install the sqlite3 shell first (apt-get install sqlite3)" >&2; exit 1; }
cargo build --release -p headway
"${CARGO_TARGET_DIR:-target}/release/headway" bench-import --results "$results" --dir "$dir"
