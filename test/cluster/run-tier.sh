#!/usr/bin/env bash
# The cluster tier: build if needed, start the test control plane, run the live tests
# inside its network namespace, and take it down whatever happens (also on Ctrl-C or a
# timeout); then check that it left nothing behind. Prints vitest's own summary; the
# JSON results go to test-results-cluster.json.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/../.."
trap 'bash "$here/down.sh"' EXIT
trap 'exit 130' INT TERM
start=$(date +%s)
bash "$here/up.sh" || { echo "cluster tier: the control plane did not start" >&2; exit 1; }
echo "cluster tier: up in $(( $(date +%s) - start )) s"
bash "$here/exec.sh" npx vitest run --config vitest.cluster.config.ts \
  --reporter=default --reporter=json --outputFile.json=test-results-cluster.json "$@"
status=$?
trap - EXIT
bash "$here/down.sh" || status=1
bash "$here/left-behind.sh" || status=1
exit $status
