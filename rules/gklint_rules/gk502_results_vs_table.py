"""GK502: a result count in the text (予以公开, 不予公开, …) differs from table 三."""

from __future__ import annotations

from gklint.api import Finding, Severity, rule
from gklint.facts.figures import table_number

_NAMES = {
    "disclosed": "（一）予以公开",
    "partly_disclosed": "（二）部分公开",
    "withheld": "（三）不予公开",
    "unavailable": "（四）无法提供",
    "not_processed": "（五）不予处理",
    "other_handling": "（六）其他处理",
    "carried_out": "四、结转下年度继续办理",
}


@rule(
    "GK502",
    "results-vs-table",
    Severity.WARNING,
    hint=True,
    summary="正文所述办理结果数量与第三部分表格不一致",
    summary_en="a result count in the text (予以公开, 不予公开, …) differs from table 三",
)
def check(report, options):
    """## What it does
    Finds result counts in the narrative about applications ("其中：予以公开24件，部分公开2件，不予公开1件，
    无法提供4件，结转下一年办理1件") and compares each with table 三, column 总计: （一）予以公开, （二）部分公开,
    the sum of the items of （三）不予公开, （四）无法提供, （五）不予处理, （六）其他处理, and 四、结转下年度继续办理.
    A clause naming one applicant column (自然人…) or cases filed for record is left alone.

    ## Why it matters
    The narrative and the table state the same results (条例第五十条); readers quote the narrative, so a
    count that contradicts the table misinforms them. Assessors list such contradictions among the common
    errors (国办公开办函〔2021〕30号).

    ## Example
    ```
    2020年全区共受理依申请公开32件，其中：予以公开25件，部分公开2件……
    ```
    with （一）予以公开 总计 24.

    ## Fix safety
    No automatic fix: the text or the table may be wrong. The message gives the table's value.

    ## 做什么
    找出正文中关于申请办理结果的数量（「其中：予以公开24件，部分公开2件，不予公开1件，无法提供4件，
    结转下一年办理1件」），逐项与第三部分表格的总计列比较：（一）予以公开、（二）部分公开、（三）不予
    公开各项之和、（四）无法提供、（五）不予处理、（六）其他处理，以及「四、结转下年度继续办理」。只说
    某一类申请人（自然人…）或备案案件的分句不比较。

    ## 为什么重要
    正文和表格陈述的是同样的办理结果（条例第五十条）；读者引用的是正文，与表格矛盾的数字会误导他们。
    评估人员把这类矛盾列为常见错误（国办公开办函〔2021〕30号）。

    ## 示例
    ```
    2020年全区共受理依申请公开32件，其中：予以公开25件，部分公开2件……
    ```
    而表格中（一）予以公开的总计为 24。

    ## 修复安全性
    不自动修复：错的可能是正文，也可能是表格。消息给出表格中的数值。
    """
    for claim in report.facts.table_claims:
        if claim.topic != "result":
            continue
        number = table_number(report, "applications", claim.row, "total")
        if number is None or claim.value == number.value:
            continue
        name = _row_label(report, claim.row)
        value = int(number.value) if float(number.value).is_integer() else number.value
        yield Finding(
            claim.start,
            claim.end,
            zh=f"正文所述「{name}」{claim.value}件，与第三部分表格该项总计{value}件不一致",
            en=f"the text states {claim.value} for 「{name}」; table 三 (总计) has {value}",
        )


def _row_label(report, row_id: str) -> str:
    rows = report.template.data.get("applications", {}).get("rows", [])
    for row in rows:
        if row.get("id") == row_id:
            return row.get("short") or row["label"]
    return _NAMES.get(row_id, row_id)


RULE = check
