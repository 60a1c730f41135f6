"""Figures in the narrative: a stated total with its parts, their counts and shares.

Two shapes occur in real reports:

- inline: "主动公开政府信息11210条，其中，门户网站公开4790条，政务微博公开1801条，政务微信公开3628条，
  其他方式公开991条。" (seed 004) — a total, a split marker (其中), then parts separated by ，/、 (or ；);
- list: "主动公开政府信息8129条。" then a numbered list "1、政府网站。…5487条，占比68%。" "2、政务微信。…"
  (seed 000) — the total stated just before a numbered list of channels.

`extract_figures(report)` returns them (`Facts.figures`). A figure is only built when the text is
unambiguous: every part holds exactly one count of the total's unit family. Keyword lists come from the
template data (`figures:` in base.yaml). All offsets are source offsets into `report.text`.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from gklint.core import numbering as nb
from gklint.core.text import MAX_FIGURE_DIGITS, ascii_digits
from gklint.facts.period import text_starts, texts_holding

if TYPE_CHECKING:  # pragma: no cover
    from gklint.model.report import Paragraph, Report


@dataclass(frozen=True)
class Quantity:
    """A count: a number with its unit ("4790条", "5500 余条", "1.2万条")."""

    value: Fraction
    unit: str
    approximate: bool  # 余/多/约/万: not an exact count
    start: int  # source offsets of the number and unit
    end: int
    text: str

    @property
    def exact(self) -> bool:
        return not self.approximate and self.value.denominator == 1


@dataclass(frozen=True)
class Share:
    """A percentage given as a share of the total ("占比68%", "（12.5%）")."""

    value: Fraction
    decimals: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Part:
    label: str  # the part's clause as written, without the share ("门户网站公开4790条")
    count: Quantity | None
    share: Share | None
    start: int
    end: int


@dataclass(frozen=True)
class Figure:
    kind: str  # "inline" or "list"
    total: Quantity | None
    parts: tuple[Part, ...]
    remainder: bool  # a clause names the rest without a figure (其余/其他…)
    counted_across: bool  # the text says an item counts on each channel
    start: int
    end: int
    first_line: int

    @property
    def split(self) -> bool:
        """The parts are presented as an exhaustive split of one total."""
        return not self.remainder and not self.counted_across

    @property
    def shares(self) -> list[Share]:
        return [p.share for p in self.parts if p.share is not None]

    @property
    def counts(self) -> list[Quantity]:
        return [p.count for p in self.parts if p.count is not None]


# --- tokens -------------------------------------------------------------------

_SPACES = " \t\u00a0\u3000"
_SP = rf"[{_SPACES}]*"
# A number not preceded by a digit or a point. The first digit comes first and the character before
# it is checked by a look-behind after it: the regex engine then skips ahead to digits (a leading
# look-behind is tried at every position, several times slower).
_NUMBER = r"[0-9](?<![0-9.][0-9])(?:[0-9]{0,2}(?:,[0-9]{3})+|[0-9]*)(?:\.[0-9]+)?"
_ABOUT = ("约", "近", "超过", "逾")  # before a count (spaces between): not an exact count
_PERCENT_RE = re.compile(rf"({_NUMBER}){_SP}[%％]")
_CLAUSE_END = "。！？!?"
_ITEM_SEPS = "，,、"
_ASCII_DIGIT_RE = re.compile("[0-9]")
_STRONG_SEPS = "；;"


def _decimal(number: str) -> Fraction:
    """A plain decimal ("4790", "12.5") as a Fraction; an integer without Fraction's string parsing."""
    return Fraction(number) if "." in number else Fraction(int(number))


def _figure_sized(number: str) -> bool:
    """Few enough digits for a figure of a report (`text.MAX_FIGURE_DIGITS`); a longer number is no
    count or share (and int() refuses one of 4,301 digits)."""
    return len(number) <= MAX_FIGURE_DIGITS + 1  # + 1: a decimal point


