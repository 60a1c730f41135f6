"""The statistics period, dates and publication dates of a report (the model's "period").

`Facts.periods` / `Facts.period` and `Facts.publication_dates` call this module once per
report; `Facts.passages` is its `PassageIndex`. Text is searched paragraph by paragraph (`Report.paragraphs`, joined across PDF hard
wraps) after `fold`, which maps script, digits, radicals, drops spaces and pinyin debris and
keeps an index back to the source, so "2024 年 1 月\\n1 日" and "統(tǒng)計期限" are found.
"""

from __future__ import annotations

import calendar
import datetime
import functools
import re
from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate
from typing import TYPE_CHECKING, Iterator

from gklint.core.template import law
from gklint.core.text import (
    _TONED,  # the tone-marked letters of PINYIN_DEBRIS_RE: a cheap pre-check for it
    PINYIN_DEBRIS_RE,
    SPACE_CHARS,
    SPACES_RE,
    ascii_digits,
    cn_digit_string_to_int,
    cn_to_int,
    is_traditional_char,
    label_key,
    ordinary_char,
    to_simplified,
    traditional_re,
)

if TYPE_CHECKING:  # pragma: no cover
    from gklint.model.report import Paragraph, Report

# --- folding: a comparison form of a string with a map back to it ------------------


@functools.lru_cache(maxsize=8192)
def _fold_char(char: str) -> str:
    char = ascii_digits(char)
    mapped = ordinary_char(char)
    if mapped:
        char = mapped
    if is_traditional_char(char):
        simple = to_simplified(char)
        if len(simple) == 1:
            char = simple
    return char


class Folded:
    """`text` is the folded string; `index[k]` is the position in the original of text[k].

    The index is built on first use (most folded texts are only searched), from `source`,
    the original: the positions `_dropped` keeps (folding a character never changes a length)."""

    __slots__ = ("text", "_index", "_source")

    def __init__(self, text: str, source: str) -> None:
        self.text = text
        self._index: tuple[int, ...] | None = None
        self._source = source

    @property
    def index(self) -> tuple[int, ...]:
        index = self._index
        if index is None:
            source = self._source
            if len(source) == len(self.text):  # nothing dropped
                index = tuple(range(len(source)))
            else:
                parts: list[int] = []
                for start, end in _kept(source):
                    parts.extend(range(start, end))
                index = tuple(parts)
            self._index = index
        return index

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original positions for the folded slice text[start:end] (end > start)."""
        index = self.index
        return index[start], index[end - 1] + 1

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Folded):
            return NotImplemented
        return self.text == other.text and self.index == other.index

    def __hash__(self) -> int:
        return hash((self.text, self.index))

    def __repr__(self) -> str:
        return f"Folded(text={self.text!r}, index={self.index!r})"


class _FoldMap(dict):
    """str.translate table: code point → `_fold_char`, filled on first sight of a character."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_char(chr(code))
        return folded


_FOLD_MAP = _FoldMap()
_FOLDED: dict[str, str] = {}  # character → `_fold_char` (unbounded: one entry a distinct character)


# Besides traditional characters (`text.traditional_re`), what `_fold_char` may change:
# full-width digits, radicals and compatibility ideographs (`text.RADICAL_RE`).
_OTHER_FOLDABLE_RE = re.compile("[０-９\u2e80-\u2eff\u2f00-\u2fdf\uf900-\ufaff\U0002f800-\U0002fa1f]")


def _fold_chars(text: str) -> str:
    """`_fold_char` applied to every character of `text` (most characters stay as they are)."""
    # Only what the two scans find may change: each distinct such character is looked up once.
    foldable = set(traditional_re().findall(text))
    foldable.update(_OTHER_FOLDABLE_RE.findall(text))
    changed: dict[str, str] = {}
    for char in foldable:
        folded = _FOLDED.get(char)
        if folded is None:
            folded = _FOLDED[char] = _fold_char(char)
        if folded != char:
            changed[char] = folded
    if not changed:
        return text
    if len(changed) <= 8 and all(len(f) == 1 and f not in changed for f in changed.values()):
        for char, folded in changed.items():  # no result is itself replaced: order does not matter
            text = text.replace(char, folded)
        return text
    return text.translate(_FOLD_MAP)


def _may_have_debris(text: str) -> bool:
    """Whether `PINYIN_DEBRIS_RE` may match: it needs a bracket and a tone-marked letter (or ü)."""
    return ("(" in text or "（" in text) and any(char in text for char in _TONED)


