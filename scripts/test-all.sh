#!/usr/bin/env bash
# What `npm test` runs: compile, the unit tests (mocha in Node), the editor setup (idempotent:
# code-server and chromium, see scripts/vscode-host/setup.sh), the host tests inside a real
# VS Code extension host (npm run test:host) and the UI test in a real browser
# (npm run test:ui). Every stage runs even when an earlier one failed, so one report shows
# everything; the last line sums them as "N passed, N failed" and the exit status is non-zero
# on any failure. A stage that fails without counting its tests (a crash, a compile error, a
# failed install) counts as one failure.
set -uo pipefail
cd "$(dirname "$0")/.."

logs="$(mktemp -d "${TMPDIR:-/tmp}/post-test-all-XXXXXX")"
total_passed=0
total_failed=0
summary=()

# Runs one stage, shows its output as it comes, and reads its counts from the log:
# "N passed, N failed" (the editor tests' closing line) or mocha's "N passing" / "N failing".
run_stage() {
  local name="$1"
  shift
  echo
  echo "=== $name: $*"
  "$@" 2>&1 | tee "$logs/$name.log"
  local status=${PIPESTATUS[0]}

  local passed failed closing
  closing="$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$logs/$name.log" | tail -1)"
  if [ -n "$closing" ]; then
    passed="${closing%% passed*}"
    failed="$(sed -E 's/.* ([0-9]+) failed$/\1/' <<< "$closing")"
  else
    passed="$(sed -nE 's/^ *([0-9]+) passing.*/\1/p' "$logs/$name.log" | tail -1)"
    failed="$(sed -nE 's/^ *([0-9]+) failing.*/\1/p' "$logs/$name.log" | tail -1)"
  fi
  passed="${passed:-0}"
  failed="${failed:-0}"
  if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
    failed=1
    echo "=== $name exited with status $status without a failing test: counted as one failure"
  fi

  total_passed=$((total_passed + passed))
  total_failed=$((total_failed + failed))
  summary+=("$(printf '%-8s %4d passed, %d failed' "$name" "$passed" "$failed")")
  return "$status"
}

run_stage compile npm run compile --silent
run_stage unit npm run test:unit --silent
if run_stage setup bash scripts/vscode-host/setup.sh; then
  run_stage host npm run test:host --silent
  run_stage ui npm run test:ui --silent
else
  echo "=== the editor tests need code-server and chromium; host and UI tests not run"
fi

echo
printf '%s\n' "${summary[@]}"
rm -rf "$logs"
echo "$total_passed passed, $total_failed failed"
[ "$total_failed" -eq 0 ]