def _count(number: str) -> int | None:
    """A claim's count as an int; None when it has more digits than a figure."""
    return int(number) if _figure_sized(number) else None


@functools.cache
def _any_char_re(chars: str) -> re.Pattern:
    return re.compile(f"[{re.escape(chars)}]")


def _last_of(text: str, chars: str, end: int) -> int:
    """Where the last of `chars` is in text[:end]; -1 if none."""
    # The first in the reversed text: found without scanning all of text[:end] once a character.
    found = _any_char_re(chars).search(text[end - 1 :: -1]) if end > 0 else None
    return end - 1 - found.start() if found else -1


def _first_of(text: str, chars: str, start: int, end: int | None = None) -> int:
    """Where the first of `chars` is in text[start:end]; -1 if none."""
    found = _any_char_re(chars).search(text, start, len(text) if end is None else end)
    return found.start() if found else -1


def _holding(paragraphs: list[Paragraph], words: tuple[str, ...]) -> list[Paragraph]:
    """The paragraphs whose text holds one of `words`, in order (`period.texts_holding`)."""
    texts = [p.text for p in paragraphs]
    return [paragraphs[index] for index in texts_holding("\n".join(texts), text_starts(texts), words)]


def _config(report: Report) -> dict[str, Any]:
    return report.template.data.get("figures", {})


def _quantity_re(config: dict[str, Any]) -> re.Pattern:
    return _quantity_pattern(tuple(tuple(family) for family in config.get("unit_families", [])))


@functools.cache
def _quantity_pattern(families: tuple[tuple[str, ...], ...]) -> re.Pattern:
    units = sorted({u for family in families for u in family}, key=len, reverse=True)
    units = [u for u in units if not u.startswith("余")] or ["条"]
    # Starts with the number (`_ABOUT` before it is looked for by `_located_quantities`): the regex
    # engine skips ahead to digits instead of trying an optional word at every position.
    # Each run of spaces is followed by a word it cannot hold (万, 余/多, the unit): the engine never
    # splits one run between two `_SP`s (three adjacent ones backtracked cubically over a long run).
    return re.compile(
        rf"(?P<num>{_NUMBER}){_SP}(?:(?P<wan>万){_SP})?(?:(?P<more>余|多){_SP})?"
        rf"(?P<unit>{'|'.join(map(re.escape, units))})(?![%％])"
    )


def _family(config: dict[str, Any], unit: str) -> int:
    for index, family in enumerate(config.get("unit_families", [])):
        if unit in family:
            return index
    return -1


def _quantities(text: str, start: int, end: int, pattern: re.Pattern, paragraph: Paragraph) -> list[Quantity]:
    return [q for q, _, _ in _located_quantities(text, start, end, pattern, paragraph)]


def _located_quantities(text: str, start: int, end: int, pattern: re.Pattern, paragraph: Paragraph):
    """(quantity, start, end in the paragraph text) for each count in text[start:end]."""
    found = []
    after = start  # where the text before the next count begins
    for match in pattern.finditer(text, start, end):
        number_start = match.start("num")
        about = text[after:number_start].rstrip(_SPACES).endswith(_ABOUT)
        after = match.end()
        number = match.group("num").replace(",", "")
        if not _figure_sized(number):
            continue
        value = _decimal(number)
        approximate = bool(about or match.group("more") or match.group("wan"))
        if match.group("wan"):
            value *= 10000
        s, e = paragraph.source_span(number_start, match.end())
        quantity = Quantity(value, match.group("unit"), approximate, s, e, text[number_start : match.end()])
        found.append((quantity, number_start, match.end()))
    return found


