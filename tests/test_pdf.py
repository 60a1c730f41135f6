"""PDF input (gklint.read.pdf): the published huaian-2024.pdf read as the parser needs it, its
tables as grids holding what pypdf's extraction of the same PDF prints, findings placed on pages,
and PDFs that cannot be checked (a scan: GK005; encrypted or broken: GK001)."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from gklint.output import FORMATS
from gklint.output.formatters import FORMATTERS, OutputContext, place
from gklint.read.pdf import PdfReader
from gklint.run.config import Settings
from gklint.run.engine import Linter

from .conftest import FIXTURES

HUAIAN_PDF = FIXTURES / "samples" / "huaian-2024.pdf"
HUAIAN_TEXT = FIXTURES / "samples" / "huaian-2024-pdf-text.txt"  # the same PDF as pypdf extracts it
PDFS = FIXTURES / "pdf-reader"  # made by tests/fixtures/pdf-reader/make_pdfs.py
NUMBER = re.compile(r"^\d+(?:\.\d+)?$")


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(Settings(select=["ALL"]))


@pytest.fixture(scope="module")
def huaian():
    return PdfReader().read(HUAIAN_PDF, HUAIAN_PDF.read_bytes())


@pytest.fixture(scope="module")
def huaian_result(linter, huaian):
    return linter.lint_source(huaian, HUAIAN_PDF, str(HUAIAN_PDF))


@pytest.fixture(scope="module")
def printed() -> list[str]:
    return HUAIAN_TEXT.read_text(encoding="utf-8").splitlines()


def between(lines: list[str], start: str, end: str) -> list[str]:
    first = next(i for i, line in enumerate(lines) if line.startswith(start))
    last = next(i for i, line in enumerate(lines) if line.startswith(end))
    return lines[first + 1 : last]


def grid_holding(source, text: str):
    return next(grid for grid in source.grids if any(cell.text == text for cell in grid.cells))


def row_texts(grid) -> list[list[str]]:
    return [[cell.text for cell in grid.row(row)] for row in range(grid.rows)]


def value_rows(grid, width: int) -> list[list[str]]:
    """The rows ending in `width` numeric cells, as those values."""
    rows = []
    for texts in row_texts(grid):
        tail = texts[-width:]
        if len(tail) == width and all(NUMBER.match(t) for t in tail):
            rows.append(tail)
    return rows


# --- the report as the parser reads it ------------------------------------------------


def test_the_parser_finds_the_report(huaian_result):
    report = huaian_result.report
    assert [s.number for s in report.sections] == [1, 2, 3, 4, 5, 6]
    assert report.title.year == 2024 and "淮安市人民政府" in report.title.text
    assert report.facts.period is not None and report.facts.period.year == 2024
    assert "0517-83605210" in report.text and report.facts.contacts.phones and report.facts.contacts.emails
    assert {t.kind for t in report.tables} == {"active_disclosure", "applications", "review_litigation"}


def test_findings_match_those_on_the_extracted_text(linter, huaian):
    default = Linter(Settings())
    text_path = HUAIAN_TEXT
    for run in (default, linter):
        from_pdf = [(v.code, v.message.zh) for v in run.lint_source(huaian, HUAIAN_PDF).violations]
        from_text = [(v.code, v.message.zh) for v in run.lint_path(text_path).violations]
        assert from_pdf == from_text


def test_page_numbers_are_not_in_the_text(huaian, printed):
    markers = [line for line in printed if re.fullmatch(r"- \d+ -", line)]
    assert len(markers) == 6  # pypdf keeps them: "- 1 -" … "- 6 -"
    assert not any(re.fullmatch(r"\s*[-—]\s*\d+\s*[-—]\s*", line) for line in huaian.text.splitlines())


def test_no_radicals_in_this_pdf_and_none_made_up(huaian, printed):
    radicals = re.compile("[\u2e80-\u2fdf]")
    assert not radicals.search(huaian.text) and not radicals.search("\n".join(printed))


def test_text_outside_tables_is_the_printed_lines(huaian, printed):
    """Every text line of pages 1, 2 and 6 (no table on them) as pypdf prints it, in order (the
    reader adds blank lines where the paragraph spacing is wider: after the title, before 二)."""
    pages = _printed_pages(printed)
    lines = [line for line in huaian.text.splitlines() if line]
    for number in (1, 2, 6):
        expected = pages[number]
        start = lines.index(expected[0])
        assert lines[start : start + len(expected)] == expected


def _printed_pages(printed: list[str]) -> dict[int, list[str]]:
    """pypdf prints each page's number ("- 2 -") before the page's lines."""
    pages: dict[int, list[str]] = {}
    current = None
    for line in printed:
        marker = re.fullmatch(r"- (\d+) -", line)
        if marker:
            current = int(marker.group(1))
            pages[current] = []
        elif current is not None:
            pages[current].append(line)
    return pages


# --- tables -------------------------------------------------------------------------


def test_every_cell_points_at_its_text(huaian):
    assert len(huaian.grids) == 3
    for grid in huaian.grids:
        for cell in grid.cells:
            assert huaian.text[cell.start : cell.end] == cell.text
        assert huaian.text[grid.start : grid.end].startswith("\t")


def test_table_three_is_one_grid_with_the_printed_values(huaian, printed):
    lines = between(printed, "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议")
    expected = []
    labels = []
    for line in lines:
        match = re.search(r"(?:^|\s)(\d+(?: \d+){6})$", line)
        if match:
            expected.append(match.group(1).split())
            labels.append("".join(line[: match.start()].split()[-1:]))  # what precedes the numbers on the line
    assert len(expected) == 25  # 一, 二, 三's 20 result rows, （七）总计, 四
    grid = grid_holding(huaian, "（七）总计")
    assert grid.columns == 10
    assert value_rows(grid, 7) == expected  # page 4's rows and page 5's in one grid
    for texts, label in zip([t for t in row_texts(grid) if all(NUMBER.match(x) for x in t[-7:])], labels):
        assert not label or "".join(texts[-8].split()).endswith(label)


def test_table_three_labels_over_the_page_break(huaian):
    grid = grid_holding(huaian, "（七）总计")
    texts = [cell.text for cell in grid.cells]
    assert "三、本年度办理结果" in texts  # a vertical label, one character a line, joined
    assert "（四）无法提供" in texts  # "（四）无" on page 4, "法提供" on page 5: one merged cell
    results = next(cell for cell in grid.cells if cell.text == "三、本年度办理结果")
    assert results.rowspan == 22  # （一）…（七）: rows of page 4 and of page 5
    not_held = next(cell for cell in grid.cells if cell.text == "（四）无法提供")
    assert not_held.rowspan == 3 and not_held.colspan == 1


def test_table_four_holds_the_printed_row(huaian, printed):
    lines = between(printed, "四、政府信息公开行政复议", "五、存在的主要问题")
    expected = [line.split() for line in lines if re.fullmatch(r"\d+(?: \d+){14}", line)]
    grid = grid_holding(huaian, "行政复议")
    assert value_rows(grid, 15) == expected and len(expected) == 1
    assert grid.columns == 15 and grid.rows == 4


def test_table_two_is_one_grid_over_pages_three_and_four(huaian, printed):
    lines = between(printed, "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况")
    expected = {}
    for line in lines:
        match = re.fullmatch(r"(\S+) ([\d.]+(?: [\d.]+)*)", line)
        if match and match.group(1) != "第二十条":
            expected[match.group(1)] = match.group(2).split()
    assert len(expected) == 6
    grid = grid_holding(huaian, "行政许可")
    assert grid is grid_holding(huaian, "行政事业性收费")  # page 3's part and page 4's
    found = {texts[0]: texts[1:] for texts in row_texts(grid) if texts and texts[0] in expected}
    assert found == expected


def test_blank_cells_are_kept(linter):
    path = PDFS / "template-2021-blank.pdf"  # the national template: every value cell empty
    source = PdfReader().read(path, path.read_bytes())
    three = grid_holding(source, "（七）总计")
    blank = [cell for cell in three.cells if cell.blank]
    assert len(blank) == 25 * 7
    assert all(cell.start == cell.end and source.text[cell.start - 1] == "\t" for cell in blank)
    assert [len(value) for value in _row_fields(source, "（七）总计")] == [0] * 7


def _row_fields(source, label: str) -> list[str]:
    line = next(line for line in source.text.splitlines() if f"\t{label}\t" in line)
    return line.split("\t")[-7:]


def test_a_row_split_by_a_page_break_is_one_row():
    """paged.pdf: row （六）1 of table 三 starts at the foot of page 2 and ends on page 3, its values
    on page 2; a running header and a footer 第 N 页 共 M 页 on every page."""
    path = PDFS / "paged.pdf"
    source = PdfReader().read(path, path.read_bytes())
    grid = grid_holding(source, "（七）总计")
    assert grid.rows == 28
    row = next(texts for texts in row_texts(grid) if any(t.startswith("1.申请人无正当理由") for t in texts))
    assert row == ["（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"] + ["0"] * 7
    assert not any(cell.blank for cell in grid.cells if cell.row >= 3)
    assert "第 1 页" not in source.text and "共 3 页" not in source.text
    assert "某某区人民政府办公室" not in source.text.splitlines()  # the running header (the title begins with it)
    assert source.text.startswith("某某区人民政府办公室2024年政府信息公开工作年度报告\n")


def test_header_rows_repeated_on_the_next_page_are_left_out():
    path = PDFS / "repeated-header.pdf"  # paged.pdf with table 三's header rows repeated on page 3
    source = PdfReader().read(path, path.read_bytes())
    grid = grid_holding(source, "（七）总计")
    assert grid.rows == 28 and grid.row(0)[0].text.startswith("（本列数据的勾稽关系为")
    assert source.text.count("（本列数据的勾稽关系为") == 1
    assert sum(1 for cell in grid.cells if cell.text == "社会公益组织") == 1
    assert "（六）其他处理" in [cell.text for cell in grid.cells]  # the split row under the repeated header joined


@pytest.mark.slow
@pytest.mark.parametrize("name", ["paged", "repeated-header"])
def test_a_pdf_gives_the_findings_of_its_word_original(linter, name):
    pytest.importorskip("docx")
    pdf = [(v.code, v.message.zh) for v in linter.lint_path(PDFS / f"{name}.pdf").violations]
    word = [(v.code, v.message.zh) for v in linter.lint_path(PDFS / f"{name}.docx").violations]
    assert pdf == word


# --- locations ------------------------------------------------------------------------


def test_lines_are_placed_on_their_page(huaian, printed):
    pages = _printed_pages(printed)
    for number in (1, 2, 6):
        for index, line in enumerate(pages[number], start=1):
            offset = huaian.text.index(line + "\n")
            assert huaian.origins.describe(offset, "zh") == f"第 {number} 页第 {index} 行"
            assert huaian.origins.describe(offset, "en") == f"page {number}, line {index}"


def test_cells_are_placed_on_their_page_table_row_and_cell(huaian, printed):
    grid = grid_holding(huaian, "（七）总计")
    total = next(cell for cell in grid.cells if cell.text == "3050")
    on_page = next(n for n, lines in _printed_pages(printed).items() if any(line.endswith(" 3050") for line in lines))
    assert on_page == 5
    line = huaian.text[huaian.text.rfind("\n", 0, total.start) + 1 : total.start]
    field = line.count("\t")  # fields before it, the leading tab included
    assert huaian.origins.describe(total.start, "zh") == f"第 5 页 表 2 第 {total.row + 1} 行第 {field} 格"
    assert huaian.origins.describe(total.start, "en") == f"page 5, table 2, row {total.row + 1}, cell {field}"
    first = next(cell for cell in grid.cells if cell.text == "3119")
    assert huaian.origins.describe(first.start, "zh").startswith("第 4 页 表 2 ")


@pytest.fixture(scope="module")
def template_result(linter):
    return linter.lint_path(PDFS / "template-2021-blank.pdf")


def _places(result, lang="zh") -> list[str]:
    return [place(result, v, lang) for v in result.violations]


def test_every_format_shows_the_page(template_result, linter):
    result = template_result
    places = _places(result)
    assert places and all(p and p.startswith("第 ") and " 页" in p for p in places)
    assert "第 1 页第 1 行" in places  # GK201 on the title line
    context = OutputContext(lang="zh", rules=linter.rules)
    for name in ("text", "full", "github", "junit"):
        output = (FORMATTERS.get(name) or FORMATS[name]).format([result], context)
        for where in places:
            assert where in output, name
    for name in ("json", "json-lines"):
        output = (FORMATTERS.get(name) or FORMATS[name]).format([result], context)
        items = json.loads(output) if name == "json" else [json.loads(line) for line in output.splitlines()]
        assert [item["where"] for item in items] == places
    sarif = json.loads(FORMATS["sarif"].format([result], context))
    results = sarif["runs"][0]["results"]
    assert [r["locations"][0]["logicalLocations"][0]["name"] for r in results] == places
    assert all(r["message"]["text"].endswith(f"（{p}）") for r, p in zip(results, places))
    assert all(r["locations"][0]["physicalLocation"]["region"]["startLine"] >= 1 for r in results)


def test_english_places(template_result, linter):
    places = _places(template_result, "en")
    assert "page 1, line 1" in places
    sarif = json.loads(FORMATS["sarif"].format([template_result], OutputContext(lang="en", rules=linter.rules)))
    assert sarif["runs"][0]["results"][0]["message"]["text"].endswith(f" ({places[0]})")


@pytest.mark.slow
def test_a_pdf_is_never_written_back(tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes((PDFS / "template-2021-blank.pdf").read_bytes())
    before = path.read_bytes()
    done = subprocess.run([sys.executable, "-m", "gklint", "--isolated", "--fix", str(path)], capture_output=True, text=True)
    assert path.read_bytes() == before and "Traceback" not in done.stderr


# --- PDFs that cannot be checked --------------------------------------------------------


def scan_pdf(pages: int = 2) -> bytes:
    """Pages that are pictures: what a scanner's PDF holds."""
    from PIL import Image, ImageDraw

    images = []
    for number in range(pages):
        image = Image.new("RGB", (600, 850), "white")
        draw = ImageDraw.Draw(image)
        draw.rectangle((50, 50, 550, 120), outline="black")
        draw.text((60, 70), f"scanned page {number + 1}", fill="black")
        images.append(image)
    buffer = io.BytesIO()
    images[0].save(buffer, format="PDF", save_all=True, append_images=images[1:])
    return buffer.getvalue()


