"""HTML input: a report as published on a government portal (.html/.htm).

Standard library only (`html.parser`). Steps:

1. Decode (BOM, `<meta charset>`, then UTF-8, then GB18030; gb2312/gbk are read as GB18030).
2. Build a small element tree; every character of text keeps its offset in the HTML source
   (an entity such as `&nbsp;` maps to its `&`).
3. Find the article body among the site's navigation: leave out script/style/nav/header/footer/
   aside/form and elements whose id or class says nav, menu, footer, breadcrumb…; count the
   text that is not link text; the body is the deepest element holding at least 70% of it.
   If the body does not start with the report's title, the last heading before it (h1–h3 or an
   element whose class/id says title) that mentions 报告 is put in front, else the page <title>.
4. Render: block elements one a line, whitespace collapsed as a browser does (dropped between
   two CJK characters); each `<table>` row one line, a tab then the cells separated by tabs;
   rowspan/colspan honoured: a spanned cell once, a rowspan continuation an empty cell in its
   column, so the values keep their places.
5. Hand each table over as a `Grid` (`SourceText.grids`, `gklint.read.grid`): each cell once at its
   top-left slot with its spans (a rowspan stops at the table's last row), offsets into the text of
   the cell's text without the spaces around it; a blank cell (empty, `&nbsp;`, spaces only) is
   kept, empty, at the start of its field. A table nested in a cell is part of that cell's text.

`SourceText.origins` (an `OffsetOrigins`) maps every character back, so findings report the line
and column in the HTML source. Fixes are not applied to HTML.
"""

from __future__ import annotations

import codecs
import html
import re
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

from gklint.read.grid import MAX_SPAN, Grid, GridBuilder
from gklint.read.origins import OffsetOrigins
from gklint.read.source import ReadError, SourceText, _looks_binary

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
SKIP = {
    "script",
    "style",
    "noscript",
    "template",
    "head",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "select",
    "button",
    "iframe",
    "svg",
    "object",
    "textarea",
    "option",
}
BLOCK = {
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "section",
    "article",
    "main",
    "blockquote",
    "pre",
    "address",
    "figure",
    "figcaption",
    "table",
    "tr",
    "hr",
    "center",
    "body",
    "caption",
}
P_CLOSERS = {
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "dl",
    "table",
    "pre",
    "blockquote",
    "section",
    "article",
    "hr",
    "address",
    "header",
    "footer",
    "nav",
    "main",
    "aside",
    "figure",
}
NAV_RE = re.compile(r"nav|menu|header|footer|breadcrumb|crumb|sidebar|banner|share|copyright|toolbar|search|topbar|bottom", re.I)
TITLE_RE = re.compile(r"title|biaoti|tit", re.I)
_WS = " \t\n\r\f"
_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
BODY_SHARE = 0.7
# Elements nest at most this deep; deeper ones become children of the deepest (Chrome does the
# same at 512). The tree is walked recursively, two frames a level, under Python's limit of 1000.
MAX_DEPTH = 200
CONTINUATIONS_PER_CELL = 4  # `render_table`


class Element:
    __slots__ = ("tag", "attrs", "children", "start", "parent")

    def __init__(self, tag: str, attrs: dict, start: int, parent: Element | None):
        self.tag, self.attrs, self.children, self.start, self.parent = tag, attrs, [], start, parent

    def is_skipped(self) -> bool:
        if self.tag in SKIP:
            return True
        marker = f"{self.attrs.get('id') or ''} {self.attrs.get('class') or ''}"
        return bool(marker.strip()) and bool(NAV_RE.search(marker)) and self.tag not in ("body", "html")

    def iter(self):
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()


class Text:
    """A run of text with the source offset of each character. The parser hands it over in pieces
    (one a `<` or `&` that starts nothing): they are joined once, when read."""

    __slots__ = ("_pieces", "offsets")

    def __init__(self, text: str, offsets: list[int]):
        self._pieces, self.offsets = [text], offsets

    def append(self, text: str, offsets: list[int]) -> None:
        self._pieces.append(text)
        self.offsets.extend(offsets)

    @property
    def text(self) -> str:
        if len(self._pieces) > 1:
            self._pieces = ["".join(self._pieces)]
        return self._pieces[0]


