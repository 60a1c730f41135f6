"""GK403: a stated percentage differs from count ÷ total beyond rounding."""

from __future__ import annotations

from fractions import Fraction

from gklint.api import Finding, Severity, rule
from gklint.facts.figures import fmt, round_half_up, tolerance


def _nudging_needed(figure, total) -> bool:
    parts = figure.parts
    if any(p.share is None or p.share.decimals != 0 or p.count is None for p in parts):
        return False
    return sum(round_half_up(Fraction(p.count.value * 100, total), 0) for p in parts) != 100


@rule(
    "GK403",
    "share-mismatch",
    Severity.ERROR,
    hint=True,
    summary="所述占比与数量÷总数不符（超出四舍五入误差）",
    summary_en="a stated percentage differs from count ÷ total beyond rounding",
)
def check(report, options):
    """## What it does
    For each part of a stated total that gives both its count and its share ("通过政府门户网站公开政府
    信息5487条，占比68%" with the total 8129条), computes count ÷ total and compares it with the share.
    A share written with d decimals may differ by 0.5 × 10^(−d) points (rounding); whole-number shares
    of a split may differ by less than 1 point when rounding each half up cannot reach 100 (one was
    nudged: seed 000's
    5487/8129 = 67.5% written 68% passes, since 67 + 17 + 15 rounded half up would make 99).

    An approximate total (5500余条) is not checked.

    ## Why it matters
    A share that does not match its count misleads the reader about the weight of each channel; assessors
    list "百分比与数量不符" among the common errors of reports published under 条例第五十条.

    ## Example
    ```
    主动公开政府信息8129条。
    1、政府网站。通过政府门户网站公开政府信息5487条，占比60%。
    ```
    5487 ÷ 8129 = 67.5%, not 60%.

    ## Fix safety
    No automatic fix: the count or the total may be the wrong figure. The message shows the computed share.

    ## 做什么
    对给出了数量和占比的每个部分（「通过政府门户网站公开政府信息5487条，占比68%」，总数为8129条），
    计算数量 ÷ 总数并与所写占比比较。保留 d 位小数的占比允许相差 0.5 × 10^(−d) 个百分点（四舍五入）；
    一组整数占比在每项都四舍五入无法凑成 100 时（有一项被调整过），允许相差不到 1 个百分点（样本 000 的
    5487/8129 = 67.5% 写作 68% 通过，因为 67 + 17 + 15 四舍五入后只有 99）。

    约数总数（5500余条）不检查。

    ## 为什么重要
    与数量不符的占比会误导读者对各渠道比重的判断；评估人员把「百分比与数量不符」列为依条例第五十条
    发布的报告的常见错误。

    ## 示例
    ```
    主动公开政府信息8129条。
    1、政府网站。通过政府门户网站公开政府信息5487条，占比60%。
    ```
    5487 ÷ 8129 = 67.5%，不是 60%。

    ## 修复安全性
    不自动修复：错的可能是数量，也可能是总数。消息给出计算得到的占比。
    """
    for figure in report.facts.figures:
        total = figure.total
        if total is None or not total.exact or total.value == 0:
            continue
        # Whole-number shares were nudged when rounding each one half up cannot reach 100.
        nudged = figure.split and _nudging_needed(figure, total.value)
        for part in figure.parts:
            if part.share is None or part.count is None or not part.count.exact:
                continue
            share = part.share
            computed = Fraction(part.count.value * 100, total.value)
            difference = abs(share.value - computed)
            if difference <= tolerance(share.decimals):
                continue
            if nudged and difference < 1:
                continue
            shown = fmt(computed, max(share.decimals, 2))
            yield Finding(
                share.start,
                share.end,
                zh=f"「{part.label}」的占比写作{share.text.strip()}，按{fmt(part.count.value)}÷{fmt(total.value)}计算应为{shown}%",
                en=f"the share of 「{part.label}」 is written {share.text.strip()}; "
                f"{fmt(part.count.value)} ÷ {fmt(total.value)} = {shown}%",
            )


RULE = check
