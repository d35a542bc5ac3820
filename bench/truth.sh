#!/usr/bin/env bash
# The truth-engine benchmarks of BENCHMARKS.md ("Truth engine (issue 12)"), one after another, each command echoed
# before its output. Data: ../shared/bench/truth (research-only, never copied here), or DATA=DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA="${DATA:-../shared/bench/truth}"
run() { echo "\$ ./veritas bench truth $*"; ./veritas bench truth --data-dir "$DATA" "$@"; echo; }
for m in engine vote; do
  run --dataset flight --snapshot 2011-12-08 --method $m
  run --dataset flight --snapshot 2011-12-08 --without-gold-sources --method $m
  run --dataset flight --snapshot all --method $m
  run --dataset flight --snapshot all --without-gold-sources --method $m
  run --dataset book --method $m
  run --dataset population --method $m
done
# Order and threads must not matter.
run --dataset flight --snapshot 2011-12-08 --shuffle --seed 42 --threads 2
run --dataset book --shuffle --seed 42
run --dataset population --shuffle --seed 42
# Precision against the number of sources: random subsets, fixed seed.
for d in "flight --snapshot 2011-12-08" book population; do
  for p in 25 50 75; do
    for m in engine vote; do run --dataset $d --sources $p --seed 1 --method $m; done
  done
done
# One engine over the whole month (needs a large heap).
VERITAS_JAVA_OPTS="${VERITAS_JAVA_OPTS:--Xmx14g}" run --dataset flight --snapshot all --pooled
