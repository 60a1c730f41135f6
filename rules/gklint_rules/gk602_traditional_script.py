"""GK602: traditional characters in a report that should be in simplified script (or a mix)."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from typing import Iterator

from gklint.api import Applicability, Edit, Finding, Fix, FixAvailability, Message, Severity, rule
from gklint.core.text import PINYIN_DEBRIS_RE, simplified_chars, to_simplified, traditional_re

_HAN_RUN_RE = re.compile(r"[\u3400-\u9fff]+")


def _without_debris(text: str) -> tuple[str, list[int], list[tuple[int, int]]]:
    """The text with pinyin debris cut out, where each piece of it starts in that text, and the
    debris cut out (source spans: one fewer than the pieces)."""
    spans = [match.span() for match in PINYIN_DEBRIS_RE.finditer(text)] if "(" in text or "（" in text else []
    if not spans:
        return text, [0], spans
    removed = itertools.accumulate(end - start for start, end in spans)
    clean_starts = [0, *(end - cut for (_, end), cut in zip(spans, removed))]
    return PINYIN_DEBRIS_RE.sub("", text), clean_starts, spans


def _differing_runs(old: str, new: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each run of positions where two texts of one length differ, found at C
    speed: the XOR of their code points (UTF-32) is zero exactly where they agree."""
    size = len(old)
    xor = int.from_bytes(old.encode("utf-32-le"), "little") ^ int.from_bytes(new.encode("utf-32-le"), "little")
    words = xor.to_bytes(4 * size, "little")
    # A code point has 21 bits: the low three bytes of each word, folded into one byte a position.
    folded = int.from_bytes(words[0::4], "little") | int.from_bytes(words[1::4], "little") | int.from_bytes(words[2::4], "little")
    for run in _NONZERO_RE.finditer(folded.to_bytes(size, "little")):
        yield run.span()


_NONZERO_RE = re.compile(rb"[^\x00]+")


def _simplified_runs(groups: list[str]) -> list[str]:
    """Each Han run converted as a whole (OpenCC's phrase tables apply), all in one call: no phrase
    holds a line break, so converting the runs joined by one is converting each."""
    converted = to_simplified("\n".join(groups)).split("\n")
    if len(converted) != len(groups):  # never seen; converted one by one then
        converted = [to_simplified(group) for group in groups]
    for index, (group, simple) in enumerate(zip(groups, converted)):
        if len(simple) != len(group):  # phrase of another length: fall back to characters
            converted[index] = "".join(to_simplified(c) if len(to_simplified(c)) == 1 else c for c in group)
    return converted


def conversions(report) -> list[tuple[int, str, str]]:
    """(source offset, characters, simplified) for every run of adjacent characters OpenCC t2s
    changes, in text order.

    Runs of Han characters are converted as a whole (debris cut out), so OpenCC's phrase
    tables apply: 乾隆 stays, 乾燥 becomes 干燥.
    """
    text = report.text
    traditional = traditional_re()  # exactly the characters is_traditional_char accepts
    if traditional.search(text) is None:  # fast scan: no traditional character anywhere
        return []
    # Runs never span a line break (not a Han character), so the whole text is converted run by run.
    clean, clean_starts, debris = _without_debris(text)
    runs = [run for run in _HAN_RUN_RE.finditer(clean) if traditional.search(run.group())]
    pieces, position = [], 0
    for run, simple in zip(runs, _simplified_runs([run.group() for run in runs])):
        pieces += (clean[position : run.start()], simple)
        position = run.end()
    pieces.append(clean[position:])
    simplified = "".join(pieces)
    if debris:  # the debris put back: the simplified text is the source's, offset for offset
        cuts = [*clean_starts, len(clean)]
        pieces = [simplified[cuts[0] : cuts[1]]]
        for index, (start, end) in enumerate(debris, 1):
            pieces += (text[start:end], simplified[cuts[index] : cuts[index + 1]])
        simplified = "".join(pieces)
    # A run of changes ends where debris was cut out of the source: debris is never changed.
    return [(start, text[start:end], simplified[start:end]) for start, end in _differing_runs(text, simplified)]


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
    offset, old, new = changed[0][0], changed[0][1][0], changed[0][2][0]
    count = sum(len(characters) for _, characters, _ in changed)
    counts = Counter(report.text)
    simplified = sum(counts[c] for c in simplified_chars().intersection(counts))  # is_simplified_char, as sets
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
            *Edit.many((start, start + len(was), simple) for start, was, simple in changed),
            description=Message(f"将 {count} 个繁体字转换为简体字（OpenCC t2s）", f"convert {count} characters to simplified (OpenCC t2s)"),
        ),
    )


RULE = check
