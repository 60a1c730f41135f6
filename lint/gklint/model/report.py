"""The report model: what the parser builds once and every rule reads.

All positions are offsets into `Report.text` (code points, not bytes); `Report.location`
turns one into a 1-based (line, column) with columns counted in code points.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from gklint.core.numbering import Numbering
from gklint.core.template import SectionSpec, Template, TemplateSet
from gklint.read.source import SourceText

if TYPE_CHECKING:  # pragma: no cover
    from gklint.facts.report_facts import Facts


LINE_SPACES = " \t\u00a0\u2002\u2003\u3000"  # what `Line.stripped` strips


@dataclass(frozen=True, init=False)
class Line:
    number: int  # 1-based
    start: int  # offset of the first character
    end: int  # offset just after the last character, before the line ending
    text: str  # without the line ending
    # The text without surrounding spaces (computed once: nearly every line is asked).
    stripped: str = field(init=False, repr=False, compare=False)

    def __init__(self, number: int, start: int, end: int, text: str) -> None:
        # Written directly (a report has hundreds of lines; frozen dataclass setattr is slow).
        fields = self.__dict__
        fields["number"] = number
        fields["start"] = start
        fields["end"] = end
        fields["text"] = text
        fields["stripped"] = text.strip(LINE_SPACES)

    @property
    def is_blank(self) -> bool:
        return not self.stripped


@dataclass(frozen=True)
class Heading:
    """A numbered line outside the tables: a section heading, a sub-heading or a numbered item."""

    line: Line
    numbering: Numbering | None
    title: str
    title_start: int
    section: int  # number of the enclosing section; 0 in the preamble
    # Just after the title: the line's end, or in Markdown before a closing `##` or `**`.
    title_end: int
    underline: Line | None = None  # Markdown: a setext heading's `===`/`---` line

    @property
    def last_line(self) -> Line:
        """The heading's last line: its underline in Markdown's setext form, else its line."""
        return self.underline or self.line


@dataclass(frozen=True)
class Section:
    """One of the six template sections, as found in the report."""

    spec: SectionSpec
    heading: Heading
    first_body_line: int  # line number just after the heading
    last_body_line: int  # last line number of the body (< first_body_line when empty)
    exact_wording: bool  # the title says exactly the template's words (after normalising)

    @property
    def number(self) -> int:
        return self.spec.number


class OffsetMap:
    """The source offset of each character of a text joined from pieces of the source, stored as
    one (text position, source offset) pair a piece: a sequence of ints, indexable like a tuple
    of them, without an int object for every character of the report."""

    __slots__ = ("_starts", "_sources", "_length")

    def __init__(self, starts: list[int], sources: list[int], length: int):
        self._starts = starts  # text position where each piece begins (ascending, the first 0)
        self._sources = sources  # source offset of each piece's first character
        self._length = length

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, index: int) -> int:
        if index < 0:
            index += self._length
        if not 0 <= index < self._length:
            raise IndexError("offset map index out of range")
        piece = bisect.bisect_right(self._starts, index) - 1
        return self._sources[piece] + index - self._starts[piece]

    def __iter__(self) -> Iterator[int]:
        ends = [*self._starts[1:], self._length]
        for start, end, source in zip(self._starts, ends, self._sources):
            yield from range(source, source + end - start)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, OffsetMap):
            return list(self) == list(other)
        return NotImplemented

    def __repr__(self) -> str:
        return f"OffsetMap({list(zip(self._starts, self._sources))}, length={self._length})"


@dataclass(frozen=True)
class Paragraph:
    """Text joined across hard wraps (and page numbers), with a map back to the source."""

    text: str
    offsets: OffsetMap  # source offset of each character of `text`
    first_line: int
    last_line: int
    section: int

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Source offsets for the paragraph slice text[start:end]."""
        if end <= start:
            offset = self.offsets[min(start, len(self.offsets) - 1)]
            return offset, offset
        return self.offsets[start], self.offsets[end - 1] + 1


