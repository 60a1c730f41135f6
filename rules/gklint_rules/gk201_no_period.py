"""GK201: no statistics-period statement."""

from __future__ import annotations

from gklint.api import Applicability, Edit, Finding, Fix, FixAvailability, Message, Severity, law, rule
from gklint.facts.period import is_traditional_text, report_anchor, report_year

_LEAD_IN = ("如下：", "如下:", "如下", "：", ":")


def _insertion(report, sentence: str):
    """Where the sentence goes: after the preamble's last sentence, else after the title."""
    newline = report.source.newline or "\n"
    preamble = [report.line(n) for n in report.preamble_lines if not report.line(n).is_blank]
    preamble = [line for line in preamble if "|" not in line.text]
    target = None
    if preamble and preamble[-1].stripped.endswith("。") and not preamble[-1].stripped.endswith(_LEAD_IN):
        target = preamble[-1]
    elif report.title:
        target = report.title.lines[-1]
    if target is None:
        return None
    following = report.line(target.number + 1) if target.number < len(report.lines) else None
    gap = newline if following is not None and following.is_blank else ""
    return Edit(target.end, target.end, newline + gap + sentence)


@rule(
    "GK201",
    "no-statistics-period",
    Severity.WARNING,
    fix=FixAvailability.SOMETIMES,
    applicability=Applicability.UNSAFE,
    summary="没有统计期限说明",
    summary_en="no statistics-period statement",
)
def check(report, options):
    """## What it does
    Reports a report that nowhere states the period its figures cover. The statement is found
    in all its real forms, across PDF line breaks and spaces: 「统计期限为2020年1月1日至2020年
    12月31日」, 「统计时限自2020年1月1日起至2020年12月31日止」, 「从2019年1月1日到12月31日止」,
    「统计时间为…」, Chinese numerals 「二〇二〇年一月一日」, 「2024 年 1 月 1 日」. A date range
    counts when 统计 or 报告期 (in the preamble also 数据, 期限, 时限…) comes before it in the
    same sentence.

    ## Why it matters
    The national template (国办公开办函〔2019〕60号, 〔2021〕30号) expects the preamble to say
    「本报告所列数据统计期限为…年1月1日至…年12月31日」: without it a reader cannot tell whether the
    tables cover the calendar year the regulation (条例第四十九条、第五十条) asks about.

    ## Example
    ```
    XX区2020年政府信息公开工作年度报告
    根据《中华人民共和国政府信息公开条例》要求，现公布本报告。   ← 没有统计期限
    一、总体情况
    ```

    ## Fix safety
    Unsafe: inserts 「本报告所列数据统计期限为2020年1月1日至2020年12月31日。」 for the title's year,
    after the preamble's last sentence (or after the title when the preamble leads into the
    sections with 「如下：」), in traditional script when the report is. Only the author knows
    the data really cover that year. No fix when the title has no year.

    ## 做什么
    报告全文都没有说明数据统计期限的报告。各种实际写法都能识别，包括跨 PDF 换行和空格：「统计期限为
    2020年1月1日至2020年12月31日」「统计时限自2020年1月1日起至2020年12月31日止」「从2019年1月1日到
    12月31日止」「统计时间为…」、汉字数字「二〇二〇年一月一日」、「2024 年 1 月 1 日」。同一句中日期
    范围前有「统计」或「报告期」（在引言中也可以是「数据」「期限」「时限」等）即算作统计期限说明。

    ## 为什么重要
    国家模板（国办公开办函〔2019〕60号、〔2021〕30号）要求引言写明「本报告所列数据统计期限为…年1月1日
    至…年12月31日」：没有这句话，读者无法判断表格是否覆盖条例（第四十九条、第五十条）要求报告的那个
    自然年度。

    ## 示例

    ## 修复安全性
    不安全：按标题中的年份插入「本报告所列数据统计期限为2020年1月1日至2020年12月31日。」，放在引言
    最后一句之后（引言以「如下：」引出各部分时放在标题之后），报告为繁体时用繁体。只有作者知道数据
    是否确实覆盖该年度。标题中没有年份时不修复。
    """
    if report.facts.periods or not report.sections:
        return
    start, end = report_anchor(report)
    year = report_year(report)
    fix = None
    if year:
        data = law()["period"]
        head = report.text[: report.sections[0].heading.line.end]
        template = data["sentence_traditional"] if is_traditional_text(head) else data["sentence"]
        sentence = template.format(year=year)
        edit = _insertion(report, sentence)
        if edit is not None:
            fix = Fix.unsafe(edit, description=Message(f"插入「{sentence}」", f"insert 「{sentence}」"))
        yield Finding(
            start,
            end,
            zh=f"没有说明数据统计期限；应写明「{sentence}」",
            en=f"the report does not state its statistics period; expected 「{sentence}」",
            fix=fix,
        )
    else:
        yield Finding(
            start,
            end,
            zh="没有说明数据统计期限（应为报告年度的1月1日至12月31日）",
            en="the report does not state its statistics period (1月1日 to 12月31日 of the report year)",
        )


RULE = check
