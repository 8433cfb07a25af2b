"""One simulated desk for the shared-archive benchmark (``benchmarks.bench_shared``).

``python -m benchmarks.shared_desk_child URL DESK EDITS IDS [--without-base-version]``

Opens its own PgStore (its own connection pool), prints ``ready`` and waits for a line on
stdin, so that every desk starts at once. Then it makes ``EDITS`` edits as a desk does: read
the bulletin (``store.get``), change it, save on the version it read (``base_version``); on
EditConflict it reads the bulletin again and makes the change anew (what the desk's merge
does). Each edit appends one paragraph holding a marker no other edit uses, to the end of an
article, so an edit written over by another desk that had not seen it would be missing from
the archive afterwards. The last line printed is JSON: every acknowledged edit (marker,
bulletin, the version it made), the conflicts, the time of every save call.

``--without-base-version`` saves without the version check (the way a lost update happens):
the parent uses it to show that its check does find lost updates.
"""

from __future__ import annotations

import json
import random
import sys
import tempfile
import time
from pathlib import Path

from editor.core.paths import DataDir
from editor.core.store import EditConflict
from editor.core.store.pg import PgStore


def marker(desk: int, edit: int) -> str:
    """The paragraph an edit appends: unique to the desk and the edit."""
    return f"【编辑台{desk}第{edit}次修改】"


def main() -> None:
    url, desk, edits = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    ids = [int(part) for part in sys.argv[4].split(",")]
    checked = "--without-base-version" not in sys.argv[5:]
    rng = random.Random(desk)
    user = f"desk{desk}"
    acked: list[dict[str, object]] = []
    save_ok_ms: list[float] = []
    save_conflict_ms: list[float] = []
    edit_ms: list[float] = []
    conflicts = 0
    with (
        tempfile.TemporaryDirectory(prefix="jianxun-desk-") as local,
        PgStore(url, data=DataDir(Path(local)), create=False) as store,
    ):
        store.get(ids[0])  # the pool is open and warm before the start
        print("ready", flush=True)
        sys.stdin.readline()
        began = time.monotonic()
        for edit in range(edits):
            bulletin_id = rng.choice(ids)
            text = marker(desk, edit)
            edit_start = time.perf_counter()
            attempts = 0
            while True:
                attempts += 1
                record = store.get(bulletin_id)
                assert record.current is not None
                bulletin = record.current
                articles = bulletin.articles()
                articles[edit % len(articles)].paragraphs.append(text)
                start = time.perf_counter()
                try:
                    store.save_edit(
                        bulletin_id,
                        bulletin,
                        user,
                        base_version=record.version if checked else None,
                    )
                except EditConflict:
                    save_conflict_ms.append((time.perf_counter() - start) * 1000)
                    conflicts += 1
                    continue
                done = time.perf_counter()
                save_ok_ms.append((done - start) * 1000)
                edit_ms.append((done - edit_start) * 1000)
                break
            # A save on version N that changes something makes version N + 1.
            acked.append(
                {
                    "marker": text,
                    "bulletin": bulletin_id,
                    "version": record.version + 1,
                    "attempts": attempts,
                }
            )
        ended = time.monotonic()
    print(
        json.dumps(
            {
                "desk": desk,
                "acked": acked,
                "conflicts": conflicts,
                "save_ok_ms": save_ok_ms,
                "save_conflict_ms": save_conflict_ms,
                "edit_ms": edit_ms,
                "began": began,
                "ended": ended,
            },
            ensure_ascii=False,
        ),
        flush=True,
    )


if __name__ == "__main__":
    main()
