"""Parse once: SourceText → Report (lines, title, metadata, sections, sub-headings, paragraphs).

Tables are read afterwards by `gklint.facts.tables` into `Report.tables`.
"""

from __future__ import annotations

import bisect
import difflib
import functools
import itertools
import re
from pathlib import Path
from typing import TYPE_CHECKING

from gklint.core import numbering as nb
from gklint.core.template import SectionSpec, Template, TemplateSet, section_keys
from gklint.core.text import cn_digit_string_to_int, label_key, strip_spaces
from gklint.model.report import LINE_SPACES, Heading, Line, MetadataField, OffsetMap, Paragraph, Report, Section, Title
from gklint.read.source import SourceText

if TYPE_CHECKING:
    from gklint.model.markdown import Structure

_LINE_RE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)?")
PAGE_MARKER_RE = re.compile(r"^[ \t\u3000]*[-—–－]{1,2}[ \t\u3000]*(\d{1,3})[ \t\u3000]*[-—–－]{1,2}[ \t\u3000]*$")
_YEAR_RE = re.compile(r"((?:19|20)\d{2})\s*年")
_CN_YEAR_RE = re.compile(r"([〇○零一二三四五六七八九]{4})\s*年")
_TERMINAL = "。！？；：!?;:…”」』）)"
_TABLE_ROW_RE = re.compile(r"[0-9][ \t\u3000]+[-+]?[0-9]")
_NON_CJK_RE = re.compile("[^\u4e00-\u9fff]+")
_META_KEY_RE = re.compile(r"^\s*([^|:：]{1,12})[:：]\s*$")

# Fuzzy match thresholds for a heading's title against a section's wording.
CN_HEADING_RATIO = 0.6
ARABIC_HEADING_RATIO = 0.9


# Line boundaries str.splitlines knows besides \r and \n: with none of them, it splits as _LINE_RE.
_OTHER_BREAKS_RE = re.compile("[\v\f\x1c\x1d\x1e\x85\u2028\u2029]")


def split_lines(text: str) -> list[Line]:
    if _OTHER_BREAKS_RE.search(text) is None:
        raws = text.splitlines(keepends=True)  # never an empty one
        contents = text.splitlines()  # the same lines without their endings
        starts = itertools.accumulate(map(len, raws), initial=0)
        # Line.__init__ inlined (hundreds of lines a report): the same fields, written directly.
        new = object.__new__
        lines = [new(Line) for _ in contents]
        for line, number, start, content in zip(lines, itertools.count(1), starts, contents):
            fields = line.__dict__
            fields["number"] = number
            fields["start"] = start
            fields["end"] = start + len(content)
            fields["text"] = content
            fields["stripped"] = content.strip(LINE_SPACES)
        return lines or [Line(1, 0, 0, "")]
    lines: list[Line] = []
    position = 0
    for number, match in enumerate(_LINE_RE.finditer(text), start=1):
        raw = match.group()
        if not raw:
            break
        content = raw.rstrip("\r\n")
        lines.append(Line(number, position, position + len(content), content))
        position += len(raw)
    if not lines:
        lines.append(Line(1, 0, 0, ""))
    return lines


_PAGE_DASH_RE = re.compile("[-—–－]")  # every page marker has one


def _page_markers(text: str, lines: list[Line]) -> list[Line]:
    """The lines PAGE_MARKER_RE matches, looked for only on lines with a dash."""
    dashes = [m.start() for m in _PAGE_DASH_RE.finditer(text)]
    if not dashes:
        return []
    starts = [l.start for l in lines]
    candidates = sorted({bisect.bisect_right(starts, position) - 1 for position in dashes})
    return [lines[i] for i in candidates if i >= 0 and PAGE_MARKER_RE.match(lines[i].text)]


def _is_table_fragment(line: Line) -> bool:
    """Cell lines of exported tables: tab-prefixed (Word) or pipe fragments/Markdown rows."""
    stripped = line.stripped
    return line.text[:1] == "\t" or stripped[:1] == "|" or stripped[-1:] == "|"


def find_year(text: str) -> int | None:
    compact = strip_spaces(text)
    match = _YEAR_RE.search(compact)
    if match:
        return int(match.group(1))
    match = _CN_YEAR_RE.search(compact)
    if match:
        return cn_digit_string_to_int(match.group(1))
    return None


