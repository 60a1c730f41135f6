"""GK108: 总体情况 lacks one of its five aspects."""

from __future__ import annotations

from gklint.api import Finding, Severity, rule
from gklint.core.text import map_radicals, strip_pinyin_debris, strip_spaces, to_simplified


def section_text(report, section) -> str:
    """The section's body, simplified and without spaces or converter debris (for keyword search)."""
    markers = {line.number for line in report.page_markers}
    body = "".join(line.text for line in report.body_lines(section) if line.number not in markers)
    return strip_spaces(to_simplified(map_radicals(strip_pinyin_debris(body))))


@rule(
    "GK108",
    "overview-aspects",
    Severity.INFO,
    hint=True,
    summary="总体情况缺少五个方面之一（主动公开、依申请公开、政府信息管理、平台建设、监督保障）",
    summary_en="总体情况 lacks one of its five aspects (proactive disclosure, requests, information management, platforms, supervision)",
)
def check(report, options):
    """## What it does
    Looks in section 一 (总体情况) for each of the five aspects the template expects it to cover:
    主动公开, 依申请公开, 政府信息管理, 平台建设 and 监督保障. An aspect counts as covered when one
    of its keywords (template data, `overview_aspects` in base.yaml) appears anywhere in the
    section, in either script. One finding per missing aspect, on the 总体情况 heading. Silent when
    section 一 is missing (GK101) or empty (GK105).

    ## Why it matters
    The national template (国办公开办函〔2019〕60号, 〔2021〕30号) asks 总体情况 to summarise the
    year's work under these five headings, usually as （一）主动公开 … （五）监督保障; assessors
    check that each is reported. Keyword matching is a rough test, hence info level.

    ## Example
    ```
    一、总体情况
    （一）主动公开 …… （二）依申请公开 …… （三）政府信息管理 …… （四）平台建设 ……
    二、主动公开政府信息情况          ← 总体情况未提及「监督保障」
    ```

    ## Fix safety
    No automatic fix: the missing aspect has to be written. The message names it.

    ## 做什么
    在第一部分（总体情况）中查找模板要求涵盖的五个方面：主动公开、依申请公开、政府信息管理、平台建设
    和监督保障。某方面的关键词（模板数据 base.yaml 中的 `overview_aspects`）在该部分任何位置出现（简繁
    均可）即视为已涵盖。每缺一个方面报告一次，标在「总体情况」标题上。第一部分缺失（GK101）或为空
    （GK105）时不报告。

    ## 为什么重要
    国家模板（国办公开办函〔2019〕60号、〔2021〕30号）要求总体情况按这五个方面概述全年工作，通常写作
    （一）主动公开 ……（五）监督保障；评估人员会逐项检查。关键词匹配只是粗略检验，所以是提示级。

    ## 示例

    ## 修复安全性
    不自动修复：缺少的方面需要补写。消息写明缺的是哪一方面。
    """
    section = report.section(1)
    if section is None:
        return
    text = section_text(report, section)
    if not text:
        return
    line = section.heading.line
    for aspect in report.template.data.get("overview_aspects", []):
        keywords = aspect.get("keywords") or [aspect["name"]]
        if any(keyword in text for keyword in keywords):
            continue
        name, en = aspect["name"], aspect.get("en", aspect["name"])
        yield Finding(
            line.start,
            line.end,
            zh=f"「{section.heading.title}」未提及「{name}」方面的情况（应涵盖主动公开、依申请公开、政府信息管理、平台建设、监督保障）",
            en=f"{section.heading.title} does not mention {name} ({en}); it should cover all five aspects",
        )


RULE = check
