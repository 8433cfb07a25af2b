#!/usr/bin/env bash
# Run the built bundle from its folder, with no network at all (a fresh network namespace):
# --version, parse and export on the bundled sample, OCR of a scanned page, and --self-test
# offscreen.
set -euo pipefail
cd "$(dirname "$0")/.."
bundle=dist/jianxun/jianxun
[ -x "$bundle" ] || { echo "check_bundle: $bundle is missing (run packaging/build.sh)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sample=dist/jianxun/_internal/resources/samples/sample-bulletin.txt
[ -f "$sample" ] || sample=resources/samples/sample-bulletin.txt

offline() {
  if [ "$(id -u)" = 0 ] && command -v unshare >/dev/null 2>&1; then
    unshare --net -- "$@"
  else
    echo "check_bundle: not root, running without a network namespace" >&2
    "$@"
  fi
}
# Prove the namespace really has no network before trusting the run.
if [ "$(id -u)" = 0 ] && command -v unshare >/dev/null 2>&1; then
  if unshare --net -- python3 -c "import socket; socket.create_connection(('1.1.1.1', 53), timeout=3)" 2>/dev/null; then
    echo "check_bundle: the namespace still reaches the network" >&2; exit 1
  fi
fi

export QT_QPA_PLATFORM=offscreen HOME="$work/home" JIANXUN_DATA_DIR="$work/data"
mkdir -p "$HOME"
offline "$bundle" --version
offline "$bundle" parse "$sample" > "$work/parsed.json"
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert d['masthead']['name'], d" "$work/parsed.json"
offline "$bundle" export "$sample" -o "$work/out.docx"
python3 -c "import zipfile,sys; assert zipfile.ZipFile(sys.argv[1]).testzip() is None" "$work/out.docx"
# A scan: the bulletin printed by LibreOffice, its first page rasterised in grey by poppler,
# read by the bundled OCR (its worker is the bundled program started again).
if command -v pdftoppm >/dev/null 2>&1 && command -v soffice >/dev/null 2>&1; then
  offline "$bundle" export "$sample" -o "$work/printed.docx" --pdf
  pdftoppm -r 200 -gray -png -f 1 -l 1 -singlefile "$work/printed.pdf" "$work/scan"
  offline "$bundle" parse "$work/scan.png" > "$work/scan.json"
  python3 -c "
import json, sys
scan, text = (json.load(open(p, encoding='utf-8')) for p in sys.argv[1:])
assert scan['masthead']['name'] == text['masthead']['name'], scan['masthead']
" "$work/scan.json" "$work/parsed.json"
  echo "check_bundle: the bundled OCR read a scanned page"
elif [ "${CI:-}" = true ]; then
  echo "check_bundle: pdftoppm or soffice missing, the bundled OCR was not tried" >&2; exit 1
fi
offline "$bundle" --self-test
echo "check_bundle: the bundle works offline"
