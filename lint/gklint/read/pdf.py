"""PDF input: the text a PDF carries, page by page, its ruled tables as grids.

pdfplumber (on pdfminer.six) is imported when the first PDF is read. Each page is taken apart
here into text lines outside the tables and the tables' boxes (`gklint.read.pdf_layout.Page`);
`pdf_layout` drops page numbers and running headers, joins tables over page breaks and renders
the text with a `PageOrigins` record a line ("第 3 页第 12 行", "第 4 页 表 2 第 3 行第 4 格").

Tables are found from the page's ruling (pdfplumber's lines strategy) over the lines and
rectangles that are visible: Word paints paragraph backgrounds as white rectangles, which must
not make a table. Then, from word positions, a table without ruling whose rows all carry template
row labels (`gklint.read.pdf_words`); any other borderless table stays text lines ("规章 1 0 11"),
which the table reader's token reader reads.

Not read: text in images (a scan gets GK005, no OCR), annotations and form fields.
"""

from __future__ import annotations

import functools
import io
from pathlib import Path

from gklint.read.origins import PageOrigins
from gklint.read.pdf_layout import Box, Page, TablePart, TextLine, Word, render
from gklint.read.pdf_words import Labels, add_tables
from gklint.read.source import NoTextLayer, ReadError, SourceText

X_TOLERANCE = 3.0  # points: a wider gap between two characters of a line is a space (pdfplumber's default)
Y_TOLERANCE = 3.0  # points: characters whose tops lie this close are on one line
_WHITE = {(1,), (1.0,), (1, 1, 1), (1.0, 1.0, 1.0), (0, 0, 0, 0), (0.0, 0.0, 0.0, 0.0)}
THIN = 2.0  # points: a filled rectangle this thin is a drawn line
TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}


class PdfReader:
    """PDF files (.pdf) with a text layer: Word/WPS exports, printed-to-PDF documents."""

    name = "pdf"
    suffixes = (".pdf",)

    def read(self, path: Path, data: bytes) -> SourceText:
        pages = read_pages(data)
        rendered = render(pages)
        origins = PageOrigins(rendered.text, rendered.records)
        return SourceText(rendered.text, "utf-8", "pdf", origins=origins, grids=tuple(rendered.grids))

    def read_head(self, path: Path, data: bytes) -> SourceText:
        """The first page only: enough for a report's title and year (pairing years for GK7
        reads every file's head before the lint; a whole PDF is read once, for its lint)."""
        rendered = render(read_pages(data, max_pages=1))
        return SourceText(rendered.text, "utf-8", "pdf")


# --- opening ----------------------------------------------------------------------


def read_pages(data: bytes, max_pages: int | None = None) -> list[Page]:
    """Every page (or the first `max_pages`) taken apart; ReadError (GK001) for a PDF that cannot
    be opened, NoTextLayer (GK005) for one whose pages hold no text."""
    try:
        import pdfplumber
    except ImportError:
        raise ReadError(
            "读取 PDF 需要 pdfplumber（pip install pdfplumber）", "reading PDF needs pdfplumber (pip install pdfplumber)"
        ) from None
    try:
        document = pdfplumber.open(io.BytesIO(data))
    except Exception as error:
        raise _open_error(error) from None
    with document:
        pages: list[Page] = []
        pictures = 0
        unmapped = mapped = 0
        for number, page in enumerate(document.pages[:max_pages], start=1):
            try:
                chars = page.chars
                pictures += len(page.images)
                content = _page_content(page, number, chars)
            except Exception as error:
                reason = _reason(_unwrapped(error))
                raise ReadError(f"PDF 第 {number} 页无法读取（{reason}）", f"page {number} of the PDF cannot be read ({reason})") from None
            unmapped += sum(1 for c in chars if c["text"].startswith("(cid:"))
            mapped += len(chars)
            pages.append(content)
    pages = add_tables(pages, template_labels())  # tables without ruling, from word positions
    if not any(_has_text(page) for page in pages):  # a watermark or stamp alone is no text layer
        _no_text(len(pages), pictures)
    if unmapped * 2 > mapped:
        raise ReadError(
            "PDF 的字体没有 Unicode 对照表，取不出文字（请从原文档重新导出 PDF）",
            "the PDF's fonts have no Unicode mapping: its text cannot be taken out (export the PDF again from the document)",
        )
    return pages


