"""A crawler's metadata header in front of a page's text:

    标题: 平潭综合实验区2022年度政府信息公开工作年度报告
    发布时间: 2023-02-20 15:07
    文号:
    原文链接: https://…
    页面链接与图片详见 links.tsv(同目录)
    ==================== 正文 ====================

`key: value` lines from the first line on, up to a rule that says 正文 (the body). What is in it
is metadata (the publication date for GK204, the title for the year and the body's name), not
report text. Without the 正文 rule within the first lines there is no header: a report that only
starts with 「标题：…」 is read as it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_HEADER_LINES = 30
_FIELD_RE = re.compile(r"^[ \t\u3000]*(?P<key>[^\s|:：]{1,12})[ \t\u3000]*[:：][ \t\u3000]*(?P<value>.*?)[ \t\u3000]*$")
# ==== 正文 ====, —— 正文 ——, ---正文---: a rule of at least three marks on each side.
_BODY_RULE_RE = re.compile(r"^[ \t\u3000]*[=\-—─_*#~]{3,}[ \t\u3000]*正[ \t\u3000]*文[ \t\u3000]*[=\-—─_*#~]{3,}[ \t\u3000]*$")


@dataclass(frozen=True)
class HeaderField:
    key: str  # as written
    value: str  # stripped
    value_start: int  # offset of the value's first character in the text
    line: int  # 1-based


@dataclass(frozen=True)
class CrawlHeader:
    fields: tuple[HeaderField, ...]
    last_line: int  # the 正文 rule's line number: the body starts after it


def find_crawl_header(lines: list) -> CrawlHeader | None:
    """The header of a crawled page in `lines` (objects with .number, .start, .text), or None.

    The first non-blank line must be a `key: value` field and a 正文 rule must follow within
    MAX_HEADER_LINES lines; lines between that are not fields (a note on attachments) are header too.
    """
    fields: list[HeaderField] = []
    for line in lines[:MAX_HEADER_LINES]:
        if _BODY_RULE_RE.match(line.text):
            return CrawlHeader(tuple(fields), line.number) if fields else None
        match = _FIELD_RE.match(line.text)
        if match is None:
            if not fields and line.text.strip():
                return None  # the text does not open with a field: no header
            continue
        fields.append(HeaderField(match.group("key"), match.group("value"), line.start + match.start("value"), line.number))
    return None


@dataclass(frozen=True)
class _Line:
    number: int
    start: int
    text: str


def body_start(text: str) -> int:
    """Offset where the report's text begins: after a crawler's header and its 正文 rule, else 0."""
    lines, position = [], 0
    for number, raw in enumerate(text.splitlines(keepends=True)[:MAX_HEADER_LINES], start=1):
        lines.append(_Line(number, position, raw.rstrip("\r\n")))
        position += len(raw)
    header = find_crawl_header(lines)
    if header is None:
        return 0
    rule = lines[header.last_line - 1]
    return rule.start + len(text.splitlines(keepends=True)[header.last_line - 1])