@dataclass(frozen=True)
class Title:
    text: str  # the title lines joined (in Markdown without their `#`s and `**`)
    lines: tuple[Line, ...]  # in Markdown a setext title's underline is the last
    year: int | None


@dataclass(frozen=True)
class MetadataField:
    """A `key: value` pair from a portal's metadata block (标题, 发文日期, 发布机构…)."""

    key: str  # as written
    value: str
    value_start: int


@dataclass
class Cell:
    """One value cell of a template table (filled by the table reader, `gklint.facts.tables`)."""

    row: str  # row id from the template ("" for a non-official row)
    column: str  # column id from the template ("" for a surplus value)
    raw: str  # the text as written ("" for a blank cell)
    value: float | int | None  # None for a blank or non-numeric cell
    start: int  # source offsets of `raw` (a blank cell: an empty span where "0" belongs)
    end: int
    kind: str = "count"  # "count", "signed" or "money"
    blank: bool = False  # written as nothing (GK304)
    non_numeric: bool = False  # written as text: 无, —, / (GK305)
    glued: bool = False  # glued to the row label: 「行政事业性收费0」 (GK305)
    line: int = 0  # 1-based line of `start`
    recovered: bool = False  # cut from digits run together, the one reading that fits (`gklint.read.digit_runs`)

    @property
    def number(self) -> float | int:
        """The value for arithmetic: blank and non-numeric cells count as 0."""
        return 0 if self.value is None else self.value


@dataclass
class TableRow:
    """A row of a template table as read: its label, its cells, and what deviates."""

    id: str  # template row id; "" for a non-official row (小计, 其他主动公开文件)
    label: str  # the template's label ("" for a non-official row)
    written: str  # the label as written (the matched part)
    label_start: int
    label_end: int
    cells: list[Cell] = field(default_factory=list)
    expected: int = 0  # number of values the template gives this row
    extra: list[Cell] = field(default_factory=list)  # values beyond `expected` (GK306)
    deviates: bool = False  # the written label differs from the template's (GK303)
    label_edits: tuple = ()  # minimal (start, end, replacement) edits to the canonical label
    subtotal_of: str = ""  # non-official subtotal row: id of the group it sums (GK316)
    version: str = ""  # template version the label belongs to ("" = both)
    line: int = 0

    @property
    def read(self) -> int:
        """How many values were read for this row (GK306 when ≠ expected)."""
        return len(self.cells) + len(self.extra)


@dataclass
class Table:
    """A template table found in section 二, 三 or 四 (see `gklint.facts.tables` for the API)."""

    kind: str  # "active_disclosure", "applications" or "review_litigation"
    section: int
    first_line: int
    last_line: int
    shape: str = "unknown"  # "cell-per-line", "pipe-fragments", "markdown", "pdf-text", "tsv"
    cells: list[Cell] = field(default_factory=list)
    readable: bool = True
    rows: list[TableRow] = field(default_factory=list)  # official rows found, template order
    extra_rows: list[TableRow] = field(default_factory=list)  # non-official rows (GK308)
    missing_rows: list[tuple[str, str, int]] = field(default_factory=list)  # (id, label, offset) GK302
    columns: list[tuple[str, str]] = field(default_factory=list)  # (id, label) of each value column
    version: str = ""  # template version the table was read with
    expected_version: str = ""  # the report's template version
    other_version: bool = False  # follows the other version than the report year's (GK307)
    mixed: bool = False  # rows of both versions (GK307)
    groups: dict[str, list[str]] = field(default_factory=dict)  # group row id → its item row ids
    # column headings that deviate (合计 for 总计): (written, canonical, start, end, edits) (GK303)
    column_deviations: list[tuple[str, str, int, int, tuple]] = field(default_factory=list)
    unreadable: tuple[str, str, int, int] | None = None  # (zh, en, start, end) why (GK309)
    # Rows of digits run together with several readings: (zh, en, start, end) each (one GK309 a row).
    run_together_rows: list[tuple[str, str, int, int]] = field(default_factory=list)
    # Rows of digits run together that no cut makes add up: (row id, label, digits, start, end) (GK313).
    impossible_rows: list[tuple[str, str, str, int, int]] = field(default_factory=list)
    # Not readable, but its rows were matched with confidence (the values ran together or the
    # columns are ambiguous): the row labels can still be checked (GK303), nothing else.
    labels_readable: bool = True
    start: int = 0  # offset of the first table text
    end: int = 0
    _index: dict = field(default_factory=dict, repr=False)

    def row(self, row_id: str) -> TableRow | None:
        return next((r for r in self.rows if r.id == row_id), None)

    def column_id(self, column: str) -> str:
        """A column id, given its id or its label (compared with `text.label_key`)."""
        if any(cid == column for cid, _label in self.columns):
            return column
        from gklint.core.text import label_key

        key = label_key(column)
        return next((cid for cid, label in self.columns if label_key(label) == key), column)

    def cell(self, row_id: str, column_id: str) -> Cell | None:
        if not self._index:
            self._index = {(c.row, c.column): c for c in self.cells}
        cell = self._index.get((row_id, column_id))
        if cell is None and self.columns:
            cell = self._index.get((row_id, self.column_id(column_id)))
        return cell

    def value(self, row_id: str, column_id: str) -> float | int | None:
        """The cell's value for arithmetic (blank → 0); None when the cell was not read.

        A group row id (三's withheld, unavailable, not_processed, results…) gives the sum of
        its items; None if any item's cell was not read.
        """
        if row_id in self.groups:
            total: float | int = 0
            for item in self.groups[row_id]:
                part = self.value(item, column_id)
                if part is None:
                    return None
                total += part
            return total
        cell = self.cell(row_id, column_id)
        return None if cell is None else cell.number

    def column_label(self, column_id: str) -> str:
        return next((label for cid, label in self.columns if cid == column_id), column_id)


