"""GK504: 规章/规范性文件 counts in the text differ from table 二."""

from __future__ import annotations

from gklint.api import Finding, Severity, rule
from gklint.facts.figures import table_number

_ROWS = {"rules": "规章", "normative_documents": "规范性文件"}


@rule(
    "GK504",
    "documents-vs-table",
    Severity.WARNING,
    hint=True,
    summary="正文所述规章、规范性文件数量与第二部分表格不一致",
    summary_en="规章/规范性文件 counts in the text differ from table 二",
)
def check(report, options):
    """## What it does
    Finds counts of 规章 and 规范性文件 in the narrative with a verb saying which column they are
    ("全年新增公开市政府规章1件", "制发行政规范性文件8件", "废止规范性文件26件", "现行有效规章11件") and
    compares them with table 二 (第二十条第（一）项): 本年制发件数 / 本年废止件数 / 现行有效件数 (2021 format),
    本年新制作数量 / 本年新公开数量 / 对外公开总数量 (2019 format). A count matching any column the verb may
    mean passes. Counts of another scope are left alone: 备案, 审查, 清理, 宣布失效, 政策性文件 (not the same
    thing as 规范性文件), and clauses without such a verb.

    ## Why it matters
    Table 二 is the statutory record of 第二十条第（一）项 (条例第二十条); the narrative restating it with other
    numbers makes one of them wrong. Assessors list narrative/table contradictions among the common errors.

    ## Example
    ```
    全年新增公开市政府规章2件
    ```
    with 规章 本年制发件数 1.

    ## Fix safety
    No automatic fix: the text or the table may be wrong. The message gives the table's values.

    ## 做什么
    找出正文中带有说明属于哪一列的动词的规章、规范性文件数量（「全年新增公开市政府规章1件」「制发行政
    规范性文件8件」「废止规范性文件26件」「现行有效规章11件」），与第二部分表格（第二十条第（一）项）
    比较：本年制发件数 / 本年废止件数 / 现行有效件数（2021 年版），本年新制作数量 / 本年新公开数量 /
    对外公开总数量（2019 年版）。与该动词可能指的任一列相符即通过。其他口径的数量不比较：备案、审查、
    清理、宣布失效、政策性文件（与规范性文件不是一回事），以及没有这类动词的分句。

    ## 为什么重要
    第二部分表格是第二十条第（一）项信息的法定记录（条例第二十条）；正文用另一组数字重述它，必有一处
    错误。评估人员把正文与表格矛盾列为常见错误。

    ## 示例
    ```
    全年新增公开市政府规章2件
    ```
    而表格中规章的本年制发件数为 1。

    ## 修复安全性
    不自动修复：错的可能是正文，也可能是表格。消息给出表格中的数值。
    """
    for claim in report.facts.table_claims:
        if claim.topic != "documents":
            continue
        found = []
        for column in claim.columns:
            number = table_number(report, "active_disclosure", claim.row, column)
            if number is not None:
                found.append((column, number.value))
        if not found or any(claim.value == value for _, value in found):
            continue
        shown = "、".join(f"{column} {int(value) if float(value).is_integer() else value}" for column, value in found)
        name = _ROWS.get(claim.row, claim.row)
        yield Finding(
            claim.start,
            claim.end,
            zh=f"正文所述{name}{claim.value}件，与第二部分表格不一致（{name}：{shown}）",
            en=f"the text states {claim.value} {name}; table 二 has {shown}",
        )


RULE = check
