"""The shared archive on a PostgreSQL server (issue 17): several desks editing the same
bulletins lose no update; how soon another desk hears of a change; search at 10k and 100k.

``.venv/bin/python -m benchmarks.bench_shared [--quick] [--100k] [--no-sqlite] …``

Runs on a throwaway server (``tests/support/postgres.py``: Debian's PostgreSQL, fsync off),
on loopback. Three parts, each in a database of its own:

- Desks: ``--desks`` processes (default 5), each with its own PgStore and connection pool,
  make ``--edits`` edits each (default 200) to the same ``--bulletins`` bulletins (default 3),
  all at once. An edit reads the bulletin, appends a paragraph with a marker no other edit
  uses and saves on the version it read; EditConflict means read again and redo. Afterwards
  every acknowledged marker must be in the bulletin's final text and be the one paragraph
  its revision added, each revision's old value must be the previous revision's new one, and
  no two saves may have made the same version: an edit written over by a desk that had not
  seen it shows up as a lost update. (``--without-base-version`` saves without the version
  check and shows the check at work.) Floor: the same save by one desk alone.
- Change feed: a save on one store until ``editor.core.store.changes.watch_changes`` on
  another store reports the bulletin. Floor: a bare psycopg NOTIFY → LISTEN round trip.
- Search: an archive of 10,000 realistic bulletins (``--100k``: then 100,000; several minutes
  to fill), about 6 KB of Chinese text each, recombined from the shared corpus and the test
  fixtures, written with COPY in PgStore.add's columns, the search columns computed by the
  store's own functions, the search indexes built afterwards from their own definitions.
  Queries of 1 to 4 characters, with punctuation, rare and absent, at the desk's limit
  (1000 hits): the first call on the store, then warm. Floors: ``SELECT 1`` and a
  primary-key lookup. Then the same queries with psycopg's prepared statements off (a
  diagnostic: see :class:`_UnpreparedPgStore`), and on the SQLite archive at 10k (filled by
  store.add; ``--no-sqlite`` skips it), whose hits the server's are compared with.

Figures are printed (min/median/max and the ratio to the floor), never asserted; only the
lost-update count is expected to be 0.
"""

from __future__ import annotations

import argparse
import copy
import importlib
import json
import multiprocessing
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache, partial
from pathlib import Path
from typing import Any

import psycopg
from support.postgres import (
    PostgresFailed,
    PostgresServer,
    PostgresUnavailable,
    fresh_database,
    postgres_server,
)

