#!/usr/bin/env bash
# Builds and runs the JMH benchmarks; results land in perf/results/jmh-<date>.json and .txt.
# Usage: perf/run-jmh.sh [JMH options, e.g. SchemaValidation -f 3]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -DskipTests -pl perf -am package
mkdir -p perf/results
stamp=$(date -u +%Y%m%dT%H%M%SZ)
java -jar perf/target/benchmarks.jar -rf json -rff "perf/results/jmh-$stamp.json" "$@" | tee "perf/results/jmh-$stamp.txt"
