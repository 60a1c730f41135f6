"""Markdown tables a converter exploded: every row its own table under a placeholder header
(`| 项目 | 数据1 | … |` or `| 列1 | 列2 | … |`), see tests/fixtures/reports/make_markdown_exploded.py.

A Markdown header row is label text (`table_values`): 「数据1」 is no label 「数据」 with a glued 1.
What the three fixtures give:

- complete, placeholders: the tables read as seed 003's text reads them (same cells, same codes);
- lost-column (the converter dropped the cell before each row's last): no GK305 and no GK308 —
  what the placeholders gave before — one GK309 a table: 三 and 二 (columns cannot be matched),
  四 (14 values where 15 belong: which one is missing cannot be told); no GK307 from the value
  counts a lost column leaves.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

from gklint.facts.table_values import BREAK, NUM, TEXT, tokenize
from gklint.model.parser import split_lines
from gklint.read.source import SourceText
from gklint.run.config import Settings
from gklint.run.engine import Linter

from .conftest import FIXTURES

REPORTS = FIXTURES / "reports"
sys.path.insert(0, str(REPORTS))
import make_markdown_exploded as maker  # noqa: E402

VARIANTS = list(maker.VARIANTS)


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(Settings(select=["ALL"]))


@pytest.fixture(scope="module")
def from_text(linter):
    """Seed 003 up to section 六's text, as plain text: what the fixtures are made from."""
    return linter.lint_source(SourceText(maker.report_text(), "utf-8"), Path("report.txt"))


@pytest.fixture(scope="module")
def results(linter):
    return {name: linter.lint_path(maker.path_of(name)) for name in VARIANTS}


def cells(result) -> list:
    return [(t.kind, c.row, c.column, c.value, c.blank) for t in result.report.tables for c in t.cells]


def codes_in(result, section: int) -> Counter:
    report = result.report
    return Counter(v.code for v in result.violations if report.section_of_line(report.location(v.start)[0]) == section)


@pytest.mark.parametrize("name", VARIANTS)
def test_fixtures_are_what_the_script_writes(name):
    assert maker.path_of(name).read_text(encoding="utf-8") == maker.build(name)


@pytest.mark.parametrize("name", ["complete", "placeholders"])
def test_complete_rows_read_like_the_plain_text(results, from_text, name):
    result = results[name]
    assert result.source.kind == "markdown"
    assert len(cells(from_text)) > 190  # tables 二, 三 and 四 of seed 003
    assert cells(result) == cells(from_text)
    assert {t.shape for t in result.report.tables} == {"markdown"}
    assert Counter(v.code for v in result.violations) == Counter(v.code for v in from_text.violations)


@pytest.mark.parametrize("name", VARIANTS)
def test_placeholder_headers_are_no_glued_labels_nor_rows(results, name):
    codes = Counter(v.code for v in results[name].violations)
    assert codes["GK305"] == 0 and codes["GK308"] == 0


def test_a_lost_column_is_one_finding_a_table(results):
    result = results["lost-column"]
    three = codes_in(result, 3)
    assert three == Counter({"GK309": 1})
    assert not result.report.table("applications").readable
    for section in (2, 4):
        assert codes_in(result, section) == Counter({"GK309": 1}), section


# --- the token stream ----------------------------------------------------------------------


def tokens_of(text: str):
    lines = split_lines(text)
    return [t for t in tokenize(lines, set()) if t.type != BREAK]


def test_a_header_row_is_label_text():
    tokens = tokens_of("| 项目 | 数据1 | 数据2 | 列3 | Column 4 |\n|---|:--:|---:|---|---|\n| 规章 | 0 | 1 | 2 | 3 |\n")
    header = [t for t in tokens if t.line == 1]
    assert [(t.type, t.raw) for t in header] == [
        (TEXT, "项目"),
        (TEXT, "数据1"),
        (TEXT, "数据2"),
        (TEXT, "列3"),
        (TEXT, "Column"),
        (TEXT, "4"),
    ]
    assert [t.value for t in tokens if t.line == 3 and t.type == NUM] == [0, 1, 2, 3]
    assert not any(t.glued for t in tokens)


def test_without_a_delimiter_row_a_row_is_read_as_before():
    """「数据1」 in a row that is not a header keeps today's reading (label text with a glued value,
    GK305's business), and an all-empty row `| | |` is no delimiter."""
    for text in ("| 项目 | 数据1 | 数据2 |\n| 规章 | 0 | 1 |\n", "| 项目 | 数据1 | 数据2 |\n|  |  |  |\n"):
        glued = [t for t in tokens_of(text) if t.glued]
        assert [t.value for t in glued] == [1, 2]


def test_a_data_row_as_header_keeps_its_values():
    """markdownify makes a table's first row its header when there is no <thead>."""
    tokens = tokens_of("| 一、本年新收政府信息公开申请数量 | 31 | 0 | 0 | 1 | 0 | 0 | 32 |\n|---|---|---|---|---|---|---|---|\n")
    assert [t.value for t in tokens if t.type == NUM] == [31, 0, 0, 1, 0, 0, 32]


def test_columns_numbered_in_the_header_are_no_values():
    for header in ("| 项目 | 1 | 2 | 3 |", "| 0 | 1 | 2 | 3 |", "| 1 | 2 | 3 | 4 |"):
        tokens = tokens_of(f"{header}\n|---|---|---|---|\n| 规章 | 5 | 6 | 7 |\n")
        assert [t.value for t in tokens if t.type == NUM] == [5, 6, 7], header


def test_exploded_under_numbered_headers_reads_like_the_plain_text(linter, from_text):
    """`| 项目 | 1 | 2 | … |` placeholders: the numbers are not read as a row of values."""
    numbered = lambda index, width: "项目" if index == 0 else str(index)  # noqa: E731
    text = maker.build_with(lambda rows: maker.exploded_table(rows, numbered, maker._keep))
    result = linter.lint_source(SourceText(text, "utf-8", "markdown"), Path("report.md"))
    assert cells(result) == cells(from_text)


def test_a_one_column_table_header_and_delimiter():
    tokens = tokens_of("| 列1 |\n|---|\n| 第二十条第（一）项 |\n")
    assert [(t.type, t.raw) for t in tokens] == [(TEXT, "列1"), (TEXT, "第二十条第（一）项")]


def rows_as_headers(rows: list[list[str]]) -> list[str]:
    """Each row its own table with the row as the header (no placeholders)."""
    lines: list[str] = []
    for row in rows:
        if lines:
            lines.append("")
        lines.extend([maker._pipe_row(row), "|" + "---|" * len(row)])
    return lines


def test_rows_exploded_without_placeholders_read_like_the_plain_text(linter, from_text):
    """The same converter without placeholder headers: each row is its own table's header row."""
    text = maker.build_with(rows_as_headers)
    result = linter.lint_source(SourceText(text, "utf-8", "markdown"), Path("report.md"))
    assert cells(result) == cells(from_text)
    assert Counter(v.code for v in result.violations) == Counter(v.code for v in from_text.violations)
