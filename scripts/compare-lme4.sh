#!/usr/bin/env bash
# Fits the same synthetic national cohort in lme4 and in Headway, in one run on this
# machine, and prints both times, the ratio and the largest differences (ANALYTICS.md §8).
#
#   scripts/compare-lme4.sh                 # 600,000 pupils, 3,000 schools
#   PUPILS=60000 SCHOOLS=300 scripts/compare-lme4.sh
#
# Needs R with lme4 and jsonlite (Debian: apt-get install r-base-core r-cran-lme4).
set -euo pipefail

PUPILS=${PUPILS:-600000}
SCHOOLS=${SCHOOLS:-3000}
SEED=${SEED:-20240901}
REPEATS=${REPEATS:-3}
FORMULA="outcome ~ prior + I(prior^2) + disadvantaged + sen + eal + gender + age + ethnicity + (1 | school)"

cd "$(dirname "$0")/.."
if ! Rscript -e 'suppressMessages({library(lme4); library(jsonlite)})' >/dev/null 2>&1; then
  echo "R with lme4 and jsonlite is needed: apt-get install -y r-base-core r-cran-lme4" >&2
  exit 1
fi

cargo build --release --quiet -p headway -p headway-stats --example write_cohort
target_dir=$(cargo metadata --format-version 1 --no-deps | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
headway="$target_dir/release/headway"
write_cohort="$target_dir/release/examples/write_cohort"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "writing the cohort ($PUPILS pupils, $SCHOOLS schools, seed $SEED)..." >&2
"$write_cohort" "$PUPILS" "$SCHOOLS" "$SEED" "$work/cohort.csv"
"$headway" analyse "$work/cohort.csv" --model "$FORMULA" --out "$work/from-csv.json" \
  --write-parquet "$work/cohort.parquet"

echo "fitting in Headway..." >&2
echo "wall read design fit" > "$work/timings.txt"
for _ in $(seq 5); do
  start=$(date +%s.%N)
  "$headway" analyse "$work/cohort.parquet" --model "$FORMULA" --out "$work/headway.json" \
    --timings 2> "$work/run.txt"
  end=$(date +%s.%N)
  sed -n 's/^timings: read \([0-9.]*\) s, design \([0-9.]*\) s, fit \([0-9.]*\) s$/\1 \2 \3/p' "$work/run.txt" |
    while read -r read design fit; do
      echo "$(echo "$end - $start" | bc) $read $design $fit" >> "$work/timings.txt"
    done
done

echo "fitting in lme4 ($REPEATS runs)..." >&2
Rscript scripts/compare-lme4.R "$work/cohort.csv" "$work/headway.json" "$work/timings.txt" "$REPEATS"
