"""GK314: in table 四, a group's 总计 ≠ 结果维持 + 结果纠正 + 其他结果 + 尚未审结."""

from __future__ import annotations

from gklint.api import Finding, Severity, rule
from gklint.facts.table_checks import fmt, row_total_mismatches, table_name


@rule(
    "GK314",
    "review-litigation-total",
    Severity.ERROR,
    hint=True,
    summary="第四部分表格：某组的总计不等于各结果之和",
    summary_en="table 四: a group's 总计 ≠ the sum of its four results",
)
def check(report, options):
    """## What it does
    For each of the three groups of table 四 (行政复议; 行政诉讼 未经复议直接起诉; 行政诉讼
    复议后起诉), checks that 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结. Blank cells count
    as 0; a group with a cell that was not read is skipped. The finding sits on the group's
    总计 cell and gives the expected value. Fifteen values run together with no separator (a web
    page's text) are cut into the three groups the one way every group adds up; when no cut
    does, that is certain whatever the cells were, and is reported on the run.

    ## Why it matters
    Every case ends in one of the four results or is still pending (国办公开办函〔2019〕60号,
    〔2021〕30号, table 四); the total is their sum. There is no overall 行政诉讼 total, so the
    two litigation groups are checked separately.

    ## Example
    ```
    结果维持 结果纠正 其他结果 尚未审结 总计
       72       64      178      37    350     ← 72+64+178+37 = 351
    ```

    ## Fix safety
    No fix: the total may be right and a result wrong.

    ## 做什么
    对第四部分表格的三组（行政复议；行政诉讼 未经复议直接起诉；行政诉讼 复议后起诉）逐组检查总计 =
    结果维持 + 结果纠正 + 其他结果 + 尚未审结。空白单元格按 0 计；有单元格未读出的组跳过。问题标在该组
    的总计单元格上，并给出应有的数值。十五个数值连在一起没有分隔（网页文本）时，按唯一能使每组合计成立
    的拆分读出；没有任何拆分能成立时，这一点是确定的，标在这串数字上报告。

    ## 为什么重要
    每个案件的结果是四种之一，或者尚未审结（国办公开办函〔2019〕60号、〔2021〕30号，第四部分表格）；
    总计是它们之和。行政诉讼没有总的合计，所以两组诉讼分别检查。

    ## 示例

    ## 修复安全性
    不修复：可能总计正确而某个结果错了。
    """
    table = report.table("review_litigation")
    if table is None:
        return
    zh, en = table_name(table)
    for _row, _label, digits, start, end in table.impossible_rows:
        yield Finding(
            start,
            end,
            zh=f"{zh}：数值连在一起（读到「{digits}」），无论怎样拆分成三组各五格，总有一组的总计不等于各结果之和",
            en=f"{en}: the values run together ({digits}) and under every possible reading of the digits some group's 总计 is not the sum of its results",
        )
    if not table.readable:
        return
    for m in row_total_mismatches(table):
        yield Finding(
            m.total.start,
            m.total.end,
            zh=f"{zh}「{m.row.label}」：总计为 {fmt(m.total.number)}，结果维持+结果纠正+其他结果+尚未审结 = {m.expression} = {fmt(m.expected)}，相差 {m.difference}",
            en=f"{en}, {m.row.label}: 总计 is {fmt(m.total.number)} but upheld+corrected+other+pending = {m.expression} = {fmt(m.expected)}, a difference of {m.difference}",
        )


RULE = check
