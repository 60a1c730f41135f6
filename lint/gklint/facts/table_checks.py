"""Helpers shared by the table rules (GK3xx): names of tables, rows and columns in messages,
the result rows of table 三, and number formatting."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Iterator

from gklint.model.report import Cell, Report, Table, TableRow

TABLE_NAMES = {
    "active_disclosure": ("第二部分「主动公开政府信息情况」表", "table 二 (active disclosure)"),
    "applications": ("第三部分「收到和处理政府信息公开申请情况」表", "table 三 (applications)"),
    "review_litigation": ("第四部分「行政复议、行政诉讼情况」表", "table 四 (review and litigation)"),
}


def table_name(table_or_kind: Table | str) -> tuple[str, str]:
    kind = table_or_kind if isinstance(table_or_kind, str) else table_or_kind.kind
    return TABLE_NAMES[kind]


def fmt(value: float | int | None) -> str:
    if value is None:
        return "空"
    if isinstance(value, float):
        text = f"{value:.6f}".rstrip("0").rstrip(".")
        return text or "0"
    return str(value)


def column_names(table: Table, column_id: str) -> tuple[str, str]:
    label = table.column_label(column_id)
    if table.kind == "review_litigation":
        return label, label
    return f"「{label}」列", f"column {label}"


def row_template(report: Report, table: Table) -> list[dict]:
    template = report.templates.by_version(table.version) or report.template
    return template.data.get(table.kind, {}).get("rows", []) if table.kind == "applications" else []


def result_rows(report: Report, table: Table) -> tuple[str, list[str]]:
    """Table 三: the id of the results total row and the ids of the result data rows it sums."""
    rows = row_template(report, table)
    total = next((r for r in rows if r.get("total_of")), None)
    if total is None:
        return "", []
    group = total["total_of"]
    leaves: list[str] = []

    def walk(parent: str) -> None:
        for row in rows:
            if row.get("parent") != parent or row.get("total_of"):
                continue
            if row.get("group"):
                walk(row["id"])
            else:
                leaves.append(row["id"])

    walk(group)
    return total["id"], leaves


def number_cells(cells: Iterable[Cell]) -> float | int:
    return sum(c.number for c in cells)


def equal(a: float | int, b: float | int) -> bool:
    return abs(a - b) < 1e-6


def cell_span(cell: Cell) -> tuple[int, int]:
    return (cell.start, cell.end) if cell.end > cell.start else (cell.start, cell.start)


@dataclass(frozen=True)
class TotalMismatch:
    """A row whose 总计 cell is not the sum of its part cells."""

    row: TableRow
    total: Cell
    expected: float | int
    expression: str  # "72 + 64 + 178 + 37"

    @property
    def difference(self) -> str:
        return fmt(abs(self.total.number - self.expected))


def row_total_mismatches(table: Table, total_id: str = "total") -> Iterator[TotalMismatch]:
    """Rows of `table` whose `total_id` cell ≠ the sum of the row's other columns (rows with an unread cell are skipped)."""
    part_ids = [column for column, _label in table.columns if column != total_id]
    for row in table.rows:
        total = table.cell(row.id, total_id)
        parts = [table.cell(row.id, column) for column in part_ids]
        if total is None or any(part is None for part in parts):
            continue
        expected = sum(part.number for part in parts)
        if not equal(total.number, expected):
            yield TotalMismatch(row, total, expected, " + ".join(fmt(part.number) for part in parts))
