"""GK603: placeholders or export debris: [image: …], [bookmark: …], XX/××/此处填写, stray page footers."""

from __future__ import annotations

import functools
import re

from gklint.api import Applicability, Edit, Finding, Fix, FixAvailability, Message, Severity, rule

# Pandoc/Word-export leftovers; adjacent tokens ([image: ][image: ]) make one finding.
EXPORT_TOKEN_RE = re.compile(r"(?:\[(?:image|bookmark)[ \t]*:[^\]\n]*\])+")
# Runs of X or × standing for a name, number or date to be filled in (XX局, 20XX年, ××月).
# Not part of a Latin word, an e-mail address, a URL or a file name: no `\b` on Chinese text.
_PLACEHOLDER_MARKS_RE = re.compile(r"(?<![A-Za-z@._/\\:%+-])(?:[Xx]{2,}|[Ｘｘ]{2,}|×{2,})(?![A-Za-z@._/\\%+-])")
# What every placeholder mark contains: a substring test is the fast way to know there is none.
_MARK_PAIRS = ("XX", "Xx", "xX", "xx", "ＸＸ", "Ｘｘ", "ｘＸ", "ｘｘ", "××")
_LINE_SPACE = " \t\u00a0\u2002\u2003\u3000"


def _is_table_fragment(line) -> bool:
    return line.text.startswith("\t") or line.stripped.startswith("|") or line.stripped.endswith("|")


def _line_removal(report, line) -> Edit:
    """Remove a whole line with its line ending (or the ending before it at the end of the text)."""
    text = report.text
    if text.startswith("\r\n", line.end):
        return Edit(line.start, line.end + 2, "")
    if line.end < len(text):
        return Edit(line.start, line.end + 1, "")
    start = line.start
    if start > 0:  # last line without a line ending: take the ending before it
        start -= 2 if text[start - 2 : start] == "\r\n" else 1
    return Edit(start, line.end, "")


def _export_debris(report):
    text = report.text
    if "[" not in text:  # every export token opens with one
        return
    for line in report.lines:
        if "[" not in line.text:
            continue
        for match in EXPORT_TOKEN_RE.finditer(text, line.start, line.end):
            start, end = match.start(), match.end()
            before = text[line.start : start]
            after = text[end : line.end]
            first = match.group()[: match.group().index("]") + 1]
            if not before.strip(_LINE_SPACE) and not after.strip(_LINE_SPACE) and not _is_table_fragment(line):
                edit = _line_removal(report, line)
                how_zh, how_en = "删除该行", "remove the line"
            else:
                # A token opening the line takes the spaces after it: "\t[bookmark: _GoBack] 9" → "\t9".
                if not before.strip(_LINE_SPACE):
                    end += len(after) - len(after.lstrip(_LINE_SPACE))
                edit = Edit(start, end, "")
                how_zh, how_en = "删除", "remove it"
            yield Finding(
                match.start(),
                match.end(),
                zh=f"导出残留「{match.group()}」：文档转换时留下的图片或书签标记，不是报告内容，应{how_zh}",
                en=f"export debris {match.group()!r}: an image or bookmark marker left by the document converter; {how_en}",
                fix=Fix.safe(edit, description=Message(f"删除「{first}」等导出标记", f"remove the export marker {first!r}")),
            )


def _page_footers(report):
    if report.paginated:  # PDF text: the markers number real pages
        return
    for line in report.page_markers:
        yield Finding(
            line.start + len(line.text) - len(line.text.lstrip(_LINE_SPACE)),
            line.start + len(line.text.rstrip(_LINE_SPACE)),
            zh=f"孤立的页码行「{line.stripped}」：转换后留下的页脚，不是报告内容，应删除该行",
            en=f"stray page footer {line.stripped!r} left by the conversion; remove the line",
            fix=Fix.safe(_line_removal(report, line), description=Message("删除页脚行", "remove the footer line")),
        )


