#!/usr/bin/env bash
# Stops the code-server started by start.sh: its whole process group (the file watcher and extension hosts
# outlive a plain kill of the main process). Safe to call twice or when nothing was started.
. "$(dirname "$0")/env.sh"
[ -f "$RUN/code-server.pid" ] || exit 0
pgid=$(cat "$RUN/code-server.pid")
kill -TERM -- "-$pgid" 2>/dev/null || true
for _ in $(seq 1 40); do pgrep -g "$pgid" >/dev/null || break; sleep 0.25; done
if pgrep -g "$pgid" >/dev/null; then kill -KILL -- "-$pgid" 2>/dev/null || true; sleep 0.25; fi
rm -f "$RUN/code-server.pid"
echo "stopped code-server (process group $pgid)"
