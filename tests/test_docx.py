""".docx input: Word files built from seed 003's text and tables give the same findings as the .txt;
tables are read from the Word tables; findings name the paragraph or the table cell."""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path

import pytest

docx = pytest.importorskip("docx")

from gklint.read.docx import format_number  # noqa: E402
from gklint.read.readers import DocxReader  # noqa: E402
from gklint.run.config import Settings  # noqa: E402
from gklint.run.engine import Linter  # noqa: E402

from .conftest import seed  # noqa: E402
from .seed_docx import build_docx, seed_blocks  # noqa: E402

SEED = seed("003")


@pytest.fixture(scope="module")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def docx_path(tmp_path_factory, seed_text) -> Path:
    path = tmp_path_factory.mktemp("docx") / "淄川区2020年报.docx"
    path.write_bytes(build_docx(seed_text))
    return path


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(Settings(select=["ALL"]))


@pytest.mark.slow
def test_docx_gives_the_same_codes_as_the_txt(linter, docx_path):
    from_txt = linter.lint_path(SEED)
    from_docx = linter.lint_path(docx_path)
    assert from_docx.source.kind == "docx"
    assert from_txt.violations, "seed 003 has findings to compare"
    assert Counter(v.code for v in from_docx.violations) == Counter(v.code for v in from_txt.violations)
    assert sorted(v.message.zh for v in from_docx.violations) == sorted(v.message.zh for v in from_txt.violations)


def test_word_tables_are_read_as_rows_of_cells(docx_path, seed_text):
    source = DocxReader().read(docx_path, docx_path.read_bytes())
    rendered = [line[1:].split("\t") for line in source.text.splitlines() if line.startswith("\t")]
    expected = [row for kind, item in seed_blocks(seed_text) if kind == "t" for row in item]
    assert rendered == expected
    assert ["三、本年度办理结果", "（一）予以公开", "24", "0", "0", "0", "0", "0", "24"] in rendered


def test_paragraphs_are_one_a_line_in_order(docx_path, seed_text):
    source = DocxReader().read(docx_path, docx_path.read_bytes())
    paragraphs = [item for kind, item in seed_blocks(seed_text) if kind == "p"]
    lines = [line for line in source.text.splitlines() if not line.startswith("\t")]
    assert [l for l in lines if l.strip()] == [p for p in paragraphs if p.strip()]


def test_findings_name_the_paragraph(linter, docx_path, seed_text):
    result = linter.lint_path(docx_path)
    bookmark = next(v for v in result.violations if "[bookmark: _GoBack]" in v.message.zh)
    paragraphs = [item for kind, item in seed_blocks(seed_text) if kind == "p"]
    number = next(i for i, p in enumerate(paragraphs, start=1) if p.startswith("[bookmark: _GoBack]"))
    assert result.source.origins.describe(bookmark.start, "zh") == f"第 {number} 段"
    assert result.source.origins.describe(bookmark.start, "en") == f"paragraph {number}"


def test_table_cells_are_named_by_table_row_and_cell(docx_path):
    source = DocxReader().read(docx_path, docx_path.read_bytes())
    row = "\t三、本年度办理结果\t（一）予以公开\t24\t"
    offset = source.text.index(row) + len("\t三、本年度办理结果\t（一）予以公开\t")
    # table 2 is section 三's; its rows: the note, two header rows, 一, 二, then 三（一）
    assert source.origins.describe(offset, "zh") == "表 2 第 6 行第 3 格"
    assert source.origins.describe(offset + 1, "en") == "table 2, row 6, cell 3"
    label = source.text.index("（一）予以公开")
    assert source.origins.describe(label, "zh") == "表 2 第 6 行第 2 格"


def test_text_output_carries_the_place(docx_path):
    from gklint.cli import main

    out = docx_path.parent / "out.txt"
    main(["--isolated", "--select", "ALL", "--output-file", str(out), str(docx_path)])
    text = out.read_text(encoding="utf-8")
    assert "GK603" in text and "（第 " in text and " 段）" in text


def test_docx_is_never_fixable(docx_path):
    source = DocxReader().read(docx_path, docx_path.read_bytes())
    assert source.fixable is False


def _numbered_document(fmt: str, text: str) -> bytes:
    """Headings numbered by Word (List Number style), the list's format changed to `fmt`/`text`."""
    from docx.oxml.ns import qn

    document = docx.Document()
    for title in ("总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况"):
        document.add_paragraph(title, style="List Number")
    style_num = document.styles["List Number"].element.pPr.find(qn("w:numPr")).find(qn("w:numId")).get(qn("w:val"))
    numbering = document.part.numbering_part.element
    num = next(n for n in numbering.findall(qn("w:num")) if n.get(qn("w:numId")) == style_num)
    abstract_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
    abstract = next(a for a in numbering.findall(qn("w:abstractNum")) if a.get(qn("w:abstractNumId")) == abstract_id)
    level = next(l for l in abstract.findall(qn("w:lvl")) if l.get(qn("w:ilvl")) == "0")
    level.find(qn("w:numFmt")).set(qn("w:val"), fmt)
    level.find(qn("w:lvlText")).set(qn("w:val"), text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_word_automatic_numbering_is_rendered():
    source = DocxReader().read(Path("x.docx"), _numbered_document("chineseCounting", "%1、"))
    assert source.text.splitlines()[:3] == ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况"]
    decimal = DocxReader().read(Path("x.docx"), _numbered_document("decimal", "%1."))
    assert decimal.text.splitlines()[1] == "2.主动公开政府信息情况"


@pytest.mark.parametrize(
    "value, fmt, expected",
    [
        (3, "chineseCounting", "三"),
        (12, "chineseCountingThousand", "十二"),
        (2, "decimalFullWidth", "２"),
        (4, "decimalEnclosedCircle", "④"),
        (9, "upperRoman", "IX"),
        (27, "lowerLetter", "aa"),
        (5, "decimal", "5"),
    ],
)
def test_number_formats(value, fmt, expected):
    assert format_number(value, fmt) == expected


def test_a_broken_docx_is_gk001(tmp_path, linter):
    path = tmp_path / "report.docx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    result = linter.lint_path(path)
    assert [v.code for v in result.violations] == ["GK001"]
    assert ".docx" in result.violations[0].message.zh


def test_stdin_filename_picks_the_reader_and_names_the_findings(linter, docx_path):
    from gklint.read.readers import lint_stdin

    piped = lint_stdin(linter, "报告/淄川.docx", io.BytesIO(docx_path.read_bytes()))
    assert piped.source.kind == "docx"
    assert piped.violations and {v.path for v in piped.violations} == {"报告/淄川.docx"}
    text = lint_stdin(linter, None, io.BytesIO(SEED.read_bytes()))
    assert {v.path for v in text.violations} == {"-"}
    assert [(v.code, v.line, v.column) for v in text.violations] == [(v.code, v.line, v.column) for v in linter.lint_path(SEED).violations]


def cell_values(result) -> list:
    return [(t.kind, c.row, c.column, c.value) for t in result.report.tables for c in t.cells]


def test_word_tables_give_the_same_cells_as_the_txt(linter, docx_path):
    from_txt = cell_values(linter.lint_path(SEED))
    result = linter.lint_path(docx_path)
    assert len(from_txt) > 100  # tables 二, 三 and 四 of seed 003
    assert cell_values(result) == from_txt
    assert {t.shape for t in result.report.tables} == {"grid"}  # read from the Word tables' cells
