"""The Qt Widgets desktop app: the only package that imports PySide6."""
