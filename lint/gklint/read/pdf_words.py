"""Tables without ruling, from word positions: the PDF reader's second strategy (no PDF library here).

A table drawn without borders (LibreOffice/WPS export of a borderless table, a web page printed to
PDF) leaves only words on the page. Its text lines read well enough for the token reader except
where the table has a blank cell: text has no place for it, the row's values shift left. This
module builds a grid for such a table — only with confidence, else the lines stay text:

- rows from lines: a line whose last words are numbers (its values, right of its label) starts a
  row; a line of label text alone belongs to a row (the one above when cells are top-aligned, the
  nearest when centred: both are tried, the one whose labels all match the template wins); a line
  that is by itself a whole template label (a group row such as 「（三）不予公开」) is a row of its own;
- value columns from the x positions of the values, aligned across the rows (left, centre or right:
  whichever aligns them best); a row with no word in a value column has a blank cell there;
- label columns from where the label pieces start, left of the first value column.

Confidence: every row's label, its label columns joined, must be a template row label of table 二
or 三 (`Labels`), with nothing before it but whole group labels (「三、本年度办理结果」). A block of
lines that fails is left as text lines; a page of prose has no such labels, so it never becomes a
table. Table 四 (no row labels, one row of 15 values) is left to the token reader.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .pdf_layout import Box, TablePart, TextLine, Word, cluster, join_lines

ALIGN_TOLERANCE = 3.0  # points: values of one column line up this closely (left, centre or right)
LABEL_TOLERANCE = 4.0  # points: label pieces of one column start this closely
ROW_GAP = 2.5  # line heights: a wider gap between lines ends a table
MAX_LABEL_LINES = 16  # lines a wrapped label may take (a long label in a narrow column)

_NUMBER_RE = re.compile(r"^[+\-−－]?\s*\d[\d,，.]*(?:%|％|万元|元)?$")
_SIGN_RE = re.compile(r"^[+\-−－]$")


@dataclass(frozen=True)
class Labels:
    """The template's row labels (their `label_key`s): a row's label must end with one of `rows`,
    and what stands before it must be whole `groups`."""

    rows: frozenset[str]
    groups: frozenset[str]
    key: object  # text.label_key

    def matches(self, text: str) -> bool:
        key = self.key(text)
        rest = _strip_suffix(key, self.rows)
        while rest is not None and rest:
            rest = _strip_suffix(rest, self.groups)
        return rest == ""

    def whole(self, text: str) -> bool:
        key = self.key(text)
        return key in self.rows or key in self.groups


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
            out[-1] = Word(f"{previous.text} {word.text}", previous.x0, word.x1, min(previous.top, word.top), max(previous.bottom, word.bottom), word.size)
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
            pieces[-1] = Word(f"{previous.text} {word.text}", previous.x0, word.x1, previous.top, max(previous.bottom, word.bottom), word.size)
        else:
            pieces.append(word)
    return pieces


# --- blocks of lines that may be a table --------------------------------------------


@dataclass
class Block:
    lines: list[TextLine]  # top to bottom
    value_start: float  # x where the values begin (the left edge of the leftmost value)


def blocks(lines: list[TextLine]) -> list[Block]:
    """Runs of lines that hold values and the label lines around them: a line wider than the labels
    (prose, a header over the value columns) or a wide vertical gap ends a run."""
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
        elif line.x1 < start - 1:
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
    labels: list[TextLine]  # every line of the row, the value line included, top to bottom


def rows(block: Block, labels: Labels, nearest: bool) -> list[Row] | None:
    """The block's lines as rows: label lines joined to the row above (top-aligned cells) or to the
    nearest value line (`nearest`: cells centred); None when a label line has no row to go to."""
    anchors = [line for line in block.lines if values_of(line) or labels.whole(line.text)]
    if not anchors:
        return None
    by_anchor = {id(line): Row(line if values_of(line) else None, [line]) for line in anchors}
    first = anchors[0]
    for line in block.lines:
        if id(line) in by_anchor:
            continue
        owner = _nearest_anchor(line, anchors) if nearest else _anchor_above(line, anchors)
        if owner is None:
            if line.top < first.top:
                continue  # above the table's first row: a header's line, stays text
            return None
        by_anchor[id(owner)].labels.append(line)
    found = [by_anchor[id(line)] for line in anchors]
    for row in found:
        row.labels.sort(key=lambda l: l.top)
        if len(row.labels) > MAX_LABEL_LINES:
            return None
    return found


def _anchor_above(line: TextLine, anchors: list[TextLine]) -> TextLine | None:
    above = [a for a in anchors if a.top <= line.top]
    return above[-1] if above else None


def _nearest_anchor(line: TextLine, anchors: list[TextLine]) -> TextLine | None:
    middle = (line.top + line.bottom) / 2
    return min(anchors, key=lambda a: abs((a.top + a.bottom) / 2 - middle))


# --- columns -----------------------------------------------------------------------


def value_columns(found: list[Row]) -> list[tuple[float, float]] | None:
    """(left, right) of each value column: the values clustered by whichever of their left edges,
    middles or right edges line up best. None when they line up in no way."""
    words = [word for row in found if row.values is not None for word in values_of(row.values)]
    best: list[list[Word]] | None = None
    for anchor in (lambda w: w.x1, lambda w: w.middle, lambda w: w.x0):
        groups = _clusters(words, anchor)
        if any(_two_in_one_line(group) for group in groups):
            continue
        if best is None or len(groups) < len(best):
            best = groups
    if best is None:
        return None
    return [(min(w.x0 for w in group), max(w.x1 for w in group)) for group in best]


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


def _overlapping(columns: list[tuple[float, float]]) -> bool:
    return any(a[1] >= b[0] for a, b in zip(columns, columns[1:]))


# --- the grid --------------------------------------------------------------------


def table(block: Block, labels: Labels, margin: float) -> tuple[TablePart, list[TextLine]] | None:
    """The block as a table part (boxes on rows and columns) and the lines it took, or None when
    its rows cannot all be matched to template labels or its values do not line up in columns.
    Lines after the last values that spoil the last row's label (a heading, prose, the next
    block's caption) are left out, as few as it takes."""
    last_values = max(i for i, line in enumerate(block.lines) if values_of(line))
    for end in range(len(block.lines), last_values, -1):
        for nearest in (False, True):
            made = _table(Block(block.lines[:end], block.value_start), labels, nearest, margin)
            if made is not None:
                return made
    return None