def _metadata(lines: list[Line], header=None) -> dict[str, MetadataField]:
    """Portal metadata blocks: `| 标题: | … | 发文日期: | 2021-01-30 |` in the first lines, and a
    crawler's header (`标题: …` lines up to a 正文 rule, `gklint.read.crawl_header`)."""
    fields: dict[str, MetadataField] = {}
    for item in header.fields if header else ():
        if item.value:
            fields.setdefault(label_key(item.key), MetadataField(item.key, item.value, item.value_start))
    for line in lines[:40]:
        if "|" not in line.text:
            continue
        cells = []
        position = line.start
        for part in line.text.split("|"):
            cells.append((part, position))
            position += len(part) + 1
        for (key, _), (value, value_start) in zip(cells, cells[1:]):
            match = _META_KEY_RE.match(key)
            if match and value.strip():
                lead = len(value) - len(value.lstrip())
                fields[label_key(match.group(1))] = MetadataField(match.group(1).strip(), value.strip(), value_start + lead)
    return fields


@functools.lru_cache(maxsize=8192)
def _best_section(key: str, sections: tuple[SectionSpec, ...]) -> tuple[float, int, bool]:
    """(score, section number, exact) of the section wording closest to a title key (cached:
    the same headings recur in every report)."""
    best = (0.0, 0, False)
    for number, exact_keys, core_keys in section_keys(sections):
        if key == exact_keys[0]:
            return (1.0, number, True)
        if key in exact_keys or any(core in key for core in core_keys):
            score = 1.0
        else:
            score = 0.0
            for candidate in exact_keys:
                matcher = difflib.SequenceMatcher(None, key, candidate, autojunk=False)
                if matcher.real_quick_ratio() > score and matcher.quick_ratio() > score:
                    score = max(score, matcher.ratio())
        if score > best[0]:
            best = (score, number, False)
    return best


def match_section(title: str, template: Template, numbering: nb.Numbering | None = None) -> tuple[SectionSpec, bool] | None:
    """The section a heading title names, and whether its wording is exact; None if none.

    Exact wordings, accepted variants and core phrases match whatever the numeral; a fuzzy
    match needs a Chinese numeral that agrees with the section, or a much closer wording.
    """
    key = label_key(title)
    if not key or len(key) > 40:
        return None
    score, number, exact = _best_section(key, template.sections)
    if not number:
        return None
    agrees = numbering is not None and numbering.style == nb.CN and numbering.value == number
    threshold = CN_HEADING_RATIO if agrees else ARABIC_HEADING_RATIO
    if score >= threshold:
        return template.section(number), exact
    return None


def section_score(title: str, number: int, template: Template, floor: float = 0.0) -> tuple[float, bool]:
    """How closely a title names section `number`: the similarity of its key to the template's
    wording or a variant (1.0 for one of them), and whether it holds a core phrase. For headings
    found inside a line (`gklint.read.flattened`), where the title's end must be found too.
    A similarity that cannot beat `floor` is not computed (0.0 is given)."""
    key = label_key(title)
    if not key or len(key) > 40:
        return 0.0, False
    _number, exact_keys, core_keys = section_keys(template.sections)[number - 1]
    if key in exact_keys:
        return 1.0, True
    score = 0.0
    for candidate in exact_keys:
        matcher = difflib.SequenceMatcher(None, key, candidate, autojunk=False)
        bound = max(score, floor)
        if matcher.real_quick_ratio() > bound and matcher.quick_ratio() > bound:
            score = max(score, matcher.ratio())
    return score, any(core in key for core in core_keys)


def section_may_open(head: str, number: int, template: Template) -> bool:
    """Whether a title starting with `head` can name section `number`: its first two key
    characters occur in one of the section's wordings or core phrases."""
    key = label_key(head)[:2]
    if len(key) < 2:
        return False
    _number, exact_keys, core_keys = section_keys(template.sections)[number - 1]
    return any(key in candidate for candidate in (*exact_keys, *core_keys))


def heading_finder(templates: TemplateSet):
    """What `gklint.read.flattened` needs of the templates: section titles and table row labels."""
    from gklint.core.template import law
    from gklint.read.flattened import HeadingFinder

    probe = templates.templates[-1]
    labels: dict[int, set[str]] = {2: set(), 3: set()}
    for template in templates.templates:
        for block in template.data.get("active_disclosure", {}).get("blocks", []):
            labels[2].add(block["heading"])
            labels[2].update(row["label"] for row in block.get("rows", []))
        for row in template.data.get("applications", {}).get("rows", []):
            labels[3].add(row["label"])
            labels[3].update(row.get("aliases", []))
    headers = probe.data.get("table_headers", {})
    return HeadingFinder(
        section_score=lambda title, number, floor=0.0: section_score(title, number, probe, floor),
        may_open=lambda head, number: section_may_open(head, number, probe),
        table_labels={number: tuple(sorted(found)) for number, found in labels.items()},
        table_headers={2: tuple(headers.get("active_disclosure", ())), 3: tuple(headers.get("applications", ()))},
        navigation=tuple(probe.data.get("site_navigation", ())),
        date_keys=tuple(law()["publication"]["metadata_keys"]),
    )