def _shares(text: str, start: int, end: int, config: dict[str, Any], paragraph: Paragraph) -> list[Share]:
    """Percentages in text[start:end] that are shares (after 占/占比/比例, or bracketed after a count)."""
    if text.find("%", start, end) < 0 and text.find("％", start, end) < 0:
        return []
    markers = (*config.get("share_markers", []), "（", "(")  # or bracketed
    not_share = tuple(config.get("not_a_share", []))
    found = []
    for match in _PERCENT_RE.finditer(text, start, end):
        before = text[max(start, match.start() - 6) : match.start()]
        before = before.rstrip(" \t\u3000为达约是")
        if before.endswith(not_share) or not before.endswith(markers):
            continue
        number = match.group(1).replace(",", "")
        if not _figure_sized(number):
            continue
        decimals = len(number.partition(".")[2])
        s, e = paragraph.source_span(match.start(), match.end())
        found.append(Share(_decimal(number), decimals, s, e, text[match.start() : match.end()]))
    return found


# --- building parts ---------------------------------------------------------------


@dataclass
class _Piece:
    start: int
    end: int
    sep: str  # the separator that ends the piece ('' at the end)


def _pieces(text: str, start: int, end: int, seps: str) -> list[_Piece]:
    pieces, position, depth = [], start, 0
    for index in range(start, end):
        char = text[index]
        if char in "（(":
            depth += 1
        elif char in "）)":
            depth = max(depth - 1, 0)
        elif char in seps and depth == 0:
            pieces.append(_Piece(position, index, char))
            position = index + 1
    pieces.append(_Piece(position, end, ""))
    return [p for p in pieces if text[p.start : p.end].strip(" \t\u3000：:")]


class _Unclear(Exception):
    """The text does not say unambiguously which figures are parts of which total."""


def _parts(
    text: str, pieces: list[_Piece], family: int, config: dict[str, Any], pattern: re.Pattern, paragraph: Paragraph
) -> tuple[list[Part], bool]:
    """Parts from clauses; raises _Unclear when a clause holds several counts or another unit."""
    not_part = config.get("not_a_part", [])
    remainder_words = config.get("remainder", [])
    markers = config.get("split_markers", [])
    parts: list[Part] = []
    remainder = False
    pending_label: int | None = None  # start of a label-only clause joined to the next ("网站、微博共…")
    for piece in pieces:
        clause = text[piece.start : piece.end]
        if any(m in clause for m in markers):
            raise _Unclear
        counts = _quantities(text, piece.start, piece.end, pattern, paragraph)
        shares = _shares(text, piece.start, piece.end, config, paragraph)
        if any(word in clause for word in not_part):
            pending_label = None
            continue
        if not counts:
            if shares and parts and parts[-1].share is None and len(shares) == 1:
                last = parts[-1]
                parts[-1] = Part(last.label, last.count, shares[0], last.start, shares[0].end)
                continue
            if shares and not parts:
                raise _Unclear
            if any(word in clause for word in remainder_words):
                remainder = True
                continue
            if piece.sep == "、" and not shares:
                pending_label = piece.start if pending_label is None else pending_label
                continue
            break  # commentary ("均在法定期限内予以答复"): the list ends
        if len(counts) > 1 or len(shares) > 1:
            raise _Unclear
        count = counts[0]
        if _family(config, count.unit) != family:
            raise _Unclear
        begin = pending_label if pending_label is not None else piece.start
        pending_label = None
        lead = len(text[begin : piece.end]) - len(text[begin : piece.end].lstrip(" \t\u3000：:"))
        label_end = text.index(count.text, piece.start) + len(count.text) if count.text in text[piece.start : piece.end] else piece.end
        s, e = paragraph.source_span(begin + lead, piece.end)
        label = text[begin + lead : label_end].strip()
        parts.append(Part(label, count, shares[0] if shares else None, s, e))
    return parts, remainder


def _counted_across(texts: list[str], config: dict[str, Any]) -> bool:
    words = config.get("counted_across", [])
    return any(word in t for t in texts for word in words)


# --- inline: total, 其中, parts ------------------------------------------------------


