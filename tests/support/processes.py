"""Scripts run in child processes that the crash tests kill."""

from __future__ import annotations

EXPORT_FOREVER = """
import sys
from pathlib import Path
from editor.core.export import export_docx
from editor.core.parsing import parse_text
bulletin = parse_text(Path(sys.argv[1]).read_text(encoding="utf-8"))
first = bulletin.sections[0].articles[0]
first.paragraphs = first.paragraphs * 40
print("ready", flush=True)
while True:
    export_docx(bulletin, Path(sys.argv[2]), force=True)
"""
"""Export one long bulletin to the same name again and again until killed."""
