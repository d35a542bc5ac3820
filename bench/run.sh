#!/usr/bin/env bash
# Runs the Veritas benchmark three times over the samples and over ../shared/corpus and prints every run,
# then the median of each figure. Usage: bench/run.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
./veritas --version >/dev/null   # build once before timing anything
for target in samples ../shared/corpus; do
  [ -e "$target" ] || { echo "skip $target (absent)"; continue; }
  echo "== $target"
  out="$(mktemp)"
  for i in $(seq "$runs"); do
    ./veritas bench --rounds 100 "$target" | grep -E '^(ingest|ask):' | tee -a "$out"
  done
  awk '
    /^ingest:/ { for (i = 1; i <= NF; i++) { if ($i == "documents/s,") d[++nd] = $(i-1); if ($i == "MB/s,") m[++nm] = $(i-1) } }
    /^ask:/    { for (i = 1; i <= NF; i++) { if ($i == "p50") p[++np] = $(i+1); if ($i == "p99") q[++nq] = $(i+1) } }
    function median(a, n,   i, j, t) { for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
                                       return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
    END { printf "median of %d runs: %.0f documents/s, %.2f MB/s; ask p50 %.2f ms, p99 %.2f ms\n", nd, median(d, nd), median(m, nm), median(p, np), median(q, nq) }
  ' "$out"
  rm -f "$out"
done
