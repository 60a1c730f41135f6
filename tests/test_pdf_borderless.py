"""PDF tables without ruling (gklint.read.pdf_words): reports whose tables have no borders, made by
LibreOffice from seeds 003 and 004 (two with known table errors) and the clean 2021 report
(tests/fixtures/pdf-borderless, made by its make_pdfs.py; NAME.txt beside each PDF is the text it
was made from). Each PDF's tables 二/三/四 read cell for cell as its text's, blank cells kept; the
same GK3 findings as the text; tables 二 and 三 read from grids; a page of prose gets no grid; rows
whose labels are not the template's, or values that do not line up, stay text."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from gklint.read.pdf import PdfReader, template_labels
from gklint.read.pdf_layout import Page, TextLine, Word
from gklint.read.pdf_words import add_tables
from gklint.run.config import Settings
from gklint.run.engine import Linter

FIXTURES = Path(__file__).parent / "fixtures" / "pdf-borderless"
# Centred cells whose labels wrap over more lines than the row beside them: not read as a grid yet,
# so the text loses the blank cell (the token reader shifts the row's values).
NOT_YET: set[str] = set()
PAIRED = [path for path in sorted(FIXTURES.glob("*.pdf")) if path.with_suffix(".txt").exists()]
PDFS = [
    pytest.param(path, marks=pytest.mark.xfail(strict=True, reason="not read yet")) if path.stem in NOT_YET else path for path in PAIRED
]
KINDS = ("active_disclosure", "applications", "review_litigation")
# Tables 二, 三 and 四 are read from grids: with cells top-aligned (LibreOffice's default) every row, a
# row cut by a page break included; centred vertically (WPS's default) all but such a row (its 7
# values left to the token reader).
# 004-ragged (rows' cells from the left, as tests/seed_docx makes them: value columns do not line up
# down the table) is read partly from grids, partly as text; only its reading is checked.
CUT_ROW_LEFT_AS_TEXT = {path.stem: 7 if "middle" in path.name else 0 for path in PAIRED if "ragged" not in path.name}
BLANKS = {  # the cell made blank in the text the PDF was made from: (table, row id, column id)
    "003-narrow-blank": ("applications", "new", "research"),
    "004-wide-blank": ("applications", "not_processed_repeat", "public_welfare"),
    "clean-2021-narrow-middle-blank": ("applications", "disclosed", "business"),
    "003-narrow-review-blank": ("review_litigation", "review", "other"),  # text alone: GK309
}

LINTER = Linter(Settings())


def by_name(paths):
    return pytest.mark.parametrize("pdf", paths, ids=lambda path: getattr(path, "stem", None))


@pytest.fixture(scope="module")
def results():
    cache = {}

    def lint(path: Path):
        if path not in cache:
            cache[path] = LINTER.lint_path(path)
        return cache[path]

    return lint


def cells(table) -> list:
    """What the rules see of a table: rows, and each cell's column, value, blank and text-ness."""
    if table is None:
        return []
    return [(row.id, [(c.column, c.value, c.blank, c.non_numeric) for c in row.cells]) for row in table.rows]


def gk3(result) -> Counter:
    """The table findings, by code and message (what they say of which cell)."""
    return Counter((v.code, str(v.message)) for v in result.violations if v.code.startswith("GK3"))


@pytest.mark.slow
@by_name(PDFS)
def test_tables_read_as_the_text(pdf, results):
    from_pdf, from_text = results(pdf).report, results(pdf.with_suffix(".txt")).report
    for kind in KINDS:
        assert cells(from_pdf.table(kind)) == cells(from_text.table(kind)), kind
        assert from_pdf.table(kind).readable


@pytest.mark.slow
@by_name(PDFS)
def test_the_same_table_findings_as_the_text(pdf, results):
    """None the text has not (a blank cell read as a shifted row gave GK306, GK311, GK312), and the
    known errors' GK311–GK314 all there (003-plus1-k0-narrow, 004-plus1-k3-wide-middle)."""
    assert gk3(results(pdf)) == gk3(results(pdf.with_suffix(".txt")))


@pytest.mark.slow
@pytest.mark.parametrize("name", [pytest.param(n, marks=pytest.mark.xfail(strict=True)) if n in NOT_YET else n for n in sorted(BLANKS)])
def test_blank_cell_kept_in_its_column(name, results):
    kind, row_id, column = BLANKS[name]
    table = results(FIXTURES / f"{name}.pdf").report.table(kind)
    cell = table.cell(row_id, column)
    assert table.readable and cell is not None and cell.blank and cell.start == cell.end
    assert len({len(row.cells) for row in table.rows if row.cells}) == 1  # no row's values shifted


