#!/usr/bin/env bash
# Stops the code-server started by start.sh: its whole process group (watchers and extension hosts outlive a plain kill).
. "$(dirname "$0")/env.sh"
[ -f "$RUN/code-server.pid" ] || exit 0
pgid=$(cat "$RUN/code-server.pid")
kill -TERM -- "-$pgid" 2>/dev/null || true
for _ in $(seq 1 40); do pgrep -g "$pgid" >/dev/null || break; sleep 0.25; done
pgrep -g "$pgid" >/dev/null && kill -KILL -- "-$pgid" 2>/dev/null
rm -f "$RUN/code-server.pid"
