"""Tables without ruling, from word positions: the PDF reader's second strategy (no PDF library here).

A table drawn without borders (LibreOffice/WPS export of a borderless table, a web page printed to
PDF) leaves only words on the page. Its text lines read well enough for the token reader except
where the table has a blank cell: text has no place for it, and the row's values shift left. This
module builds a grid for such a table, only with confidence; otherwise the lines stay text:

- blocks: runs of lines holding values (the numbers that end a line, right of its label) and the
  label lines between them; a line reaching over the value columns (prose, a header) ends a block;
- rows: each value line starts a row, and so does a line that is by itself a whole template label
  (a group row such as 「（三）不予公开」). Cells top-aligned (Word's and LibreOffice's default): a
  line of label text alone goes on the cell above it in its column while the cell's text still
  spells the start of a template label (a heading or caption below the table does not). Cells
  centred vertically (WPS's default): a row's cell in a label column is the shortest run of lines
  centred on its value line that spells a whole template label; group labels merged down the side
  are what is left between rows. Of the two readings, the one that reads more rows;
- value columns from the x positions of the values, aligned across the rows (left, centre or right
  edges: whichever aligns them); a row with no value in a column has a blank cell there;
- label columns from where the label pieces start, left of the first value column;
- a row cut by a page break takes the lines of its label at the top of the next page.

Confidence: every row's label, its label cells joined, must be a template row label of table 二
or 三 (`Labels`, from the built-in templates) with nothing before it but whole group labels
(「三、本年度办理结果」); a last row that is not (cut by a page break) stays text. A page of prose
holds no such rows, so it never becomes a table.

Table 四 has no row labels: its one row of values (ten or more numbers alone on a line) is laid on
the 15 columns of the header above it, when the header's pieces stand in exactly 15 columns whose
texts end with the template's column labels (「结果维持」… three times) and it opens with 行政复议;
the header stays text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gklint.read.pdf_layout import Box, Page, TablePart, TextLine, Word, cluster, join_lines

ALIGN_TOLERANCE = 3.0  # points: values of one column line up this closely (left, centre or right)
LABEL_TOLERANCE = 4.0  # points: label pieces of one column start this closely
ROW_GAP = 2.5  # line heights: a wider gap between lines ends a table
MAX_LABEL_LINES = 16  # lines a wrapped label may take (a long label in a narrow column)

_NUMBER_RE = re.compile(r"^[+\-−－]?\s*\d[\d,，.]*(?:%|％|万元|元)?$")
_SIGN_RE = re.compile(r"^[+\-−－]$")


@dataclass(frozen=True)
class Labels:
    """The template's row labels (their `label_key`s): a row's label must be made of them, ending
    with one of `rows`, or be a group label alone; `prefixes` are where a wrapped label can stand
    after one of its lines."""

    rows: frozenset[str]
    groups: frozenset[str]
    key: object  # text.label_key
    prefixes: frozenset[str] = frozenset()

    @classmethod
    def of(cls, rows: set[str], groups: set[str], key) -> Labels:
        prefixes = {label[:end] for label in rows | groups for end in range(1, len(label) + 1)}
        return cls(frozenset(rows), frozenset(groups), key, frozenset(prefixes))

    def matches(self, text: str) -> bool:
        """A whole row label: a template row label with whole group labels before it, or a group label."""
        key = self.key(text)
        if key in self.groups:
            return True
        rest = _strip_suffix(key, self.rows)
        while rest:
            rest = _strip_suffix(rest, self.groups)
        return rest == ""

    def whole(self, text: str) -> bool:
        key = self.key(text)
        return key in self.rows or key in self.groups

    def begins(self, text: str) -> bool:
        """The text is the start of a template label (a cell whose label wraps on)."""
        return self.key(text) in self.prefixes


def _strip_suffix(key: str, ends: frozenset[str]) -> str | None:
    """`key` less the longest of `ends` it ends with; None when it ends with none."""
    best = max((end for end in ends if end and key.endswith(end)), key=len, default=None)
    return None if best is None else key[: len(key) - len(best)]


# --- lines into words and values ---------------------------------------------------


def values_of(line: TextLine) -> list[Word]:
    """The numbers ending a line, right of its text: its values (a sign written apart joined on)."""
    words = _signed(list(line.words))
    values: list[Word] = []
    for word in reversed(words):
        if not _NUMBER_RE.match(word.text):
            break
        values.append(word)
    return values[::-1]


def _signed(words: list[Word]) -> list[Word]:
    """「+ 125」 printed as two words is one value."""
    out: list[Word] = []
    for word in words:
        previous = out[-1] if out else None
        if previous is not None and _SIGN_RE.match(previous.text) and _NUMBER_RE.match(word.text) and word.x0 - previous.x1 < word.size:
            out[-1] = Word(
                f"{previous.text} {word.text}",
                previous.x0,
                word.x1,
                min(previous.top, word.top),
                max(previous.bottom, word.bottom),
                word.size,
            )
        else:
            out.append(word)
    return out


def label_pieces(line: TextLine, before: float) -> list[Word]:
    """The line's words left of `before`, words closer than half a character joined (one cell's text)."""
    pieces: list[Word] = []
    for word in line.words:
        if word.x0 >= before:
            break
        previous = pieces[-1] if pieces else None
        if previous is not None and word.x0 - previous.x1 < word.size / 2:
            pieces[-1] = Word(
                f"{previous.text} {word.text}", previous.x0, word.x1, previous.top, max(previous.bottom, word.bottom), word.size
            )
        else:
            pieces.append(word)
    return pieces


# --- blocks of lines that may be a table --------------------------------------------


@dataclass
class Block:
    lines: list[TextLine]  # top to bottom
    value_start: float  # x where the values begin (the left edge of the leftmost value)


def blocks(lines: list[TextLine], labels: Labels) -> list[Block]:
    """Runs of lines that hold values and the label lines around them: a line wider than the labels
    (prose, a header over the value columns) or a wide vertical gap ends a run; a group row's
    label (「三、本年度办理结果」 in a row of its own, merged over the value columns) does not."""
    found: list[Block] = []
    current: list[TextLine] = []
    start = float("inf")
    for line in lines:
        values = values_of(line)
        gap = line.top - current[-1].bottom if current else 0.0
        if current and gap > ROW_GAP * line.size:
            if start < float("inf"):
                found.append(Block(current, start))
            current, start = [], float("inf")
        if values:
            current.append(line)
            start = min(start, values[0].x0)
        elif line.x1 < start - 1 or (current and labels.whole(line.text)):
            current.append(line)
        else:
            if start < float("inf"):
                found.append(Block(current, start))
            current, start = [], float("inf")
    if current and start < float("inf"):
        found.append(Block(current, start))
    return [_trimmed(block) for block in found]


def _trimmed(block: Block) -> Block:
    """The block less the lines above its first values that reach over the values' columns (prose
    or a header): the label lines of a centred first row stand above its values, nothing else."""
    first = next(i for i, line in enumerate(block.lines) if values_of(line))
    keep = first
    while keep > 0 and block.lines[keep - 1].x1 < block.value_start - 1:
        keep -= 1
    return Block(block.lines[keep:], block.value_start)


# --- rows --------------------------------------------------------------------------


@dataclass
class Row:
    values: TextLine | None  # the line holding the row's values (None: a group row, label only)
    cells: list[list[Word]]  # the label's pieces by label column, top to bottom in each
    top: float
    lines: list[TextLine]  # the lines it took pieces from, its anchor first

    @property
    def label(self) -> str:
        """The row's label as the table reader joins it: its label cells left to right."""
        return "".join(join_lines(piece.text for piece in cell) for cell in self.cells)


