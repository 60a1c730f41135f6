"""GK105: section 一, 五 or 六 has no text."""

from __future__ import annotations

from gklint.api import Applicability, Edit, Finding, Fix, FixAvailability, Message, Severity, rule
from gklint.model.parser import PAGE_MARKER_RE


def _has_text(report, section) -> bool:
    return any(not line.is_blank and not PAGE_MARKER_RE.match(line.text) for line in report.body_lines(section))


@rule(
    "GK105",
    "empty-section",
    Severity.WARNING,
    fix=FixAvailability.SOMETIMES,
    applicability=Applicability.UNSAFE,
    hint=True,
    summary="第一、五、六部分没有正文",
    summary_en="section 一, 五 or 六 has no text",
)
def check(report, options):
    """## What it does
    Reports section 一 (总体情况), 五 (存在的主要问题及改进情况) or 六 (其他需要报告的事项)
    when its heading is followed directly by the next heading or the end of the text. An empty
    二, 三 or 四 is not reported here: those sections are template tables, and a missing table
    is GK301's.

    ## Why it matters
    条例第五十条 requires the report to state its work, its main problems and improvements, and
    other matters; the national template (国办公开办函〔2019〕60号, 〔2021〕30号) keeps the
    sections even when there is nothing to say, and then expects 「无。」 in 六. A heading with
    nothing under it reads as an unfinished draft.

    ## Example
    ```
    五、存在的主要问题及改进情况
    六、其他需要报告的事项            ← 第五部分没有正文；第六部分也没有
    ```

    ## Fix safety
    Sections 一 and 五 need the author: no fix. For 六 an unsafe fix inserts 「无。」 on a line
    after the heading, which is what the template expects when there is nothing else to
    report, but only the author knows that there is nothing (so `--unsafe-fixes` only).

    ## 做什么
    第一部分（总体情况）、第五部分（存在的主要问题及改进情况）或第六部分（其他需要报告的事项）的标题
    后紧接着下一个标题或正文结束时报告。第二、三、四部分为空不在此报告：这几部分是模板表格，缺少表格
    由 GK301 报告。

    ## 为什么重要
    条例第五十条要求报告说明工作情况、主要问题和改进情况以及其他事项；国家模板（国办公开办函〔2019〕
    60号、〔2021〕30号）即使无话可说也保留这些部分，第六部分此时应写「无。」。标题下面什么都没有，
    看起来像未完成的草稿。

    ## 示例

    ## 修复安全性
    第一、五部分需要作者撰写：不修复。第六部分有一个不安全修复：在标题后另起一行插入「无。」，这是
    没有其他事项时模板的写法，但只有作者知道确实没有（所以仅在 `--unsafe-fixes` 时应用）。
    """
    newline = report.source.newline or "\n"
    for section in report.sections:
        if not section.spec.needs_text or _has_text(report, section):
            continue
        line = section.heading.line
        after = section.heading.last_line  # below a Markdown setext heading's underline
        fix = None
        hint_zh = hint_en = ""
        if section.spec.empty_text:
            empty = section.spec.empty_text
            fix = Fix.unsafe(
                Edit(after.end, after.end, newline + empty),
                description=Message(f"插入「{empty}」", f"insert 「{empty}」"),
            )
            hint_zh = f"；无其他事项时写「{empty}」"
            hint_en = f"; write 「{empty}」 when there is nothing to report"
        yield Finding(
            line.start,
            line.end,
            zh=f"第{section.spec.numeral}部分「{section.heading.title}」没有正文{hint_zh}",
            en=f"section {section.spec.numeral} ({section.heading.title}) has no text{hint_en}",
            fix=fix,
        )


RULE = check
