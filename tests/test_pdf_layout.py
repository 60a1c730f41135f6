"""The geometry half of the PDF reader (gklint.read.pdf_layout) on pages built by hand: page
furniture, tables over page breaks (split rows, merged labels going on), and the rendering."""

from __future__ import annotations

import pytest

from gklint.read.pdf_layout import Box, Page, TablePart, TextLine, chain_tables, join_text, lay_out, render, without_furniture

HEIGHT = 842.0


def line(text: str, top: float, x0: float = 90.0, size: float = 16.0) -> TextLine:
    return TextLine(text, x0, top, x0 + size * len(text), top + size, size)


def page(number: int, texts: list[tuple[str, float]], tables=()) -> Page:
    return Page(number, HEIGHT, [line(text, top) for text, top in texts], list(tables))


def body(number: int) -> list[tuple[str, float]]:
    return [(f"第{number}页正文第一行，内容足够长，不在页边。", 300.0), (f"第{number}页正文第二行。", 330.0)]


def kept(pages: list[Page]) -> list[list[str]]:
    return [[l.text for l in p.lines] for p in without_furniture(pages)]


# --- furniture ---------------------------------------------------------------------------


@pytest.mark.parametrize("footer", ["- {n} -", "— {n} —", "－{n}－", "第{n}页", "第 {n} 页 共 3 页", "{n}/3", "{n} / 3", "Page {n}"])
def test_page_number_footers_are_dropped(footer):
    pages = [page(n, body(n) + [(footer.format(n=n), 790.0)]) for n in (1, 2, 3)]
    assert kept(pages) == [[t for t, _ in body(n)] for n in (1, 2, 3)]


def test_a_page_number_in_the_top_margin_is_dropped():
    pages = [page(n, [(f"- {n} -", 40.0)] + body(n)) for n in (1, 2)]
    assert kept(pages) == [[t for t, _ in body(n)] for n in (1, 2)]


def test_lone_numbers_that_count_the_pages_are_dropped():
    # A cover page without a number: the numbers run one behind the pages.
    pages = [page(1, body(1))] + [page(n, body(n) + [(str(n - 1), 790.0)]) for n in (2, 3, 4)]
    assert kept(pages) == [[t for t, _ in body(n)] for n in (1, 2, 3, 4)]


def test_a_number_ending_a_page_that_counts_nothing_stays():
    pages = [page(1, body(1) + [("95", 790.0)]), page(2, body(2) + [("2024", 790.0)])]
    assert kept(pages)[0][-1] == "95" and kept(pages)[1][-1] == "2024"


def test_a_page_number_inside_the_body_stays():
    pages = [page(1, [("- 1 -", 400.0)] + body(1))]
    assert "- 1 -" in kept(pages)[0]


def test_running_headers_and_footers_repeated_on_the_pages_are_dropped():
    pages = [page(n, [("某某区人民政府办公室", 40.0)] + body(n) + [(f"某某区政务公开 {n}", 800.0)]) for n in (1, 2, 3)]
    assert kept(pages) == [[t for t, _ in body(n)] for n in (1, 2, 3)]


def test_a_title_at_the_top_of_one_page_stays():
    pages = [page(1, [("某某区2024年政府信息公开工作年度报告", 60.0)] + body(1)), page(2, body(2)), page(3, body(3))]
    assert kept(pages)[0][0] == "某某区2024年政府信息公开工作年度报告"


# --- tables over page breaks ---------------------------------------------------------------

COLUMNS = [70.0, 100.0, 140.0, 250.0, 300.0, 350.0]  # group label, item label, 3 values


def box(row_top: float, row_bottom: float, first: int, last: int, *texts: str, size: float = 8.0, full: bool = False) -> Box:
    """A box over columns first..last (edges in COLUMNS); its text lines start at the left padding;
    `full`: the last line reaches the right edge (the text runs on in the box below)."""
    x0, x1 = COLUMNS[first], COLUMNS[last + 1]
    lines = []
    for index, text in enumerate(texts):
        top = row_top + 4 + index * (size + 2)
        end = x1 - 5 if full and index == len(texts) - 1 else x0 + 5 + size * len(text)
        lines.append(TextLine(text, x0 + 5, top, end, top + size, size))
    return Box(x0, row_top, x1, row_bottom, lines)


