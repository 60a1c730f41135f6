"""GK102: sections out of order, or a section heading that appears twice."""

from __future__ import annotations

from gklint.api import Finding, Severity, rule


def _in_order(numbers: list[int]) -> set[int]:
    """Indexes of a longest increasing subsequence: the sections that are in order."""
    best: list[list[int]] = []
    for index, number in enumerate(numbers):
        chain = max((best[j] for j in range(index) if numbers[j] < number), key=len, default=[])
        best.append(chain + [index])
    return set(max(best, key=len, default=[]))


@rule(
    "GK102",
    "section-order",
    Severity.ERROR,
    hint=True,
    summary="部分顺序错乱，或某一部分标题重复出现",
    summary_en="sections out of order, or a section heading appears twice",
)
def check(report, options):
    """## What it does
    Reports a section heading that comes out of the template's order 一 → 六 (the fewest
    headings that break the order are named), and a section heading written a second time.

    ## Why it matters
    The national template (国办公开办函〔2019〕60号, 〔2021〕30号) fixes six sections in a set
    order, following 条例第五十条. Readers and assessors compare reports section by section;
    a section moved or repeated (often a paste from last year's report) breaks that.

    ## Example
    ```
    一、总体情况
    三、收到和处理政府信息公开申请情况
    二、主动公开政府信息情况          ← 第二部分出现在第三部分之后
    ```

    ## Fix safety
    No automatic fix: moving or merging whole sections needs the author. The message names the
    section and where it belongs.

    ## 做什么
    报告不符合模板顺序（一 → 六）的部分标题（指出打乱顺序的最少几个标题），以及重复出现的部分标题。

    ## 为什么重要
    国家模板（国办公开办函〔2019〕60号、〔2021〕30号）依照条例第五十条把六个部分按固定顺序排列。读者
    和评估人员逐部分比较报告；部分挪动或重复（常见于粘贴上年报告）会破坏这种对照。

    ## 示例

    ## 修复安全性
    不自动修复：移动或合并整个部分需要作者处理。消息写明是哪一部分、应放在哪里。
    """
    by_line = sorted(report.sections, key=lambda s: s.heading.line.number)
    keep = _in_order([s.number for s in by_line])
    for index, section in enumerate(by_line):
        if index in keep:
            continue
        line = section.heading.line
        after = [s for s in by_line[:index] if s.number > section.number]
        before = [s for s in by_line[index + 1 :] if s.number < section.number]
        if after:
            other = min(after, key=lambda s: s.number)
            zh = f"第{section.spec.numeral}部分「{section.heading.title}」出现在第{other.spec.numeral}部分之后，应在其前"
            en = f"section {section.spec.numeral} ({section.heading.title}) comes after section {other.spec.numeral}; it belongs before it"
        else:
            other = max(before, key=lambda s: s.number) if before else section
            zh = f"第{section.spec.numeral}部分「{section.heading.title}」出现在第{other.spec.numeral}部分之前，应在其后"
            en = f"section {section.spec.numeral} ({section.heading.title}) comes before section {other.spec.numeral}; it belongs after it"
        yield Finding(line.start, line.end, zh=zh, en=en)
    for heading in report.duplicate_sections:
        first = report.section(heading.section)
        spec = report.template.section(heading.section)
        first_line = first.heading.line.number if first else 0
        yield Finding(
            heading.line.start,
            heading.line.end,
            zh=f"第{spec.numeral}部分「{spec.title}」的标题重复出现（第{first_line}行已有），应合并为一处",
            en=f"the heading of section {spec.numeral} ({spec.title}) appears again (first on line {first_line}); merge them",
        )


RULE = check
