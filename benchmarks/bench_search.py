"""Search in the SQLite archive (issue 19): every kind of query at 10,000 bulletins (100,000
too with ``JIANXUN_BENCH_100K=1``), and the archive's size per MB of its text.

``.venv/bin/python -m benchmarks.bench_search``

Texts: real-size search texts (about 2,200 characters, 6 KB) with their parsed JSON, made
by benchmarks.bench_shared.make_bulletin (the shared corpus recombined), or read from an
archive of schema 7 or older named by ``JIANXUN_BENCH_TEXTS``; bulletin n's text ends with
a sentence of its own (第n份). Rows are written straight into ``bulletins`` as the store
writes them (the parsed JSON deflated from the search text, editor.core.store.packing), in
transactions of 1,000, the search index last in each (as ``add_many`` does); no revisions
or sources rows.

Each query kind at the desk's limit (1,000 hits): the first call of ``store.search`` on a
freshly opened store, then min/median/max of the next runs; the index's part alone
(``search_ids``); the floor, measured in the same run: reading the same hits' summaries by id
(``store.summaries``), which any search returning them must do; and how many bulletins the
FTS5 lookup proposed (``candidates``) against those found, which is what confirming with
``instr`` costs for four characters or more. The page cache of the OS is warm throughout.
"""

from __future__ import annotations

import os
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path

from benchmarks.timing import Timing
from editor.core.paths import DataDir
from editor.core.store import SqliteStore
from editor.core.store.packing import pack_json, text_dictionary
from editor.core.store.records import index_fields
from editor.core.store.sqlite_search import (
    PAIRS,
    TEXTS,
    TRIGRAMS,
    index_search,
)

SOURCE = Path(os.environ.get("JIANXUN_BENCH_TEXTS", "/nonexistent"))
DESK_LIMIT = 1000
"""How many hits the desk's queue asks for."""
BATCH = 1000


def kinds(size: int) -> list[tuple[str, str]]:
    """(label, query): every kind the desk may type, for an archive of ``size`` bulletins."""
    return [
        ("1 character", "志"),
        ("1 punctuation mark", "，"),
        ("2 characters", "方志"),
        ("2 punctuation marks", "”。"),
        ("punctuation + character", "（州"),
        ("3 characters", "地方志"),
        ("4 characters", "年鉴编纂"),
        ("4+ characters", "2022年"),
        ("5 characters", "方志进校园"),
        ("4+ characters, 1 hit", f"第{size // 2 + 1}份"),
        ("with a space", "2022 年"),
        ("no hits", "没有这样的词语"),
        ("1 character, no hits", "鲸"),
        ("4, no hits, trigrams everywhere", "地方志、"),
    ]


def texts() -> list[tuple[str, str | None]]:
    """(search_text, parsed JSON) of real-size bulletins."""
    if SOURCE.exists():
        conn = sqlite3.connect(f"file:{SOURCE}?mode=ro", uri=True)
        try:
            rows = conn.execute(
                "SELECT search_text, parsed FROM bulletins WHERE search_text != '' ORDER BY id"
            ).fetchall()
        finally:
            conn.close()
        return [(str(text), parsed) for text, parsed in rows]
    from benchmarks.bench_shared import make_bulletin  # the shared corpus, recombined

    made = [make_bulletin(index) for index in range(2000)]
    return [(str(index_fields(b)["search_text"]), b.to_json()) for b in made]


def build(data: DataDir, count: int, sources: list[tuple[str, str | None]]) -> dict[str, float]:
    """An archive of ``count`` bulletins; its text's size (UTF-8) and the time it took."""
    text_bytes = 0
    began = time.perf_counter()
    with SqliteStore(data) as store:
        conn = store.conn
        for start in range(0, count, BATCH):
            conn.execute("BEGIN IMMEDIATE")
            batch: list[tuple[int, str]] = []
            for n in range(start + 1, min(count, start + BATCH) + 1):
                text, parsed = sources[n % len(sources)]
                text += f"\n本条为第{n}份，编号{n * 7919 % 100003:05d}。"
                text_bytes += len(text.encode("utf-8"))
                cursor = conn.execute(
                    "INSERT INTO bulletins (id, source_path, source_name, sha256, size, "
                    "received_at, status, parsed, title, search_text, updated_at) "
                    "VALUES (?, ?, ?, ?, 6000, ?, 'new', ?, ?, ?, ?)",
                    (
                        n,
                        f"/bench/{n}.txt",
                        f"{n}.txt",
                        f"bench-{n}",
                        f"2024-01-01T00:00:{n:09d}",
                        None if parsed is None else pack_json(parsed, text_dictionary(text)),
                        text.split("\n", 1)[0][:40],
                        "",  # kept in search_texts alone, as the store keeps it
                        "2024-01-01",
                    ),
                )
                batch.append((int(cursor.lastrowid or n), text))
            for bulletin_id, text in batch:
                index_search(conn, bulletin_id, text)
            conn.execute("COMMIT")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return {"seconds": time.perf_counter() - began, "text_bytes": float(text_bytes)}


