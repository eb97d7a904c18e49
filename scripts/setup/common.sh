# Shared settings for the setup scripts. Sourced, never run.
set -euo pipefail

PODLING_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# Caches live outside the checkout so that a fresh clone (CI) reuses them.
PODLING_CACHE="${PODLING_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/podling}"
PULUMI_VERSION="${PODLING_PULUMI_VERSION:-3.274.1}"
PODLING_TOOLS="$PODLING_CACHE/pulumi-v$PULUMI_VERSION/bin"

log() { printf '[podling setup] %s\n' "$*" >&2; }
die() { printf '[podling setup] ERROR: %s\n' "$*" >&2; exit 1; }
