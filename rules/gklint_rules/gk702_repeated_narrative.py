"""GK702: the narrative largely repeats last year's report (similarity over a threshold)."""

from __future__ import annotations

from gklint.api import Finding, Option, Severity, rule
from gklint.facts.cross_year import jaccard, section_text, shingles  # noqa: F401 (shared with the review page)
from gklint.run.history import usable_previous, year_of


@rule(
    "GK702",
    "repeated-narrative",
    Severity.WARNING,
    hint=True,
    needs={"previous"},
    summary="正文与上年报告大量雷同",
    summary_en="the narrative largely repeats last year's report",
    options={
        "threshold": Option(0.8, "similarity (Jaccard index of character 5-grams, 0–1) at or above which a section counts as repeated"),
        "sections": Option([1, 5], "the sections compared (一 总体情况, 五 存在的主要问题及改进情况)", list),
        "min-chars": Option(100, "sections shorter than this (characters, in either year) are not compared"),
    },
)
def check(report, options):
    """## What it does
    Compares the narrative sections 一 (总体情况) and 五 (存在的主要问题及改进情况) with the same
    sections of the same body's report for the year before: the Jaccard similarity of their
    character 5-grams (punctuation and spaces ignored, every number counted as the same), one
    finding per section at or above `threshold` (default 0.8). Sections shorter than `min-chars`
    are not compared. Last year's report comes from `--previous FILE` or from the run's files.

    ## Why it matters
    条例第五十条 requires the annual report to state the year's work and its main problems and
    improvements. A text copied from last year with new figures says nothing about this year;
    section 五 copied word for word means last year's problems were neither solved nor reassessed.

    ## Example
    ```
    2023年：五、存在的主要问题及改进情况  一是政策解读形式还不够丰富……
    2024年：五、存在的主要问题及改进情况  一是政策解读形式还不够丰富……   ← 与上年 95% 相同
    ```

    ## Fix safety
    No fix: the section has to be written anew.

    ## 做什么
    将第一部分（总体情况）和第五部分（存在的主要问题及改进情况）与同一单位上一年度报告的相同部分比较：
    计算字符 5-gram 的 Jaccard 相似度（忽略标点和空格，所有数字视为相同），达到或超过 `threshold`
    （默认 0.8）时每部分报告一次。短于 `min-chars` 的部分不比较。上年报告来自 `--previous FILE` 或本次
    检查的文件。

    ## 为什么重要
    条例第五十条要求年度报告说明本年的工作以及主要问题和改进情况。照抄上年、只换数字的文字，对本年什么
    也没说；第五部分逐字照抄，说明上年的问题既没有解决，也没有重新评估。

    ## 示例

    ## 修复安全性
    不修复：该部分需要重新撰写。
    """
    previous = usable_previous(report)
    if previous is None:
        return
    threshold = float(options["threshold"])
    minimum = int(options["min-chars"])
    last_year = year_of(previous)
    when_zh = f"上年（{last_year}年）报告" if last_year else "上年报告"
    when_en = f"last year's ({last_year}) report" if last_year else "last year's report"
    for number in options["sections"]:
        section, before = report.section(number), previous.section(number)
        if section is None or before is None:
            continue
        text, old = section_text(report, number), section_text(previous, number)
        if len(text) < minimum or len(old) < minimum:
            continue
        similarity = jaccard(shingles(text), shingles(old))
        if similarity < threshold:
            continue
        heading = section.heading
        start = heading.title_start
        end = heading.line.end
        yield Finding(
            start,
            end,
            zh=f"第{section.spec.numeral}部分「{section.spec.title}」"
            f"与{when_zh}同一部分 {similarity:.0%} 相同（阈值 {threshold:.0%}），请按本年度情况撰写",
            en=f"section {section.spec.numeral} ({section.spec.title}) is {similarity:.0%} the same as in {when_en} "
            f"(threshold {threshold:.0%}); write it for this year",
        )


RULE = check
