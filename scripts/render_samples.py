"""Render the bundled sample bulletin to PNG for the README (docs/sample-*.png).

    .venv/bin/python scripts/render_samples.py

Exports resources/samples/sample-bulletin.txt to DOCX, converts it with
LibreOffice under the tests' font aliases, and writes the first and last page. The
last page is the one with the 版记: always an even page (a blank page before it,
printed without a page number, when the body ends on an even page without room).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from support.rendering import fontconfig, render_pdf, text_pages  # noqa: E402

from editor.core.export import export_docx  # noqa: E402
from editor.core.parsing import parse_file  # noqa: E402


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        docx = export_docx(
            parse_file(ROOT / "resources/samples/sample-bulletin.txt"), work / "s.docx"
        )
        pdf = render_pdf(docx, fontconfig(work / "fc"))
        pages = text_pages(pdf)
        last = len(pages)
        blank = [number for number, page in enumerate(pages, start=1) if not page.lines]
        for page, name in ((1, "sample-page-first"), (last, "sample-page-last")):
            subprocess.run(
                [
                    "pdftoppm",
                    "-r",
                    "80",
                    "-png",
                    "-singlefile",
                    "-f",
                    str(page),
                    "-l",
                    str(page),
                    str(pdf),
                    str(ROOT / "docs" / name),
                ],
                check=True,
            )
            print(f"docs/{name}.png (page {page} of {last}; blank pages: {blank or 'none'})")


if __name__ == "__main__":
    main()