from benchmarks.shared_desk_child import marker
from benchmarks.timing import HEADER, Timing
from editor.core.diff import flatten
from editor.core.model import Bulletin
from editor.core.paths import DataDir
from editor.core.store import SqliteStore, Store
from editor.core.store.pg import PgStore
from editor.core.store.pg_search import TOKENS_KIND
from editor.core.store.records import index_fields

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
FIXTURES = ROOT / "tests" / "fixtures" / "bulletins"
DESK_LIMIT = 1000
"""How many hits the desk's queue asks for (editor/gui/queue_model.py)."""
START = datetime(2020, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Options:
    desks: int = 5
    edits: int = 200
    bulletins: int = 3
    notifies: int = 50
    sizes: tuple[int, ...] = (10_000,)
    runs: int = 10
    runs_large: int = 5
    """Warm runs per query above 10,000 bulletins."""
    sqlite: bool = True
    unprepared: bool = True
    checked: bool = True
    workers: int = 2


QUICK = Options(edits=40, notifies=20, runs=5, sqlite=False)


def timing(name: str, samples: list[float]) -> Timing:
    """min/median/max of samples already taken (milliseconds)."""
    return Timing(name, len(samples), statistics.median(samples), min(samples), max(samples))


ECHO = False
"""Print each row when it is measured (the command line); under benchmarks.run the rows are
handed back and run.py prints them, the ratios to the floors going before them as notes."""


def show(row: Timing, floor: Timing | None = None) -> Timing:
    ratio = f"= {row.median_ms / floor.median_ms:.1f} × floor" if floor else ""
    if ECHO:
        print(f"{row.row()}   {ratio}", flush=True)
    elif floor:
        note(f"{row.name.strip()}: {ratio}")
    return row


def note(text: str) -> None:
    print(f"#   {text}", flush=True)


def repeat(call: Callable[[], object], runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


# --- realistic bulletins -------------------------------------------------------------------


@cache
def _material() -> tuple[list[dict[str, Any]], list[str], list[str]]:
    """Skeletons (the corpus' gold parses and the fixtures), their paragraphs and titles."""
    paths = sorted(CORPUS.glob("*.gold.json")) + sorted(FIXTURES.glob("*.json"))
    docs = [json.loads(p.read_text("utf-8")) for p in paths]
    paragraphs: list[str] = []
    titles: list[str] = []
    for doc in docs:
        for section in doc["sections"]:
            for article in section["articles"]:
                paragraphs += [p for p in article["paragraphs"] if isinstance(p, str)]
                if article.get("title"):
                    titles.append(article["title"])
    return docs, paragraphs, titles


def make_bulletin(index: int) -> Bulletin:
    """Bulletin ``index``: a skeleton's masthead and layout, about 2,000 characters (6 KB) of
    paragraphs drawn from every bulletin, and one sentence of its own."""
    docs, paragraphs, titles = _material()
    rng = random.Random(index)
    doc = copy.deepcopy(docs[index % len(docs)])
    articles = [a for s in doc["sections"] for a in s["articles"]]
    for article in articles:
        article["title"] = rng.choice(titles)
        article["paragraphs"] = []
    target, size = rng.randint(1700, 2200), 0
    while size < target:
        text = rng.choice(paragraphs)
        rng.choice(articles)["paragraphs"].append(text)
        size += len(text)
    articles[-1]["paragraphs"].append(f"本期为第{index}份，统一编号{index * 7919 % 100003:05d}。")
    masthead = doc["masthead"]
    if masthead.get("issue") is not None:
        masthead["issue"] = index % 60 + 1
    if masthead.get("date"):
        masthead["date"] = f"{2010 + index % 15}-{index % 12 + 1:02d}-{index % 28 + 1:02d}"
    doc.pop("warnings", None)
    return Bulletin.from_dict(doc)


def add(store: Store, index: int, bulletin: Bulletin | None = None) -> int:
    return store.add(
        source_path=f"/bench/inbox/{index:06}.txt",
        source_name=f"{index:06}.txt",
        sha256=f"bench-{index}",
        size=6 * 1024,
        mtime_ns=index,
        bulletin=bulletin or make_bulletin(index),
        failure=None,
        user="bench",
    ).bulletin_id


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


BULLETIN_COLUMNS = (
    "id, source_path, source_name, sha256, size, received_at, status, parsed, warnings, "
    "warning_count, updated_at, series, issue, total_issue, issue_date, title, search_lower, "
    "title_tokens, body_tokens, tokens_kind"
)


def _fill_chunk(job: tuple[str, int, int]) -> int:
    """COPY bulletins ``start`` … ``stop - 1`` (ids one more) as PgStore.add writes them, with
    the ingest revision and the file seen: the search columns by the store's own functions."""
    url, start, stop = job
    bulletins, revisions, sources = [], [], []
    for index in range(start, stop):
        bulletin = make_bulletin(index)
        fields = index_fields(bulletin)
        titles, body = PgStore._tokens(fields["search_text"])
        at = START + timedelta(minutes=index)
        name = f"{index:06}.txt"
        path, sha = f"/bench/inbox/{name}", f"bench-{index}"
        bulletins.append(
            (
                index + 1,
                path,
                name,
                sha,
                6 * 1024,
                at,
                "new",
                _dumps(bulletin.to_dict()),
                _dumps([w.to_dict() for w in bulletin.warnings]),
                len(bulletin.warnings),
                at,
                fields["series"],
                fields["issue"],
                fields["total_issue"],
                fields["issue_date"],
                fields["title"],
                fields["search_text"].lower(),
                titles,
                body,
                TOKENS_KIND,
            )
        )
        revisions.append((index + 1, at, "bench", "ingest", None, "null", _dumps(f"收到 {name}")))
        sources.append((path, 6 * 1024, index, sha, index + 1, at))
    with psycopg.connect(url) as conn, conn.cursor() as cur:
        for sql, rows in (
            (f"COPY bulletins ({BULLETIN_COLUMNS}) FROM STDIN", bulletins),
            (
                "COPY revisions (bulletin_id, at, username, action, field_path, old_value, "
                "new_value) FROM STDIN",
                revisions,
            ),
            (
                "COPY sources (path, size, mtime_ns, sha256, bulletin_id, seen_at) FROM STDIN",
                sources,
            ),
        ):
            with cur.copy(sql) as out:
                for row in rows:
                    out.write_row(row)
    return stop - start


def _build_index(url: str, definition: str) -> None:
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("SET maintenance_work_mem = '1GB'")
        conn.execute(definition)


def fill(url: str, start: int, stop: int, workers: int) -> dict[str, float]:
    """Bring the archive at ``url`` from ``start`` to ``stop`` bulletins: the GIN search
    indexes are dropped, the rows copied in by ``workers`` processes, the indexes made again
    from their own definitions (as pg_schema.py has them), then VACUUM ANALYZE."""
    began = time.perf_counter()
    with psycopg.connect(url, autocommit=True) as conn:
        indexes = conn.execute(
            "SELECT indexname, indexdef FROM pg_indexes "
            "WHERE tablename = 'bulletins' AND indexdef LIKE '%USING gin%' ORDER BY indexname"
        ).fetchall()
        for name, _ in indexes:
            conn.execute(f"DROP INDEX {name}")
    chunk = 1000
    jobs = [(url, at, min(at + chunk, stop)) for at in range(start, stop, chunk)]
    with multiprocessing.get_context("spawn").Pool(workers) as pool:
        copied = sum(pool.imap_unordered(_fill_chunk, jobs))
    assert copied == stop - start
    rows = time.perf_counter()
    with ThreadPoolExecutor(workers) as builders:  # one index per server process at a time
        list(builders.map(partial(_build_index, url), [d for _, d in indexes]))
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(
            "SELECT setval(pg_get_serial_sequence('bulletins', 'id'), "
            "(SELECT max(id) FROM bulletins))"
        )
        built = time.perf_counter()
        conn.execute("VACUUM ANALYZE")
        size = conn.execute("SELECT pg_database_size(current_database())").fetchone()
    ended = time.perf_counter()
    return {
        "rows_s": rows - began,
        "indexes_s": built - rows,
        "vacuum_s": ended - built,
        "mb": (size[0] if size else 0) / 1e6,
    }


# --- desks ---------------------------------------------------------------------------------


def desks(server: PostgresServer, options: Options) -> list[Timing]:
    print(
        f"# desks: {options.desks} processes × {options.edits} edits on the same "
        f"{options.bulletins} bulletins"
        + ("" if options.checked else " WITHOUT the version check (lost updates expected)"),
        flush=True,
    )
    results: list[Timing] = []
    with fresh_database(server) as url, _local() as local, PgStore(url, data=local) as store:
        ids = [add(store, index) for index in range(options.bulletins)]
        # Floor: the same edit by one desk alone, on a bulletin nobody else touches.
        solo_id = add(store, options.bulletins)
        solo: list[float] = []
        for edit in range(30):
            record = store.get(solo_id)
            assert record.current is not None
            record.current.articles()[0].paragraphs.append(marker(99, edit))
            start = time.perf_counter()
            store.save_edit(solo_id, record.current, "solo", base_version=record.version)
            solo.append((time.perf_counter() - start) * 1000)
        floor = show(timing("  floor: save_edit, one desk alone", solo[5:]))
        results.append(floor)
        reports = _run_desks(url, ids, options)
        lost = check(store, ids, reports)
    acked = [a for r in reports for a in r["acked"]]
    span = max(r["ended"] for r in reports) - min(r["began"] for r in reports)
    conflicts = sum(r["conflicts"] for r in reports)
    ok = [ms for r in reports for ms in r["save_ok_ms"]]
    refused = [ms for r in reports for ms in r["save_conflict_ms"]]
    edit_ms = [ms for r in reports for ms in r["edit_ms"]]
    results.append(show(timing("  save_edit, acknowledged (contended)", ok), floor))
    if refused:
        results.append(show(timing("  save_edit, refused: EditConflict", refused), floor))
    results.append(show(timing("  edit: read + save, with every retry", edit_ms), floor))
    retried = Counter(a["attempts"] for a in acked)
    note(
        f"edits acknowledged {len(acked)}, conflicts retried {conflicts} "
        f"(edits by attempts: {dict(sorted(retried.items()))}), "
        f"{len(acked) / span:.0f} edits/s over {span:.1f} s"
    )
    note(
        f"LOST UPDATES: {lost['lost']} (acknowledged, missing from the final text "
        f"{lost['missing_final']}, not the paragraph a revision added {lost['missing_history']}, "
        f"overwritten by a later revision {lost['dropped']}; revision chain breaks "
        f"{lost['breaks']}, versions made twice {lost['twice']}, final version "
        f"{'as counted' if lost['versions_ok'] else 'NOT 1 + saves'})"
    )
    return results


@contextmanager
def _local() -> Iterator[DataDir]:
    """A local data directory for PgStore (it keeps nothing of the archive there)."""
    with tempfile.TemporaryDirectory(prefix="jianxun-bench-") as folder:
        yield DataDir(Path(folder))


def _run_desks(url: str, ids: list[int], options: Options) -> list[dict[str, Any]]:
    env = dict(os.environ, PYTHONPATH=f"{ROOT}{os.pathsep}{ROOT / 'tests'}")
    argv = [sys.executable, "-m", "benchmarks.shared_desk_child", url]
    extra = [] if options.checked else ["--without-base-version"]
    children = [
        subprocess.Popen(
            [*argv, str(desk), str(options.edits), ",".join(map(str, ids)), *extra],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            cwd=ROOT,
            env=env,
            text=True,
            encoding="utf-8",
        )
        for desk in range(options.desks)
    ]
    try:
        for child in children:
            assert child.stdout is not None
            if child.stdout.readline().strip() != "ready":
                raise RuntimeError(f"desk process {child.pid} did not start")
        for child in children:  # all at once
            assert child.stdin is not None
            child.stdin.write("go\n")
            child.stdin.flush()
        reports = []
        for child in children:
            out, _ = child.communicate(timeout=1800)
            if child.returncode != 0:
                raise RuntimeError(f"desk process {child.pid} failed ({child.returncode})")
            reports.append(json.loads(out.strip().splitlines()[-1]))
        return reports
    finally:
        for child in children:
            if child.poll() is None:
                child.kill()
                child.wait()


def check(store: Store, ids: list[int], reports: list[dict[str, Any]]) -> dict[str, Any]:
    """Count the acknowledged edits the archive does not hold.

    Each edit appended one paragraph with its own marker to one article. So, per bulletin:
    every acknowledged marker must be in the final text, and be the one paragraph an edit
    revision added (its new value is its old value plus that paragraph); each revision's old
    value must be the previous revision's new one for that field (from the parse on), and
    the last must be the text the archive holds; a revision that leaves out markers of
    earlier edits has overwritten them; no two acknowledged saves may have made the same
    version, and the final version is one more than the number of saves. A desk that saved
    over an edit it had not seen breaks the first rule (its text lacks the marker).
    """
    acked = [a for r in reports for a in r["acked"]]
    markers = {a["marker"] for a in acked}
    in_final: set[str] = set()
    added: set[str] = set()
    dropped = breaks = twice = 0
    versions_ok = True
    for bulletin_id in ids:
        record = store.get(bulletin_id)
        assert record.parsed is not None
        assert record.current is not None
        in_final.update(p for a in record.current.articles() for p in a.texts)
        value = flatten(record.parsed)
        for revision in store.revisions(bulletin_id):
            if revision.action != "edit":
                continue
            path, old, new = revision.field_path, revision.old_value, revision.new_value
            assert path is not None
            if old != value.get(path):
                breaks += 1
            old_list = old if isinstance(old, list) else []
            new_list = new if isinstance(new, list) else []
            dropped += sum(1 for p in old_list if p in markers and p not in new_list)
            if new_list and new_list[:-1] == old_list and new_list[-1] in markers:
                added.add(new_list[-1])
            value[path] = new
        if value != flatten(record.current):
            breaks += 1  # the history does not end at the text the archive holds
        made = Counter(a["version"] for a in acked if a["bulletin"] == bulletin_id)
        twice += sum(n - 1 for n in made.values())
        versions_ok &= record.version == 1 + sum(made.values())
    return {
        "lost": sum(1 for m in markers if m not in in_final or m not in added),
        "missing_final": sum(1 for m in markers if m not in in_final),
        "missing_history": sum(1 for m in markers if m not in added),
        "dropped": dropped,
        "breaks": breaks,
        "twice": twice,
        "versions_ok": versions_ok,
    }


# --- change feed ---------------------------------------------------------------------------


def _watch_changes() -> Callable[..., Any] | None:
    """``editor.core.store.changes.watch_changes``, if this version of the program has it."""
    try:
        module = importlib.import_module("editor.core.store.changes")
    except ImportError:
        return None
    found: Callable[..., Any] | None = getattr(module, "watch_changes", None)
    return found


def _stop(handle: Any) -> None:
    for name in ("stop", "close", "cancel"):
        method = getattr(handle, name, None)
        if callable(method):
            method()
            return
    if hasattr(handle, "__exit__"):
        handle.__exit__(None, None, None)


def notify(server: PostgresServer, options: Options) -> list[Timing]:
    print("# change feed: a save on one desk until another desk's feed reports it", flush=True)
    results: list[Timing] = []
    with fresh_database(server) as url, _local() as local:
        floor = show(timing("  floor: psycopg NOTIFY → LISTEN", _notify_floor(url, 50)))
        results.append(floor)
        watch = _watch_changes()
        if watch is None:
            note("change feed not available (no editor.core.store.changes.watch_changes)")
            return results
        with PgStore(url, data=local) as saver, PgStore(url, data=local) as watched:
            bulletin_id = add(saver, 0)
            trigger = _has_notify_trigger(url)
            seen: list[tuple[float, frozenset[int]]] = []
            states: list[object] = []
            arrived = threading.Condition()

            def on_change(changed: frozenset[int]) -> None:
                with arrived:
                    seen.append((time.perf_counter(), frozenset(changed)))
                    arrived.notify_all()

            def on_state(*state: object) -> None:
                states.append(state)

            handle = watch(watched, on_change, on_state)
            try:
                with arrived:  # the feed reports "everything" once it listens
                    listening = arrived.wait_for(lambda: bool(seen), timeout=10)
                from_call, from_return, saves, missed = [], [], [], 0
                for edit in range(options.notifies + 2):  # two to warm up
                    time.sleep(0.05)  # let a late report of the last save come in first
                    with arrived:
                        seen.clear()
                    record = saver.get(bulletin_id)
                    assert record.current is not None
                    record.current.articles()[0].paragraphs.append(marker(0, edit))
                    start = time.perf_counter()
                    saver.save_edit(
                        bulletin_id, record.current, "saver", base_version=record.version
                    )
                    returned = time.perf_counter()
                    with arrived:
                        if not arrived.wait_for(
                            lambda: any(bulletin_id in ids for _, ids in seen), timeout=10
                        ):
                            missed += 1
                            continue
                        at = next(t for t, ids in seen if bulletin_id in ids)
                    if edit >= 2:
                        from_call.append((at - start) * 1000)
                        from_return.append((at - returned) * 1000)
                        saves.append((returned - start) * 1000)
            finally:
                _stop(handle)
        if from_call:
            results.append(
                show(timing("  save called → on_change (other store)", from_call), floor)
            )
            results.append(show(timing("  save returned → on_change", from_return), floor))
            results.append(show(timing("  the save itself", saves)))
        note(
            f"{len(from_call)} changes seen, {missed} not reported within 10 s; the feed "
            f"{'listened' if listening else 'did NOT report listening within 10 s'}, gathers "
            f"notifications for {_gather_ms()} ms after the first; "
            f"notify trigger on bulletins: {'yes' if trigger else 'NO (the feed polls?)'}; "
            f"feed states: {states[:4]}"
        )
    return results


def _gather_ms() -> str:
    try:
        module = importlib.import_module("editor.core.store.pg_changes")
    except ImportError:
        return "?"
    gather = getattr(module, "GATHER", None)
    return "?" if gather is None else f"{gather * 1000:g}"


def _notify_floor(url: str, runs: int) -> list[float]:
    samples = []
    with (
        psycopg.connect(url, autocommit=True) as listener,
        psycopg.connect(url, autocommit=True) as sender,
    ):
        listener.execute("LISTEN bench_floor")
        for n in range(runs + 3):
            start = time.perf_counter()
            sender.execute("SELECT pg_notify('bench_floor', %s)", (str(n),))
            got = list(listener.notifies(timeout=10, stop_after=1))
            if got and n >= 3:
                samples.append((time.perf_counter() - start) * 1000)
    return samples


def _has_notify_trigger(url: str) -> bool:
    with psycopg.connect(url) as conn:
        row = conn.execute(
            "SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal "
            "AND tgrelid = 'bulletins'::regclass"
        ).fetchone()
    return bool(row and row[0])


# --- search --------------------------------------------------------------------------------

QUERIES = [
    ("志", "1 char"),
    ("方志", "2 chars"),
    ("档案", "2 chars, 1 in 8"),
    ("地方志", "3 chars"),
    ("年鉴编纂", "4 chars"),
    ("志，", "2, punctuation"),
    ("“十四五”", "5, punctuation"),
    ("第4321份", "rare: 1 hit"),
    ("鲸", "1 char, no hit"),
    ("量子计算", "4 chars, no hit"),
]
"""Every bulletin holds 志, 方志 and 地方志 (the office writes about local gazetteers)."""


def search(server: PostgresServer, options: Options) -> list[Timing]:
    results: list[Timing] = []
    with fresh_database(server) as url, _local() as local:
        PgStore(url, data=local).close()  # the schema
        have = 0
        for size in options.sizes:
            figures = fill(url, have, size, options.workers)
            have = size
            print(
                f"# search, PostgreSQL, {size} bulletins (filled in {figures['rows_s']:.0f} s, "
                f"GIN indexes {figures['indexes_s']:.0f} s, vacuum {figures['vacuum_s']:.0f} s, "
                f"database {figures['mb']:.0f} MB); limit {DESK_LIMIT} as the desk asks",
                flush=True,
            )
            runs = options.runs if size <= 10_000 else options.runs_large
            select_one, by_key = _floors(url)
            results += [show(select_one), show(by_key)]
            with PgStore(url, data=local) as store:
                results += _queries(store, runs, select_one)
                if size == options.sizes[0]:
                    results += _renewal(url, store, runs, select_one)
            if options.unprepared:
                print(
                    "# the same, diagnostic: PgStore with psycopg's automatic prepared "
                    "statements off (prepare_threshold=None on its connections)",
                    flush=True,
                )
                with _UnpreparedPgStore(url, data=local) as store:
                    results += _queries(store, runs, select_one, "no-prep ")
            if options.sqlite and size == options.sizes[0]:
                sqlite_ids, timings = _sqlite(size, options.runs)
                results += timings
                _compare(url, local, sqlite_ids)
    return results


def _renewal(url: str, store: Store, runs: int, floor: Timing) -> list[Timing]:
    """An archive upgraded from schema version 2: its newest OLD rows marked as indexed the
    old way (migration 3 marks every row; marking costs as much as renewing here, so a
    thousand stand for the rest), a short query with punctuation meanwhile (it compares
    those rows' text), the desks' renewal (Store.upkeep, 50 a batch, as the desk calls it),
    and the query again."""
    query = "志，"
    with psycopg.connect(url, autocommit=True) as conn:
        began = time.perf_counter()
        conn.execute(
            "UPDATE bulletins SET tokens_kind = 1 WHERE id > (SELECT max(id) FROM bulletins) - %s",
            (OLD,),
        )
        marked = time.perf_counter() - began
        conn.execute("VACUUM ANALYZE bulletins")
    before = timing(
        f"  {query} before renewal ({OLD} rows old)",
        repeat(partial(store.search, query, limit=DESK_LIMIT), max(3, runs // 2)),
    )
    batches = []
    while True:
        began = time.perf_counter()
        done = store.upkeep(50)
        batches.append((time.perf_counter() - began) * 1000)
        if done == 0:
            break
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE bulletins")
    after = timing(
        f"  {query} after renewal", repeat(partial(store.search, query, limit=DESK_LIMIT), runs)
    )
    spent = sum(batches) / 1000
    note(
        f"an archive from schema version 2: {OLD} rows marked old in {marked:.1f} s; renewed "
        f"by upkeep in {spent:.1f} s ({spent / OLD * 1000:.1f} ms a row), {len(batches) - 1} "
        f"batches of 50, median {statistics.median(batches[:-1]):.0f} ms a batch (a desk's "
        "worker thread, while the desk works)"
    )
    return [show(before, floor), show(after, floor)]


OLD = 1000
"""Rows the renewal benchmark marks as indexed the old way."""


class _UnpreparedPgStore(PgStore):
    """PgStore whose connections never prepare statements: after five runs of the same SQL
    psycopg prepares it, and after five more PostgreSQL may keep one generic plan for every
    search word (planned without knowing it) and ignores the SET LOCAL that picks the plan."""

    def _configure(self, conn: Any) -> None:
        super()._configure(conn)
        conn.prepare_threshold = None


def _floors(url: str) -> tuple[Timing, Timing]:
    with psycopg.connect(url, autocommit=True) as conn:
        one = repeat(lambda: conn.execute("SELECT 1").fetchone(), 50)
        key = repeat(
            lambda: conn.execute(
                "SELECT id, status, title, source_name, received_at FROM bulletins WHERE id = %s",
                (random.randint(1, 1000),),
            ).fetchone(),
            50,
        )
    return timing("  floor: SELECT 1", one), timing("  floor: primary-key lookup", key)


def _queries(store: Store, runs: int, floor: Timing, which: str = "") -> list[Timing]:
    """Each query at the desk's limit: its first call on this store, then ``runs`` more."""
    results = []
    firsts = []
    for query, label in QUERIES:
        start = time.perf_counter()
        hits = store.search(query, limit=DESK_LIMIT)
        first = (time.perf_counter() - start) * 1000
        firsts.append(f"{query} {first:.1f} ({len(hits)} hits)")
        warm = repeat(partial(store.search, query, limit=DESK_LIMIT), runs)
        results.append(show(timing(f"  {which}{query} ({label})", warm), floor))
    note(f"{which}first call on the store, ms: " + ", ".join(firsts))
    return results


def _sqlite(size: int, runs: int) -> tuple[dict[str, list[int]], list[Timing]]:
    print(f"# search, SQLite, {size} bulletins (store.add)", flush=True)
    found: dict[str, list[int]] = {}
    with tempfile.TemporaryDirectory(prefix="jianxun-bench-") as folder:
        began = time.perf_counter()
        with SqliteStore(DataDir(Path(folder))) as store:
            for index in range(size):
                add(store, index)
        note(f"filled in {time.perf_counter() - began:.0f} s")
        with SqliteStore(DataDir(Path(folder))) as store:
            floor = show(timing("  SQLite floor: count()", repeat(store.count, 50)))
            timings = [floor, *_queries(store, runs, floor, "SQLite ")]
            for query, _ in QUERIES:
                found[query] = [s.id for s in store.search(query, limit=DESK_LIMIT)]
    return found, timings


def _compare(url: str, local: DataDir, sqlite_ids: dict[str, list[int]]) -> None:
    """Whether the server finds what SQLite finds in the same bulletins (a check of the fill;
    the order of 3 characters or more may differ: SQLite ranks its newest matches by bm25)."""
    same: list[str] = []
    order: list[str] = []
    other: list[str] = []
    with _UnpreparedPgStore(url, data=local) as store:
        for query, _ in QUERIES:
            ids = [s.id for s in store.search(query, limit=DESK_LIMIT)]
            theirs = sqlite_ids[query]
            if ids == theirs:
                same.append(query)
            elif set(ids) == set(theirs):
                order.append(query)
            else:
                other.append(f"{query} ({len(set(ids) - set(theirs))} of {len(ids)})")
    parts = [
        ("the same hits in the same order", same),
        ("the same hits in another order", order),
        ("OTHER hits", other),
    ]
    note("PostgreSQL vs SQLite: " + "; ".join(f"{t}: {'、'.join(q)}" for t, q in parts if q))


# --- running -------------------------------------------------------------------------------


def run(options: Options | None = None) -> list[Timing]:
    """Every part on one throwaway server, for benchmarks.run (100,000 bulletins too with
    JIANXUN_BENCH_100K=1, as the archive benchmark)."""
    if options is None:
        large = (100_000,) if os.environ.get("JIANXUN_BENCH_100K") else ()
        options = Options(sizes=(10_000, *large))
    try:
        server = postgres_server()
    except (PostgresUnavailable, PostgresFailed) as err:
        note(f"shared archive: no PostgreSQL server, skipped ({err})")
        return []
    try:
        results = desks(server, options)
        results += notify(server, options)
        results += search(server, options)
    finally:
        server.stop()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_shared")
    parser.add_argument("--quick", action="store_true", help="40 edits a desk, fewer runs")
    parser.add_argument("--100k", dest="large", action="store_true", help="search 100,000 too")
    parser.add_argument("--sizes", help="archive sizes to search, e.g. 10000,100000")
    parser.add_argument("--desks", type=int)
    parser.add_argument("--edits", type=int, help="edits per desk")
    parser.add_argument("--bulletins", type=int, help="bulletins all desks edit")
    parser.add_argument("--notifies", type=int, help="saves timed through the change feed")
    parser.add_argument("--runs", type=int, help="warm runs per query (10k)")
    parser.add_argument("--runs-large", type=int, help="warm runs per query (above 10k)")
    parser.add_argument("--no-sqlite", action="store_true", help="no SQLite comparison")
    parser.add_argument(
        "--no-unprepared", action="store_true", help="no diagnostic without prepared statements"
    )
    parser.add_argument("--workers", type=int, help="processes filling the archive")
    parser.add_argument(
        "--only", choices=("desks", "notify", "search"), action="append", help="run only these"
    )
    parser.add_argument(
        "--without-base-version",
        action="store_true",
        help="desks save without the version check: shows that lost updates are detected",
    )
    args = parser.parse_args()
    global ECHO
    ECHO = True
    base = QUICK if args.quick else Options()
    sizes = base.sizes + ((100_000,) if args.large else ())
    if args.sizes:
        sizes = tuple(int(s) for s in args.sizes.split(","))
    options = Options(
        desks=args.desks or base.desks,
        edits=args.edits or base.edits,
        bulletins=args.bulletins or base.bulletins,
        notifies=args.notifies or base.notifies,
        sizes=sizes,
        runs=args.runs or base.runs,
        runs_large=args.runs_large or base.runs_large,
        sqlite=base.sqlite and not args.no_sqlite,
        unprepared=base.unprepared and not args.no_unprepared,
        checked=not args.without_base_version,
        workers=args.workers or base.workers,
    )
    parts = args.only or ["desks", "notify", "search"]
    load = os.getloadavg()[0]
    print(
        f"# {platform.python_implementation()} {platform.python_version()} on "
        f"{platform.machine()}, {os.cpu_count()} CPUs, load {load:.1f}; "
        "PostgreSQL on loopback (fsync off)"
    )
    print(HEADER)
    server = postgres_server()
    try:
        with psycopg.connect(server.url) as conn:
            row = conn.execute("SHOW server_version").fetchone()
        note(f"PostgreSQL {row[0] if row else '?'}")
        for part, call in (("desks", desks), ("notify", notify), ("search", search)):
            if part in parts:
                call(server, options)
    finally:
        server.stop()


if __name__ == "__main__":
    main()
