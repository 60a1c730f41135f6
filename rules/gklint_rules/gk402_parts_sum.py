"""GK402: listed parts do not add up to the stated total."""

from __future__ import annotations

from gklint.api import Finding, Severity, rule
from gklint.facts.figures import fmt


@rule(
    "GK402",
    "parts-not-total",
    Severity.ERROR,
    hint=True,
    summary="所列各部分数量之和不等于所述总数",
    summary_en="listed parts do not add up to the stated total",
)
def check(report, options):
    """## What it does
    Finds a stated total followed by its parts ("主动公开政府信息11210条，其中，门户网站公开4790条，
    政务微博公开1801条，政务微信公开3628条，其他方式公开991条", or the total stated just before a
    numbered list of channels) and checks that the parts add up to the total.

    Clauses that are not a share of the total (按时办结数9件, 同比增长…) are left out. When a clause names
    the rest without a figure (其余/其他…), the parts may fall short of the total but not exceed it.
    When the text says an item was counted on each channel, nothing is checked. An approximate total
    (5500余条, 约1.2万条) is not checked.

    ## Why it matters
    Figures in the narrative are what readers quote; parts that do not add up make the report's
    statistics unreliable, and assessors list inconsistent figures among the common errors of reports
    published under 条例第五十条 (国办公开办函〔2021〕30号 asks for accurate, consistent data).

    ## Example
    ```
    2020年，通过不同渠道和方式主动公开政府信息11210条，其中，门户网站公开4790条，政务微博公开1801条，
    政务微信公开3628条，其他方式公开891条。
    ```
    4790 + 1801 + 3628 + 891 = 11110, not 11210.

    ## Fix safety
    No automatic fix: either the total or a part is wrong. The message shows the sum and the difference.

    ## 做什么
    找出给出总数、随后列出各部分的表述（「主动公开政府信息11210条，其中，门户网站公开4790条，政务微博
    公开1801条，政务微信公开3628条，其他方式公开991条」，或总数后紧跟按渠道编号的列表），检查各部分
    之和是否等于总数。

    不属于总数一部分的分句（按时办结数9件、同比增长…）不计入。某一分句只说「其余/其他…」而不给数字时，
    各部分之和可以小于总数但不能超过。正文说明同一条信息在多个渠道分别计数时不检查。约数（5500余条、
    约1.2万条）不检查。

    ## 为什么重要
    正文中的数字是读者引用的内容；各部分加起来不等于总数，会让报告的统计数据不可信。评估人员把前后
    数字不一致列为依条例第五十条发布的报告的常见错误（国办公开办函〔2021〕30号要求数据准确、前后一致）。

    ## 示例
    ```
    2020年，通过不同渠道和方式主动公开政府信息11210条，其中，门户网站公开4790条，政务微博公开1801条，
    政务微信公开3628条，其他方式公开891条。
    ```
    4790 + 1801 + 3628 + 891 = 11110，不是 11210。

    ## 修复安全性
    不自动修复：可能总数错了，也可能某一部分错了。消息给出合计和差额。
    """
    for figure in report.facts.figures:
        total = figure.total
        if total is None or not total.exact or figure.counted_across or len(figure.parts) < 2:
            continue
        counts = [p.count for p in figure.parts]
        if any(c is None or not c.exact for c in counts):
            continue
        parts_sum = sum(c.value for c in counts)
        if parts_sum == total.value or (figure.remainder and parts_sum < total.value):
            continue
        written = " + ".join(c.text.replace(" ", "") for c in counts)
        difference = parts_sum - total.value
        more_zh, more_en = ("多", "more") if difference > 0 else ("少", "less")
        yield Finding(
            total.start,
            total.end,
            zh=f"总数{total.text.replace(' ', '')}与所列各部分之和{fmt(parts_sum)}（{written}）不符，"
            f"各部分之和{more_zh}{fmt(abs(difference))}",
            en=f"the total {fmt(total.value)} differs from the sum of its parts {fmt(parts_sum)} ({written}): "
            f"{fmt(abs(difference))} {more_en}",
        )


RULE = check
