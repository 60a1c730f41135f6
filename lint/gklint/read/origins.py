"""Where a converted text came from: offsets in `SourceText.text` → places in the original file.

A reader that converts (.docx, .html) sets `SourceText.origins` to one of these. The engine
asks `position(offset)` (when the map has it) for the line and column it reports; formatters
ask `describe(offset, lang)` for a place a user can find in Word ("第 12 段", "表 2 第 3 行第 4 格").
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass


@dataclass(frozen=True)
class ParagraphOrigin:
    paragraph: int  # 1-based, in document order, blank paragraphs counted


@dataclass(frozen=True)
class CellOrigin:
    table: int  # 1-based
    row: int  # 1-based
    cell_starts: tuple[int, ...]  # offset of each cell's first character, relative to the line start


def _line_starts(text: str) -> list[int]:
    starts = [0]
    for index, char in enumerate(text):
        if char == "\n":
            starts.append(index + 1)
    return starts


class LineOrigins:
    """One origin a line of the rendered text (Word: a paragraph, or a table row)."""

    def __init__(self, text: str, records: list[ParagraphOrigin | CellOrigin | None]):
        self._starts = _line_starts(text)
        self.records = records

    def origin(self, offset: int) -> tuple[ParagraphOrigin | CellOrigin | None, int]:
        """The origin of the line holding `offset`, and the offset's column in that line (0-based)."""
        index = max(bisect.bisect_right(self._starts, offset) - 1, 0)
        record = self.records[index] if index < len(self.records) else None
        return record, offset - self._starts[index]

    def describe(self, offset: int, lang: str = "zh") -> str | None:
        record, column = self.origin(offset)
        if isinstance(record, ParagraphOrigin):
            return f"第 {record.paragraph} 段" if lang == "zh" else f"paragraph {record.paragraph}"
        if isinstance(record, CellOrigin):
            cell = max(bisect.bisect_right(record.cell_starts, column), 1)
            if lang == "zh":
                return f"表 {record.table} 第 {record.row} 行第 {cell} 格"
            return f"table {record.table}, row {record.row}, cell {cell}"
        return None


class OffsetOrigins:
    """A source offset for every character of the rendered text (HTML): reports the original's line and column."""

    def __init__(self, offsets: list[int], original: str):
        self.offsets = offsets  # len(text) + 1 entries: the last one is for the end of the text
        self._starts = _line_starts(original)

    def source_offset(self, offset: int) -> int:
        return self.offsets[min(max(offset, 0), len(self.offsets) - 1)]

    def position(self, offset: int) -> tuple[int, int]:
        """1-based line and code-point column in the original file."""
        source = self.source_offset(offset)
        index = max(bisect.bisect_right(self._starts, source) - 1, 0)
        return index + 1, source - self._starts[index] + 1

    def span(self, start: int, end: int) -> tuple[tuple[int, int], tuple[int, int]]:
        """Original (line, column) of a span's start and of its end (just after its last character)."""
        first = self.position(start)
        if end <= start:
            return first, first
        line, column = self.position(end - 1)
        return first, (line, column + 1)

    def describe(self, offset: int, lang: str = "zh") -> str | None:
        return None


@dataclass(frozen=True)
class PageLineOrigin:
    page: int  # 1-based
    line: int | None  # 1-based line of text on the page (running headers and page numbers not counted); None: between lines


@dataclass(frozen=True)
class PageCellOrigin:
    page: int  # the page the row is printed on
    table: int  # 1-based, in document order; a table running over a page break counts once
    row: int  # 1-based, over the whole table
    cell_starts: tuple[int, ...]  # offset of each cell's first character, relative to the line start


class PageOrigins(LineOrigins):
    """A PDF's rendered text: each line knows its page and its line there, or its table cell."""

    names_pages = True  # SARIF puts the place in the message too: a line of the rendered text means nothing to a reader of the PDF

    def page(self, offset: int) -> int | None:
        """The page an offset is printed on (None for a line the reader added)."""
        record, _column = self.origin(offset)
        return getattr(record, "page", None)

    def describe(self, offset: int, lang: str = "zh") -> str | None:
        record, column = self.origin(offset)
        zh = lang == "zh"
        if isinstance(record, PageLineOrigin):
            if record.line is None:
                return f"第 {record.page} 页" if zh else f"page {record.page}"
            return f"第 {record.page} 页第 {record.line} 行" if zh else f"page {record.page}, line {record.line}"
        if isinstance(record, PageCellOrigin):
            cell = max(bisect.bisect_right(record.cell_starts, column), 1)
            if zh:
                return f"第 {record.page} 页 表 {record.table} 第 {record.row} 行第 {cell} 格"
            return f"page {record.page}, table {record.table}, row {record.row}, cell {cell}"
        return None
