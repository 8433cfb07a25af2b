"""The real corpus's gold bulletins, where ../shared is beside the project (CI, developers).

Export checks run on them as well as on the fixtures; the corpus texts themselves are
scored by ../shared/tools/score_parse.py, never copied into tests.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"


def corpus_golds() -> list[tuple[str, dict[str, Any]]]:
    if not CORPUS.is_dir():
        return []
    return [
        (path.name.removesuffix(".gold.json"), json.loads(path.read_text(encoding="utf-8")))
        for path in sorted(CORPUS.glob("*.gold.json"))
    ]