@pytest.mark.slow
@by_name([path for path in PAIRED if path.stem in CUT_ROW_LEFT_AS_TEXT])
def test_tables_come_from_grids(pdf, results):
    report = results(pdf).report
    grids = report.source.grids
    kinds = [("active_disclosure", 0), ("applications", CUT_ROW_LEFT_AS_TEXT[pdf.stem])]
    if not pdf.stem.startswith("clean"):  # its header is not laid out on the table's 15 columns
        kinds.append(("review_litigation", 0))
    for kind, allowed in kinds:
        values = [cell for row in report.table(kind).rows for cell in row.cells]
        outside = [cell for cell in values if not any(grid.start <= cell.start <= grid.end for grid in grids)]
        assert len(outside) <= allowed, (kind, [(c.row, c.column) for c in outside])


def test_prose_page_gets_no_grid():
    path = FIXTURES / "prose.pdf"
    source = PdfReader().read(path, path.read_bytes())
    assert source.grids == ()
    assert "1250" in source.text


def line(text: str, x0: float, top: float, size: float = 10.0) -> TextLine:
    """A line whose words are parted where the text has a space (each character `size` wide)."""
    words, x = [], x0
    for piece in text.split(" "):
        words.append(Word(piece, x, x + size * len(piece), top, top + size, size))
        x += size * (len(piece) + 1)
    return TextLine(text, x0, top, x, top + size, size, tuple(words))


def test_numbers_in_columns_without_template_labels_stay_text():
    lines = [line(f"第{n}季度 {n * 7} {n * 11} {n * 13}", 90, 100 + 14 * n) for n in range(1, 5)]
    page = add_tables([Page(1, 842.0, lines)], template_labels())[0]
    assert page.tables == [] and page.lines == lines


def row_line(label: str, values: list[str], top: float, rights=(300, 360, 420), size: float = 10.0) -> TextLine:
    """A table row as a borderless PDF prints it: its label at the left margin, its values
    right-aligned on the columns' right edges `rights` (an empty value: nothing printed)."""
    words = [Word(label, 90, 90 + size * len(label), top, top + size, size)] if label else []
    for value, right in zip(values, rights):
        if value:
            words.append(Word(value, right - size * len(value), right, top, top + size, size))
    text = " ".join(word.text for word in words)
    return TextLine(text, words[0].x0, top, words[-1].x1, top + size, size, tuple(words))


def read(lines: list[TextLine]) -> Page:
    return add_tables([Page(1, 842.0, lines)], template_labels())[0]


def box_texts(page: Page) -> list[list[str]]:
    """The boxes' texts row by row (rows by their top)."""
    rows: dict[float, list[str]] = {}
    for box in sorted(page.tables[0].boxes, key=lambda b: (b.top, b.x0)):
        rows.setdefault(box.top, []).append(box.text)
    return list(rows.values())


def test_template_rows_with_aligned_values_make_a_grid():
    page = read([row_line("规章", ["0", "0", "0"], 100), row_line("行政规范性文件", ["2", "1", "10"], 114)])
    assert page.lines == [] and len(page.tables) == 1
    assert box_texts(page) == [["规章", "0", "0", "0"], ["行政规范性文件", "2", "1", "10"]]


def test_a_missing_value_is_a_blank_cell_in_its_column():
    page = read([row_line("规章", ["0", "0", "0"], 100), row_line("行政规范性文件", ["2", "", "10"], 114)])
    assert box_texts(page) == [["规章", "0", "0", "0"], ["行政规范性文件", "2", "", "10"]]


def test_a_wrapped_label_joins_its_row_and_a_heading_below_stays_text():
    heading = line("四、政府信息公开行政复议、行政诉讼情况", 90, 142)
    lines = [row_line("规章", ["0", "0", "0"], 100), row_line("行政规范性", ["2", "1", "10"], 114), line("文件", 90, 128), heading]
    page = read(lines)
    assert box_texts(page) == [["规章", "0", "0", "0"], ["行政规范性文件", "2", "1", "10"]]
    assert page.lines == [heading]


def test_values_that_do_not_line_up_stay_text():
    lines = [row_line("规章", ["0", "0", "0"], 100), row_line("行政规范性文件", ["2", "1", "10"], 114, rights=(320, 385, 450))]
    page = read(lines)
    assert page.tables == [] and page.lines == lines


def test_one_row_without_a_template_label_keeps_the_block_text():
    lines = [
        row_line("规章", ["0", "0", "0"], 100),
        row_line("其他文件", ["2", "1", "10"], 114),
        row_line("行政规范性文件", ["2", "1", "10"], 128),
    ]
    page = read(lines)
    assert page.tables == [] and page.lines == lines


def test_a_row_of_numbers_without_the_review_header_stays_text():
    numbers = row_line("", [str(n) for n in range(15)], 300, rights=[100 + 25 * i for i in range(15)])
    header = line("第一季度 第二季度 第三季度", 90, 280)
    page = read([header, numbers])
    assert page.tables == [] and page.lines == [header, numbers]
