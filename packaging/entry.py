"""The bundled program's entry point (PyInstaller): the same ``jianxun`` as the console script."""

import sys

from editor.launch import main

if __name__ == "__main__":
    sys.exit(main())