def _table(block: Block, labels: Labels, nearest: bool, margin: float) -> tuple[TablePart, list[TextLine]] | None:
    found = rows(block, labels, nearest)
    if found is None:
        return None
    columns = value_columns(found)
    if not columns or _overlapping(columns):
        return None
    label_end = columns[0][0]
    lefts = _label_lefts(found, label_end)
    if not all(labels.matches(_label_text(row, label_end, lefts)) for row in found):
        return None
    return _part(found, columns, label_end, lefts, margin), [line for row in found for line in row.labels]


def _label_cells(row: Row, label_end: float, lefts: list[float]) -> list[list[Word]]:
    """The row's label pieces by label column (the column whose left edge is the nearest at or
    before the piece's start), top to bottom in each."""
    cells: list[list[Word]] = [[] for _ in lefts]
    for line in row.labels:
        for piece in label_pieces(line, label_end):
            column = max((i for i, left in enumerate(lefts) if left - LABEL_TOLERANCE <= piece.x0), default=0)
            cells[column].append(piece)
    return cells


def _label_text(row: Row, label_end: float, lefts: list[float]) -> str:
    """The row's label as the table reader joins it: its label cells left to right."""
    return "".join(join_lines(p.text for p in cell) for cell in _label_cells(row, label_end, lefts))


def _label_lefts(found: list[Row], label_end: float) -> list[float]:
    starts = [piece.x0 for row in found for line in row.labels for piece in label_pieces(line, label_end)]
    return cluster(starts, LABEL_TOLERANCE)


def _part(found: list[Row], columns: list[tuple[float, float]], label_end: float, lefts: list[float], margin: float) -> TablePart:
    """Boxes for every row and column: a label column's pieces of a row; a value column's value, or
    nothing (a blank cell). The table's left edge is the page's text margin, so that its parts on
    two pages line up (`pdf_layout.continues`) when one part lacks the leftmost label column."""
    value_edges = [columns[0][0] - 1] + [(a[1] + b[0]) / 2 for a, b in zip(columns, columns[1:])] + [columns[-1][1] + 1]
    label_edges = [min(margin, lefts[0]) - 1 if lefts else value_edges[0] - 2] + [left - 1 for left in lefts[1:]]
    edges = label_edges + value_edges
    tops = [min(line.top for line in row.labels) - 1 for row in found]
    bottoms = tops[1:] + [max(line.bottom for row in found for line in row.labels) + 1]
    boxes: list[Box] = []
    for row, top, bottom in zip(found, tops, bottoms):
        cells = _label_cells(row, label_end, lefts) if lefts else []
        values = values_of(row.values) if row.values is not None else []
        for index, (x0, x1) in enumerate(zip(edges, edges[1:])):
            if index < len(cells):
                inside = cells[index]
            else:
                inside = [v for v in values if x0 <= v.middle < x1]
            boxes.append(Box(x0, top, x1, bottom, [_as_line(word) for word in inside]))
    return TablePart(0, boxes)


def _as_line(word: Word) -> TextLine:
    return TextLine(word.text, word.x0, word.top, word.x1, word.bottom, word.size)


def find_tables(lines: list[TextLine], labels: Labels, page: int) -> tuple[list[TextLine], list[TablePart]]:
    """The page's borderless tables, and its lines less those the tables took."""
    taken: set[int] = set()
    parts: list[TablePart] = []
    margin = min((line.x0 for line in lines), default=0.0)
    for block in blocks(lines):
        made = table(block, labels, margin)
        if made is None:
            continue
        part, used = made
        part.page = page
        parts.append(part)
        taken.update(id(line) for line in used)
    return [line for line in lines if id(line) not in taken], parts
