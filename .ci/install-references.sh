#!/usr/bin/env bash
# Installs the reference DynamoDB implementations the conformance suite and the benchmark compare against.
# Idempotent: a second run only checks. Never bundled with Tally; used by tests and benchmarks only.
#   dynoxide   npm @dynoxide/linux-x64@1.2.1 (static binary) -> .references/node_modules/@dynoxide/linux-x64/dynoxide
#   moto       moto_server (moto 5.2.1) must be on the PATH (pip install 'moto[server]==5.2.1')
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
references="${root}/.references"
dynoxide_version="1.2.1"
dynoxide="${references}/node_modules/@dynoxide/linux-x64/dynoxide"

installed_version() {
  node -e "console.log(require(process.argv[1]).version)" \
    "${references}/node_modules/@dynoxide/linux-x64/package.json" 2>/dev/null || true
}

if [[ -x "${dynoxide}" && "$(installed_version)" == "${dynoxide_version}" ]]; then
  echo "dynoxide ${dynoxide_version} already installed: ${dynoxide}"
else
  command -v npm >/dev/null || { echo "npm is needed to install dynoxide" >&2; exit 1; }
  mkdir -p "${references}"
  npm install --no-save --no-audit --no-fund --prefix "${references}" "@dynoxide/linux-x64@${dynoxide_version}"
  [[ -x "${dynoxide}" ]] || { echo "npm installed @dynoxide/linux-x64 but ${dynoxide} is missing" >&2; exit 1; }
  echo "dynoxide ${dynoxide_version} installed: ${dynoxide}"
fi
"${dynoxide}" --version

if command -v moto_server >/dev/null; then
  echo "moto_server found: $(command -v moto_server)"
else
  echo "moto_server is not on the PATH: pip install 'moto[server]==5.2.1'" >&2
  exit 1
fi
