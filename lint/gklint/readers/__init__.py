"""Readers for converted inputs: Word (.docx) and web pages (.html/.htm).

Both render the document as text the parser already knows (paragraphs one a line, table rows
as a tab then tab-separated cells) and set `SourceText.origins` so findings point back into the
original; fixes are never written to these files (`SourceText.fixable` is False).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import BinaryIO

from .docx_reader import DocxReader
from .html_reader import HtmlReader
from .origins import LineOrigins, OffsetOrigins

READERS = [DocxReader(), HtmlReader()]

__all__ = ["READERS", "DocxReader", "HtmlReader", "LineOrigins", "OffsetOrigins", "lint_stdin"]


def lint_stdin(linter, filename: str | None, stream: BinaryIO | None = None):
    """`--stdin-filename NAME`: lint the bytes piped on stdin as if they were the file NAME.

    The reader is chosen by NAME's suffix (so `--stdin-filename report.docx` reads Word),
    per-file-ignores match NAME, and findings carry NAME as their path ("-" when no name).
    """
    data = (stream or sys.stdin.buffer).read()
    display = filename or "-"
    return linter.lint_bytes(data, Path(filename or "stdin.txt"), display)
