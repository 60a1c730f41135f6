"""GK308: a non-official row in a template table."""

from __future__ import annotations

from gklint.api import Finding, Severity, rule
from gklint.facts.table_checks import table_name


@rule(
    "GK308",
    "non-official-table-row",
    Severity.WARNING,
    hint=True,
    summary="统计表中有模板之外的行（小计、其他主动公开文件等）",
    summary_en="a non-official row in a template table (小计, 其他主动公开文件)",
)
def check(report, options):
    """## What it does
    Reports a row with values inside a template table whose label is not a row of the template:
    added subtotals (「小计」, a group label such as 「（三）不予公开」 given its own values), extra
    categories (「其他主动公开文件」), or a row repeated. Rows of the other template version are
    GK307's business. Subtotals are checked against their items by GK316.

    ## Why it matters
    The national template (国办公开办函〔2019〕60号, 〔2021〕30号) is a fixed form so that reports
    can be compared and summed across bodies; extra rows break that, and a subtotal inside the
    result rows is easily counted twice (「区分处理的，只计这一情形」).

    ## Example
    ```
        （三）不予公开
        3 …                        ← 分组标签不应填数（非模板行）
        1.属于国家秘密
    ```

    ## Fix safety
    No fix: whether the row's figures belong elsewhere is for the author to decide.

    ## 做什么
    报告模板表格中标签不属于模板的、带数值的行：增加的小计（「小计」、给分组标签如「（三）不予公开」
    填了数）、额外的类别（「其他主动公开文件」）或重复的行。另一版模板的行归 GK307。小计是否等于各项
    之和由 GK316 检查。

    ## 为什么重要
    国家模板（国办公开办函〔2019〕60号、〔2021〕30号）是固定表式，以便跨单位比较和汇总；多出的行破坏
    这一点，办理结果中的小计也容易被重复计算（「区分处理的，只计这一情形」）。

    ## 示例

    ## 修复安全性
    不修复：该行的数字是否应归入别处，由作者决定。
    """
    for table in report.tables:
        if not table.readable:
            continue
        zh, en = table_name(table)
        for row in table.extra_rows:
            if row.version:
                continue  # a row of the other template version: GK307
            label = row.written.strip() or row.label
            what_zh = "（分组小计）" if row.subtotal_of else ""
            what_en = " (a group subtotal)" if row.subtotal_of else ""
            yield Finding(
                row.label_start,
                max(row.label_end, row.label_start),
                zh=f"{zh}有模板之外的行「{label}」{what_zh}",
                en=f"{en} has a row the template does not have: {label!r}{what_en}",
            )


RULE = check
