#!/usr/bin/env bash
# The end-to-end pipeline benchmark (issue 11): offers commands at a fixed rate, open loop, to Tally's HTTP API
# and reports accepted/s, applied/s, accept->APPLIED and accept->summary lags, errors, lost and wrong summaries.
#   bench/run-pipeline-benchmark.sh --rate 100 --seconds 30            # starts ./tally local (fresh data) and stops it after
#   bench/run-pipeline-benchmark.sh --api http://127.0.0.1:3000 ...    # targets a running stack
# Options: --rate N (commands/s offered), --seconds N, --users N (20), --port N (3000, for the stack it starts),
#   --status-every N (poll every Nth command's status; default rate/50), --summary-poll-ms N (50),
#   --summary-users N (users whose summary is polled during the run, for the summary lag; 5), --drain N (60 s),
#   --drain-reads all|oldest (all: every open command's status on its backoff schedule; oldest: each user's oldest
#   open one, then the next; fewer reads, no lags measured in the drain),
#   --out FILE (bench/target/pipeline-<rate>x<seconds>.json). TALLY_LOCAL_ARGS adds options to ./tally local.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "${root}"

api="" port=3000 rate=100 seconds=30 out="" args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --api) api="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    --rate) rate="$2"; args+=("$1" "$2"); shift 2 ;;
    --seconds) seconds="$2"; args+=("$1" "$2"); shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --users|--status-every|--summary-poll-ms|--summary-users|--drain|--drain-reads) args+=("$1" "$2"); shift 2 ;;
    *) echo "unknown option $1 (see the header of $0)" >&2; exit 2 ;;
  esac
done
out="${out:-bench/target/pipeline-${rate}x${seconds}.json}"

mvn -o -q -B -DskipTests package -pl bench -am >&2   # bench/target/classpath.txt comes with the package phase

stack_pid=""
stop_stack() {
  if [ -n "${stack_pid}" ] && kill -0 "${stack_pid}" 2>/dev/null; then
    kill -TERM "${stack_pid}" 2>/dev/null || true
    wait "${stack_pid}" 2>/dev/null || true
  fi
}
trap stop_stack EXIT

if [ -z "${api}" ]; then
  mkdir -p bench/target
  log=bench/target/pipeline-stack.log
  # shellcheck disable=SC2086
  ./tally local --port "${port}" --data-dir bench/target/pipeline-data --fresh ${TALLY_LOCAL_ARGS:-} >"${log}" 2>&1 &
  stack_pid=$!
  for _ in $(seq 1 600); do
    grep -q "Tally is ready" "${log}" && break
    kill -0 "${stack_pid}" 2>/dev/null || { echo "tally local exited; see ${log}" >&2; exit 1; }
    sleep 0.5
  done
  grep -q "Tally is ready" "${log}" || { echo "tally local did not start in 300 s; see ${log}" >&2; exit 1; }
  api="http://127.0.0.1:${port}"
  args+=(--stack-pid "${stack_pid}")   # CPU per command of the stack's processes (tally local execs the runtime's JVM)
fi

java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" dev.tally.bench.pipeline.PipelineBenchmark \
  --api "${api}" --out "${out}" "${args[@]}"
