"""The desk fits the office's screen (1280×800 and smaller), status bar included."""

from __future__ import annotations

from collections.abc import Callable

from editor.gui.app import Desk


def test_the_desk_opens_within_the_screens_free_area(make_desk: Callable[[], Desk]) -> None:
    window = make_desk().window
    screen = window.screen()
    assert screen is not None
    free = screen.availableGeometry()
    assert window.width() <= free.width()
    assert window.height() <= free.height()
    assert window.inbox_log_button.isVisible()  # the status bar is on the screen
