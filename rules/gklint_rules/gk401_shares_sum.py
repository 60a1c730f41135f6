"""GK401: shares presented as a split of one total do not sum to 100% beyond rounding."""

from __future__ import annotations

from fractions import Fraction

from gklint.api import Finding, Severity, rule
from gklint.facts.figures import fmt, tolerance


@rule(
    "GK401",
    "shares-not-100",
    Severity.ERROR,
    hint=True,
    summary="同一总数的各部分占比之和不等于100%（超出四舍五入误差）",
    summary_en="shares presented as a split of one total do not sum to 100% beyond rounding",
)
def check(report, options):
    """## What it does
    Finds a total split into parts with a percentage each ("其中，门户网站公开…占比68%，政务微信…占比17%…",
    or a numbered list of channels after the total) and checks that the shares sum to 100%. Rounding is
    allowed: n × 0.5 × 10^(−d) percentage points for n shares written with d decimals
    (86.92% + 11.47% + 1.60% = 99.99% passes; 68% + 17% + 15% passes).

    Nothing is demanded when the text says an item was counted on each channel it was published on
    (the shares then may exceed 100%), when a clause names the rest without a figure (其余/其他…),
    or when the parts' counts already fail to add up to the total (that is GK402's finding).

    ## Why it matters
    A split that does not total 100% tells the reader that a channel is missing or a figure is wrong;
    assessors list "百分比合计不等于100%" among the common errors of annual reports published under
    条例第五十条. The shares are hand-computed in most drafts, and copied from last year's text.

    ## Example
    ```
    1、政府网站。通过政府门户网站公开政府信息5487条，占比68%。
    2、政务微信。发布信息1387条，占比17%。
    3、其他方式。公开各类政府信息1255条，占比25%。
    ```
    68% + 17% + 25% = 110%.

    ## Fix safety
    No automatic fix: which share is wrong is for the author to decide. When the counts and the total
    are given, the message shows the computed shares.

    ## 做什么
    找出分成几部分、每部分都给出百分比的总数（「其中，门户网站公开…占比68%，政务微信…占比17%…」，或
    总数之后按渠道编号列出），检查各部分占比之和是否为 100%。允许四舍五入误差：n 个保留 d 位小数的
    占比，误差上限为 n × 0.5 × 10^(−d) 个百分点（86.92% + 11.47% + 1.60% = 99.99% 通过；68% + 17% + 15%
    通过）。

    正文说明同一条信息在多个渠道分别计数（占比之和可以超过 100%）、某一分句只说「其余/其他…」而不给
    数字，或各部分数量之和本来就不等于总数（那是 GK402 的问题）时，不作要求。

    ## 为什么重要
    占比合计不等于 100%，说明漏了一个渠道或某个数字有错；评估人员把「百分比合计不等于100%」列为依
    条例第五十条发布的年度报告的常见错误。大多数草稿中的占比是手算的，或照抄上年的文字。

    ## 示例
    ```
    1、政府网站。通过政府门户网站公开政府信息5487条，占比68%。
    2、政务微信。发布信息1387条，占比17%。
    3、其他方式。公开各类政府信息1255条，占比25%。
    ```
    68% + 17% + 25% = 110%。

    ## 修复安全性
    不自动修复：哪个占比错了由作者判断。给出了各部分数量和总数时，消息会列出计算得到的占比。
    """
    for figure in report.facts.figures:
        if not figure.split or len(figure.parts) < 2:
            continue
        shares = [p.share for p in figure.parts]
        if any(s is None for s in shares):
            continue
        counts = [p.count for p in figure.parts]
        have_counts = figure.total is not None and figure.total.exact and all(c is not None and c.exact for c in counts)
        if have_counts and sum(c.value for c in counts) != figure.total.value:
            continue  # GK402's finding
        decimals = max(s.decimals for s in shares)
        total = sum(s.value for s in shares)
        if abs(total - 100) <= tolerance(decimals, len(shares)):
            continue
        written = " + ".join(s.text.strip() for s in shares)
        hint_zh = hint_en = ""
        if have_counts and figure.total.value:
            computed = "、".join(f"{fmt(Fraction(c.value * 100, figure.total.value), max(decimals, 1))}%" for c in counts)
            hint_zh = f"；按各部分数量计算应为{computed}"
            hint_en = f"; computed from the counts: {computed.replace('、', ', ')}"
        yield Finding(
            shares[0].start,
            shares[-1].end,
            zh=f"各部分占比之和为{fmt(total)}%（{written}），不等于100%{hint_zh}",
            en=f"shares of one total sum to {fmt(total)}% ({written}), not 100%{hint_en}",
        )


RULE = check