def _heading(line: Line, numbering: nb.Numbering, section: int, markdown: Structure | None) -> Heading:
    """A numbered line as a Heading; in Markdown its title leaves out the markers around it."""
    if markdown is None:
        return Heading(line, numbering, line.text[numbering.title_start - line.start :].strip(), numbering.title_start, section, line.end)
    start, end = markdown.title_span(line, numbering.title_start)
    title = line.text[start - line.start : end - line.start]
    return Heading(line, numbering, title, start, section, end, markdown.underlines.get(line.number))


def _choose_section_headings(
    numbered, duplicates: list[Heading], markdown: Structure | None = None
) -> list[tuple[Heading, SectionSpec, bool]]:
    """One heading per section: the best candidate wins; a second 「N、title」 with the right
    numeral is a duplicate (GK102); weaker candidates stay sub-headings."""

    def strength(candidate) -> tuple:
        line, numbering, spec, exact = candidate
        agrees = numbering.style == nb.CN and numbering.value == spec.number
        return (agrees, exact, -line.number)

    by_number: dict[int, list] = {}
    for candidate in numbered:
        if candidate[2] is not None:
            by_number.setdefault(candidate[2].number, []).append(candidate)
    chosen = []
    for number, candidates in by_number.items():
        best = max(candidates, key=strength)
        chosen.append(best)
        for other in candidates:
            line, numbering, spec, _exact = other
            if other is not best and numbering.style == nb.CN and numbering.value == number:
                duplicates.append(_heading(line, numbering, number, markdown))
    chosen.sort(key=lambda c: c[0].number)
    duplicates.sort(key=lambda h: h.line.number)
    return [(_heading(line, numbering, spec.number, markdown), spec, exact) for line, numbering, spec, exact in chosen]


def _crawl_header(lines: list[Line]):
    from gklint.read.crawl_header import find_crawl_header

    return find_crawl_header(lines)


def _text_of(line: Line, markdown: Structure | None) -> str:
    """The line's text without surrounding spaces (and in Markdown without its markers)."""
    if markdown is None:
        return line.stripped
    start, end = markdown.content(line)
    return line.text[start - line.start : end - line.start]


def _title(
    lines: list[Line], first_section_line: int, markdown: Structure | None = None, header=None, navigation: tuple[str, ...] = ()
) -> Title | None:
    """The title: a line naming a report near the top (after a crawler's header), else the header's 标题."""
    skipped = header.last_line if header else 0
    limit = min(first_section_line - 1, 15 + skipped) if first_section_line else 15 + skipped
    candidates = [l for l in lines[skipped:limit] if not l.is_blank and "|" not in l.text]
    if markdown is not None:
        candidates = [l for l in candidates if l.number not in markdown.markup]
    return _title_line(candidates, markdown, navigation) or _header_title(lines, header)


def _header_title(lines: list[Line], header) -> Title | None:
    field = next((f for f in header.fields if label_key(f.key) == "标题" and "报告" in f.value), None) if header else None
    if field is None:
        return None
    return Title(field.value, (lines[field.line - 1],), find_year(field.value))


def _title_line(candidates: list[Line], markdown: Structure | None = None, navigation: tuple[str, ...] = ()) -> Title | None:
    for index, line in enumerate(candidates):
        key = label_key(line.text)
        if "报告" in key and len(key) <= 60 and "。" not in line.text:
            title_lines = [line]
            previous = candidates[index - 1] if index else None
            if (
                previous is not None
                and previous.number == line.number - 1
                and len(label_key(previous.text)) <= 30
                and "。" not in previous.text
                and not previous.stripped.startswith(navigation)  # 「当前位置：首页 > …」 is the page's, not the title's
            ):
                title_lines.insert(0, previous)
            text = "".join(_text_of(l, markdown) for l in title_lines)
            if markdown is not None and line.number in markdown.underlines:
                title_lines.append(markdown.underlines[line.number])  # a setext title ends with its underline
            return Title(text, tuple(title_lines), find_year(text))
    return None


def _line_facts(lines: list[Line], markdown: Structure | None = None) -> list:
    """Per line (by index): False for a blank line or a table fragment, else its numbering
    (None when it has none) — computed once for the parser's passes."""
    if markdown is not None:
        return _markdown_facts(lines, markdown)
    facts: list = []
    append = facts.append
    parse_numbering = nb.parse_numbering
    for line in lines:
        stripped = line.stripped
        if not stripped or line.text[:1] == "\t" or stripped[:1] == "|" or stripped[-1:] == "|":
            append(False)
        else:
            append(parse_numbering(line.text, line.start))
    return facts


