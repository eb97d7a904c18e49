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

report="$(mktemp)"
trap 'rm -f "$report"' EXIT
status=0
npx jest --runInBand --json --outputFile="$report" "$@" || status=$?
# One closing line in the plain form CI reads, whatever the runner prints above it.
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  console.log(`podling tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed` + (r.numPendingTests ? `, ${r.numPendingTests} skipped` : ""));
' "$report" || true
exit "$status"
