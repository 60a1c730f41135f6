"""GK107: the preamble declares a number or a list of parts that differs from the template."""

from __future__ import annotations

import re

from gklint.api import Finding, Severity, rule
from gklint.core.text import ascii_digits, cn_to_int, label_key, strip_pinyin_debris, to_simplified

_COUNT_RE = re.compile(
    r"(?:(?P<a>[一二三四五六七八九十两兩]|[0-9０-９]{1,2})[个個]部分)"
    r"|(?:(?:共|分为|分為|分成)(?P<b>[一二三四五六七八九十两兩]|[0-9０-９]{1,2})部分)"
)
_SENTENCE_RE = re.compile(r"[^。；;！!？?]+[。；;！!？?]?")
_TRIGGER_RE = re.compile(r"由|包括|包含|分为|分為|分成|分别是|分別是|依次为|依次為")
_LIST_END_RE = re.compile(r"组成|組成|构成|構成|等|。|；|;")
_SPLIT_RE = re.compile(r"[、，,和及与與]|以及")
# A number before 部分 is taken from where its run of numerals starts (the look-behind after its
# first character): tried at every numeral of a long run, each attempt rescanned the run's rest.
_FILLER_RE = re.compile(
    r"(?:[一二三四五六七八九十两0-9](?<![一二三四五六七八九十两0-9]{2})[一二三四五六七八九十两0-9]*)?[个個]?部分"
    r"|几|等|共|本报告|全文|内容|方面|组成|構成|构成|[\s（）()《》“”]"
)


def _value(raw: str) -> int | None:
    raw = ascii_digits(raw).replace("兩", "两")
    if raw.isdigit():
        return int(raw)
    return 2 if raw == "两" else cn_to_int(raw)


def _mentions(sentence_key: str, spec) -> bool:
    keys = [label_key(t) for t in (spec.title, *spec.variants)] + [label_key(c) for c in spec.core]
    return any(k and k in sentence_key for k in keys)


def _extras(sentence: str, specs) -> list[str]:
    """Items of a parts list that name no template section."""
    trigger = _TRIGGER_RE.search(sentence)
    if not trigger:
        return []
    tail = sentence[trigger.end() :]
    end = _LIST_END_RE.search(tail)
    segment = tail[: end.start()] if end else tail
    for spec in specs:
        for phrase in sorted((spec.title, *spec.variants, *spec.core), key=len, reverse=True):
            segment = segment.replace(phrase, "§")
    extras = []
    for chunk in _SPLIT_RE.split(segment):
        if "§" in chunk:
            continue
        rest = _FILLER_RE.sub("", chunk)
        if sum("\u4e00" <= c <= "\u9fff" for c in rest) >= 4:  # Han characters (a regex class costs 2 ms to compile)
            extras.append(chunk.strip())
    return extras


@rule(
    "GK107",
    "preamble-parts",
    Severity.WARNING,
    hint=True,
    summary="引言声明的部分数量或部分名单与模板的六个部分不一致",
    summary_en="the preamble declares a number or list of parts that differs from the template's six sections",
)
def check(report, options):
    """## What it does
    Reads the preamble (the text between the title and 「一、总体情况」) for a statement of the
    report's parts: a number (「本报告共五个部分」) or a list (「本报告由总体情况、主动公开政府信息
    情况……组成」). It reports a number other than six, and a list that leaves out one of the six
    template sections or names a part that is not one of them.

    The declaration is compared with the template's six sections, not with the sections found
    in the report: a section that is missing from the body is GK101's finding, and a preamble
    that correctly lists six parts is not wrong because the body lost one.

    ## Why it matters
    The national template (国办公开办函〔2019〕60号, 〔2021〕30号) fixes six sections. A preamble
    saying 「五个部分」 over six sections (or a list copied from an older report) is a common
    error assessors report; it tells the reader the document is inconsistent from its first lines.

    ## Example
    ```
    本报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、存在的主要问题及改进情况、
    其他需要报告的事项五个部分组成。      ← 漏列「政府信息公开行政复议、行政诉讼情况」，且应为六个部分
    ```

    ## Fix safety
    No automatic fix: the sentence is the author's. The message names the template's six parts
    and what the declaration lacks or adds.

    ## 做什么
    在引言（标题与「一、总体情况」之间的文字）中查找关于报告组成部分的说明：数量（「本报告共五个部分」）
    或名单（「本报告由总体情况、主动公开政府信息情况……组成」）。报告数量不是六，以及名单漏列模板六个
    部分之一或列出了不属于这六个部分的名称。

    说明是与模板的六个部分比较，而不是与报告中找到的部分比较：正文缺少的部分是 GK101 的问题，引言
    正确列出六个部分不因正文丢了一部分而算错。

    ## 为什么重要
    国家模板（国办公开办函〔2019〕60号、〔2021〕30号）规定了六个部分。六个部分的报告在引言里写
    「五个部分」（或沿用旧报告的名单）是评估人员常报的错误，让读者从第一段起就看出文件前后不一。

    ## 示例

    ## 修复安全性
    不自动修复：这句话由作者撰写。消息列出模板的六个部分，以及说明中缺少或多出的部分。
    """
    specs = report.template.sections
    total = len(specs)
    preamble = report.preamble_lines
    for paragraph in report.paragraphs:
        if paragraph.section != 0 or paragraph.first_line not in preamble:
            continue
        text = paragraph.text
        for match in _COUNT_RE.finditer(text):
            value = _value(match.group("a") or match.group("b"))
            if value is None or value == total:
                continue
            start, end = paragraph.source_span(match.start(), match.end())
            yield Finding(
                start,
                end,
                zh=f"引言称报告有「{match.group()}」，模板规定六个部分（一、总体情况至六、其他需要报告的事项）",
                en=f"the preamble declares 「{match.group()}」 ({value} parts); the template has six sections",
            )
        for sentence_match in _SENTENCE_RE.finditer(text):
            raw = sentence_match.group()
            sentence = to_simplified(strip_pinyin_debris(raw))
            if not _TRIGGER_RE.search(sentence):
                continue
            key = label_key(sentence)
            mentioned = [spec for spec in specs if _mentions(key, spec)]
            if len(mentioned) < 3:
                continue
            missing = [spec for spec in specs if spec not in mentioned]
            extras = _extras(sentence, specs)
            if not missing and not extras:
                continue
            parts_zh, parts_en = [], []
            if missing:
                names = "、".join(f"「{s.title}」" for s in missing)
                parts_zh.append(f"漏列{names}")
                parts_en.append(f"leaves out {', '.join(s.title for s in missing)}")
            if extras:
                names = "、".join(f"「{e}」" for e in extras)
                parts_zh.append(f"多列了模板之外的{names}")
                parts_en.append(f"adds {', '.join(extras)}, which is not a template section")
            start, end = paragraph.source_span(sentence_match.start(), sentence_match.end())
            yield Finding(
                start,
                end,
                zh=f"引言列出的报告组成与模板的六个部分不一致：{'，'.join(parts_zh)}",
                en=f"the preamble's list of parts differs from the template's six sections: it {'; it '.join(parts_en)}",
            )


RULE = check
