"""GK313: in table 三, a row's 总计 ≠ 自然人 + the five 法人或其他组织 columns."""

from __future__ import annotations

from gklint.api import Finding, Severity, rule
from gklint.facts.table_checks import fmt, row_total_mismatches, table_name


@rule(
    "GK313",
    "applicant-row-total",
    Severity.ERROR,
    hint=True,
    summary="第三部分表格：某行的总计不等于各类申请人之和",
    summary_en="table 三: a row's 总计 ≠ the sum of the six applicant columns",
)
def check(report, options):
    """## What it does
    For every data row of table 三, checks that the 总计 column equals 自然人 + 商业企业 +
    科研机构 + 社会公益组织 + 法律服务机构 + 其他. Blank cells count as 0; a row with a cell that
    was not read is skipped. The finding sits on the row's 总计 cell and gives the expected value.
    A row whose digits run together with no separator (a web page's text: 「310010033」) is
    reported when no way of cutting the digits into seven counts makes it add up: that is
    certain whatever the cells were; the table's other sums are then not checked.

    ## Why it matters
    The applicant columns partition the applications (国办公开办函〔2019〕60号, 〔2021〕30号:
    申请人情况 = 自然人 | 法人或其他组织 …, then 总计); a total that differs means a figure was
    typed in the wrong column or not at all.

    ## Example
    ```
    一、本年新收政府信息公开申请数量   31 0 0 1 0 0 31     ← 31+0+0+1+0+0 = 32
    ```

    ## Fix safety
    No fix: the total may be right and a column wrong.

    ## 做什么
    对第三部分表格的每个数据行，检查总计列是否等于自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律
    服务机构 + 其他。空白单元格按 0 计；有单元格未读出的行跳过。问题标在该行的总计单元格上，并给出
    应有的数值。一行数值连在一起没有分隔（网页文本：「310010033」）时，如果无论怎样拆成七个数都不满足
    合计关系，这一点是确定的，照样报告；该表的其他合计不再检查。

    ## 为什么重要
    申请人各列是对申请的划分（国办公开办函〔2019〕60号、〔2021〕30号：申请人情况 = 自然人 | 法人或
    其他组织 ……，然后是总计）；总计不符说明某个数填错了列或漏填了。

    ## 示例

    ## 修复安全性
    不修复：可能总计正确而某一列错了。
    """
    table = report.table("applications")
    if table is None:
        return
    zh, en = table_name(table)
    for _row_id, label, digits, start, end in table.impossible_rows:
        yield Finding(
            start,
            end,
            zh=f"{zh}「{label}」行：数值连在一起（读到「{digits}」），无论怎样拆分成各单元格，总计都不等于各类申请人之和",
            en=f"{en}, row {label}: the values run together ({digits}) and under every possible reading of the digits 总计 is not the sum of the applicant columns",
        )
    if not table.readable or "total" not in (c for c, _l in table.columns):
        return
    for m in row_total_mismatches(table):
        yield Finding(
            m.total.start,
            m.total.end,
            zh=f"{zh}「{m.row.label}」行：总计为 {fmt(m.total.number)}，各类申请人之和为 {m.expression} = {fmt(m.expected)}，相差 {m.difference}",
            en=f"{en}, row {m.row.label}: 总计 is {fmt(m.total.number)} but the applicant columns sum to {m.expression} = {fmt(m.expected)}, a difference of {m.difference}",
        )


RULE = check
