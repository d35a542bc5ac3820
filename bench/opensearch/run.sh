#!/usr/bin/env bash
# OpenSearch ingest baseline, measured side by side with `./veritas bench`.
#
# What it measures
#   The same corpus (every CORPUS/*/*.jsonl record, 404,852 in the shared corpus) is indexed into a real,
#   fresh single-node OpenSearch on 127.0.0.1, twice: once into `posts` (text and title analysed with `cjk`,
#   the CJK bigram analyzer, if the node has it, else `standard`) and once into `posts_std` (`standard`).
#   Each index gets a freshly started node with an empty data folder (as `veritas bench` starts a fresh
#   JVM on an empty folder). Both: 1 shard, 0 replicas, refresh_interval 1s; id and lang keyword, text and
#   title text, published date (ignore_malformed); `source` is kept in _source, not indexed (dynamic:
#   false); _id is the record id. For each index: wall clock from the first _bulk request to the end of a
#   final _refresh, with WORKERS parallel curl clients each sending pre-built batches of BATCH documents
#   (`--data-binary @file`).
#   documents/s counts records; MB/s counts input JSONL bytes (1 MB = 10^6 bytes), as `veritas bench` does.
#   Not timed: downloading/unzipping/starting the node, converting JSONL to _bulk NDJSON (printed apart),
#   creating the index. Every bulk response's `errors` flag is checked and `_count` must equal the records.
#   Then the node is stopped (so it takes no CPU from Veritas) and `./veritas bench --rounds ROUNDS CORPUS`
#   runs in the same script run; the ratio veritas/opensearch documents/s is printed per index.
#   The machine may be shared: before each timed window the script waits (at most QUIET_WAIT s) for it to
#   go idle, reports the CPU other processes used during the window, and flags windows where they used
#   more than 20% of a core as [noisy] in the summary.
#
# Node: org.opensearch.distribution.integ-test-zip:opensearch:OS_VERSION:zip from Maven Central (cached in
#   ${VERITAS_CACHE:-~/.cache/veritas}/opensearch), unzipped into a temporary folder, run as the system user
#   `opensearch` (created if missing; OpenSearch refuses root), heap OS_HEAP, bound to 127.0.0.1 on free
#   ports, discovery.type=single-node, no security plugin (the integ-test zip has no plugins, plain HTTP).
#   The zip bundles no JDK: OPENSEARCH_JAVA_HOME (default: Temurin 25) must be a JDK 21+.
#   Everything (node, data, bulk files) lives in one temporary folder that is removed on exit.
#
# Usage: bench/opensearch/run.sh          (as root, or as a user other than root)
#   Environment knobs: CORPUS, BATCH (5000), WORKERS (2), OS_HEAP (2g), ROUNDS (20), OS_VERSION (3.6.0),
#   OPENSEARCH_JAVA_HOME, QUIET_WAIT (180: at most this many seconds waiting for an idle machine before each
#   timed window), SKIP_VERITAS=1 (OpenSearch only).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
CORPUS="${CORPUS:-$REPO/../shared/corpus}"
BATCH="${BATCH:-5000}"
WORKERS="${WORKERS:-2}"
OS_HEAP="${OS_HEAP:-2g}"
ROUNDS="${ROUNDS:-20}"
OS_VERSION="${OS_VERSION:-3.6.0}"
OS_USER="${OS_USER:-opensearch}"
JDK="${OPENSEARCH_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
CACHE="${VERITAS_CACHE:-$HOME/.cache/veritas}/opensearch"
ZIP="$CACHE/opensearch-$OS_VERSION.zip"