@dataclass
class Run:
    """Rows read from consecutive lines, and the lines they took."""

    rows: list[Row]
    lines: list[TextLine]


def _anchor(line: TextLine, labels: Labels) -> bool:
    """A line that starts a row: it holds values, or it is by itself a whole template label."""
    return bool(values_of(line)) or labels.whole(line.text)


def _column_of(piece: Word, lefts: list[float]) -> int | None:
    for index, left in enumerate(lefts):
        if abs(piece.x0 - left) <= LABEL_TOLERANCE:
            return index
    return None


def _goes_on(cell: list[Word], below: Word, labels: Labels) -> bool:
    """`below` is the next line of a label cell: the cell's text with it is still the start of a
    template label (a heading or a caption below a table's last row is not)."""
    return labels.begins(join_lines([piece.text for piece in cell] + [below.text]))


def top_aligned_runs(block: Block, labels: Labels) -> list[Run]:
    """Rows of cells whose text starts at their top (Word and LibreOffice's default): a row starts
    at each anchor line, and a line of label text alone goes on the cells above it, piece by piece
    (a group label in the first column may run on beside the rows below it). A line that goes on no
    cell (a heading, a caption, a table's header) ends the run; the lines after it start another."""
    label_end = block.value_start
    anchors = [line for line in block.lines if _anchor(line, labels)]
    lefts = cluster([p.x0 for line in anchors for p in label_pieces(line, label_end)], LABEL_TOLERANCE)
    runs: list[Run] = []
    current: Run | None = None
    last: dict[int, Row] = {}  # the row of each label column's last cell
    for line in block.lines:
        pieces = label_pieces(line, label_end)
        if _anchor(line, labels):
            if current is None:
                current, last = Run([], []), {}
            row = Row(line if values_of(line) else None, [[] for _ in lefts], line.top, [line])
            for piece in pieces:
                column = _column_of(piece, lefts)
                if column is None:
                    column = max((i for i, left in enumerate(lefts) if left <= piece.x0), default=0)
                row.cells[column].append(piece)
                last[column] = row
            current.rows.append(row)
            current.lines.append(line)
            continue
        if current is None:
            continue  # above the first row: a header, stays text
        owners = _owners(pieces, lefts, last, labels)
        if owners is None:
            runs.append(current)
            current = None
            continue
        for piece, column, row in owners:
            row.cells[column].append(piece)
            if row.lines[-1] is not line:
                row.lines.append(line)
        current.lines.append(line)
    if current is not None:
        runs.append(current)
    return runs


