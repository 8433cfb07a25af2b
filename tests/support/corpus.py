"""The real corpus's gold bulletins, where ../shared is beside the project (CI, developers).

Export checks run on them as well as on the fixtures; the corpus texts themselves are
scored by ../shared/tools/score_parse.py, never copied into tests.

../shared is the office's hand-checked material (the corpus, the scorer, the specs), kept
beside the repository and not in it, so a fresh clone has none of it. A test that needs it
says so in one line: skipped outside CI, failed with CI=true (CI must have it).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
CORPUS = SHARED / "corpus"
SCORER = SHARED / "tools" / "score_parse.py"

WHAT = {
    CORPUS: "办公室人工核对过的真实简报（原文和金标准）",
    SCORER: "办公室的解析评分工具",
}


def missing_reason(path: Path) -> str | None:
    """Why ``path`` (in ../shared) cannot be used, or None when it is there."""
    present = any(path.glob("*.gold.json")) if path == CORPUS else path.is_file()
    if present:
        return None
    what = WHAT.get(path, "办公室的共享材料")
    return (
        f"没有 ../shared/{path.relative_to(SHARED).as_posix()}：{what}放在项目旁边的 shared "
        f"文件夹里，不在仓库中（找的是 {path}；见 README“真实语料与规范”）"
    )


def require_shared(path: Path = CORPUS) -> None:
    """Return when ``path`` is beside the project; otherwise skip, or fail when CI=true."""
    reason = missing_reason(path)
    if reason is None:
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI 必须有它——{reason}", pytrace=False)
    pytest.skip(reason)


# Put on a test (or a parameter) that needs the corpus; tests/conftest.py calls require_shared.
needs_corpus = pytest.mark.needs_shared(CORPUS)
needs_scorer = pytest.mark.needs_shared(SCORER)

# The one parameter that stands for the corpus when it is missing: a test parametrized over the
# corpus then says why, instead of pytest's "got empty parameter set" (or nothing at all).
NO_CORPUS = pytest.param(None, id="no-corpus", marks=needs_corpus)


def corpus_golds() -> list[tuple[str, dict[str, Any]]]:
    if not CORPUS.is_dir():
        return []
    return [
        (path.name.removesuffix(".gold.json"), json.loads(path.read_text(encoding="utf-8")))
        for path in sorted(CORPUS.glob("*.gold.json"))
    ]


def corpus_params() -> list[Any]:
    """The gold bulletins as pytest parameters (id: the name), or NO_CORPUS without them."""
    golds = corpus_golds()
    if not golds:
        return [NO_CORPUS]
    return [pytest.param(data, id=name) for name, data in golds]
