#!/usr/bin/env bash
# npm run bench [-- --n 10,50,100 --reps 3 --tools podling,floor,dockerode,compose,podman,pulumi-docker]
# Sets up like the tests (engine, pulumi, images), installs the peers and gnuplot, then runs the comparison.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
need=()
for pkg in docker-compose podman catatonit gnuplot-nox; do dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg"); done
if [ "${#need[@]}" -gt 0 ]; then
  echo "[podling bench] installing ${need[*]}"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
exec npx ts-node --transpile-only -O '{"module":"commonjs","moduleResolution":"node"}' bench/compare/run.ts "$@"
