"""GK306: a table row has more or fewer values than the template."""

from __future__ import annotations

from gklint.api import Finding, Severity, rule
from gklint.facts.table_checks import table_name


@rule(
    "GK306",
    "table-row-length",
    Severity.WARNING,
    hint=True,
    summary="统计表某行的数值个数与模板不符",
    summary_en="a table row has more or fewer values than the template",
)
def check(report, options):
    """## What it does
    Reports a row whose label is followed by more or fewer values than the template has
    columns (7 for table 三, 15 for table 四, 1–3 for table 二), with what was read; consecutive
    rows off by the same count (one export artifact) give one finding. Missing
    values are not guessed: the values read are taken in column order and the cells that are
    not there are left out of the arithmetic of GK311–GK314.

    ## Why it matters
    A value too many or too few usually means merged cells shifted the row when the table was
    exported (Markdown from a web page, a cell split in Word): the figures may sit under the
    wrong column, and a total may be missing.

    ## Example
    ```
    | | (一) 予以公开 | | 0 | 0 | 0 | 0 | 0 | 0 | |      ← 6 个数值，模板为 7 个
    ```

    ## Fix safety
    No fix: which column lost or gained a value cannot be known from the text.

    ## 做什么
    报告标签后的数值个数多于或少于模板列数的行（第三部分表格 7 个，第四部分表格 15 个，第二部分表格
    1–3 个），并写明读到的内容；连续几行差同样个数（同一个导出问题）只报告一次。缺少的数值不作猜测：
    读到的数值按列顺序排列，缺少的单元格不参与 GK311–GK314 的计算。

    ## 为什么重要
    多一个或少一个数值，通常是导出表格时合并单元格使该行错位（从网页转成 Markdown、在 Word 中拆分单元
    格）：数字可能落在错误的列下，合计也可能缺失。

    ## 示例

    ## 修复安全性
    不修复：从文本中无法知道哪一列少了或多了数值。
    """
    for table in report.tables:
        if not table.readable:
            continue
        zh, en = table_name(table)
        # Consecutive rows short or long by the same count: one finding (one export artifact).
        runs: list[list] = []
        for row in table.rows:
            if row.read == row.expected:
                continue
            if runs and runs[-1][-1] is table.rows[table.rows.index(row) - 1] and runs[-1][-1].read == row.read:
                runs[-1].append(row)
            else:
                runs.append([row])
        for rows in runs:
            row = rows[0]
            cells = row.cells + row.extra
            start = cells[0].start if cells else row.label_start
            end = cells[-1].end if cells else row.label_end
            values = " ".join("空" if c.blank else c.raw for c in cells) or "无"
            if len(rows) == 1:
                yield Finding(
                    start,
                    max(end, start),
                    zh=f"{zh}「{row.label}」行读到 {row.read} 个数值（{values}），模板为 {row.expected} 个",
                    en=f"{en}, row {row.label}: read {row.read} value(s) ({values}), the template has {row.expected}",
                )
            else:
                last = rows[-1]
                yield Finding(
                    start,
                    max(end, start),
                    zh=f"{zh}从「{row.label}」到「{last.label}」共 {len(rows)} 行，每行只读到 {row.read} 个数值，模板为 {row.expected} 个（第 {row.line}–{last.line} 行）",
                    en=f"{en}: the {len(rows)} rows from {row.label} to {last.label} have {row.read} value(s) each, the template has {row.expected} (lines {row.line}–{last.line})",
                )


RULE = check
