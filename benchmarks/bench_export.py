"""Export speed: a 6 KB bulletin to DOCX in process (target < 150 ms median), and DOCX parsing."""

from __future__ import annotations

import tempfile
from pathlib import Path

from benchmarks.bench_parse import six_kb_bulletin
from benchmarks.timing import Timing, measure
from editor.core.export import docx_bytes
from editor.core.parsing import parse_file, parse_text


def run() -> list[Timing]:
    bulletin = parse_text(six_kb_bulletin())
    results = [
        measure(
            "export a 6 KB bulletin to DOCX (in process)",
            lambda: docx_bytes(bulletin),
            runs=40,
            target_ms=150.0,
        )
    ]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "b.docx"
        path.write_bytes(docx_bytes(bulletin))
        results.append(
            measure("parse a DOCX bulletin", lambda: parse_file(path), runs=40, target_ms=50.0)
        )
    return results
