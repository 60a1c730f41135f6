"""GK302: a template row is missing from a table."""

from __future__ import annotations

from gklint.api import Finding, Severity, rule
from gklint.facts.table_checks import table_name


@rule(
    "GK302",
    "missing-table-row",
    Severity.ERROR,
    hint=True,
    summary="统计表缺少模板规定的行",
    summary_en="a template row is missing from a table",
)
def check(report, options):
    """## What it does
    Reports each data row of the template that the table reader did not find in a table
    that is otherwise readable (rows are recognised by their labels, after normalising script,
    brackets, spaces and numbering). The finding sits where the row should be: after the row
    before it. When two or more rows are missing at the end, the table is cut off (GK309).

    ## Why it matters
    The national template (国办公开办函〔2019〕60号, 〔2021〕30号) fixes every row of the tables;
    assessors count a dropped row (often 「3.补正后申请内容仍不明确」 or 「四、结转下年度继续办理」)
    as an incomplete report, and the 勾稽关系 of table 三 cannot be checked without it.

    ## Example
    ```
        2.没有现成信息需要另行制作
        0 …
        （五）不予处理                  ← 缺少「3.补正后申请内容仍不明确」
    ```

    ## Fix safety
    No fix: the row's values are unknown.

    ## 做什么
    在其他方面可读的表格中，报告表格读取器没有找到的每个模板数据行（按标签识别，已统一繁简、括号、
    空格和编号）。问题标在该行应在的位置：前一行之后。末尾缺少两行或以上时，视为表格不完整（GK309）。

    ## 为什么重要
    国家模板（国办公开办函〔2019〕60号、〔2021〕30号）固定了表格的每一行；评估人员把缺行（常见的是
    「3.补正后申请内容仍不明确」或「四、结转下年度继续办理」）算作报告不完整，缺了行，第三部分表格的
    勾稽关系也无法核对。

    ## 示例

    ## 修复安全性
    不修复：该行的数值未知。
    """
    for table in report.tables:
        if not table.readable:
            continue
        zh, en = table_name(table)
        for _row_id, label, at in table.missing_rows:
            yield Finding(
                at,
                at,
                zh=f"{zh}缺少模板行「{label}」",
                en=f"{en} lacks the template row {label!r}",
            )


RULE = check
