"""GK304: a blank cell where the template expects a number."""

from __future__ import annotations

from gklint import Edit, Finding, Fix, Message, Severity, rule
from gklint.table_checks import table_name


@rule(
    "GK304",
    "blank-table-cell",
    Severity.WARNING,
    fix="S",
    summary="统计表单元格空白，应填 0",
    summary_en="blank table cell where a number is expected",
)
def check(report, options):
    """## What it does
    Reports the blank value cells of a table row (one finding a row, at its first blank cell,
    naming the columns). Only shapes that mark empty cells can show them: one cell per line
    (a line holding only a tab or spaces) and tab-separated rows. For the arithmetic of
    GK311–GK314 a blank counts as 0.

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
    cell of the row and changes nothing else.
    """
    for table in report.tables:
        if not table.readable:
            continue
        zh, en = table_name(table)
        for row in table.rows:
            blanks = [c for c in row.cells if c.blank]
            if not blanks:
                continue
            labels = "、".join(table.column_label(c.column) for c in blanks)
            where_zh = f"「{row.label}」行" if table.kind != "review_litigation" else f"「{row.label}」"
            fix = Fix.safe(*(Edit(c.end, c.end, "0") for c in blanks), description=Message("空白单元格填 0", "write 0 into the blank cells"))
            yield Finding(
                blanks[0].start,
                blanks[0].end,
                zh=f"{zh}{where_zh}有 {len(blanks)} 个空白单元格（{labels}），应填 0",
                en=f"{en}, row {row.label}: {len(blanks)} blank cell(s) ({labels}); write 0",
                fix=fix,
            )


RULE = check
