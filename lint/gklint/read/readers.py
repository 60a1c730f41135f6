"""Readers for converted inputs: Word (.docx), web pages (.html/.htm) and PDF (`gklint.read.pdf`).

Both render the document as text the parser already knows (paragraphs one a line, table rows
as a tab then tab-separated cells) and set `SourceText.origins` so findings point back into the
original; fixes are never written to these files (`SourceText.fixable` is False).
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import BinaryIO


class _OnFirstRead:
    """A built-in reader whose module is imported when it reads its first file: a run over
    .txt files never pays for the HTML parser and the .docx code. Same `name`, `suffixes`, `read`."""

    def __init__(self, module: str, cls: str, name: str, suffixes: tuple[str, ...]):
        self.name = name
        self.suffixes = suffixes
        self._where = (module, cls)
        self._reader = None

    def _loaded(self):
        if self._reader is None:
            module, cls = self._where
            self._reader = getattr(importlib.import_module(module, __package__), cls)()
        return self._reader

    def read(self, path: Path, data: bytes):
        return self._loaded().read(path, data)

    def read_head(self, path: Path, data: bytes):
        """What a title needs (the reader's `read_head` where it has one, else all of it)."""
        reader = self._loaded()
        return getattr(reader, "read_head", reader.read)(path, data)


READERS = [
    _OnFirstRead(".docx", "DocxReader", "docx", (".docx",)),
    _OnFirstRead(".html", "HtmlReader", "html", (".html", ".htm", ".shtml", ".xhtml")),
    _OnFirstRead(".pdf", "PdfReader", "pdf", (".pdf",)),
]


def __getattr__(name: str):
    """`DocxReader`, `HtmlReader` and the origins classes, imported on first access (PEP 562)."""
    modules = {
        "DocxReader": ".docx",
        "HtmlReader": ".html",
        "PdfReader": ".pdf",
        "LineOrigins": ".origins",
        "OffsetOrigins": ".origins",
        "PageOrigins": ".origins",
    }
    if name in modules:
        return getattr(importlib.import_module(modules[name], __package__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["READERS", "DocxReader", "HtmlReader", "PdfReader", "LineOrigins", "OffsetOrigins", "PageOrigins", "lint_stdin"]


def lint_stdin(linter, filename: str | None, stream: BinaryIO | None = None):
    """`--stdin-filename NAME`: lint the bytes piped on stdin as if they were the file NAME.

    The reader is chosen by NAME's suffix (so `--stdin-filename report.docx` reads Word),
    per-file-ignores match NAME, and findings carry NAME as their path ("-" when no name).
    """
    from gklint.core.violation import Message
    from gklint.read.source import MAX_FILE_BYTES, ReadError, too_large

    display = filename or "-"
    data = (stream or sys.stdin.buffer).read(MAX_FILE_BYTES + 1)  # `cat /dev/zero | gklint -` ends too
    if len(data) > MAX_FILE_BYTES:
        error: ReadError = too_large()
        return linter._unreadable(display, Message(error.zh, error.en))
    return linter.lint_bytes(data, Path(filename or "stdin.txt"), display)
