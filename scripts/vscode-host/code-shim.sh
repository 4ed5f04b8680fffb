#!/usr/bin/env bash
# A stand-in "VS Code executable" for @vscode/test-electron: runTests({ vscodeExecutablePath })
# starts it with desktop VS Code's command line; this reads the extension, the test entry and
# the folder to open from that command line and runs the same tests in code-server through
# run.sh. Used by test/integration/runTest.ts. Flags a desktop build would need (--no-sandbox,
# --user-data-dir=..., --disable-updates, ...) mean nothing here and are dropped.
set -euo pipefail

here="$(cd "$(dirname "$(realpath "$0")")" && pwd)"
extension_dir=""
tests_entry=""
folder=""
for arg in "$@"; do
  case "$arg" in
    --extensionDevelopmentPath=*) extension_dir="${arg#*=}" ;;
    --extensionTestsPath=*) tests_entry="${arg#*=}" ;;
    -*) ;;
    *) [ -n "$folder" ] || folder="$arg" ;;
  esac
done

if [ -z "$extension_dir" ] || [ -z "$tests_entry" ]; then
  echo "code-shim.sh: needs --extensionDevelopmentPath= and --extensionTestsPath=" >&2
  exit 2
fi
# Desktop VS Code opens an empty window without a folder; code-server needs one.
[ -n "$folder" ] || folder="$(mktemp -d)"
exec bash "$here/run.sh" "$extension_dir" "$tests_entry" "$folder" tests
