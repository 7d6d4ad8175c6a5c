#!/usr/bin/env bash
# stocksync beside the limits of the box it runs on, measured in one run: R alternating rounds of
#   1. bare Vert.x: a Vert.x HTTP server that only answers 202 (BareHttpMain), driven by Gatling;
#   2. RabbitMQ PerfTest: 1 producer, 1 KB persistent messages, confirms with 1,000 in flight, one
#      classic queue with x-max-priority 10, 1 consumer with manual acks (prefetch 50);
#   3. stocksync `all` (gateway + workers) on the machine's PostgreSQL and RabbitMQ, driven by the
#      same Gatling simulation; after it, the script waits until the ledger holds every accepted
#      event and reports accepted / (last applied - first received) as the end-to-end rate;
#   4. pgbench running the workers' apply statement (perf/ledger/apply.sql) on the same database.
# Gatling runs the closed model (a fixed number of requests in flight, each answer followed at
# once by the next request) against 1 and 3 alike, so both rates are "the most answered per second".
# Prints and keeps every round, the medians and their ratios in perf/results/side-by-side-<time>.txt.
# Needs: PostgreSQL on 127.0.0.1:5432 (trust, user postgres), RabbitMQ on 127.0.0.1:5672 (guest),
# pgbench, psql, curl, and Maven with access to Maven Central once (PerfTest, Gatling).
# Usage: perf/side-by-side.sh [rounds 3] [HTTP seconds 20] [requests in flight 128]
#                             [PerfTest seconds 15] [pgbench seconds 10] [warm-up seconds 10]
# The warm-up runs Gatling once against each HTTP server before round 1 and is not counted.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
http_seconds=${2:-20}
users=${3:-128}
broker_seconds=${4:-15}
pgbench_seconds=${5:-10}
warmup_seconds=${6:-10}
pgbench_clients=8
bare_port=18481
app_port=18482
db=stocksync_perf_side
stamp=$(date -u +%Y%m%dT%H%M%SZ)
namespace=perf-$(echo "$stamp" | tr 'TZ' 'tz')
perftest_queue=stocksync-perftest-$namespace
mkdir -p perf/results
out=perf/results/side-by-side-$stamp.txt
logs=perf/results/side-by-side-$stamp  # raw outputs of each step, not committed
mkdir -p "$logs"
say() { echo "$*" | tee -a "$out"; }

mvn -q -B -DskipTests -pl app,perf -am package
mvn -q -B -f perf/perftest/pom.xml dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
mvn -q -B -f perf/gatling/pom.xml test-compile
perftest_cp=$(cat perf/perftest/target/classpath.txt)

psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
export STOCKSYNC_DB_HOST=127.0.0.1 STOCKSYNC_DB_PORT=5432 STOCKSYNC_DB_NAME=$db STOCKSYNC_DB_USER=postgres \
  STOCKSYNC_BROKER_HOST=127.0.0.1 STOCKSYNC_BROKER_PORT=5672 STOCKSYNC_BROKER_USER=guest \
  STOCKSYNC_BROKER_PASSWORD=guest STOCKSYNC_BROKER_NAMESPACE=$namespace \
  STOCKSYNC_HTTP_HOST=127.0.0.1 STOCKSYNC_HTTP_PORT=$app_port

bare=; app=
cleanup() {
  if [ -n "$bare" ]; then kill -TERM "$bare" 2>/dev/null; wait "$bare" 2>/dev/null || true; fi
  if [ -n "$app" ]; then kill -TERM "$app" 2>/dev/null; wait "$app" 2>/dev/null || true; fi
  java -cp perf/target/benchmarks.jar io.stocksync.perf.BrokerCleanup 127.0.0.1 5672 guest guest "$namespace" \
    >/dev/null 2>&1 || echo "could not delete the broker namespace $namespace" >&2
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
}
trap cleanup EXIT

java -cp perf/target/benchmarks.jar io.stocksync.perf.BareHttpMain $bare_port > "$logs/bare-vertx.log" 2>&1 &
bare=$!
java -jar app/target/stocksync.jar all > "$logs/stocksync-all.log" 2>&1 &
app=$!
wait_ready() {
  for _ in $(seq 120); do
    curl -sf "$1" >/dev/null && return 0
    sleep 1
  done
  echo "not ready: $1" >&2
  return 1
}
wait_ready "http://127.0.0.1:$bare_port/health/ready"
wait_ready "http://127.0.0.1:$app_port/health/ready"

