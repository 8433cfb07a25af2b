"""``jianxun export`` as a whole process against ``pandoc`` making a DOCX of the same content.

pandoc is what a clerk might use instead (without the official layout); the ratio of the two
wall times is reported, from the same run. Both start a fresh process each time.
"""

from __future__ import annotations

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


def _run(command: list[str]) -> None:
    subprocess.run(command, check=True, capture_output=True, cwd=ROOT)


def run() -> list[Timing]:
    text = six_kb_bulletin()
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        source, md = folder / "b.txt", folder / "b.md"
        source.write_text(text, encoding="utf-8")
        md.write_text(markdown(text), encoding="utf-8")
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
        results = [ours]
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
