"""The ``jianxun`` entry point: no command opens the desk, a command runs the CLI.

Kept apart from :mod:`editor.cli` so the command line never imports Qt.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path


def self_test_database(given: str | None) -> str | None:
    """The server ``--self-test`` is to check: ``--database``, else $JIANXUN_DATABASE; None
    for none; "" after saying (one Chinese line) that the address is no PostgreSQL address."""
    from editor.cli import error
    from editor.cli_archive import DATABASE_FORM, ENV_DATABASE
    from editor.core.store import is_database_url

    text = given if given is not None else os.environ.get(ENV_DATABASE, "")
    if given is None and not text.strip():
        return None
    if not is_database_url(text):
        where = "--database" if given is not None else f"环境变量 {ENV_DATABASE}"
        error(f"{where} 不是数据库地址（应为 {DATABASE_FORM}）")
        return ""
    return text.strip()


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and not args[0].startswith("-"):
        # A command ("parse", "export" …) is the CLI's, with no desk option to look for
        # first: a quick command starts without building the parser below (issue 19).
        from editor.cli import main as cli_main

        return cli_main(args)
    import argparse

    gui = argparse.ArgumentParser(prog="jianxun", add_help=False, exit_on_error=False)
    gui.add_argument("--inbox", type=Path)
    gui.add_argument("--data-dir", type=Path)
    gui.add_argument("--self-test", action="store_true")
    gui.add_argument("--database")  # only for --self-test: the desk takes its archive from settings
    try:
        options, rest = gui.parse_known_args(args)
    except argparse.ArgumentError:  # "--data-dir" with nothing after it: the CLI says so in Chinese
        from editor.cli import main as cli_main

        return cli_main(args)
    if options.self_test:
        database = self_test_database(options.database)
        if database == "":
            return 2
        from editor.gui import self_test

        return self_test.run(database)
    if options.database is not None:  # an archive command, or a mistake the CLI words
        from editor.cli import main as cli_main

        return cli_main(args)
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