def pdf_with_page(content: bytes = b"", unicode: dict[int, str] | None = None) -> bytes:
    """A one-page PDF written by hand (xref and all) whose page draws `content` in Helvetica;
    `unicode` maps character codes to the text a ToUnicode CMap gives for them."""
    font = b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica" + (b"/ToUnicode 6 0 R" if unicode else b"") + b">>"
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>",
        b"<</Length %d>>stream\n" % len(content) + content + b"\nendstream",
        font,
    ]
    if unicode:
        pairs = "".join(f"<{code:02X}> <{ord(text):04X}>\n" for code, text in unicode.items())
        cmap = (
            "/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Test-UCS def /CMapType 2 def\n"
            f"1 begincodespacerange <00> <FF> endcodespacerange\n{len(unicode)} beginbfchar\n{pairs}endbfchar\n"
            "endcmap CMapName currentdict /CMap defineresource pop end end"
        ).encode()
        objects.append(b"<</Length %d>>stream\n" % len(cmap) + cmap + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def lint_bytes(linter, data: bytes, name: str = "report.pdf"):
    return linter.lint_bytes(data, Path(name)).violations


def test_a_scan_is_gk005_not_gk002(linter):
    found = lint_bytes(linter, scan_pdf(2))
    assert [v.code for v in found] == ["GK005"]
    assert "扫描件" in found[0].message.zh and "OCR" in found[0].message.zh and "2 页" in found[0].message.zh
    assert "does not OCR" in found[0].message.en


def test_pages_without_text_or_pictures_are_gk005(linter):
    found = lint_bytes(linter, pdf_with_page())
    assert [v.code for v in found] == ["GK005"] and "没有文字" in found[0].message.zh


def test_radicals_from_the_fonts_unicode_map_are_left_as_they_are():
    # A font whose ToUnicode CMap gives the Kangxi radical ⼀ (U+2F00) and ⺠ (U+2EA0) for 一 and 民:
    # the reader keeps them (GK606 reports them), no NFKC.
    data = pdf_with_page(b"BT /F1 12 Tf 72 720 Td (ABC) Tj ET", {0x41: "\u2f00", 0x42: "\u2ea0", 0x43: "\u4e2d"})
    assert PdfReader().read(Path("x.pdf"), data).text == "\u2f00\u2ea0中\n"


CELLS = (
    b"BT /F1 10 Tf 105 680 Td (A) Tj 100 0 Td (1) Tj 100 0 Td (2) Tj ET BT /F1 10 Tf 105 650 Td (B) Tj 100 0 Td (3) Tj 100 0 Td (4) Tj ET"
)
RULED = {
    "a box and lines, gray given as a number": b"0 G 0.5 w 100 640 300 60 re S 100 670 m 400 670 l S 200 700 m 200 640 l S 300 700 m 300 640 l S ",
    "polylines": b"0.5 w 100 700 m 400 700 l 400 640 l S 400 640 m 100 640 l 100 700 l S 100 670 m 400 670 l S 200 700 m 200 640 l S 300 700 m 300 640 l S ",
    "thin filled rectangles": b"0 0 0 rg 100 700 300 0.5 re f 100 670 300 0.5 re f 100 640 300 0.5 re f "
    b"100 640 0.5 60 re f 200 640 0.5 60 re f 300 640 0.5 60 re f 400 640 0.5 60 re f ",
}


@pytest.mark.parametrize("ruling", list(RULED), ids=list(RULED))
def test_ruled_tables_drawn_in_various_ways(ruling):
    source = PdfReader().read(Path("x.pdf"), pdf_with_page(RULED[ruling] + CELLS))
    assert source.text == "\n\tA\t1\t2\n\tB\t3\t4\n\n"
    (grid,) = source.grids
    assert [(c.text, c.row, c.column) for c in grid.cells] == [("A", 0, 0), ("1", 0, 1), ("2", 0, 2), ("B", 1, 0), ("3", 1, 1), ("4", 1, 2)]


@pytest.mark.parametrize(
    "drawing",
    [
        b"1 1 1 rg 90 630 320 80 re f 1 g 90 560 320 60 re f ",  # white paragraph backgrounds (Word)
        b"0.8 0.85 0.95 rg 100 640 300 60 re f ",  # shading alone
        b"0 G 100 640 300 60 re S 100 670 m 400 670 l S ",  # one column: a framed paragraph
    ],
    ids=["white backgrounds", "shading", "one column"],
)
def test_no_table_is_made_of_prose(drawing):
    source = PdfReader().read(Path("x.pdf"), pdf_with_page(drawing + CELLS))
    assert source.text == "A 1 2\nB 3 4\n" and not source.grids


def test_the_hand_made_pdf_reads_when_it_has_text(linter):
    source = PdfReader().read(Path("x.pdf"), pdf_with_page(b"BT /F1 12 Tf 72 720 Td (Hello PDF) Tj ET"))
    assert source.text == "Hello PDF\n"


WATERMARK = b"BT /F1 40 Tf 0.7071 0.7071 -0.7071 0.7071 200 300 Tm (CONFIDENTIAL) Tj ET"


def test_a_diagonal_watermark_is_not_text(linter):
    source = PdfReader().read(Path("x.pdf"), pdf_with_page(b"BT /F1 12 Tf 72 720 Td (Hello PDF) Tj ET " + WATERMARK))
    assert source.text == "Hello PDF\n"
    assert [v.code for v in lint_bytes(linter, pdf_with_page(WATERMARK))] == ["GK005"]  # a watermark alone: no text layer


def test_an_encrypted_pdf_is_gk001_saying_so(linter):
    found = linter.lint_path(PDFS / "encrypted.pdf").violations
    assert [v.code for v in found] == ["GK001"]
    assert "密码" in found[0].message.zh and "password" in found[0].message.en


@pytest.mark.parametrize("cut", ["head", "half", "tail"])
def test_a_cut_off_pdf_is_gk001(linter, cut):
    data = HUAIAN_PDF.read_bytes()
    part = {"head": data[:1000], "half": data[: len(data) // 2], "tail": data[:-2000]}[cut]
    found = lint_bytes(linter, part)
    assert [v.code for v in found] == ["GK001"] and "PDF" in found[0].message.zh


def test_not_a_pdf_is_gk001(linter):
    assert [v.code for v in lint_bytes(linter, b"<html>not a pdf</html>" * 20)] == ["GK001"]
    assert [v.code for v in lint_bytes(linter, b"")] in (["GK001"], ["GK002"])


@pytest.mark.slow
def test_no_traceback_from_the_command_line(tmp_path):
    (tmp_path / "scan.pdf").write_bytes(scan_pdf(1))
    (tmp_path / "cut.pdf").write_bytes(HUAIAN_PDF.read_bytes()[:5000])
    (tmp_path / "locked.pdf").write_bytes((PDFS / "encrypted.pdf").read_bytes())
    done = subprocess.run([sys.executable, "-m", "gklint", "--isolated", "--format", "json", str(tmp_path)], capture_output=True, text=True)
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    codes = {Path(item["path"]).name: item["code"] for item in json.loads(done.stdout)}
    assert codes == {"cut.pdf": "GK001", "locked.pdf": "GK001", "scan.pdf": "GK005"}  # folders include *.pdf


@pytest.mark.slow
def test_a_text_run_does_not_import_the_pdf_libraries_and_a_pdf_run_does():
    script = (
        "import sys; from pathlib import Path; from gklint.run.config import Settings; from gklint.run.engine import Linter; "
        "linter = Linter(Settings()); "
        f"linter.lint_path(Path({str(HUAIAN_TEXT)!r})); "
        "print(sorted(m for m in ('pdfplumber', 'pdfminer', 'gklint.read.pdf') if m in sys.modules)); "
        f"linter.lint_path(Path({str(PDFS / 'template-2021-blank.pdf')!r})); "
        "print(sorted(m for m in ('pdfplumber', 'pdfminer', 'gklint.read.pdf') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout.splitlines()
    assert out == ["[]", "['gklint.read.pdf', 'pdfminer', 'pdfplumber']"]


def test_pairing_years_reads_only_the_first_page(monkeypatch):
    """GK7 pairing identifies every file by its head before the lint: a PDF's first page, not all six."""
    from gklint.read import pdf
    from gklint.run import history
    from gklint.run.config import Settings
    from gklint.run.engine import Linter

    pages_read = []
    read_pages = pdf.read_pages

    def counting(data, max_pages=None):
        pages = read_pages(data, max_pages)
        pages_read.append(len(pages))
        return pages

    monkeypatch.setattr(pdf, "read_pages", counting)
    identity = history.identify_file(Linter(Settings()), Path(__file__).parent / "fixtures" / "samples" / "huaian-2024.pdf")
    assert identity is not None and identity.year == 2024 and "淮安" in identity.body
    assert pages_read == [1]
