"""Word (.docx) input: paragraphs one a line, real Word tables as tab-separated rows.

Uses python-docx (a dependency, imported on the first .docx). The rendered text:

- each body paragraph is one line (in document order; an empty paragraph is a blank line;
  a manual line break inside a paragraph starts a new line of the same paragraph). Word's
  automatic list numbering (「一、」 from a numbered heading style) is rendered in front of the
  text, since it is what the reader sees. Tabs inside a paragraph become spaces, so that a
  paragraph never looks like a table row.
- each table row is one line: a tab, then the row's cells separated by tabs (a merged cell
  once, a vertically merged continuation as an empty cell); a blank line before and after
  each table. A cell's paragraphs are joined with spaces.

`SourceText.origins` (a `LineOrigins`) remembers for each line its paragraph number or its
table, row and cell, so findings can say where to look in Word. Fixes are not applied to .docx.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from gklint.core.text import int_to_cn
from gklint.read.origins import CellOrigin, LineOrigins, ParagraphOrigin
from gklint.read.source import ReadError, SourceText

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
# A report's .docx unpacks to some MB (its XML a few, its pictures the rest). A zip bomb of 330 KB
# unpacked to GBs of XML that lxml then parsed: the archive's sizes are checked before that.
MAX_UNPACKED_BYTES = 256 * 2**20
LARGE_PART_BYTES = 8 * 2**20  # a part this large must not be packed tighter than MAX_PACKING
MAX_PACKING = 100  # Word's XML packs some 5–20 to 1; pictures barely pack
# Word offers list starts up to 32767; past that a counter is no report's (a start of 10¹⁰ in
# letters was a label of 384 million characters).
MAX_LIST_START = 32767
MAX_LETTERED = 3999  # letters and Roman numerals up to this value, decimal digits past it
_SPACES = re.compile(r"[\t\r\n\v\f]+")


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


def _val(element, path: str) -> str | None:
    """`w:val` of the first element found at `path` (w: tags, '/'-separated) under `element`."""
    if element is None:
        return None
    for part in path.split("/"):
        element = element.find(_w(part))
        if element is None:
            return None
    return element.get(_w("val"))


# --- automatic numbering --------------------------------------------------------

_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_ROMAN = [
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
]


def _roman(value: int) -> str:
    out = []
    for number, letters in _ROMAN:
        while value >= number:
            out.append(letters)
            value -= number
    return "".join(out)


def format_number(value: int, fmt: str) -> str:
    """A list counter in one of Word's number formats (the ones Chinese reports use)."""
    if fmt in (
        "chineseCounting",
        "chineseCountingThousand",
        "chineseLegalSimplified",
        "taiwaneseCounting",
        "taiwaneseCountingThousand",
        "ideographDigital",
    ):
        return int_to_cn(value) if value < 100 else str(value)
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return str(value).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= value <= len(_CIRCLED):
        return _CIRCLED[value - 1]
    if fmt in ("ideographTraditional",) and 1 <= value <= 10:
        return "甲乙丙丁戊己庚辛壬癸"[value - 1]
    if fmt in ("upperLetter", "lowerLetter", "upperRoman", "lowerRoman") and value > MAX_LETTERED:
        return str(value)
    if fmt in ("upperLetter", "lowerLetter"):
        letter = chr(ord("A") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt in ("upperRoman", "lowerRoman"):
        roman = _roman(value)
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt == "none":
        return ""
    return str(value)


def _list_start(raw: str | None) -> int:
    """A list's start value, 0 to MAX_LIST_START (1 when it is no number)."""
    try:
        return min(max(int(raw or "1"), 0), MAX_LIST_START)
    except ValueError:  # not a number, or more digits than int() converts
        return 1


class Numbering:
    """Word's list numbering (numbering.xml), counted as the paragraphs go by."""

    def __init__(self, document):
        self.levels: dict[str, dict[int, tuple[int, str, str, str]]] = {}  # numId → ilvl → (start, fmt, text, suffix)
        self.counters: dict[str, dict[int, int]] = {}
        try:
            root = document.part.numbering_part.element
        except Exception:  # no numbering part
            return
        abstract = {}
        for node in root.findall(_w("abstractNum")):
            levels = {}
            for lvl in node.findall(_w("lvl")):
                ilvl = int(lvl.get(_w("ilvl"), "0"))
                start = _list_start(_val(lvl, "start"))
                levels[ilvl] = (start, _val(lvl, "numFmt") or "decimal", _val(lvl, "lvlText") or "", _val(lvl, "suff") or "tab")
            abstract[node.get(_w("abstractNumId"))] = levels
        for num in root.findall(_w("num")):
            levels = dict(abstract.get(_val(num, "abstractNumId"), {}))
            for override in num.findall(_w("lvlOverride")):
                ilvl = int(override.get(_w("ilvl"), "0"))
                start = _val(override, "startOverride")
                if start is not None and ilvl in levels:
                    levels[ilvl] = (_list_start(start), *levels[ilvl][1:])
            self.levels[num.get(_w("numId"))] = levels

    def label(self, paragraph) -> str:
        """The number Word shows in front of this paragraph ('' if none); advances the counters."""
        num_id, ilvl = self._num_pr(paragraph)
        if num_id is None or num_id == "0" or num_id not in self.levels:
            return ""
        levels = self.levels[num_id]
        if ilvl not in levels:
            return ""
        counters = self.counters.setdefault(num_id, {})
        counters[ilvl] = counters.get(ilvl, levels[ilvl][0] - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        start, fmt, text, suffix = levels[ilvl]
        if fmt == "bullet":
            return ""  # a bullet glyph is no text

        def substitute(match: re.Match) -> str:
            level = int(match.group(1)) - 1
            if level not in levels:
                return ""
            value = counters.get(level, levels[level][0])
            return format_number(value, levels[level][1])

        label = re.sub(r"%([1-9])", substitute, text)
        if label and suffix != "nothing" and label[-1].isalnum():
            label += " "
        return label

    @staticmethod
    def _num_pr(paragraph) -> tuple[str | None, int]:
        p_pr = paragraph._p.pPr
        num_id = _val(p_pr, "numPr/numId")
        ilvl = _val(p_pr, "numPr/ilvl")
        style = paragraph.style if num_id is None else None
        while num_id is None and style is not None:  # numbering from the paragraph style (or its base)
            s_pr = style.element.pPr
            num_id = _val(s_pr, "numPr/numId")
            ilvl = ilvl or _val(s_pr, "numPr/ilvl")
            style = style.base_style
        return num_id, int(ilvl or "0")


# --- the reader -----------------------------------------------------------------


def _clean(text: str) -> str:
    return _SPACES.sub(" ", text)


def cell_text(tc) -> str:
    """A cell's paragraphs joined with spaces (nested tables' text included)."""
    parts = []
    for p in tc.iter(_w("p")):
        text = "".join(
            node.text or "" if node.tag == _w("t") else (" " if node.tag in (_w("tab"), _w("br"), _w("cr")) else "")
            for node in p.iter(_w("t"), _w("tab"), _w("br"), _w("cr"))
        )
        if text.strip():
            parts.append(text.strip())
    return _clean(" ".join(parts)).strip()


def _span(tc) -> int:
    try:
        return max(int(_val(tc, "tcPr/gridSpan") or "1"), 1)
    except ValueError:
        return 1


def table_entries(tbl) -> list[list[tuple[str | None, int, int]]]:
    """Each row's cells as (text, rowspan, colspan): a horizontally merged cell once with its
    span, a vertical merge's continuation as None (covered by the cell above, whose rowspan
    counts it)."""
    rows: list[list[list]] = []
    starts: dict[int, list] = {}  # grid column → the open vertical merge's entry
    for tr in tbl.tr_lst:
        entries: list[list] = []
        column = 0
        try:
            before = int(_val(tr, "trPr/gridBefore") or "0")
        except ValueError:
            before = 0
        if before > 0:
            entries.append([None, 1, before])
            column += before
        for tc in tr.findall(_w("tc")):
            span = _span(tc)
            merge = tc.find(f"{_w('tcPr')}/{_w('vMerge')}")
            continuation = merge is not None and merge.get(_w("val"), "continue") == "continue"
            if continuation and column in starts:
                starts[column][1] += 1
                entries.append([None, 1, span])
            else:
                entry = ["" if continuation else cell_text(tc), 1, span]
                entries.append(entry)
                if merge is not None and not continuation:
                    starts[column] = entry
                else:
                    starts.pop(column, None)
            column += span
        rows.append(entries)
    return [[tuple(entry) for entry in entries] for entries in rows]


def render(document) -> tuple[str, list, list]:
    """The text of a python-docx Document, one origin per line, and each table's `Grid`."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    from gklint.read.grid import GridBuilder

    numbering = Numbering(document)
    lines: list[str] = []
    records: list = []
    grids: list = []
    position = 0  # offset of the next line
    paragraph_number = table_number = 0

    def add(line: str, record) -> None:
        nonlocal position
        lines.append(line)
        records.append(record)
        position += len(line) + 1

    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            paragraph_number += 1
            text = numbering.label(block) + block.text.replace("\t", " ")
            for part in re.split(r"\r\n|\r|\n|\v", text):
                add(part, ParagraphOrigin(paragraph_number))
        elif isinstance(block, Table):
            table_number += 1
            add("", None)
            builder = GridBuilder(position)
            for row_number, entries in enumerate(table_entries(block._tbl), start=1):
                line = builder.add_row(entries)
                starts, cell_start = [], 1
                for text, _rowspan, _colspan in entries:
                    starts.append(cell_start)
                    cell_start += len(text or "") + 1
                add(line, CellOrigin(table_number, row_number, tuple(starts)))
            grids.append(builder.grid())
            add("", None)
    return "\n".join(lines) + "\n", records, grids


def _check_unpacked_size(data: bytes) -> None:
    """ReadError (GK001) for an archive that unpacks to more than a report holds, or packs a large
    part tighter than Word's XML packs: a zip bomb, refused before anything is unpacked. The
    sizes are the archive's own: zipfile stops reading a part at its stated size."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return  # not a zip: python-docx says so below
    unpacked = sum(part.file_size for part in parts)
    if unpacked > MAX_UNPACKED_BYTES:
        raise ReadError(
            f".docx 解压后有 {unpacked // 2**20} MB，超过报告可能的大小（{MAX_UNPACKED_BYTES // 2**20} MB），未读取",
            f"the .docx unpacks to {unpacked // 2**20} MB, more than a report holds ({MAX_UNPACKED_BYTES // 2**20} MB); not read",
        )
    for part in parts:
        if part.file_size > LARGE_PART_BYTES and part.file_size > MAX_PACKING * max(part.compress_size, 1):
            raise ReadError(
                f".docx 中的 {part.filename} 压缩比异常（{part.file_size // max(part.compress_size, 1)} 比 1），疑为压缩炸弹，未读取",
                f"{part.filename} in the .docx is packed {part.file_size // max(part.compress_size, 1)} to 1, "
                f"as a zip bomb is (Word's XML packs some 5–20 to 1); not read",
            )


class DocxReader:
    """Word 2007+ documents (.docx), read with python-docx."""

    name = "docx"
    suffixes = (".docx",)

    def read(self, path: Path, data: bytes) -> SourceText:
        try:
            import docx
        except ImportError:
            raise ReadError(
                "读取 .docx 需要 python-docx（pip install python-docx）",
                "reading .docx needs python-docx (pip install python-docx)",
            ) from None
        _check_unpacked_size(data)
        try:
            document = docx.Document(io.BytesIO(data))
        except Exception as error:
            raise ReadError(
                f"不是有效的 .docx 文件（{type(error).__name__}）；旧版 .doc 请先另存为 .docx",
                f"not a valid .docx file ({type(error).__name__}); save old .doc files as .docx first",
            ) from None
        text, records, grids = render(document)
        return SourceText(text, "utf-8", "docx", origins=LineOrigins(text, records), grids=tuple(grids))
