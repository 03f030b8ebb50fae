#!/usr/bin/env bash
# Builds what the benchmark needs (no tests, including the standalone jar of local/dynamodb) and runs it; options go
# to DynamoDbBenchmark, e.g. --seconds 5 --client sdk,raw --servers tally,tally-process,moto,dynoxide.
# Needs the reference servers: .ci/install-references.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "${root}"
mvn -q -B -pl bench -am package dependency:build-classpath -DskipTests -Dmdep.outputFile=target/classpath.txt
exec java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" dev.tally.bench.dynamodb.DynamoDbBenchmark \
  --out bench/target/dynamodb-benchmark.md "$@"
