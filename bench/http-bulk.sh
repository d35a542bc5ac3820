#!/usr/bin/env bash
# Durable HTTP ingest: one POST /v1/documents:bulk of the first N lines of a corpus file (default 100,000
# tweets) to a fresh `veritas serve` limited to a 256 MB heap, timed by curl. The heap limit shows the
# request is streamed, not held in memory. Usage: [SERVE_ARGS="--embedder none"] bench/http-bulk.sh [FILE] [N]
set -euo pipefail
cd "$(dirname "$0")/.."
file="${1:-../shared/corpus/tweeteval/tweeteval.jsonl}"
n="${2:-100000}"
work="$(mktemp -d)"
port=$((20000 + RANDOM % 20000))
head -n "$n" "$file" > "$work/request.ndjson"
export VERITAS_TOKEN="bench-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"   # the write token serve requires
unset VERITAS_READ_TOKEN   # the probes read without a token
./veritas --version >/dev/null
VERITAS_JAVA_OPTS="-Xmx256m" ./veritas serve --data "$work/data" --port "$port" ${SERVE_ARGS:-} >"$work/serve.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$work"' EXIT
until curl -sf "127.0.0.1:$port/v1/health" >/dev/null; do sleep 0.1; done
bytes=$(stat -c %s "$work/request.ndjson")
t=$(curl -s -o "$work/response.ndjson" -w '%{time_total}' -H 'Content-Type: application/x-ndjson' -H "Authorization: Bearer $VERITAS_TOKEN" \
      --data-binary @"$work/request.ndjson" "127.0.0.1:$port/v1/documents:bulk")
tail -n 1 "$work/response.ndjson"
awk -v n="$n" -v t="$t" -v b="$bytes" 'BEGIN { printf "%d lines, %.1f MB in %.2f s = %.0f documents/s, %.2f MB/s (heap limit 256 MB)\n", n, b/1e6, t, n/t, b/1e6/t }'
