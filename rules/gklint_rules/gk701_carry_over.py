"""GK701: 二、上年结转 differs from last year's 四、结转下年度继续办理 (per column)."""

from __future__ import annotations

from gklint.api import Finding, Severity, rule
from gklint.facts.cross_year import carry_over
from gklint.facts.table_checks import cell_span, fmt, table_name
from gklint.run.history import usable_previous, year_of


@rule(
    "GK701",
    "carry-over-mismatch",
    Severity.WARNING,
    hint=True,
    needs={"previous"},
    summary="「上年结转」与上年报告的「结转下年度继续办理」不一致",
    summary_en="二、上年结转 differs from last year's 四、结转下年度继续办理",
)
def check(report, options):
    """## What it does
    Compares table 三's row 二、上年结转政府信息公开申请数量 with the same body's report for the
    year before, row 四、结转下年度继续办理, column by column (自然人, each kind of 法人或其他组织,
    总计). Last year's report comes from `--previous FILE` or, in a run over several files, from
    the file of the same body (named in the title) for the year before.

    ## Why it matters
    Applications carried over into this year are exactly those last year's report said it carried
    forward: the two rows are the same requests counted at the turn of the year (table 三 of
    国办公开办函〔2019〕60号 and 〔2021〕30号; 条例第五十条 requires the report to state the applications
    received and handled). A difference means one of the two reports is wrong, or requests went
    missing between the years.

    ## Example
    ```
    2023年报告：四、结转下年度继续办理 30 0 0 0 0 0 30
    2024年报告：二、上年结转政府信息公开申请数量 34 0 0 0 0 0 34   ← 上年结转 34，上年报告为 30
    ```

    ## Fix safety
    No fix: either year's figure may be the wrong one.

    ## 做什么
    将第三部分表格的「二、上年结转政府信息公开申请数量」行，与同一单位上一年度报告的「四、结转下年度
    继续办理」行逐列比较（自然人、法人或其他组织各类、总计）。上年报告来自 `--previous FILE`，或在
    检查多个文件时，取同一单位（按标题中的名称）上一年度的文件。

    ## 为什么重要
    本年的上年结转，正是上年报告所说结转下年的那些申请：两行是年度交接时点上的同一批申请（国办公开办函
    〔2019〕60号、〔2021〕30号的第三部分表格；条例第五十条要求报告收到和处理申请的情况）。两者不同，
    说明两份报告中有一份错了，或者有申请在年度之间丢失了。

    ## 示例

    ## 修复安全性
    不修复：哪一年的数字错了都有可能。
    """
    previous = usable_previous(report)
    if previous is None:
        return
    table, last = report.table("applications"), previous.table("applications")
    pairs = list(carry_over(table, last))
    if not pairs:
        return
    zh, en = table_name(table)
    last_year = year_of(previous)
    when_zh = f"上年（{last_year}年）报告" if last_year else "上年报告"
    when_en = f"last year's ({last_year}) report" if last_year else "last year's report"
    for pair in pairs:
        cell, before, label = pair.cell, pair.before, pair.label
        if cell.non_numeric or before.non_numeric:
            continue
        if abs(cell.number - before.number) < 1e-9:
            continue
        start, end = cell_span(cell)
        yield Finding(
            start,
            end,
            zh=f"{zh}「二、上年结转政府信息公开申请数量」行「{label}」列为 {fmt(cell.number)}，"
            f"与{when_zh}「四、结转下年度继续办理」的 {fmt(before.number)} 不一致",
            en=f"{en}, row 二、上年结转 column {label}: {fmt(cell.number)}, but {when_en} "
            f"carried {fmt(before.number)} forward (四、结转下年度继续办理)",
        )


RULE = check
