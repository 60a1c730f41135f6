"""GK305: a count cell holds a negative, fractional or non-numeric value, or a number glued to its label."""

from __future__ import annotations

from gklint.api import Applicability, Edit, Finding, Fix, FixAvailability, Message, Severity, rule
from gklint.facts.table_checks import fmt, table_name
from gklint.facts.table_values import CELL_PER_LINE, MARKDOWN, PIPE, TSV, line_shape


def _separator(report, cell) -> str:
    """What splits a label from its first value in the line's own shape."""
    newline = report.source.newline or "\n"
    shape = line_shape(report.line(cell.line).text)
    if shape == PIPE:
        return " |" + newline
    if shape == CELL_PER_LINE:
        return newline + "\t"
    if shape == MARKDOWN:
        return " | "
    if shape == TSV:
        return "\t"
    return " "


@rule(
    "GK305",
    "bad-table-value",
    Severity.ERROR,
    fix=FixAvailability.SOMETIMES,
    applicability=Applicability.SAFE,
    hint=True,
    summary="统计表数值不合规（负数、小数、非数字或与标签粘连）",
    summary_en="a table value is negative, fractional, non-numeric, or glued to its label",
)
def check(report, options):
    """## What it does
    Reports a value cell that cannot be a template figure: a negative or fractional number in a
    count column (申请数, 件数, 项目数量 — 本年增/减 may be negative, amounts may have decimals),
    a word where a number belongs (无, —, /), or a number glued to the row's label
    (「行政事业性收费0」), which hides it from anyone reading the row.

    ## Why it matters
    The tables are statistics of the template (国办公开办函〔2019〕60号, 〔2021〕30号): counts are
    whole numbers of applications, documents or decisions. A glued number reads as part of the
    label and shifts every value of the row by one column.

    ## Example
    ```
    行政事業性收費0 |
    0 |
    0 |
    ```

    ## Fix safety
    A glued number is split from its label safely: the fix inserts the table's own cell
    separator (" |" and a line break in pipe fragments, a line break and a tab for one cell per
    line, " | " in Markdown) before the number and changes nothing else. The other cases are
    hints: the right figure is unknown.

    ## 做什么
    报告不可能是模板数据的数值单元格：计数列（申请数、件数、项目数量）中的负数或小数（「本年增/减」
    可以为负，金额可以有小数）、该填数字的地方写了文字（无、—、/），或数字与行标签粘连
    （「行政事业性收费0」），读该行时看不出这个数。

    ## 为什么重要
    这些表格是模板（国办公开办函〔2019〕60号、〔2021〕30号）规定的统计：计数是申请、文件或决定的
    整数个数。粘连的数字读起来像标签的一部分，会使该行所有数值错位一列。

    ## 示例

    ## 修复安全性
    粘连的数字可以安全地与标签分开：修复在数字前插入表格本身的单元格分隔符（管道片段中为「 |」加换行，
    每格一行时为换行加制表符，Markdown 中为「 | 」），不改动其他内容。其他情况只给提示：正确数值未知。
    """
    for table in report.tables:
        if not table.readable:
            continue
        zh, en = table_name(table)
        for row in table.rows + table.extra_rows:
            label = row.label or row.written
            for cell in row.cells + row.extra:
                if not (
                    cell.glued
                    or cell.non_numeric
                    or cell.kind == "count"
                    and cell.value is not None
                    and (cell.value < 0 or cell.value != int(cell.value))
                ):
                    continue  # nothing below can apply (most cells)
                column = table.column_label(cell.column) if cell.column else "多出的值"
                if cell.glued:
                    yield Finding(
                        row.label_start,
                        cell.end,
                        zh=f"{zh}「{label}」行：数值「{cell.raw}」与行标签粘连在一起，应拆为单独的单元格",
                        en=f"{en}, row {label}: the value {cell.raw!r} is glued to the row label; split it into its own cell",
                        fix=Fix.safe(
                            Edit(cell.start, cell.start, _separator(report, cell)),
                            description=Message("把数值拆为单独的单元格", "split the value into its own cell"),
                        ),
                    )
                elif cell.non_numeric:
                    yield Finding(
                        cell.start,
                        cell.end,
                        zh=f"{zh}「{label}」行「{column}」：「{cell.raw}」不是数字，模板要求填写数字（没有则填 0）",
                        en=f"{en}, row {label}, {column}: {cell.raw!r} is not a number; the template wants a number (0 for none)",
                    )
                elif cell.kind == "count" and cell.value is not None and (cell.value < 0 or cell.value != int(cell.value)):
                    what_zh = "负数" if cell.value < 0 else "小数"
                    what_en = "negative" if cell.value < 0 else "fractional"
                    yield Finding(
                        cell.start,
                        cell.end,
                        zh=f"{zh}「{label}」行「{column}」是计数，不能为{what_zh}（{fmt(cell.value)}）",
                        en=f"{en}, row {label}, {column} is a count and cannot be {what_en} ({fmt(cell.value)})",
                    )


RULE = check
