"""GK301: a required table (二, 三 or 四) is missing."""

from __future__ import annotations

from gklint.api import Finding, Severity, rule
from gklint.facts.tables import KIND_SECTION

WHAT = {
    "active_disclosure": ("主动公开情况统计表（第二十条第（一）、（五）、（六）、（八）项等）", "proactive disclosure (第二十条 items)"),
    "applications": ("收到和处理政府信息公开申请情况统计表", "applications received and handled"),
    "review_litigation": ("行政复议、行政诉讼情况统计表", "administrative review and litigation"),
}


@rule(
    "GK301",
    "missing-table",
    Severity.ERROR,
    hint=True,
    summary="缺少模板规定的统计表",
    summary_en="a required table is missing",
)
def check(report, options):
    """## What it does
    Reports section 二, 三 or 四 when it is present but holds no template table: no row of the
    table's labels (规章, 一、本年新收政府信息公开申请数量, 行政复议 … 结果维持) followed by values
    was found in the section. A missing section is GK101's business.

    ## Why it matters
    条例第五十条 requires the annual report to state 主动公开, 收到和处理申请 and 行政复议、行政诉讼
    figures, and the national template (国办公开办函〔2019〕60号, 〔2021〕30号) fixes them as three
    tables. A section heading with no table under it is a common export accident (the table
    was an image, or lost when copying from Word).

    ## Example
    ```
    二、主动公开政府信息情况
    三、收到和处理政府信息公开申请情况      ← 第二部分没有表格
    ```

    ## Fix safety
    No fix: the figures have to be filled in by the author.

    ## 做什么
    第二、三或四部分存在、但其中没有模板表格时报告：在该部分中没有找到任何后面跟着数值的表格行标签
    （规章、一、本年新收政府信息公开申请数量、行政复议 …… 结果维持）。缺少整个部分归 GK101。

    ## 为什么重要
    条例第五十条要求年度报告说明主动公开、收到和处理申请以及行政复议、行政诉讼的数据，国家模板
    （国办公开办函〔2019〕60号、〔2021〕30号）将其固定为三张表。部分标题下没有表格是常见的导出事故
    （表格是图片，或从 Word 复制时丢失）。

    ## 示例

    ## 修复安全性
    不修复：数据需要作者填写。
    """
    found = {t.kind for t in report.tables}
    for kind, number in KIND_SECTION.items():
        section = report.section(number)
        if section is None or kind in found:
            continue
        line = section.heading.line
        yield Finding(
            line.start + (len(line.text) - len(line.text.lstrip())),
            line.end,
            zh=f"第{section.spec.numeral}部分「{section.spec.title}」下没有找到模板规定的{WHAT[kind][0]}",
            en=f"section {section.spec.numeral} ({section.spec.title}) has no template table of {WHAT[kind][1]}",
        )


RULE = check
