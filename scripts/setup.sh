#!/usr/bin/env bash
# Set up everything the app and its tests need, idempotently:
#   - Debian packages listed in packaging/apt-packages.txt (when run as root with apt-get),
#   - a virtual environment in .venv with the app installed (editable) and the test tools.
# Re-running is cheap: nothing is reinstalled unless pyproject.toml or the package list changed.
set -euo pipefail
cd "$(dirname "$0")/.."

python=${PYTHON:-}
if [ -z "$python" ]; then
  for candidate in python3.13 python3.12 python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
      "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      python=$candidate
      break
    fi
  done
fi
if [ -z "$python" ]; then
  echo "setup: Python 3.11 or newer is needed (set PYTHON=/path/to/python3)" >&2
  exit 1
fi

# System packages (fonts, LibreOffice, poppler, Qt's runtime libraries) for the tests.
missing=""
for p in $(grep -v '^[[:space:]]*#' packaging/apt-packages.txt 2>/dev/null || true); do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing Debian packages:$missing"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
  else
    echo "setup: these Debian packages are needed (install them as root):$missing" >&2
  fi
fi

if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
stamp=.venv/.setup-stamp
want=$(cat pyproject.toml packaging/apt-packages.txt 2>/dev/null | sha256sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e '.[test]'
  echo "$want" >"$stamp"
fi
# The interface's translations: .ts (committed) -> .qm (built, never committed).
.venv/bin/python scripts/i18n.py build
