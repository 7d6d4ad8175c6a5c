#!/usr/bin/env bash
# Ledger apply rate beside pgbench running the same statement shape, in one run on one box:
# three alternating rounds each, medians and their ratio. Needs a PostgreSQL on 127.0.0.1:5432
# (trust auth, user postgres) and pgbench. Usage: perf/ledger/run.sh [seconds] [concurrency]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-20}
concurrency=${2:-8}
db=stocksync_perf_ledger
mvn -q -B -DskipTests -pl perf -am package
psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
mkdir -p perf/results
out=perf/results/ledger-$(date -u +%Y%m%dT%H%M%SZ).txt
java_rates=(); pg_rates=()
for round in 1 2 3; do
  line=$(java -cp perf/target/benchmarks.jar io.stocksync.perf.LedgerApplyRate 127.0.0.1 5432 $db postgres "$seconds" "$concurrency" | tail -1)
  echo "round $round: $line" | tee -a "$out"
  java_rates+=("$(echo "$line" | sed -E 's/.*= ([0-9]+) events.*/\1/')")
  pg=$(pgbench -h 127.0.0.1 -U postgres -n -c "$concurrency" -j 2 -T "$seconds" -f perf/ledger/apply.sql $db 2>/dev/null \
    | grep -E '^tps' | sed -E 's/tps = ([0-9.]+).*/\1/')
  echo "round $round: pgbench same statement: $pg tps (clients $concurrency)" | tee -a "$out"
  pg_rates+=("${pg%.*}")
done
median() { printf '%s\n' "$@" | sort -n | sed -n 2p; }
j=$(median "${java_rates[@]}"); p=$(median "${pg_rates[@]}")
echo "median: stocksync $j events/s, pgbench $p tps, ratio $(awk "BEGIN{printf \"%.2f\", $j/$p}")" | tee -a "$out"
