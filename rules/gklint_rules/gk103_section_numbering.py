"""GK103: a top-level heading numbered wrongly (「2、」「3.」, a skipped or repeated numeral)."""

from __future__ import annotations

from gklint import Edit, Finding, Fix, Message, Severity, rule
from gklint import numbering as nb


@rule(
    "GK103",
    "section-numbering",
    Severity.ERROR,
    fix="S",
    summary="部分标题编号错误（「2、」「3.」、跳号或重号）",
    summary_en="top-level heading numbered wrongly (「2、」, 「3.」, a skipped or repeated numeral)",
)
def check(report, options):
    """## What it does
    Checks the numbering of the six section headings: each must be the section's Chinese
    numeral followed by 「、」 (一、 二、 … 六、). Arabic numbering (「2、」「3.」), a wrong,
    skipped or repeated numeral (「四、存在的主要问题及改进情况」 for 五) and a 「.」 separator
    (「三.」) are reported, with the expected numbering.

    ## Why it matters
    GB/T 9704-2012 7.3.3 fixes the first level of a document's structure as 「一、」; the
    national template (国办公开办函〔2019〕60号, 〔2021〕30号) numbers its six sections 一 to
    六. A wrong numeral usually means a section was added, removed or pasted from another
    report, and readers cite sections by their numerals.

    ## Example
    ```
    一、总体情况
    2、 主动公开政府信息情况            ← 应为「二、」
    ```

    ## Fix safety
    Safe: only the numbering token and the spaces after it are replaced (「2、 」 → 「二、」);
    the title is left as written. The section was recognised by its title, so the numeral
    it should carry is known.
    """
    for section in report.sections:
        numbering = section.heading.numbering
        if numbering is None:
            continue
        expected = nb.render(nb.CN, section.number)
        written = report.text[numbering.start : numbering.title_start]
        if numbering.style == nb.CN and numbering.value == section.number and numbering.token.endswith("、"):
            continue
        yield Finding(
            numbering.start,
            numbering.end,
            zh=f"第{section.spec.numeral}部分「{section.heading.title}」的编号「{numbering.token}」有误，应为「{expected}」",
            en=f"section {section.spec.numeral} ({section.heading.title}) is numbered 「{numbering.token}」; expected 「{expected}」",
            fix=Fix.safe(
                Edit(numbering.start, numbering.title_start, expected),
                description=Message(f"改为「{expected}」", f"renumber to 「{expected}」"),
            )
            if written != expected
            else None,
        )


RULE = check
