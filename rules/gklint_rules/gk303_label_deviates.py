"""GK303: a table row label differs from the template."""

from __future__ import annotations

from gklint.api import Applicability, Edit, Finding, Fix, FixAvailability, Message, Severity, rule
from gklint.facts.table_checks import table_name


@rule(
    "GK303",
    "table-label-deviates",
    Severity.INFO,
    fix=FixAvailability.SOMETIMES,
    applicability=Applicability.SAFE,
    summary="表格行标签与模板措辞不一致",
    summary_en="a table row label differs from the template",
)
def check(report, options):
    """## What it does
    Reports a table row (or a column heading of table 三) whose label says something other than
    the template's words (after normalising script, brackets, spaces and separators) while still
    clearly being that row: a known variant (「（七）合计」 for 「（七）总计」, 「（二）部分公开」),
    a missing numbering, or a close wording (「2.其他法律法规禁止公开」 for
    「2.其他法律行政法规禁止公开」). It also checks a table whose values could not be read
    (GK309 for values run together or ambiguous columns) as long as its rows were matched.

    ## Why it matters
    The template (国办公开办函〔2019〕60号, 〔2021〕30号) is a fixed form; the labels carry legal
    meaning (「法律行政法规」 names both kinds of norm that can forbid disclosure). Readers and
    assessors compare reports row by row.

    ## Example
    ```
    | | | 2.其他法律法规禁止公开 | | 0 | 0 | 0 | 0 | 0 | 0 |
    ```

    ## Fix safety
    Safe: only the differing characters are replaced or inserted (「法律法规」 → 「法律行政法规」);
    the row is the same row and its values are not touched.

    ## 做什么
    报告措辞与模板不同（已统一繁简、括号、空格和分隔符）、但显然就是该行的表格行标签（或第三部分表格
    的列标题）：已知的变体（「（七）合计」代替「（七）总计」、「（二）部分公开」）、缺少编号，或措辞
    相近（「2.其他法律法规禁止公开」代替「2.其他法律行政法规禁止公开」）。数值无法读取的表格（数值
    粘连或列对不上，GK309）只要行已匹配，也检查其标签。

    ## 为什么重要
    模板（国办公开办函〔2019〕60号、〔2021〕30号）是固定表式，标签有法律含义（「法律行政法规」指可以
    禁止公开的两类规范）。读者和评估人员逐行比较报告。

    ## 示例

    ## 修复安全性
    安全：只替换或插入不同的字（「法律法规」→「法律行政法规」）；还是同一行，数值不动。
    """
    for table in report.tables:
        if not (table.readable or table.labels_readable):
            continue  # rows not matched with confidence (GK309): a label may be another row's
        zh, en = table_name(table)
        for written, canonical, start, end, edits in table.column_deviations:
            yield Finding(
                start,
                end,
                zh=f"{zh}的列标题「{written}」与模板不一致，应为「{canonical}」",
                en=f"{en}: column heading {written!r} differs from the template's {canonical!r}",
                fix=Fix.safe(*(Edit(s, e, r) for s, e, r in edits), description=Message(f"改为「{canonical}」", f"use {canonical!r}")),
            )
        for row in table.rows:
            if not row.deviates:
                continue
            fix = None
            if row.label_edits:
                fix = Fix.safe(
                    *(Edit(s, e, r) for s, e, r in row.label_edits),
                    description=Message(f"改为模板措辞「{row.label}」", f"use the template's wording {row.label!r}"),
                )
            yield Finding(
                row.label_start,
                row.label_end,
                zh=f"{zh}的行标签「{row.written}」与模板不一致，应为「{row.label}」",
                en=f"{en}: row label {row.written!r} differs from the template's {row.label!r}",
                fix=fix,
            )


RULE = check
