#!/usr/bin/env bash
# One idempotent setup for both README commands: a Docker engine, the pulumi CLI, npm dependencies, the
# compiled package, and the local images. Source it to get PATH set; run it to just prepare the machine.
_podling_setup() {
  local here; here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
  # shellcheck source=setup/common.sh
  source "$here/setup/common.sh"
  command -v node >/dev/null || die "Node.js 20 or newer is required (none on PATH)"
  [ "$(node -p 'process.versions.node.split(".")[0]')" -ge 20 ] || die "Node.js 20 or newer is required (found $(node --version))"

  bash "$here/setup/docker-engine.sh"
  local tools; tools="$(bash "$here/setup/pulumi-cli.sh")"
  [ -n "$tools" ] && export PATH="$tools:$PATH"

  cd "$PODLING_ROOT"
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    log "installing npm dependencies"
    npm ci --no-audit --no-fund --loglevel=error >&2
  fi
  node scripts/link-self.js
  log "compiling the podling package"
  npm run --silent build >&2
  bash "$here/setup/images.sh"
  export PULUMI_SKIP_UPDATE_CHECK=true
  log "ready: $(docker version --format 'Docker {{.Server.Version}}'), pulumi $(pulumi version), node $(node --version)"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  _podling_setup
else
  # Sourced: keep the caller's shell options, but stop the caller if setup fails.
  (set -euo pipefail; _podling_setup) || { echo "[podling setup] failed" >&2; exit 1; }
  PATH="${PODLING_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/podling}/pulumi-v${PODLING_PULUMI_VERSION:-3.274.1}/bin:$PATH"
  export PATH PULUMI_SKIP_UPDATE_CHECK=true
fi
