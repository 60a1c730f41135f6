"""GK204: the publication date is after the legal deadline for the issuer."""

from __future__ import annotations

from gklint.api import Finding, Severity, rule
from gklint.facts.period import deadline, report_year

_ISSUER = {"department": ("政府部门", "a government department"), "government": ("人民政府", "a people's government")}


@rule(
    "GK204",
    "late-publication",
    Severity.WARNING,
    hint=True,
    summary="发布日期晚于法定期限（部门1月31日，政府3月31日）",
    summary_en="publication date after the legal deadline (department 1月31日, government 3月31日)",
)
def check(report, options):
    """## What it does
    Reads the report's dates of issue: the portal's metadata (发文日期, 发布日期, 成文日期…) and
    the signature date (落款: a line holding only a date among the last lines), and reports one
    after the deadline for the report year (the title's, else the period's): 1月31日 of the
    next year for a department (the default), 3月31日 for a government (config
    `issuer = "government"`).

    ## Why it matters
    条例第四十九条 (2019 revision, 国务院令第711号): a 县级以上人民政府部门 publishes its report on
    the previous year by 1月31日; the 主管部门 of a 县级以上地方人民政府 publishes the government's
    report by 3月31日. Late publication is one of the errors assessors count.

    ## Example
    ```
    | 发文日期: | 2021-02-05 |          ← 2020年度报告，部门应于2021年1月31日前公开
    ```

    ## Fix safety
    No fix: the date records what happened. If the report is a government's, set
    `issuer = "government"`.

    ## 做什么
    读取报告的发布日期：门户网站元数据（发文日期、发布日期、成文日期等）和落款日期（末尾几行中只有
    一个日期的行），晚于该报告年度（标题的年份，否则为统计期限的年份）的法定期限时报告：部门（默认）
    为次年1月31日，人民政府（配置 `issuer = "government"`）为次年3月31日。

    ## 为什么重要
    条例第四十九条（2019年修订，国务院令第711号）：县级以上人民政府部门应于每年1月31日前公布上一年度
    的报告；县级以上地方人民政府的主管部门应于每年3月31日前公布本级政府的报告。逾期公布是评估人员统计
    的错误之一。

    ## 示例

    ## 修复安全性
    不修复：日期记录的是事实。如果这是人民政府的报告，请设置 `issuer = "government"`。
    """
    year = report_year(report)
    if not year:
        return
    last_day = deadline(report, year)
    who_zh, who_en = _ISSUER.get(report.issuer, _ISSUER["department"])
    for published in report.facts.publication_dates:
        if published.date is None or published.date <= last_day:
            continue
        yield Finding(
            published.start,
            published.end,
            zh=(
                f"{published.label}「{published.raw}」晚于法定期限：{who_zh}的{year}年度报告应于"
                f"{last_day.year}年{last_day.month}月{last_day.day}日前公开（条例第四十九条）"
            ),
            en=(
                f"{published.label} 「{published.raw}」 is after the deadline: {who_en} publishes its {year} "
                f"report by {last_day.isoformat()} (条例第四十九条)"
            ),
        )


RULE = check
