"""The fast whole-text scans agree with the per-character definitions they stand in for.

`text.traditional_chars()` converts the whole CJK block in one OpenCC call (one character a
line); `period.fold` skips the per-character work when its pre-scan finds no character that
`_fold_char` would change. Both must see exactly what the one-character functions see.
"""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from gklint.core.text import (
    _TONED,
    PINYIN_DEBRIS_RE,
    is_simplified_char,
    is_traditional_char,
    simplified_chars,
    traditional_chars,
    traditional_re,
)
from gklint.facts.period import _OTHER_FOLDABLE_RE, _fold_char, fold

from .conftest import seed


def test_traditional_chars_is_the_per_character_set():
    per_char = "".join(chr(code) for code in range(0x3400, 0xA000) if is_traditional_char(chr(code)))
    assert traditional_chars() == per_char
    assert "區" in per_char and "区" not in per_char
    assert traditional_re().search("统计期限") is None
    assert traditional_re().search("統計期限").group() == "統"


def test_simplified_chars_is_the_per_character_set():
    """Simplified-only: OpenCC s2t changes the character alone and t2s keeps it."""
    import opencc

    s2t, t2s = opencc.OpenCC("s2t"), opencc.OpenCC("t2s")
    block = (chr(code) for code in range(0x3400, 0xA000))
    per_char = {c for c in block if s2t.convert(c) != c and t2s.convert(c) == c}
    assert simplified_chars() == per_char
    assert is_simplified_char("区") and is_simplified_char("报") and not is_simplified_char("區")
    assert not is_simplified_char("政") and not is_simplified_char("a")


def test_fold_prescan_covers_every_changed_character():
    codes = [*range(0xD800), *range(0xE000, 0x10000), *range(0x2F800, 0x2FA20)]
    missed = [
        hex(code)
        for code in codes
        if _fold_char(chr(code)) != chr(code) and not (traditional_re().match(chr(code)) or _OTHER_FOLDABLE_RE.match(chr(code)))
    ]
    assert missed == []


def test_fold_with_and_without_foldable_characters():
    assert fold("统计期限为2020年").text == "统计期限为2020年"
    folded = fold("統計期限為２０２０年 ⼀月")
    assert folded.text == "统计期限为2020年一月"
    assert folded.index == (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12)


# The debris pattern as first written: a Han character before the bracket, as a look-behind at the start.
_PINYIN_DEBRIS_PLAIN = re.compile(r"(?<=[\u3400-\u9fff])[(（](?=[a-z" + _TONED + r"]{0,5}[" + _TONED + r"])[a-z" + _TONED + r"]{1,6}[)）]")


@given(st.text(alphabet="區报告a qūbàoǎo()（）ü1。", max_size=60))
def test_pinyin_debris_scan_matches_its_plain_definition(text):
    """PINYIN_DEBRIS_RE starts with the bracket (so the engine can skip ahead to brackets) and looks
    behind it for the Han character: the same matches as the look-behind-first pattern."""
    assert [m.span() for m in PINYIN_DEBRIS_RE.finditer(text)] == [m.span() for m in _PINYIN_DEBRIS_PLAIN.finditer(text)]


def test_pinyin_debris_scan_on_the_seed_with_debris():
    text = seed("001").read_text(encoding="utf-8")
    found = [m.span() for m in PINYIN_DEBRIS_RE.finditer(text)]
    assert len(found) > 50 and found == [m.span() for m in _PINYIN_DEBRIS_PLAIN.finditer(text)]