# the first admin key comes from the command line, the load client from the admin API
admin_key=$(java -jar app/target/stocksync.jar clients create perf-admin --scope admin \
  | sed -nE 's/^API key \(shown once\): ([^ ]+).*/\1/p')
auth="Authorization: Bearer $admin_key"
curl -sf -X POST "http://127.0.0.1:$app_port/v1/admin/clients" -H "$auth" -H 'Content-Type: application/json' \
  -d '{"id":"gatling","class":"wms","scopes":["events:write"],"ratePerSecond":1000000,"burst":1000000}' >/dev/null
key=$(curl -sf -X POST "http://127.0.0.1:$app_port/v1/admin/clients/gatling/keys" -H "$auth" \
  | sed -E 's/.*"apiKey":"([^"]+)".*/\1/')

# Gatling's closing summary: field of the OK column (3rd) of a "> label" line, thousands separators removed
gatling_ok() { grep -E "^> $2 " "$1" | head -1 | awk -F'|' '{gsub(/[ ,]/, "", $3); print $3}'; }
gatling_ko() { grep -E "^> request count " "$1" | head -1 | awk -F'|' '{gsub(/[ ,]/, "", $4); print ($4 == "-" ? 0 : $4)}'; }
# answers with status 202 per second of the closed-model run (Gatling's own mean counts whole-second buckets)
per_second() { awk "BEGIN{printf \"%.0f\", ${1/-/0} / $http_seconds}"; }
gatling() {  # base URL, log file[, seconds]
  mvn -o -B -f perf/gatling/pom.xml gatling:test -DbaseUrl="$1" -DapiKey="$key" -Dusers="$users" \
    -Dseconds="${3:-$http_seconds}" -Dp99Ms=60000 > "$2" 2>&1 || true
}
sql() { psql -h 127.0.0.1 -U postgres -d $db -tAqc "$1"; }
wait_applied() {  # until the ledger holds every event accepted so far (at most 300 s)
  local waited=0
  until [ "$(sql "SELECT count(*) FROM inventory_event WHERE source_system = 'gatling'")" -ge "$accepted_total" ]; do
    if [ $waited -ge 300 ]; then say "$1: the ledger did not apply every accepted event within 300 s"; return; fi
    sleep 1; waited=$((waited + 1))
  done
}

say "side-by-side $stamp: $rounds rounds; Gatling closed model, $users requests in flight, ${http_seconds} s;" \
  "PerfTest ${broker_seconds} s; pgbench ${pgbench_seconds} s, $pgbench_clients clients; $(nproc) cores;" \
  "$(java -version 2>&1 | head -1)"
say "load average before the run: $(uptime | sed -E 's/.*load average: //')"
bare_rates=(); broker_pub=(); broker_recv=(); app_rates=(); e2e_rates=(); drain_rates=(); pg_rates=()
accepted_total=0
if [ "$warmup_seconds" -gt 0 ]; then
  gatling "http://127.0.0.1:$bare_port" "$logs/warmup-bare.txt" "$warmup_seconds"
  gatling "http://127.0.0.1:$app_port" "$logs/warmup-stocksync.txt" "$warmup_seconds"
  warm=$(gatling_ok "$logs/warmup-stocksync.txt" "request count")
  accepted_total=$((accepted_total + ${warm/-/0}))
  wait_applied warm-up
  say "warm-up: ${warmup_seconds} s of Gatling against each HTTP server, not counted"
