#!/usr/bin/env bash
# Browser import benchmark: a generated one-school OneRoster bundle of N results (default
# 1,000,000), zipped, uploaded to the demo's import page as its data manager would (sign-in,
# the form's token), then confirmed; prints the time of each request and the server's
# memory afterwards. Release build, embedded SQLite.
#
#   scripts/bench-web-import.sh [RESULTS]
#
# Needs zip and sqlite3 (apt-get install zip sqlite3).
set -euo pipefail
cd "$(dirname "$0")/.."
results="${1:-1000000}"
for tool in zip sqlite3 curl; do
    command -v "$tool" >/dev/null || { echo "install $tool first (apt-get install $tool)" >&2; exit 1; }
done
cargo build --release -p headway
headway="${CARGO_TARGET_DIR:-target}/release/headway"
dir="$(mktemp -d)"
port=$((20000 + RANDOM % 20000))
base="http://127.0.0.1:$port"
server=""
trap '[[ -n $server ]] && kill $server 2>/dev/null; rm -rf "$dir"' EXIT

# The benchmark bundle (bench-import generates it, and times the command-line import too).
"$headway" bench-import --results "$results" --dir "$dir/generated" >/dev/null
(cd "$dir/generated/bundle" && zip -q -r "$dir/bundle.zip" .)
echo "bundle.zip: $(stat -c %s "$dir/bundle.zip") bytes, $results results"

"$headway" demo --data-dir "$dir/data" --bind "127.0.0.1:$port" >"$dir/server.log" 2>&1 &
server=$!
for _ in $(seq 1 300); do
    curl -fs "$base/health" >/dev/null 2>&1 && break
    sleep 0.5
done
jar="$dir/cookies"
token() { grep -o 'name="csrf" value="[0-9a-f]*"' | head -1 | sed 's/.*value="//;s/"//'; }
csrf=$(curl -fs -c "$jar" -b "$jar" "$base/sign-in" | token)
curl -fs -o /dev/null -c "$jar" -b "$jar" --data-urlencode "csrf=$csrf" \
    --data-urlencode "email=data.manager@demo.headway.school" \
    --data-urlencode "password=headway-demo" --data-urlencode "next=/" "$base/sign-in"
school=$(curl -fs -b "$jar" "$base/" | grep -o 'href="/schools/[0-9]*/imports"' | head -1 | grep -o '[0-9]\+')
csrf=$(curl -fs -b "$jar" "$base/schools/$school/imports" | token)

echo "upload, check and preview: $(curl -fsL -o "$dir/preview.html" -w '%{http_code} in %{time_total} s' \
    -b "$jar" -H "Origin: $base" -F "csrf=$csrf" -F "file=@$dir/bundle.zip;filename=bundle.zip" \
    "$base/schools/$school/imports")"
action=$(grep -o 'action="/schools/[0-9]*/imports/[0-9a-f]*/apply"' "$dir/preview.html" | head -1 | sed 's/action="//;s/"//')
[[ -n $action ]] || { echo "no preview to confirm; see $dir/preview.html" >&2; trap - EXIT; exit 1; }
echo "confirm (write): $(curl -fsL -o "$dir/done.html" -w '%{http_code} in %{time_total} s' \
    -b "$jar" -H "Origin: $base" --data-urlencode "csrf=$csrf" "$base$action")"
echo "results in the database: $(sqlite3 "$dir/data/demo.db" 'SELECT COUNT(*) FROM results')"
echo "server memory (RSS): $(($(ps -o rss= -p "$server") / 1024)) MB"
