"""GK202: the statistics period is not the report's calendar year, or a date is impossible."""

from __future__ import annotations

from gklint.api import Applicability, Edit, Finding, Fix, FixAvailability, Message, Severity, rule
from gklint.core.text import CN_DIGITS
from gklint.facts.period import date_mentions


def _year_text(year: int, chinese: bool) -> str:
    return "".join(CN_DIGITS[int(d)] for d in str(year)) if chinese else str(year)


@rule(
    "GK202",
    "period-not-report-year",
    Severity.ERROR,
    fix=FixAvailability.SOMETIMES,
    applicability=Applicability.SAFE,
    summary="统计期限不是报告年度的1月1日至12月31日，或日期不存在",
    summary_en="statistics period is not 1月1日–12月31日 of the report year, or a date is invalid",
)
def check(report, options):
    """## What it does
    Checks the statistics-period statement (see GK201) against the report year (the title's
    year; without one, the period's own): it must run from 1月1日 to 12月31日 of that year.
    Also reports any date in the text or in the metadata that does not exist (「2月30日」,
    「13月1日」, 「2021-02-29」).

    ## Why it matters
    条例第四十九条 asks for a report on the previous calendar year, and the national template
    (国办公开办函〔2021〕30号) states the figures 「统计期限为…年1月1日至…年12月31日」. A period
    of last year (copied from last year's report) or a shorter span means the tables do not
    cover what the title says; an impossible date is a typing error the public will notice.

    ## Example
    ```
    2020年政府信息公开工作年度报告
    本报告所列数据统计期限为2019年1月1日至2019年12月31日。   ← 应为2020年
    本报告所列数据统计期限为2020年1月1日至2020年11月30日。   ← 应至12月31日
    ```

    ## Fix safety
    Safe when only the year is stale: the period runs 1月1日–12月31日 and the title names the
    year, so the fix replaces just the year's digits (in the same numerals) with the title's
    year. Other cases need the author: no fix.

    ## 做什么
    将统计期限说明（见 GK201）与报告年度（标题中的年份；没有时用期限本身的年份）比较：期限必须是该年
    1月1日至12月31日。同时报告正文或元数据中不存在的日期（「2月30日」「13月1日」「2021-02-29」）。

    ## 为什么重要
    条例第四十九条要求报告上一自然年度的情况，国家模板（国办公开办函〔2021〕30号）写明数据「统计期限为
    …年1月1日至…年12月31日」。期限是上一年（沿用上年报告）或不满一年，说明表格并未覆盖标题所说的
    年度；不存在的日期是公众一眼就能看出的笔误。

    ## 示例

    ## 修复安全性
    只有年份过时时安全：期限为1月1日至12月31日、标题写明了年份，修复只把年份数字（沿用原来的数字
    写法）换成标题的年份。其他情况需要作者处理：不修复。
    """
    title_year = report.year
    for period in report.facts.periods:
        first, last = period.first, period.last
        if not first.valid or not last.valid:
            continue  # reported below as an impossible date
        year = title_year or period.year
        expected = f"{year}年1月1日至{year}年12月31日"
        stated = report.text[period.start : period.end]
        shape_ok = (first.month, first.day, last.month, last.day) == (1, 1, 12, 31)
        stale = [m for m in (first, last) if m.year is not None and m.year != year]
        if shape_ok and not stale:
            continue
        fix = None
        if shape_ok and stale and title_year:
            edits = []
            for mention in stale:
                if period.whole_year and edits:
                    break  # one year written once for both ends
                edits.append(Edit(mention.year_start, mention.year_end, _year_text(year, mention.year_cn)))
            fix = Fix.safe(*edits, description=Message(f"年份改为{year}", f"change the year to {year}"))
            zh = f"统计期限「{stated}」的年份与报告年度{year}年不一致；应为{expected}"
            en = f"statistics period 「{stated}」 is not for the report year {year}; expected {expected}"
        else:
            zh = f"统计期限「{stated}」不是报告年度的全年；应为{expected}"
            en = f"statistics period 「{stated}」 is not the whole report year; expected {expected}"
        yield Finding(period.start, period.end, zh=zh, en=en, fix=fix)

    for mention in date_mentions(report):
        if mention.valid:
            continue
        written = report.text[mention.start : mention.end]
        if 1 <= mention.month <= 12:
            why_zh, why_en = f"{mention.month}月没有{mention.day}日", f"month {mention.month} has no day {mention.day}"
        else:
            why_zh, why_en = f"没有{mention.month}月", f"there is no month {mention.month}"
        yield Finding(
            mention.start,
            mention.end,
            zh=f"日期「{written}」不存在（{why_zh}）",
            en=f"date 「{written}」 does not exist ({why_en})",
        )
    for published in report.facts.publication_dates:
        if published.date is None:
            yield Finding(
                published.start,
                published.end,
                zh=f"{published.label}「{published.raw}」不是有效日期",
                en=f"{published.label} 「{published.raw}」 is not a valid date",
            )


RULE = check
