"""GK203: years disagree: the title's year against the metadata title and clear mentions in the text."""

from __future__ import annotations

import re

from gklint.api import Finding, Severity, rule
from gklint.core.template import law
from gklint.model.parser import find_year

_YEAR = r"(?P<y>(?:19|20)\d{2})"
# "本年度（2019年）": the text names this year and writes another.
_THIS_YEAR_RE = re.compile(rf"(?:本年度|本年|今年|报告年度)[（(]{_YEAR}年?度?[）)]")
# The preamble naming the report itself: "现公布…2019年政府信息公开工作年度报告".
_SELF_RE = re.compile(rf"{_YEAR}年度?政府信息公开(?:工作)?年度报告")
# A paragraph of 总体情况 opening on a year: "2019年，我办认真贯彻落实…".
_OPENING_RE = re.compile(rf"^(?:[（(][一二三四五六七八九十]+[）)][^。，]{{0,20}}。)?{_YEAR}年度?[，,]")


def _sentence(text: str, position: int) -> str:
    start = max(text.rfind(c, 0, position) for c in "。；！？") + 1
    ends = [i for i in (text.find(c, position) for c in "。；！？") if i >= 0]
    return text[start : min(ends) if ends else len(text)]


@rule(
    "GK203",
    "year-mismatch",
    Severity.WARNING,
    hint=True,
    summary="年份不一致：标题、元数据与正文中的年份（疑为沿用上年报告）",
    summary_en="years disagree: title, metadata and mentions in the text (a stale year copied from last year)",
)
def check(report, options):
    """## What it does
    Compares the title's year with the year of the portal's metadata title (标题) and with
    mentions in the text that can only mean the report year: 「本年度（2019年）」, the preamble
    naming the report itself (「现公布…2019年政府信息公开工作年度报告」), and a paragraph of
    总体情况 that opens on an earlier year (「2019年，我办认真贯彻落实…」) without comparing it
    (比, 同比, 以来, 上年…). Plans for next year and comparisons are left alone; a period of the
    wrong year is GK202's.

    ## Why it matters
    Drafts are often last year's report with new figures: a sentence that still says last year
    tells the public the text was not revised, and may carry last year's facts. 条例第四十九条
    asks for a report on the previous calendar year only.

    ## Example
    ```
    XX区2020年政府信息公开工作年度报告
    一、总体情况
    2019年，我办认真贯彻落实《中华人民共和国政府信息公开条例》…   ← 应为2020年
    ```

    ## Fix safety
    No fix: only the author knows whether the sentence is stale or means the earlier year; the
    message names the title's year.

    ## 做什么
    将标题中的年份与门户网站元数据标题（标题）中的年份比较，并与正文中只可能指报告年度的提法比较：
    「本年度（2019年）」、引言中提到报告本身（「现公布…2019年政府信息公开工作年度报告」），以及总体
    情况中以较早年份开头、又不作比较（比、同比、以来、上年…）的段落（「2019年，我办认真贯彻落实…」）。
    下一年的计划和同比比较不报告；统计期限年份错误归 GK202。

    ## 为什么重要
    草稿常常是上年报告换了新数字：还写着上年的句子告诉公众正文没有修改，也可能带着上年的事实。条例
    第四十九条只要求报告上一自然年度的情况。

    ## 示例

    ## 修复安全性
    不修复：只有作者知道这句话是沿用的旧文，还是确指较早的年份；消息写明标题的年份。
    """
    year = report.year
    if not year:
        return
    comparison = tuple(law()["years"]["comparison_words"])

    for key, field in report.metadata.items():
        if key != "标题":
            continue
        meta_year = find_year(field.value)
        if meta_year and meta_year != year:
            yield Finding(
                field.value_start,
                field.value_start + len(field.value),
                zh=f"元数据标题的年份{meta_year}年与报告标题的{year}年不一致",
                en=f"the metadata title says {meta_year}, the report title {year}",
            )

    def finding(passage, match, why_zh, why_en):
        start, end = passage.source_span(match.start("y"), match.end("y"))
        found = int(match.group("y"))
        return Finding(
            start,
            end,
            zh=f"{why_zh}写作{found}年，与报告年度{year}年不一致（疑为沿用上年报告）",
            en=f"{why_en} says {found}, but the report is for {year} (copied from last year's report?)",
        )

    # The pattern has no anchors or look-arounds: `report.facts.passages.holding` finds the passages it matches.
    # 年 or 度 is just before the bracket in every match: four str searches cost a third of the regex scan.
    bracketed = any(pair in report.facts.passages.text for pair in ("年（", "年(", "度（", "度("))
    for passage in report.facts.passages.holding(_THIS_YEAR_RE) if bracketed else ():
        for match in _THIS_YEAR_RE.finditer(passage.text):
            if int(match.group("y")) != year:
                yield finding(passage, match, "「本年度」", "「本年度」")
    for passage in report.facts.passages:
        text = passage.text
        if passage.section == 0:
            for match in _SELF_RE.finditer(text):
                if int(match.group("y")) != year and not any(w in _sentence(text, match.start()) for w in comparison):
                    yield finding(passage, match, "前言中本报告的名称", "the preamble's name of this report")
        elif passage.section == 1:
            match = _OPENING_RE.match(text)
            if match and int(match.group("y")) < year and not any(w in _sentence(text, match.start("y")) for w in comparison):
                yield finding(passage, match, "总体情况中描述本年度工作的段落", "a paragraph of 总体情况 on this year's work")


RULE = check
