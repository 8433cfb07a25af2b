"""PDF speed: parse a 4-page PDF bulletin (target < 150 ms median).

The PDF is the exporter's DOCX printed by LibreOffice; without LibreOffice the
benchmark says so and measures nothing.
"""

from __future__ import annotations

import json
import tempfile
from functools import partial
from pathlib import Path

from support.rendering import fontconfig, render_pdf

from benchmarks.timing import Timing, measure
from editor.core.export import docx_bytes
from editor.core.export.pdf import find_soffice
from editor.core.model import Bulletin
from editor.core.parsing import parse_file
from editor.core.reading.pdf import read_pdf

ROOT = Path(__file__).resolve().parents[1]


def run() -> list[Timing]:
    if find_soffice() is None:
        print("#   pdf: LibreOffice is not installed, no PDF to measure")
        return []
    data = json.loads(
        (ROOT / "tests/fixtures/bulletins/two_columns_three_articles.json").read_text("utf-8")
    )
    first = data["sections"][0]["articles"][0]
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        conf = fontconfig(folder / "fc")
        for repeat in range(1, 8):
            trial = json.loads(json.dumps(data))
            trial["sections"][0]["articles"][0]["paragraphs"] = first["paragraphs"] * repeat
            docx = folder / "b.docx"
            docx.write_bytes(docx_bytes(Bulletin.from_dict(trial)))
            pdf = render_pdf(docx, conf)
            pages = read_pdf(pdf).pages
            if pages >= 4:
                break
        return [
            measure(
                f"parse a {pages}-page PDF bulletin",
                partial(parse_file, pdf),
                runs=30,
                target_ms=150.0,
            )
        ]
