#!/usr/bin/env bash
# README command 2: every test. Unit tests, integration tests against the real Docker engine, and
# end-to-end tests that drive the real pulumi CLI. Setup installs what is missing; nothing is skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

echo "== type check"
npx tsc --noEmit -p tsconfig.json

# ESLint (typescript-eslint and the architecture's import rules) and Prettier's check; see eslint.config.js.
echo "== lint"
npm run --silent lint

# The Go tools' tests (podling-init's and the node agent's contracts with the provider, the agent's
# decisions); a failure ends the run here, as a type error does.
echo "== go test"
(cd tools && go vet ./... && go test ./...)

# Two lanes side by side: the root engine's suites (integration, e2e) in one, run in band because they
# restart and fill that engine; the pure suite and the lab's cluster suites, which use engines of their
# own, in the other. Arguments (a path, -t NAME) run one jest over every suite instead.
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
status=0
if [ "$#" -gt 0 ]; then
  npx jest --runInBand --json --outputFile="$work/all.json" "$@" || status=$?
else
  echo "== jest: unit and cluster suites in a second lane; their output follows the root engine's"
  npx jest --runInBand --json --outputFile="$work/lab.json" --selectProjects unit cluster >"$work/lab.log" 2>&1 &
  lab_lane=$!
  npx jest --runInBand --json --outputFile="$work/root.json" --selectProjects integration e2e || status=$?
  wait "$lab_lane" || status=$?
  echo "== jest, second lane: unit and cluster suites"
  cat "$work/lab.log"
fi
# One closing line in the plain form CI reads, whatever the runner prints above it.
node -e '
  const fs = require("fs");
  const reports = process.argv.slice(1).filter((f) => fs.existsSync(f)).map((f) => JSON.parse(fs.readFileSync(f, "utf8")));
  const sum = (key) => reports.reduce((n, r) => n + r[key], 0);
  const skipped = sum("numPendingTests");
  console.log(`podling tests: ${sum("numPassedTests")} passed, ${sum("numFailedTests")} failed` + (skipped ? `, ${skipped} skipped` : ""));
' "$work"/*.json || true
exit "$status"
