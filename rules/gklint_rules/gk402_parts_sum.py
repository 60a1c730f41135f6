"""GK402: listed parts do not add up to the stated total."""

from __future__ import annotations

from gklint import Finding, Severity, rule
from gklint.figures import fmt


@rule(
    "GK402",
    "parts-not-total",
    Severity.ERROR,
    fix="H",
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
    """
    for figure in report.figures:
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