def _inline(report: Report, paragraph: Paragraph, config: dict[str, Any], pattern: re.Pattern) -> list[Figure]:
    markers = config.get("split_markers", [])
    text = ascii_digits(paragraph.text)  # same length: offsets stay valid
    figures = []
    for marker in markers:
        for found in _literal_re(marker).finditer(text):
            position = found.start()
            sentence_start = _last_of(text, "。！？!?；;", position) + 1
            before = _located_quantities(text, sentence_start, position, pattern, paragraph)
            if not before:
                continue
            total, _, total_end = before[-1]
            # The total is the figure just before 其中: only separators between them.
            if text[total_end:position].strip(" \t\u3000，,：:"):
                continue
            family = _family(config, total.unit)
            begin = found.end()
            while begin < len(text) and text[begin] in " \t\u3000，,：:":
                begin += 1
            end = _first_of(text, _CLAUSE_END, begin)
            end = len(text) if end < 0 else end
            # ；ends the parts when the parts are separated by ，/、 ("…尚未审结37件；行政诉讼46件，其中…").
            strong = _first_of(text, _STRONG_SEPS, begin, end)
            strong = end if strong < 0 else strong
            if strong < end:
                first = _quantities(text, begin, strong, pattern, paragraph)
                if len(first) > 1 or any(c in text[begin:strong] for c in "，,"):
                    end = strong
            if strong < end:  # ；separates the parts; ，inside a part attaches its share
                pieces = _pieces(text, begin, end, _STRONG_SEPS)
            else:
                pieces = _pieces(text, begin, end, _ITEM_SEPS + _STRONG_SEPS)
            try:
                parts, remainder = _parts(text, pieces, family, config, pattern, paragraph)
            except _Unclear:
                continue
            if len(parts) < 2 and not (parts and remainder):
                continue
            if not parts:
                continue
            start = total.start
            end_offset = max(p.end for p in parts)
            figures.append(
                Figure(
                    "inline",
                    total,
                    tuple(parts),
                    remainder,
                    _counted_across([paragraph.text], config),
                    start,
                    end_offset,
                    paragraph.first_line,
                )
            )
    return figures


# --- list: total, then a numbered list of parts -------------------------------------------


# What 1. and （1） (`numbering`'s ARABIC, PAREN_ARABIC) numbered 1 start with (01, １ too): a list's
# first item. Most paragraphs are not: their numbering is never parsed.
# The second run of spaces only after a bracket: two adjacent runs backtracked quadratically.
_FIRST_ITEM_RE = re.compile(rf"{nb._SPACE}(?:[（(]{nb._SPACE})?[0０]?[1１](?![0-9０-９])")


def _list_numbering(paragraph: Paragraph) -> nb.Numbering | None:
    """The paragraph's 1. or （1） numbering (the styles a list of parts is numbered in), else None."""
    numbering = nb.parse_numbering(paragraph.text, 0)
    return numbering if numbering is not None and numbering.style in (nb.ARABIC, nb.PAREN_ARABIC) else None


def _lists(report: Report, config: dict[str, Any], pattern: re.Pattern) -> list[Figure]:
    paragraphs = report.paragraphs
    figures = []
    index = 0
    while index < len(paragraphs):
        if _FIRST_ITEM_RE.match(paragraphs[index].text) is None:
            index += 1
            continue
        numbering = _list_numbering(paragraphs[index])
        if numbering is None or numbering.value != 1:
            index += 1
            continue
        run = [paragraphs[index]]
        numberings = [numbering]
        expected = 2
        following = index + 1
        while following < len(paragraphs):
            item = _list_numbering(paragraphs[following])
            if item is None or item.style != numbering.style or item.value != expected or paragraphs[following].section != run[0].section:
                break
            run.append(paragraphs[following])
            numberings.append(item)
            expected += 1
            following += 1
        figure = _list_figure(report, index, run, numberings, config, pattern)
        if figure is not None:
            figures.append(figure)
        index = following if len(run) > 1 else index + 1
    return figures


