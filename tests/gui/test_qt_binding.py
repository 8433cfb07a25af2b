"""The Qt binding itself: faults of a PySide6 release that would bring the desk down
(pyproject.toml excludes the release that has them)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    fired = Signal(bool)
    counted = Signal(int)


def test_emitting_signals_does_not_use_up_true(qapp: object) -> None:
    """PySide6 6.12.0 gives up a reference to True at every ``emit()`` from Python, whatever
    the arguments: on Python 3.11 (where True is an ordinary object) the desk aborted with
    "Fatal Python error: bool_dealloc" after a few hundred signals (busy, progress, inbox
    outcomes). pyproject.toml excludes that release; this catches a binding that does it."""
    emitter = _Emitter()
    heard: list[object] = []
    emitter.fired.connect(heard.append)
    emitter.counted.connect(heard.append)
    before = sys.getrefcount(True)
    for n in range(50):  # (few: a binding with the fault then fails here instead of aborting)
        emitter.fired.emit(n % 2 == 0)
        emitter.counted.emit(n)
    assert len(heard) == 100
    heard.clear()
    # (on Python 3.12 and later True is immortal and its count a fixed large number)
    assert sys.getrefcount(True) >= before - 25


def test_calling_qt_does_not_use_up_none(qapp: object) -> None:
    """The same release gives up a reference to None at every call of a Qt method that
    returns nothing (setEnabled, setText, hide …): "Fatal Python error: none_dealloc"."""
    thing = QObject()
    before = sys.getrefcount(None)
    for n in range(50):  # (few, as above)
        thing.setObjectName(f"第{n}个")
    assert thing.objectName() == "第49个"
    assert sys.getrefcount(None) >= before - 25
