"""Validation in the desk: problems listed, fixed with one click, errors blocking approval."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from support.render import RenderOptions, render

from editor.core.checks import Problem
from editor.gui.app import Desk

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "bulletins"


def drop(desk: Desk, name: str, data: dict[str, Any]) -> None:
    (desk.watcher.folder / name).write_bytes(render(data, RenderOptions()).data)


def fixture(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / f"{name}.json").read_text("utf-8"))
    return data


def select_problem(desk: Desk, rule: str) -> Problem:
    window = desk.window
    for row in range(window.problem_list.count()):
        problem = window.problem_list.item(row).data(Qt.ItemDataRole.UserRole)
        if problem.rule == rule:
            window.problem_list.setCurrentRow(row)
            return problem  # type: ignore[no-any-return]
    raise AssertionError(f"no {rule} problem listed")


def test_fix_all_half_width_punctuation_in_one_click(
    qtbot: Any, make_desk: Callable[[], Desk]
) -> None:
    desk = make_desk()
    drop(desk, "网页稿.txt", fixture("web_copy"))
    window = desk.window
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=10_000)
    window.table.selectRow(0)
    select_problem(desk, "halfwidth_punctuation")
    assert window.fix_all_button.isEnabled()
    with qtbot.waitSignal(window.saved, timeout=5_000):
        qtbot.mouseClick(window.fix_all_button, Qt.MouseButton.LeftButton)
    assert window.record is not None
    stored = desk.store.get(window.record.id).current
    assert stored is not None
    text = "".join(p for a in stored.articles() for p in a.paragraphs)
    assert "," not in text
    assert "，" in text
    assert not [p for p in window.form.problems if p.rule == "halfwidth_punctuation"]
    with qtbot.waitSignal(window.saved, timeout=5_000):
        window.undo_action.trigger()  # a fix is undoable like any edit
    assert any(p.rule == "halfwidth_punctuation" for p in window.form.problems)


def test_an_issue_number_used_before_blocks_approval(
    qtbot: Any, make_desk: Callable[[], Desk]
) -> None:
    desk = make_desk()
    first = fixture("two_columns_three_articles")
    drop(desk, "第9期.txt", first)
    window = desk.window
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=10_000)
    second = json.loads(json.dumps(first))
    second["masthead"]["total_issue"] = 402
    second["sections"][0]["articles"][0]["paragraphs"].append("又一期的补充说明。")
    drop(desk, "第9期重复.txt", second)
    qtbot.waitUntil(lambda: window.model.rowCount() == 2, timeout=10_000)
    window.select_bulletin(max(window.model.id_at(0) or 0, window.model.id_at(1) or 0))
    used = select_problem(desk, "issue_used")
    assert used.is_error
    with qtbot.waitSignal(window.message) as refused:
        window.approve_action.trigger()
    assert refused.args[0] == "不能批准"
    assert "已经有了" in refused.args[1]
    for box in list(window.notices):
        box.close()


def test_series_suggestions_are_inferred_until_confirmed(
    qtbot: Any, make_desk: Callable[[], Desk]
) -> None:
    from editor.core.series import Series
    from editor.gui.form.fields import DOUBTFUL

    desk = make_desk()
    desk.store.save_series(Series(name="四川省地方志工作简报", issuer="四川省地方志工作办公室"))
    drop(desk, "无报头.txt", fixture("no_masthead"))
    window = desk.window
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=10_000)
    window.table.selectRow(0)
    suggestion = select_problem(desk, "suggestion")
    assert suggestion.path == "masthead.date"  # from the 印发 date, listed first
    names = [
        window.problem_list.item(r).data(Qt.ItemDataRole.UserRole)
        for r in range(window.problem_list.count())
    ]
    (name_row,) = [
        i for i, p in enumerate(names) if p.rule == "suggestion" and p.path == "masthead.name"
    ]
    window.problem_list.setCurrentRow(name_row)
    with qtbot.waitSignal(window.saved, timeout=5_000):
        qtbot.mouseClick(window.fix_button, Qt.MouseButton.LeftButton)
    field = window.form.fields["masthead.name"]
    assert field.widget.text() == "四川省地方志工作简报"  # type: ignore[attr-defined]
    assert field.state == DOUBTFUL
    assert any("推断值" in reason for reason in field.reasons)
    inferred = select_problem(desk, "inferred")
    assert inferred.is_error  # blocks approval until confirmed
    with qtbot.waitSignal(window.saved, timeout=5_000):
        qtbot.mouseClick(window.fix_button, Qt.MouseButton.LeftButton)
    assert not [p for p in window.form.problems if p.rule == "inferred"]
    assert window.record is not None
    stored = desk.store.get(window.record.id).current
    assert stored is not None
    assert stored.masthead.name == "四川省地方志工作简报"
    assert "inferred" not in stored.extra