def _has_text(page: Page) -> bool:
    return bool(page.lines) or any(box.lines for table in page.tables for box in table.boxes)


def _reason(error: Exception) -> str:
    text = str(error).strip()
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def _unwrapped(error: Exception) -> Exception:
    """pdfplumber's PdfminerException holds pdfminer's own error as its argument."""
    inner = error.args[0] if error.args and isinstance(error.args[0], Exception) else None
    return inner or error.__cause__ or error.__context__ or error


def _open_error(error: Exception) -> ReadError:
    """Why a PDF does not open: a password, an encryption pdfminer cannot undo, or damage."""
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    cause = _unwrapped(error)
    if isinstance(cause, PDFPasswordIncorrect):
        return ReadError(
            "PDF 已加密，需要密码才能打开（请导出不加密码的 PDF）", "the PDF is encrypted and needs a password (export it without one)"
        )
    if isinstance(cause, PDFEncryptionError):
        return ReadError(f"PDF 的加密方式无法解开（{_reason(cause)}）", f"the PDF's encryption is not supported ({_reason(cause)})")
    return ReadError(
        f"不是有效的 PDF 文件，或文件已损坏、不完整（{_reason(cause)}）",
        f"not a valid PDF file, or damaged or cut off ({_reason(cause)})",
    )


def _no_text(pages: int, pictures: int) -> None:
    if pages == 0:
        raise ReadError("PDF 没有页面", "the PDF has no pages")
    scan = f"{pages} 页都是图片，是扫描件" if pictures else f"{pages} 页上没有文字"
    scan_en = (
        f"its {pages} page{'s' if pages != 1 else ''} are pictures: a scan"
        if pictures
        else f"no text on its {pages} page{'s' if pages != 1 else ''}"
    )
    raise NoTextLayer(
        f"PDF 没有文字层（{scan}）：无法检查；gklint 不做文字识别（OCR），请提供导出的 PDF、.docx 或文本",
        f"the PDF has no text layer ({scan_en}): nothing can be checked; gklint does not OCR — lint the exported PDF, .docx or text",
    )


# --- one page ---------------------------------------------------------------------


def _white(color) -> bool:
    """White in gray, RGB or CMYK; pdfminer gives a gray as a bare number, a pattern as a name."""
    if isinstance(color, (int, float)):
        color = (color,)
    if not isinstance(color, (tuple, list)) or not all(isinstance(c, (int, float)) for c in color):
        return False
    return tuple(color) in _WHITE


def _visible_ruling(obj) -> bool:
    """The page objects a table's ruling is found among: visible lines and polylines of level and
    upright strokes, stroked rectangles, and filled rectangles thin enough to be lines. Not white
    paragraph backgrounds, cell shading, or curves (seals, charts)."""
    kind = obj.get("object_type")
    if kind == "char":
        return True
    if kind == "line":
        return obj.get("stroke", True) is not False and not _white(obj.get("stroking_color"))
    if kind == "curve":
        return bool(obj.get("stroke")) and not _white(obj.get("stroking_color")) and _level_and_upright(obj.get("pts") or [])
    if kind == "rect":
        if obj.get("stroke") and not _white(obj.get("stroking_color")):
            return True
        thin = min(obj["x1"] - obj["x0"], obj["bottom"] - obj["top"]) <= THIN
        return bool(obj.get("fill")) and thin and not _white(obj.get("non_stroking_color"))
    return False


def _level_and_upright(points) -> bool:
    """A polyline whose every segment is level or upright: cell borders drawn in one path."""
    return len(points) >= 2 and all(abs(x0 - x1) < 0.5 or abs(y0 - y1) < 0.5 for (x0, y0), (x1, y1) in zip(points, points[1:]))


def _page_content(page, number: int, chars: list[dict]) -> Page:
    """A page's text lines outside its tables and its tables' boxes with their lines. Rotated
    characters count inside a table (a label set vertically), not outside (watermarks, stamps)."""
    tables = _ruled_tables(page)
    loose: list[dict] = []
    for char in chars:
        if not char["text"].strip():
            continue
        box = _box_holding(tables, char)
        if box is not None:
            box.setdefault("chars", []).append(char)
        elif _horizontal(char):
            loose.append(char)
    parts = []
    for _bbox, boxes in tables:
        laid = [Box(b["x0"], b["top"], b["x1"], b["bottom"], text_lines(b.get("chars", []))) for b in boxes]
        parts.append(TablePart(number, laid))
    return Page(number, float(page.height), text_lines(loose), parts)