def _dropped(text: str) -> str:
    """`text` without pinyin debris (「區(qū)」) and spaces: the characters `_kept` leaves out."""
    if _may_have_debris(text):
        text = PINYIN_DEBRIS_RE.sub("", text)  # debris never holds a space: the order does not matter
    for space in SPACE_CHARS:  # every character of SPACES_RE; str.replace is many times faster than the regex
        if space in text:
            text = text.replace(space, "")
    return text


def _kept(text: str) -> list[tuple[int, int]]:
    """The (start, end) spans of `text` that `_dropped` keeps, in order."""
    # Debris never holds a space, so the two kinds of drop never overlap.
    drops = [m.span() for m in PINYIN_DEBRIS_RE.finditer(text)] if _may_have_debris(text) else []
    drops.extend(m.span() for m in SPACES_RE.finditer(text))
    drops.sort()
    kept: list[tuple[int, int]] = []
    position = 0
    for start, end in drops:
        if start > position:
            kept.append((position, start))
        position = max(position, end)
    if position < len(text):
        kept.append((position, len(text)))
    return kept


def fold(text: str) -> Folded:
    """Script → simplified, full-width digits → ASCII, radicals → ordinary characters, one
    character at a time; spaces and pinyin debris (「區(qū)」) dropped."""
    return Folded(_fold_chars(_dropped(text)), text)


class Passage:
    """A paragraph with its folded text; `source_span` maps folded positions to report offsets.

    A plain slotted class (one a paragraph, read by every GK2 rule): `text` and `section` are
    attributes; `folded` (the map back to the paragraph) is built on first use."""

    __slots__ = ("paragraph", "text", "section", "_folded")

    def __init__(self, paragraph: Paragraph, text: str) -> None:
        self.paragraph = paragraph
        self.text = text  # the paragraph's text, folded
        self.section = paragraph.section
        self._folded: Folded | None = None

    @property
    def folded(self) -> Folded:
        folded = self._folded
        if folded is None:
            folded = self._folded = Folded(self.text, self.paragraph.text)
        return folded

    def __repr__(self) -> str:
        return f"Passage(paragraph={self.paragraph!r}, folded={self.folded!r})"

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        a, b = self.folded.span(start, end)
        return self.paragraph.source_span(a, b)

    def source_offset(self, position: int) -> int:
        return self.paragraph.offsets[self.folded.index[position]]


class PassageIndex:
    """The report's paragraphs, folded (`Facts.passages`): iterate for the passages in order; `text`
    is their texts joined by \n (no text holds one), so a pattern without anchors, look-arounds
    or \n matches some passage only if it matches `text` — one scan tells; `holding` finds them."""

    __slots__ = ("passages", "text", "_starts")

    def __init__(self, paragraphs: list[Paragraph]) -> None:
        self.text, folded = _fold_all([p.text for p in paragraphs])
        self.passages = [Passage(p, text) for p, text in zip(paragraphs, folded)]
        self._starts: list[int] | None = None

    def __iter__(self) -> Iterator[Passage]:
        return iter(self.passages)

    def __len__(self) -> int:
        return len(self.passages)

    def holding(self, *needles: str | re.Pattern) -> list[Passage]:
        """The passages whose text holds one of `needles` (`texts_holding`), in order."""
        if self._starts is None:
            self._starts = text_starts([p.text for p in self.passages])
        return [self.passages[index] for index in texts_holding(self.text, self._starts, needles)]


def text_starts(texts: list[str]) -> list[int]:
    """Where each text begins in "\n".join(texts), then one past its end."""
    return list(accumulate([len(text) + 1 for text in texts], initial=0))


def texts_holding(joined: str, starts: list[int], needles) -> list[int]:
    """Indices of the texts that hold one of `needles`: strings, or patterns without anchors,
    look-arounds or \n. `joined` is the texts joined by \n (none holds one), `starts` their
    `text_starts`. One str.find (or regex search) a text that holds a needle, none a text that
    does not: no loop over all the texts."""
    found: set[int] = set()
    for needle in needles:
        at = 0
        while True:
            if isinstance(needle, str):
                at = joined.find(needle, at)
            else:
                match = needle.search(joined, at)
                at = match.start() if match else -1
            if at < 0:
                break
            index = bisect_right(starts, at) - 1
            found.add(index)
            at = starts[index + 1]  # the next text on
    return sorted(found)


def _fold_all(texts: list[str]) -> tuple[str, list[str]]:
    """The folded texts joined by \n, and each (`fold(text).text`): all dropped and folded at once."""
    joined = _fold_chars(_dropped("\n".join(texts)))  # no text holds a \n; nothing dropped or folded is one
    folded = joined.split("\n")
    if len(folded) != len(texts):  # (a \n in a text: never from the parser)
        folded = [fold(text).text for text in texts]
        return "\n".join(folded), folded
    return joined, folded


