"""Ingest a folder into an archive in a fresh process, as ``jianxun ingest`` does (batches,
originals written by several threads, parsing in worker processes); print seconds, count
and peak RSS (this process and its workers)."""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

from editor.core.ingest import scan
from editor.core.ingest_batch import ingest_files
from editor.core.paths import DataDir
from editor.core.store import SqliteStore


def main() -> None:
    folder, data = Path(sys.argv[1]), Path(sys.argv[2])
    files = scan(folder)
    start = time.perf_counter()
    kinds: dict[str, int] = {}
    with SqliteStore(DataDir(data)) as store:
        for outcome in ingest_files(store, files, user="bench", inbox=folder):
            kinds[outcome.kind] = kinds.get(outcome.kind, 0) + 1
    seconds = time.perf_counter() - start
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(
        json.dumps(
            {
                "seconds": seconds,
                "files": len(files),
                "kinds": kinds,
                "peak_mb": (own + workers) / 1024,
            }
        )
    )


if __name__ == "__main__":
    main()
