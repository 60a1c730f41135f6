"""Flattened text: a report saved from a web page with its headings inside very long lines.

A crawler keeps a page's text, not its layout: the whole report on one or a few lines, the
section headings inside the running text (「…联系。 一、总体情况 2022年，…」) and the table rows
run together (「…数量 713000074二、上年结转…」). Read as it is, no line starts with a heading.

`unflatten(source, finder)` gives such a text (two or more section headings inside its lines)
virtual lines: a line break is inserted before each section heading and after its title, before
each sub-heading of the overview and each table row label, around the report's title and before
the page's own words after the last section (分享到, 【打印本页】); `SourceText.origins` (an
`InsertedBreaks`) maps every character of the rendered text back to the file, so a finding points
at its line and column in the long line. Nothing else is changed: the rendered text is the file's text plus newlines, so
a fix translates back to the file exactly (`InsertedBreaks.source_edits`).

What is a heading is decided by the template (`HeadingFinder`: the section titles, the table
row labels), never by a bare 一、: a section heading follows 。 ， ） ； or a space (or starts a
line) and names its section; a table row label is one of the template's labels, looked for only
inside the section of its table.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace
from typing import Callable, Iterable

from gklint.read import HEADING_INSIDE_RE
from gklint.read.crawl_header import body_start
from gklint.read.origins import OffsetOrigins
from gklint.read.source import SourceText

MIN_SECTIONS = 2  # section headings inside lines (not at their start) that make a text a flattened page
# Code points: the overview's sub-headings （一）… are looked for inside lines this long only (a
# report's paragraphs are rarely longer; a page's text run together is: pingtan's line is 10,000).
LONG_LINE = 200
MAX_TITLE = 40  # code points of a section title looked at after its numeral
MIN_INLINE_RATIO = 0.75  # a heading inside a line must name its section closely (or hold a core phrase)
ARABIC_INLINE_RATIO = 0.9  # 2、, or a heading right after a digit: more closely still (no core phrase)
MAX_SUBHEADING_TITLE = 24  # （一）主动公开方面 ends at a space within this many code points

# What may stand before a heading inside a line: the end of a sentence or clause, a closing
# bracket, a space (what a crawler left of a paragraph break).
HEADING_BOUNDARY = "。，,）)；;：:！？!? \t\u00a0\u3000"
# 一、 and the 2、 some drafts wrongly write; its title must then name section 2 as closely.
_HEADING_RE = re.compile("[一二三四五六1-6][、.．]")
_NUMERALS = "一二三四五六"
# A title followed by one of these is an item of a list of the parts (「全文包括：一、总体情况；二、…」).
_LIST_PUNCTUATION = "；;，,、。"
_SUBHEADING_RE = re.compile("（[一二三四五六七八九十]{1,2}）")
_SPACES = " \t\u00a0\u3000"
SUBHEADING_SECTIONS = (1, 5, 6)  # the narrative sections: （一） in 二 to 四 is a table row


@dataclass(frozen=True)
class HeadingFinder:
    """What the template knows, handed over by the engine (this package parses nothing itself).

    `section_score(title, number, floor)`: how closely a title names section `number`: (similarity 0 to 1,
    1 for the template's wording or a listed variant; whether it holds a core phrase); a similarity
    that cannot beat `floor` may be given as 0 — `parser.section_score`.
    `table_labels`: for sections 二, 三 (and any other), the row labels and block headings of its table.
    """

    section_score: Callable[[str, int, float], tuple[float, bool]]
    # Whether a title's first characters can begin a wording of section `number` (a cheap test
    # before the extents are scored: 「1、加强组织领导」 cannot name section 1) — `parser.section_may_open`.
    may_open: Callable[[str, int], bool]
    table_labels: dict[int, tuple[str, ...]]
    table_headers: dict[int, tuple[str, ...]] = field(default_factory=dict)  # words a table starts with
    navigation: tuple[str, ...] = ()  # a page's own words (分享到, 打印本页…): after the last section, each its own line
    # The page's date fields (发布时间, 发布日期…: law.yaml's metadata keys): before the first section,
    # each starts a line, read as the publication date (`period.find_publication_dates`)
    date_keys: tuple[str, ...] = ()


@dataclass(frozen=True)
class Break:
    offset: int  # in the original text: a newline goes just before this character
    why: str  # "section", "title-end", "subheading", "row", "title", "page-date", "navigation"


# --- finding the breaks ---------------------------------------------------------------


def is_flattened(text: str, finder: HeadingFinder) -> bool:
    """At least MIN_SECTIONS section headings sit inside lines (not at their start). Only lines with
    a numeral after other text are looked at, and only their headings inside the line are scored."""
    inside = 0
    for line in text.splitlines():
        if HEADING_INSIDE_RE.search(line):
            inside += len(_section_headings(line, 0, finder, inside_only=True))
            if inside >= MIN_SECTIONS:
                return True
    return False


def _all_headings(text: str, finder: HeadingFinder) -> list[tuple[int, int, int]]:
    """(start, title end, section number) of every section heading, at a line start or inside a line."""
    headings: list[tuple[int, int, int]] = []
    position = 0
    for line in text.splitlines(keepends=True):
        headings.extend(_section_headings(line.rstrip("\r\n"), position, finder))
        position += len(line)
    return headings


def _at_boundary(text: str, index: int) -> bool:
    return index == 0 or text[index - 1] in HEADING_BOUNDARY


def _section_headings(line: str, base: int, finder: HeadingFinder, inside_only: bool = False) -> list[tuple[int, int, int]]:
    """(start, title end, section number) of each section heading in a line (`inside_only`: not
    at its start); offsets + base."""
    found = []
    for match in _HEADING_RE.finditer(line):
        numeral = match.group()[0]
        after_digit = match.start() > 0 and line[match.start() - 1].isdigit() and not numeral.isdigit()
        if not (_at_boundary(line, match.start()) or after_digit) or (numeral.isdigit() and match.group()[1] != "、"):
            continue
        if inside_only and not any(char.isalnum() for char in line[: match.start()]):
            continue  # at the line's start, or after markup only (「## 一、总体情况」 is Markdown's, not a page's)
        number = int(numeral) if numeral.isdigit() else _NUMERALS.index(numeral) + 1
        title_start = _after_spaces(line, match.end())
        if not finder.may_open(line[title_start : title_start + 4], number):
            continue
        # After a table's last value (「…9116.36三、收到和处理…」) only a title very close to the
        # template's is a heading: 「723000075四、结转下年度继续办理」 is table 三's last row, not section 四.
        threshold = ARABIC_INLINE_RATIO if after_digit or numeral.isdigit() else MIN_INLINE_RATIO
        end = _title_end(line, title_start, number, finder, threshold)
        if end is not None and not _is_list_item(line, end):
            found.append((base + match.start(), base + end, number))
    return found


def _is_list_item(line: str, title_end: int) -> bool:
    """The title is followed by 「；」「，」「、」「。」: an item of the preamble's list of parts."""
    after = _after_spaces(line, title_end)
    return after < len(line) and line[after] in _LIST_PUNCTUATION


def _title_end(line: str, title_start: int, number: int, finder: HeadingFinder, threshold: float) -> int | None:
    """Where the title of section `number` ends: the extent that names it best (shortest on a tie),
    None if none names it closely enough. The title runs straight into the body text in a flat page
    (「二、主动公开政府信息情况第二十条…」), so every extent up to MAX_TITLE is tried."""
    best_score, best_end, best_core = 0.0, None, False
    limit = min(len(line), title_start + MAX_TITLE)
    for end in range(title_start + 2, limit + 1):
        if line[end - 1] in "。\r\n":
            break
        score, core = finder.section_score(line[title_start:end], number, best_score)
        if score > best_score:
            best_score, best_end, best_core = score, end, core
        if best_score >= 1.0:
            break  # the template's wording: a longer extent is no better
    if best_end is None or (best_score < threshold and not (best_core and threshold == MIN_INLINE_RATIO)):
        return None
    return best_end


def _after_spaces(text: str, index: int) -> int:
    while index < len(text) and text[index] in _SPACES:
        index += 1
    return index


def _subheadings(line: str, base: int) -> list[tuple[int, int]]:
    """（一）主动公开方面 at a boundary, its short title ended by a space: (start, body start) + base."""
    found = []
    for match in _SUBHEADING_RE.finditer(line):
        if not _at_boundary(line, match.start()):
            continue
        window = line[match.end() : match.end() + MAX_SUBHEADING_TITLE + 1]
        space = next((i for i, c in enumerate(window) if c in _SPACES), None)
        if space and not any(c in "。，,；;" for c in window[:space]):
            found.append((base + match.start(), base + _after_spaces(line, match.end() + space)))
    return found


_COUNT_IN_SENTENCE_RE = re.compile(f"[{_SPACES}]*[0-9]+[{_SPACES}]*[件条个项次人家篇]")


def _label_pattern(label: str) -> str:
    """A template label as a pattern: brackets of either width, 1. 1． 1、 alike, spaces after the numbering."""
    out = []
    for char in label:
        if char in "（(":
            out.append("[（(]")
        elif char in "）)":
            out.append("[）)]")
        elif char in ".．、":
            out.append(f"[.．、][{_SPACES}]*")
        else:
            out.append(re.escape(char))
    return "".join(out)


def _row_labels(text: str, start: int, end: int, labels: Iterable[str], headers: Iterable[str] = ()) -> list[int]:
    """Offsets of the template's row labels in a section's table: from its first header word
    (第二十条, 申请人情况…) when there is one, to `end`; the longest label wins where two overlap
    (行政规范性文件 over 规范性文件). A label whose number has a unit after it (「规章3件」) is a
    sentence's, not a row's."""
    ordered = sorted(set(labels), key=len, reverse=True)
    if not ordered:
        return []
    first_header = min((i for i in (text.find(h, start, end) for h in headers) if i >= 0), default=start)
    pattern = re.compile("|".join(_label_pattern(label) for label in ordered))
    return [m.start() for m in pattern.finditer(text, first_header, end) if not _COUNT_IN_SENTENCE_RE.match(text, m.end())]


def find_breaks(text: str, finder: HeadingFinder) -> list[Break]:
    """Where the virtual lines begin, in the original text (sorted, no duplicates, never at a line edge)."""
    headings = _all_headings(text, finder)
    subheadings: list[tuple[int, int]] = []
    position = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        if len(body) > LONG_LINE:
            subheadings.extend(_subheadings(body, position))
        position += len(line)
    headings = _in_order(headings)
    breaks: dict[int, str] = {}
    for index, (start, title_end, number) in enumerate(headings):
        breaks[start] = "section"
        breaks.setdefault(_after_spaces(text, title_end), "title-end")
        region_end = headings[index + 1][0] if index + 1 < len(headings) else len(text)
        labels, headers = finder.table_labels.get(number, ()), finder.table_headers.get(number, ())
        for offset in _row_labels(text, title_end, region_end, labels, headers):
            breaks.setdefault(offset, "row")
    for start, text_start in subheadings:  # the overview's aspects, and sub-headings of 五 and 六
        if _section_at(headings, start) in SUBHEADING_SECTIONS:
            breaks.setdefault(start, "subheading")
            breaks.setdefault(text_start, "title-end")
    if headings:
        for offset in _title(text, body_start(text), headings[0][0]):
            breaks.setdefault(offset, "title")
        for offset in _page_dates(text, body_start(text), headings[0][0], finder.date_keys):
            breaks.setdefault(offset, "page-date")
        for offset in _navigation(text, headings[-1][1], finder.navigation):
            breaks.setdefault(offset, "navigation")
    return [Break(offset, why) for offset, why in sorted(breaks.items()) if not _at_line_edge(text, offset)]


_YEAR = "(?:(?:19|20)[0-9]{2}|[〇○零一二三四五六七八九]{4})"
_TITLE_CHARS = "[^\\s。，,；;：:！？]"
# The report's title at the top of the run-together text: a year, ending in 报告, followed by a
# space or the preamble's first words (「…年度报告 本报告根据…」, 「…年度报告本报告根据…」).
_TITLE_RE = re.compile(
    rf"(?:(?<=[\s。，,）)；;：:>】])|^)(?P<title>{_TITLE_CHARS}{{0,30}}?[ \u3000]?{_YEAR}[ \u3000]?年度?{_TITLE_CHARS}{{0,30}}?报告)"
    r"(?=\s|本报告|根据|按照|依据|为|$)",
    re.MULTILINE,
)


def _title(text: str, start: int, first_heading: int) -> list[int]:
    """Breaks around the title, the first one between the start of the report's text (after a
    crawler's header) and the first section heading: site navigation in front of it, the preamble after it."""
    match = _TITLE_RE.search(text, start, first_heading)
    if match is None:
        return []
    return [match.start("title"), _after_spaces(text, match.end("title"))]


def _page_dates(text: str, start: int, end: int, keys: tuple[str, ...]) -> list[int]:
    """The page's 「发布时间：2023-02-20」 before the report's first section, at a boundary."""
    if not keys:
        return []
    pattern = re.compile(f"(?:{'|'.join(map(re.escape, keys))})[{_SPACES}]*[:：][{_SPACES}]*[0-9]")
    return [m.start() for m in pattern.finditer(text, start, end) if _at_boundary(text, m.start())]


def _navigation(text: str, after: int, words: tuple[str, ...]) -> list[int]:
    """The page's own words after the last section's title, at a boundary: each starts a line
    (GK605 then sees them as what they are)."""
    if not words:
        return []
    pattern = re.compile("|".join(re.escape(word) for word in sorted(words, key=len, reverse=True)))
    found = []
    for match in pattern.finditer(text, after):
        start = match.start()
        if start > 0 and text[start - 1] == "【":
            start -= 1
        if _at_boundary(text, start) or text[start - 1] in "】]":
            found.append(start)
    return found


def _in_order(headings: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """The headings as a report orders them: a numeral seen again or going back is not a heading
    (a table row 「四、结转下年度继续办理」 after 三 is read by its table, not as section 四)."""
    kept: list[tuple[int, int, int]] = []
    for heading in sorted(headings):
        if not kept or heading[2] > kept[-1][2]:
            kept.append(heading)
    return kept


def _section_at(headings: list[tuple[int, int, int]], offset: int) -> int:
    index = bisect.bisect_right([h[0] for h in headings], offset) - 1
    return headings[index][2] if index >= 0 else 0


def _at_line_edge(text: str, offset: int) -> bool:
    """A break here would make an empty line: at the start of the text or of a line, or at its end."""
    if offset <= 0 or offset >= len(text) or text[offset] in "\r\n":
        return True
    line_start = max(text.rfind("\n", 0, offset), text.rfind("\r", 0, offset)) + 1
    return not text[line_start:offset].strip(_SPACES)


# --- rendering ------------------------------------------------------------------------


class InsertedBreaks(OffsetOrigins):
    """The rendered text is the file's text with newlines inserted at `breaks` (original offsets).

    Each rendered character maps to its own place in the file; an inserted newline maps to the
    character it stands before. Positions are the file's lines and columns. Unlike other converted
    inputs, fixes can be written back: `source_edits` translates a rendered edit to the file.
    """

    writes_back = True

    def __init__(self, original: SourceText, breaks: list[int]):
        self.original = original  # the file as read
        self.breaks = breaks  # original offsets, ascending
        # rendered index of each inserted newline
        self.inserted = [offset + index for index, offset in enumerate(breaks)]
        offsets = []
        previous = 0
        for offset in breaks:
            offsets.extend(range(previous, offset))
            offsets.append(offset)  # the newline stands before this character
            previous = offset
        offsets.extend(range(previous, len(original.text) + 1))
        super().__init__(offsets, original.text)

    def to_source(self, offset: int) -> int:
        """A rendered offset (a position between characters) → the file's offset."""
        return offset - bisect.bisect_left(self.inserted, offset)

    def source_edits(self, edits) -> list | None:
        """Rendered edits as edits of the file; None when one would need an inserted newline kept
        (a replacement across a virtual line break): such a fix is not applied."""
        translated = []
        for edit in edits:
            crossed = bisect.bisect_left(self.inserted, edit.end) - bisect.bisect_left(self.inserted, edit.start)
            if crossed and edit.replacement:
                return None
            translated.append(replace(edit, start=self.to_source(edit.start), end=self.to_source(edit.end)))
        return translated


def render(source: SourceText, breaks: list[Break]) -> SourceText:
    """The text with a newline before each break; origins map it back."""
    pieces, previous = [], 0
    for brk in breaks:
        pieces.append(source.text[previous : brk.offset])
        pieces.append("\n")  # one character, whatever the file's line ends: never written back
        previous = brk.offset
    pieces.append(source.text[previous:])
    origins = InsertedBreaks(source, [b.offset for b in breaks])
    return SourceText("".join(pieces), source.encoding, source.kind, origins=origins)


def unflatten(source: SourceText, finder: HeadingFinder) -> SourceText:
    """`source` with virtual lines when it is a flattened page, else `source` itself."""
    if source.origins is not None or not is_flattened(source.text, finder):
        return source
    breaks = find_breaks(source.text, finder)
    return render(source, breaks) if breaks else source
