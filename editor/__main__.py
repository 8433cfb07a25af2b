"""``python -m editor`` is the ``jianxun`` command."""

import sys

from editor.launch import main

if __name__ == "__main__":  # (the OCR worker process imports this module too, as __mp_main__)
    if getattr(sys, "frozen", False):  # (only a frozen program needs it: not loaded otherwise)
        import multiprocessing

        multiprocessing.freeze_support()
    sys.exit(main())
