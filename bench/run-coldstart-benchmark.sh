#!/usr/bin/env bash
# Tally's cold-start benchmark: every function of template.yaml plus the floor and naive reference
# functions, started cold N times through the local runtime's real containers, then invoked warm;
# without and with the local AOT cache. Prints a table, writes bench/target/coldstart/coldstart.json.
#   bench/run-coldstart-benchmark.sh [--runs 5] [--warm 200] [--no-aot-cache] [--jdk PATH] [--only F1,F2] [--variant NAME=BASE:JAVA_TOOL_OPTIONS]
# The benchmark's own JVM hosts the Runtime API servers; it sets TCP_NODELAY on them
# (-Dsun.net.httpserver.nodelay=true) so warm durations are not padded by the ~40 ms delayed-ACK stall.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
args=(-q -B -DskipTests package -pl api,commands,projections,local/runtime,bench -am)
echo "Building (mvn ${args[*]})..." >&2
mvn -o "${args[@]}" >&2 || mvn "${args[@]}" >&2
exec java -XX:TieredStopAtLevel=1 -Dsun.net.httpserver.nodelay=true \
  -cp "bench/target/tally-bench-0.1.0-SNAPSHOT.jar:$(cat bench/target/classpath.txt)" \
  dev.tally.bench.coldstart.ColdStartBenchmark --root "$ROOT" "$@"
