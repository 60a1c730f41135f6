"""A table as the file lays it out: rows of cells, each with its text, span and place.

Readers of structured files (.docx, HTML, PDF) render each table as tab-separated lines in
`SourceText.text` (so the parser and the text rules see it) AND hand over its `Grid`, whose
cells point into that text. The table reader (`gklint.tables`) reads a grid by its cells —
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
        self._covered: set[tuple[int, int]] = set()

    def add_row(self, entries: list[tuple[str | None, int, int]]) -> str:
        """Add a row of (text, rowspan, colspan) entries, left to right; returns its rendered line
        (no newline). A `None` text is a slot covered by a merged cell of a row above: it renders
        as an empty field (so the fields keep their columns) and makes no cell."""
        row = self.rows
        column = 0
        parts: list[str] = []
        offset = self.position + 1  # after the leading tab
        for text, rowspan, colspan in entries:
            rowspan, colspan = max(rowspan, 1), max(colspan, 1)
            if text is None:
                parts.append("")
                offset += 1
                column += colspan
                continue
            while (row, column) in self._covered:
                column += 1
            text = text.replace("\t", " ").replace("\r", "").replace("\n", "")
            self.cells.append(GridCell(text, offset, offset + len(text), row, column, rowspan, colspan))
            for r in range(row + 1, row + rowspan):
                for c in range(column, column + colspan):
                    self._covered.add((r, c))
            parts.append(text)
            offset += len(text) + 1
            column += colspan
        self.columns = max(self.columns, column)
        self.rows += 1
        line = "\t" + "\t".join(parts)
        self.position += len(line) + 1
        return line

    def grid(self) -> Grid:
        return Grid(tuple(self.cells), self.rows, self.columns, self.start, max(self.position - 1, self.start))
