"""Round trip on the gold corpus: export each gold bulletin to DOCX, parse it back, score it.

    python scripts/corpus_docx_roundtrip.py ../shared/corpus [--min 1.0]

Every gold file is exported (as a draft where its masthead is incomplete) into a
temporary folder beside a copy of the gold file, and ../shared/tools/score_parse.py
scores ``jianxun parse`` on those DOCX files: ``parse(export(b)) == b``.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from editor.core.export import docx_bytes
from editor.core.model import Bulletin


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--min", default="1.0")
    args = parser.parse_args()
    scorer = args.corpus.parent / "tools" / "score_parse.py"
    with tempfile.TemporaryDirectory(prefix="jianxun-roundtrip-") as folder:
        for gold in sorted(args.corpus.glob("*.gold.json")):
            bulletin = Bulletin.from_json(gold.read_text(encoding="utf-8"))
            stem = gold.name.removesuffix(".gold.json")
            (Path(folder) / f"{stem}.docx").write_bytes(docx_bytes(bulletin, draft=True))
            shutil.copy(gold, Path(folder) / gold.name)
        command = [
            sys.executable,
            str(scorer),
            "--corpus",
            folder,
            "--only",
            ".docx",
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
