"""``jianxun show ID``: one bulletin as a clerk reads it, or as jianxun.bulletin/1 JSON.

The report says where the bulletin came from and when (local time), every field
under the label the desk gives it (报头 · 期号, 栏目1 · 文章2 · 作者, 正文 paragraph
by paragraph with subheadings marked), the problems the desk's checks find now
(not the parser's old doubts), and the revision history: who did what when, and
which fields each edit changed. ``--json`` is the machine-readable record.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from collections.abc import Iterator
from itertools import groupby
from typing import TYPE_CHECKING, Any

from editor.cli import EXIT_NOT_FOUND, EXIT_OK, write_out
from editor.cli_archive import get_record, open_archive, summary_row
from editor.core.labels import ARTICLE, IMPRINT, MASTHEAD, PARTS, entry_text
from editor.core.labels import field_label as label
from editor.core.model import Bulletin, Paragraph
from editor.core.normalise import display_width
from editor.core.workflow import ACTION_LABELS, STATUS_LABELS

if TYPE_CHECKING:
    from editor.core.checks import Problem
    from editor.core.store import Record, Revision, Store

EMPTY = "（空）"
ACTIONS = {**ACTION_LABELS, "ingest": "收件", "status": "状态", "restore": "恢复"}
NON_FIELDS = {"status": "状态", "note": "备注"}
_SHORT = 60  # characters of a value shown in the history


def cmd_show(args: argparse.Namespace) -> int:
    with open_archive(args, read_only=True) as store:
        record = get_record(store, args.id)
        if record is None:
            return EXIT_NOT_FOUND
        revisions = store.revisions(args.id)
        if args.json:
            out = summary_row(record.summary)
            out.update(
                sha256=record.sha256,
                approved_by=record.approved_by,
                approved_at=record.approved_at,
                exported_path=record.exported_path,
                exported_at=record.exported_at,
                bulletin=None if record.current is None else record.current.to_dict(),
                revisions=[r.__dict__ for r in revisions],
            )
            write_out(json.dumps(out, ensure_ascii=False, indent=2) + "\n")
            return EXIT_OK
        problems = [] if record.current is None else _problems(store, record)
        write_out("\n".join(report(record, revisions, problems)) + "\n")
    return EXIT_OK


def _problems(store: Store, record: Record) -> list[Problem]:
    """What the desk's checks find in the bulletin now, with what the desk gives them."""
    from editor.core.checks import Context, run_checks
    from editor.core.ingest import source_text

    assert record.current is not None
    series = record.current.masthead.name or ""
    context = Context(
        history=store.series_history(series, exclude=record.id) if series else [],
        source_lines=source_text(store, record.sha256, record.summary.source_name).split("\n"),
        parsed=record.parsed,
        series_uses_attribution=(
            store.series_signs_articles(series, exclude=record.id) if series else False
        ),
        series=store.list_series(),
    )
    return run_checks(record.current, context)


def local_time(stamp: str | None) -> str:
    """An ISO time stamp as the clock on the wall shows it: 2024-07-16 09:30:05."""
    if not stamp:
        return ""
    try:
        moment = dt.datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def report(record: Record, revisions: list[Revision], problems: list[Problem]) -> Iterator[str]:
    """The lines of ``jianxun show ID``."""
    from editor.core.store import UNREADABLE_KEY

    s = record.summary
    yield f"#{s.id}　{STATUS_LABELS.get(s.status, s.status)}"
    yield f"文件：{s.source_path}"
    yield f"收到：{local_time(s.received_at)}"
    if record.sha256.startswith(UNREADABLE_KEY):
        yield "原件：没能读取，档案里没有它的原件"
    else:
        yield f"原件 sha256：{record.sha256}"
    if s.previous_id is not None:
        yield f"替代：#{s.previous_id}（同一文件的旧版本）"
    if record.approved_by:
        yield f"批准：{record.approved_by}，{local_time(record.approved_at)}"
    if record.exported_path:
        yield f"导出：{record.exported_path}，{local_time(record.exported_at)}"
    if record.current is None:
        yield f"无法解析：{s.failure or '原因不明'}"
    else:
        yield ""
        yield from fields(record.current)
        yield ""
        yield from problem_lines(problems)
        if record.parsed is not None:
            yield ""
            yield edited_since_parse(record.parsed, record.current)
    yield ""
    yield from history(revisions)


def _block(name: str, value: Any, indent: str = "  ") -> Iterator[str]:
    """``name：value``; the lines of a many-line value (titles, recipients) stay lined up."""
    lines = [EMPTY] if value in (None, "") else str(value).split("\n")
    yield f"{indent}{name}：{lines[0]}"
    pad = " " * display_width(f"{indent}{name}：")
    for line in lines[1:]:
        yield f"{pad}{line}"


