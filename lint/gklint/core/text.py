"""The one normaliser: script, brackets, numerals, converter and extraction debris.

Nothing here rewrites a whole report. Functions take short strings (a heading, a
label) or single characters, so offsets into the source text stay exact.
Never NFKC a whole text: it turns ，into , and 。into ., which changes meaning.
"""

from __future__ import annotations

import functools
import re
import sys
import unicodedata
from pathlib import Path

import opencc

# --- script -----------------------------------------------------------------

_T2S = opencc.OpenCC("t2s")


@functools.lru_cache(maxsize=8192)
def to_simplified(text: str) -> str:
    """Traditional → simplified with OpenCC's t2s tables."""
    return _T2S.convert(text)


@functools.lru_cache(maxsize=65536)
def is_traditional_char(char: str) -> bool:
    """True when OpenCC maps this Han character to a different simplified one."""
    if not ("\u3400" <= char <= "\u9fff"):
        return False
    return _T2S.convert(char) != char


def _block_chars(name: str, select) -> str:
    """`select(block)`: the characters of U+3400–U+9FFF it picks by how OpenCC converts each
    (`_traditional`: t2s changes it; `_simplified`: s2t changes it and t2s keeps it).

    One OpenCC call a direction for the whole block, one character a line: no phrase spans a line
    break, so each character converts as it does alone (tests/test_text_scan.py checks this). Kept
    in `__pycache__` (`gklint.core.cache`) for the OpenCC installed: the calls, and loading the tables,
    cost more than a lint."""
    from gklint.core.cache import cached, key_line

    library = Path(opencc.__file__)
    stat = library.stat()
    key = key_line(name, getattr(opencc, "__version__", "?"), library, stat.st_size, stat.st_mtime_ns)
    cache = Path(__file__).parent / "__pycache__" / f"{name}.{sys.implementation.cache_tag}.gklint"
    return cached(cache, key, lambda: select(_CJK_BLOCK))


_CJK_BLOCK = "".join(map(chr, range(0x3400, 0xA000)))


def _converted(converter: opencc.OpenCC, chars: str) -> list[str]:
    converted = converter.convert("\n".join(chars)).split("\n")
    if len(converted) != len(chars):  # pragma: no cover - a converter that joins lines
        raise RuntimeError("OpenCC joined lines: cannot list the characters it converts")
    return converted


def _traditional(chars: str) -> str:
    return "".join([c for c, simple in zip(chars, _converted(_T2S, chars)) if simple != c])


def _simplified(chars: str) -> str:
    s2t = _converted(opencc.OpenCC("s2t"), chars)
    return "".join([c for c, simple, old in zip(chars, _converted(_T2S, chars), s2t) if old != c and simple == c])


@functools.cache
def traditional_chars() -> str:
    """Every character `is_traditional_char` accepts, in code-point order."""
    return _block_chars("traditional-chars", _traditional)


@functools.cache
def traditional_re() -> re.Pattern:
    """A character `is_traditional_char` accepts: a fast scan of whole texts for any."""
    return re.compile(f"[{traditional_chars()}]")


@functools.cache
def simplified_chars() -> frozenset[str]:
    """Every simplified-only Han character (OpenCC s2t changes it, t2s keeps it): 区, 报."""
    return frozenset(_block_chars("simplified-chars", _simplified))


def is_simplified_char(char: str) -> bool:
    """True for a simplified-only Han character (OpenCC s2t changes it, t2s keeps it): 区, 报."""
    return char in simplified_chars()


# --- converter debris: pinyin left in parentheses after a character (區(qū)) ---

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü"
# A Han character, then a bracketed Latin syllable carrying a tone mark or ü. The bracket comes
# first and the look-behind checks the character before it: a pattern that starts with a
# character class lets the regex engine skip ahead to the brackets (3x faster on whole reports).
PINYIN_DEBRIS_RE = re.compile(r"[(（](?<=[\u3400-\u9fff][(（])(?=[a-z" + _TONED + r"]{0,5}[" + _TONED + r"])[a-z" + _TONED + r"]{1,6}[)）]")


def strip_pinyin_debris(text: str) -> str:
    return PINYIN_DEBRIS_RE.sub("", text)


# --- CJK radicals and compatibility ideographs left by PDF extraction --------

# U+2E80–U+2EFF (CJK Radicals Supplement) has no NFKC mapping: a table is needed.
RADICAL_SUPPLEMENT = {
    "⺁": "厂",
    "⺇": "几",
    "⺈": "刀",
    "⺋": "卩",
    "⺍": "小",
    "⺎": "兀",
    "⺏": "尢",
    "⺐": "尢",
    "⺒": "巳",
    "⺓": "幺",
    "⺔": "彐",
    "⺕": "彐",
    "⺛": "旡",
    "⺝": "月",
    "⺟": "母",
    "⺠": "民",
    "⺡": "氵",
    "⺢": "水",
    "⺣": "灬",
    "⺤": "爫",
    "⺥": "爫",
    "⺦": "丬",
    "⺧": "牛",
    "⺨": "犭",
    "⺩": "王",
    "⺪": "疋",
    "⺫": "罒",
    "⺬": "示",
    "⺭": "礻",
    "⺮": "竹",
    "⺯": "糸",
    "⺰": "纟",
    "⺱": "冈",
    "⺲": "罒",
    "⺳": "网",
    "⺴": "网",
    "⺵": "网",
    "⺶": "羊",
    "⺷": "羊",
    "⺸": "羊",
    "⺹": "耂",
    "⺺": "聿",
    "⺻": "聿",
    "⺼": "月",
    "⺽": "臼",
    "⺾": "艹",
    "⺿": "艹",
    "⻀": "艹",
    "⻁": "虎",
    "⻂": "衤",
    "⻃": "西",
    "⻄": "西",
    "⻅": "见",
    "⻆": "角",
    "⻇": "角",
    "⻈": "讠",
    "⻉": "贝",
    "⻊": "足",
    "⻋": "车",
    "⻌": "辶",
    "⻍": "辶",
    "⻎": "辶",
    "⻏": "阝",
    "⻐": "钅",
    "⻑": "长",
    "⻒": "长",
    "⻓": "长",
    "⻔": "门",
    "⻕": "门",
    "⻖": "阝",
    "⻗": "雨",
    "⻘": "青",
    "⻙": "韦",
    "⻚": "页",
    "⻛": "风",
    "⻜": "飞",
    "⻝": "食",
    "⻞": "食",
    "⻟": "食",
    "⻠": "饣",
    "⻡": "首",
    "⻢": "马",
    "⻣": "骨",
    "⻤": "鬼",
    "⻥": "鱼",
    "⻦": "鸟",
    "⻧": "卤",
    "⻨": "麦",
    "⻩": "黄",
    "⻪": "黾",
    "⻫": "齐",
    "⻬": "齐",
    "⻭": "齿",
    "⻮": "齿",
    "⻯": "龙",
    "⻰": "龙",
    "⻱": "龟",
    "⻲": "龟",
    "⻳": "龟",
}


