"""A table as the file lays it out: rows of cells, each with its text, span and place.

Readers of structured files (.docx, HTML, PDF) render each table as tab-separated lines in
`SourceText.text` (so the parser and the text rules see it) AND hand over its `Grid`, whose
cells point into that text. The table reader (`gklint.facts.tables`) reads a grid by its cells —
blank cells stay blank, merged cells count once — instead of re-tokenising the rendered lines.

Conventions:
- rows and columns are 0-based slots of the laid-out table; a merged cell is one `GridCell`
  at its top-left slot with its `rowspan`/`colspan`; the slots it covers hold no other cell;
- `start`/`end` are offsets into `SourceText.text` of the cell's text (`text[start:end]` is
  the cell's text); a blank cell has `start == end` at the place where its value belongs;
- a cell's text is on one line: the reader joins a cell's lines (a vertical label written
  one character a line becomes one word) before rendering.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# The widest and tallest merge a report's table holds (table 三's 「三、本年度办理结果」 spans some
# 25 rows, a title row 16 columns). A larger span (HTML allows 1000 × 65534) is cut to this: a page
# of such cells made every reader keep and render an area, not a list, of cells.
MAX_SPAN = 64


@dataclass(frozen=True)
class GridCell:
    text: str
    start: int  # offset of the text in SourceText.text
    end: int
    row: int  # top slot, 0-based
    column: int  # left slot, 0-based
    rowspan: int = 1
    colspan: int = 1

    @property
    def blank(self) -> bool:
        return not self.text.strip(" \t\u00a0\u3000")


@dataclass(frozen=True)
class Grid:
    """One table of the file. `cells` are in reading order (by row, then column)."""

    cells: tuple[GridCell, ...]
    rows: int
    columns: int
    start: int  # offset of the first rendered character of the table in SourceText.text
    end: int  # offset just after its last rendered character
    _by_row: dict = field(default=None, compare=False, repr=False)  # type: ignore[assignment]

    def row(self, index: int) -> list[GridCell]:
        """The cells whose top slot is in row `index` (a vertically merged cell only in its first row)."""
        by_row = self._by_row
        if by_row is None:
            by_row = {}
            for cell in self.cells:
                by_row.setdefault(cell.row, []).append(cell)
            object.__setattr__(self, "_by_row", by_row)
        return by_row.get(index, [])

    def covering(self, row: int, column: int) -> GridCell | None:
        """The cell covering a slot (a merged cell covers all its slots)."""
        for cell in self.cells:
            if cell.row <= row < cell.row + cell.rowspan and cell.column <= column < cell.column + cell.colspan:
                return cell
        return None


class GridBuilder:
    """Renders grids into a reader's text: call `add_row` with each row's cell texts.

    Helps a reader keep the tab-separated rendering and the grid's offsets in step:

        builder = GridBuilder(offset_of_table_start)
        for each row: line = builder.add_row([(text, rowspan, colspan), ...])  # the row's rendered line
        grid = builder.grid(end_offset)

    The rendered line of a row is a tab, then its cells (top-left slots only) separated by tabs;
    offsets assume each rendered line is followed by one newline character.
    """

    def __init__(self, start: int):
        self.start = start
        self.position = start  # offset of the next row's line
        self.cells: list[GridCell] = []
        self.rows = 0
        self.columns = 0
        # For each column, the last row a merged cell of the rows above covers it to (a slot is
        # covered when that row is the current one or later): a number a column, not one a slot.
        self._covered_to: list[int] = []

    def add_row(self, entries: list[tuple[str | None, int, int]]) -> str:
        """Add a row of (text, rowspan, colspan) entries, left to right; returns its rendered line
        (no newline). A `None` text is a slot covered by a merged cell of a row above: it renders
        as an empty field (so the fields keep their columns) and makes no cell."""
        row = self.rows
        column = 0
        parts: list[str] = []
        offset = self.position + 1  # after the leading tab
        covered_to = self._covered_to
        merged: list[tuple[int, int, int]] = []  # (column, colspan, last row) of this row's merges down
        for text, rowspan, colspan in entries:
            rowspan, colspan = min(max(rowspan, 1), MAX_SPAN), min(max(colspan, 1), MAX_SPAN)
            if text is None:
                parts.append("")
                offset += 1
                column += colspan
                continue
            while column < len(covered_to) and covered_to[column] >= row:
                column += 1
            text = text.replace("\t", " ").replace("\r", "").replace("\n", "")
            self.cells.append(GridCell(text, offset, offset + len(text), row, column, rowspan, colspan))
            if rowspan > 1:
                merged.append((column, colspan, row + rowspan - 1))
            parts.append(text)
            offset += len(text) + 1
            column += colspan
        # A merge covers the rows below it only: recorded once the row's own cells are placed.
        for first, colspan, last_row in merged:
            end = first + colspan
            if len(covered_to) < end:
                covered_to.extend([-1] * (end - len(covered_to)))
            covered_to[first:end] = [max(last, last_row) for last in covered_to[first:end]]
        self.columns = max(self.columns, column)
        self.rows += 1
        line = "\t" + "\t".join(parts)
        self.position += len(line) + 1
        return line

    def grid(self) -> Grid:
        return Grid(tuple(self.cells), self.rows, self.columns, self.start, max(self.position - 1, self.start))