class TreeBuilder(HTMLParser):
    def __init__(self, source: str):
        super().__init__(convert_charrefs=False)
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.root = Element("#root", {}, 0, None)
        self.stack = [self.root]
        self.open_tags: dict[str, int] = {}  # tag → how many of the stack's elements have it
        self.title: Element | None = None

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def _close(self, tag: str, stop_at: tuple[str, ...] = ()) -> None:
        if not self.open_tags.get(tag):
            return  # nothing to close: the stack is not scanned (a deep stack made that quadratic)
        for index in range(len(self.stack) - 1, 0, -1):
            current = self.stack[index].tag
            if current == tag:
                self._pop_to(index)
                return
            if current in stop_at:
                return

    def _push(self, element: Element) -> None:
        self.stack.append(element)
        self.open_tags[element.tag] = self.open_tags.get(element.tag, 0) + 1

    def _pop_to(self, index: int) -> None:
        for element in self.stack[index:]:
            self.open_tags[element.tag] -= 1
        del self.stack[index:]

    def handle_starttag(self, tag, attrs):
        # implicit ends, as browsers do
        if tag in P_CLOSERS:
            self._close("p", stop_at=("td", "th", "div", "table", "li", "body"))
        if tag in ("td", "th"):
            self._close("td", stop_at=("tr", "table"))
            self._close("th", stop_at=("tr", "table"))
        if tag == "tr":
            self._close("tr", stop_at=("table",))
        if tag == "li":
            self._close("li", stop_at=("ul", "ol"))
        element = Element(tag, {k: (v or "") for k, v in attrs}, self._offset(), self.stack[-1])
        self.stack[-1].children.append(element)
        if tag == "title" and self.title is None:
            self.title = element
        if tag not in VOID and len(self.stack) <= MAX_DEPTH:
            self._push(element)

    def handle_startendtag(self, tag, attrs):
        element = Element(tag, {k: (v or "") for k, v in attrs}, self._offset(), self.stack[-1])
        self.stack[-1].children.append(element)

    def handle_endtag(self, tag):
        self._close(tag)

    def _text(self, text: str, offsets: list[int]) -> None:
        children = self.stack[-1].children
        if children and isinstance(children[-1], Text):
            children[-1].append(text, offsets)
        else:
            children.append(Text(text, offsets))

    def handle_data(self, data):
        start = self._offset()
        self._text(data, list(range(start, start + len(data))))

    def handle_entityref(self, name):
        self._entity(f"&{name};")

    def handle_charref(self, name):
        self._entity(f"&#{name};")

    def _entity(self, ref: str) -> None:
        text = html.unescape(ref)
        self._text(text, [self._offset()] * len(text))


# --- picking the body -----------------------------------------------------------


def _content_lengths(root: Element) -> dict[int, int]:
    """Non-link, non-navigation characters under each element (by id())."""
    lengths: dict[int, int] = {}

    def walk(element: Element, in_link: bool) -> int:
        if element.is_skipped() and element is not root:
            lengths[id(element)] = 0
            return 0
        link = in_link or element.tag == "a"
        total = 0
        for child in element.children:
            if isinstance(child, Text):
                if not link:
                    total += sum(1 for c in child.text if c not in _WS and c != "\u00a0")
            else:
                total += walk(child, link)
        lengths[id(element)] = total
        return total

    walk(root, False)
    return lengths


def find_body(root: Element) -> Element:
    lengths = _content_lengths(root)
    total = lengths[id(root)]
    if not total:
        return root
    node = root
    while True:
        candidates = [c for c in node.children if isinstance(c, Element) and lengths.get(id(c), 0) >= BODY_SHARE * total]
        if not candidates:
            break
        node = candidates[0]
    while node.tag in ("table", "tbody", "thead", "tfoot", "tr") and node.parent is not None:
        node = node.parent  # a table is rendered whole, from its container
    return node


# --- rendering ------------------------------------------------------------------


def _wide(char: str) -> bool:
    return char >= "\u2e80"


class Builder:
    def __init__(self, inline: bool = False):
        self.chars: list[str] = []
        self.offsets: list[int] = []
        self.inline = inline
        self._space: int | None = None
        self.grids: list[Grid] = []  # each rendered table's grid, offsets into `chars`

    def _line_empty(self) -> bool:
        return not self.chars or self.chars[-1] == "\n"

    def add(self, text: str, offsets: list[int]) -> None:
        for char, offset in zip(text, offsets):
            if char in _WS:
                if self._space is None:
                    self._space = offset
                continue
            if self._space is not None and not self._line_empty() and not (_wide(self.chars[-1]) and _wide(char)):
                self.chars.append(" ")
                self.offsets.append(self._space)
            self._space = None
            self.chars.append(char)
            self.offsets.append(offset)

    def raw(self, text: str, offset: int) -> None:
        self._space = None
        self.chars.extend(text)
        self.offsets.extend([offset] * len(text))

    def newline(self, offset: int, hard: bool = False) -> None:
        if self.inline:
            if self._space is None:
                self._space = offset
            return
        self._space = None
        if self._line_empty() and not (hard and self.chars and (len(self.chars) < 2 or self.chars[-2] != "\n")):
            return
        self.chars.append("\n")
        self.offsets.append(offset)

    def text(self) -> str:
        return "".join(self.chars)


