#!/usr/bin/env bash
# First view of the demo head's progress page, 360 report and improvement plan (its measures
# computed from the school's data; target ≤ 200 ms each, release build): the demo seeded into a temporary SQLite
# database, the server started and the head signed in, then the first GET of each page
# timed (1) on the freshly seeded demo, (2) after a one-school bundle is imported through
# the command line while the server runs, (3) after the server restarts. Also times the
# import itself (it fits and stores the reference expectations at the new data version)
# and reading the data version, the one query each page adds.
#
#   scripts/bench-first-view.sh [RESULTS]     (results in the imported bundle; default 20,000)
#
# Needs curl and sqlite3 (bench-import uses the sqlite3 shell).
set -euo pipefail
cd "$(dirname "$0")/.."
results="${1:-20000}"
for tool in curl sqlite3; do
    command -v "$tool" >/dev/null || { echo "install $tool first (apt-get install $tool)" >&2; exit 1; }
done
# HEADWAY_BIN: a headway binary already built (default: build the release one now).
if [[ -z "${HEADWAY_BIN:-}" ]]; then
    cargo build --release -p headway
    HEADWAY_BIN="${CARGO_TARGET_DIR:-target}/release/headway"
fi
dir="$(mktemp -d)"
port=$((20000 + RANDOM % 20000))
base="http://127.0.0.1:$port"
database="sqlite://$dir/data/demo.db"
server=""
trap '[[ -n $server ]] && kill $server 2>/dev/null; rm -rf "$dir"' EXIT

start_server() {
    "$HEADWAY_BIN" demo --data-dir "$dir/data" --bind "127.0.0.1:$port" >>"$dir/server.log" 2>&1 &
    server=$!
    for _ in $(seq 1 600); do
        curl -fs "$base/health" >/dev/null 2>&1 && return
        sleep 0.5
    done
    echo "the server did not start; see $dir/server.log" >&2
    trap - EXIT
    exit 1
}
stop_server() {
    kill "$server"
    wait "$server" 2>/dev/null || true
    server=""
}
jar="$dir/cookies"
sign_in() {
    rm -f "$jar"
    local token
    token=$(curl -fs -c "$jar" -b "$jar" "$base/sign-in" | grep -o 'name="csrf" value="[0-9a-f]*"' | head -1 | sed 's/.*value="//;s/"//')
    curl -fs -o /dev/null -c "$jar" -b "$jar" \
        --data-urlencode "csrf=$token" --data-urlencode "email=head@demo.headway.school" \
        --data-urlencode "password=headway-demo" --data-urlencode "next=/" "$base/sign-in"
}
timed() {
    curl -fs -o /dev/null -w '%{http_code} in %{time_total} s' -b "$jar" "$base$1"
}
first_views() {
    echo "$1"
    echo "  progress page, first view: $(timed "$progress")"
    echo "  360 report, first view:    $(timed "$report")"
    echo "  progress page, again:      $(timed "$progress")"
    echo "  plan page, first view:     $(timed "$plan")"
    echo "  plan page, again:          $(timed "$plan")"
    # The pages timed must hold figures, not a problem message.
    local body
    body=$(curl -fs -b "$jar" "$base$progress")
    grep -q '<svg role="img"' <<<"$body" || { echo "the progress page shows no chart" >&2; exit 1; }
    body=$(curl -fs -b "$jar" "$base$report")
    grep -q 'Improvement group over the last three years' <<<"$body" ||
        { echo "the 360 report shows no improvement group" >&2; exit 1; }
    body=$(curl -fs -b "$jar" "$base$plan")
    grep -q 'class="measure-card' <<<"$body" || { echo "the plan page shows no measure" >&2; exit 1; }
}

echo "seeding the demo (generate, write, fit the reference expectations) and starting the server"
start_server
head -1 "$dir/server.log"
sign_in
school=$(curl -fs -b "$jar" "$base/" | grep -o 'href="/schools/[0-9]*/progress"' | head -1 | grep -o '[0-9]\+')
progress="/schools/$school/progress"
plan="/schools/$school/plan"
report=$(curl -fs -b "$jar" "$base/diagnostic" | grep -o 'href="/diagnostic/rounds/[0-9]*/report"' | head -1 | sed 's/href="//;s/"//')
[[ -n $report ]] || { echo "the demo head has no 360 report to read" >&2; exit 1; }
first_views "1. the freshly seeded demo ($progress, $report, $plan):"

"$HEADWAY_BIN" bench-import --results "$results" --dir "$dir/generated" >/dev/null
started=$(date +%s%N)
"$HEADWAY_BIN" import "$dir/generated/bundle" --apply --database-url "$database" >"$dir/import.log"
finished=$(date +%s%N)
echo "headway import of a one-school bundle ($results results) while the server runs: $(((finished - started) / 1000000)) ms in all"
grep "Reference expectations" "$dir/import.log" | sed 's/^/  /'
first_views "2. after that import (the server's figures are of the old data version):"

stop_server
start_server
sign_in
first_views "3. after a restart (fits read from the database):"

"$HEADWAY_BIN" bench-first-view --database-url "$database" --reads 10000 --school "$school"
