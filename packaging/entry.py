"""The bundled program's entry point (PyInstaller): the same ``jianxun`` as the console script."""

import multiprocessing
import sys

from editor.launch import main

if __name__ == "__main__":
    # A frozen program starts its OCR worker process as itself: this turns that start
    # into the worker instead of a second desk.
    multiprocessing.freeze_support()
    sys.exit(main())
