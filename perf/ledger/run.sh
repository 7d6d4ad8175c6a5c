#!/usr/bin/env bash
# Ledger apply rate beside pgbench, in one run on one box: three alternating rounds each, medians
# and their ratios. pgbench runs (1) the very statement the workers send (ledger_apply_event) and
# (2) the plainest event + movement + balance upsert, without locks or count checks: the floor.
# Needs a PostgreSQL on 127.0.0.1:5432 (trust auth, user postgres) and pgbench.
# Usage: perf/ledger/run.sh [seconds] [concurrency]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-20}
concurrency=${2:-8}
db=stocksync_perf_ledger
mvn -q -B -DskipTests -pl perf -am package
psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
mkdir -p perf/results
out=perf/results/ledger-$(date -u +%Y%m%dT%H%M%SZ).txt
pgbench_tps() {
  pgbench -h 127.0.0.1 -U postgres -n -c "$concurrency" -j 2 -T "$seconds" -f "$1" $db 2>/dev/null \
    | grep -E '^tps' | sed -E 's/tps = ([0-9.]+).*/\1/'
}
java_rates=(); fn_rates=(); plain_rates=()
for round in 1 2 3; do
  line=$(java -cp perf/target/benchmarks.jar io.stocksync.perf.LedgerApplyRate 127.0.0.1 5432 $db postgres "$seconds" "$concurrency" | tail -1)
  echo "round $round: $line" | tee -a "$out"
  java_rates+=("$(echo "$line" | sed -E 's/.*= ([0-9]+) events.*/\1/')")
  fn=$(pgbench_tps perf/ledger/apply.sql)
  echo "round $round: pgbench ledger_apply_event: $fn tps (clients $concurrency)" | tee -a "$out"
  fn_rates+=("${fn%.*}")
  plain=$(pgbench_tps perf/ledger/apply-plain.sql)
  echo "round $round: pgbench plain insert+upsert: $plain tps (clients $concurrency)" | tee -a "$out"
  plain_rates+=("${plain%.*}")
done
median() { printf '%s\n' "$@" | sort -n | sed -n 2p; }
j=$(median "${java_rates[@]}"); f=$(median "${fn_rates[@]}"); p=$(median "${plain_rates[@]}")
echo "median: stocksync $j events/s, pgbench same function $f tps, pgbench plain $p tps;" \
  "stocksync/function $(awk "BEGIN{printf \"%.2f\", $j/$f}"), function/plain $(awk "BEGIN{printf \"%.2f\", $f/$p}")" | tee -a "$out"
