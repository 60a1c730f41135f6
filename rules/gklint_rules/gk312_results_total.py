"""GK312: in table 三, 三（七）总计 ≠ the sum of the result rows in a column."""

from __future__ import annotations

from gklint.api import Finding, Severity, rule
from gklint.facts.table_checks import column_names, equal, fmt, result_rows, table_name


@rule(
    "GK312",
    "results-total",
    Severity.ERROR,
    hint=True,
    summary="第三部分表格：（七）总计不等于各办理结果之和",
    summary_en="table 三: 三（七）总计 ≠ the sum of the result rows",
)
def check(report, options):
    """## What it does
    For each column of table 三, checks that 三（七）总计 equals the sum of every result data
    row: （一）予以公开, （二）部分公开, （三）1–8, （四）1–3, （五）1–5 and （六）其他处理 (in the 2021
    format its items 1–3). Blank cells count as 0; a column with a cell that was not read is
    skipped. The finding sits on the （七）总计 cell and gives the expected value.

    ## Why it matters
    The results partition the applications handled: 「区分处理的，只计这一情形，不计其他情形」
    (国办公开办函〔2019〕60号, 〔2021〕30号), so each one is counted in exactly one result row and
    the total is their sum. A total that differs means a row was mistyped or counted twice.

    ## Example
    ```
    （一）予以公开   24 0 0 0 0 0 24
    （二）部分公开    2 0 0 0 0 0 2
    …
    （七）总计       31 0 0 1 0 0 31     ← 自然人列各项之和为 30
    ```

    ## Fix safety
    No fix: the total may be right and an item wrong.

    ## 做什么
    对第三部分表格的每一列，检查三（七）总计是否等于各办理结果数据行之和：（一）予以公开、（二）部分
    公开、（三）1–8、（四）1–3、（五）1–5 和（六）其他处理（2021 年版为其 1–3 项）。空白单元格按 0 计；
    有单元格未读出的列跳过。问题标在（七）总计单元格上，并给出应有的数值。

    ## 为什么重要
    办理结果是对已办理申请的划分：「区分处理的，只计这一情形，不计其他情形」（国办公开办函〔2019〕
    60号、〔2021〕30号），所以每件申请只计入一个结果行，总计就是各行之和。总计不符说明某行填错或重复
    计算。

    ## 示例

    ## 修复安全性
    不修复：可能总计正确而某一项错了。
    """
    table = report.table("applications")
    if table is None or not table.readable:
        return
    total_id, leaves = result_rows(report, table)
    if not total_id:
        return
    zh, en = table_name(table)
    for column, _label in table.columns:
        total = table.cell(total_id, column)
        cells = [table.cell(r, column) for r in leaves]
        if total is None or any(c is None for c in cells):
            continue
        expected = sum(c.number for c in cells)
        if equal(total.number, expected):
            continue
        col_zh, col_en = column_names(table, column)
        nonzero = [(table.row(r).label, c.number) for r, c in zip(leaves, cells) if c.number]
        parts = " + ".join(f"{label.split('（区分')[0]} {fmt(v)}" for label, v in nonzero) or "0"
        yield Finding(
            total.start,
            total.end,
            zh=f"{zh}{col_zh}：（七）总计为 {fmt(total.number)}，各办理结果之和为 {fmt(expected)}（{parts}），相差 {fmt(abs(total.number - expected))}",
            en=f"{en}, {col_en}: （七）总计 is {fmt(total.number)} but the result rows sum to {fmt(expected)} ({parts}), a difference of {fmt(abs(total.number - expected))}",
        )


RULE = check
