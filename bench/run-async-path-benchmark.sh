#!/usr/bin/env bash
# The asynchronous half of the pipeline alone (issue 11, ADR 0117): commands sent straight to commands.fifo,
# open loop, summaries read from DynamoDB; reports send->summary lags and the drain rate.
#   bench/run-async-path-benchmark.sh --rate 100 --seconds 30 [--users 20] [--poll-ms 10] [--port 4200] [--out FILE]
# Starts ./tally local --fresh on bench/target/async-data (log bench/target/async-stack.log) and stops it after.
# TALLY_LOCAL_ARGS adds options to ./tally local.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "${root}"

port=3000 args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port="$2"; shift 2 ;;
    --rate|--seconds|--users|--poll-ms|--out) args+=("$1" "$2"); shift 2 ;;
    *) echo "unknown option $1 (see the header of $0)" >&2; exit 2 ;;
  esac
done

[ -e bench/target/classpath.txt ] || mvn -o -q -B -DskipTests package -pl bench -am >&2

stack_pid=""
stop_stack() {
  if [ -n "${stack_pid}" ] && kill -0 "${stack_pid}" 2>/dev/null; then
    kill -TERM "${stack_pid}" 2>/dev/null || true
    wait "${stack_pid}" 2>/dev/null || true
  fi
}
trap stop_stack EXIT

mkdir -p bench/target
log=bench/target/async-stack.log
# shellcheck disable=SC2086
./tally local --port "${port}" --data-dir bench/target/async-data --fresh ${TALLY_LOCAL_ARGS:-} >"${log}" 2>&1 &
stack_pid=$!
for _ in $(seq 1 900); do
  grep -q "^SQS on" "${log}" && break
  kill -0 "${stack_pid}" 2>/dev/null || { echo "tally local exited; see ${log}" >&2; exit 1; }
  sleep 0.5
done
dynamodb="$(sed -n 's/^DynamoDB on //p' "${log}" | head -1)"
sqs="$(sed -n 's/^SQS on //p' "${log}" | head -1)"
[ -n "${sqs}" ] || { echo "tally local did not start; see ${log}" >&2; exit 1; }

java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" dev.tally.bench.async.AsyncPathBenchmark \
  --dynamodb "${dynamodb}" --sqs "${sqs}" "${args[@]}"