# --- dates ---------------------------------------------------------------------

_CN_NUM = "〇○零一二三四五六七八九"


def _date_pattern(p: str, year_required: bool = False, day_required: bool = True) -> str:
    year = rf"(?:(?P<{p}y>(?:19|20)\d{{2}})|(?P<{p}ycn>[{_CN_NUM}]{{4}}))年"
    year = year if year_required else f"(?:{year})?"
    day = rf"(?P<{p}d>\d{{1,2}}|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九])[日号]"
    day = day if day_required else rf"(?:{day}|(?![0-9一二三四五六七八九十]))"
    return rf"{year}(?P<{p}m>\d{{1,2}}|十[一二]?|[一二三四五六七八九])月{day}"


DATE_RE = re.compile(_date_pattern(""))
FULL_DATE_RE = re.compile(_date_pattern("", year_required=True))
_RANGE_SEP = "(?:至|到|—|–|-|－|~|～|―)+"
RANGE_RE = re.compile(
    # "2020年1月至12月" (months only) means the first to the last day of those months.
    rf"(?P<from>自|从|由)?{_date_pattern('a', day_required=False)}(?:起)?{_RANGE_SEP}{_date_pattern('b', day_required=False)}(?:止)?"
)
# A match's first 月 is at most this far from its start: a year (4 characters and 年), then a
# month of at most 2 characters; a range may open with 自/从/由 (`_finditer_near`).
_DATE_REACH = 7
_RANGE_REACH = 8
# "统计期限为2020年度" / "统计时间为2020年": a whole year named without dates.
_YEAR_ONLY_RE = re.compile(
    r"(?:(?P<y>(?:19|20)\d{2})|(?P<ycn>[〇○零一二三四五六七八九]{4}))年(?:度)?(?![0-9〇○零一二三四五六七八九十]{1,2}月)"
)
_NUMERIC_DATE_RE = re.compile(r"(?P<y>(?:19|20)\d{2})\s*[-./年]\s*(?P<m>\d{1,2})\s*[-./月]\s*(?P<d>\d{1,2})\s*日?")
_SENTENCE_END = "。！？；!?;"


def _finditer_near(pattern: re.Pattern, text: str, anchor: str, reach: int) -> Iterator[re.Match]:
    """`pattern.finditer(text)` for a pattern whose every match holds `anchor` at most `reach`
    characters after its start: only the starts that near an `anchor` are tried, in order.

    The date patterns have no literal prefix, so a plain scan tries a match at every position of
    the text, many times slower than these few tries (tests/test_fast_scans.py)."""
    start = 0  # the first start not tried yet
    at = text.find(anchor)
    while at >= 0:
        for candidate in range(max(start, at - reach), at + 1):
            match = pattern.match(text, candidate)
            if match:  # it holds this anchor (none before it was in reach): it ends after it
                yield match
                start = match.end()
                break
        else:
            start = at + 1
        at = text.find(anchor, start)


def _number(value: str | None) -> int | None:
    if value is None:
        return None
    if value.isdigit():
        return int(value)
    return cn_to_int(value)


@dataclass(frozen=True)
class DateMention:
    """A date written in the text. `year` is None when the text leaves it out ("至12月31日")."""

    year: int | None
    month: int
    day: int
    start: int  # report offsets of the whole date
    end: int
    year_start: int | None = None  # report offsets of the year's digits
    year_end: int | None = None
    year_cn: bool = False  # the year is written 二〇二〇

    @property
    def valid(self) -> bool:
        return self.as_date(self.year or 2000) is not None

    def as_date(self, year: int | None = None) -> datetime.date | None:
        year = year or self.year
        if year is None:
            return None
        try:
            return datetime.date(year, self.month, self.day)
        except ValueError:
            return None

    def __str__(self) -> str:
        year = f"{self.year}年" if self.year else ""
        return f"{year}{self.month}月{self.day}日"


