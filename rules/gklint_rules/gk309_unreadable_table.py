"""GK309: a table was found but its values cannot be read unambiguously."""

from __future__ import annotations

from gklint.api import Finding, Severity, rule
from gklint.facts.table_checks import table_name


@rule(
    "GK309",
    "unreadable-table",
    Severity.WARNING,
    hint=True,
    summary="统计表无法准确读取（数值连在一起、行或列无法对应、表格不完整），未检查该表",
    summary_en="a table cannot be read unambiguously; its identities are not checked",
)
def check(report, options):
    """## What it does
    Reports, once, a table that was found but cannot be read without guessing, and why:
    values run together with no separator where more than one cut fits (「101000011」 where
    seven cells of table 三 belong: 1 0 10 0 0 0 11 and 10 1 0 0 0 0 11 both have 总计 = the sum
    of the others; one finding a row, naming up to three cuts — a run that only one cut makes
    add up is read, one that none makes add up is GK313's), or a count of a million
    applications; the table cut off or its rows unmatched (two or more of its
    last rows missing, fewer than half of its rows found, more than three rows missing, or
    more than a quarter of its rows matching no template row); a row holding another row's
    values too (twice the template's cells or more: a lost label); or its columns ambiguous (more
    than a quarter of its rows read with another number of values than the template has
    columns, as when a converter dropped a column). Nothing else in that table is checked
    (GK302, GK304–GK316 stay silent for it; GK303 still checks its labels when only the
    values were unreadable) rather than checked against guessed values.

    ## Why it matters
    gklint never guesses figures. A crawled page or a PDF copy can run the cells of a row
    together, and a table split over pages can lose its end; either way the 勾稽关系 cannot be
    verified and the published table is likely unreadable for the public too.

    ## Example
    ```
    （一）予以公开 101000011
    ```

    ## Fix safety
    No fix: re-export the table so that each cell is separated, or complete it.

    ## 做什么
    对找到了、但不猜测就无法读取的表格报告一次，并说明原因：数值连在一起没有分隔、且不止一种拆分说得通
    （第三部分表格应有七个单元格却是「101000011」：1 0 10 0 0 0 11 和 10 1 0 0 0 0 11 都满足总计等于
    其余各列之和；每行报告一次，列出至多三种拆分——只有一种拆分满足合计关系的照此读出，一种都不满足的
    由 GK313 报告），或申请数多达百万；表格不完整或行无法匹配（末尾缺两行或以上、找到的行不到一半、
    缺三行以上，或超过四分之一的行对不上任何模板行）；一行里还含有另一行的数值（达到模板单元格数的
    两倍或以上：标签丢了）；列对不上（超过四分之一的行读到的数值个数与模板列数不同，例如转换工具丢了
    一列）。这张表的其他内容都不再检查（GK302、GK304–GK316 对它不报告；只有数值无法读取时 GK303 仍检查
    其标签），而不是拿猜出的数值去检查。

    ## 为什么重要
    gklint 从不猜测数字。抓取的网页或复制的 PDF 可能把一行的单元格连在一起，跨页的表格可能丢失结尾；
    无论哪种情况都无法核对勾稽关系，而且发布出去的表格公众很可能也看不懂。

    ## 示例
    ```
    一、本年新收政府信息公开申请数量 640020470
    ```

    ## 修复安全性
    不修复：请重新导出表格，使每个单元格分隔开，或补全表格。
    """
    for table in report.tables:
        if table.readable or table.unreadable is None:
            continue
        zh, en = table_name(table)
        for why_zh, why_en, start, end in table.run_together_rows or [table.unreadable]:  # digit runs: one a row
            yield Finding(
                start,
                end,
                zh=f"{zh}无法准确读取：{why_zh}；未检查该表",
                en=f"{en} cannot be read unambiguously: {why_en}; the table is not checked",
            )


RULE = check
