"""GK604: half-width brackets in numbering or headings: (三) for （三）."""

from __future__ import annotations

import re

from gklint.api import Applicability, Edit, Finding, Fix, FixAvailability, Message, Severity, rule
from gklint.core.numbering import PAREN_ARABIC, PAREN_CN
from gklint.core.text import PINYIN_DEBRIS_RE

_FULL = {"(": "（", ")": "）"}
_PAIR_RE = re.compile(r"\(([^()（）\n]*)\)")


def _is_table_fragment(line) -> bool:
    return line.text.startswith("\t") or line.stripped.startswith("|") or line.stripped.endswith("|")


def _bracket_edits(text: str, start: int, end: int) -> list[Edit]:
    return [Edit(i, i + 1, _FULL[text[i]]) for i in range(start, end) if text[i] in _FULL]


@rule(
    "GK604",
    "halfwidth-brackets",
    Severity.INFO,
    fix=FixAvailability.ALWAYS,
    applicability=Applicability.SAFE,
    summary="编号或标题使用半角括号，如「(三)」应为「（三）」",
    summary_en="half-width brackets in numbering or headings: (三) for （三）",
)
def check(report, options):
    """## What it does
    Finds numbering tokens written with half-width brackets at the start of a line,
    「(三)」 for 「（三）」 and 「(1)」 for 「（1）」, and half-width bracket pairs in the
    section headings (not pinyin debris, which is GK601's). Cell lines of exported tables (starting with a tab or `|`) are not
    checked.

    ## Why it matters
    GB/T 9704-2012 7.3.3 writes the second and fourth levels of the hierarchy as
    「（一）」 and 「（1）」 with full-width brackets; Chinese text takes full-width
    punctuation (GB/T 15834-2011). Mixed widths are a sign of copied text.

    ## Example
    ```
    (三)回应解读情况
    ```
    should read `（三）回应解读情况`.

    ## Fix safety
    Safe: only the half-width bracket characters are replaced by their full-width
    forms; the numeral and the title stay as they are.

    ## 做什么
    找出行首用半角括号书写的编号，「(三)」应为「（三）」，「(1)」应为「（1）」，以及部分标题中成对的
    半角括号（拼音残留归 GK601）。导出表格的单元格行（以制表符或 `|` 开头）不检查。

    ## 为什么重要
    GB/T 9704-2012 第 7.3.3 条中第二层和第四层编号写作全角括号的「（一）」和「（1）」；中文使用全角标点
    （GB/T 15834-2011）。宽度混用是复制粘贴文本的迹象。

    ## 示例
    ```
    (三)回应解读情况
    ```
    应为 `（三）回应解读情况`。

    ## 修复安全性
    安全：只把半角括号替换为对应的全角括号；数字和标题不变。
    """
    text = report.text
    section_lines = {s.heading.line.number for s in report.sections}
    # The parser's numbering of each line (in Markdown read after the `## ` or `**`).
    headings = [s.heading for s in report.sections] + report.duplicate_sections + report.subheadings
    numberings = {h.line.number: h.numbering for h in headings}
    for line in report.lines:
        if "(" not in line.text and ")" not in line.text:
            continue
        if _is_table_fragment(line):
            continue
        numbering = numberings.get(line.number)
        if numbering and numbering.halfwidth and numbering.style in (PAREN_CN, PAREN_ARABIC):
            edits = _bracket_edits(text, numbering.start, numbering.end)
            wanted = "".join(_FULL.get(c, c) for c in numbering.token)
            yield Finding(
                numbering.start,
                numbering.end,
                zh=f"编号「{numbering.token}」使用了半角括号，应为「{wanted}」",
                en=f"numbering {numbering.token!r} uses half-width brackets; write {wanted!r}",
                fix=Fix.safe(*edits, description=Message(f"改为「{wanted}」", f"write {wanted!r}")),
            )
        if line.number in section_lines:
            begin = numbering.end if numbering else line.start
            for pair in _PAIR_RE.finditer(text, begin, line.end):
                if PINYIN_DEBRIS_RE.match(text, pair.start()):
                    continue  # converter debris: GK601's
                wanted = f"（{pair.group(1)}）"
                yield Finding(
                    pair.start(),
                    pair.end(),
                    zh=f"标题中的「{pair.group()}」使用了半角括号，应为「{wanted}」",
                    en=f"{pair.group()!r} in the heading uses half-width brackets; write {wanted!r}",
                    fix=Fix.safe(
                        *_bracket_edits(text, pair.start(), pair.end()), description=Message(f"改为「{wanted}」", f"write {wanted!r}")
                    ),
                )


RULE = check