def _mention(passage: Passage, match: re.Match, p: str) -> DateMention | None:
    month, day = _number(match.group(f"{p}m")), _number(match.group(f"{p}d"))
    if month is None:
        return None
    year = year_start = year_end = None
    year_cn = False
    if match.group(f"{p}y"):
        year = int(match.group(f"{p}y"))
        year_start, year_end = passage.source_span(match.start(f"{p}y"), match.end(f"{p}y"))
    elif match.group(f"{p}ycn"):
        year = cn_digit_string_to_int(match.group(f"{p}ycn"))
        year_cn = True
        year_start, year_end = passage.source_span(match.start(f"{p}ycn"), match.end(f"{p}ycn"))
    first = match.start(f"{p}y") if match.group(f"{p}y") else match.start(f"{p}ycn") if match.group(f"{p}ycn") else match.start(f"{p}m")
    if day is None:  # months only: the range's first or last day of the month
        last = match.end(f"{p}m") + 1  # the 月
        day = 1 if p == "a" else calendar.monthrange(year or 2001, month)[1] if 1 <= month <= 12 else 31
    else:
        last = match.end(f"{p}d") + 1  # the 日
    start, end = passage.source_span(first, last)
    return DateMention(year, month, day, start, end, year_start, year_end, year_cn)


def date_mentions(report: Report) -> Iterator[DateMention]:
    """Every month-day date in the paragraphs (with its year when written)."""
    for passage in report.facts.passages:
        if "月" not in passage.text:  # every date names its month
            continue
        for match in _finditer_near(DATE_RE, passage.text, "月", _DATE_REACH):
            mention = _mention(passage, match, "")
            if mention is not None:
                yield mention


# --- the statistics period -------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """The statistics-period statement: "统计期限为2020年1月1日至2020年12月31日"."""

    first: DateMention
    last: DateMention
    start: int  # report offsets of the date range
    end: int
    section: int  # where it was found (0 = preamble)
    whole_year: int | None = None  # "统计期限为2020年度": a year named without dates

    @property
    def year(self) -> int | None:
        return self.first.year or self.last.year

    @property
    def last_year(self) -> int | None:
        return self.last.year or self.first.year

    @property
    def is_calendar_year(self) -> bool:
        """1月1日 to 12月31日 of one year."""
        return (
            (self.first.month, self.first.day, self.last.month, self.last.day) == (1, 1, 12, 31)
            and self.year is not None
            and self.year == self.last_year
        )


def _sentence_before(text: str, position: int, limit: int = 40) -> str:
    start = position
    while start > 0 and position - start < limit and text[start - 1] not in _SENTENCE_END:
        start -= 1
    return text[start:position]


def find_periods(report: Report) -> list[Period]:
    """Statistics-period statements, preamble first."""
    keywords = tuple(law()["period"]["keywords"])
    preamble_keywords = keywords + tuple(law()["period"]["preamble_keywords"])
    found: list[Period] = []
    for passage in report.facts.passages:
        text = passage.text
        wanted = preamble_keywords if passage.section == 0 else keywords
        # A range names its months, and counts only after a keyword: without both in the text, none does.
        may_state = "月" in text and any(k in text for k in wanted)
        for match in _finditer_near(RANGE_RE, text, "月", _RANGE_REACH) if may_state else ():
            lead = _sentence_before(text, match.start())
            if not any(k in lead for k in wanted):
                continue
            first, last = _mention(passage, match, "a"), _mention(passage, match, "b")
            if first is None or last is None or (first.year is None and last.year is None):
                continue
            start, end = passage.source_span(match.start(), match.end())
            found.append(Period(first, last, start, end, passage.section))
        if "统计" not in text:  # every keyword below starts with it
            continue
        if any(p.start >= passage.paragraph.offsets[0] and p.end <= passage.paragraph.offsets[-1] + 1 for p in found):
            continue
        for keyword in ("统计期限", "统计时限", "统计时间", "统计区间", "统计周期", "统计时段"):
            at = text.find(keyword)
            if at < 0:
                continue
            match = _YEAR_ONLY_RE.match(
                text, at + len(keyword) + (1 if text[at + len(keyword) : at + len(keyword) + 1] in "为是：:" else 0)
            )
            if match:
                year = int(match.group("y")) if match.group("y") else cn_digit_string_to_int(match.group("ycn"))
                start, end = passage.source_span(match.start(), match.end())
                group = "y" if match.group("y") else "ycn"
                ys, ye = passage.source_span(match.start(group), match.end(group))
                first = DateMention(year, 1, 1, start, end, ys, ye, group == "ycn")
                last = DateMention(year, 12, 31, start, end, ys, ye, group == "ycn")
                found.append(Period(first, last, start, end, passage.section, whole_year=year))
                break
    found.sort(key=lambda p: (p.section != 0, p.start))
    return found


def report_year(report: Report) -> int | None:
    """The title's year, falling back to the statistics period's."""
    if report.year:
        return report.year
    period = report.facts.period
    return period.year if period else None


# --- publication dates -------------------------------------------------------------