def _markdown_facts(lines: list[Line], markdown: Structure) -> list:
    """_line_facts of a Markdown report: markup lines (underlines, thematic breaks) hold no text,
    and a heading's numbering is read after its `## ` or `**`."""
    facts: list = []
    for line in lines:
        stripped = line.stripped
        if not stripped or line.number in markdown.markup or line.text[:1] == "\t" or stripped[:1] == "|" or stripped[-1:] == "|":
            facts.append(False)
            continue
        span = markdown.spans.get(line.number)
        if span is None:
            facts.append(nb.parse_numbering(line.text, line.start))
        else:
            start, end = span
            facts.append(nb.parse_numbering(line.text[start - line.start : end - line.start], start))
    return facts


def _hard_wrapped(lines: list[Line], facts: list | None = None) -> bool:
    """PDF text breaks lines inside sentences; Word exports end long lines with punctuation."""
    if facts is None:
        facts = _line_facts(lines)
    long_lines = [
        l.stripped
        for l, fact in zip(lines, facts)
        if fact is None and len(l.stripped) >= 15 and len(_NON_CJK_RE.sub("", l.stripped)) * 2 >= len(l.stripped)  # CJK characters counted
    ]
    if len(long_lines) < 5:
        return False
    open_ended = sum(1 for text in long_lines if text[-1] not in _TERMINAL)
    return open_ended / len(long_lines) >= 0.4


def _paragraphs(
    report_lines: list[Line],
    text: str,
    skip: set[int],
    hard_wrapped: bool,
    section_of,
    facts: list | None = None,
    markdown: Structure | None = None,
) -> list[Paragraph]:
    if facts is None:
        facts = _line_facts(report_lines)
    paragraphs: list[Paragraph] = []
    chars: list[str] = []  # the paragraph's pieces, one a line
    starts: list[int] = []  # where each piece begins in the paragraph's text
    sources: list[int] = []  # and in the source
    length = first = last = 0

    def flush() -> None:
        nonlocal chars, starts, sources, length
        if chars:
            paragraphs.append(Paragraph("".join(chars), OffsetMap(starts, sources, length), first, last, section_of(first)))
        chars, starts, sources, length = [], [], [], 0

    for line, fact in zip(report_lines, facts):
        if line.number in skip:  # page numbers inside a paragraph are skipped, not breaks
            continue
        if fact is False:  # blank or a table fragment
            if chars:
                flush()
            continue
        starts_new = not hard_wrapped or not chars or fact is not None
        if starts_new:
            if chars:
                flush()
            first = line.number
        span = markdown.spans.get(line.number) if markdown is not None else None
        if span is None:
            lead = len(line.text) - len(line.text.lstrip(" \t\u3000"))
            body = line.text[lead:].rstrip(" \t\u3000")
        else:  # a Markdown heading or emphasised line: its text without the markers
            lead = span[0] - line.start
            body = line.text[lead : span[1] - line.start]
        chars.append(body)  # never empty: the line is not blank
        starts.append(length)
        sources.append(line.start + lead)
        length += len(body)
        last = line.number
        if hard_wrapped and (body[-1] in _TERMINAL or _TABLE_ROW_RE.search(body)):
            flush()
    flush()
    return paragraphs


def _numbered_lines(
    lines: list[Line], facts: list, probe: Template, markdown: Structure | None = None
) -> list[tuple[Line, nb.Numbering, SectionSpec | None, bool]]:
    """Every numbered line, with the section its title names (if any) and whether exactly."""
    numbered = []
    for line, numbering in zip(lines, facts):
        if not numbering:  # blank, a table fragment or no numbering
            continue
        if markdown is None:
            title = line.text[numbering.title_start - line.start :].strip()
        else:
            title = _heading(line, numbering, 0, markdown).title
        match = None
        if numbering.style in (nb.CN, nb.ARABIC):
            match = match_section(title, probe, numbering)
        numbered.append((line, numbering, match[0] if match else None, match[1] if match else False))
    return numbered


def _markdown_structure(lines: list[Line], kind: str) -> Structure | None:
    """The Markdown structure of a .md report (headings, underlines, emphasis); None for other kinds."""
    if kind != "markdown":
        return None
    from gklint.model.markdown import scan  # only Markdown reports need it

    return scan(lines)


