"""GK105: section 一, 五 or 六 has no text."""

from __future__ import annotations

from gklint import Edit, Finding, Fix, Message, Severity, rule
from gklint.parser import PAGE_MARKER_RE


def _has_text(report, section) -> bool:
    return any(not line.is_blank and not PAGE_MARKER_RE.match(line.text) for line in report.body_lines(section))


@rule(
    "GK105",
    "empty-section",
    Severity.WARNING,
    fix="H",
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
