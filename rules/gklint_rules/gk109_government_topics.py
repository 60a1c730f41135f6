"""GK109: a government's report lacks 工作考核、社会评议和责任追究结果."""

from __future__ import annotations

from gklint.api import Finding, Severity, rule
from gklint.core.text import map_radicals, strip_pinyin_debris, strip_spaces, to_simplified


@rule(
    "GK109",
    "government-topics",
    Severity.WARNING,
    hint=True,
    summary="政府的年度报告缺少工作考核、社会评议和责任追究结果情况",
    summary_en="a government's report lacks 工作考核、社会评议和责任追究结果 (review, public appraisal, accountability)",
)
def check(report, options):
    """## What it does
    For a report issued by a people's government (setting `issuer = "government"`), checks that
    the text reports on 工作考核 (performance review), 社会评议 (public appraisal) and 责任追究
    (accountability) results. A topic counts as covered when one of its keywords (template data,
    `government_extra_topics` in base.yaml) appears anywhere in the report, in either script. One
    finding per missing topic, on the heading of section 五 (or 六, or the last section present).
    Reports of departments (the default `issuer = "department"`) are not checked.

    ## Why it matters
    条例第五十条 requires the annual report of a people's government to also cover
    「政府信息公开工作考核、社会评议和责任追究结果情况」; the national template has no section of its
    own for it, so it is easily left out.

    ## Example
    ```
    五、存在的主要问题及改进情况
    ……                               ← 政府年度报告未报告「社会评议」结果
    ```

    ## Fix safety
    No automatic fix: the results have to be written. The message names the missing topic.

    ## 做什么
    对人民政府的年度报告（设置 `issuer = "government"`），检查正文是否报告了工作考核、社会评议和责任
    追究结果情况。某项的关键词（模板数据 base.yaml 中的 `government_extra_topics`）在报告任何位置出现
    （简繁均可）即视为已报告。每缺一项报告一次，标在第五部分标题上（或第六部分、或最后一个存在的部分）。
    部门的报告（默认 `issuer = "department"`）不检查。

    ## 为什么重要
    条例第五十条要求人民政府的年度报告还应包括「政府信息公开工作考核、社会评议和责任追究结果情况」；
    国家模板没有为此单设部分，所以容易遗漏。

    ## 示例

    ## 修复安全性
    不自动修复：需要补写相关结果。消息写明缺少的是哪一项。
    """
    if report.issuer != "government" or not report.sections:
        return
    markers = {line.number for line in report.page_markers}
    joined = "".join(line.text for line in report.lines if line.number not in markers)  # hard wraps joined
    text = strip_spaces(to_simplified(map_radicals(strip_pinyin_debris(joined))))
    anchor = report.section(5) or report.section(6) or max(report.sections, key=lambda s: s.number)
    line = anchor.heading.line
    for topic in report.template.data.get("government_extra_topics", []):
        keywords = topic.get("keywords") or [topic["name"]]
        if any(keyword in text for keyword in keywords):
            continue
        name = topic["name"]
        yield Finding(
            line.start,
            line.end,
            zh=f"政府的年度报告未报告「{name}」结果（条例第五十条：工作考核、社会评议和责任追究结果情况）",
            en=f"a government's report must cover {name} results (条例第五十条: 工作考核、社会评议和责任追究结果情况)",
        )


RULE = check