@functools.lru_cache(maxsize=4096)
def ordinary_char(char: str) -> str | None:
    """The ordinary character for a radical/compatibility code point, or None if already ordinary."""
    if char in RADICAL_SUPPLEMENT:
        return RADICAL_SUPPLEMENT[char]
    code = ord(char)
    # Kangxi radicals and CJK compatibility ideographs: NFKC maps these, one char at a time.
    if 0x2F00 <= code <= 0x2FDF or 0xF900 <= code <= 0xFAFF or 0x2F800 <= code <= 0x2FA1F:
        mapped = unicodedata.normalize("NFKC", char)
        return mapped if mapped != char else None
    return None


RADICAL_RE = re.compile("[\u2e80-\u2eff\u2f00-\u2fdf\uf900-\ufaff\U0002f800-\U0002fa1f]")


def map_radicals(text: str) -> str:
    return RADICAL_RE.sub(lambda m: ordinary_char(m.group()) or m.group(), text)


# --- brackets, digits, spaces -------------------------------------------------

_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_BRACKETS = str.maketrans({"(": "（", ")": "）", "〔": "（", "〕": "）", "[": "（", "]": "）"})

# Every kind of space a Word/PDF export leaves: ASCII, NBSP, en/em spaces, ideographic.
SPACE_CHARS = " \t\u00a0\u2002\u2003\u2009\u200b\u3000\ufeff"
SPACES_RE = re.compile(f"[{SPACE_CHARS}]+")
# Punctuation ignored when comparing labels: separators and quotes vary between drafts.
_LABEL_PUNCT_RE = re.compile(r"[、.．,，;；:：“”\"'‘’「」《》（）()\[\]【】/／\-—–_|·]")


_FULLWIDTH_DIGIT_RE = re.compile("[０-９]")

# The most digits a figure of a report has (money in 元 with fen: some 15). A longer run of digits
# is no figure (an identifier glued into a cell, hostile input): int() refuses 4,301 digits and
# float() overflows to inf, so such a run is never converted.
MAX_FIGURE_DIGITS = 30


def ascii_digits(text: str) -> str:
    if _FULLWIDTH_DIGIT_RE.search(text) is None:  # the common case; translate is slow on long text
        return text
    return text.translate(_FULLWIDTH_DIGITS)


def fullwidth_brackets(text: str) -> str:
    return text.translate(_BRACKETS)


def strip_spaces(text: str) -> str:
    return SPACES_RE.sub("", text)


@functools.lru_cache(maxsize=16384)
def label_key(text: str) -> str:
    """Comparison key for headings and table labels.

    Debris, radicals and script are mapped; spaces, brackets and separators dropped;
    digits made ASCII. Two labels with the same key say the same thing.
    """
    text = strip_pinyin_debris(text)
    text = map_radicals(text)
    text = to_simplified(text)
    text = ascii_digits(text)
    text = strip_spaces(text)
    return _LABEL_PUNCT_RE.sub("", text)


# --- numerals ----------------------------------------------------------------

CN_DIGITS = "〇一二三四五六七八九"
_CN_VALUES = {c: i for i, c in enumerate(CN_DIGITS)}
_CN_VALUES.update({"零": 0, "○": 0, "Ｏ": 0, "壹": 1, "贰": 2, "叁": 3, "两": 2})


def cn_to_int(numeral: str) -> int | None:
    """Chinese numeral (一 … 九十九) → int; None if not a numeral."""
    numeral = numeral.strip()
    if not numeral:
        return None
    if "十" in numeral:
        tens, _, units = numeral.partition("十")
        tens_value = _CN_VALUES.get(tens, None) if tens else 1
        units_value = _CN_VALUES.get(units, None) if units else 0
        if tens_value is None or units_value is None:
            return None
        return tens_value * 10 + units_value
    if len(numeral) == 1 and numeral in _CN_VALUES:
        return _CN_VALUES[numeral]
    return None


def int_to_cn(value: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (for renumbering fixes)."""
    if value < 10:
        return CN_DIGITS[value]
    tens, units = divmod(value, 10)
    return ("" if tens == 1 else CN_DIGITS[tens]) + "十" + (CN_DIGITS[units] if units else "")


def cn_digit_string_to_int(text: str) -> int | None:
    """Digit-by-digit Chinese numbers as in years: 二〇二〇 → 2020."""
    if not text or any(c not in _CN_VALUES for c in text):
        return None
    return int("".join(str(_CN_VALUES[c]) for c in text))