def fields(bulletin: Bulletin) -> Iterator[str]:
    """Every field under its label, in the order the bulletin prints."""
    yield PARTS["masthead"]
    for key in MASTHEAD:
        yield from _block(label(f"masthead.{key}"), getattr(bulletin.masthead, key))
    for si, section in enumerate(bulletin.sections):
        where = f"sections[{si}]"
        yield from _block(label(f"{where}.name"), section.name, indent="")
        for ai, article in enumerate(section.articles):
            at = f"{where}.articles[{ai}]"
            for key in ARTICLE:
                if key == "paragraphs":
                    yield from _paragraphs(label(f"{at}.{key}"), article.paragraphs)
                else:
                    yield from _block(label(f"{at}.{key}"), getattr(article, key))
    yield PARTS["imprint"]
    for key in IMPRINT:
        yield from _block(label(f"imprint.{key}"), getattr(bulletin.imprint, key))


def _paragraphs(name: str, paragraphs: list[Paragraph]) -> Iterator[str]:
    if not paragraphs:
        yield f"  {name}：{EMPTY}"
        return
    yield f"  {name}（{len(paragraphs)} 段）："
    for number, paragraph in enumerate(paragraphs, start=1):
        yield f"    第{number}段　{entry_text(paragraph)}"


def problem_lines(problems: list[Problem]) -> Iterator[str]:
    if not problems:
        yield "问题：没有发现问题"
        return
    errors = sum(1 for p in problems if p.is_error)
    yield f"问题（{errors} 个错误，{len(problems) - errors} 条提示）："
    for problem in problems:
        mark = "错误" if problem.is_error else "提示"
        yield f"  {mark}　{label(problem.path)}：{problem.message}"


def _short(value: Any) -> str:
    """A value in one short line: the history shows what changed, not whole articles."""
    if value is None or value == "":
        return EMPTY
    if isinstance(value, list):
        return f"{len(value)} 段"
    if isinstance(value, dict) and "heading" in value:
        from editor.core.fieldpath import as_paragraph

        text = entry_text(as_paragraph(value))
    elif isinstance(value, str) and value in STATUS_LABELS:
        text = STATUS_LABELS[value]
    elif isinstance(value, str):
        text = value.replace("\n", " / ")
    else:
        text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= _SHORT else text[: _SHORT - 1] + "……"


def changed(path: str | None, old: Any, new: Any) -> list[tuple[str, str, str]]:
    """(label, old, new) for one changed field; a paragraphs field by its changed paragraphs."""
    if not path:
        return [("", _short(old), _short(new))]
    if path in NON_FIELDS:
        return [(NON_FIELDS[path], _short(old), _short(new))]
    if (
        path.endswith(".paragraphs")
        and isinstance(old, list)
        and isinstance(new, list)
        and len(old) == len(new)
    ):
        return [
            (label(f"{path}[{index}]"), _short(before), _short(after))
            for index, (before, after) in enumerate(zip(old, new, strict=True))
            if before != after
        ]
    if path == "inferred":
        return [(label(path), _inferred(old), _inferred(new))]
    return [(label(path), _short(old), _short(new))]


def _inferred(value: Any) -> str:
    if not isinstance(value, list) or not value:
        return EMPTY
    return "、".join(label(str(p)) for p in value)


def edited_since_parse(parsed: Bulletin, current: Bulletin) -> str:
    """Which fields differ from what the parser read (editor.core.diff, as the store logs edits)."""
    from editor.core.diff import changes

    names: list[str] = []
    for path, old, new in changes(parsed, current):
        for name, _old, _new in changed(path, old, new):
            if name not in names:
                names.append(name)
    if not names:
        return "与解析结果相比：没有改动"
    return f"与解析结果相比：改动了 {len(names)} 处：{'、'.join(names)}"


def history(revisions: list[Revision]) -> Iterator[str]:
    """One numbered entry per change (the rows one save or one action wrote together)."""
    groups = [list(g) for _key, g in groupby(revisions, key=lambda r: (r.at, r.user))]
    if not groups:
        yield "修订记录：没有"
        return
    yield f"修订记录（共 {len(groups)} 次）："
    for number, group in enumerate(groups, start=1):
        first = group[0]
        actions: list[str] = []
        for revision in group:
            action = ACTIONS.get(revision.action, revision.action)
            if action not in actions and revision.action != "status":
                actions.append(action)
        what = "、".join(actions) or ACTIONS["status"]
        edits = [r for r in group if r.field_path not in (None, *NON_FIELDS)]
        if edits:
            what += f" {len(edits)} 个字段"
        notes = [_short(r.new_value) for r in group if r.field_path is None and r.new_value]
        if notes:
            what += "：" + "；".join(notes)
        yield f"  {number}　{local_time(first.at)}　{first.user}　{what}"
        for revision in group:
            if revision.field_path is None:
                continue
            for name, old, new in changed(
                revision.field_path, revision.old_value, revision.new_value
            ):
                if revision.field_path == "note":
                    yield f"      {name}：{new}"
                else:
                    yield f"      {name}：{old} → {new}"