def _list_figure(
    report: Report, index: int, run: list[Paragraph], numberings: list[nb.Numbering], config: dict[str, Any], pattern: re.Pattern
) -> Figure | None:
    if len(run) < 2:
        return None
    not_part = config.get("not_a_part", [])
    remainder_words = config.get("remainder", [])
    parts: list[Part] = []
    remainder = False
    family = None
    for paragraph, numbering in zip(run, numberings):
        text = ascii_digits(paragraph.text)
        counts = list(_quantities(text, 0, len(text), pattern, paragraph))
        shares = _shares(text, 0, len(text), config, paragraph)
        if any(word in text for word in not_part) or len(counts) > 1 or len(shares) > 1:
            return None
        if not counts:
            if not shares and any(word in text for word in remainder_words):
                remainder = True
                continue
            if not shares:
                return None
        count = counts[0] if counts else None
        if count is not None:
            this = _family(config, count.unit)
            if family is None:
                family = this
            elif this != family:
                return None
        label_end = text.find(count.text) + len(count.text) if count is not None else len(text)
        start = numbering.title_start
        s, e = paragraph.source_span(start, len(text))
        label = text[start:label_end].strip()
        if "。" in label[:-1]:  # "政府网站。通过政府门户网站公开…": the item's own heading
            label = label.partition("。")[0]
        parts.append(Part(label, count, shares[0] if shares else None, s, e))
    if len(parts) < 2:
        return None
    # The total: a short statement with one count of the same unit just before the list.
    total = None
    intro_texts = []
    for back in range(index - 1, max(index - 4, -1), -1):
        paragraph = report.paragraphs[back]
        if paragraph.section != run[0].section:
            break
        intro_texts.append(paragraph.text)
        text = ascii_digits(paragraph.text)
        counts = _quantities(text, 0, len(text), pattern, paragraph)
        if not counts:
            continue
        if len(counts) == 1 and family is not None and _family(config, counts[0].unit) == family:
            stated = text.rstrip("。：: \t\u3000")
            near_end = stated.endswith((counts[0].text, "其中"))
            if near_end or len(text) <= 40:
                total = counts[0]
        break
    intro = any(word in t for t in intro_texts for word in config.get("list_intro", []))
    all_shares = all(p.share is not None for p in parts)
    if not (all_shares or (total is not None and intro)):
        return None
    if family is None and not all_shares:
        return None
    start = total.start if total is not None else parts[0].start
    return Figure(
        "list",
        total,
        tuple(parts),
        remainder,
        _counted_across(intro_texts + [p.text for p in run], config),
        start,
        parts[-1].end,
        run[0].first_line,
    )


def extract_figures(report: Report) -> list[Figure]:
    config = _config(report)
    if not config:
        return []
    pattern = _quantity_re(config)
    markers = tuple(config.get("split_markers", []))
    # A marker without digits is found after ascii_digits only where it is found before.
    if any(_ASCII_DIGIT_RE.search(marker) for marker in markers):
        candidates = report.paragraphs
    else:
        candidates = _holding(report.paragraphs, markers)
    figures: list[Figure] = []
    for paragraph in candidates:
        figures.extend(_inline(report, paragraph, config, pattern))
    figures.extend(_lists(report, config, pattern))
    figures.sort(key=lambda f: f.start)
    return figures


# --- arithmetic shared by the rules -------------------------------------------------


def tolerance(decimals: int, parts: int = 1) -> Fraction:
    """Rounding slack for `parts` shares written with `decimals` decimals: n × 0.5 × 10^(−d) points."""
    return Fraction(parts, 2 * 10**decimals)


def round_half_up(value: Fraction, decimals: int) -> Fraction:
    scale = 10**decimals
    return Fraction(int(value * scale + Fraction(1, 2)), scale)


def truncate(value: Fraction, decimals: int) -> Fraction:
    scale = 10**decimals
    return Fraction(int(value * scale), scale)


def fmt(value: Fraction, decimals: int = 2) -> str:
    """A percentage or count for messages: 67.5, 11210, 12.35."""
    if value.denominator == 1:
        return str(value.numerator)
    text = f"{float(round_half_up(value, decimals)):.{decimals}f}".rstrip("0").rstrip(".")
    return text