@functools.cache
def _words_re(words: tuple[str, ...]) -> re.Pattern:
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


def _placeholders(report):
    text = report.text
    words = [w for w in report.template.data.get("placeholder_words", []) if w]
    patterns = [_PLACEHOLDER_MARKS_RE]
    if words:
        patterns.append(_words_re(tuple(words)))
    # Every export token opens with "[": lines without one hold none.
    debris = [
        (m.start(), m.end())
        for line in (report.lines if "[" in text else ())
        if "[" in line.text
        for m in EXPORT_TOKEN_RE.finditer(text, line.start, line.end)
    ]
    for pattern in patterns:
        if pattern is _PLACEHOLDER_MARKS_RE and not any(pair in text for pair in _MARK_PAIRS):
            continue  # every placeholder mark is at least such a pair: none anywhere
        for match in pattern.finditer(text):
            if any(s <= match.start() < e for s, e in debris):
                continue
            yield Finding(
                match.start(),
                match.end(),
                zh=f"占位符「{match.group()}」未替换：应填写实际内容（名称、数字或日期）",
                en=f"placeholder {match.group()!r} left in: fill in the actual name, number or date",
            )


@rule(
    "GK603",
    "placeholder-or-export-debris",
    Severity.ERROR,
    fix=FixAvailability.SOMETIMES,
    applicability=Applicability.SAFE,
    summary="占位符或导出残留：[image: …]、[bookmark: …]、XX/××/此处填写、孤立页脚",
    summary_en="placeholders or export debris: [image: …], [bookmark: …], XX/××/此处填写, page footers",
)
def check(report, options):
    """## What it does
    Finds what a draft or a document conversion leaves behind:
    export markers `[image: …]` and `[bookmark: _GoBack]`; page footers such as 「— 1 —」
    standing alone on a line (not when the report is PDF text whose page numbers count
    real pages: GK603 leaves those alone); and placeholders never filled in: runs of
    X or × (「XX局」「20XX年」「××月」) and the words listed under `placeholder_words` in the
    template data (此处填写、待填写…). Runs of X inside Latin words, e-mail addresses,
    URLs or file names are not placeholders.

    ## Why it matters
    The report is published as it is (条例第五十条); a placeholder means a fact the
    report must give is missing, and export markers or page footers in the middle of
    the text make it look unedited and break table cells (「[bookmark: _GoBack] 9」).

    ## Example
    ```
        [bookmark: _GoBack] 9
    本年度共收到XX件申请。
    — 1 —
    ```

    ## Fix safety
    Safe for export debris: the marker (and the spaces after it when it opens the line)
    is removed, a line holding only a marker or a stray page footer is removed; a
    marker alone in a table cell line keeps the (empty) cell line. Placeholders have no
    fix: only the author knows what belongs there.

    ## 做什么
    找出草稿或文档转换留下的东西：导出标记 `[image: …]` 和 `[bookmark: _GoBack]`；单独成行的页脚，如
    「— 1 —」（PDF 文本中与实际页码对应的页码不报告）；以及没有填写的占位符：连续的 X 或 ×（「XX局」
    「20XX年」「××月」）和模板数据 `placeholder_words` 中列出的词（此处填写、待填写…）。拉丁单词、
    电子邮箱、网址或文件名中的 X 不算占位符。

    ## 为什么重要
    报告按原样发布（条例第五十条）；占位符说明报告必须给出的某项事实缺失了，正文中间的导出标记或页脚
    让报告看起来没有编辑过，还会破坏表格单元格（「[bookmark: _GoBack] 9」）。

    ## 示例

    ## 修复安全性
    导出残留可安全修复：删除标记（位于行首时连同其后的空格）；只有标记或孤立页脚的行整行删除；表格中
    单独占一个单元格行的标记删除后保留（空的）单元格行。占位符不修复：应填什么只有作者知道。
    """
    yield from _export_debris(report)
    yield from _page_footers(report)
    yield from _placeholders(report)


RULE = check
