"""The fast scans of period and figures find exactly what the plain ones find.

`_finditer_near` tries a date pattern only at starts within reach of a 月; folding builds the
folded texts for all paragraphs at once and the index back to the source lazily; the count and
share patterns start with the digit (the approximation word before it is looked for apart).
"""

from __future__ import annotations

import functools
import random
import re
from pathlib import Path

import pytest

from gklint.core.text import PINYIN_DEBRIS_RE, SPACES_RE
from gklint.facts import figures, period
from gklint.run.config import Settings
from gklint.run.engine import Linter

FIXTURES = Path(__file__).parent / "fixtures"
REPORTS = sorted((FIXTURES / "seeds").glob("*.txt")) + [FIXTURES / "samples" / "huaian-2024-pdf-text.txt"]
NOISE = ["，", "统计", "9", "十", "月", "日", "年", "二〇", "2019", "自", "由"]
SCANS = [(period.DATE_RE, period._DATE_REACH), (period.RANGE_RE, period._RANGE_REACH)]


def _found(matches):
    return [(m.span(), m.groups()) for m in matches]


def _random_texts(count: int, seed: int = 3) -> list[str]:
    """Date ranges and dates, written every way the patterns allow, amid characters they use."""
    rnd = random.Random(seed)

    def date() -> str:
        year = rnd.choice(["", "2020年", "二〇二〇年", "2019年"])
        return year + rnd.choice(["1", "12", "一", "十二", "十"]) + "月" + rnd.choice(["", "1日", "31日", "三十一日", "二十日", "3号"])

    def text() -> str:
        parts = [rnd.choice(NOISE) for _ in range(rnd.randint(0, 3))]
        parts.append(
            rnd.choice(["", "自", "从", "由"])
            + date()
            + rnd.choice(["", "起"])
            + rnd.choice(["至", "到", "—", "-", "至至"])
            + date()
            + rnd.choice(["", "止"])
        )
        parts += [rnd.choice(NOISE) for _ in range(rnd.randint(0, 3))]
        if rnd.random() < 0.5:
            parts.insert(0, date())
        return "".join(parts)

    return [text() for _ in range(count)]


@pytest.mark.parametrize("pattern,reach", SCANS, ids=["date", "range"])
def test_finditer_near_finds_what_finditer_finds(pattern, reach):
    found = 0
    for text in _random_texts(3000):
        expected = _found(pattern.finditer(text))
        assert _found(period._finditer_near(pattern, text, "月", reach)) == expected, text
        found += len(expected)
    assert found > 2000  # the texts hold many dates and ranges


@pytest.mark.parametrize("pattern,reach", SCANS, ids=["date", "range"])
def test_reach_is_no_larger_than_needed(pattern, reach):
    """One less and some match is missed: the reach is what the pattern needs, not a guess."""
    texts = _random_texts(3000)
    assert any(_found(period._finditer_near(pattern, text, "月", reach - 1)) != _found(pattern.finditer(text)) for text in texts)


@functools.cache
def _reports():
    linter = Linter(Settings(select=["ALL"]))
    reports = [linter.parse(linter.reader_for(path).read(path, path.read_bytes()), path) for path in REPORTS]
    # the loops below check something: six reports, each with passages to scan
    assert len(reports) == 6 and all(len(report.facts.passages) > 10 for report in reports)
    return reports


def _plain_fold(text: str) -> tuple[str, tuple[int, ...]]:
    """The folded text and index by the definition: drop debris and spaces, fold each character."""
    drops = {i for m in PINYIN_DEBRIS_RE.finditer(text) for i in range(*m.span())}
    drops |= {i for m in SPACES_RE.finditer(text) for i in range(*m.span())}
    index = tuple(i for i in range(len(text)) if i not in drops)
    return "".join(period._fold_char(text[i]) for i in index), index


def test_passages_fold_every_paragraph_as_fold_does():
    for report in _reports():
        for passage in list(report.facts.passages):
            text, index = _plain_fold(passage.paragraph.text)
            assert (passage.text, passage.folded.index) == (text, index)
        assert report.facts.passages.text == "\n".join(p.text for p in report.facts.passages)


def test_fold_drops_debris_and_spaces_and_maps_back():
    text = "統(tǒng)計 期限（qī）為 ２０２０年"
    folded = period.fold(text)
    assert folded.text == "统计期限为2020年"
    assert (folded.text, folded.index) == _plain_fold(text)
    start, end = folded.span(0, 4)
    assert text[start:end] == "統(tǒng)計 期限"


