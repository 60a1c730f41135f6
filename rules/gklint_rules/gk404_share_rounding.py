"""GK404: shares rounded inconsistently (mixed decimals, truncation)."""

from __future__ import annotations

from fractions import Fraction

from gklint.api import Finding, Severity, rule
from gklint.facts.figures import round_half_up, truncate


@rule(
    "GK404",
    "share-rounding",
    Severity.INFO,
    hint=True,
    summary="同一组占比的取舍不一致（小数位数不同或截断）",
    summary_en="shares rounded inconsistently (mixed decimals, truncation)",
)
def check(report, options):
    """## What it does
    Looks at the shares of one split ("占比75%" "占比12.5%" "占比3.12%") and notes when they are written
    with different numbers of decimals, or when a share was cut off instead of rounded (1 ÷ 32 = 3.125%
    written 3.12%, where rounding gives 3.13%). Truncation is only judged when the count and the total
    are given.

    ## Why it matters
    GB/T 8170 (数值修约规则) rounds half up; one split written with one convention reads as one table.
    Mixed decimals usually mean the shares were typed in by hand, and are worth a second look; this is a
    style note, not an error.

    ## Example
    ```
    其中，予以公开24件，占75%；部分公开4件，占12.5%；不予公开1件，占3.12%。
    ```

    ## Fix safety
    No automatic fix: choose one number of decimals and recompute the shares.

    ## 做什么
    查看同一组占比（「占比75%」「占比12.5%」「占比3.12%」），小数位数不一致，或某个占比是截断而不是
    四舍五入得到的（1 ÷ 32 = 3.125% 写作 3.12%，四舍五入应为 3.13%）时给出提示。只有给出了数量和总数
    时才判断是否截断。

    ## 为什么重要
    GB/T 8170（数值修约规则）规定四舍五入；同一组占比采用同一种写法，读起来才像一张表。小数位数不一
    通常说明占比是手工录入的，值得再核对一遍；这是格式提示，不是错误。

    ## 示例

    ## 修复安全性
    不自动修复：请统一小数位数并重新计算各占比。
    """
    for figure in report.facts.figures:
        shares = figure.shares
        if len(shares) < 2:
            continue
        decimals = sorted({s.decimals for s in shares})
        if len(decimals) > 1:
            written = "、".join(s.text.strip() for s in shares)
            yield Finding(
                shares[0].start,
                shares[-1].end,
                zh=f"同一组占比的小数位数不一致（{written}），建议统一保留{decimals[-1]}位小数",
                en=f"shares of one split use different numbers of decimals ({written}); use {decimals[-1]} throughout",
            )
            continue
        total = figure.total
        if total is None or not total.exact or total.value == 0 or decimals[0] == 0:
            continue
        for part in figure.parts:
            if part.share is None or part.count is None or not part.count.exact:
                continue
            computed = Fraction(part.count.value * 100, total.value)
            d = part.share.decimals
            rounded = round_half_up(computed, d)
            if part.share.value == truncate(computed, d) != rounded:
                yield Finding(
                    part.share.start,
                    part.share.end,
                    zh=f"「{part.label}」的占比{part.share.text.strip()}是截断值，四舍五入应为{float(rounded):.{d}f}%",
                    en=f"the share of 「{part.label}」 ({part.share.text.strip()}) is truncated; rounded half up it is {float(rounded):.{d}f}%",
                )


RULE = check
