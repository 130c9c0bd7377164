#!/usr/bin/env bash
# Load benchmark of the school progress overview (ANALYTICS.md §8, the hot pages): the demo
# with its head's school given a number on roll of 2,000 (default), served from a release
# build on SQLite; the head's `/schools/{id}/progress` page under 64 concurrent connections
# with wrk, after one warm-up request (which fits the reference expectations).
#
#   scripts/bench-overview.sh [ROLL] [SECONDS] [CONNECTIONS]
#
# Needs wrk and the sqlite3 shell (apt-get install wrk sqlite3).
set -euo pipefail
cd "$(dirname "$0")/.."
roll="${1:-2000}"
seconds="${2:-30}"
connections="${3:-64}"
command -v wrk >/dev/null || { echo "install wrk first (apt-get install wrk)" >&2; exit 1; }
# HEADWAY_BIN: a headway binary already built (default: build the release one now).
if [[ -z "${HEADWAY_BIN:-}" ]]; then
    cargo build --release -p headway
    HEADWAY_BIN="${CARGO_TARGET_DIR:-target}/release/headway"
fi
dir="$(mktemp -d)"
port=$((20000 + RANDOM % 20000))
base="http://127.0.0.1:$port"
"$HEADWAY_BIN" demo --data-dir "$dir/data" --bind "127.0.0.1:$port" \
    --head-school-roll "$roll" >"$dir/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$dir"' EXIT
for _ in $(seq 1 300); do
    curl -fs "$base/health" >/dev/null 2>&1 && break
    sleep 0.5
done
head -1 "$dir/server.log"
jar="$dir/cookies"
token=$(curl -fs -c "$jar" -b "$jar" "$base/sign-in" | grep -o 'name="csrf" value="[0-9a-f]*"' | head -1 | sed 's/.*value="//;s/"//')
curl -fs -o /dev/null -c "$jar" -b "$jar" \
    --data-urlencode "csrf=$token" --data-urlencode "email=head@demo.headway.school" \
    --data-urlencode "password=headway-demo" --data-urlencode "next=/" "$base/sign-in"
cookie=$(awk '$6 == "headway_session" { print $7 }' "$jar")
school=$(curl -fs -b "$jar" "$base/" | grep -o 'href="/schools/[0-9]*/progress"' | head -1 | grep -o '[0-9]\+')
page="$base/schools/$school/progress"
pupils=$(sqlite3 "$dir/data/demo.db" "SELECT COUNT(*) FROM pupils WHERE school_id = $school")
echo "school $school: number on roll $roll, $pupils pupils (three Year 11 cohorts) in the database"
echo "warm-up: $(curl -fs -o /dev/null -w '%{http_code} in %{time_total} s' -b "$jar" "$page")"
echo "second request: $(curl -fs -o /dev/null -w '%{http_code} in %{time_total} s' -b "$jar" "$page")"
wrk -t2 -c"$connections" -d"${seconds}s" --timeout 30s --latency \
    -H "Cookie: headway_session=$cookie" "$page"