def _span(element: Element, name: str) -> int:
    """A cell's colspan or rowspan, 1 to `grid.MAX_SPAN` (larger ones are no report's table)."""
    try:
        return min(max(int(element.attrs.get(name, "1") or "1"), 1), MAX_SPAN)
    except ValueError:  # not a number, or more digits than int() converts
        return 1


def _rows(table: Element) -> list[Element]:
    rows = []
    for child in table.children:
        if isinstance(child, Element):
            if child.tag == "tr":
                rows.append(child)
            elif child.tag in ("thead", "tbody", "tfoot"):
                rows.extend(c for c in child.children if isinstance(c, Element) and c.tag == "tr")
    return rows


def render_table(table: Element, out: Builder) -> None:
    """Each row a line: a tab, then its cells separated by tabs (a rowspan continuation an empty
    field). The table's `Grid` (`gklint.read.grid`) goes to `out.grids`: each cell once at its
    top-left slot with its spans, blank cells (empty, `&nbsp;`, spaces) kept in their place."""
    out.newline(table.start)
    out.newline(table.start, hard=True)
    rows = _rows(table)
    grid = GridBuilder(len(out.chars))
    pending: dict[tuple[int, int], int] = {}  # (row, column) of a rowspan continuation → its width
    cells_of_row = [[c for c in tr.children if isinstance(c, Element) and c.tag in ("td", "th")] for tr in rows]
    # The table's real size bounds its rowspans: together they continue into at most a few times as
    # many slots as the table has cells (merged labels down the side of a report's table use about
    # as many). Past that a page of large spans rendered an area of empty fields, not its cells.
    continuations_left = CONTINUATIONS_PER_CELL * sum(map(len, cells_of_row))
    for r, tr in enumerate(rows):
        entries: list[tuple[str, list[int], int]] = []
        slots: list[tuple[str | None, int, int]] = []  # the same entries as the grid sees them
        column = 0

        def continuations() -> None:
            nonlocal column
            while (r, column) in pending:
                entries.append(("", [], tr.start))
                width = pending.pop((r, column))
                slots.append((None, 1, width))
                column += width

        for cell in cells_of_row[r]:
            continuations()
            colspan = _span(cell, "colspan")
            rowspan = min(_span(cell, "rowspan"), len(rows) - r, continuations_left + 1)  # stops at the table's end
            continuations_left -= rowspan - 1
            inner = Builder(inline=True)
            render_children(cell, inner)
            entries.append((inner.text(), inner.offsets, cell.start))
            slots.append((inner.text(), rowspan, colspan))
            for below in range(1, rowspan):
                pending[(r + below, column)] = colspan
            column += colspan
        continuations()
        grid.add_row(slots)  # the line it renders is the one below: its offsets are the grid's
        out.raw("\t", tr.start)
        for index, (text, offsets, start) in enumerate(entries):
            if index:
                out.raw("\t", start)
            out.chars.extend(text)
            out.offsets.extend(offsets)
        out.raw("\n", tr.start)
    if rows:
        out.grids.append(_trimmed(grid.grid()))
    out.newline(table.start, hard=True)


def _trimmed(grid: Grid) -> Grid:
    """A cell's text without the spaces around it (`&nbsp;` is one); a blank cell empty, at the
    start of its field."""
    cells = []
    for cell in grid.cells:
        text = cell.text.strip()
        lead = len(cell.text) - len(cell.text.lstrip())
        start = cell.start + lead if text else cell.start
        cells.append(replace(cell, text=text, start=start, end=start + len(text)))
    return replace(grid, cells=tuple(cells))


def _shifted(grid: Grid, shift: int) -> Grid:
    """The grid with its offsets moved by `shift` (the text was cut or prefixed in front)."""
    cells = tuple(replace(cell, start=cell.start + shift, end=cell.end + shift) for cell in grid.cells)
    return replace(grid, cells=cells, start=grid.start + shift, end=grid.end + shift)


def render(element: Element, out: Builder) -> None:
    if element.is_skipped():
        return
    if element.tag == "table" and not out.inline:
        render_table(element, out)
        return
    if element.tag == "br":
        out.newline(element.start, hard=True)
        return
    block = element.tag in BLOCK or element.tag in ("td", "th")
    if block:
        out.newline(element.start)
    render_children(element, out)
    if block:
        out.newline(element.start)


def render_children(element: Element, out: Builder) -> None:
    for child in element.children:
        if isinstance(child, Text):
            out.add(child.text, child.offsets)
        else:
            render(child, out)


