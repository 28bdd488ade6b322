#!/usr/bin/env bash
# The generated PowerShell scripts, run for real: PowerShell 7 (pwsh) against the RingCentral emulator.
#   1. installs pwsh into .vscode-test/pwsh (git-ignored) when it is missing: `dotnet tool install` of the
#      PowerShell global tool from NuGet (idempotent; seconds when the package is cached). Needs the .NET SDK.
#   2. compiles (tsc) and runs the mocha suite in test/powershell/ (its own config: test/powershell/mocharc.json).
# Ends with `N passed, N failed`. `npm test` does not need pwsh; this is the extra step `npm run test:all` runs.
#
# Usage: bash scripts/test-powershell.sh [mocha args, e.g. --grep 'rate limit']
# Env:   PWSH_VERSION (default 7.6.9: a later 7.7 may want a newer .NET), RC_PWSH (use this pwsh instead),
#        RC_SKIP_BUILD=1 (reuse out/)
set -euo pipefail
cd "$(dirname "$0")/.."
PWSH_VERSION=${PWSH_VERSION:-7.6.9}
TOOLS=$PWD/.vscode-test/pwsh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 POWERSHELL_TELEMETRY_OPTOUT=1 POWERSHELL_UPDATECHECK=Off

if [ -z "${RC_PWSH:-}" ]; then
  have=$("$TOOLS/pwsh" -NoLogo -NoProfile -NonInteractive -Command '$PSVersionTable.PSVersion.ToString()' 2>/dev/null || true)
  if [ "$have" != "$PWSH_VERSION" ]; then
    command -v dotnet >/dev/null || { echo "The .NET SDK (dotnet) is needed to install PowerShell $PWSH_VERSION; install it, or set RC_PWSH to a pwsh." >&2; echo "0 passed, 1 failed"; exit 1; }
    mkdir -p "$TOOLS"
    exec 9> "$TOOLS/.install.lock"; flock 9
    # Another run may have installed it while this one waited for the lock.
    have=$("$TOOLS/pwsh" -NoLogo -NoProfile -NonInteractive -Command '$PSVersionTable.PSVersion.ToString()' 2>/dev/null || true)
    if [ "$have" != "$PWSH_VERSION" ]; then
      if [ -n "$have" ]; then dotnet tool uninstall --tool-path "$TOOLS" PowerShell >/dev/null || true; fi
      echo "--- installing PowerShell $PWSH_VERSION into .vscode-test/pwsh"
      dotnet tool install --tool-path "$TOOLS" PowerShell --version "$PWSH_VERSION"
    fi
    exec 9>&-
  fi
  export RC_PWSH=$TOOLS/pwsh
fi
echo "--- pwsh: $("$RC_PWSH" -NoLogo -NoProfile -NonInteractive -Command '"$($PSVersionTable.PSVersion) $($PSVersionTable.PSEdition) on $($PSVersionTable.OS)"')"

if [ "${RC_SKIP_BUILD:-}" != 1 ]; then npx tsc -p .; fi

set +e
npx mocha --config test/powershell/mocharc.json "$@" 2>&1 | tee "${TMPDIR:-/tmp}/rc-pwsh-tests.$$.log"
rc=${PIPESTATUS[0]}
set -e
log="${TMPDIR:-/tmp}/rc-pwsh-tests.$$.log"
passed=$(grep -Eo '^ *[0-9]+ passing' "$log" | grep -Eo '[0-9]+' | tail -1 || true)
failed=$(grep -Eo '^ *[0-9]+ failing' "$log" | grep -Eo '[0-9]+' | tail -1 || true)
rm -f "$log"
passed=${passed:-0}; failed=${failed:-0}
if [ "$rc" != 0 ] && [ "$failed" = 0 ]; then failed=1; fi
echo "$passed passed, $failed failed"
exit "$rc"
