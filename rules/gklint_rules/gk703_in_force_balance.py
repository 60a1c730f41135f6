"""GK703: 2021 table 二: 现行有效件数 ≠ last year's 现行有效件数 + 本年制发件数 − 本年废止件数."""

from __future__ import annotations

from gklint.api import Finding, Severity, rule
from gklint.facts.cross_year import in_force_chain
from gklint.facts.table_checks import cell_span, fmt, table_name
from gklint.run.history import usable_previous, year_of


@rule(
    "GK703",
    "in-force-balance",
    Severity.INFO,
    hint=True,
    needs={"previous"},
    summary="现行有效件数不等于上年现行有效件数＋本年制发件数－本年废止件数",
    summary_en="table 二: 现行有效件数 ≠ last year's + 本年制发件数 − 本年废止件数",
)
def check(report, options):
    """## What it does
    For reports in the 2021 format whose previous-year report is in the 2021 format too: in table
    二, rows 规章 and 行政规范性文件, checks 现行有效件数 = last year's 现行有效件数 + 本年制发件数 −
    本年废止件数. Last year's report comes from `--previous FILE` or from the run's files.

    ## Why it matters
    The three columns of 第二十条第（一）项 in the 2021 format (国办公开办函〔2021〕30号) describe a
    stock and its flows: the documents in force at the end of the year are those in force a year
    before, plus those issued, minus those repealed. A gap means a figure is wrong, or documents
    expired or were revised without being counted — worth a look, which is why this is information,
    not a warning (expiry dates of 规范性文件 are not always counted as 废止).

    ## Example
    ```
    2023年：行政规范性文件 10 20 60
    2024年：行政规范性文件  8 26 66    ← 60 + 8 − 26 = 42, not 66
    ```

    ## Fix safety
    No fix: any of the four figures may be the wrong one.

    ## 做什么
    对采用 2021 年版格式、且上年报告也采用 2021 年版格式的报告：在第二部分表格的规章和行政规范性文件
    两行，检查现行有效件数 = 上年现行有效件数 + 本年制发件数 − 本年废止件数。上年报告来自
    `--previous FILE` 或本次检查的文件。

    ## 为什么重要
    2021 年版（国办公开办函〔2021〕30号）第二十条第（一）项的三列描述的是存量和增减：年末现行有效的
    文件，等于一年前现行有效的，加上本年制发的，减去本年废止的。对不上说明有数字错了，或者有文件到期
    失效、修订而未计入——值得核对，所以是提示而不是警告（规范性文件有效期届满不一定计为废止）。

    ## 示例

    ## 修复安全性
    不修复：四个数字中任何一个都可能是错的。
    """
    previous = usable_previous(report)
    if previous is None:
        return
    table, last = report.table("active_disclosure"), previous.table("active_disclosure")
    chain = list(in_force_chain(table, last))
    if not chain:
        return
    zh, en = table_name(table)
    last_year = year_of(previous)
    when_zh = f"上年（{last_year}年）" if last_year else "上年"
    when_en = f"last year's ({last_year})" if last_year else "last year's"
    for link in chain:
        row, before = link.row, link.before
        issued, repealed, in_force = link.issued, link.repealed, link.in_force
        if before.non_numeric or any(c.non_numeric for c in (issued, repealed, in_force)):
            continue
        expected = before.number + issued.number - repealed.number
        if abs(in_force.number - expected) < 1e-9:
            continue
        start, end = cell_span(in_force)
        yield Finding(
            start,
            end,
            zh=f"{zh}「{row.label}」行：现行有效件数为 {fmt(in_force.number)}，而{when_zh}现行有效件数 "
            f"{fmt(before.number)} ＋ 本年制发 {fmt(issued.number)} － 本年废止 {fmt(repealed.number)} ＝ {fmt(expected)}",
            en=f"{en}, row {row.label}: 现行有效件数 is {fmt(in_force.number)}, but {when_en} "
            f"{fmt(before.number)} in force + {fmt(issued.number)} issued − {fmt(repealed.number)} repealed = {fmt(expected)}",
        )


RULE = check