def _title_before(root: Element, body: Element) -> Builder | None:
    """The last heading before the body that names a report."""
    found = None
    for element in root.iter():
        if element is body:
            break
        marker = f"{element.attrs.get('id') or ''} {element.attrs.get('class') or ''}"
        if element.tag in ("h1", "h2", "h3") or (marker.strip() and TITLE_RE.search(marker) and not element.is_skipped()):
            out = Builder(inline=True)
            render_children(element, out)
            if "报告" in out.text() and len(out.text()) <= 80:
                found = out
    return found


def extract(source: str) -> tuple[str, list[int]]:
    """The report text of an HTML page, and the source offset of each character (+ one for the end)."""
    text, offsets, _grids = extract_with_grids(source)
    return text, offsets


def parseable_end(source: str) -> int:
    """Where html.parser stops reading: at the first `<!--` that no `-->` follows (a comment to the
    end of the file, as browsers read it) or at the first `<` after the last `>` (a tag left
    unfinished, which browsers drop). For each such construct html.parser searches the rest of
    the text for its end and then moves on by a few characters: quadratic in the tail's length."""
    end = len(source)
    unfinished_tag = source.find("<", source.rfind(">") + 1)
    if unfinished_tag >= 0:
        end = unfinished_tag
    last_comment_end = source.rfind("-->")
    unclosed_comment = source.find("<!--", last_comment_end + 3 if last_comment_end >= 0 else 0)
    if 0 <= unclosed_comment < end:
        end = unclosed_comment
    return end


def extract_with_grids(source: str) -> tuple[str, list[int], list[Grid]]:
    """`extract`, and each table's grid with offsets into the text."""
    builder = TreeBuilder(source)
    builder.feed(source[: parseable_end(source)])
    builder.close()
    body = find_body(builder.root)
    out = Builder()
    render(body, out)
    prefixed = 0  # characters put in front of the rendered body (the title)
    head = "".join(out.chars).lstrip("\n").split("\n", 4)
    if not any("报告" in line and len(line.strip()) <= 60 and "。" not in line for line in head[:4]):  # no title line
        title = _title_before(builder.root, body)
        if title is None and builder.title is not None:
            title = Builder(inline=True)
            render_children(builder.title, title)
            parts = [p for p in re.split(r"[_|｜\-—–]", title.text()) if "报告" in p]
            title = _trim_title(title, parts[0]) if parts else None
        if title is not None and title.chars:
            out.chars[:0] = title.chars + ["\n"]
            out.offsets[:0] = title.offsets + [title.offsets[-1]]
            prefixed = len(title.chars) + 1
    text = "".join(out.chars).strip("\n")
    lead = len("".join(out.chars)) - len("".join(out.chars).lstrip("\n"))
    offsets = out.offsets[lead : lead + len(text)]
    text += "\n"
    offsets.append(offsets[-1] if offsets else 0)
    offsets.append(len(source))
    return text, offsets, [_shifted(grid, prefixed - lead) for grid in out.grids]


def _trim_title(title: Builder, part: str) -> Builder:
    text = title.text()
    start = text.find(part)
    trimmed = Builder(inline=True)
    stripped = part.strip()
    start += len(part) - len(part.lstrip())
    trimmed.chars = list(stripped)
    trimmed.offsets = title.offsets[start : start + len(stripped)]
    return trimmed


# --- decoding -------------------------------------------------------------------


def decode_html(data: bytes) -> tuple[str, str]:
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), "utf-16"
    if _looks_binary(data):
        raise ReadError("文件是二进制文件，不是 HTML", "the file is binary, not HTML")
    declared = None
    match = _CHARSET_RE.search(data[:4096])
    if match:
        declared = match.group(1).decode("ascii").lower()
        if declared in ("gb2312", "gbk", "gb_2312-80", "x-gbk", "cp936"):
            declared = "gb18030"
    for encoding in [e for e in (declared, "utf-8", "gb18030") if e]:
        try:
            return data.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError):
            continue
    raise ReadError(
        "无法识别网页编码（已尝试 charset 声明、UTF-8、GB18030）", "unknown encoding of the page (tried its charset, UTF-8, GB18030)"
    )


class HtmlReader:
    """Report pages as published on portals; standard library only."""

    name = "html"
    suffixes = (".html", ".htm", ".shtml", ".xhtml")

    def read(self, path: Path, data: bytes) -> SourceText:
        source, encoding = decode_html(data)
        text, offsets, grids = extract_with_grids(source)
        return SourceText(text, encoding, "html", origins=OffsetOrigins(offsets, source), grids=tuple(grids))
