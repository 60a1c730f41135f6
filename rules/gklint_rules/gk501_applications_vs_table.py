"""GK501: the number of applications stated in the text differs from table 三."""

from __future__ import annotations

from gklint.api import Finding, Severity, rule
from gklint.facts.figures import table_number


def _where(report, number) -> str:
    if number is None or number.offset is None:
        return ""
    return f"（第{report.location(number.offset)[0]}行）"


@rule(
    "GK501",
    "applications-vs-table",
    Severity.WARNING,
    hint=True,
    summary="正文所述申请数量与第三部分表格不一致",
    summary_en="the number of applications stated in the text differs from table 三",
)
def check(report, options):
    """## What it does
    Finds the number of applications stated in the narrative ("收到申请数9件", "全市共受理政府信息公开申请
    3119件", "本年度未收到政府信息公开申请") and compares it with table 三, row 一、本年新收政府信息公开申请数量,
    column 总计. "共受理…申请N件（含上年结转M件）" is compared with 一 + 二; a count equal to 一 + 二 is accepted
    too, since drafts often count the carried-over applications as received.

    Counts of another scope are left alone: applications filed for record (备案), handled on behalf of
    others (协助办理), one applicant column (自然人申请…), by channel (网络申请…), or answered (答复/办结).

    ## Why it matters
    条例第五十条 asks for the 收到和处理政府信息公开申请情况; the narrative and the table are two statements
    of one fact, and a narrative that contradicts the table is among the errors assessors list most often
    (国办公开办函〔2021〕30号 asks for accurate data).

    ## Example
    ```
    高新区收到申请数10件，其中，网络申请数8件，信函申请数1件。
    ```
    with 一、本年新收政府信息公开申请数量 总计 9.

    ## Fix safety
    No automatic fix: the text or the table may be wrong. The message gives the table's value.

    ## 做什么
    找出正文中所述的申请数量（「收到申请数9件」「全市共受理政府信息公开申请3119件」「本年度未收到政府
    信息公开申请」），与第三部分表格「一、本年新收政府信息公开申请数量」行的总计列比较。「共受理…申请
    N件（含上年结转M件）」与「一 + 二」比较；数量等于「一 + 二」也视为一致，因为草稿常把上年结转的申请
    算作收到的申请。

    其他口径的数量不比较：备案的申请、协助办理的申请、单列某一类申请人的（自然人申请…）、按渠道统计的
    （网络申请…）以及答复或办结的数量。

    ## 为什么重要
    条例第五十条要求报告收到和处理政府信息公开申请情况；正文和表格是对同一事实的两种表述，正文与表格
    矛盾是评估人员列出最多的错误之一（国办公开办函〔2021〕30号要求数据准确）。

    ## 示例
    ```
    高新区收到申请数10件，其中，网络申请数8件，信函申请数1件。
    ```
    而表格中「一、本年新收政府信息公开申请数量」的总计为 9。

    ## 修复安全性
    不自动修复：错的可能是正文，也可能是表格。消息给出表格中的数值。
    """
    for claim in report.facts.table_claims:
        if claim.topic != "applications":
            continue
        new = table_number(report, "applications", "new", "total")
        if new is None:
            continue
        carried = table_number(report, "applications", "carried_in", "total")
        both = new.value + carried.value if carried is not None else None
        if claim.with_carried:
            if both is None or claim.value == both:
                continue
            yield Finding(
                claim.start,
                claim.end,
                zh=f"正文所述受理申请{claim.value}件（含上年结转），与第三部分表格「一、本年新收」加「二、上年结转」总计"
                f"{_fmt(both)}件{_where(report, new)}不一致",
                en=f"the text states {claim.value} applications including those carried over; table 三 一 + 二 (总计) is {_fmt(both)}",
            )
            continue
        if claim.value == new.value or (both is not None and claim.value == both):
            continue
        yield Finding(
            claim.start,
            claim.end,
            zh=f"正文所述申请数{claim.value}件，与第三部分表格「一、本年新收政府信息公开申请数量」总计{_fmt(new.value)}件"
            f"{_where(report, new)}不一致",
            en=f"the text states {claim.value} applications; table 三 row 一 (本年新收, 总计) is {_fmt(new.value)}",
        )


def _fmt(value) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


RULE = check
