#!/usr/bin/env bash
# Starts stocksync dev on a temporary data directory, creates a load-test client whose limits the
# test will not reach, and runs the Gatling simulation against it. The console summary is kept in
# perf/results/gatling-<time>.txt, the HTML report in perf/results/gatling/ (not committed).
# Usage: perf/gatling/run.sh [rate events/s] [seconds]
set -euo pipefail
cd "$(dirname "$0")/../.."
rate=${1:-200}
seconds=${2:-30}
port=18480
admin_key=gatling-admin-0123456789
mkdir -p perf/results
mvn -q -B -DskipTests package -pl app -am
STOCKSYNC_DEMO_API_KEY=$admin_key java -jar app/target/stocksync.jar dev --ephemeral --port $port \
  > perf/results/gatling-dev.log 2>&1 &
dev=$!
trap 'kill -TERM $dev; wait $dev 2>/dev/null || true' EXIT
for _ in $(seq 120); do
  curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break
  sleep 1
done
auth="Authorization: Bearer $admin_key"
curl -sf -X POST "http://127.0.0.1:$port/v1/admin/clients" -H "$auth" -H 'Content-Type: application/json' \
  -d '{"id":"gatling","class":"wms","scopes":["events:write"],"ratePerSecond":1000000,"burst":1000000}' >/dev/null
key=$(curl -sf -X POST "http://127.0.0.1:$port/v1/admin/clients/gatling/keys" -H "$auth" \
  | sed -E 's/.*"apiKey":"([^"]+)".*/\1/')
mvn -B -f perf/gatling/pom.xml gatling:test -DbaseUrl="http://127.0.0.1:$port" -DapiKey="$key" \
  -Drate="$rate" -Dseconds="$seconds" | sed "s|$PWD/|./|g" | tee "perf/results/gatling-$(date -u +%Y%m%dT%H%M%SZ).txt"
