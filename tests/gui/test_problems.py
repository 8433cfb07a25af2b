"""Validation in the desk: problems listed, fixed with one click, errors blocking approval."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from support.desk import type_into
from support.render import RenderOptions, render

from editor.core.checks import Problem
from editor.core.ingest import ingest_file
from editor.core.paths import DataDir
from editor.core.store import SqliteStore
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


def rules_of(desk: Desk) -> list[str]:
    window = desk.window
    return [
        window.problem_list.item(r).data(Qt.ItemDataRole.UserRole).rule
        for r in range(window.problem_list.count())
    ]


def test_the_newcomer_is_flagged_not_the_exported_copy_and_can_be_marked(
    qtbot: Any, make_desk: Callable[[], Desk]
) -> None:
    """#1 exported stays clean when a later copy of the same issue arrives; the later copy is
    flagged, named against #1, and marked a duplicate (rejected, reason kept) or a new version."""
    desk = make_desk()
    window = desk.window
    first = fixture("two_columns_three_articles")
    drop(desk, "第9期.txt", first)
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=10_000)
    (one,) = desk.store.ids()
    desk.store.transition(one, "approve", "编辑甲")
    desk.store.transition(one, "export", "编辑甲", detail="第9期.docx")
    for n, name in enumerate(("第9期又一份.txt", "第9期更正.txt"), start=1):
        again = json.loads(json.dumps(first))
        again["sections"][0]["articles"][0]["paragraphs"].append(f"补充说明第{n}条。")
        drop(desk, name, again)
        qtbot.waitUntil(lambda n=n: window.model.rowCount() == 1 + n, timeout=10_000)
    two, three = sorted(set(desk.store.ids()) - {one})

    window.select_bulletin(one)
    qtbot.waitUntil(lambda: window.record is not None and window.record.id == one)
    assert "issue_used" not in rules_of(desk)

    window.select_bulletin(two)
    qtbot.waitUntil(lambda: window.record is not None and window.record.id == two)
    used = select_problem(desk, "issue_used")
    assert f"#{one}" in used.message
    assert "已导出" in used.message
    buttons = {b.objectName(): b for b in window.problems.action_buttons}
    assert set(buttons) == {"problemAction.duplicate", "problemAction.new_version"}
    assert f"#{one}" in buttons["problemAction.duplicate"].text()
    buttons["problemAction.duplicate"].click()
    qtbot.waitUntil(lambda: window.record is not None and window.record.status == "rejected")
    notes = [r.new_value for r in desk.store.revisions(two) if r.field_path == "note"]
    assert any(f"#{one}" in str(note) for note in notes)

    window.select_bulletin(three)
    qtbot.waitUntil(lambda: window.record is not None and window.record.id == three)
    select_problem(desk, "issue_used")  # #2 is rejected: #1 still holds the number
    buttons = {b.objectName(): b for b in window.problems.action_buttons}
    buttons["problemAction.new_version"].click()
    qtbot.waitUntil(lambda: "issue_used" not in rules_of(desk))
    assert desk.store.supersedes(three) == one
    assert window.record is not None
    assert window.record.status != "rejected"


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


def test_a_number_changed_in_the_series_is_seen_by_the_next_bulletin_opened(
    qtbot: Any, make_desk: Callable[[], Desk], tmp_path: Path
) -> None:
    """The desk keeps a series' issues from one selection to the next; a number changed in
    one of them (typed here, saved) counts the next time a bulletin of the series opens."""
    ninth = fixture("two_columns_three_articles")
    tenth = json.loads(json.dumps(ninth))
    tenth["masthead"]["issue"], tenth["masthead"]["total_issue"] = 10, 402
    tenth["sections"][0]["articles"][0]["paragraphs"].append("第十期的补充说明。")
    arrived = tmp_path / "已收"
    arrived.mkdir()
    with SqliteStore(DataDir(tmp_path / "data")) as store:  # in the archive before the desk
        for name, data in (("第9期.txt", ninth), ("第10期.txt", tenth)):
            (arrived / name).write_bytes(render(data, RenderOptions()).data)
            assert ingest_file(store, arrived / name, inbox=arrived).kind == "new"
        one, two = sorted(store.ids())
    desk = make_desk()
    window = desk.window
    window.select_bulletin(two)
    qtbot.waitUntil(lambda: window.record is not None and window.record.id == two)
    assert "issue_used" not in rules_of(desk)
    window.select_bulletin(one)
    qtbot.waitUntil(lambda: window.record is not None and window.record.id == one)
    type_into(qtbot, desk, "masthead.issue", "10")  # #1 is now 第10期 too, and came first

    window.select_bulletin(two)
    qtbot.waitUntil(lambda: window.record is not None and window.record.id == two)
    used = select_problem(desk, "issue_used")
    assert f"#{one}" in used.message
