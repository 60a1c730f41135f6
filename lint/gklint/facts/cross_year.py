"""Facts across two years of one body's reports: the chains GK701 and GK703 check and the
narrative GK702 compares — shared by those rules and by the review page's year-against-year view
(`--format html`), so the page shows exactly what the rules checked.

    carry_over(table, last)       GK701: each column's (this year's 二、上年结转 cell, last year's
                                  四、结转下年度继续办理 cell) of table 三
    in_force_chain(table, last)   GK703: each 2021 table 二 row's (last year's 现行有效件数, this
                                  year's 本年制发 / 本年废止 / 现行有效件数 cells)
    shingles, jaccard             GK702's measure: character 5-grams of a text's words (numbers as «#»)
    repeated_passages(text, old)  the sentences of a text whose 5-grams all stand in last year's
                                  section (what the page marks where GK702 found a section repeated)
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any, Iterator

from gklint.core.text import to_simplified

# -- GK701: the carry-over of table 三 -------------------------------------------------------------
CARRIED_IN = "carried_in"  # this year's 二、上年结转政府信息公开申请数量
CARRIED_OUT = "carried_out"  # last year's 四、结转下年度继续办理


@dataclass(frozen=True)
class CarryOver:
    column: str  # the column id
    label: str  # the column as the template names it
    cell: Any  # this year's 上年结转 cell (a `Cell`)
    before: Any  # last year's 结转下年度继续办理 cell


def carry_over(table, last) -> Iterator[CarryOver]:
    """Table 三's carry-over, column by column: this year's 上年结转 beside last year's 结转下年度继续办理
    (both tables readable, both rows present; a column missing in either year is left out)."""
    if table is None or last is None or not table.readable or not last.readable:
        return
    if table.row(CARRIED_IN) is None or last.row(CARRIED_OUT) is None:
        return
    for column, label in table.columns:
        cell, before = table.cell(CARRIED_IN, column), last.cell(CARRIED_OUT, column)
        if cell is not None and before is not None:
            yield CarryOver(column, label, cell, before)


# -- GK703: 现行有效件数 of the 2021 table 二 ---------------------------------------------------------
IN_FORCE_ROWS = ("rules", "normative_documents")  # the 2021 format's 第二十条第（一）项 rows
IN_FORCE_COLUMNS = ("issued", "repealed", "in_force")


@dataclass(frozen=True)
class InForce:
    row: Any  # this year's `TableRow`
    before: Any  # last year's 现行有效件数 cell
    issued: Any  # this year's cells
    repealed: Any
    in_force: Any


def in_force_chain(table, last) -> Iterator[InForce]:
    """Table 二's 现行有效件数 chain, a row (规章, 行政规范性文件) at a time, where both years are in
    the 2021 format and readable: last year's 现行有效件数 and this year's three cells."""
    if table is None or last is None or not table.readable or not last.readable:
        return
    if table.version != "2021" or last.version != "2021":
        return
    for row_id in IN_FORCE_ROWS:
        row = table.row(row_id)
        cells = [table.cell(row_id, c) for c in IN_FORCE_COLUMNS]
        before = last.cell(row_id, "in_force")
        if row is None or before is None or any(c is None for c in cells):
            continue
        yield InForce(row, before, *cells)


# -- GK702: the narrative ----------------------------------------------------------------------
SHINGLE = 5  # characters per shingle


@functools.cache
def _compact_res() -> tuple[re.Pattern, re.Pattern]:
    """What is not a word character, and numbers; compiled on first use (2 ms): only a report
    with last year's beside it is compared."""
    return re.compile(r"[^\u3400-\u9fff0-9A-Za-z]+"), re.compile(r"[0-9０-９]+")


def shingles(text: str, size: int = SHINGLE) -> set[str]:
    """Character n-grams of the text's words: punctuation and spaces dropped, every number made «#»
    (years and counts change every year; a copied sentence with new figures is still copied)."""
    not_text, digits = _compact_res()
    compact = digits.sub("#", not_text.sub("", to_simplified(text)))
    return {compact[i : i + size] for i in range(len(compact) - size + 1)}


def jaccard(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def section_text(report, number: int) -> str:
    return "".join(p.text for p in report.section_paragraphs(number))


_SENTENCE_END = re.compile(r"[。；！？;!?\n]+")


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence of a text, its closing punctuation included."""
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if match.end() > start:
            yield start, match.end()
        start = match.end()
    if start < len(text):
        yield start, len(text)


def repeated_passages(text: str, old: set[str]) -> list[tuple[str, bool]]:
    """The text cut into sentences, each with whether it repeats last year's (every 5-gram of
    its words in `old`, last year's section's `shingles`; a sentence too short for one never
    counts). Runs of the same kind are joined: [(text, repeated), …], together the whole text."""
    pieces: list[tuple[str, bool]] = []
    for start, end in sentences(text):
        own = shingles(text[start:end])
        repeated = bool(own) and own <= old
        if pieces and pieces[-1][1] == repeated:
            pieces[-1] = (pieces[-1][0] + text[start:end], repeated)
        else:
            pieces.append((text[start:end], repeated))
    return pieces
