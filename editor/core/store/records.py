"""What every archive hands out, whichever database holds it: records, summaries, revisions,
the errors, and the columns the queue and the search derive from a bulletin."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from editor.core.model import Bulletin
from editor.core.store.packing import TITLES_END

UNREADABLE_KEY = "unreadable:"
"""Prefix of the key of a record whose file could not be read (no bytes to hash)."""

RECOGNITION_AGAIN = "重新识别"
"""The history's note when a failed scan is sent back to OCR."""


def arrival_detail(
    source_name: str, bulletin: Bulletin | None, failure: str | None, recognising: bool
) -> str | None:
    """What the history says of a bulletin's arrival."""
    if recognising and bulletin is None:
        return f"收到 {source_name}（扫描件，等待文字识别）"
    return failure if bulletin is None else f"收到 {source_name}"


def recognition_detail(bulletin: Bulletin | None, failure: str | None) -> str:
    """What the history says when a scan's OCR ends."""
    if bulletin is not None:
        return "文字识别完成"
    return f"文字识别未成功：{failure or '原因不明'}"


RANKED = 1000
"""How many of the newest matches a full-text search ranks by relevance.

Read as ``editor.core.store.RANKED`` at each search, by every store."""


LEASE_SECONDS = 90
"""How long an editing lease lasts unless renewed (the desk renews it while the editor works).

Short, so a desk that crashed or lost its network frees the bulletin within moments. Read as
``editor.core.store.LEASE_SECONDS`` at each take or save, by every store (tests change it)."""


class StoreError(Exception):
    """A request the archive cannot satisfy (unknown id, database problem)."""


class EditConflict(StoreError):
    """A change made on a version of a bulletin that is no longer the latest: refused.

    Someone else (another desk, another process) wrote the bulletin after the
    caller read it; writing now would silently undo their change. The message
    names who changed it last and when; the attributes say the same for a desk
    that wants to offer choices.
    """

    def __init__(
        self,
        bulletin_id: int,
        *,
        base_version: int,
        version: int,
        user: str | None,
        at: str | None,
    ) -> None:
        self.bulletin_id = bulletin_id
        self.base_version = base_version
        self.version = version
        self.user = user
        self.at = at
        who = f"已被 {user} 在 {when_said(at)} 修改" if user and at else "已在别处被修改"
        super().__init__(
            f"这份简报（#{bulletin_id}）{who}，你的更改没有存入，以免覆盖对方的修改；"
            "请载入最新的版本后再改"
        )


@dataclass(frozen=True)
class Lease:
    """Who is editing a bulletin, from which desk, until when (if not renewed).

    ``desk`` tells one running desk from another (the same editor may have two open);
    ``host`` is the computer's name and ``user`` the editor's, both for people to read.
    ``expires`` is timezone-aware UTC, by the archive's clock.
    """

    bulletin_id: int
    user: str
    desk: str
    host: str
    expires: dt.datetime

    def holder(self) -> str:
        """The holder as a message names them: 张三（PC-2）."""
        who = self.user or "另一位编辑"
        return f"{who}（{self.host}）" if self.host else who


class LeaseHeld(EditConflict):
    """A save or workflow step from one desk while another desk holds the bulletin's lease.

    A kind of EditConflict, so a desk that already handles those refuses it the same way;
    ``lease`` says who holds it (``user`` too, and ``version`` is the archive's).
    """

    def __init__(self, lease: Lease, *, version: int) -> None:
        self.lease = lease
        self.bulletin_id = lease.bulletin_id
        self.base_version = version
        self.version = version
        self.user = lease.user
        self.at = None
        StoreError.__init__(
            self,
            f"{lease.holder()}正在编辑这份简报（#{lease.bulletin_id}），这里的更改没有存入；"
            "请等对方编辑完，或接管编辑后再改",
        )


def takeover_note(lease: Lease) -> str:
    """The history's note when a desk takes over another's live lease."""
    where = f" 在 {lease.host}" if lease.host else ""
    return f"接管编辑（此前由 {lease.user or '另一位编辑'}{where} 编辑）"


