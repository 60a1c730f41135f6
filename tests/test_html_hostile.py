"""HTML pages that a browser shows but that once hung or crashed the reader (issue 12)."""

from __future__ import annotations

import time

import pytest

from gklint.read.grid import MAX_SPAN
from gklint.read.html import extract, extract_with_grids

BUDGET = 3.0  # seconds; the fixed reader takes a small fraction of it on each page below


BODY = "正文" * 40  # most of the page's text: the reader takes the element holding it as the body


def _page(body: str) -> str:
    return f"<html><head><title>t</title></head><body><p>某县2022年政府信息公开工作年度报告</p>{body}</body></html>"


def _extract_within_budget(source: str):
    started = time.perf_counter()
    result = extract_with_grids(source)
    assert time.perf_counter() - started < BUDGET
    return result


@pytest.mark.slow
def test_100k_nested_divs():
    # was 37 s: every end tag scanned the whole stack of open elements (quadratic)
    text, _offsets, _grids = _extract_within_budget(
        _page("<div>" * 100000 + "深处的文字" * 20 + "</div>" * 100000 + "<p>之后</p>" + f"<p>{BODY}</p>")
    )
    assert "深处的文字" * 20 in text and "之后" in text


@pytest.mark.slow
@pytest.mark.parametrize("depth", [1000, 5000])
def test_deep_nesting_is_no_recursion_error(depth):
    # was RecursionError from ~1,000 levels: elements nest at most MAX_DEPTH deep, as in Chrome
    text, _offsets = extract(_page("<div><span>" * depth + "深处的文字" * 20 + "</span></div>" * depth + "<p>之后</p>" + f"<p>{BODY}</p>"))
    assert "深处的文字" * 20 in text and "之后" in text


def test_unclosed_comment_openings():
    # was 18–29 s inside html.parser: each unclosed <!-- searched the rest of the page for -->
    text, _offsets, _grids = _extract_within_budget(_page(f"<p>{BODY}</p>") + "<!--" * 50000)
    assert "正文" in text and "<!--" not in text


@pytest.mark.parametrize("unfinished", ["<a ", '<a b="', "<a\n", "<!--x--"])
def test_unfinished_tags_at_the_end(unfinished):
    # html.parser searched the rest of the page for each one's end: quadratic (46 s for 40 KB of "<a ", 8 s for 80 KB of "<!--x--")
    text, _offsets, _grids = _extract_within_budget(_page(f"<p>{BODY}</p>") + unfinished * (80000 // len(unfinished)))
    assert "正文" in text


def test_huge_spans_are_cut_to_the_table():
    # a page of colspan=1000 rowspan=1000 cells grew past 5 GB: every row rendered an empty field for
    # each cell above it, and the grid kept every covered slot
    rows, per_row = 20, 5
    cell = '<td colspan="1000" rowspan="1000">1</td>'
    text, _offsets, grids = _extract_within_budget(_page("<table>" + f"<tr>{cell * per_row}</tr>" * rows + "</table>"))
    (grid,) = grids
    cells = rows * per_row
    assert len(grid.cells) == cells
    assert max(c.colspan for c in grid.cells) <= MAX_SPAN and max(c.rowspan for c in grid.cells) <= MAX_SPAN
    assert text.count("\t") <= 6 * cells  # a field for each cell, and a bounded number of continuations
