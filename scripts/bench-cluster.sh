#!/usr/bin/env bash
# npm run bench:cluster [-- --reps 3]: sets up like the tests (engine, pulumi, images), then measures a
# three-node lab cluster (bench/cluster.ts). Needs root, as scripts/lab-nodes.sh does.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
exec npx ts-node --transpile-only -O '{"module":"commonjs","moduleResolution":"node"}' bench/cluster.ts "$@"
