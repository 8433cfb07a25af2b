#!/usr/bin/env bash
# Set everything up and run the whole test suite: format, lint, types, import
# boundaries, then pytest (extra arguments go to pytest).
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh
export QT_QPA_PLATFORM=offscreen
.venv/bin/ruff format --check .
.venv/bin/ruff check .
.venv/bin/mypy
.venv/bin/lint-imports --no-cache
.venv/bin/python -m pytest "$@"
