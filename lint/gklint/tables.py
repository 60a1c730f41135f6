"""The one table reader: finds the template tables of sections 二, 三 and 四 and reads their cells.

Issue #3 builds this out; until then no tables are read and no table rule can fire.
"""

from __future__ import annotations

from .model import Report


def read_tables(report: Report) -> None:
    """Fill `report.tables` (in place)."""
    report.tables = []
