#!/usr/bin/env bash
# Formats the whole reactor and runs the lint, as `mvn verify` checks them (ADR 0164).
#
#   build/format-and-lint.sh            # format in place (spotless:apply), then lint (checkstyle:check)
#   build/format-and-lint.sh --check    # change nothing: spotless:check, then checkstyle:check
#
# Extra arguments go to Maven (e.g. `-o` offline, `-pl common`). The lint never rewrites files:
# fix what it reports by hand (unused or same-package imports, empty blocks, a missing default, ...).
set -euo pipefail
cd "$(dirname "$0")/.."

format_goal=spotless:apply
if [[ "${1:-}" == "--check" ]]; then
    format_goal=spotless:check
    shift
fi

start=$(date +%s)
mvn -B -q "$@" "$format_goal"
formatted=$(date +%s)
mvn -B -q -fae "$@" checkstyle:check
linted=$(date +%s)

echo "format ($format_goal): $((formatted - start)) s; lint (checkstyle:check): $((linted - formatted)) s"
if [[ "$format_goal" == spotless:apply ]] && command -v git >/dev/null && git rev-parse --git-dir >/dev/null 2>&1; then
    echo "files changed by the formatter (git, tracked): $(git diff --name-only -- '*.java' | wc -l)"
fi
