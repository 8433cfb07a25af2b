#!/usr/bin/env bash
# Install the built bundle for the current user (no root): ~/.local/opt/jianxun, a `jianxun`
# command in ~/.local/bin, the desktop entry and the icon.
#   packaging/linux/install.sh [BUNDLE_DIR]      (default: dist/jianxun)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bundle=${1:-$here/../../dist/jianxun}
[ -x "$bundle/jianxun" ] || { echo "install: no bundle at $bundle (run packaging/build.sh)" >&2; exit 1; }
target="$HOME/.local/opt/jianxun"
rm -rf "$target"
mkdir -p "$target" "$HOME/.local/bin" "$HOME/.local/share/applications" \
  "$HOME/.local/share/icons/hicolor/256x256/apps"
cp -a "$bundle/." "$target/"
ln -sf "$target/jianxun" "$HOME/.local/bin/jianxun"
cp "$here/jianxun.desktop" "$HOME/.local/share/applications/jianxun.desktop"
icon="$target/_internal/resources/icons/jianxun.png"
[ -f "$icon" ] && cp "$icon" "$HOME/.local/share/icons/hicolor/256x256/apps/jianxun.png"
command -v update-desktop-database >/dev/null && update-desktop-database "$HOME/.local/share/applications" || true
echo "installed: $target (run: jianxun, or find 简讯编审台 in the application menu)"