def _owners(pieces: list[Word], lefts: list[float], last: dict[int, Row], labels: Labels) -> list | None:
    """(piece, column, row) for each piece of a label-only line that goes on a cell; None when one
    does not."""
    owners = []
    for piece in pieces:
        column = _column_of(piece, lefts)
        row = last.get(column) if column is not None else None
        if row is None or not _goes_on(row.cells[column], piece, labels):
            return None
        owners.append((piece, column, row))
    return owners or None


def centred_run(block: Block, labels: Labels) -> Run | None:
    """Rows of cells whose text is centred vertically (WPS's default): in each label column, a row's
    cell is the shortest run of lines centred on its anchor line that spells a whole template label;
    lines left over between rows must spell a whole group label (merged down the side, centred on
    its rows), and go to the row nearest them. Left-over lines above the first row or below the
    last stay text. None when the lines cannot be laid out so."""
    label_end = block.value_start
    anchors = [line for line in block.lines if _anchor(line, labels)]
    if not anchors:
        return None
    lefts = cluster([p.x0 for line in block.lines for p in label_pieces(line, label_end)], LABEL_TOLERANCE)
    columns: list[list[Word]] = [[] for _ in lefts]
    line_of: dict[int, TextLine] = {}
    for line in block.lines:
        for piece in label_pieces(line, label_end):
            columns[_column_of(piece, lefts) or 0].append(piece)
            line_of[id(piece)] = line
    rows = [Row(line if values_of(line) else None, [[] for _ in lefts], line.top, [line]) for line in anchors]
    taken: set[int] = set()
    for row in rows:
        middle = (row.lines[0].top + row.lines[0].bottom) / 2
        for index, pieces in enumerate(columns):
            cell = _centred_cell(pieces, middle, taken, labels)
            row.cells[index] = cell
            taken.update(id(piece) for piece in cell)
    while rows and not any(rows[-1].cells):
        rows.pop()  # a row cut by a page break: its lines stay text
    while rows and not any(rows[0].cells):
        rows.pop(0)
    if not rows or not _place_left_over(rows, columns, taken, labels):
        return None
    for row in rows:
        for cell in row.cells:
            for piece in cell:
                if line_of[id(piece)] not in row.lines:
                    row.lines.append(line_of[id(piece)])
    used = {id(line) for row in rows for line in row.lines}
    if any(id(line_of[id(p)]) in used and id(p) not in taken for pieces in columns for p in pieces):
        return None  # a line partly in the table, partly not
    return Run(rows, [line for line in block.lines if id(line) in used])