def values(top: float, bottom: float, *numbers: str) -> list[Box]:
    return [box(top, bottom, 2 + i, 2 + i, n) if n else box(top, bottom, 2 + i, 2 + i) for i, n in enumerate(numbers)]


def two_pages(first_rows: list[Box], second_rows: list[Box]) -> list[Page]:
    return [
        Page(1, HEIGHT, [line("表格前的一行正文。", 100.0)], [TablePart(1, first_rows)]),
        Page(2, HEIGHT, [line("表格后的一行正文。", 500.0)], [TablePart(2, second_rows)]),
    ]


def rows_of(table) -> list[list[str]]:
    return [[c.text for c in table.cells if c.row == r] for r in range(len(table.row_pages))]


def test_a_row_split_by_the_break_is_joined_into_the_row_above():
    first = [
        box(600, 700, 0, 0, "（六）其"),
        box(600, 650, 1, 1, "3.其他"),
        *values(600, 650, "1", "0", "1"),
        box(650, 700, 1, 1, "1.申请人无正当理由逾", full=True),
        *values(650, 700, "2", "0", "2"),
    ]
    second = [
        box(80, 120, 0, 0, "他处理"),
        box(80, 120, 1, 1, "期不补正"),
        *values(80, 120, "", "", ""),
        box(120, 150, 0, 1, "（七）总计"),
        *values(120, 150, "3", "0", "3"),
    ]
    pages = two_pages(first, second)
    table = lay_out(chain_tables(pages)[0])
    assert rows_of(table) == [
        ["（六）其他处理", "3.其他", "1", "0", "1"],
        ["1.申请人无正当理由逾期不补正", "2", "0", "2"],
        ["（七）总计", "3", "0", "3"],
    ]
    assert table.row_pages == [1, 1, 2]
    group = next(c for c in table.cells if c.text == "（六）其他处理")
    assert (group.row, group.rowspan) == (0, 2)


def test_a_merged_label_going_on_over_the_break_is_one_cell():
    first = [box(600, 650, 0, 0, "（四）无", full=True), box(600, 650, 1, 1, "1.不掌握"), *values(600, 650, "5", "0", "5")]
    second = [
        box(80, 160, 0, 0, "法提供"),
        box(80, 120, 1, 1, "2.没有现成"),
        *values(80, 120, "1", "0", "1"),
        box(120, 160, 1, 1, "3.补正后"),
        *values(120, 160, "0", "0", "0"),
    ]
    table = lay_out(chain_tables(two_pages(first, second))[0])
    assert rows_of(table) == [["（四）无法提供", "1.不掌握", "5", "0", "5"], ["2.没有现成", "1", "0", "1"], ["3.补正后", "0", "0", "0"]]
    label = next(c for c in table.cells if c.text == "（四）无法提供")
    assert label.rowspan == 3


def test_a_blank_continuation_of_a_merged_label_is_absorbed():
    first = [box(600, 650, 0, 0, "三、本年度办理结果"), box(600, 650, 1, 1, "（一）予以公开"), *values(600, 650, "1", "0", "1")]
    second = [
        box(80, 160, 0, 0),
        box(80, 120, 1, 1, "（二）部分公开"),
        *values(80, 120, "0", "0", "0"),
        box(120, 160, 1, 1, "（三）不予公开"),
        *values(120, 160, "0", "0", "0"),
    ]
    table = lay_out(chain_tables(two_pages(first, second))[0])
    label = next(c for c in table.cells if c.text == "三、本年度办理结果")
    assert label.rowspan == 3 and not any(c.blank for c in table.cells)


def test_a_new_row_and_a_new_label_are_not_joined():
    # Both rows have values; the label above ends a full line, but the one below starts an item.
    first = [
        box(600, 650, 0, 0, "（五）不予处理"),
        box(600, 650, 1, 1, "1.本机关不掌握相关政府信", full=True),
        *values(600, 650, "5", "0", "5"),
    ]
    second = [box(80, 120, 0, 0, "（六）其他处理"), box(80, 120, 1, 1, "2.没有现成信息"), *values(80, 120, "1", "0", "1")]
    table = lay_out(chain_tables(two_pages(first, second))[0])
    assert rows_of(table) == [
        ["（五）不予处理", "1.本机关不掌握相关政府信", "5", "0", "5"],
        ["（六）其他处理", "2.没有现成信息", "1", "0", "1"],
    ]


