"""Leading numbering of headings and items: 一、 （一） 1. （1） and their half-width forms.

GB/T 9704-2012 7.3.3 fixes the hierarchy: 一、 → （一） → 1. → （1）. A style's LEVEL is its
place in that hierarchy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gklint.core.text import ascii_digits, cn_to_int

CN = "cn"  # 一、
PAREN_CN = "paren_cn"  # （一）
ARABIC = "arabic"  # 1. or 1、
PAREN_ARABIC = "paren_arabic"  # （1）

LEVEL = {CN: 1, PAREN_CN: 2, ARABIC: 3, PAREN_ARABIC: 4}

_SPACE = r"[ \t\u00a0\u2002\u2003\u3000]*"
_CN_NUM = r"[一二三四五六七八九十]{1,3}"
_AR_NUM = r"[0-9０-９]{1,2}"
_PATTERNS = (
    (PAREN_CN, re.compile(rf"(?P<open>[（(]){_SPACE}(?P<num>{_CN_NUM}){_SPACE}(?P<close>[）)])")),
    (PAREN_ARABIC, re.compile(rf"(?P<open>[（(]){_SPACE}(?P<num>{_AR_NUM}){_SPACE}(?P<close>[）)])")),
    (CN, re.compile(rf"(?P<num>{_CN_NUM}){_SPACE}(?P<sep>[、.．])")),
    # "1.5万" is a number, not numbering: no digit may follow the separator.
    (ARABIC, re.compile(rf"(?P<num>{_AR_NUM}){_SPACE}(?P<sep>[、.．])(?![0-9０-９])")),
)
_LEADING_SPACE_RE = re.compile(_SPACE)
# What every pattern above can start with (after the leading spaces): most lines are no numbering.
_MAY_START_RE = re.compile(rf"{_SPACE}[（(一二三四五六七八九十0-9０-９]")
_TRAILING_SPACE_RE = re.compile(_SPACE)


@dataclass(frozen=True)
class Numbering:
    """A numbering token at the start of a line. Offsets are absolute in the report text."""

    style: str
    value: int
    start: int  # first character of the token
    end: int  # just after the token's separator or closing bracket
    title_start: int  # first character after the token and any spaces
    token: str
    halfwidth: bool  # written with ( ) instead of （ ）

    @property
    def level(self) -> int:
        return LEVEL[self.style]


def parse_numbering(line_text: str, line_start: int) -> Numbering | None:
    """The numbering at the start of a line (after leading spaces), or None."""
    if _MAY_START_RE.match(line_text) is None:
        return None
    lead = _LEADING_SPACE_RE.match(line_text).end()
    for style, pattern in _PATTERNS:
        match = pattern.match(line_text, lead)
        if not match:
            continue
        raw = match.group("num")
        value = cn_to_int(raw) if style in (CN, PAREN_CN) else int(ascii_digits(raw))
        if value is None or value == 0:
            continue
        title_start = _TRAILING_SPACE_RE.match(line_text, match.end()).end()
        halfwidth = "(" in match.group(0) or ")" in match.group(0)
        return Numbering(
            style=style,
            value=value,
            start=line_start + match.start(),
            end=line_start + match.end(),
            title_start=line_start + title_start,
            token=match.group(0),
            halfwidth=halfwidth,
        )
    return None


def render(style: str, value: int) -> str:
    """The canonical token for a style and value: 二、 （二） 2. （2）."""
    from gklint.core.text import int_to_cn

    if style == CN:
        return f"{int_to_cn(value)}、"
    if style == PAREN_CN:
        return f"（{int_to_cn(value)}）"
    if style == ARABIC:
        return f"{value}."
    return f"（{value}）"
