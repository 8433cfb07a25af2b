"""Ingest a folder into an empty archive in a fresh process; print seconds, count and peak RSS."""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

from editor.core.ingest import ingest_file, scan
from editor.core.paths import DataDir
from editor.core.store import SqliteStore


def main() -> None:
    folder, data = Path(sys.argv[1]), Path(sys.argv[2])
    files = scan(folder)
    start = time.perf_counter()
    kinds: dict[str, int] = {}
    with SqliteStore(DataDir(data)) as store:
        for path in files:
            kind = ingest_file(store, path, user="bench").kind
            kinds[kind] = kinds.get(kind, 0) + 1
    seconds = time.perf_counter() - start
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {"seconds": seconds, "files": len(files), "kinds": kinds, "peak_mb": peak_kb / 1024}
        )
    )


if __name__ == "__main__":
    main()
