"""The 版记 and attributions: recipients end in 。, articles signed as the series signs them.

The signature meant here is the attribution (``source``, the bracketed line after
the last paragraph, （省地方志办）); an article's byline (作者, under its title) is
never required and never stands in for it.
"""

from __future__ import annotations

from collections.abc import Iterator

from editor.core.checks import WARNING, Context, Fix, Problem
from editor.core.model import Bulletin

_RECIPIENTS = (("report_to", "报"), ("copy_to", "送"), ("distribute_to", "发"))


def _end_with_full_stop(key: str) -> Fix:
    def apply(bulletin: Bulletin) -> None:
        value = getattr(bulletin.imprint, key)
        if value:
            setattr(bulletin.imprint, key, value.rstrip("，,、；;").rstrip() + "。")

    return Fix("末尾加“。”", apply)


def check(bulletin: Bulletin, context: Context) -> Iterator[Problem]:
    for key, label in _RECIPIENTS:
        value = getattr(bulletin.imprint, key)
        if value and not value.rstrip().endswith("。"):
            yield Problem(
                "recipients_end",
                f"imprint.{key}",
                f"“{label}”一栏应以“。”结尾",
                WARNING,
                (_end_with_full_stop(key),),
            )
    if context.series_uses_attribution:
        for si, section in enumerate(bulletin.sections):
            for ai, article in enumerate(section.articles):
                if not article.source:
                    yield Problem(
                        "missing_attribution",
                        f"sections[{si}].articles[{ai}].source",
                        "本系列的文章都有文末署名，这篇没有",
                        WARNING,
                    )
