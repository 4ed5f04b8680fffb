#!/usr/bin/env bash
# Installs, once, what the editor tests need: code-server (VS Code's server with a real Node
# extension host) into $VSCODE_HOST_DIR and Debian's chromium as the browser that drives it.
# Called by scripts/test-all.sh before the host and UI tests; safe to call again (it returns at
# once when the pinned version is already there). Needs only the Debian and npm registries.
set -euo pipefail

# 4.100.3 is VS Code 1.100.3: the newest code-server that runs on Node 20 (later ones need 22+).
CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.100.3}"
VSCODE_HOST_DIR="${VSCODE_HOST_DIR:-/opt/vscode-host}"
code_server="$VSCODE_HOST_DIR/node_modules/.bin/code-server"

installed_version() {
  # --config keeps code-server from writing ~/.config/code-server/config.yaml.
  "$code_server" --config /dev/null --version 2>/dev/null | awk '{ print $1; exit }'
}

if [ -x "$code_server" ] && [ "$(installed_version)" = "$CODE_SERVER_VERSION" ] \
  && [ -x /usr/bin/chromium ]; then
  echo "vscode-host: code-server $CODE_SERVER_VERSION and chromium already installed"
  exit 0
fi

# System packages: kerberos headers for code-server's kerberos addon, rg to seed
# @vscode/ripgrep, chromium as the client, and a compiler for the native addons.
sudo_if_needed=()
[ "$(id -u)" = 0 ] || sudo_if_needed=(sudo)
missing=()
for pkg in libkrb5-dev ripgrep chromium g++ make python3; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "vscode-host: installing ${missing[*]}"
  # dpkg is chatty even with -qq: keep its output in a log and show it only on failure.
  apt_log="$(mktemp)"
  if ! { "${sudo_if_needed[@]}" apt-get update -qq \
    && "${sudo_if_needed[@]}" env DEBIAN_FRONTEND=noninteractive \
      apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}"
  } > "$apt_log" 2>&1; then
    cat "$apt_log" >&2
    echo "vscode-host: apt-get failed (output above)" >&2
    exit 1
  fi
  rm -f "$apt_log"
fi

# @vscode/ripgrep's postinstall downloads rg from GitHub unless it finds this cached archive;
# Debian's rg 13 stands in for it. The folder name follows the @vscode/ripgrep version that
# code-server 4.100.3 pins.
ripgrep_cache="${TMPDIR:-/tmp}/vscode-ripgrep-cache-1.15.11"
mkdir -p "$ripgrep_cache"
tar czf "$ripgrep_cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" \
  -C "$(dirname "$(command -v rg)")" rg

# code-server's postinstall builds native addons with node-gyp against the system Node headers.
# Limitation: those headers come with the nodejs package (/usr/include/node); a Node without
# them makes node-gyp download headers from nodejs.org, which fails offline.
# npm_config_yes lets node-pty's `npx node-gyp` run without a TTY; code-server's postinstall
# refuses to run as root unless unsafe-perm is set.
mkdir -p "$VSCODE_HOST_DIR"
cd "$VSCODE_HOST_DIR"
[ -f package.json ] || printf '{ "name": "vscode-host", "private": true }\n' > package.json
npm_config_yes=true npm_config_unsafe_perm=true \
  npm install --no-audit --no-fund "code-server@$CODE_SERVER_VERSION"

echo "vscode-host: code-server $(installed_version) installed in $VSCODE_HOST_DIR"