def _centred_cell(pieces: list[Word], middle: float, taken: set[int], labels: Labels) -> list[Word]:
    """The shortest run of untaken pieces (one column's, top to bottom) centred on `middle` whose
    text is a whole template label; none when no such run."""
    best: list[Word] = []
    for first in range(len(pieces)):
        for last in range(first, min(first + MAX_LABEL_LINES, len(pieces))):
            run = pieces[first : last + 1]
            if id(run[-1]) in taken:
                break
            if id(run[0]) in taken:
                break
            if abs((run[0].top + run[-1].bottom) / 2 - middle) > 0.4 * run[0].size:
                continue
            if labels.whole(join_lines(p.text for p in run)) and (not best or len(run) < len(best)):
                best = run
    return best


def _place_left_over(rows: list[Row], columns: list[list[Word]], taken: set[int], labels: Labels) -> bool:
    """Pieces no row took, between the first row's and the last row's: runs of them must spell a
    whole group label, each given to the row whose anchor line is nearest its middle."""
    top = min(p.top for row in rows for cell in row.cells for p in cell) if any(c for row in rows for c in row.cells) else rows[0].top
    bottom = (
        max(p.bottom for row in rows for cell in row.cells for p in cell) if any(c for row in rows for c in row.cells) else rows[-1].top
    )
    for index, pieces in enumerate(columns):
        groups: list[list[Word]] = []
        for piece in pieces:
            if id(piece) in taken or piece.bottom <= top or piece.top >= bottom:
                if groups and groups[-1]:
                    groups.append([])
                continue
            if not groups:
                groups.append([])
            groups[-1].append(piece)
        for group in filter(None, groups):
            if not labels.whole(join_lines(p.text for p in group)):
                return False
            middle = (group[0].top + group[-1].bottom) / 2
            row = min(rows, key=lambda r: abs((r.lines[0].top + r.lines[0].bottom) / 2 - middle))
            if row.cells[index]:
                return False
            row.cells[index] = group
            taken.update(id(piece) for piece in group)
    return True


# --- columns -----------------------------------------------------------------------


def value_columns(rows: list[Row]) -> list[tuple[float, float]] | None:
    """(left, right) of each value column: the values clustered by whichever of their left edges,
    middles or right edges line up best (the fewest columns). None when they line up in no way:
    two values of a line in one column, more columns than a row has values, or columns overlapping."""
    words = [word for row in rows if row.values is not None for word in values_of(row.values)]
    best: list[list[Word]] | None = None
    for anchor in (lambda w: w.x1, lambda w: w.middle, lambda w: w.x0):
        groups = _clusters(words, anchor)
        if any(_two_in_one_line(group) for group in groups):
            continue
        if best is None or len(groups) < len(best):
            best = groups
    widest_row = max((len(values_of(row.values)) for row in rows if row.values is not None), default=0)
    if not best or len(best) > widest_row:
        return None  # more columns than the fullest row has values: they do not line up
    columns = [(min(w.x0 for w in group), max(w.x1 for w in group)) for group in best]
    return None if any(a[1] >= b[0] for a, b in zip(columns, columns[1:])) else columns


def _clusters(words: list[Word], anchor) -> list[list[Word]]:
    groups: list[list[Word]] = []
    for word in sorted(words, key=anchor):
        if groups and anchor(word) - anchor(groups[-1][0]) <= ALIGN_TOLERANCE:
            groups[-1].append(word)
        else:
            groups.append([word])
    return groups


def _two_in_one_line(group: list[Word]) -> bool:
    tops = [round(w.top, 1) for w in group]
    return len(tops) != len(set(tops))


# --- the grid --------------------------------------------------------------------


def _confident(run: Run, labels: Labels) -> Run | None:
    """The run if every row's label is a template row label; a last row whose label does not match
    (cut by a page break) left out, as text, when no line holds pieces of it and of another row.
    None otherwise."""
    rows = run.rows
    if rows and not labels.matches(rows[-1].label):
        dropped, rows = rows[-1], rows[:-1]
        kept = {id(line) for row in rows for line in row.lines}
        if any(id(line) in kept for line in dropped.lines):
            return None
        run = Run(rows, [line for line in run.lines if id(line) in kept])
    if not any(row.values is not None for row in rows):
        return None
    if not all(labels.matches(row.label) for row in rows):
        return None
    return run


