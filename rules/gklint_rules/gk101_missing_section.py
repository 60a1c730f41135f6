"""GK101: a required section of the national template is missing."""

from __future__ import annotations

from gklint.api import Applicability, Edit, Finding, Fix, FixAvailability, Message, Severity, rule


def _heading_block(report, model, heading: str, newline: str) -> str:
    """The heading line to insert; in Markdown dressed as the section heading `model` is
    (`## …`, `**…**`, a setext underline), so that it reads as a heading there too."""
    if report.source.kind != "markdown" or model.numbering is None:
        return heading + newline
    line, text = model.line, report.text
    block = text[line.start : model.numbering.start] + heading + text[model.title_end : line.end] + newline
    if model.underline is not None:
        block += model.underline.text + newline
    return block


@rule(
    "GK101",
    "missing-section",
    Severity.ERROR,
    fix=FixAvailability.ALWAYS,
    applicability=Applicability.UNSAFE,
    summary="缺少模板规定的部分",
    summary_en="a required section is missing",
)
def check(report, options):
    """## What it does
    Reports each of the six template sections (一、总体情况 … 六、其他需要报告的事项) whose
    heading is not found in the report. The finding sits on the heading of the next section
    that is present (or on the last line, for a missing last section).

    ## Why it matters
    条例第五十条 lists what the annual report must contain, and the national template
    (国办公开办函〔2019〕60号, 〔2021〕30号) fixes it as six sections in a set order. A
    missing section is the error assessors find first; an empty one must still be there
    (六 then says 「无。」).

    ## Example
    ```
    一、总体情况
    ……
    三、收到和处理政府信息公开申请情况      ← 缺少「二、主动公开政府信息情况」
    ```

    ## Fix safety
    Unsafe: the fix inserts the canonical heading (for 六 with the body 「无。」) before the
    next section's heading, or at the end of the text. The section's content still has to be
    written (二 needs its table), and the heading may exist under wording gklint did not
    recognise, so the insertion is only applied with `--unsafe-fixes`.

    ## 做什么
    报告模板规定的六个部分（一、总体情况 …… 六、其他需要报告的事项）中标题未找到的部分。问题标在下一个
    存在的部分的标题上（缺少最后一部分时标在最后一行）。

    ## 为什么重要
    条例第五十条列明年度报告应包括的内容，国家模板（国办公开办函〔2019〕60号、〔2021〕30号）将其固定为
    按顺序排列的六个部分。缺少部分是评估人员最先发现的错误；即使没有内容，该部分也必须保留（第六部分
    此时写「无。」）。

    ## 示例

    ## 修复安全性
    不安全：修复在下一部分标题之前（或正文末尾）插入标准标题（第六部分连同正文「无。」）。该部分的内容
    仍需作者撰写（第二部分需要表格），而且该标题可能以 gklint 未识别的措辞存在，因此仅在
    `--unsafe-fixes` 时应用。
    """
    if not report.sections:  # GK002's business
        return
    present = {s.number: s for s in report.sections}
    newline = report.source.newline or "\n"
    text = report.text
    last_section = max(report.sections, key=lambda s: s.heading.line.number)
    for spec in report.template.sections:
        if spec.number in present:
            continue
        following = [s for s in report.sections if s.number > spec.number]
        model = min(following, key=lambda s: s.heading.line.number) if following else last_section
        block = _heading_block(report, model.heading, spec.heading, newline)
        if spec.empty_text:
            block += spec.empty_text + newline
        if following:
            anchor = model.heading.line
            at = anchor.start
            start, end = anchor.start, anchor.end
            where_zh = f"应位于第{anchor.number}行「{anchor.stripped}」之前"
            where_en = f"expected before line {anchor.number} ({anchor.stripped})"
        else:
            at = len(text)
            if text and not text.endswith(("\n", "\r")):
                block = newline + block
            last = next((l for l in reversed(report.lines) if not l.is_blank), report.lines[-1])
            start, end = last.start, last.end
            where_zh = "应位于报告末尾"
            where_en = "expected at the end of the report"
        description = Message(f"插入「{spec.heading}」", f"insert {spec.heading}")
        yield Finding(
            start,
            end,
            zh=f"缺少第{spec.numeral}部分「{spec.heading}」，{where_zh}",
            en=f"section {spec.numeral} ({spec.heading}) is missing; {where_en}",
            fix=Fix.unsafe(Edit(at, at, block), description=description),
        )


RULE = check
