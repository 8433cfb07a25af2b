"""How well bulletins from other producers parse: fields and exact paragraphs per producer.

    python scripts/producer_accuracy.py [--no-fixtures] [--every-clerk] [-v] [--keep DIR]

Every gold bulletin (the corpus's and the hand-written fixtures) is typed into a
default-template Word document as a clerk would (tests/support/producers.py),
printed by LibreOffice with the official-font aliases and with plain system
fonts, and its text extracted by ``pdftotext -layout`` and ``-raw``. Each file
is parsed with ``parse_file`` and scored with ../shared/tools/score_parse.py's
own comparison; the corpus's .txt files give the text baseline.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from support.corpus import CORPUS, corpus_golds  # noqa: E402
from support.producers import Tally, fixture_golds, produce, score  # noqa: E402

from editor.core.parsing import parse_file  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--no-fixtures", action="store_true", help="the corpus only")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every miss")
    parser.add_argument("--every-clerk", action="store_true", help="each clerk types each one")
    parser.add_argument("--keep", type=Path, help="leave the documents in this folder")
    args = parser.parse_args()
    golds = [(f"corpus/{name}", gold) for name, gold in corpus_golds()]
    if not args.no_fixtures:
        golds += [(f"fixture/{name}", gold) for name, gold in fixture_golds()]

    tallies: dict[str, Tally] = defaultdict(Tally)
    for name, gold in corpus_golds():
        text = args.corpus / f"{name}.txt"
        tallies["corpus .txt"] += score(name, gold, parse_file(text).to_dict())

    with tempfile.TemporaryDirectory(prefix="jianxun-producers-") as temp:
        folder = args.keep or Path(temp)
        started = time.monotonic()
        produced = produce(golds, folder, every_clerk=args.every_clerk)
        rendered = time.monotonic() - started
        for item in produced:
            got = parse_file(item.path).to_dict()
            tallies[item.producer] += score(item.name, item.gold, got)
            kind = "corpus" if item.name.startswith("corpus/") else "fixtures"
            tallies[f"{item.producer} ({kind})"] += score(item.name, item.gold, got)

    print(f"{'producer':34} {'fields':>16} {'paragraphs exact':>18}")
    for producer in sorted(tallies, key=lambda p: (p != "corpus .txt", p)):
        t = tallies[producer]
        print(
            f"{producer:34} {t.right:>5}/{t.fields:<5} {t.accuracy:6.1%} "
            f"{t.paras_right:>8}/{t.paras:<5}"
        )
    print(f"({len(golds)} bulletins, typed, printed and extracted in {rendered:.0f} s)")
    if args.verbose:
        for producer, t in sorted(tallies.items()):
            if "(" in producer:
                continue
            for miss in t.misses:
                print(f"MISS [{producer}] {miss}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