@dataclass
class Report:
    path: Path
    source: SourceText
    lines: list[Line]
    templates: TemplateSet
    template: Template
    title: Title | None
    sections: list[Section]
    duplicate_sections: list[Heading]  # headings of a section already seen (GK102)
    subheadings: list[Heading]
    paragraphs: list[Paragraph]
    metadata: dict[str, MetadataField]
    page_markers: list[Line]  # "- 5 -" lines
    paginated: bool  # the page markers number real pages (PDF text), not stray footers
    hard_wrapped: bool  # lines break inside sentences (PDF text)
    preamble_lines: range  # line numbers between the title and the first section
    tables: list[Table] = field(default_factory=list)
    issuer: str = "department"
    # The same body's report for the year before (GK7xx), set by the engine (`gklint.run.history`).
    previous: Report | None = field(default=None, repr=False, compare=False)
    # What rules share (period, figures, contacts…), set by the engine after the tables are read.
    facts: Facts = field(default=None, repr=False, compare=False)  # type: ignore[assignment]
    _line_starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self._line_starts = [line.start for line in self.lines]

    @property
    def text(self) -> str:
        return self.source.text

    @property
    def year(self) -> int | None:
        return self.title.year if self.title else None

    def location(self, offset: int) -> tuple[int, int]:
        """1-based line and code-point column of an offset."""
        index = max(bisect.bisect_right(self._line_starts, offset) - 1, 0)
        line = self.lines[index]
        return line.number, offset - line.start + 1

    def line(self, number: int) -> Line:
        return self.lines[number - 1]

    def section(self, number: int) -> Section | None:
        return next((s for s in self.sections if s.number == number), None)

    def table(self, kind: str) -> Table | None:
        """The table of a kind ("active_disclosure", "applications", "review_litigation"), if found."""
        return next((t for t in self.tables if t.kind == kind), None)

    def body_lines(self, section: Section) -> list[Line]:
        return self.lines[section.first_body_line - 1 : section.last_body_line]

    def section_paragraphs(self, number: int) -> Iterator[Paragraph]:
        return (p for p in self.paragraphs if p.section == number)

    def section_of_line(self, number: int) -> int:
        """Number of the section a line belongs to (0 = before the first section)."""
        current = 0
        for section in self.sections:
            if section.heading.line.number <= number:
                current = section.number
            else:
                break
        return current
