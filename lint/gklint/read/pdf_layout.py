"""A PDF's pages as text and grids: the geometry half of the PDF reader, with no PDF library in it.

`gklint.read.pdf` takes each page apart with pdfplumber into `Page`s (the text lines outside
tables, and the ruled tables as boxes holding their lines); this module decides what they mean:

- page furniture: page numbers ("- 5 -", "第5页", "5/6", a lone number that counts the pages) and
  running headers or footers repeated on the pages are dropped;
- a table at the top of a page that goes on from the table ending the page before (same outer
  edges, one's column edges a subset of the other's) is one table: a row split by the page break
  is joined into the row above, and a merged label cell going on over the break is one cell;
- the boxes of a table are laid on the slots of its row and column edges (rowspan/colspan);
- the text is rendered in reading order, page by page, tables in place as tab-separated rows
  (`GridBuilder`), with a `PageOrigins` record a line.

Coordinates are PDF points from the page's top-left corner (pdfplumber's `top`/`bottom`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from gklint.read.grid import Grid, GridBuilder
from gklint.read.origins import PageCellOrigin, PageLineOrigin

COLUMN_TOLERANCE = 4.0  # points: the same column edge on two pages (Word draws them up to ~3 pt apart)
ROW_TOLERANCE = 2.0  # points: the same row edge within one page
EDGE_ZONE = 0.15  # the top and bottom 15% of a page hold its running header, footer and page number


@dataclass(frozen=True)
class Word:
    """A run of characters of a line with no gap wider than a space between them."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float

    @property
    def middle(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass(frozen=True)
class TextLine:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float = 10.0  # font size of its largest character
    words: tuple[Word, ...] = field(default=(), compare=False, repr=False)  # where a table without ruling is found


@dataclass
class Box:
    """A cell as ruled on one page, with the lines of text inside it."""

    x0: float
    top: float
    x1: float
    bottom: float
    lines: list[TextLine] = field(default_factory=list)

    @property
    def text(self) -> str:
        return join_lines(line.text for line in self.lines)


@dataclass
class TablePart:
    """The part of a ruled table printed on one page."""

    page: int
    boxes: list[Box]

    @property
    def top(self) -> float:
        return min(box.top for box in self.boxes)

    @property
    def bottom(self) -> float:
        return max(box.bottom for box in self.boxes)

    def column_edges(self) -> list[float]:
        return cluster([box.x0 for box in self.boxes] + [box.x1 for box in self.boxes], COLUMN_TOLERANCE)

    def row_edges(self) -> list[float]:
        return cluster([box.top for box in self.boxes] + [box.bottom for box in self.boxes], ROW_TOLERANCE)


@dataclass
class Page:
    number: int  # 1-based
    height: float
    lines: list[TextLine]  # text outside the tables, top to bottom
    tables: list[TablePart] = field(default_factory=list)


# --- text ------------------------------------------------------------------------


def _ascii_alnum(char: str) -> bool:
    return char.isascii() and char.isalnum()


def join_text(first: str, second: str) -> str:
    """Two pieces of one cell or wrapped label: CJK joins with nothing (a vertical label written one
    character a line is one word), ASCII words with a space; digits run on (a wrapped number)."""
    first, second = first.strip(), second.strip()
    if not first or not second:
        return first or second
    a, b = first[-1], second[0]
    if _ascii_alnum(a) and _ascii_alnum(b) and not (a.isdigit() and b.isdigit()):
        return f"{first} {second}"
    return first + second


def join_lines(lines) -> str:
    text = ""
    for line in lines:
        text = join_text(text, line)
    return text


# --- page furniture: page numbers, running headers and footers -------------------

_DASHES = "-—–－~～"
_PAGE_NUMBER_RE = re.compile(
    rf"^(?:[{_DASHES}]+\s*\d{{1,4}}\s*[{_DASHES}]+"  # - 5 -  — 5 —
    r"|第\s*\d{1,4}\s*页(?:\s*[,，/／]?\s*共\s*\d{1,4}\s*页)?"  # 第5页, 第5页 共6页
    r"|\d{1,4}\s*[/／]\s*\d{1,4}"  # 5/6
    r"|(?:page|Page|PAGE)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?)$"
)
_LONE_NUMBER_RE = re.compile(r"^\d{1,4}$")


def _edge_lines(page: Page) -> list[tuple[str, TextLine]]:
    """The first and last two lines of a page when they lie in its top or bottom zone, outside
    any table: where page numbers and running headers are."""
    if not page.lines:
        return []
    table_top = min((t.top for t in page.tables), default=page.height)
    table_bottom = max((t.bottom for t in page.tables), default=0.0)
    found: list[tuple[str, TextLine]] = []
    for line in page.lines[:2]:
        if line.bottom <= page.height * EDGE_ZONE and line.bottom <= table_top:
            found.append(("head", line))
    for line in page.lines[-2:]:
        if line.top >= page.height * (1 - EDGE_ZONE) and line.top >= table_bottom and all(line is not l for _z, l in found):
            found.append(("foot", line))
    return found


def _squeezed(text: str) -> str:
    return "".join(text.split())


def furniture(pages: list[Page]) -> set[int]:
    """ids of the lines that are page furniture: page numbers, and headers/footers that repeat."""
    drop: set[int] = set()
    repeated: dict[tuple[str, str], list[TextLine]] = {}
    lone: list[tuple[int, int, TextLine]] = []  # (page, number shown, line)
    for page in pages:
        for zone, line in _edge_lines(page):
            text = _squeezed(line.text)
            if _PAGE_NUMBER_RE.match(line.text.strip()) or _PAGE_NUMBER_RE.match(text):
                drop.add(id(line))
            elif _LONE_NUMBER_RE.match(text):
                lone.append((page.number, int(text), line))  # judged by what it counts, not by repeating
            else:
                repeated.setdefault((zone, re.sub(r"\d+", "#", text)), []).append(line)
    # A lone number is a page number when it counts the pages: the same offset from the page's
    # position on at least two pages (a cover page shifts it), or its page's own number.
    offsets = Counter(shown - number for number, shown, _line in lone)
    for number, shown, line in lone:
        if offsets[shown - number] >= 2 or shown == number:
            drop.add(id(line))
    # A running header or footer: the same text (numbers aside), in the same place and size, at an
    # edge of half the pages or more (the title on page 1 is not the header repeating its words).
    enough = max(2, (len(pages) + 1) // 2)
    for lines in repeated.values():
        placed = _same_place(lines)
        if len(placed) >= enough:
            drop.update(id(line) for line in placed)
    return drop


def _same_place(lines: list[TextLine]) -> list[TextLine]:
    """The lines at the most common height and size among `lines` (within 4 pt and 1 pt)."""
    top, size = Counter((round(l.top / 4), round(l.size)) for l in lines).most_common(1)[0][0]
    return [l for l in lines if abs(l.top - top * 4) <= 4 and abs(l.size - size) <= 1]


def without_furniture(pages: list[Page]) -> list[Page]:
    drop = furniture(pages)
    return [Page(p.number, p.height, [l for l in p.lines if id(l) not in drop], p.tables) for p in pages]


# --- tables over page breaks ----------------------------------------------------


def cluster(values: list[float], tolerance: float) -> list[float]:
    """Sorted values merged where they lie within `tolerance` of the group's first: the edges."""
    edges: list[list[float]] = []
    for value in sorted(values):
        if edges and value - edges[-1][0] <= tolerance:
            edges[-1].append(value)
        else:
            edges.append([value])
    return [sum(group) / len(group) for group in edges]


def nearest(edges: list[float], value: float) -> int:
    return min(range(len(edges)), key=lambda i: abs(edges[i] - value))


def _within(edges: list[float], others: list[float]) -> bool:
    return all(any(abs(edge - other) <= COLUMN_TOLERANCE for other in others) for edge in edges)


def continues(above: TablePart, below: TablePart) -> bool:
    """`below` (at the top of the next page) goes on from `above` (ending the page before): the same
    outer edges, and the column edges of one among the other's (a part may merge some columns)."""
    a, b = above.column_edges(), below.column_edges()
    if len(a) < 2 or len(b) < 2:
        return False
    if abs(a[0] - b[0]) > COLUMN_TOLERANCE or abs(a[-1] - b[-1]) > COLUMN_TOLERANCE:
        return False
    return _within(a, b) or _within(b, a)


def chain_tables(pages: list[Page]) -> list[list[TablePart]]:
    """Each table as the list of its parts, page by page: a table that is the first thing on a
    page (furniture dropped) continues the table that was the last thing on the page before."""
    chains: list[list[TablePart]] = []
    open_chain: list[TablePart] | None = None  # ends the previous page
    for page in pages:
        tables = sorted(page.tables, key=lambda t: t.top)
        for index, table in enumerate(tables):
            first_thing = index == 0 and all(line.top >= table.top for line in page.lines)
            if first_thing and open_chain is not None and continues(open_chain[-1], table):
                open_chain.append(table)
            else:
                chains.append([table])
        last = tables[-1] if tables else None
        if last is not None and all(line.bottom <= last.bottom for line in page.lines):
            open_chain = next(chain for chain in chains if chain[-1] is last)
        else:
            open_chain = None
    return chains


# --- laying a table's boxes on its slots ----------------------------------------


@dataclass
class LaidCell:
    text: str
    row: int
    column: int
    rowspan: int
    colspan: int
    box: Box  # where it is ruled (its first box, when joined over a break)

    def covers_row(self, row: int) -> bool:
        return self.row <= row < self.row + self.rowspan

    def columns(self) -> range:
        return range(self.column, self.column + self.colspan)

    @property
    def blank(self) -> bool:
        return not self.text.strip()


@dataclass
class LaidTable:
    cells: list[LaidCell]
    row_pages: list[int]  # the page of each row
    columns: int


_NUMBER_RE = re.compile(r"^[+\-−－]?\s*\d[\d,，.\s]*(?:%|％|万元|元)?$")
_ITEM_START_RE = re.compile(r"^\s*(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+[、.．]|\d+\s*[.．、])")


def _is_label(cell: LaidCell) -> bool:
    """Text that is not a number: a row or column label (a value cell holds a number or nothing)."""
    return not cell.blank and not _NUMBER_RE.match(cell.text.strip())


def _full_last_line(box: Box) -> bool:
    """The box's text ends in a full line: one more character would not have fitted, so text that
    goes on in the box below (over a page break) belongs to it."""
    if not box.lines:
        return False
    last = box.lines[-1]
    padding = max(min(line.x0 for line in box.lines) - box.x0, 0.0)
    return box.x1 - last.x1 < padding + last.size * 1.1 + 1.0


_CLOSING = "）)]】》〉”’，,、。；;：:"


def _unfinished(text: str) -> bool:
    """A bracket opened and not closed: the label goes on."""
    return text.count("（") + text.count("(") > text.count("）") + text.count(")")


def _runs_on(above: LaidCell, below: LaidCell) -> bool:
    """The label `below` goes on from the label `above`: `above` ends in a full line or an open
    bracket, or `below` starts with closing punctuation; and no item number starts `below`."""
    if not (_is_label(above) and _is_label(below)) or _ITEM_START_RE.match(below.text):
        return False
    return _full_last_line(above.box) or _unfinished(above.text) or below.text.lstrip()[:1] in _CLOSING


def _halves(above: LaidCell | None, below: LaidCell) -> bool:
    """Two boxes that can be the halves of one cell cut by a page break: one is blank, or the label
    above runs on below. Two numbers never are (a value is not split over pages)."""
    return above is not None and (above.blank or below.blank or _runs_on(above, below))


def _join_at_break(cells: list[LaidCell], last_row: int) -> bool:
    """Mend a page break between `last_row` and the row after it. A row split by the break (each
    box below the half of the box above it) is joined into the row above: returns True, the row
    below is gone. Otherwise a merged label going on over the break (a blank continuation, or its
    text running on) is made one cell with the label above."""
    first_row = last_row + 1
    above = {(c.column, c.colspan): c for c in cells if c.covers_row(last_row)}
    below = [c for c in cells if c.row == first_row]
    if not below or not above:
        return False
    pairs = [(above.get((b.column, b.colspan)), b) for b in below]
    if all(_halves(a, b) for a, b in pairs):
        for a, b in pairs:
            a.text = join_text(a.text, b.text)
            a.rowspan += b.rowspan - 1
            cells.remove(b)
        for cell in cells:
            if cell.row > first_row:
                cell.row -= 1
        return True
    for a, b in pairs:
        if a is None or not _is_label(a):
            continue
        group = any(d.row == first_row and d.column >= b.column + b.colspan and _is_label(d) for d in below)
        if group and (b.blank or _runs_on(a, b)):
            a.text = join_text(a.text, b.text)
            a.rowspan += b.rowspan
            cells.remove(b)
    return False


def lay_out(chain: list[TablePart]) -> LaidTable:
    """A table's cells on the slots of its row and column edges, its parts joined over page breaks
    (header rows Word repeats at the top of each page left out)."""
    columns = cluster([x for part in chain for box in part.boxes for x in (box.x0, box.x1)], COLUMN_TOLERANCE)
    cells: list[LaidCell] = []
    row_pages: list[int] = []
    breaks: list[int] = []  # the last row before each page break
    for part in chain:
        placed, rows = _place(part, columns, len(row_pages))
        if row_pages:
            repeated = _repeated_header_rows(cells, placed, len(row_pages), rows)
            placed = _without_rows(placed, len(row_pages), repeated)
            rows -= repeated
            breaks.append(len(row_pages) - 1)
        cells.extend(placed)
        row_pages.extend([part.page] * rows)
    for last_row in reversed(breaks):  # from the end: a removed row shifts only the rows after it
        if _join_at_break(cells, last_row):
            del row_pages[last_row + 1]
    cells.sort(key=lambda c: (c.row, c.column))
    return LaidTable(cells, row_pages, len(columns) - 1)


def _place(part: TablePart, columns: list[float], offset: int) -> tuple[list[LaidCell], int]:
    """A part's boxes on the table's columns and the part's own rows (numbered from `offset`)."""
    rows = part.row_edges()
    placed = []
    for box in sorted(part.boxes, key=lambda b: (b.top, b.x0)):
        row, end_row = nearest(rows, box.top), nearest(rows, box.bottom)
        column, end_column = nearest(columns, box.x0), nearest(columns, box.x1)
        if end_row > row and end_column > column:
            placed.append(LaidCell(box.text, offset + row, column, end_row - row, end_column - column, box))
    return placed, len(rows) - 1


def _row_signature(cells: list[LaidCell], row: int) -> list:
    return sorted((c.column, c.colspan, _squeezed(c.text)) for c in cells if c.row == row)


def _repeated_header_rows(table: list[LaidCell], part: list[LaidCell], offset: int, rows: int) -> int:
    """How many rows at the top of a part repeat the table's first rows, cell for cell (Word's
    "repeat as header row at the top of each page")."""
    count = 0
    while count < rows - 1:
        signature = _row_signature(part, offset + count)
        if not signature or signature != _row_signature(table, count):
            break
        count += 1
    return count


def _without_rows(cells: list[LaidCell], first: int, count: int) -> list[LaidCell]:
    """`cells` less those starting in rows first … first+count-1, the rows below moved up."""
    if not count:
        return cells
    kept = [c for c in cells if not first <= c.row < first + count]
    for cell in kept:
        if cell.row >= first + count:
            cell.row -= count
    return kept


def row_entries(table: LaidTable, row: int) -> list[tuple[str | None, int, int]]:
    """A row for `GridBuilder.add_row`: (text, rowspan, colspan) for the cells starting in it, None
    for a slot covered by a merged cell from above or by no cell at all."""
    starting = {c.column: c for c in table.cells if c.row == row}
    covering = [c for c in table.cells if c.row < row < c.row + c.rowspan]
    entries: list[tuple[str | None, int, int]] = []
    column = 0
    while column < table.columns:
        cell = starting.get(column)
        if cell is not None:
            entries.append((cell.text, cell.rowspan, cell.colspan))
            column += cell.colspan
            continue
        cover = next((c for c in covering if column in c.columns()), None)
        span = cover.column + cover.colspan - column if cover is not None else 1
        entries.append((None, 1, span))
        column += span
    while entries and entries[-1][0] is None:  # nothing after the last cell
        entries.pop()
    return entries


# --- rendering ------------------------------------------------------------------


@dataclass
class Rendered:
    text: str
    records: list
    grids: list[Grid]


_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def clean_line(text: str) -> str:
    """No tabs or control characters in a line of text: a tab would make it look like a table row."""
    return _CONTROL_RE.sub(" ", text)


def paragraph_gap(pages: list[Page]) -> float | None:
    """The space between two lines that parts paragraphs: wider than the usual space between lines
    (the most common one) by more than half a line. None when too few lines tell."""
    gaps: Counter = Counter()
    sizes: list[float] = []
    for page in pages:
        for above, below in zip(page.lines, page.lines[1:]):
            gaps[round(below.top - above.bottom)] += 1
            sizes.append(above.size)
    if sum(gaps.values()) < 5:
        return None
    usual = gaps.most_common(1)[0][0]
    return usual + 0.6 * sorted(sizes)[len(sizes) // 2]


def render(pages: list[Page]) -> Rendered:
    """The pages as the parser reads them: text lines in reading order (a blank line where a wider
    space parts paragraphs, as the document's paragraph spacing shows), each table (all its parts)
    where it starts, as a blank line, a tab-separated line a row, a blank line."""
    pages = without_furniture(pages)
    gap = paragraph_gap(pages)
    chains = chain_tables(pages)
    chain_of = {id(chain[0]): chain for chain in chains}
    continued = {id(part) for chain in chains for part in chain[1:]}
    lines: list[str] = []
    records: list = []
    grids: list[Grid] = []
    position = 0

    def add(line: str, record) -> None:
        nonlocal position
        lines.append(line)
        records.append(record)
        position += len(line) + 1

    for page in pages:
        blocks = [(line.top, 0, line) for line in page.lines] + [(table.top, 1, table) for table in page.tables]
        number = 0
        previous: TextLine | None = None  # the text line just above, on this page
        for _top, _kind, block in sorted(blocks, key=lambda b: (b[0], b[1])):
            if isinstance(block, TextLine):
                if previous is not None and gap is not None and block.top - previous.bottom > gap and lines[-1]:
                    add("", PageLineOrigin(page.number, None))
                number += 1
                add(clean_line(block.text), PageLineOrigin(page.number, number))
                previous = block
                continue
            previous = None
            if id(block) in continued:
                continue
            table = lay_out(chain_of[id(block)])
            add("", PageLineOrigin(page.number, None))
            builder = GridBuilder(position)
            for row in range(len(table.row_pages)):
                entries = [
                    (None if text is None else clean_line(text), rowspan, colspan) for text, rowspan, colspan in row_entries(table, row)
                ]
                line = builder.add_row(entries)
                add(line, PageCellOrigin(table.row_pages[row], len(grids) + 1, row + 1, _cell_starts(entries)))
            grids.append(builder.grid())
            add("", PageLineOrigin(table.row_pages[-1] if table.row_pages else page.number, None))
    return Rendered("".join(line + "\n" for line in lines), records, grids)


def _cell_starts(entries: list[tuple[str | None, int, int]]) -> tuple[int, ...]:
    """Where each field of a rendered row starts, from the line's start (after the leading tab)."""
    starts, start = [], 1
    for text, _rowspan, _colspan in entries:
        starts.append(start)
        start += len(text or "") + 1
    return tuple(starts)
