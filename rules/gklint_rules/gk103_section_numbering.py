"""GK103: a top-level heading numbered wrongly (「2、」「3.」, a skipped or repeated numeral)."""

from __future__ import annotations

from gklint.api import Applicability, Edit, Finding, Fix, FixAvailability, Message, Severity, rule
from gklint.core import numbering as nb


@rule(
    "GK103",
    "section-numbering",
    Severity.ERROR,
    fix=FixAvailability.SOMETIMES,
    applicability=Applicability.SAFE,
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

    ## 做什么
    检查六个部分标题的编号：每个都应是该部分的汉字数字加「、」（一、二、……六、）。报告阿拉伯数字编号
    （「2、」「3.」）、错误、跳过或重复的数字（第五部分写成「四、存在的主要问题及改进情况」）以及用
    「.」作分隔（「三.」），并给出正确编号。

    ## 为什么重要
    GB/T 9704-2012 第 7.3.3 条规定公文结构层次的第一层为「一、」；国家模板（国办公开办函〔2019〕60号、
    〔2021〕30号）的六个部分编号为一至六。数字错误通常说明增删过部分或从别的报告粘贴而来，而读者正是
    按编号引用各部分。

    ## 示例

    ## 修复安全性
    安全：只替换编号及其后的空格（「2、 」→「二、」），标题原样保留。该部分是按标题识别的，所以应有的
    编号是确定的。
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
