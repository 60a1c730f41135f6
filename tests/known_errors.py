"""Seeds 003 and 004 with known errors in tables 三 and 四: every number of the two tables raised by
one, many changes to a document but grouped so that each still gives its own findings (GK311–GK314).

Shared by tests/fixtures/pdf/make_pdfs.py, which turns each text into a PDF through Word and
LibreOffice, and tests/test_pdf_known_errors.py, which lints the PDF and the text.

Documents of a seed (`documents`):
* `{seed}_original`: the seed as it is (no GK311–GK314: its tables add up).
* `{seed}_plus1_k{k}`, k = 0..6: in table 三, every data row r has its cell in column (r + k) mod 7
  raised by one, so that over the seven documents every cell of 三 is changed exactly once; for
  k = 0..4 also column k of each of table 四's three groups, so that its 15 cells are changed once.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from gklint.model.report import Cell, Table
from gklint.read.source import SourceText
from gklint.run.config import Settings
from gklint.run.engine import Linter

SEEDS = ("003", "004")
APPLICATIONS, REVIEW = "applications", "review_litigation"
CODES = ("GK311", "GK312", "GK313", "GK314")

# Rows of table 三 in the header identity 一 + 二 = 三（七）+ 四 (GK311); every other row but 一, 二 and 四
# is a result row in 三（七）= the sum of the results (GK312).
BALANCE_ROWS = ("new", "carried_in", "results_total", "carried_out")
RESULTS_TOTAL = "results_total"
OUTSIDE_RESULTS = ("new", "carried_in", "carried_out")


@dataclass(frozen=True)
class Change:
    """One number raised by one: table kind, row id and column id of the template."""

    table: str
    row: str
    column: str


@dataclass(frozen=True)
class KnownErrors:
    """A seed's text with some numbers raised by one, and the findings that must follow."""

    name: str  # the fixture's file stem
    text: str
    changes: tuple[Change, ...]

    def expected_findings(self) -> set[tuple[str, str, str]]:
        """(code, row id, column id) of the cell each finding sits on: the union of what each change
        gives alone, since the changes are laid out so that none cancels another."""
        return {finding for change in self.changes for finding in findings_of(change)}

    @property
    def digest(self) -> str:
        return text_digest(self.text)


def findings_of(change: Change) -> list[tuple[str, str, str]]:
    """What one raised number gives alone, keyed by the cell the rule puts its finding on: the row's
    总计 (GK313, GK314), or 三（七）of the column (GK311, GK312)."""
    if change.table == REVIEW:
        return [("GK314", change.row, "total")]
    found = [("GK313", change.row, "total")]
    if change.row in BALANCE_ROWS:
        found.append(("GK311", RESULTS_TOTAL, change.column))
    if change.row not in OUTSIDE_RESULTS:
        found.append(("GK312", RESULTS_TOTAL, change.column))
    return found


def text_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def seed_text(seed: str) -> str:
    path = next((Path(__file__).parent / "fixtures" / "seeds").glob(f"{seed}_*.txt"))
    return path.read_text(encoding="utf-8")


def documents(seed: str) -> list[KnownErrors]:
    """The original and the seven changed documents of a seed."""
    text = seed_text(seed)
    applications, review = read_tables(text)
    out = [KnownErrors(f"{seed}_original", text, ())]
    for k in range(len(applications.columns)):
        changes = applications_changes(applications, k) + review_changes(review, k)
        out.append(KnownErrors(f"{seed}_plus1_k{k}", raise_by_one(text, changes, applications, review), changes))
    return out


def read_tables(text: str) -> tuple[Table, Table]:
    """Tables 三 and 四 as gklint reads them from the text (their cells' offsets locate the numbers)."""
    report = Linter(Settings()).parse(SourceText(text, "utf-8"), Path("seed.txt"))
    applications, review = report.table(APPLICATIONS), report.table(REVIEW)
    assert applications is not None and applications.readable and review is not None and review.readable
    return applications, review


def rotation_rows(table: Table) -> list[str]:
    """Table 三's data rows in the order that gives each its place r in the rotation.

    Table order would put 一 (r = 0) and 三（七）(r = 21 ≡ 0 mod 7) in the same column of every
    document, and 二 and 四 (1 and 22 ≡ 1) too: their +1s would cancel in 一 + 二 = 三（七）+ 四 and
    GK311 would never fire. Starting at 三（一） puts the four in four different columns."""
    ids = [row.id for row in table.rows]
    first_result = next(i for i, row_id in enumerate(ids) if row_id not in OUTSIDE_RESULTS)
    return ids[first_result:] + ids[:first_result]


def applications_changes(table: Table, k: int) -> tuple[Change, ...]:
    columns = [column for column, _label in table.columns]
    return tuple(Change(APPLICATIONS, row, columns[(r + k) % len(columns)]) for r, row in enumerate(rotation_rows(table)))


def review_changes(table: Table, k: int) -> tuple[Change, ...]:
    """Column k of each group (行政复议, 未经复议直接起诉, 复议后起诉); none past the fifth column."""
    columns = [column for column, _label in table.columns]
    if k >= len(columns):
        return ()
    return tuple(Change(REVIEW, row.id, columns[k]) for row in table.rows)


def raise_by_one(text: str, changes: tuple[Change, ...], *tables: Table) -> str:
    by_kind = {table.kind: table for table in tables}
    cells = [by_kind[change.table].cell(change.row, change.column) for change in changes]
    for cell in sorted(cells, key=lambda cell: cell.start, reverse=True):  # from the end: offsets stay valid
        text = text[: cell.start] + str(whole_number(cell) + 1) + text[cell.end :]
    return text


def whole_number(cell: Cell) -> int:
    assert cell.raw.isdigit(), f"only plain counts are changed, not {cell.raw!r}"
    return int(cell.raw)
