"""Bad input gives the fields that exist plus warnings — never an exception or a hang."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from editor.core.model import Bulletin, heading_level
from editor.core.parsing import parse_text


def test_empty_text() -> None:
    bulletin = parse_text("")
    assert bulletin.sections == []
    assert any(w.code == "missing_body" for w in bulletin.warnings)
    assert Bulletin.from_json(bulletin.to_json()) == bulletin


def test_whitespace_only() -> None:
    bulletin = parse_text(" \n\t\n\u3000\u3000\n\n")
    assert bulletin.sections == []
    assert bulletin.masthead.name is None


def test_twenty_megabytes() -> None:
    """20 MB of text parses to a bulletin (how time grows with size: benchmarks/)."""
    unit = (
        "会议要求，全体干部要认真学习会议精神，切实把思想和行动统一到会议部署上来，结合\n"
        "各自岗位抓好贯彻落实，推动各项工作取得新成效。\n"
        "标题行\n"
    )
    text = unit * 130_000
    assert len(text.encode("utf-8")) > 20_000_000
    bulletin = parse_text(text)
    assert len(bulletin.articles()) >= 1
    assert bulletin.articles()[0].paragraphs[0].startswith("会议要求")


def test_one_enormous_line() -> None:
    bulletin = parse_text("正文没有换行，" * 1_500_000 + "。")
    assert len(bulletin.sections[0].articles[0].paragraphs[0]) == 10_500_001


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=2000))
def test_any_text_gives_a_valid_bulletin(text: str) -> None:
    bulletin = parse_text(text)
    again = Bulletin.from_json(bulletin.to_json())
    assert again == bulletin


BULLETIN_ALPHABET = st.sampled_from(
    list("四川省地方志工作简报第期总办公室年月日【】（）()报送发：:，。；、“”《》印份共")
    + list("0123456789 \n\u3000—-")
)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=BULLETIN_ALPHABET, max_size=3000))
def test_bulletin_like_noise_gives_a_valid_bulletin(text: str) -> None:
    bulletin = parse_text(text)
    for article in bulletin.articles():
        assert all(p and p == p.strip() for p in article.texts)
        assert all(heading_level(p) in (None, 1, 2, 3, 4) for p in article.paragraphs)
        assert article.title is None or "\n\n" not in article.title
    for key, spans in bulletin.spans.items():
        assert all(1 <= a <= b for a, b in spans), key
