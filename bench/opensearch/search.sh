#!/usr/bin/env bash
# Search throughput and latency: Veritas's embedded index against a real single-node OpenSearch, same posts,
# same queries, same client (Veritas itself, `veritas bench-search`, with --backend lucene and opensearch).
#
# What it measures
#   POSTS (JSON Lines) are ingested twice: into an embedded Lucene data folder and, through Veritas's OpenSearch
#   backend, into a fresh OpenSearch node on 127.0.0.1. Query analysis (CJK bigrams, 繁→简 folding, stems) and
#   the query (words + cross-language expansion, BM25) are built by Veritas for both, so the two runs differ only
#   in the engine answering. Then `veritas bench-search --mode lexical` over QUERIES (one per line, e.g. from
#   bench/search-queries.py) on each: latency one query at a time (p50/p99 after a warm-up pass, ROUNDS passes)
#   and throughput with THREADS client threads for SECONDS. The node is stopped before the embedded run, so each
#   engine has the machine to itself. Ingest into OpenSearch is timed and printed too (not a fair ingest
#   comparison: one _bulk per document from 16 threads).
#
# Node: the integ-test zip from Maven Central (cached in ${VERITAS_CACHE:-~/.cache/veritas}/opensearch, as
#   bench/opensearch/run.sh does), heap OS_HEAP, run as the system user `opensearch` when started as root.
#
# Usage: bench/opensearch/search.sh POSTS.jsonl QUERIES.txt
#   Knobs: OS_HEAP (2g), ROUNDS (5), THREADS (2), SECONDS (30), OS_VERSION (3.6.0), KEEP=DIR (reuse/keep the
#   embedded data folder DIR), OPENSEARCH_JAVA_HOME.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
POSTS="$(realpath "$1")"; QUERIES="$(realpath "$2")"
OS_HEAP="${OS_HEAP:-2g}"; ROUNDS="${ROUNDS:-5}"; THREADS="${THREADS:-2}"; SECONDS_RUN="${SECONDS:-30}"
OS_VERSION="${OS_VERSION:-3.6.0}"; OS_USER=opensearch
JDK="${OPENSEARCH_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
ZIP="${VERITAS_CACHE:-$HOME/.cache/veritas}/opensearch/opensearch-$OS_VERSION.zip"
say() { printf '[search-bench] %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }
[ -s "$ZIP" ] || (mkdir -p "$(dirname "$ZIP")" && cd "$(dirname "$ZIP")" && mvn -q -B dependency:copy \
  -Dartifact="org.opensearch.distribution.integ-test-zip:opensearch:$OS_VERSION:zip" -DoutputDirectory=.) || die "no $ZIP"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/veritas-search-bench.XXXXXX")"; chmod 755 "$WORK"
NODE="$WORK/node"; OS_HOME="$NODE/opensearch-$OS_VERSION"; NODE_PID=""
stop_node() {
  if [ -n "$NODE_PID" ] && kill -TERM "$NODE_PID" 2>/dev/null; then
    for _ in $(seq 60); do kill -0 "$NODE_PID" 2>/dev/null || break; sleep 1; done
    kill -KILL "$NODE_PID" 2>/dev/null || true
  fi
  NODE_PID=""
}
trap 'stop_node; rm -rf "$WORK"' EXIT
mkdir -p "$NODE/logs" "$NODE/data"; unzip -q "$ZIP" -d "$NODE"
if [ "$(id -u)" -eq 0 ]; then
  id "$OS_USER" >/dev/null 2>&1 || useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$OS_USER"
  chown -R "$OS_USER": "$NODE"; as_node_user() { runuser -u "$OS_USER" -- "$@"; }
else
  as_node_user() { "$@"; }
fi
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
HTTP_PORT="$(port)"; TRANSPORT_PORT="$(port)"; BASE="http://127.0.0.1:$HTTP_PORT"
say "starting OpenSearch $OS_VERSION at $BASE (heap $OS_HEAP)"
(cd "$OS_HOME" && as_node_user env OPENSEARCH_JAVA_HOME="$JDK" JAVA_HOME="$JDK" OPENSEARCH_JAVA_OPTS="-Xms$OS_HEAP -Xmx$OS_HEAP" \
  "$OS_HOME/bin/opensearch" -d -p "$NODE/node.pid" -Ediscovery.type=single-node -Enetwork.host=127.0.0.1 \
  -Ehttp.port="$HTTP_PORT" -Etransport.port="$TRANSPORT_PORT" -Epath.data="$NODE/data" -Epath.logs="$NODE/logs" \
  -Ecluster.routing.allocation.disk.threshold_enabled=false >"$WORK/start.log" 2>&1) || { cat "$WORK/start.log"; die "node did not start"; }
for _ in $(seq 180); do
  [ -z "$NODE_PID" ] && [ -s "$NODE/node.pid" ] && NODE_PID="$(cat "$NODE/node.pid")"
  curl -s --max-time 2 "$BASE/_cluster/health" | grep -q '"status":"\(green\|yellow\)"' && break
  sleep 1
done
curl -s --max-time 2 "$BASE/_cluster/health" | grep -q '"status":"\(green\|yellow\)"' || die "node not healthy"

cd "$REPO"
./veritas --help >/dev/null                       # build once, before anything is timed
OS_DATA="$WORK/os-data"
say "ingesting $POSTS into OpenSearch through Veritas"
t0=$(date +%s.%N)
./veritas ingest --data "$OS_DATA" --backend opensearch --opensearch "$BASE" --opensearch-index posts --vectors later "$POSTS" \
  2>"$WORK/os-ingest.err" | tail -1 || true
say "OpenSearch ingest: $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN{printf "%.0f s", b-a}')"
say "store size: $(curl -s "$BASE/_cat/indices/posts?h=store.size&bytes=mb") MB"
echo "== OpenSearch $OS_VERSION (single node, heap $OS_HEAP), through Veritas's OpenSearch backend"
./veritas bench-search --data "$OS_DATA" --mode lexical --rounds "$ROUNDS" --threads "$THREADS" --seconds "$SECONDS_RUN" "$QUERIES"
stop_node

LUCENE_DATA="${KEEP:-$WORK/lucene-data}"
if [ ! -d "$LUCENE_DATA/index" ]; then
  say "ingesting $POSTS into the embedded index $LUCENE_DATA"
  ./veritas ingest --data "$LUCENE_DATA" --vectors later "$POSTS" 2>/dev/null | tail -1 || true
fi
echo "== Veritas embedded (Lucene)"
./veritas bench-search --data "$LUCENE_DATA" --mode lexical --rounds "$ROUNDS" --threads "$THREADS" --seconds "$SECONDS_RUN" "$QUERIES"
