"""The long rendered sweeps (``pytest -m stress``): a body ending at every height of two
pages, so the 版记 falls after odd and even pages, with room and without; and the
corpus printed with no substitute fonts at all."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.corpus import corpus_params
from support.hard_cases import with_body_lines
from support.print_checks import plain_fontconfig, print_grade_problems
from support.rendering import fontconfig, render_pdf, text_pages

from editor.core.export import render
from editor.core.model import Bulletin

pytestmark = pytest.mark.stress

HEIGHTS = range(0, 46)  # one added body line each: two pages of 22 lines and then some


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("sweep")


@pytest.mark.parametrize("extra", HEIGHTS)
def test_every_height_of_the_last_page(folder: Path, extra: int) -> None:
    data = with_body_lines(extra)
    docx = folder / f"h{extra}.docx"
    docx.write_bytes(render(Bulletin.from_dict(data))[0])
    pdf = render_pdf(docx, fontconfig(folder / "fc"))
    assert print_grade_problems(data, pdf, text_pages(pdf)) == []


@pytest.mark.parametrize("data", corpus_params())
def test_corpus_with_plain_system_fonts(folder: Path, data: dict[str, object]) -> None:
    bulletin = Bulletin.from_dict(data)
    docx = folder / "plain.docx"
    docx.write_bytes(render(bulletin, draft=not bulletin.masthead.name)[0])
    pdf = render_pdf(docx, plain_fontconfig(folder / "fc-plain"))
    assert print_grade_problems(dict(data), pdf, text_pages(pdf)) == []
