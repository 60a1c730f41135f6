"""GK316: a non-official subtotal row ≠ the sum of its items."""

from __future__ import annotations

from gklint.api import Finding, Severity, rule
from gklint.facts.table_checks import column_names, equal, fmt, table_name


@rule(
    "GK316",
    "subtotal-mismatch",
    Severity.ERROR,
    hint=True,
    summary="第三部分表格中添加的小计行不等于其各项之和",
    summary_en="a non-official subtotal row ≠ the sum of its items",
)
def check(report, options):
    """## What it does
    Table 三 drafts sometimes add subtotals: a 「小计」 row after a group's items, or values
    written on a group label (「（三）不予公开」, 「（四）无法提供」, 「（五）不予处理」). Each such
    row (GK308 reports it as non-official) must equal the sum of its group's items, column by
    column; blank cells count as 0, columns with unread cells are skipped.

    ## Why it matters
    A subtotal that disagrees with its items makes the table contradict itself, and readers
    cannot tell which figure to believe (国办公开办函〔2019〕60号, 〔2021〕30号: the group labels are
    not data rows, so only the items count towards （七）总计).

    ## Example
    ```
    （三）不予公开 3 0 0 0 0 0 3
    1.属于国家秘密 1 0 0 0 0 0 1
    …                                  ← 各项之和为 1
    ```

    ## Fix safety
    No fix: remove the subtotal row or correct it.

    ## 做什么
    第三部分表格的草稿有时会加小计：在一组项目后加「小计」行，或在分组标签上填数（「（三）不予公开」
    「（四）无法提供」「（五）不予处理」）。这样的行（GK308 报告其为非模板行）必须逐列等于本组各项
    之和；空白单元格按 0 计，有单元格未读出的列跳过。

    ## 为什么重要
    小计与各项不符会使表格自相矛盾，读者不知道该信哪个数（国办公开办函〔2019〕60号、〔2021〕30号：分组
    标签不是数据行，只有各项计入（七）总计）。

    ## 示例

    ## 修复安全性
    不修复：请删除小计行或将其改正。
    """
    table = report.table("applications")
    if table is None or not table.readable:
        return
    zh, en = table_name(table)
    template = report.templates.by_version(table.version) or report.template
    labels = {r["id"]: r["label"] for r in template.data["applications"]["rows"]}
    for row in table.extra_rows:
        if not row.subtotal_of or row.version:
            continue
        for cell in row.cells:
            expected = table.value(row.subtotal_of, cell.column)
            if expected is None or equal(cell.number, expected):
                continue
            col_zh, col_en = column_names(table, cell.column)
            group = labels.get(row.subtotal_of, row.subtotal_of)
            yield Finding(
                cell.start,
                cell.end,
                zh=f"{zh}小计行「{row.written.strip()}」{col_zh}为 {fmt(cell.number)}，「{group}」各项之和为 {fmt(expected)}，相差 {fmt(abs(cell.number - expected))}",
                en=f"{en}, subtotal row {row.written.strip()!r}, {col_en}: {fmt(cell.number)} but the items of {group} sum to {fmt(expected)}, a difference of {fmt(abs(cell.number - expected))}",
            )


RULE = check