fi
for round in $(seq "$rounds"); do
  log=$logs/round$round
  gatling "http://127.0.0.1:$bare_port" "$log-bare.txt"
  r=$(per_second "$(gatling_ok "$log-bare.txt" "request count")")
  bare_rates+=("$r")
  say "round $round: bare Vert.x: $r answers/s (202); p50 $(gatling_ok "$log-bare.txt" "response time 50th percentile \(ms\)") ms," \
    "p99 $(gatling_ok "$log-bare.txt" "response time 99th percentile \(ms\)") ms; failed $(gatling_ko "$log-bare.txt")"

  java -cp "$perftest_cp" com.rabbitmq.perf.PerfTest -h amqp://guest:guest@127.0.0.1:5672 -x 1 -y 1 -s 1000 \
    -f persistent -c 1000 -q 50 -u "$perftest_queue" -qa x-max-priority=10 -mp priority=5 -z "$broker_seconds" \
    -mf compact > "$log-perftest.txt" 2>&1
  pub=$(sed -nE 's/^sending rate avg: ([0-9]+) msg\/s/\1/p' "$log-perftest.txt")
  recv=$(sed -nE 's/^receiving rate avg: ([0-9]+) msg\/s/\1/p' "$log-perftest.txt")
  broker_pub+=("$pub"); broker_recv+=("$recv")
  say "round $round: RabbitMQ PerfTest: published and confirmed $pub msg/s, consumed $recv msg/s;" \
    "$(grep '^confirm latency' "$log-perftest.txt")"

  since=$(sql "SELECT now()")
  gatling "http://127.0.0.1:$app_port" "$log-stocksync.txt"
  accepted=$(gatling_ok "$log-stocksync.txt" "request count")
  [ "$accepted" = "-" ] && accepted=0
  r=$(per_second "$accepted")
  app_rates+=("$r")
  say "round $round: stocksync all: $accepted accepted = $r accepted/s; p50 $(gatling_ok "$log-stocksync.txt" "response time 50th percentile \(ms\)") ms," \
    "p95 $(gatling_ok "$log-stocksync.txt" "response time 95th percentile \(ms\)") ms," \
    "p99 $(gatling_ok "$log-stocksync.txt" "response time 99th percentile \(ms\)") ms; failed $(gatling_ko "$log-stocksync.txt")"
  accepted_total=$((accepted_total + accepted))
  wait_applied "round $round"
  # the backlog: events applied after the last one was received, while no HTTP load ran
  read -r applied span lag backlog <<<"$(sql "WITH r AS (SELECT * FROM inventory_event
      WHERE source_system = 'gatling' AND received_at >= '$since')
    SELECT count(*), extract(epoch FROM max(applied_at) - min(received_at)),
      extract(epoch FROM max(applied_at) - max(received_at)),
      count(*) FILTER (WHERE applied_at > (SELECT max(received_at) FROM r)) FROM r" | tr '|' ' ')"
  e2e=$(awk "BEGIN{printf \"%.0f\", $applied / $span}")
  e2e_rates+=("$e2e")
  drain=$(awk "BEGIN{printf \"%.0f\", ($lag > 0 ? $backlog / $lag : 0)}")
  drain_rates+=("$drain")
  say "round $round: stocksync end to end: $applied applied in $(printf '%.1f' "$span") s from the first received" \
    "to the last applied = $e2e applied/s; the last applied $(printf '%.1f' "$lag") s after the last received" \
    "($backlog applied after it: $drain/s without HTTP load); quarantined $(sql "SELECT count(*) FROM quarantined_event"), failed $(sql "SELECT count(*) FROM failed_event")"

  tps=$(pgbench -h 127.0.0.1 -U postgres -n -c $pgbench_clients -j 2 -T "$pgbench_seconds" -f perf/ledger/apply.sql $db 2>/dev/null \
    | sed -nE 's/^tps = ([0-9.]+).*/\1/p')
  pg_rates+=("${tps%.*}")
  say "round $round: pgbench ledger_apply_event: ${tps%.*} tps ($pgbench_clients clients)"
done

median() { printf '%s\n' "$@" | sort -n | awk '{v[NR]=$1} END{print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }
ratio() { awk "BEGIN{printf \"%.2f\", $1/$2}"; }
b=$(median "${bare_rates[@]}"); p=$(median "${broker_pub[@]}"); c=$(median "${broker_recv[@]}")
s=$(median "${app_rates[@]}"); e=$(median "${e2e_rates[@]}"); g=$(median "${pg_rates[@]}")
d=$(median "${drain_rates[@]}")
say "median: bare Vert.x $b answers/s; PerfTest $p published/s, $c consumed/s; stocksync $s accepted/s," \
  "$e applied/s end to end, backlog applied at $d/s; pgbench ledger_apply_event $g tps"
say "ratios: stocksync accepted / bare Vert.x $(ratio "$s" "$b"); stocksync accepted / PerfTest published $(ratio "$s" "$p");" \
  "end-to-end applied / pgbench ledger_apply_event $(ratio "$e" "$g"); backlog applied / pgbench $(ratio "$d" "$g")"
latest=$(ls perf/results/ledger-*.txt 2>/dev/null | sort | tail -1 || true)
[ -n "$latest" ] && say "for reference, the latest perf/ledger/run.sh ($(basename "$latest")): $(tail -1 "$latest")"
say "the run took $((SECONDS / 60)) min $((SECONDS % 60)) s"
exit 0
