"""``python -m editor`` is the ``jianxun`` command."""

import multiprocessing
import sys

from editor.launch import main

if __name__ == "__main__":  # (the OCR worker process imports this module too, as __mp_main__)
    multiprocessing.freeze_support()
    sys.exit(main())
