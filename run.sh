#!/usr/bin/env bash
# Set everything up and run jianxun. With no arguments: parse the bundled sample bulletin.
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh
if [ $# -eq 0 ]; then
  set -- parse resources/samples/sample-bulletin.txt --pretty
fi
exec .venv/bin/jianxun "$@"
