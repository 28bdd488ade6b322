#!/usr/bin/env bash
# Installs this repository's extension (built: dist/) into the throwaway extensions folder $RUN/extensions,
# BEFORE start.sh starts the server. Needed where the URL payload is not honoured (a server started without
# --vscode-option enable-smoke-test-driver, as the UI tests use so that notification toasts show).
# Run from the repository root. Modes (RC_UI_INSTALL):
#   vsix  `vsce package` honouring the project's .vscodeignore, then code-server --install-extension:
#         what users get. Default when .vscodeignore exists.
#   copy  copies package.json, dist/, media/ and the docs into $RUN/extensions/<publisher>.<name>-<version>;
#         code-server registers it on first start. Default otherwise (without a .vscodeignore vsce would pack
#         the whole working tree, .vscode-test/ included).
set -euo pipefail
. "$(dirname "$0")/env.sh"
mode=${RC_UI_INSTALL:-$([ -f .vscodeignore ] && echo vsix || echo copy)}
id_ver=$(node -p "const p=require('./package.json'); p.publisher + '.' + p.name + '-' + p.version")
mkdir -p "$RUN/extensions" "$RUN/user-data"
case "$mode" in
  vsix)
    [ -f .vscodeignore ] || { echo "vsix mode needs a .vscodeignore (else vsce packs .vscode-test/ and more)" >&2; exit 1; }
    npx --no-install vsce package --allow-missing-repository --skip-license --allow-star-activation --no-rewrite-relative-links \
      -o "$RUN/extension.vsix"
    "${CS[@]}" --user-data-dir "$RUN/user-data" --extensions-dir "$RUN/extensions" \
      --install-extension "$RUN/extension.vsix" < /dev/null
    ;;
  copy)
    dest=$RUN/extensions/$id_ver
    rm -rf "$dest"; mkdir -p "$dest"
    for f in package.json package.nls*.json dist media resources README.md CHANGELOG.md LICENSE*; do
      [ -e "$f" ] && cp -r "$f" "$dest/"
    done
    echo "copied the extension to $dest"
    ;;
  *) echo "RC_UI_INSTALL must be vsix or copy, not '$mode'" >&2; exit 1 ;;
esac
