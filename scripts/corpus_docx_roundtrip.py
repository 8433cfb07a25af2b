"""Round trips on the gold corpus: export each gold bulletin, read it back, score it.

    python scripts/corpus_docx_roundtrip.py ../shared/corpus [--min 1.0] [--pdf]

Every gold file is exported to DOCX (as a draft where its masthead is
incomplete) into a temporary folder beside a copy of the gold file; with
``--pdf`` LibreOffice also prints each DOCX to PDF. ../shared/tools/score_parse.py
then scores ``jianxun parse`` on those files: ``parse(export(b)) == b`` and
``parse(pdf(export(b))) == b``.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from support.rendering import fontconfig, render_pdf  # noqa: E402

from editor.core.export import docx_bytes  # noqa: E402
from editor.core.model import Bulletin  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--min", default="1.0")
    parser.add_argument("--pdf", action="store_true", help="score the PDFs instead of the DOCX")
    args = parser.parse_args()
    scorer = args.corpus.parent / "tools" / "score_parse.py"
    with tempfile.TemporaryDirectory(prefix="jianxun-roundtrip-") as temp:
        folder = Path(temp)
        conf = fontconfig(folder / "fc") if args.pdf else None
        for gold in sorted(args.corpus.glob("*.gold.json")):
            bulletin = Bulletin.from_json(gold.read_text(encoding="utf-8"))
            stem = gold.name.removesuffix(".gold.json")
            docx = folder / f"{stem}.docx"
            docx.write_bytes(docx_bytes(bulletin, draft=True))
            if conf is not None:
                render_pdf(docx, conf)
            shutil.copy(gold, folder / gold.name)
        only = ".pdf" if args.pdf else ".docx"
        command = [
            sys.executable,
            str(scorer),
            "--corpus",
            str(folder),
            "--only",
            only,
            "--min",
            args.min,
            "--",
            sys.executable,
            "-m",
            "editor",
            "parse",
            "{file}",
        ]
        return subprocess.run(command, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
