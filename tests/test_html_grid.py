"""HTML tables handed over as grids (`gklint.read.grid`): every cell once at its top-left slot with
its spans, blank cells (`&nbsp;`, empty, spaces only) kept in their place, offsets into the text.

The pages are built from the seeds' tables (seed 000 has blank cells; seed 003 is merged into
rowspans and colspans by `test_html.spans`), with blank cells written the ways CMS editors write
them."""

from __future__ import annotations

import itertools
from collections import Counter

import pytest

from gklint.read.html import extract, extract_with_grids
from gklint.read.readers import HtmlReader
from gklint.run.config import Settings
from gklint.run.engine import Linter

from .conftest import seed
from .seed_docx import seed_blocks
from .test_html import esc, spans

# How a blank cell is written: cycled through, cell by cell.
BLANKS = ("&nbsp;", "", " ", "<p>&nbsp;</p>", "&nbsp;&nbsp;", '<p align="center"><span>&nbsp;</span></p>', "\n   ")


def plain_cells(rows: list[list[str]]) -> list[list]:
    """Rows of [text, rowspan, colspan], blank cells kept as cells; a short row's last cell spans
    the rest of the row (as Word and CMS tables store a merged label)."""
    width = max(len(row) for row in rows)
    out = []
    for row in rows:
        cells = [[text, 1, 1] for text in row]
        cells[-1][2] = width - len(row) + 1
        out.append(cells)
    return out


def table_html(cells_rows: list[list], blanks, header_th: bool) -> str:
    lines = ['<table border="1" cellspacing="0"><tbody>']
    for r, cells in enumerate(cells_rows):
        tag = "th" if header_th and r == 0 else "td"
        tds = []
        for cell in cells:
            if cell is None:
                continue
            text, rowspan, colspan = cell
            attrs = (f' rowspan="{rowspan}"' if rowspan > 1 else "") + (f' colspan="{colspan}"' if colspan > 1 else "")
            inner = next(blanks) if not text else f'<p align="center"><span>{esc(text)}</span></p>'
            tds.append(f"<{tag}{attrs}>{inner}</{tag}>")
        lines.append("  <tr>" + "".join(tds) + "</tr>")
    lines.append("</tbody></table>")
    return "\n".join(lines)


def build_page(text: str, merge: bool, blank_styles=BLANKS, header_th: bool = False) -> tuple[str, list[list[list]]]:
    """A portal page of the seed (its title in an h1 outside the article body, so the reader puts
    it in front), and each table's expected cells [text, rowspan, colspan] | None by row."""
    blocks = seed_blocks(text)
    title = [item for _kind, item in blocks[:2]]
    blanks = itertools.cycle(blank_styles)
    body, tables = [], []
    for kind, item in blocks[2:]:
        if kind == "p":
            body.append(f"<p>{esc(item)}</p>" if item.strip() else "<p>&nbsp;</p>")
            continue
        cells_rows = spans(item) if merge else plain_cells(item)
        tables.append(cells_rows)
        body.append(table_html(cells_rows, blanks, header_th))
    page = (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>年报</title></head><body>'
        '<div class="nav"><a href="/">首页</a></div>'
        f'<h1 class="article-title">{"<br>".join(esc(t) for t in title)}</h1>'
        '<div id="zoom" class="TRS_Editor">\n' + "\n".join(body) + "\n</div></body></html>"
    )
    return page, tables


VARIANTS = {
    "000-nbsp": ("000", False, ("&nbsp;",), False),
    "000-blanks": ("000", False, BLANKS, True),
    "000-merged": ("000", True, BLANKS, False),
    "003-merged": ("003", True, BLANKS, True),
    "004-blanks": ("004", False, BLANKS, False),
}


@pytest.fixture(scope="module", params=list(VARIANTS))
def variant(request):
    prefix, merge, blank_styles, header_th = VARIANTS[request.param]
    page, expected = build_page(seed(prefix).read_text(encoding="utf-8"), merge, blank_styles, header_th)
    text, _offsets, grids = extract_with_grids(page)
    return page, expected, text, grids


def expected_cells(cells_rows: list[list]) -> dict[tuple[int, int], tuple[str, int, int]]:
    """(row, column) → (text, rowspan, colspan) of each cell at its top-left slot."""
    found, covered = {}, set()
    for r, cells in enumerate(cells_rows):
        column = 0
        for cell in cells:
            while (r, column) in covered:
                column += 1
            if cell is None:
                continue
            text, rowspan, colspan = cell
            found[(r, column)] = (text, rowspan, colspan)
            covered |= {(r + i, column + j) for i in range(rowspan) for j in range(colspan)}
            column += colspan
    return found


def test_every_cell_at_its_slot_with_its_spans(variant):
    _page, expected, _text, grids = variant
    assert len(grids) == len(expected)
    for grid, cells_rows in zip(grids, expected):
        assert grid.rows == len(cells_rows)
        got = {(c.row, c.column): (c.text, c.rowspan, c.colspan) for c in grid.cells}
        assert got == expected_cells(cells_rows)


def test_blank_cells_are_kept_empty(variant):
    _page, expected, _text, grids = variant
    assert grids
    for grid, cells_rows in zip(grids, expected):
        blanks = sum(1 for row in cells_rows for cell in row if cell is not None and not cell[0])
        found = [c for c in grid.cells if c.blank]
        assert len(found) == blanks
        assert all(c.text == "" and c.start == c.end for c in found)


