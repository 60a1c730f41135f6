"""GK602: traditional characters in a report that should be in simplified script (or a mix)."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter

from gklint.api import Applicability, Edit, Finding, Fix, FixAvailability, Message, Severity, rule
from gklint.core.text import PINYIN_DEBRIS_RE, is_simplified_char, to_simplified, traditional_re

_HAN_RUN_RE = re.compile(r"[\u3400-\u9fff]+")


def _text_without_debris(text: str, start: int, end: int, debris: bool) -> tuple[str, list[int], list[int]]:
    """text[start:end] with pinyin debris cut out, and its pieces: the position of each piece
    in that text and the source offset of the piece's first character (ascending)."""
    matches = list(PINYIN_DEBRIS_RE.finditer(text, start, end)) if debris else ()
    if not matches:
        return text[start:end], [0], [start]
    kept: list[str] = []
    clean_starts: list[int] = []
    source_starts: list[int] = []
    position = start
    length = 0
    for match in matches:
        clean_starts.append(length)
        source_starts.append(position)
        kept.append(text[position : match.start()])
        length += match.start() - position
        position = match.end()
    clean_starts.append(length)
    source_starts.append(position)
    kept.append(text[position:end])
    return "".join(kept), clean_starts, source_starts


def conversions(report) -> list[tuple[int, str, str]]:
    """(source offset, character, simplified) for every character OpenCC t2s changes.

    Runs of Han characters are converted as a whole (debris cut out), so OpenCC's phrase
    tables apply: 乾隆 stays, 乾燥 becomes 干燥.
    """
    text = report.text
    changed: list[tuple[int, str, str]] = []
    traditional = traditional_re()  # exactly the characters is_traditional_char accepts
    if traditional.search(text) is None:  # fast scan: no traditional character anywhere
        return changed
    debris = "(" in text or "（" in text  # debris opens with a bracket
    # Runs never span a line break (not a Han character), so the whole text is converted run by run.
    clean, clean_starts, source_starts = _text_without_debris(text, 0, len(text), debris)
    for run in _HAN_RUN_RE.finditer(clean):
        group = run.group()
        if traditional.search(group) is None:
            continue
        converted = to_simplified(group)
        if len(converted) != len(group):  # phrase of another length: fall back to characters
            converted = "".join(to_simplified(c) if len(to_simplified(c)) == 1 else c for c in group)
        if converted == group:
            continue
        base = run.start()
        for index, (old, new) in enumerate(zip(group, converted)):
            if old != new:
                position = base + index
                piece = bisect_right(clean_starts, position) - 1  # the last piece starting at or before it
                changed.append((source_starts[piece] + position - clean_starts[piece], old, new))
    return changed


def _edits(changed: list[tuple[int, str, str]]) -> list[Edit]:
    """One edit per run of adjacent changed characters."""
    runs: list[list] = []  # [start, end, [replacement characters]]
    for offset, _, new in changed:
        if runs and runs[-1][1] == offset:
            runs[-1][1] = offset + 1
            runs[-1][2].append(new)
        else:
            runs.append([offset, offset + 1, [new]])
    return [Edit(start, end, "".join(chars)) for start, end, chars in runs]


@rule(
    "GK602",
    "traditional-script",
    Severity.WARNING,
    fix=FixAvailability.ALWAYS,
    applicability=Applicability.UNSAFE,
    summary="报告使用繁体字或繁简混用",
    summary_en="traditional characters in a report that should be simplified (or a mix of both)",
)
def check(report, options):
    """## What it does
    Counts the characters that OpenCC's t2s tables convert (whole runs of Han characters
    are converted, so phrase tables apply and 乾隆 is left alone) and reports them once, at
    the first one, saying how many there are and whether simplified-only characters are
    mixed in. Pinyin debris such as 「(qū)」 is ignored here (that is GK601).

    ## Why it matters
    Reports of mainland administrative bodies are official documents and use the
    national standard characters (《中华人民共和国国家通用语言文字法》第三条、第十四条;
    《通用规范汉字表》). A report in traditional script, or a mix produced by a web page's
    script switcher, cannot be compared with the template wording (国办公开办函〔2021〕30号)
    and is hard to search.

    ## Example
    ```
    六、其他需要報告事項
    ```
    should read `六、其他需要报告事项`.

    ## Fix safety
    Unsafe: OpenCC t2s is a one-to-many mapping in the other direction and cannot know
    every context (人名、地名、引文). One edit per run of converted characters; nothing
    else changes.

    ## 做什么
    统计 OpenCC 繁转简（t2s）表会转换的字（按整段汉字转换，所以词组表生效，「乾隆」不会被改），在第一个
    繁体字处报告一次，写明数量以及是否混有简体专用字。「(qū)」这样的拼音残留在此不计（那是 GK601）。

    ## 为什么重要
    大陆行政机关的报告是正式公文，使用国家通用规范汉字（《中华人民共和国国家通用语言文字法》第三条、
    第十四条；《通用规范汉字表》）。繁体报告或网页繁简切换造成的混用，无法与模板措辞（国办公开办函
    〔2021〕30号）比较，也难以检索。

    ## 示例
    ```
    六、其他需要報告事項
    ```
    应为 `六、其他需要报告事项`。

    ## 修复安全性
    不安全：反方向看，OpenCC 繁转简是一对多的映射，不可能知道所有语境（人名、地名、引文）。每段被转换
    的字一处修改，其他内容不变。
    """
    changed = conversions(report)
    if not changed:
        return
    offset, old, new = changed[0]
    count = len(changed)
    counts = Counter(report.text)
    simplified = sum(n for c, n in counts.items() if is_simplified_char(c))
    if simplified:
        zh_mix, en_mix = f"，同时有 {simplified} 个简体字（繁简混用）", f", mixed with {simplified} simplified-only characters"
    else:
        zh_mix, en_mix = "", ""
    yield Finding(
        offset,
        offset + 1,
        zh=f"全文有 {count} 个繁体字{zh_mix}，应使用规范简体字（首个「{old}」应为「{new}」）",
        en=f"{count} traditional characters in the report{en_mix}; use simplified script (first: 「{old}」 for 「{new}」)",
        fix=Fix.unsafe(
            *_edits(changed),
            description=Message(f"将 {count} 个繁体字转换为简体字（OpenCC t2s）", f"convert {count} characters to simplified (OpenCC t2s)"),
        ),
    )


RULE = check
