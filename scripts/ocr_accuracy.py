"""How well scans parse: fields and body characters against the PDF each scan came from.

    python scripts/ocr_accuracy.py [--min-fields 0.9] [--min-body 0.99]

Every fixture bulletin (tests/fixtures/bulletins) is typed by a clerk into python-docx's
blank document and printed by LibreOffice with the system's fonts (another producer than
this program's exporter); each PDF is then scanned twice, as a copier would:

- degraded: 200 dpi grey, tilted (±0.6–1.0°), speckled, JPEG of quality 55–75;
- clean: 300 dpi grey, lossless.

Each scan goes through the real OCR worker and the parser (editor.core.recognition); the
fields an editor checks (masthead, 栏目, titles, attributions, 版记) and the body text are
compared with what the parser reads from the typeset PDF itself. Prints one line per scan
and the totals; exits 1 when the degraded scans' fields or body fall below the minimums,
or when a clean scan's fields differ from its PDF's.
"""

from __future__ import annotations

import argparse
import difflib
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from support.producers import (  # noqa: E402
    clerk_docx,
    clerk_for,
    fixture_golds,
    plain_fontconfig,
    render_pdfs,
)
from support.scans import scanned  # noqa: E402

from editor.core.model import Bulletin  # noqa: E402
from editor.core.parsing import parse_file  # noqa: E402
from editor.core.reading.ocr_worker import OcrWorker  # noqa: E402
from editor.core.recognition import parse_scan  # noqa: E402

TILTS = (0.8, -1.0, 0.6, -0.7)
QUALITIES = (60, 55, 75, 65)


def fields(bulletin: Bulletin) -> dict[str, Any]:
    """The fields an editor checks, by place."""
    found: dict[str, Any] = {
        f"masthead.{key}": getattr(bulletin.masthead, key)
        for key in ("name", "issue", "total_issue", "issuer", "date")
    }
    for s, section in enumerate(bulletin.sections):
        found[f"sections[{s}].name"] = section.name
        for a, article in enumerate(section.articles):
            for key in ("title", "byline", "source"):
                found[f"sections[{s}].articles[{a}].{key}"] = getattr(article, key)
    for key in (
        "disclosure",
        "report_to",
        "copy_to",
        "distribute_to",
        "printer",
        "print_date",
        "copies",
    ):
        found[f"imprint.{key}"] = getattr(bulletin.imprint, key)
    return found


def body(bulletin: Bulletin) -> str:
    return "".join(
        p if isinstance(p, str) else p.text for a in bulletin.articles() for p in a.paragraphs
    )


def compare(scan: Bulletin, typeset: Bulletin) -> tuple[int, int, float, list[str]]:
    want, got = fields(typeset), fields(scan)
    wrong = [key for key, value in want.items() if got.get(key) != value]
    ratio = difflib.SequenceMatcher(None, body(scan), body(typeset), autojunk=False).ratio()
    return len(want) - len(wrong), len(want), ratio, wrong


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--min-fields", type=float, default=0.9)
    parser.add_argument("--min-body", type=float, default=0.99)
    args = parser.parse_args()
    golds = [(n, g) for n, g in fixture_golds() if "web_copy" not in n]  # (ASCII on purpose)
    failed = False
    totals = {"degraded": [0, 0, 0.0, 0], "clean": [0, 0, 0.0, 0]}
    with tempfile.TemporaryDirectory(prefix="jianxun-ocr-accuracy-") as temp, OcrWorker() as ocr:
        folder = Path(temp)
        docxs = []
        for index, (name, gold) in enumerate(golds):
            docx = folder / f"{name}.docx"
            clerk_docx(gold, clerk_for(index)).save(str(docx))
            docxs.append(docx)
        pdfs = render_pdfs(docxs, plain_fontconfig(folder / "fc"))
        for index, ((name, _gold), pdf) in enumerate(zip(golds, pdfs, strict=True)):
            typeset = parse_file(pdf)
            for kind, dpi, tilt, quality in (
                ("degraded", 200, TILTS[index % 4], QUALITIES[index % 4]),
                ("clean", 300, 0.0, None),
            ):
                scan = scanned(pdf, folder / f"{name}-{kind}", dpi=dpi, tilt=tilt, quality=quality)
                bulletin, _read = parse_scan(scan.name, scan.read_bytes(), ocr)
                right, count, ratio, wrong = compare(bulletin, typeset)
                total = totals[kind]
                total[0] += right
                total[1] += count
                total[2] += ratio
                total[3] += 1
                how = f"{dpi} dpi" + (f", {tilt:+.1f}°, JPEG {quality}" if quality else ", clean")
                miss = f"  wrong: {', '.join(wrong)}" if wrong else ""
                print(f"{name:32} {how:26} fields {right}/{count}  body {ratio:.2%}{miss}")
                if kind == "clean" and wrong:
                    failed = True
    for kind, (right, count, ratios, scans) in totals.items():
        share, body_share = right / max(count, 1), ratios / max(scans, 1)
        print(f"OCR {kind}: fields {right}/{count} ({share:.1%}), body {body_share:.2%}")
        if kind == "degraded" and (share < args.min_fields or body_share < args.min_body):
            failed = True
    if failed:
        print("ocr_accuracy: below the minimum (or a clean scan's fields differ)", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