# --- claims about the tables (GK501–GK504) ---------------------------------------------------


@dataclass(frozen=True)
class TableClaim:
    """A narrative figure that a table also states.

    topic: "applications" (table 三 一、本年新收; `with_carried` when "（含上年结转M件）" makes it 一+二),
    "result" (a table 三 row: `row`), "review"/"litigation" (table 四; `column` total or a result column),
    "documents" (table 二 row `row`; `columns` the columns the verb may mean).
    """

    topic: str
    value: int
    start: int
    end: int
    text: str
    row: str = ""
    column: str = "total"
    columns: tuple[str, ...] = ()
    with_carried: bool = False


_CLAUSE_SPLIT = "，。；;,！？!?"
_NEGATION_RE = re.compile(r"没有|未(?!经|审结)|(?<!尚)无(?!法)|零")
_CASE_UNITS = r"(?:件|起|次|宗|个)"


def _clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    right = _first_of(text, _CLAUSE_SPLIT, end)
    return _last_of(text, _CLAUSE_SPLIT, start) + 1, len(text) if right < 0 else right


def _claim(topic: str, value: int, text: str, start: int, end: int, paragraph: Paragraph, **extra) -> TableClaim:
    s, e = paragraph.source_span(start, end)
    return TableClaim(topic, value, s, e, text[start:end], **extra)


def _table_line_ranges(report: Report) -> list[tuple[int, int]]:
    return [(t.first_line, t.last_line) for t in getattr(report, "tables", [])]


def table_claims(report: Report) -> list[TableClaim]:
    """Counts of applications, results, reviews and suits, and 规章/规范性文件 stated in the narrative."""
    config = report.template.data.get("text_vs_tables", {})
    if not config:
        return []
    ranges = _table_line_ranges(report)
    # Every claim's pattern holds 申请 or one of these words (none with a digit: `_claim_words`).
    words = _claim_words(config)
    claims: list[TableClaim] = []
    for paragraph in report.paragraphs if words is None else _holding(report.paragraphs, words):
        if any(first <= paragraph.first_line <= last for first, last in ranges):
            continue
        text = ascii_digits(paragraph.text)
        claims.extend(_application_claims(text, paragraph, config))
        claims.extend(_result_claims(text, paragraph, config))
        claims.extend(_review_claims(report, text, paragraph, config))
        claims.extend(_document_claims(text, paragraph, config))
    return claims


def _claim_words(config: dict[str, Any]) -> tuple[str, ...] | None:
    """Words one of which every claim's text holds (`_application_claims`, `_result_claims`:
    申请; `_review_claims`, `_document_claims`: their words); None when one has a digit (a
    full-width digit before `ascii_digits` could match it)."""
    words = ["申请"]
    words.extend(config.get("review", []))
    words.extend(config.get("litigation", []))
    words.extend(word for entry in config.get("documents", {}).get("rows", []) for word in entry["words"])
    if any(_ASCII_DIGIT_RE.search(word) for word in words):
        return None
    return tuple(words)


_CARRIED_OPEN_RE = re.compile(rf"{_SP}[（(]{_SP}含")
_DIGIT_RE = re.compile(r"[0-9]")
_COUNT_OF_CASES_RE = re.compile(rf"[0-9]+{_SP}件")


def _counts_carried(text: str, position: int) -> bool:
    """「（含上年结转M件）」 at `position`: inside the brackets, a 结转 whose first number after it is
    a count of 件. Searched by hand, each character once (a lazy pattern retried every 结转)."""
    opening = _CARRIED_OPEN_RE.match(text, position)
    if opening is None:
        return False
    close = _first_of(text, "）)", opening.end())
    end = len(text) if close < 0 else close
    search = opening.end()
    while True:
        carried = text.find("结转", search, end)
        if carried < 0:
            return False
        digit = _DIGIT_RE.search(text, carried + 2, end)
        if digit is None:
            return False
        if _COUNT_OF_CASES_RE.match(text, digit.start()):
            return True
        # Every 结转 before this number has it as its first number too: go on after it.
        search = digit.start()
        while search < end and "0" <= text[search] <= "9":
            search += 1


