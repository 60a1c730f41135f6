"""GK503: the text on 行政复议/行政诉讼 contradicts table 四."""

from __future__ import annotations

from gklint.api import Finding, Severity, rule
from gklint.facts.figures import table_number

_COLUMNS = {"total": "总计", "upheld": "结果维持", "corrected": "结果纠正", "other": "其他结果", "pending": "尚未审结"}
_SUIT_GROUPS = ("direct_suit", "suit_after_review")


def _expected(report, topic: str, column: str):
    if topic == "review":
        number = table_number(report, "review_litigation", "review", column)
        return None if number is None else number.value
    values = [table_number(report, "review_litigation", group, column) for group in _SUIT_GROUPS]
    if any(v is None for v in values):
        return None
    return sum(v.value for v in values)


@rule(
    "GK503",
    "review-litigation-vs-table",
    Severity.WARNING,
    hint=True,
    summary="正文关于行政复议、行政诉讼的表述与第四部分表格矛盾",
    summary_en="the text on 行政复议/行政诉讼 contradicts table 四",
)
def check(report, options):
    """## What it does
    Compares what the narrative says about administrative reviews and suits with table 四:
    "没有发生…行政复议…行政诉讼" means the 行政复议 总计 and both 行政诉讼 总计 are 0; "政府信息公开行政复议
    351件，其中结果维持72件，结果纠正64件，其他结果178件，尚未审结37件" must match the 行政复议 group;
    "行政诉讼46件，其中结果维持25件…" must match 未经复议直接起诉 + 复议后起诉, column by column.

    ## Why it matters
    条例第五十条 requires the report to state 被申请行政复议、提起行政诉讼情况; a narrative saying "none" over a
    table with cases (or the reverse) makes one of them false. Assessors list narrative/table contradictions
    among the common errors.

    ## Example
    ```
    高新区没有发生针对政府信息公开事务的行政复议申请、行政诉讼案件。
    ```
    with 行政复议 总计 1 in table 四.

    ## Fix safety
    No automatic fix: the text or the table may be wrong. The message gives the table's value.

    ## 做什么
    把正文关于行政复议、行政诉讼的表述与第四部分表格比较：「没有发生…行政复议…行政诉讼」意味着行政
    复议总计和两个行政诉讼总计都为 0；「政府信息公开行政复议351件，其中结果维持72件，结果纠正64件，
    其他结果178件，尚未审结37件」必须与行政复议一组一致；「行政诉讼46件，其中结果维持25件…」必须逐列
    等于「未经复议直接起诉」与「复议后起诉」之和。

    ## 为什么重要
    条例第五十条要求报告说明因政府信息公开工作被申请行政复议、提起行政诉讼的情况；正文说「没有」而
    表格中有案件（或者相反），必有一处不实。评估人员把正文与表格矛盾列为常见错误。

    ## 示例
    ```
    高新区没有发生针对政府信息公开事务的行政复议申请、行政诉讼案件。
    ```
    而第四部分表格中行政复议总计为 1。

    ## 修复安全性
    不自动修复：错的可能是正文，也可能是表格。消息给出表格中的数值。
    """
    for claim in report.facts.table_claims:
        if claim.topic not in ("review", "litigation"):
            continue
        expected = _expected(report, claim.topic, claim.column)
        if expected is None or claim.value == expected:
            continue
        expected = int(expected) if float(expected).is_integer() else expected
        what_zh = "行政复议" if claim.topic == "review" else "行政诉讼（未经复议直接起诉与复议后起诉合计）"
        what_en = "administrative review" if claim.topic == "review" else "suits (direct and after review together)"
        column = _COLUMNS.get(claim.column, claim.column)
        if claim.value == 0 and claim.column == "total":
            zh = f"正文称没有{what_zh.split('（')[0]}，但第四部分表格{what_zh}「{column}」为{expected}"
            en = f"the text says there was no {what_en.split(' (')[0]}, but table 四 ({what_en}, {column}) has {expected}"
        else:
            zh = f"正文所述{what_zh}「{column}」{claim.value}件，与第四部分表格的{expected}不一致"
            en = f"the text states {claim.value} for {what_en} ({column}); table 四 has {expected}"
        yield Finding(claim.start, claim.end, zh=zh, en=en)


RULE = check