def sizes(database: Path) -> dict[str, float]:
    """Bytes of the whole file and of each part (``dbstat``)."""
    conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        parts: dict[str, float] = {"file": float(database.stat().st_size)}
        for name, size in conn.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name"):
            if name.startswith(tuple(PAIRS.values())):
                part = "pairs (FTS5)"
            elif name.startswith(tuple(TRIGRAMS.values())):
                part = "trigrams (FTS5)"
            elif name == TEXTS:
                part = TEXTS
            elif name == "bulletins" or name.startswith(("bulletins_", "sqlite_autoindex_bull")):
                part = "bulletins"
            else:
                part = "other"
            parts[part] = parts.get(part, 0.0) + float(size)
        row = conn.execute(
            "SELECT sum(length(CAST(parsed AS BLOB))), sum(length(CAST(search_text AS BLOB))) "
            "FROM bulletins"
        ).fetchone()
        parts["  bulletins.parsed"] = float(row[0] or 0)
        parts["  bulletins.search_text"] = float(row[1] or 0)
    finally:
        conn.close()
    return parts


def _samples(call: Callable[[], object], runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def _timing(name: str, samples: list[float], target: float | None = None) -> Timing:
    return Timing(
        name, len(samples), statistics.median(samples), min(samples), max(samples), target
    )


def candidates(conn: sqlite3.Connection, query: str) -> int:
    """How many bulletins the FTS5 lookup alone proposes for the query (title or body)."""
    from editor.core.store.sqlite_search import _plan  # the benchmark looks inside

    plan = _plan(query.strip().lower())
    found: set[int] = set()
    for table in plan.tables.values():
        found.update(
            r[0]
            for r in conn.execute(f"SELECT rowid FROM {table} WHERE {table} MATCH ?", (plan.match,))
        )
    return len(found)


def queries(data: DataDir, size: int, runs: int, target: float) -> list[Timing]:
    results: list[Timing] = []
    with SqliteStore(data, read_only=True) as store:
        key = _samples(
            lambda: store.conn.execute(
                "SELECT id FROM bulletins WHERE id = ?", (size // 3,)
            ).fetchone(),
            50,
        )
        results.append(_timing(f"  {size}: floor, SELECT id by primary key", key))
        print(results[-1].row(), flush=True)
    for label, query in kinds(size):
        with SqliteStore(data, read_only=True) as store:  # a fresh connection
            start = time.perf_counter()
            ids = store.search_ids(query, limit=DESK_LIMIT)  # what the desk's queue asks
            first = (time.perf_counter() - start) * 1000
            desk = _samples(partial(store.search_ids, query, limit=DESK_LIMIT), runs)
            whole = _samples(partial(store.search, query, limit=DESK_LIMIT), runs)
            floor = _samples(partial(store.summaries, ids), runs) if ids else [0.0]
            proposed = candidates(store.conn, query)
        row = _timing(f"  {size}: {label} 「{query}」", desk, target)
        results.append(row)
        ratio = statistics.median(floor)
        searched = statistics.median(whole)
        print(
            f"{row.row()}   first {first:6.2f}  summaries too {searched:6.2f}  "
            f"floor {ratio:5.2f}  × {searched / ratio if ratio else float('nan'):4.1f}  "
            f"hits {len(ids):4}  candidates {proposed}",
            flush=True,
        )
    return results


@contextmanager
def _workspace(workspace: Path | None) -> Iterator[Path]:
    if workspace is not None:
        yield workspace
        return
    with tempfile.TemporaryDirectory(prefix="jianxun-bench-search-") as folder:
        yield Path(folder)


def run(workspace: Path | None = None) -> list[Timing]:
    """Both sizes (100,000 only with JIANXUN_BENCH_100K=1); rows printed as measured."""
    counts = [10_000] + ([100_000] if os.environ.get("JIANXUN_BENCH_100K") else [])
    sources = texts()
    print(
        f"# search: {len(sources)} real-size texts from "
        f"{SOURCE if SOURCE.exists() else 'bench_shared.make_bulletin'}; limit {DESK_LIMIT}; "
        "rows: the desk's query (Store.search_ids: the hits' ids, their summaries read a page "
        "at a time); columns after max: its first call on a fresh store, Store.search with "
        "the 1,000 summaries too (median), the floor (those summaries by id, median) and "
        "the ratio, hits, FTS5 candidates",
        flush=True,
    )
    results: list[Timing] = []
    with _workspace(workspace) as work:
        for count in counts:
            data = DataDir(work / f"search-{count}")
            built = build(data, count, sources)
            mb = built["text_bytes"] / 1e6
            parts = sizes(data.database)
            print(
                f"# {count} bulletins: filled in {built['seconds']:.0f} s "
                f"({built['seconds'] / count * 1000:.2f} ms each); text {mb:.1f} MB, database "
                f"{parts['file'] / 1e6:.1f} MB = {parts['file'] / built['text_bytes']:.2f} × text",
                flush=True,
            )
            for part, size in sorted(parts.items()):
                if part != "file":
                    share = size / built["text_bytes"]
                    print(f"#   {part:<28} {size / 1e6:8.1f} MB  {share:.2f} × text")
            target = 10.0 if count <= 10_000 else 30.0
            results += queries(data, count, 7 if count <= 10_000 else 5, target)
    return results


def main() -> None:
    from benchmarks.timing import HEADER

    print(HEADER)
    run()


if __name__ == "__main__":
    main()