def test_seed_dates_found_as_by_finditer():
    for report in _reports():
        for passage in list(report.facts.passages):
            for pattern, reach in SCANS:
                assert _found(period._finditer_near(pattern, passage.text, "月", reach)) == _found(pattern.finditer(passage.text))


# --- figures: counts and shares found by digit-first patterns ---------------------------------


class _Paragraph:
    """Offsets map to themselves."""

    def __init__(self, text: str) -> None:
        self.text = text

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        return start, end


def _counts(text: str, start: int = 0, end: int | None = None) -> list[tuple[str, str, bool]]:
    report = _reports()[0]
    pattern = figures._quantity_re(report.template.data["figures"])
    found = figures._located_quantities(text, start, len(text) if end is None else end, pattern, _Paragraph(text))
    return [(str(q.value), q.unit, q.approximate) for q, _, _ in found]


def test_counts_with_their_approximation_words():
    assert _counts("主动公开4790条，约 1,200条，超过\u300012件，逾5次，近3.5万条") == [
        ("4790", "条", False),
        ("1200", "条", True),
        ("12", "件", True),
        ("5", "次", True),
        ("35000", "条", True),
    ]
    # 约 before the previous count, or before the range searched, does not make a count approximate.
    assert _counts("约5条3条") == [("5", "条", True), ("3", "条", False)]
    assert _counts("约5条", 1) == [("5", "条", False)]


def test_a_number_is_never_the_tail_of_another():
    assert _counts("1.5条，2.25条，共12条") == [("3/2", "条", False), ("9/4", "条", False), ("12", "条", False)]
    assert _counts("编号A.15条") == []  # after a point: not a number of its own
    assert _counts("第12件") == [("12", "件", False)]
    assert _counts("第12件", 2) == []  # the 2 after the 1 is no number of its own


def test_shares_after_markers_and_in_brackets():
    config = _reports()[0].template.data["figures"]
    text = "网站公开100条（12.5%），占比87.5%，同比增长3%"
    shares = figures._shares(text, 0, len(text), config, _Paragraph(text))
    assert [(s.text, s.decimals) for s in shares] == [("12.5%", 1), ("87.5%", 1)]


# --- passages_with: the passages holding a word or matching a pattern, without a loop over all ----


def test_passages_with_finds_each_passage_that_holds_the_needle():
    needles = ["《", "申请", "行政复议", "月", "不存在的词", re.compile(r"(?:19|20)\d{2}年"), re.compile("国务院令|国令")]
    for report in _reports():
        for needle in needles:
            if isinstance(needle, str):
                expected = [p for p in list(report.facts.passages) if needle in p.text]
            else:
                expected = [p for p in list(report.facts.passages) if needle.search(p.text)]
            assert report.facts.passages.holding(needle) == expected, needle
        assert report.facts.passages.holding("《", "申请") == [p for p in list(report.facts.passages) if "《" in p.text or "申请" in p.text]


def test_texts_holding_with_empty_texts_and_needles_at_the_edges():
    texts = ["", "ab", "", "ba", "a"]
    joined, starts = "\n".join(texts), period.text_starts(texts)
    assert period.texts_holding(joined, starts, ["a"]) == [1, 3, 4]
    assert period.texts_holding(joined, starts, ["b", "x"]) == [1, 3]
    assert period.texts_holding(joined, starts, [re.compile("ba|ab")]) == [1, 3]
    assert period.texts_holding(joined, starts, []) == []


def test_heading_inside_is_the_pattern():
    """`read.heading_inside` (from the numerals back) says what HEADING_INSIDE_RE.search says."""
    from gklint.read import HEADING_INSIDE_RE, heading_inside

    rnd = random.Random(11)
    pieces = ["一、", "二.", "6、", "7、", "。", "，", " ", "\u3000", "\n", "\r", "文", "a", "）", "：", "三．", "、"]
    texts = ["".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 12))) for _ in range(20000)]
    texts += [path.read_text(encoding="utf-8") for path in REPORTS]
    assert sum(heading_inside(t) for t in texts) > 1000
    for text in texts:
        assert heading_inside(text) == (HEADING_INSIDE_RE.search(text) is not None), repr(text)


def test_edits_built_many_at_once_are_edits():
    import pickle

    from gklint.core.violation import Edit

    spans = [(0, 0, ""), (3, 5, "区"), (7, 9, "x\n")]
    many = Edit.many(spans)
    assert many == [Edit(*span) for span in spans] and [hash(e) for e in many] == [hash(Edit(*s)) for s in spans]
    assert pickle.loads(pickle.dumps(many)) == many
    with pytest.raises(AttributeError):
        many[0].start = 1  # still frozen
