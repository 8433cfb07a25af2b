"""Editing leases (issue 17): one desk edits a bulletin at a time, whichever archive holds it.

Run on SQLite and PostgreSQL alike (``store`` is parametrized in conftest.py); ``reopen``
opens the same archive again, as a second desk does. Expiry is tested by changing
``editor.core.store.LEASE_SECONDS`` (read at each take and save), never by waiting.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from support.archive import arrive as arrive_as

import editor.core.store as store_module
from editor.core.model import Article, Bulletin, Masthead, Section
from editor.core.store import (
    LEASE_SECONDS,
    EditConflict,
    Lease,
    LeaseHeld,
    Store,
    StoreError,
)

Opener = Callable[..., Store]


def arrive(store: Store, name: str = "a.txt") -> int:
    bulletin = Bulletin(masthead=Masthead(name="工作简报", issue=1))
    bulletin.sections = [Section("工作动态", [Article(title=name, paragraphs=["正文。"])])]
    return arrive_as(store, name, bulletin)


def edited(store: Store, bulletin_id: int, printer: str) -> Bulletin:
    bulletin = store.get(bulletin_id).current
    assert bulletin is not None
    bulletin.imprint.printer = printer
    return bulletin


def take(
    store: Store,
    bulletin_id: int,
    desk: str,
    *,
    user: str = "张三",
    host: str = "PC-2",
    force: bool = False,
) -> Lease:
    return store.take_lease(bulletin_id, user=user, desk=desk, host=host, force=force)


def notes(store: Store, bulletin_id: int) -> list[tuple[str, str, str]]:
    return [
        (r.action, r.user, r.new_value)
        for r in store.revisions(bulletin_id)
        if r.field_path == "note"
    ]


def test_a_free_bulletin_is_leased_and_another_desk_sees_it(store: Store, reopen: Opener) -> None:
    bulletin_id = arrive(store)
    assert store.lease_of(bulletin_id) is None
    assert store.leases() == {}
    before = datetime.now(UTC)
    lease = take(store, bulletin_id, "desk-A", user="张三", host="PC-2")
    assert (lease.bulletin_id, lease.user, lease.desk, lease.host) == (
        bulletin_id,
        "张三",
        "desk-A",
        "PC-2",
    )
    assert lease.expires.utcoffset() == timedelta(0)  # aware, in UTC
    lasts = lease.expires - before
    assert timedelta(seconds=LEASE_SECONDS - 10) < lasts < timedelta(seconds=LEASE_SECONDS + 10)
    other = reopen()
    assert other.lease_of(bulletin_id) == lease
    assert other.leases() == {bulletin_id: lease}
    # The other desk asks too: the lease in force is the first desk's, unchanged.
    assert take(other, bulletin_id, "desk-B", user="李四", host="PC-3") == lease
    assert store.lease_of(bulletin_id) == lease
    assert notes(store, bulletin_id) == []


def test_taking_again_renews_the_lease(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    bulletin_id = arrive(store)
    first = take(store, bulletin_id, "desk-A")
    monkeypatch.setattr(store_module, "LEASE_SECONDS", 900)
    again = take(store, bulletin_id, "desk-A", host="PC-2 新名")
    assert again.desk == "desk-A"
    assert again.host == "PC-2 新名"
    assert again.expires - first.expires > timedelta(seconds=800)
    assert store.lease_of(bulletin_id) == again


def test_an_expired_lease_holds_nothing(
    store: Store, reopen: Opener, monkeypatch: pytest.MonkeyPatch
) -> None:
    bulletin_id = arrive(store)
    monkeypatch.setattr(store_module, "LEASE_SECONDS", -1)  # over as soon as it is taken
    lapsed = take(store, bulletin_id, "desk-A")
    assert lapsed.desk == "desk-A"
    assert store.lease_of(bulletin_id) is None
    assert store.leases() == {}
    other = reopen()
    # Another desk saves without being refused, and takes the bulletin without forcing.
    assert other.save_edit(bulletin_id, edited(other, bulletin_id, "乙"), "李四", desk="desk-B")
    monkeypatch.setattr(store_module, "LEASE_SECONDS", 90)
    mine = take(other, bulletin_id, "desk-B", user="李四", host="PC-3")
    assert (mine.desk, mine.user) == ("desk-B", "李四")
    assert store.lease_of(bulletin_id) == mine
    assert notes(store, bulletin_id) == []  # nothing was taken from anyone


def test_taking_over_a_live_lease_is_noted_in_the_history(store: Store, reopen: Opener) -> None:
    bulletin_id = arrive(store)
    take(store, bulletin_id, "desk-A", user="张三", host="PC-2")
    other = reopen()
    version = store.get(bulletin_id).version
    mine = take(other, bulletin_id, "desk-B", user="李四", host="PC-3", force=True)
    assert (mine.desk, mine.user, mine.host) == ("desk-B", "李四", "PC-3")
    assert store.lease_of(bulletin_id) == mine
    assert notes(store, bulletin_id) == [("status", "李四", "接管编辑（此前由 张三 在 PC-2 编辑）")]
    assert store.get(bulletin_id).version == version  # the bulletin itself is as it was
    # Forcing a lease that is one's own already takes nothing from anyone.
    take(other, bulletin_id, "desk-B", user="李四", host="PC-3", force=True)
    assert len(notes(store, bulletin_id)) == 1
    # The desk that lost it is now the one refused.
    with pytest.raises(LeaseHeld, match="李四（PC-3）正在编辑这份简报"):
        store.save_edit(bulletin_id, edited(store, bulletin_id, "甲"), "张三", desk="desk-A")


def test_an_unknown_bulletin_cannot_be_leased(store: Store) -> None:
    with pytest.raises(StoreError, match="没有编号为 99 的简报"):
        take(store, 99, "desk-A")
    assert store.lease_of(99) is None
    store.release_lease(99, "desk-A")  # nothing to release: no error


def test_releasing_one_lease_or_all_of_a_desk(store: Store, reopen: Opener) -> None:
    first, second, third = (arrive(store, f"{n}.txt") for n in (1, 2, 3))
    take(store, first, "desk-A")
    take(store, second, "desk-A")
    other = reopen()
    theirs = take(other, third, "desk-B", user="李四", host="PC-3")
    other.release_lease(first, "desk-B")  # not theirs: nothing happens
    assert store.lease_of(first) is not None
    store.release_lease(first, "desk-A")
    assert store.lease_of(first) is None
    store.release_lease(first, "desk-A")  # again: nothing happens
    assert set(store.leases()) == {second, third}
    store.release_desk("desk-A")
    assert store.leases() == {third: theirs}
    store.release_desk("desk-A")  # again: nothing happens
    assert other.leases() == {third: theirs}


def test_another_desk_s_lease_refuses_saves_and_steps(store: Store, reopen: Opener) -> None:
    bulletin_id = arrive(store)
    holder = take(store, bulletin_id, "desk-A", user="张三", host="PC-2")
    other = reopen()
    record = other.get(bulletin_id)
    with pytest.raises(LeaseHeld, match="张三（PC-2）正在编辑这份简报") as caught:
        other.save_edit(
            bulletin_id,
            edited(other, bulletin_id, "乙"),
            "李四",
            base_version=record.version,
            desk="desk-B",
        )
    assert isinstance(caught.value, EditConflict)  # a desk that handles conflicts handles it
    assert caught.value.lease == holder
    assert caught.value.bulletin_id == bulletin_id
    assert caught.value.user == "张三"
    with pytest.raises(LeaseHeld, match="张三（PC-2）"):
        other.transition(bulletin_id, "approve", "李四", desk="desk-B")
    assert other.get(bulletin_id).version == record.version  # nothing was written
    assert other.get(bulletin_id).status == "new"
    # The holder saves and steps.
    assert store.save_edit(bulletin_id, edited(store, bulletin_id, "甲"), "张三", desk="desk-A")
    assert store.transition(bulletin_id, "reject", "张三", desk="desk-A") == "rejected"
    assert store.transition(bulletin_id, "reopen", "张三", desk="desk-A") == "in_review"
    # Without a desk (the command line, older callers) nothing is checked.
    assert other.save_edit(bulletin_id, edited(other, bulletin_id, "丙"), "李四") == 1
    # Once released, the other desk may.
    store.release_lease(bulletin_id, "desk-A")
    assert other.save_edit(bulletin_id, edited(other, bulletin_id, "乙"), "李四", desk="desk-B")
    assert other.transition(bulletin_id, "approve", "李四", desk="desk-B") == "approved"
    assert store.lease_of(bulletin_id) is None  # saving takes no lease


def test_a_save_by_the_holder_renews_its_lease(
    store: Store, reopen: Opener, monkeypatch: pytest.MonkeyPatch
) -> None:
    bulletin_id = arrive(store)
    monkeypatch.setattr(store_module, "LEASE_SECONDS", -1)
    take(store, bulletin_id, "desk-A")
    assert store.lease_of(bulletin_id) is None  # lapsed
    other = reopen()
    other.save_edit(bulletin_id, edited(other, bulletin_id, "乙"), "李四", desk="desk-B")
    assert store.lease_of(bulletin_id) is None  # another desk's save renews nothing
    monkeypatch.setattr(store_module, "LEASE_SECONDS", 90)
    unchanged = store.get(bulletin_id).current
    assert unchanged is not None
    # An autosave that changes nothing still renews it.
    assert store.save_edit(bulletin_id, unchanged, "张三", desk="desk-A") == 0
    lease = store.lease_of(bulletin_id)
    assert lease is not None
    assert lease.desk == "desk-A"
    assert lease.expires > datetime.now(UTC) + timedelta(seconds=60)
    monkeypatch.setattr(store_module, "LEASE_SECONDS", 900)
    store.transition(bulletin_id, "approve", "张三", desk="desk-A")  # a step renews it too
    renewed = store.lease_of(bulletin_id)
    assert renewed is not None
    assert renewed.expires - lease.expires > timedelta(seconds=800)


def test_two_desks_taking_free_bulletins_at_once_get_one_holder_each(
    store: Store, reopen: Opener
) -> None:
    ids = [arrive(store, f"{n}.txt") for n in range(60)]
    other = reopen()
    barrier = threading.Barrier(2)
    taken: dict[str, list[Lease]] = {"desk-A": [], "desk-B": []}
    errors: list[BaseException] = []

    def race(desk_store: Store, desk: str) -> None:
        try:
            for bulletin_id in ids:
                barrier.wait(30)
                taken[desk].append(take(desk_store, bulletin_id, desk, user=desk))
        except BaseException as err:
            errors.append(err)
            barrier.abort()

    threads = [
        threading.Thread(target=race, args=(desk_store, desk))
        for desk_store, desk in ((store, "desk-A"), (other, "desk-B"))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert errors == []
    held = store.leases()
    assert set(held) == set(ids)
    for bulletin_id, mine, theirs in zip(ids, taken["desk-A"], taken["desk-B"], strict=True):
        assert mine == theirs == held[bulletin_id]  # both were told of the one winner
        assert mine.user == mine.desk  # and it is a whole lease, not a mix of the two
    assert all(notes(store, bulletin_id) == [] for bulletin_id in ids)
