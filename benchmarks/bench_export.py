"""Export speed: a 6 KB bulletin to DOCX in process (target < 20 ms median), and DOCX parsing.

The floor, measured in the same run: Python's zipfile writing the very parts of that
DOCX (already serialised) into a new package, as the export's last step does. Whatever
the export spends above it is typesetting: line breaking, pagination, python-docx
building the XML.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path

from benchmarks.bench_parse import six_kb_bulletin
from benchmarks.timing import Timing, measure
from editor.core.export import docx_bytes
from editor.core.parsing import parse_file, parse_text

TARGET_MS = 20.0


def rezip(parts: dict[str, bytes]) -> bytes:
    """The parts written into a new package as python-docx writes one (deflate, default level)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def run() -> list[Timing]:
    bulletin = parse_text(six_kb_bulletin())
    data = docx_bytes(bulletin)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    ours = measure(
        "export a 6 KB bulletin to DOCX (in process)",
        lambda: docx_bytes(bulletin),
        runs=40,
        target_ms=TARGET_MS,
    )
    floor = measure("floor: zipfile writes the same DOCX's parts", lambda: rezip(parts), runs=40)
    print(
        f"#   export / floor = {ours.median_ms / floor.median_ms:.1f} (medians); "
        f"DOCX {len(data) / 1024:.1f} KB ({len(parts)} parts, "
        f"{sum(map(len, parts.values())) / 1024:.1f} KB of XML), "
        f"the floor's zip {len(rezip(parts)) / 1024:.1f} KB",
        flush=True,
    )
    results = [ours, floor]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "b.docx"
        path.write_bytes(data)
        results.append(
            measure("parse a DOCX bulletin", lambda: parse_file(path), runs=40, target_ms=50.0)
        )
    return results