@functools.cache
def _application_patterns(verbs: tuple[str, ...]) -> tuple[re.Pattern, re.Pattern] | None:
    """(a count of applications, "没有…申请") for the template's application verbs; None without verbs."""
    alternatives = "|".join(map(re.escape, verbs))
    if not alternatives:
        return None
    return (
        re.compile(rf"(?:{alternatives})[^，。；;,：:0-9]{{0,20}}?申请[^，。；;,：:0-9]{{0,8}}?(?P<num>[0-9]+){_SP}(?:件|个)"),
        re.compile(rf"(?:没有|未)(?:{alternatives})[^，。；;,0-9]{{0,12}}?申请"),
    )


@functools.cache
def _result_pattern(word: str) -> re.Pattern:
    # The word first, the character before it checked by a look-behind after it: the regex engine
    # then skips ahead to the word (a leading look-behind is tried at every position).
    word = re.escape(word)
    return re.compile(rf"{word}(?<![不以分]{word})(?:的)?(?:申请)?(?:数|数量)?(?:为|共)?{_SP}(?P<num>[0-9]+){_SP}件")


@functools.cache
def _literal_re(word: str) -> re.Pattern:
    return re.compile(re.escape(word))


@functools.cache
def _review_pattern(word: str) -> re.Pattern:
    return re.compile(rf"{re.escape(word)}(?:案件|申请)?(?:共|为)?{_SP}(?P<num>[0-9]+){_SP}{_CASE_UNITS}")


@functools.cache
def _document_pattern(word: str) -> re.Pattern:
    return re.compile(rf"{re.escape(word)}(?:共|为)?{_SP}(?P<num>[0-9]+){_SP}(?:件|个|部|份)")


def _application_claims(text: str, paragraph: Paragraph, config: dict[str, Any]) -> list[TableClaim]:
    verbs = tuple(config.get("application_verbs", []))
    patterns = _application_patterns(verbs)
    # Both patterns hold 申请 and a verb.
    if patterns is None or "申请" not in text or not any(verb in text for verb in verbs):
        return []
    out_of_scope = config.get("out_of_scope", [])
    claims = []
    pattern, negative = patterns
    for match in pattern.finditer(text):
        left, _ = _clause_bounds(text, match.start(), match.start())
        clause = text[left : match.end()]
        if any(word in clause for word in out_of_scope):
            continue
        count = _count(match.group("num"))
        if count is None:
            continue
        carried = _counts_carried(text, match.end())
        claims.append(_claim("applications", count, text, match.start("num"), match.end(), paragraph, with_carried=carried))
    for match in negative.finditer(text):
        left, right = _clause_bounds(text, match.start(), match.end())
        clause = text[left:right]
        if _DIGIT_RE.search(clause) or any(word in clause for word in out_of_scope):
            continue
        claims.append(_claim("applications", 0, text, match.start(), match.end(), paragraph))
    return claims


def _result_claims(text: str, paragraph: Paragraph, config: dict[str, Any]) -> list[TableClaim]:
    if "申请" not in text:
        return []
    exclude = ("备案", "协助", "自然人", "法人", "企业", "同比", "较上年")
    claims = []
    for entry in config.get("results", []):
        for word in entry["words"]:
            if word not in text:  # the pattern holds the word itself
                continue
            pattern = _result_pattern(word)
            for match in pattern.finditer(text):
                left, _ = _clause_bounds(text, match.start(), match.start())
                clause = text[left : match.end()]
                count = _count(match.group("num"))
                if count is None or any(w in clause for w in exclude):
                    continue
                claims.append(_claim("result", count, text, match.start("num"), match.end(), paragraph, row=entry["row"]))
    return claims