@dataclass(frozen=True)
class PublicationDate:
    """A date the report was issued: a metadata field (发文日期) or the signature (落款)."""

    kind: str  # "metadata" or "signature"
    label: str  # the metadata key as written, or "落款"
    raw: str
    date: datetime.date | None  # None when the date is impossible
    start: int
    end: int


def parse_date(text: str) -> tuple[datetime.date | None, tuple[int, int] | None]:
    """A date in a short string (2021-01-30, 2021年1月30日, 二〇二一年一月三十日).

    Returns (date or None if impossible, (start, end) in `text`) or (None, None) if no date."""
    folded = fold(text)
    match = _NUMERIC_DATE_RE.search(folded.text)
    groups = ("y", "m", "d")
    if match is None:
        match = FULL_DATE_RE.search(folded.text)
        groups = None
    if match is None:
        return None, None
    if groups:
        year, month, day = (int(match.group(g)) for g in groups)
    else:
        year = int(match.group("y")) if match.group("y") else cn_digit_string_to_int(match.group("ycn"))
        month, day = _number(match.group("m")), _number(match.group("d"))
    span = folded.span(match.start(), match.end())
    try:
        return datetime.date(year, month, day), span
    except (TypeError, ValueError):
        return None, span


def find_publication_dates(report: Report) -> list[PublicationDate]:
    data = law()["publication"]
    keys = {label_key(k) for k in data["metadata_keys"]}
    found: list[PublicationDate] = []
    for key, field in report.metadata.items():
        if key not in keys:
            continue
        date, span = parse_date(field.value)
        if span is None:
            continue
        start, end = field.value_start + span[0], field.value_start + span[1]
        found.append(PublicationDate("metadata", field.key, report.text[start:end], date, start, end))
    found.extend(_page_info_dates(report, data["metadata_keys"], {d.label for d in found}))
    # The signature date: a line that is only a date, among the last lines of the report.
    wanted = int(data["signature_lines"])
    if wanted > 0:  # the last `wanted` non-blank lines, found from the end
        tail = []
        for line in reversed(report.lines):
            if line.stripped:
                tail.append(line)
                if len(tail) == wanted:
                    break
        tail.reverse()
    else:
        tail = [line for line in report.lines if not line.is_blank][-wanted:]
    last_heading = max((s.heading.line.number for s in report.sections), default=0)
    for line in tail:
        if line.number <= last_heading:
            continue
        folded = fold(line.text)
        match = FULL_DATE_RE.fullmatch(folded.text) or _NUMERIC_DATE_RE.fullmatch(folded.text)
        if not match:
            continue
        date, span = parse_date(line.text)
        if span is None:
            continue
        start, end = line.start + span[0], line.start + span[1]
        found.append(PublicationDate("signature", "落款", report.text[start:end], date, start, end))
    return found


def _page_info_dates(report: Report, metadata_keys: list[str], seen: set[str]) -> list[PublicationDate]:
    """A web page's date line kept with the report's text, between the title and the first section
    (「发布时间：2023-02-20 来源：…」): a publication date like a metadata field's (once a key)."""
    pattern = re.compile(rf"^[ \t\u3000]*(?P<key>{'|'.join(map(re.escape, metadata_keys))})[ \t\u3000]*[:：]")
    found = []
    for number in report.preamble_lines:
        line = report.lines[number - 1]
        match = pattern.match(line.text)
        if match is None or match.group("key") in seen:
            continue
        date, span = parse_date(line.text[match.end() :])
        if span is None:
            continue
        start, end = line.start + match.end() + span[0], line.start + match.end() + span[1]
        found.append(PublicationDate("metadata", match.group("key"), report.text[start:end], date, start, end))
        seen.add(match.group("key"))
    return found


def deadline(report: Report, year: int) -> datetime.date:
    """The last day to publish the report for `year` (条例第四十九条)."""
    month_day = law()["publication"]["deadlines"].get(report.issuer) or law()["publication"]["deadlines"]["department"]
    month, day = (int(x) for x in str(month_day).split("-"))
    return datetime.date(year + 1, month, day)


def report_anchor(report: Report) -> tuple[int, int]:
    """Offsets to hang a whole-report finding on: the title, else the first section heading."""
    if report.title:
        return report.title.lines[0].start, report.title.lines[-1].end
    if report.sections:
        line = report.sections[0].heading.line
        return line.start, line.end
    return 0, report.lines[0].end


def is_traditional_text(text: str, threshold: int = 3) -> bool:
    """The text is written in traditional script (at least `threshold` traditional characters)."""
    count = 0
    for char in text:
        if is_traditional_char(char):
            count += 1
            if count >= threshold:
                return True
    return False
