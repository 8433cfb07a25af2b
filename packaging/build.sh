#!/usr/bin/env bash
# Build the one-folder bundle: dist/jianxun/ (jianxun or jianxun.exe inside).
# On Windows run it from Git Bash, then compile packaging/windows/jianxun.iss with Inno Setup.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
.venv/bin/python -m pip install --quiet "pyinstaller>=6.5"
.venv/bin/python scripts/i18n.py build
.venv/bin/pyinstaller packaging/jianxun.spec --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller
echo "built: dist/jianxun/"
