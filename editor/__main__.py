"""``python -m editor`` is the ``jianxun`` command."""

import sys

from editor.launch import main

sys.exit(main())
