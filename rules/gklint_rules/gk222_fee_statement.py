"""GK222: a 2021+ report whose section 六 says nothing about 信息处理费."""

from __future__ import annotations

from gklint.api import Finding, Severity, law, rule
from gklint.facts.period import fold, report_year


@rule(
    "GK222",
    "no-fee-statement",
    Severity.WARNING,
    hint=True,
    summary="2021年起的报告第六部分未说明信息处理费收取情况",
    summary_en="2021+ report: section 六 says nothing about 信息处理费",
)
def check(report, options):
    """## What it does
    For a report on 2021 or later (the title's year, else the period's), reports section 六
    (其他需要报告的事项) when none of its text mentions the information processing fee
    (信息处理费, 处理费, 收费; the words are data in `templates/law.yaml`). A missing section 六 is
    GK101's.

    ## Why it matters
    国办函〔2020〕109号《政府信息公开信息处理费管理办法》 lets offices charge a fee for large or
    frequent requests, and the revised template (国办公开办函〔2021〕30号) has the report say in
    section 六 whether fees were charged, even when none were: 「本年度未收取信息处理费。」

    ## Example
    ```
    2021年政府信息公开工作年度报告
    …
    六、其他需要报告的事项
    无。                       ← 应说明信息处理费收取情况
    ```

    ## Fix safety
    No fix: the message suggests 「本年度未收取信息处理费。」, but only the author knows whether
    fees were charged.

    ## 做什么
    对 2021 年及以后的报告（按标题的年份，否则按统计期限的年份），第六部分（其他需要报告的事项）中
    没有任何关于信息处理费的文字（信息处理费、处理费、收费；词表见数据 `templates/law.yaml`）时报告。
    缺少第六部分归 GK101。

    ## 为什么重要
    国办函〔2020〕109号《政府信息公开信息处理费管理办法》允许对申请数量、频次明显超过合理范围的申请
    收取信息处理费；修订后的模板（国办公开办函〔2021〕30号）要求在第六部分说明收费情况，没有收费也要
    写明：「本年度未收取信息处理费。」

    ## 示例

    ## 修复安全性
    不修复：消息建议写「本年度未收取信息处理费。」，但是否收过费只有作者知道。
    """
    data = law()["fees"]
    year = report_year(report)
    section = report.section(6)
    if year is None or year < int(data["from_year"]) or section is None:
        return
    body = "".join(line.text for line in report.body_lines(section))
    folded = fold(body).text
    if any(keyword in folded for keyword in data["keywords"]):
        return
    line = section.heading.line
    sentence = data["sentence"]
    yield Finding(
        line.start,
        line.end,
        zh=f"第六部分未说明信息处理费收取情况（国办函〔2020〕109号）；如未收取，可写「{sentence}」",
        en=f"section 六 does not say whether 信息处理费 were charged (国办函〔2020〕109号); e.g. 「{sentence}」",
    )


RULE = check