TAKEOVER_ACTION = "status"
"""The revision kind of a take-over note: one the history dialog and ``show`` already label
(状态), with ``field_path`` ``note`` (备注) like a transition's note; never restorable."""


def now() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


def when_said(stamp: str | None) -> str:
    """An archive time as a person says it: 14:02 today, 5月3日 14:02 this year, else with the
    year."""
    if not stamp:
        return "不久前"
    try:
        moment = dt.datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    today = dt.datetime.now(moment.tzinfo).date()
    clock = f"{moment.hour:02d}:{moment.minute:02d}"
    if moment.date() == today:
        return clock
    if moment.year == today.year:
        return f"{moment.month}月{moment.day}日 {clock}"
    return f"{moment.year}年{moment.month}月{moment.day}日 {clock}"


@dataclass(frozen=True)
class Summary:
    """One row of the queue: what a list needs without the bulletin itself."""

    id: int
    status: str
    series: str | None
    issue: int | None
    total_issue: int | None
    issue_date: str | None
    title: str | None
    warning_count: int
    source_path: str
    source_name: str
    received_at: str
    failure: str | None
    previous_id: int | None

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)

    @classmethod
    def from_row(cls, row: Sequence[Any]) -> Summary:
        """A summary from a row of :data:`SUMMARY_FIELDS`' columns, without the frozen
        ``__init__`` (which sets each field through ``object.__setattr__``): half the time,
        which is a millisecond or two of a search returning 1,000 hits."""
        summary = object.__new__(cls)
        summary.__dict__.update(zip(SUMMARY_FIELDS, row, strict=True))
        return summary


SUMMARY_FIELDS = tuple(Summary.__dataclass_fields__)
"""The summary's fields in order (its constructor's arguments)."""


@dataclass(frozen=True)
class Record:
    """A bulletin in the archive: its summary, the parse, the current edit, the audit fields.

    ``version`` counts the writes to the bulletin (1 when it arrived, one more for every
    edit, transition or mark); a change made on it passes it back as ``base_version``.
    """

    summary: Summary
    sha256: str
    parsed: Bulletin | None
    current: Bulletin | None
    approved_by: str | None
    approved_at: str | None
    exported_path: str | None
    exported_at: str | None
    version: int = 1

    @property
    def id(self) -> int:
        return self.summary.id

    @property
    def status(self) -> str:
        return self.summary.status


@dataclass(frozen=True)
class Revision:
    id: int
    bulletin_id: int
    at: str
    user: str
    action: str
    field_path: str | None
    old_value: Any
    new_value: Any


@dataclass(frozen=True)
class Arrival:
    """One file to record (:meth:`Store.add_many`): what :meth:`Store.add` takes, as a value."""

    source_path: str
    source_name: str
    sha256: str
    size: int
    mtime_ns: int
    bulletin: Bulletin | None
    failure: str | None
    user: str
    recognising: bool = False
    packed: bytes | None = None  # the bulletin already packed (packing.pack_bulletin, from its
    # text_dictionary) by a worker


class Added(NamedTuple):
    """What :meth:`Store.add` did: the bulletin's id, the version it replaced, or the copy it is."""

    bulletin_id: int
    previous: int | None
    duplicate: bool = False


def index_fields(bulletin: Bulletin | None) -> dict[str, Any]:
    """The columns the queue and the search read, derived from a bulletin."""
    if bulletin is None:
        return {
            "series": None,
            "issue": None,
            "total_issue": None,
            "issue_date": None,
            "title": None,
            "search_text": "",
        }
    articles = bulletin.articles()
    titles = [a.title.replace("\n", "") for a in articles if a.title]
    # Bylines and subheadings are found like the body (an author's name, a heading's words).
    body = "\n".join(text for a in articles for text in ([a.byline] if a.byline else []) + a.texts)
    return {
        "series": bulletin.masthead.name,
        "issue": bulletin.masthead.issue,
        "total_issue": bulletin.masthead.total_issue,
        "issue_date": bulletin.masthead.date or bulletin.imprint.print_date,
        "title": titles[0] if titles else None,
        "search_text": "\n".join(titles) + TITLES_END + body,
    }
