"""Hypothesis strategies shared by the property tests."""

from __future__ import annotations

from hypothesis import strategies as st

from editor.core.model import Article, Bulletin, Imprint, Masthead, Section


def bulletins() -> st.SearchStrategy[Bulletin]:
    text = st.text(
        alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=80
    )
    optional = st.one_of(st.none(), text.filter(lambda s: s.strip() != ""))
    article = st.builds(
        Article, title=optional, paragraphs=st.lists(text, max_size=4), source=optional
    )
    section = st.builds(Section, name=optional, articles=st.lists(article, max_size=3))
    return st.builds(
        Bulletin,
        masthead=st.builds(
            Masthead,
            name=optional,
            issue=st.one_of(st.none(), st.integers(0, 10_000)),
            total_issue=st.one_of(st.none(), st.integers(0, 10_000)),
            issuer=optional,
            date=st.one_of(st.none(), st.dates().map(lambda d: d.isoformat())),
        ),
        sections=st.lists(section, max_size=3),
        imprint=st.builds(
            Imprint,
            report_to=optional,
            copy_to=optional,
            printer=optional,
            print_date=st.one_of(st.none(), st.dates().map(lambda d: d.isoformat())),
            copies=st.one_of(st.none(), st.integers(0, 100_000)),
        ),
    )