def block_runs(block: Block, labels: Labels) -> list[Run]:
    """The block's runs of rows, read as top-aligned cells or as centred ones: whichever reads more
    rows (top-aligned on a tie: Word's and LibreOffice's default)."""
    top = [run for run in top_aligned_runs(block, labels) if _confident(run, labels) is not None]
    centred = centred_run(block, labels)
    read = _confident(centred, labels) if centred is not None else None
    if read is not None and len(read.rows) > sum(len(_confident(run, labels).rows) for run in top):
        return [centred]
    return top


def carry_over(run: Run, lines: list[TextLine], first_row_top: float, labels: Labels) -> None:
    """A run whose last row's label was cut by a page break (the start of a template label, its
    values above the break) takes the label's lines at the top of the next page (`lines`, above
    that page's first row): they are its row's, not text."""
    row = run.rows[-1] if run.rows else None
    if row is None or row.values is None or labels.matches(row.label):
        return
    lefts = {i: cell[0].x0 for i, cell in enumerate(row.cells) if cell}
    taken = False
    for line in lines:
        if line.top >= first_row_top:
            break
        owners = [
            (piece, next((i for i, left in lefts.items() if abs(piece.x0 - left) <= LABEL_TOLERANCE), None))
            for piece in label_pieces(line, float("inf"))
        ]
        if owners and all(column is not None and _goes_on(row.cells[column], piece, labels) for piece, column in owners):
            for piece, column in owners:
                row.cells[column].append(piece)
            row.lines.append(line)
            run.lines.append(line)
            taken = True
        elif taken:
            break  # the label's lines end; lines above them (a running header) are passed over


def _made(run: Run, labels: Labels, margin: float) -> tuple[TablePart, list[TextLine]] | None:
    run = _confident(run, labels)
    if run is None:
        return None
    columns = value_columns(run.rows)
    if columns is None:
        return None
    return _part(run.rows, columns, margin, labels), run.lines


def _part(rows: list[Row], columns: list[tuple[float, float]], margin: float, labels: Labels) -> TablePart:
    """Boxes for every row and column: a label column's pieces of a row; a value column's value, or
    nothing (a blank cell). A group row (「（三）不予公开」 alone) is its label merged over the rest of
    the row, as the template draws it. The table's left edge is the page's text margin, so that its
    parts on two pages line up (`pdf_layout.continues`) when one part lacks the leftmost label column."""
    used = [i for i in range(len(rows[0].cells)) if any(row.cells[i] for row in rows)]
    lefts = [min(piece.x0 for row in rows for piece in row.cells[i]) for i in used]
    value_edges = [columns[0][0] - 1] + [(a[1] + b[0]) / 2 for a, b in zip(columns, columns[1:])] + [columns[-1][1] + 1]
    label_edges = [min(margin, lefts[0]) - 1] + [left - 1 for left in lefts[1:]] if lefts else [value_edges[0] - 2]
    edges = label_edges + value_edges
    tops = [row.top - 1 for row in rows]
    bottoms = tops[1:] + [max(line.bottom for row in rows for line in row.lines) + 1]
    boxes: list[Box] = []
    for row, top, bottom in zip(rows, tops, bottoms):
        boxes.extend(_row_boxes(row, [row.cells[i] for i in used], edges, top, bottom, _group_row(row, labels)))
    return TablePart(0, boxes)


def _group_row(row: Row, labels: Labels) -> bool:
    return row.values is None and labels.key(row.label) in labels.groups


def _row_boxes(row: Row, cells: list[list[Word]], edges: list[float], top: float, bottom: float, merged: bool) -> list[Box]:
    values = values_of(row.values) if row.values is not None else []
    spans = list(zip(edges, edges[1:]))
    if merged:  # the last label cell with text reaches to the table's right edge
        last = max(i for i, cell in enumerate(cells) if cell)
        spans = spans[:last] + [(spans[last][0], edges[-1])]
    boxes = []
    for index, (x0, x1) in enumerate(spans):
        inside = cells[index] if index < len(cells) else [v for v in values if x0 <= v.middle < x1]
        boxes.append(Box(x0, top, x1, bottom, [_as_line(word) for word in inside]))
    return boxes


def _as_line(word: Word) -> TextLine:
    return TextLine(word.text, word.x0, word.top, word.x1, word.bottom, word.size)


