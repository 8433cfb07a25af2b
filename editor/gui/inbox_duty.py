"""One desk takes the shared inbox: the one holding the archive's inbox claim.

Desks sharing an archive share its inbox folder too; if each watched it, every file would
be read by all of them (recorded once, thanks to sha256, but parsed and reported several
times). The store's :meth:`~editor.core.store.Store.claim_inbox` elects one: a PostgreSQL
advisory lock held by that desk's session, or a lock file beside a SQLite archive. The
others ask again every few seconds, so when the holder goes away (closed, crashed, its
network gone) another desk takes over within that time.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from editor.core.inbox import InboxWatcher
from editor.core.ingest import Outcome, RepeatFilter, inbox_known, ingest_file
from editor.core.ingest_batch import take_settled
from editor.core.store import InboxClaim, Store, StoreError
from editor.gui.settings import AppSettings

RETRY_MS = 5_000
"""How often a desk without the inbox asks for it (and the holder checks it still holds it)."""


class InboxDuty(QObject):
    """Watches the inbox while this desk holds the claim; asks for it while it does not.

    ``watcher`` is always there (its ``folder`` is the inbox), running only on duty.
    Outcomes and problems go to ``on_outcome`` / ``on_problem`` from the watcher's thread
    (the window's bridge signals, so they reach the GUI thread queued).
    """

    duty_changed = Signal(bool)  # this desk takes the inbox now (True) or another one does

    def __init__(
        self,
        store: Store,
        desk: str,
        settings: AppSettings,
        *,
        user: Callable[[], str],
        on_outcome: Callable[[Outcome], None],
        on_problem: Callable[[str], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.store, self.desk, self.settings = store, desk, settings
        self.user, self.on_outcome, self.on_problem = user, on_outcome, on_problem
        self.claim: InboxClaim | None = None
        self.watcher = self._watcher(settings)
        self.timer = QTimer(self, interval=RETRY_MS)
        self.timer.timeout.connect(self.check)

    @property
    def on_duty(self) -> bool:
        return self.claim is not None

    def start(self) -> None:
        self.check()
        self.timer.start()
        if self.claim is None:  # said at once: another desk takes the inbox
            self.duty_changed.emit(False)

    def check(self) -> None:
        """Keep the claim, or take it when it is free; start or stop watching to match."""
        if self.claim is not None and not self._still_holding(self.claim):
            self._let_go()
            self.duty_changed.emit(False)
        if self.claim is None:
            try:
                claim = self.store.claim_inbox(self.desk)
            except StoreError:
                claim = None  # the server is away: ask again at the next tick
            if claim is not None:
                self.claim = claim
                self.watcher = self._watcher(self.settings)
                self.watcher.start()
                self.duty_changed.emit(True)

    def restart(self, settings: AppSettings) -> None:
        """Another inbox folder, or another way of watching: a fresh watcher if on duty."""
        self.settings = settings
        self.watcher.stop()
        self.watcher = self._watcher(settings)
        if self.claim is not None:
            self.watcher.start()

    def stop(self) -> None:
        self.timer.stop()
        self._let_go()

    def _let_go(self) -> None:
        self.watcher.stop()
        claim, self.claim = self.claim, None
        if claim is not None:
            with contextlib.suppress(Exception):  # a lost session has let go already
                claim.release()

    @staticmethod
    def _still_holding(claim: InboxClaim) -> bool:
        try:
            return claim.holding()
        except Exception:  # a claim that cannot say is a claim lost
            return False

    def _watcher(self, settings: AppSettings) -> InboxWatcher:
        store, inbox = self.store, settings.inbox
        repeats = RepeatFilter()

        def said(outcome: Outcome) -> None:
            if repeats.fresh(outcome):
                self.on_outcome(outcome)

        def take(path: Path) -> bool:  # on the watcher's thread
            outcome = ingest_file(store, path, user=self.user(), inbox=inbox, relative=True)
            said(outcome)
            return not outcome.retry_later

        def take_many(paths: list[Path]) -> dict[Path, bool]:  # many settled at once
            user, stop = self.user(), watcher.stopping
            return take_settled(store, paths, user=user, inbox=inbox, said=said, stop=stop)

        watcher = InboxWatcher(
            inbox,
            take,
            is_known=inbox_known(store, inbox),
            on_error=self.on_problem,
            on_ready_many=take_many,
            polling=settings.polling,
            stability_delay=settings.stability_delay,
        )
        return watcher


def duty_text(on_duty: bool) -> str:
    """The status bar's word on who takes the inbox."""
    if on_duty:
        return QCoreApplication.translate("inbox_duty", "这台编审台负责收件")
    return QCoreApplication.translate(
        "inbox_duty", "收件由另一台编审台负责（它关闭后这台自动接替）"
    )
