#!/usr/bin/env bash
# Freshness of the two live paths, measured from outside the process:
#  - watch: a file is written into a watched folder; time until /v1/search finds it;
#  - http:  POST /v1/documents returns (acknowledged), then time until /v1/search finds it.
# Usage: bench/freshness.sh [N] [load]   (N files/documents each, default 30; with "load", a bulk request of
# 200,000 posts streams in at full rate while the probes run). Prints median, p99 and max in ms.
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-30}"
work="$(mktemp -d)"
port=$((20000 + RANDOM % 20000))
export VERITAS_TOKEN="bench-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"   # the write token serve requires
unset VERITAS_READ_TOKEN   # the probes read without a token
auth="Authorization: Bearer $VERITAS_TOKEN"
./veritas --version >/dev/null
./veritas serve --data "$work/data" --port "$port" --watch "$(mkdir -p "$work/inbox" && echo "$work/inbox")" >"$work/serve.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$work"' EXIT
until curl -sf "127.0.0.1:$port/v1/health" >/dev/null; do sleep 0.1; done

if [ "${2:-}" = "load" ]; then
  { cat ../shared/corpus/weibo_ced/weibo_ced.jsonl ../shared/corpus/tweeteval/tweeteval.jsonl | head -n 200000 > "$work/load.ndjson"; } || true
  curl -s -o /dev/null -H "$auth" --data-binary @"$work/load.ndjson" "127.0.0.1:$port/v1/documents:bulk" &
  sleep 1
fi

now_ms() { date +%s%3N; }
wait_found() { until curl -s "127.0.0.1:$port/v1/search?limit=1&q=$1" | grep -q '"hits":\[{'; do sleep 0.01; done; }

watch_ms=(); http_ms=()
for i in $(seq "$n"); do
  word="zqwatch$i"
  t0=$(now_ms)
  printf 'A post about %s and the funding market.\n' "$word" > "$work/inbox/$word.txt"
  wait_found "$word"
  watch_ms+=($(( $(now_ms) - t0 )))
  word="zqhttp$i"
  curl -s -H "$auth" "127.0.0.1:$port/v1/documents" -d "{\"id\":\"$word\",\"text\":\"A post about $word and the funding market.\"}" >/dev/null
  t0=$(now_ms)
  wait_found "$word"
  http_ms+=($(( $(now_ms) - t0 )))
done
stats() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {p=int(NR*0.99+0.999); printf "median %d ms, p99 %d ms, max %d ms (n=%d)\n", a[int((NR+1)/2)], a[p], a[NR], NR}'; }
echo "watch folder, file written -> searchable: $(stats "${watch_ms[@]}")"
echo "HTTP, acknowledged -> searchable:        $(stats "${http_ms[@]}")"
if [ "${2:-}" = "load" ]; then
  echo "under load: $(curl -s "127.0.0.1:$port/v1/health") documents when the probes ended"
fi