def add_tables(pages: list[Page], labels: Labels) -> list[Page]:
    """The pages with their borderless tables added as table parts and the lines those took out of
    their text. A row cut by a page break keeps the lines of its label on the next page."""
    runs = [[run for block in blocks(page.lines, labels) for run in block_runs(block, labels)] for page in pages]
    for index in range(1, len(pages)):
        if runs[index - 1]:
            first_row_top = runs[index][0].rows[0].top if runs[index] else float("inf")
            carry_over(runs[index - 1][-1], pages[index].lines, first_row_top, labels)
    taken: set[int] = set()
    added: list[list[TablePart]] = []
    for page, page_runs in zip(pages, runs):
        margin = min((line.x0 for line in page.lines), default=0.0)
        parts = []
        for run in page_runs:
            made = _made(run, labels, margin)
            if made is not None:
                part, used = made
                part.page = page.number
                parts.append(part)
                taken.update(id(line) for line in used)
        for part, used in review_tables(page.lines, taken, labels.key):
            part.page = page.number
            parts.append(part)
            taken.update(id(line) for line in used)
        added.append(parts)
    return [
        Page(page.number, page.height, [line for line in page.lines if id(line) not in taken], page.tables + parts)
        for page, parts in zip(pages, added)
    ]


# --- table 四: one row of values under its header ------------------------------------

REVIEW_COLUMNS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计") * 3  # the template's 15, left to right
MAX_HEADER_LINES = 30  # lines a header written one character a line may take


def review_tables(lines: list[TextLine], taken: set[int], key) -> list[tuple[TablePart, list[TextLine]]]:
    """Table 四 without ruling: a line of values alone (ten or more numbers) under a header whose
    pieces stand in exactly 15 columns, each spelling, top to bottom, the template's column label
    (「结果维持」… three times, after its group labels), the header opening with 行政复议. Its values
    are laid on those columns, a column with none a blank cell. Anything else stays text."""
    found = []
    for index, line in enumerate(lines):
        values = values_of(line)
        if id(line) in taken or len(values) < 10 or len(values) != len(line.words):
            continue
        header = _review_header(lines[:index], taken, key)
        columns = _review_columns(header) if header else None
        if columns is None:
            continue
        part = _review_part(values, columns, line)
        if part is not None:
            found.append((part, [line]))
    return found


def _review_header(above: list[TextLine], taken: set[int], key) -> list[TextLine] | None:
    """The lines from the one holding 行政复议 down to the values (none of them anyone's)."""
    header: list[TextLine] = []
    for line in reversed(above[-MAX_HEADER_LINES:]):
        if id(line) in taken or values_of(line):
            return None
        header.insert(0, line)
        if "行政复议" in key(line.text):
            return header
    return None


def _review_columns(header: list[TextLine]) -> list[float] | None:
    """The left edges of the header's 15 columns, when its pieces stand in exactly 15 and each
    column's text ends with its template label."""
    pieces = [piece for line in header for piece in label_pieces(line, float("inf"))]
    lefts = cluster([piece.x0 for piece in pieces], LABEL_TOLERANCE)
    if len(lefts) != len(REVIEW_COLUMNS):
        return None
    texts = ["" for _ in lefts]
    for piece in pieces:  # top to bottom: the header's lines are in order
        column = _column_of(piece, lefts)
        if column is None:
            return None
        texts[column] = join_lines([texts[column], piece.text])
    if not all(text.endswith(label) for text, label in zip(texts, REVIEW_COLUMNS)):
        return None
    return lefts


def _review_part(values: list[Word], lefts: list[float], line: TextLine) -> TablePart | None:
    """The values on the header's columns (each in the column whose left edge is the last at or
    before it): one row of boxes, blank where a column has no value."""
    cells: list[list[Word]] = [[] for _ in lefts]
    for value in values:
        column = max((i for i, left in enumerate(lefts) if left - LABEL_TOLERANCE <= value.x0), default=None)
        if column is None or cells[column]:
            return None
        cells[column].append(value)
    edges = [left - 1 for left in lefts] + [max(lefts[-1] + 1, max(v.x1 for v in values)) + 1]
    boxes = [
        Box(x0, line.top - 1, x1, line.bottom + 1, [_as_line(w) for w in cell]) for (x0, x1), cell in zip(zip(edges, edges[1:]), cells)
    ]
    return TablePart(0, boxes)
