"""The Markdown block structure the parser needs in a .md report (CommonMark, read line by line).

- ATX headings: `#`…`######` after at most 3 spaces, then a space (or the end); an optional
  closing run of `#`s after a space. `#一、总体情况` (no space) is taken too when a numbering
  follows the `#`s: converters write it, and the section is plainly there.
- Setext headings: a paragraph line underlined with `===` or `---`. A `---` after a blank line,
  a table row, a heading or a list item is a thematic break (CommonMark), not an underline.
- Emphasis around a line's text (`**一、总体情况**`, `__（一）主动公开__`): the delimiters are markup.

What the parser gets (`Structure`): for each line whose text is not the whole stripped line, the
span of its text (`spans`: after the `## ` and `**`, before a closing `##` or `**`); the lines that
hold no text at all (`markup`: underlines, thematic breaks, empty ATX headings); and each setext
heading's underline. Offsets are into the report text, so fixes edit the text and keep the markers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gklint.core.numbering import parse_numbering
from gklint.model.report import LINE_SPACES, Line

_ATX_OPEN_RE = re.compile(r" {0,3}(#{1,6})")
_ATX_CLOSE_RE = re.compile(r"(?:^|[ \t])#+[ \t]*$")
_SETEXT_RE = re.compile(r" {0,3}(?:=+|-+)[ \t]*$")
_THEMATIC_RE = re.compile(r" {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
_LIST_ITEM_RE = re.compile(r" {0,3}(?:[-+*]|[0-9]{1,9}[.)])(?:[ \t]|$)")
_EMPHASIS = "*_"


@dataclass
class Structure:
    spans: dict[int, tuple[int, int]] = field(default_factory=dict)  # line number → text (start, end)
    markup: set[int] = field(default_factory=set)  # line numbers of lines that are markup only
    underlines: dict[int, Line] = field(default_factory=dict)  # setext heading line number → underline

    def content(self, line: Line) -> tuple[int, int]:
        """Offsets of the line's text: its span, else the line without surrounding spaces."""
        span = self.spans.get(line.number)
        if span is not None:
            return span
        lead = len(line.text) - len(line.text.lstrip(LINE_SPACES))
        return line.start + lead, line.start + len(line.text.rstrip(LINE_SPACES))

    def title_span(self, line: Line, title_start: int) -> tuple[int, int]:
        """A heading's title after its numbering (`title_start`): emphasis delimiters and spaces
        left out at both ends (`一、**总体情况**`, `**一、**总体情况`)."""
        end = self.content(line)[1]
        text = line.text
        first, last = title_start - line.start, end - line.start
        while first < last and (text[first] in _EMPHASIS or text[first] in LINE_SPACES):
            first += 1
        while last > first and (text[last - 1] in _EMPHASIS or text[last - 1] in LINE_SPACES):
            last -= 1
        return line.start + first, line.start + last


def _is_cell_or_html(line: Line) -> bool:
    """Table rows (tab-prefixed Word cells, pipe rows) and HTML comments: never paragraph text."""
    stripped = line.stripped
    return line.text[:1] == "\t" or stripped[:1] == "|" or stripped[-1:] == "|" or stripped.startswith("<!--") or stripped.endswith("-->")


def _atx_text(text: str) -> tuple[int, int] | None:
    """(start, end) of an ATX heading's text in the line; None when the line is no ATX heading."""
    match = _ATX_OPEN_RE.match(text)
    if match is None:
        return None
    start = match.end()
    if start < len(text) and text[start] not in " \t":
        if text[start] == "#" or parse_numbering(text[start:], 0) is None:
            return None  # `#话题`, seven #s: text, as CommonMark reads it
    end = len(text)
    closing = _ATX_CLOSE_RE.search(text, start)
    if closing is not None:
        end = closing.start()
    while start < end and text[start] in LINE_SPACES:
        start += 1
    while end > start and text[end - 1] in LINE_SPACES:
        end -= 1
    return start, end


def _without_emphasis(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without an emphasis run that opens it (followed by text, as CommonMark's left-flanking
    delimiter) or closes it (preceded by text); `* 项目` is a list bullet and stays."""
    lead = start
    while lead < end and text[lead] in _EMPHASIS and lead - start < 3:
        lead += 1
    if lead > start and lead < end and text[lead] not in LINE_SPACES:
        start = lead
    trail = end
    while trail > start and text[trail - 1] in _EMPHASIS and end - trail < 3:
        trail -= 1
    if trail < end and trail > start and text[trail - 1] not in LINE_SPACES:
        end = trail
    return start, end


def scan(lines: list[Line]) -> Structure:
    structure = Structure()
    paragraph: Line | None = None  # the last line of the open paragraph
    in_list_item = False  # the open paragraph is a list item's: `---` under it is a break

    def text_span(line: Line, start: int, end: int) -> None:
        start, end = _without_emphasis(line.text, start, end)
        if start >= end:
            structure.markup.add(line.number)
        elif (start, end) != (len(line.text) - len(line.text.lstrip(LINE_SPACES)), len(line.text.rstrip(LINE_SPACES))):
            structure.spans[line.number] = (line.start + start, line.start + end)

    for line in lines:
        text = line.text
        if not line.stripped or _is_cell_or_html(line):
            paragraph = None
            continue
        if paragraph is not None and not in_list_item and _SETEXT_RE.match(text):
            structure.underlines[paragraph.number] = line
            structure.markup.add(line.number)
            paragraph = None
            continue
        if _THEMATIC_RE.match(text):
            structure.markup.add(line.number)
            paragraph = None
            continue
        atx = _atx_text(text)
        if atx is not None:
            text_span(line, *atx)
            paragraph = None
            continue
        if paragraph is None:
            in_list_item = _LIST_ITEM_RE.match(text) is not None
        paragraph = line
        text_span(line, len(text) - len(text.lstrip(LINE_SPACES)), len(text.rstrip(LINE_SPACES)))
    return structure
