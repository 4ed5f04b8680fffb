#!/usr/bin/env bash
# Starts a throwaway code-server (VS Code 1.100 with a real Node extension host), runs the
# extension's host tests and/or the UI test against it through chromium, then stops it.
#
#   run.sh <extension-dir> <tests-entry.js | -> <workspace-dir> [tests|ui|both]
#
# Called by scripts/test-all.sh (UI test), by code-shim.sh (host tests through
# @vscode/test-electron) and by hand. The workspace is copied first, so tests may change its
# settings and write results without touching the repository. Exit status: 0 when everything
# that ran passed. Environment: VSCODE_HOST_DIR (where setup.sh installed code-server), SHOTS
# (screenshot folder), PANEL_SHOT (extra copy of the panel screenshot), TIMEOUT_MS, VERBOSE
# (browser console), KEEP_RUN_DIR (keep logs and the workspace copy even on success).
set -euo pipefail +m   # no job control: setsid then runs in-process and $! is the group id

if [ $# -lt 3 ]; then
  echo "usage: run.sh <extension-dir> <tests-entry.js | -> <workspace-dir> [tests|ui|both]" >&2
  exit 2
fi
extension_dir="$(realpath "$1")"
tests_entry="$2"
[ "$tests_entry" = - ] || tests_entry="$(realpath "$tests_entry")"
workspace_source="$(realpath "$3")"
mode="${4:-both}"
here="$(cd "$(dirname "$(realpath "$0")")" && pwd)"
code_server="${VSCODE_HOST_DIR:-/opt/vscode-host}/node_modules/.bin/code-server"

if [ ! -x "$code_server" ]; then
  echo "run.sh: $code_server not found; run scripts/vscode-host/setup.sh first" >&2
  exit 2
fi

run_dir="$(mktemp -d "${TMPDIR:-/tmp}/post-vscode-XXXXXX")"
workspace="$run_dir/workspace"
cp -R "$workspace_source" "$workspace"

# User settings that keep the first window quiet and offline: no walkthrough (it would fetch
# remote content), no update or gallery checks, no trust prompt.
mkdir -p "$run_dir/user/User"
cat > "$run_dir/user/User/settings.json" <<'JSON'
{
  "workbench.startupEditor": "none",
  "workbench.enableExperiments": false,
  "workbench.tips.enabled": false,
  "telemetry.telemetryLevel": "off",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "extensions.ignoreRecommendations": true,
  "update.mode": "none",
  "security.workspace.trust.enabled": false,
  "window.restoreWindows": "none"
}
JSON
# Port 0: the kernel picks a free port, read back from the log below.
printf 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n' > "$run_dir/config.yaml"

# The extension host inherits code-server's environment: this is how tests and drivers learn
# where the extension and the workspace copy are.
export EXTENSION_DIR="$extension_dir" WORKSPACE_DIR="$workspace"

# setsid puts the server, its extension hosts and watchers in one process group, so one kill
# below stops them all.
setsid "$code_server" --config "$run_dir/config.yaml" --user-data-dir "$run_dir/user" \
  --extensions-dir "$run_dir/extensions" --disable-telemetry --disable-update-check \
  --disable-workspace-trust --disable-getting-started-override --ignore-last-opened \
  "$workspace" > "$run_dir/code-server.log" 2>&1 &
server_group=$!

status=1
stop_server() {
  kill -TERM -- "-$server_group" 2>/dev/null || true
  for _ in 1 2 3 4 5 6 7 8 9 10; do
    kill -0 -- "-$server_group" 2>/dev/null || break
    sleep 0.2
  done
  kill -KILL -- "-$server_group" 2>/dev/null || true
  if [ "$status" = 0 ] && [ -z "${KEEP_RUN_DIR:-}" ]; then
    rm -rf "$run_dir"
  else
    echo "run.sh: logs and workspace copy kept in $run_dir"
  fi
}
trap stop_server EXIT

port=""
for _ in $(seq 1 150); do
  port="$(sed -n 's#.*HTTP server listening on http://127.0.0.1:\([0-9]*\)/.*#\1#p' \
    "$run_dir/code-server.log" | head -1)"
  if [ -n "$port" ] && node -e "fetch('http://127.0.0.1:$port/healthz')
      .then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"; then
    break
  fi
  port=""
  sleep 0.2
done
if [ -z "$port" ]; then
  cat "$run_dir/code-server.log" >&2
  echo "run.sh: code-server did not start within 30 s" >&2
  exit 1
fi
echo "run.sh: code-server on http://127.0.0.1:$port (workspace $workspace)"

export CODE_SERVER_URL="http://127.0.0.1:$port"

status=0
if [ "$mode" = tests ] || [ "$mode" = both ]; then
  if [ "$tests_entry" = - ]; then
    echo "run.sh: mode '$mode' needs a tests entry" >&2
    status=2
  else
    node "$here/drive-host-tests.js" "$tests_entry" || status=1
  fi
fi
if [ "$mode" = ui ] || [ "$mode" = both ]; then
  node "$here/drive-ui-test.js" || status=1
fi
exit "$status"
