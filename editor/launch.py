"""The ``jianxun`` entry point: no command opens the desk, a command runs the CLI.

Kept apart from :mod:`editor.cli` so the command line never imports Qt.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    gui = argparse.ArgumentParser(prog="jianxun", add_help=False, exit_on_error=False)
    gui.add_argument("--inbox", type=Path)
    gui.add_argument("--data-dir", type=Path)
    gui.add_argument("--self-test", action="store_true")
    try:
        options, rest = gui.parse_known_args(args)
    except argparse.ArgumentError:  # "--data-dir" with nothing after it: the CLI says so in Chinese
        from editor.cli import main as cli_main

        return cli_main(args)
    if options.self_test:
        from editor.gui import self_test

        return self_test.run()
    if rest:
        from editor.cli import main as cli_main

        return cli_main(args)
    from editor.display import missing_display

    reason = missing_display(os.environ)
    if reason is not None:
        print(f"jianxun：{reason}", file=sys.stderr)
        return 2
    from editor.gui.app import run

    return run(inbox=options.inbox, data=options.data_dir)
