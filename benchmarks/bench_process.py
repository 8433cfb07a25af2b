"""Whole processes: ``jianxun parse`` of a text bulletin against the interpreter's own start,
and ``jianxun export`` against ``pandoc`` making a DOCX of the same content.

The floor for ``parse`` is ``python -c 'import json'`` (the same interpreter, its site
packages and the editable install's finder: what any Python command costs before it does
anything); the target is twice that. pandoc is what a clerk might use instead of ``export``
(without the official layout). Each ratio is of medians from the same run; every run starts
a fresh process.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from functools import partial
from pathlib import Path

from benchmarks.bench_parse import six_kb_bulletin
from benchmarks.timing import Timing, measure
from editor.core.parsing import parse_text

ROOT = Path(__file__).resolve().parents[1]


def markdown(text: str) -> str:
    """The same bulletin as Markdown: name, issue line, sections, titles, paragraphs, imprint."""
    bulletin = parse_text(text)
    m = bulletin.masthead
    lines = [
        f"# {m.name}",
        "",
        f"第{m.issue}期（总第{m.total_issue}期）",
        "",
        f"{m.issuer}　{m.date}",
        "",
    ]
    for section in bulletin.sections:
        lines += [f"## 【{section.name}】", ""] if section.name else []
        for article in section.articles:
            lines += [f"### {(article.title or '').replace(chr(10), ' ')}", ""]
            lines += [p + "\n" for p in article.texts]
            lines += [f"（{article.source}）", ""] if article.source else []
    imprint = bulletin.imprint
    lines += [
        f"报：{imprint.report_to}",
        "",
        f"发：{imprint.distribute_to}",
        "",
        f"{imprint.printer}　{imprint.print_date}印发",
    ]
    return "\n".join(lines)


# Without PYTHONDONTWRITEBYTECODE: the first (warm-up) run writes the byte code an installed
# program has, so the runs timed are the ones a user sees, not recompiling every module.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _run(command: list[str]) -> None:
    subprocess.run(command, check=True, capture_output=True, cwd=ROOT, env=ENV)


def parse_against_floor(source: Path) -> list[Timing]:
    """``jianxun parse FILE.txt`` (the console script's way in: editor.launch) and the floor."""
    launch = "import sys; from editor.launch import main; sys.exit(main())"
    ours = measure(
        "jianxun parse (whole process)",
        partial(_run, [sys.executable, "-c", launch, "parse", str(source)]),
        runs=20,
    )
    floor = measure(
        "  floor: python -c 'import json'",
        partial(_run, [sys.executable, "-c", "import json"]),
        runs=20,
    )
    ratio = ours.median_ms / floor.median_ms
    print(
        f"#   jianxun parse / python -c 'import json' = {ratio:.2f} "
        f"(min/min {ours.min_ms / floor.min_ms:.2f}; target <= 2)"
    )
    return [
        Timing(ours.name, ours.runs, ours.median_ms, ours.min_ms, ours.max_ms, 2 * floor.median_ms),
        floor,
    ]


def run() -> list[Timing]:
    text = six_kb_bulletin()
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        source, md = folder / "b.txt", folder / "b.md"
        source.write_text(text, encoding="utf-8")
        md.write_text(markdown(text), encoding="utf-8")
        parsing = parse_against_floor(source)
        ours = measure(
            "jianxun export (whole process)",
            partial(
                _run,
                [
                    sys.executable,
                    "-m",
                    "editor",
                    "export",
                    str(source),
                    "-o",
                    str(folder / "j.docx"),
                    "--force",
                ],
            ),
            runs=10,
        )
        results = [*parsing, ours]
        pandoc = shutil.which("pandoc")
        if pandoc is None:
            print("#   pandoc is not installed: no comparison")
            return results
        theirs = measure(
            "pandoc to DOCX (whole process)",
            partial(_run, [pandoc, str(md), "-o", str(folder / "p.docx")]),
            runs=10,
        )
        results.append(theirs)
        print(
            f"#   jianxun export / pandoc = {ours.median_ms / theirs.median_ms:.2f} "
            "(pandoc writes plain styles, not the official layout)"
        )
    return results


if __name__ == "__main__":
    from benchmarks.timing import HEADER

    print(HEADER)
    for timing in run():
        print(timing.row())
