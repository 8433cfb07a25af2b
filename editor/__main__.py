"""``python -m editor`` is the ``jianxun`` command."""

import sys

from editor.cli import main

sys.exit(main())