def _review_claims(report: Report, text: str, paragraph: Paragraph, config: dict[str, Any]) -> list[TableClaim]:
    topics = [("review", word) for word in config.get("review", [])] + [("litigation", word) for word in config.get("litigation", [])]
    if not any(word in text for _, word in topics):
        return []
    claims = []
    negated: set[str] = set()
    for topic, word in topics:
        if word not in text:  # both patterns below hold the word itself
            continue
        pattern = _review_pattern(word)
        for match in pattern.finditer(text):
            count = _count(match.group("num"))
            if count is None:
                continue
            claim = _claim(topic, count, text, match.start("num"), match.end(), paragraph)
            claims.append(claim)
            claims.extend(_review_result_claims(report, topic, claim, config))
        # "没有发生针对政府信息公开事务的行政复议申请、行政诉讼案件": those totals are 0.
        for found in _literal_re(word).finditer(text):
            found_start, found_end = found.span()
            left, right = _clause_bounds(text, found_start, found_end)
            clause = text[left:right]
            if topic in negated or _DIGIT_RE.search(clause):
                continue
            negation = _NEGATION_RE.search(clause)
            if negation is None:
                continue
            if left + negation.start() > found_start:
                continue  # "行政复议结果纠正情况：无" — leave it
            negated.add(topic)
            claims.append(_claim(topic, 0, text, left + negation.start(), found_end, paragraph))
    return claims


def _review_result_claims(report: Report, topic: str, total: TableClaim, config: dict[str, Any]) -> list[TableClaim]:
    """ "行政复议351件，其中结果维持72件…": the parts of that figure, by result column."""
    figure = next((f for f in report.facts.figures if f.total is not None and f.total.start == total.start), None)
    if figure is None:
        return []
    claims = []
    for part in figure.parts:
        if part.count is None or not part.count.exact:
            continue
        for entry in config.get("review_results", []):
            if any(word in part.label for word in entry["words"]):
                count = part.count
                claims.append(TableClaim(topic, int(count.value), count.start, count.end, count.text, column=entry["column"]))
                break
    return claims


def _document_claims(text: str, paragraph: Paragraph, config: dict[str, Any]) -> list[TableClaim]:
    documents = config.get("documents", {})
    rows = documents.get("rows", [])
    if not any(word in text for entry in rows for word in entry["words"]):
        return []
    claims = []
    for entry in rows:
        for word in entry["words"]:
            if word not in text:  # the pattern holds the word itself
                continue
            pattern = _document_pattern(word)
            for match in pattern.finditer(text):
                left, _ = _clause_bounds(text, match.start(), match.start())
                clause = text[left : match.end()]
                count = _count(match.group("num"))
                if count is None or any(w in clause for w in documents.get("out_of_scope", [])):
                    continue
                for verb in documents.get("verbs", []):
                    if any(v in clause for v in verb["words"]):
                        claims.append(
                            _claim(
                                "documents",
                                count,
                                text,
                                match.start("num"),
                                match.end(),
                                paragraph,
                                row=entry["row"],
                                columns=tuple(verb["columns"]),
                            )
                        )
                        break
    return claims


# --- table values for the comparisons -----------------------------------------------------


@dataclass(frozen=True)
class TableNumber:
    value: float | int
    offset: int | None  # source offset of the cell (the total's) for messages, None if unknown


def table_number(report: Report, kind: str, row: str, column: str) -> TableNumber | None:
    """The value of a template table cell (a group row sums its items; blank = 0); None when not read.

    Uses the table reader's API (`report.table(kind).value(row, column)`); an unreadable table (GK309)
    gives None, so nothing is compared against it.
    """
    table = report.table(kind)
    if table is None or not table.readable:
        return None
    value = table.value(row, column)
    if value is None:
        return None
    cell = table.cell(row, column)
    if cell is None:  # a group row: point at its first item
        items = getattr(table, "groups", {}).get(row, [])
        cell = table.cell(items[0], column) if items else None
    return TableNumber(value, cell.start if cell is not None else None)