@functools.lru_cache(maxsize=1)
def template_labels() -> Labels:
    """The row labels of tables 二 and 三 in the built-in templates: what a borderless table's rows
    must carry to be read as a grid."""
    from gklint.core.template import builtin_template_paths, load_template
    from gklint.core.text import label_key

    rows: set[str] = set()
    groups: set[str] = set()
    for path in builtin_template_paths():
        data = load_template(path).data
        specs = list(data.get("applications", {}).get("rows", []))
        specs += [row for block in data.get("active_disclosure", {}).get("blocks", []) for row in block["rows"]]
        for spec in specs:
            keys = {label_key(spec["label"])} | {label_key(alias) for alias in spec.get("aliases", ())}
            (groups if spec.get("group") else rows).update(keys)
    return Labels.of(rows, groups, label_key)


def _horizontal(char: dict) -> bool:
    """Written left to right on a level baseline (italic shear allowed): not a diagonal watermark or a stamp."""
    a, b = char.get("matrix", (1, 0))[:2]
    return a > 0 and abs(b) <= 0.05 * a


def _ruled_tables(page) -> list[tuple[tuple, list[dict]]]:
    """Each ruled table of the page as its bounding box and its cell boxes; a table of one column
    is a framed paragraph (text, not a table)."""
    found = page.filter(_visible_ruling).find_tables(TABLE_SETTINGS)
    tables = []
    for table in found:
        cells = [{"x0": x0, "top": top, "x1": x1, "bottom": bottom} for x0, top, x1, bottom in table.cells]
        columns = {round(c["x0"]) for c in cells}
        if len(columns) >= 2:
            tables.append((table.bbox, cells))
    return tables


def _box_holding(tables: list[tuple[tuple, list[dict]]], char: dict) -> dict | None:
    x = (char["x0"] + char["x1"]) / 2
    y = (char["top"] + char["bottom"]) / 2
    for (x0, top, x1, bottom), boxes in tables:
        if not (x0 <= x <= x1 and top <= y <= bottom):
            continue
        for box in boxes:
            if box["x0"] <= x <= box["x1"] and box["top"] <= y <= box["bottom"]:
                return box
    return None


# --- characters to lines ------------------------------------------------------------


def text_lines(chars: list[dict]) -> list[TextLine]:
    """Characters grouped into lines (tops within Y_TOLERANCE of the line's first), left to right,
    a space where the gap between two is wider than X_TOLERANCE; a character drawn twice on itself
    (fake bold) counted once."""
    lines: list[list[dict]] = []
    for char in sorted(chars, key=lambda c: c["top"]):
        if lines and char["top"] - lines[-1][0]["top"] <= Y_TOLERANCE:
            lines[-1].append(char)
        else:
            lines.append([char])
    return [_line(sorted(group, key=lambda c: c["x0"])) for group in lines]


def _line(chars: list[dict]) -> TextLine:
    parts: list[str] = []
    words: list[list[dict]] = []  # the characters of each word: where a space is, a word ends
    previous = None
    for char in chars:
        if previous is not None:
            if char["text"] == previous["text"] and abs(char["x0"] - previous["x0"]) < 1 and abs(char["top"] - previous["top"]) < 1:
                continue
            if char["x0"] - previous["x1"] > X_TOLERANCE:
                parts.append(" ")
                words.append([])
        if not words:
            words.append([])
        words[-1].append(char)
        parts.append(char["text"])
        previous = char
    return TextLine(
        "".join(parts),
        min(c["x0"] for c in chars),
        min(c["top"] for c in chars),
        max(c["x1"] for c in chars),
        max(c["bottom"] for c in chars),
        max(c.get("size", 10.0) for c in chars),
        tuple(_word(group) for group in words),
    )


def _word(chars: list[dict]) -> Word:
    return Word(
        "".join(c["text"] for c in chars),
        chars[0]["x0"],
        max(c["x1"] for c in chars),
        min(c["top"] for c in chars),
        max(c["bottom"] for c in chars),
        max(c.get("size", 10.0) for c in chars),
    )