def parse_head(text: str, templates: TemplateSet, kind: str = "text") -> tuple[Title | None, dict[str, MetadataField]]:
    """The title and the portal metadata of a report's first lines, as `parse` finds them, without
    the rest of a parse (what `gklint.run.history` needs to pair a run's reports by body and year)."""
    lines = split_lines(text)
    markdown = _markdown_structure(lines, kind)
    numbered = _numbered_lines(lines, _line_facts(lines, markdown), templates.templates[-1], markdown)
    headings = _choose_section_headings(numbered, [], markdown)
    first_section_line = min((heading.line.number for heading, _spec, _exact in headings), default=0)
    header = _crawl_header(lines)
    navigation = tuple(templates.templates[-1].data.get("site_navigation", ()))
    return _title(lines, first_section_line, markdown, header, navigation), _metadata(lines, header)


def parse(source: SourceText, path: Path, templates: TemplateSet, template_choice: str = "auto", issuer: str = "department") -> Report:
    lines = split_lines(source.text)
    page_markers = _page_markers(source.text, lines)
    page_numbers = [int(PAGE_MARKER_RE.match(l.text).group(1)) for l in page_markers]
    paginated = len(page_numbers) >= 2 and all(b > a for a, b in zip(page_numbers, page_numbers[1:]))

    # A first pass with the newest template finds the sections; the wording is the same in both.
    probe = templates.templates[-1]
    sections: list[Section] = []
    duplicates: list[Heading] = []
    markdown = _markdown_structure(lines, source.kind)
    facts = _line_facts(lines, markdown)
    numbered = _numbered_lines(lines, facts, probe, markdown)
    heading_lines = _choose_section_headings(numbered, duplicates, markdown)
    for index, (heading, spec, exact) in enumerate(heading_lines):
        next_start = heading_lines[index + 1][0].line.number if index + 1 < len(heading_lines) else len(lines) + 1
        # A duplicate heading ends the section body too.
        for dup in duplicates:
            if heading.line.number < dup.line.number < next_start:
                next_start = dup.line.number
        last = next_start - 1
        head_end = heading.last_line.number  # a setext heading's underline belongs to the heading
        while last > head_end and (lines[last - 1].is_blank or (markdown is not None and last in markdown.markup)):
            last -= 1
        sections.append(Section(spec, heading, head_end + 1, last, exact))

    first_section_line = sections[0].heading.line.number if sections else 0
    header = _crawl_header(lines)
    title = _title(lines, first_section_line, markdown, header, tuple(probe.data.get("site_navigation", ())))
    year = title.year if title else None

    if template_choice in ("2019", "2021") and templates.by_version(template_choice):
        template = templates.by_version(template_choice)
    else:
        template = templates.for_year(year)
    if template is not probe:
        sections = [Section(template.section(s.number), s.heading, s.first_body_line, s.last_body_line, s.exact_wording) for s in sections]

    heads = [s.heading.line.number for s in sections]
    in_order = all(a <= b for a, b in zip(heads, heads[1:]))  # always: chosen in line order

    def section_of(number: int) -> int:
        if in_order:  # the last section whose heading is at or before the line
            index = bisect.bisect_right(heads, number) - 1
            return sections[index].number if index >= 0 else 0
        current = 0
        for section in sections:
            if section.heading.line.number <= number:
                current = section.number
        return current

    section_line_numbers = {s.heading.line.number for s in sections} | {d.line.number for d in duplicates}
    subheadings = [
        _heading(line, numbering, section_of(line.number), markdown)
        for line, numbering, _spec, _exact in numbered
        if line.number not in section_line_numbers
    ]

    title_end = title.lines[-1].number if title else 0
    header_end = header.last_line if header else 0
    preamble = range(max(title_end, header_end) + 1, first_section_line if first_section_line else len(lines) + 1)
    hard_wrapped = _hard_wrapped(lines, facts)
    skip = {l.number for l in page_markers} | section_line_numbers
    if title:
        skip |= {l.number for l in title.lines}
    skip |= set(range(1, header_end + 1))  # a crawler's header is metadata, not report text
    paragraphs = _paragraphs(lines, source.text, skip, hard_wrapped, section_of, facts, markdown)

    return Report(
        path=path,
        source=source,
        lines=lines,
        templates=templates,
        template=template,
        title=title,
        sections=sections,
        duplicate_sections=duplicates,
        subheadings=subheadings,
        paragraphs=paragraphs,
        metadata=_metadata(lines, header),
        page_markers=page_markers,
        paginated=paginated,
        hard_wrapped=hard_wrapped,
        preamble_lines=preamble,
        issuer=issuer,
    )