def test_a_blank_value_below_a_value_is_kept_blank():
    first = [box(600, 650, 0, 1, "一、本年新收"), *values(600, 650, "5", "0", "5")]
    second = [box(80, 120, 0, 1, "二、上年结转"), *values(80, 120, "", "0", "")]
    table = lay_out(chain_tables(two_pages(first, second))[0])
    assert rows_of(table) == [["一、本年新收", "5", "0", "5"], ["二、上年结转", "", "0", ""]]


def test_a_table_after_text_on_the_next_page_is_another_table():
    first = [box(600, 650, 0, 1, "一、本年新收"), *values(600, 650, "5", "0", "5")]
    second = [box(200, 240, 0, 1, "行政复议"), *values(200, 240, "0", "0", "0")]
    pages = two_pages(first, second)
    pages[1].lines.insert(0, line("四、政府信息公开行政复议、行政诉讼情况", 150.0))
    assert len(chain_tables(pages)) == 2


def test_a_table_with_other_columns_is_another_table():
    first = [box(600, 650, 0, 1, "一、本年新收"), *values(600, 650, "5", "0", "5")]
    other = Box(60.0, 80.0, 420.0, 120.0, [line("另一张表", 84.0, 65.0, 8.0)])
    second = [other, Box(420.0, 80.0, 500.0, 120.0, [])]
    assert len(chain_tables(two_pages(first, second))) == 2


def test_rendered_cells_point_into_the_text_and_rows_know_their_page():
    first = [box(600, 650, 0, 0, "（四）无", full=True), box(600, 650, 1, 1, "1.不掌握"), *values(600, 650, "5", "", "5")]
    second = [box(80, 120, 0, 0, "法提供"), box(80, 120, 1, 1, "2.没有现成"), *values(80, 120, "1", "0", "1")]
    rendered = render(two_pages(first, second))
    lines = rendered.text.splitlines()
    assert lines == ["表格前的一行正文。", "", "\t（四）无法提供\t1.不掌握\t5\t\t5", "\t\t2.没有现成\t1\t0\t1", "", "表格后的一行正文。"]
    (grid,) = rendered.grids
    assert all(rendered.text[c.start : c.end] == c.text for c in grid.cells)
    assert [r.page for r in rendered.records if hasattr(r, "table")] == [1, 2]
    assert [getattr(r, "line", None) for r in rendered.records] == [1, None, None, None, None, 1]


@pytest.mark.parametrize(
    "first, second, joined",
    [
        ("三、", "本", "三、本"),
        ("本", "年", "本年"),
        ("Total", "amount", "Total amount"),
        ("447", "228", "447228"),
        ("第 2", "页", "第 2页"),
        ("", "x", "x"),
    ],
)
def test_join_text(first, second, joined):
    assert join_text(first, second) == joined


def test_a_wider_space_between_lines_is_a_blank_line():
    tops = [100.0, 120.0, 140.0, 160.0, 200.0, 220.0, 240.0]  # lines 16 high, 4 apart; 24 before the fifth
    rendered = render([page(1, [(f"第{i}行文字。", top) for i, top in enumerate(tops, start=1)])])
    assert rendered.text.splitlines() == [
        "第1行文字。",
        "第2行文字。",
        "第3行文字。",
        "第4行文字。",
        "",
        "第5行文字。",
        "第6行文字。",
        "第7行文字。",
    ]
    assert [getattr(r, "line", None) for r in rendered.records] == [1, 2, 3, 4, None, 5, 6, 7]


def test_the_title_is_not_a_running_header_with_its_words():
    title = "某某区2024年政府信息公开工作年度报告"
    first = Page(1, HEIGHT, [line(title, 100.0, size=22.0)] + [line(t, top) for t, top in body(1)])
    others = [Page(n, HEIGHT, [line(title, 40.0, size=10.0)] + [line(t, top) for t, top in body(n)]) for n in (2, 3, 4)]
    assert [lines[0] for lines in kept([first, *others])] == [title] + [f"第{n}页正文第一行，内容足够长，不在页边。" for n in (2, 3, 4)]