def test_cell_offsets_point_at_the_cell_text(variant):
    _page, _expected, text, grids = variant
    assert grids
    for grid in grids:
        for cell in grid.cells:
            assert text[cell.start : cell.end] == cell.text
        assert text[grid.start] == "\t" and text[grid.end] == "\n"


def fields_before(grid, cell) -> int:
    """How many fields the rendered row has before the cell: one a cell of the row, one a cell of a
    row above reaching down into it (its continuation), left of the cell."""
    own = sum(1 for c in grid.row(cell.row) if c.column < cell.column)
    above = sum(1 for c in grid.cells if c.row < cell.row < c.row + c.rowspan and c.column < cell.column)
    return own + above


def test_a_cell_sits_in_its_field_of_the_rendered_row(variant):
    """A cell (a blank one too) is in its field of the row's tab-separated line."""
    _page, _expected, text, grids = variant
    for grid in grids:
        lines = text[grid.start : grid.end].split("\n")
        starts = list(itertools.accumulate((len(line) + 1 for line in lines), initial=grid.start))
        for cell in grid.cells:
            line_start = starts[cell.row]
            before = text[line_start : cell.start]
            assert before.count("\t") - 1 == fields_before(grid, cell)
            field_start = line_start + before.rindex("\t") + 1
            assert text[field_start : cell.start].strip() == ""  # only the spaces trimmed off


def test_the_rendered_text_is_what_extract_gives(variant):
    page, _expected, text, _grids = variant
    assert extract(page)[0] == text


def test_the_reader_hands_the_grids_over(tmp_path):
    page, expected = build_page(seed("000").read_text(encoding="utf-8"), False)
    path = tmp_path / "report.html"
    path.write_text(page, encoding="utf-8")
    source = HtmlReader().read(path, path.read_bytes())
    assert len(source.grids) == len(expected) == 2
    assert all(source.text[c.start : c.end] == c.text for grid in source.grids for c in grid.cells)


def test_spans_nbsp_th_and_a_nested_table():
    page = """<html><body><div id="content"><p>正文足够长的一段文字，说明表格。</p><table>
    <tr><th rowspan="2">A</th><th colspan="2">B</th><th>C</th></tr>
    <tr><td>D</td><td>&nbsp;</td><td rowspan="5" colspan="2">F</td></tr>
    <tr><td>G</td><td></td><td> <p>&nbsp;</p> </td></tr>
    <tr><td>X<table><tr><td>n1</td><td>n2</td></tr></table></td><td>&nbsp;5&nbsp;</td></tr>
    </table></div></body></html>"""
    text, _offsets, (grid,) = extract_with_grids(page)
    assert text.splitlines()[2:] == ["\tA\tB\tC", "\t\tD\t\u00a0\tF", "\tG\t\t\u00a0\t", "\tX n1 n2\t\u00a05\u00a0"]
    cells = {(c.row, c.column): (c.text, c.rowspan, c.colspan) for c in grid.cells}
    assert cells == {
        (0, 0): ("A", 2, 1),
        (0, 1): ("B", 1, 2),
        (0, 3): ("C", 1, 1),
        (1, 1): ("D", 1, 1),
        (1, 2): ("", 1, 1),
        (1, 3): ("F", 3, 2),  # rowspan 5 stops at the last row
        (2, 0): ("G", 1, 1),
        (2, 1): ("", 1, 1),
        (2, 2): ("", 1, 1),
        (3, 0): ("X n1 n2", 1, 1),
        (3, 1): ("5", 1, 1),  # a nested table is its cell's text
    }
    assert (grid.rows, grid.columns) == (4, 5)
    assert grid.covering(3, 4).text == "F" and grid.covering(1, 0).text == "A"
    assert all(text[c.start : c.end] == c.text for c in grid.cells)


def test_a_page_without_tables_has_no_grids():
    _text, _offsets, grids = extract_with_grids("<html><body><p>正文。</p></body></html>")
    assert grids == []


# --- end to end: the blank cells of table 三 ---------------------------------------------------


def _section_of(report, violation) -> int:
    return report.section_of_line(report.location(violation.start)[0])


def test_table_three_blank_cells_are_blank_cells(tmp_path):
    """Seed 000's table 三 written with `&nbsp;` cells: the blank cells at a row's end are still
    cells (GK304), no row is short (GK306) or lost (GK302) — what the .txt gives."""
    text = seed("000").read_text(encoding="utf-8")
    page, _expected = build_page(text, False, ("&nbsp;",))
    path = tmp_path / "2020年政府信息公开工作年度报告.html"
    path.write_text(page, encoding="utf-8")
    linter = Linter(Settings(select=["ALL"]))
    from_html = linter.lint_path(path)
    from_txt = linter.lint_path(seed("000"))
    codes = Counter(v.code for v in from_html.violations if _section_of(from_html.report, v) == 3)
    assert codes["GK306"] == 0 and codes["GK302"] == 0
    assert codes["GK304"] == Counter(v.code for v in from_txt.violations if _section_of(from_txt.report, v) == 3)["GK304"]
    blank = [c for c in from_html.report.table("applications").cells if c.blank]
    assert len(blank) == len([c for c in from_txt.report.table("applications").cells if c.blank])
