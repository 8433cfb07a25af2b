#!/usr/bin/env bash
# Set everything up and run jianxun. With no arguments: open the review desk (the main window)
# on the default inbox and data directory; any arguments go to jianxun (e.g. ./run.sh parse FILE).
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh
exec .venv/bin/jianxun "$@"
