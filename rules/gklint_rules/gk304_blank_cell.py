"""GK304: a blank cell where the template expects a number."""

from __future__ import annotations

from gklint.api import Applicability, Edit, Finding, Fix, FixAvailability, Message, Option, Severity, rule
from gklint.facts.table_checks import table_name


@rule(
    "GK304",
    "blank-table-cell",
    Severity.WARNING,
    fix=FixAvailability.ALWAYS,
    applicability=Applicability.SAFE,
    summary="统计表单元格空白，应填 0",
    summary_en="blank table cell where a number is expected",
    options={
        "max-rows": Option(3, "a table with blank cells in more rows than this gets one finding for the whole table, with the count"),
    },
)
def check(report, options):
    """## What it does
    Reports the blank value cells of a table row (one finding a row, at its first blank cell,
    naming the columns). When more rows than `max-rows` (default 3) have blank cells, or a
    table of several rows is blank throughout — an unfilled template, a table left blank for
    zeros — it reports the table once instead, with
    the number of blank cells and rows, at the first one. Only inputs that mark empty cells
    can show them: Word, HTML and PDF tables, one cell per line (a line holding only a tab or
    spaces) and tab-separated rows. For the arithmetic of GK311–GK314 a blank counts as 0.

    ## Why it matters
    The template's tables are statistics: every cell holds a number, 0 included. A blank cell
    leaves the reader unsure whether the figure is zero or was forgotten; assessors list
    「表格空项」 among the common defects.

    ## Example
    ```
    	二、上年结转政府信息公开申请数量
    	 
    	 
    ```

    ## Fix safety
    Safe: a blank means 0 in the template's arithmetic; the fix writes "0" into each blank
    cell of the row (of the table, for the one finding a table) and changes nothing else.

    ## 做什么
    报告表格行中空白的数值单元格（每行一个问题，标在第一个空白单元格，并列出各列）。有空白单元格的行
    超过 `max-rows`（默认 3）行，或多行表格整张空白（未填的模板、用空白代替 0 的表格）时，整张表只报告
    一次，写明空白单元格和行的数量，标在第一个空白处。只有能标出空单元格的输入才能发现：Word、HTML 和
    PDF 表格、每格一行（只含制表符或空格的行）和以制表符分隔的行。在 GK311–GK314 的计算中空白按 0 计。

    ## 为什么重要
    模板表格是统计数据：每个单元格都应有数字，包括 0。空白单元格让读者无法判断是零还是漏填；评估人员
    把「表格空项」列为常见问题。

    ## 示例
    ```
        二、上年结转政府信息公开申请数量


    ```

    ## 修复安全性
    安全：在模板的计算中空白即 0；修复在该行（整表报告时为整张表）的每个空白单元格中写入「0」，不改动
    其他内容。
    """
    limit = options.get("max-rows", 3)
    for table in report.tables:
        if not table.readable:
            continue
        zh, en = table_name(table)
        rows = [(row, [c for c in row.cells if c.blank]) for row in table.rows]
        rows = [(row, blanks) for row, blanks in rows if blanks]
        all_blank = len(rows) > 1 and all(c.blank for c in table.cells)
        if len(rows) > limit or all_blank:
            yield _whole_table(zh, en, rows)
            continue
        for row, blanks in rows:
            labels = "、".join(table.column_label(c.column) for c in blanks)
            where_zh = f"「{row.label}」行" if table.kind != "review_litigation" else f"「{row.label}」"
            yield Finding(
                blanks[0].start,
                blanks[0].end,
                zh=f"{zh}{where_zh}有 {len(blanks)} 个空白单元格（{labels}），应填 0",
                en=f"{en}, row {row.label}: {len(blanks)} blank cell(s) ({labels}); write 0",
                fix=_fill(blanks),
            )


def _fill(blanks) -> Fix:
    return Fix.safe(*(Edit(c.end, c.end, "0") for c in blanks), description=Message("空白单元格填 0", "write 0 into the blank cells"))


def _whole_table(zh: str, en: str, rows) -> Finding:
    """One finding for a table with blanks in many rows: the count, the rows, one fix for all."""
    blanks = [c for _row, cells in rows for c in cells]
    first = rows[0][0].label
    return Finding(
        blanks[0].start,
        blanks[0].end,
        zh=f"{zh}有 {len(blanks)} 个空白单元格，分布在 {len(rows)} 行（第一处在「{first}」行），应填 0",
        en=f"{en}: {len(blanks)} blank cells in {len(rows)} rows (the first in row {first}); write 0",
        fix=_fill(blanks),
    )


RULE = check