say() { printf '[opensearch-bench] %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }
now() { date +%s.%N; }
# jget PATH: prints a value from the JSON on stdin, PATH like "count" or "version.number".
jget() { python3 -c 'import json,sys
v=json.load(sys.stdin)
for k in sys.argv[1].split("."): v=v[k]
print(v)' "$1"; }

# ---------------------------------------------------------------------------------------------- checks
shopt -s nullglob
FILES=("$CORPUS"/*/*.jsonl)
shopt -u nullglob
[ "${#FILES[@]}" -gt 0 ] || die "no $CORPUS/*/*.jsonl files"
[ -x "$JDK/bin/java" ] || die "no JDK at $JDK (set OPENSEARCH_JAVA_HOME to a JDK 21 or newer)"
for tool in python3 curl unzip; do command -v "$tool" >/dev/null || die "$tool is needed"; done

# ------------------------------------------------------------------------------- fetch and unzip the node
if [ ! -s "$ZIP" ]; then
  command -v mvn >/dev/null || die "mvn is needed to fetch $ZIP"
  say "fetching OpenSearch $OS_VERSION (integ-test zip) from Maven Central into $CACHE"
  mkdir -p "$CACHE"
  (cd "$CACHE" && mvn -q -B dependency:copy \
     -Dartifact="org.opensearch.distribution.integ-test-zip:opensearch:$OS_VERSION:zip" -DoutputDirectory="$CACHE")
  [ -s "$ZIP" ] || die "download did not produce $ZIP"
fi

if [ "$(id -u)" -eq 0 ]; then
  id "$OS_USER" >/dev/null 2>&1 ||
    useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$OS_USER"
  as_node_user() { runuser -u "$OS_USER" -- "$@"; }
else
  as_node_user() { "$@"; }
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/veritas-opensearch-bench.XXXXXX")"
chmod 755 "$WORK"
NODE="$WORK/node"                       # owned by the node user: install, data, logs, pid file
OS_HOME="$NODE/opensearch-$OS_VERSION"
NODE_PID=""

stop_node() {  # stops the node this script started (by its pid) and removes its data folder
  if [ -z "$NODE_PID" ] && [ -s "$NODE/node.pid" ]; then NODE_PID="$(cat "$NODE/node.pid")"; fi
  if [ -n "$NODE_PID" ] && kill -TERM "$NODE_PID" 2>/dev/null; then
    for _ in $(seq 60); do kill -0 "$NODE_PID" 2>/dev/null || break; sleep 1; done
    kill -KILL "$NODE_PID" 2>/dev/null || true
  fi
  NODE_PID=""
  rm -rf "$NODE/data" "$NODE/node.pid"
}
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  stop_node || true
  rm -rf "$WORK" || true
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mkdir -p "$NODE/logs"
unzip -q "$ZIP" -d "$NODE"
[ -x "$OS_HOME/bin/opensearch" ] || die "unexpected zip layout: no $OS_HOME/bin/opensearch"
if [ "$(id -u)" -eq 0 ]; then chown -R "$OS_USER": "$NODE"; fi

# ---------------------------------------------------------------- CPU accounting (the machine is shared)
# A timed window records machine-wide busy CPU (/proc/stat) and the benchmark's own CPU (the node's, from
# /proc/PID/stat, plus this shell's reaped children: curl, veritas), so other load can be reported.
TICK="$(getconf CLK_TCK)"
NCPU="$(getconf _NPROCESSORS_ONLN)"
QUIET_WAIT="${QUIET_WAIT:-180}"
machine_busy() { awk '/^cpu /{print $2+$3+$4+$7+$8+$9}' /proc/stat; }          # ticks, all cores
node_cpu() { if [ -n "$NODE_PID" ]; then awk '{print $14+$15}' "/proc/$NODE_PID/stat" 2>/dev/null || echo 0; else echo 0; fi; }
# `times` must run in this shell, not in a $(...) subshell, to see this shell's children.
children_cpu() { times >"$WORK/times"; awk -v t="$TICK" 'NR==2{for(i=1;i<=2;i++){split($i,a,/[ms]/); s+=a[1]*60+a[2]} printf "%d", s*t}' "$WORK/times"; }
window_begin() { W_T0="$(now)"; W_M0="$(machine_busy)"; W_N0="$(node_cpu)"; children_cpu >"$WORK/c0"; }
window_end() {   # sets W_OTHER and W_REPORT: CPU as % of one core, averaged over the window
  local t1 m1 n1 out
  t1="$(now)"; m1="$(machine_busy)"; n1="$(node_cpu)"; children_cpu >"$WORK/c1"
  out="$(awk -v d="$(awk -v a="$W_T0" -v b="$t1" -v hz="$TICK" 'BEGIN{print (b-a)*hz}')" -v n="$NCPU" \
    -v m="$((m1 - W_M0))" -v o="$((n1 - W_N0 + $(cat "$WORK/c1") - $(cat "$WORK/c0")))" \
    'BEGIN{x = m > o ? 100*(m-o)/d : 0
           printf "%d\tCPU over the window (%% of one core, %d cores): machine %.0f%%, this benchmark %.0f%%, other processes %.0f%%", x, n, 100*m/d, 100*o/d, x}')"
  W_OTHER="${out%%$'\t'*}"
  W_REPORT="${out#*$'\t'}"
}
# noisy_note: a warning for the summary when other processes took over 20% of a core during the window.
noisy_note() { if [ "$W_OTHER" -gt 20 ]; then echo "  [noisy: other processes used ${W_OTHER}% of a core meanwhile]"; fi; }
# Waits (at most QUIET_WAIT s) until the machine is nearly idle before a timed window, so a concurrent
# build or benchmark by someone else does not land in it; goes on with a warning if it stays busy.
wait_quiet() {
  local deadline=$((SECONDS + QUIET_WAIT)) m0 m1 pct
  while :; do
    m0="$(machine_busy)"; sleep 2; m1="$(machine_busy)"
    pct=$(( (m1 - m0) * 100 / (2 * TICK) ))
    [ "$pct" -lt 25 ] && return 0
    if [ "$SECONDS" -ge "$deadline" ]; then
      say "warning: the machine is still ${pct}% busy (of one core) after waiting ${QUIET_WAIT} s; measuring anyway"
      return 0
    fi
    say "machine ${pct}% busy (of one core) by other work; waiting for it to go quiet"
    sleep 8
  done
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
HTTP_PORT="$(free_port)"
TRANSPORT_PORT="$(free_port)"
while [ "$TRANSPORT_PORT" = "$HTTP_PORT" ]; do TRANSPORT_PORT="$(free_port)"; done
BASE="http://127.0.0.1:$HTTP_PORT"

# ---------------------------------------------------------------------------------------- start the node
# Each index is measured on a freshly started node with an empty data folder, as `veritas bench` runs in
# a fresh JVM on an empty folder: neither index profits from the other's JIT warm-up or caches.
start_node() {
  local t_start status healthy=""
  say "starting OpenSearch $OS_VERSION on 127.0.0.1:$HTTP_PORT (heap $OS_HEAP, JDK $JDK, folder $WORK)"
  t_start="$(now)"
  mkdir -p "$NODE/data"
  if [ "$(id -u)" -eq 0 ]; then chown "$OS_USER": "$NODE/data"; fi
  (cd "$OS_HOME" && as_node_user env OPENSEARCH_JAVA_HOME="$JDK" JAVA_HOME="$JDK" \
     OPENSEARCH_JAVA_OPTS="-Xms$OS_HEAP -Xmx$OS_HEAP" \
     "$OS_HOME/bin/opensearch" -d -p "$NODE/node.pid" \
       -Ecluster.name=veritas-bench -Enode.name=bench -Ediscovery.type=single-node \
       -Enetwork.host=127.0.0.1 -Ehttp.port="$HTTP_PORT" -Etransport.port="$TRANSPORT_PORT" \
       -Epath.data="$NODE/data" -Epath.logs="$NODE/logs" \
       -Ecluster.routing.allocation.disk.threshold_enabled=false \
       >"$WORK/start.log" 2>&1) || { cat "$WORK/start.log" >&2; die "the node did not start"; }
  for _ in $(seq 180); do
    if [ -z "$NODE_PID" ] && [ -s "$NODE/node.pid" ]; then NODE_PID="$(cat "$NODE/node.pid")"; fi
    if [ -n "$NODE_PID" ] && ! kill -0 "$NODE_PID" 2>/dev/null; then break; fi
    status="$(curl -s --max-time 2 "$BASE/_cluster/health" 2>/dev/null | jget status 2>/dev/null || true)"
    if [ "$status" = green ] || [ "$status" = yellow ]; then healthy="$status"; break; fi
    sleep 1
  done
  if [ -z "$healthy" ]; then
    tail -n 40 "$NODE/logs/veritas-bench.log" >&2 2>/dev/null || cat "$WORK/start.log" >&2
    die "the node did not become healthy within 180 s"
  fi
  say "node $healthy after $(awk -v a="$t_start" -v b="$(now)" 'BEGIN{printf "%.1f", b-a}') s"
}
start_node

# What the integ-test distribution has: no plugins, a set of modules; which analyzers exist.
version="$(curl -s "$BASE" | jget version.number)"
lucene="$(curl -s "$BASE" | jget version.lucene_version)"
plugins="$(curl -s "$BASE/_cat/plugins?h=component" | sort -u | paste -sd, -)"
modules="$(curl -s "$BASE/_nodes/plugins?filter_path=nodes.*.modules.name" |
  python3 -c 'import json,sys; d=json.load(sys.stdin); print(",".join(sorted({m["name"] for n in d["nodes"].values() for m in n["modules"]})))')"
has_analyzer() {
  [ "$(curl -s -o /dev/null -w '%{http_code}' -XPOST "$BASE/_analyze" -H 'Content-Type: application/json' \
        -d "{\"analyzer\":\"$1\",\"text\":\"新闻联播 香港選舉 news\"}")" = 200 ]
}
analyzers=""
for a in cjk smartcn icu_analyzer kuromoji nori; do
  if has_analyzer "$a"; then analyzers+="$a=yes "; else analyzers+="$a=no "; fi
done
say "OpenSearch $version (Lucene $lucene); plugins: ${plugins:-none}; modules: $modules"
say "analyzers: $analyzers"
if has_analyzer cjk; then MAIN_ANALYZER=cjk; else MAIN_ANALYZER=standard; fi

# ------------------------------------------------------------------------- convert the corpus to _bulk
t0="$(now)"
summary="$(python3 "$HERE/to_bulk.py" "$WORK/bulk" "$BATCH" "${FILES[@]}")"
t1="$(now)"
RECORDS="$(jget records <<<"$summary")"
INPUT_BYTES="$(jget input_bytes <<<"$summary")"
say "conversion (not timed below): ${#FILES[@]} files, $RECORDS records, $(awk -v b="$INPUT_BYTES" 'BEGIN{printf "%.1f", b/1e6}') MB JSONL ->" \
    "$(jget batches <<<"$summary") batches, $(awk -v b="$(jget ndjson_bytes <<<"$summary")" 'BEGIN{printf "%.1f", b/1e6}') MB NDJSON" \
    "in $(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.2f", b-a}') s"

# ------------------------------------------------------------------------------------ index and measure
create_index() {  # create_index NAME ANALYZER
  local body
  body="$(cat <<JSON
{"settings": {"index": {"number_of_shards": 1, "number_of_replicas": 0, "refresh_interval": "1s"}},
 "mappings": {"dynamic": false,
   "properties": {
     "id":        {"type": "keyword"},
     "text":      {"type": "text", "analyzer": "$2"},
     "title":     {"type": "text", "analyzer": "$2"},
     "lang":      {"type": "keyword"},
     "published": {"type": "date", "ignore_malformed": true}}}}
JSON
)"
  curl -sS --fail-with-body -o /dev/null -XPUT "$BASE/$1" -H 'Content-Type: application/json' -d "$body" ||
    die "could not create index $1"
  curl -s --max-time 60 "$BASE/_cluster/health/$1?wait_for_status=green&timeout=55s" >/dev/null
}

declare -A OS_RATE NOISE RESULT ANALYZER_OF
bench_index() {  # bench_index NAME ANALYZER
  local idx="$1" analyzer="$2" resp="$WORK/resp/$1" start end secs count bad
  create_index "$idx" "$analyzer"
  mkdir -p "$resp"
  wait_quiet
  say "indexing into $idx ($analyzer) with $WORKERS workers"
  window_begin
  start="$(now)"
  # xargs hands the batch files out in order to WORKERS concurrent curl processes.
  find "$WORK/bulk" -name 'batch-*.ndjson' -print0 | sort -z |
    URL="$BASE/$idx/_bulk?filter_path=errors,items.*.error" RESP="$resp" \
    xargs -0 -n 1 -P "$WORKERS" sh -c 'curl -sS --fail-with-body -H "Content-Type: application/x-ndjson" \
      -H "Expect:" --data-binary @"$1" -o "$RESP/$(basename "$1" .ndjson).json" "$URL"' _ ||
    { tail -c 2000 "$resp"/*.json >&2 2>/dev/null; die "a _bulk request to $idx failed"; }
  curl -sS --fail-with-body -o /dev/null -XPOST "$BASE/$idx/_refresh" || die "_refresh of $idx failed"
  end="$(now)"
  window_end
  say "$idx: $W_REPORT"
  NOISE[$idx]="$(noisy_note)"

  bad="$(grep -L '"errors":false' "$resp"/*.json || true)"
  if [ -n "$bad" ]; then
    head -c 2000 $bad >&2
    die "bulk responses for $idx report errors (files above)"
  fi
  count="$(curl -s "$BASE/$idx/_count" | jget count)"
  [ "$count" = "$RECORDS" ] || die "$idx holds $count documents, expected $RECORDS"

  secs="$(awk -v a="$start" -v b="$end" 'BEGIN{printf "%.2f", b-a}')"
  OS_RATE[$idx]="$(awk -v n="$RECORDS" -v s="$secs" 'BEGIN{printf "%.0f", n/s}')"
  RESULT[$idx]="$(awk -v i="$idx" -v a="$analyzer" -v n="$RECORDS" -v b="$INPUT_BYTES" -v s="$secs" \
    'BEGIN{printf "opensearch %s (%s): %d documents, %.1f MB in %.2f s = %.0f documents/s, %.2f MB/s", i, a, n, b/1e6, s, n/s, b/1e6/s}')"
  echo "${RESULT[$idx]}"
  ANALYZER_OF[$idx]="$analyzer"

  ignored="$(curl -s "$BASE/$idx/_count" -H 'Content-Type: application/json' \
    -d '{"query":{"exists":{"field":"_ignored"}}}' | jget count)"
  say "$idx: $ignored documents with a malformed 'published' (field ignored, document kept);" \
      "size on disk: $(curl -s "$BASE/_cat/indices/$idx?h=store.size"), segments: $(curl -s "$BASE/_cat/segments/$idx?h=segment" | wc -l)"
}

# Analyzer choice was made on the first node; each index then gets a fresh node and an empty data folder.
bench_index posts "$MAIN_ANALYZER"
stop_node
start_node
bench_index posts_std standard

# ------------------------------------------------------ stop the node, then run Veritas on the same corpus
say "stopping the node and removing its data folder before the Veritas run"
stop_node

if [ "${SKIP_VERITAS:-0}" = 1 ]; then
  exit 0
fi
if commit="$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null)"; then
  say "veritas source: commit $commit, $(git -C "$REPO" status --porcelain --untracked-files=no | wc -l) files with uncommitted changes"
fi
vout=""
for attempt in 1 2 3; do
  # Build first (./veritas rebuilds the jar when sources are newer), so the build stays out of the window.
  if (cd "$REPO" && ./veritas --version >/dev/null); then
    wait_quiet
    say "running: cd $REPO && ./veritas bench --rounds $ROUNDS $CORPUS (attempt $attempt)"
    window_begin
    if vout="$(cd "$REPO" && ./veritas bench --rounds "$ROUNDS" "$CORPUS")"; then
      window_end
      say "veritas (whole command: JVM start, ingest, asks): $W_REPORT"
      V_NOISE="$(noisy_note)"
      break
    fi
  fi
  vout=""
  say "veritas build or bench failed (sources may be mid-edit); retrying in 20 s"
  sleep 20
done
[ -n "$vout" ] || die "veritas bench failed 3 times"
printf '%s\n' "$vout" | grep -E '^(ingest|ask):' | sed 's/^/veritas /'
v_rate="$(printf '%s\n' "$vout" | awk '/^ingest:/ { for (i = 1; i <= NF; i++) if ($i == "documents/s,") print $(i-1) }')"
[ -n "$v_rate" ] || die "no 'ingest: ... documents/s' line in the veritas output"

echo "summary:"
for idx in posts posts_std; do echo "  ${RESULT[$idx]}${NOISE[$idx]}"; done
echo "  veritas $(printf '%s\n' "$vout" | grep -E '^ingest:')${V_NOISE}"
for idx in posts posts_std; do
  awk -v i="$idx" -v a="${ANALYZER_OF[$idx]}" -v v="$v_rate" -v o="${OS_RATE[$idx]}" \
    'BEGIN{printf "  ratio veritas/opensearch %s (%s): %.0f / %.0f documents/s = %.2fx\n", i, a, v, o, v/o}'
done
echo "  whole script: ${SECONDS} s"
