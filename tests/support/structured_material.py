"""Write the structured fixtures as every producer makes them, for ../shared/tools/score_parse.py.

    .venv/bin/python tests/support/structured_material.py OUT [--pdf]

One folder per producer under OUT, each holding NAME.txt / NAME.docx / NAME.pdf
with NAME.gold.json beside it (the bulletin that file states), so the scorer
measures each kind of source on its own:

- ``text-*``: :func:`support.structured.render_structured` in each variant of
  tests/core/parsing/test_structured.py (PDF extractions, typed, -layout, GBK);
  where a rendering cannot show a paragraph end the gold lists it under
  ``_accept.split_after``;
- ``web``: :func:`support.structured.web_copy` (the gold is what the page says);
- ``docx-export``: the app's own DOCX; ``docx-clerk``: typed into Word by the
  clerks of :mod:`support.producers`;
- with ``--pdf`` (LibreOffice): ``pdf-export`` (the app's DOCX printed) and, from
  the clerks' documents, ``pdf-<fonts>`` read by the PDF reader and
  ``pdftotext-<mode>-<fonts>`` as pdftotext extracts them.

Then it runs the scorer on each folder and prints one line per producer.
"""

from __future__ import annotations

import argparse
import copy
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from support.producers import SCORER, clerk_docx, clerk_for, produce, render_pdfs
from support.rendering import fontconfig
from support.structured import (
    TEXT_VARIANTS,
    WIDE_TITLES,
    printable,
    render_structured,
    structured_bulletins,
    text_of,
    web_copy,
)

from editor.core.export import docx_bytes
from editor.core.model import Bulletin

ROOT = Path(__file__).resolve().parents[2]


def accepting(gold: dict[str, Any], ambiguous: set[tuple[int, int]]) -> dict[str, Any]:
    """The gold with each paragraph end a rendering cannot show merged, a split accepted."""
    out = copy.deepcopy(gold)
    anchors: list[str] = []
    number = 0
    for section in out["sections"]:
        for article in section["articles"]:
            for index in sorted((p for a, p in ambiguous if a == number), reverse=True):
                paragraphs = article["paragraphs"]
                first, second = paragraphs[index], paragraphs[index + 1]
                anchors.append("".join(text_of(first).split())[-12:])
                paragraphs[index : index + 2] = [first + second]
            number += 1
    if anchors:
        out.setdefault("_accept", {})["split_after"] = anchors
    return out


def _write(folder: Path, name: str, suffix: str, data: bytes, gold: dict[str, Any]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}{suffix}"
    path.write_bytes(data)
    (folder / f"{name}.gold.json").write_text(
        json.dumps(gold, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    return path


def write_material(out: Path, *, pdf: bool) -> list[Path]:
    """Every producer's folder of inputs and golds; returns the folders."""
    golds = structured_bulletins()
    for name, gold in golds:
        if printable(name):
            for variant, opts in TEXT_VARIANTS.items():
                rendering = render_structured(gold, opts)
                _write(
                    out / f"text-{variant}",
                    name,
                    ".txt",
                    rendering.data,
                    accepting(gold, rendering.ambiguous),
                )
            rendering = render_structured(gold, WIDE_TITLES, wide_titles=True)
            target = accepting(gold, rendering.ambiguous)
            _write(out / "text-pdf-56-wide-titles", name, ".txt", rendering.data, target)
        text, stated = web_copy(gold)
        _write(out / "web", name, ".txt", text.encode("utf-8"), stated)
        bulletin = Bulletin.from_dict(gold)
        _write(out / "docx-export", name, ".docx", docx_bytes(bulletin, draft=True), gold)
    for index, (name, gold) in enumerate(golds):
        typed = io.BytesIO()
        clerk_docx(gold, clerk_for(index)).save(typed)
        _write(out / "docx-clerk", name, ".docx", typed.getvalue(), gold)
    if pdf:
        _print(out, golds)
    return sorted(p for p in out.iterdir() if p.is_dir() and any(p.glob("*.gold.json")))


def _print(out: Path, golds: list[tuple[str, dict[str, Any]]]) -> None:
    printed = [(n, g) for n, g in golds if printable(n)]
    export = out / "pdf-export"
    export.mkdir(parents=True, exist_ok=True)
    docxs = []
    for name, gold in printed:
        docxs.append(_write(export, name, ".docx", docx_bytes(Bulletin.from_dict(gold)), gold))
    for docx in render_pdfs(docxs, fontconfig(out / "fc-export")):
        docx.with_suffix(".docx").unlink()
    work = out / "lo-clerk"
    for made in produce(printed, work):
        kind = made.producer.replace(" ", "-").lstrip("-")
        if made.path.suffix == ".txt":
            kind = "pdftotext-" + kind
        _write(out / kind, made.name, made.path.suffix, made.path.read_bytes(), made.gold)
    shutil.rmtree(work)


def score(folder: Path) -> str:
    command = [
        sys.executable,
        str(SCORER),
        "--corpus",
        str(folder),
        "--min",
        "0",
        "--",
        sys.executable,
        "-m",
        "editor",
        "parse",
        "{file}",
    ]
    run = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)
    return run.stdout.strip().splitlines()[-1] if run.stdout.strip() else run.stderr[-300:]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--pdf", action="store_true", help="print with LibreOffice as well")
    args = parser.parse_args()
    if args.out.exists():
        shutil.rmtree(args.out)
    for folder in write_material(args.out, pdf=args.pdf):
        print(f"{folder.name:42} {score(folder)}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
