"""Markdown reports (.md): ATX (`## 一、总体情况`), setext (a line underlined with === or ---) and
bold-wrapped (`**一、总体情况**`) headings are headings.

The variants are made from the real seeds and the clean 2021 report: the title, the six section
headings and the sub-headings of sections 一, 五 and 六 (those GK106 checks; the numbered lines of
二, 三 and 四 are table row labels) are turned into Markdown headings; every variant must give the
codes the plain text gives. A setext heading needs a blank line above it (else CommonMark makes the
paragraph above part of the heading), so the setext variant adds one where the text has none:
blank lines change no code.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from gklint.model.markdown import scan
from gklint.model.parser import parse_head, split_lines
from gklint.read.source import SourceText
from gklint.run.config import Settings
from gklint.run.engine import Linter
from gklint.run.fixes import fix_until_stable

from .conftest import FIXTURES, SEEDS, seed

REPORTS = [*SEEDS, FIXTURES / "reports" / "clean-2021.txt"]
STYLES = ("atx", "atx-closed", "setext", "bold")


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(Settings(select=["ALL"]))


def lint(linter: Linter, text: str, markdown: bool):
    source = SourceText(text, "utf-8", "markdown" if markdown else "text")
    return linter.lint_source(source, Path("report.md" if markdown else "report.txt"))


def heading_levels(report) -> dict[int, int]:
    """Line number → Markdown level: the title's lines 1, the sections 2, their sub-headings 3."""
    levels = {s.heading.line.number: 2 for s in report.sections}
    for heading in report.subheadings:
        if heading.section in (1, 5, 6) and heading.line.number not in levels:
            levels[heading.line.number] = 3
    for line in report.title.lines if report.title else ():
        levels[line.number] = 1
    return levels


def to_markdown(text: str, report, style: str) -> str:
    """The text with its headings in one Markdown style. A two-line title (seeds 000, 003, 004:
    the body, then 「2020年…报告」) is one setext heading: no blank line between its lines."""
    levels = heading_levels(report)
    lines = text.split("\n")
    out: list[str] = []
    for number, line in enumerate(lines, start=1):
        level = levels.get(number)
        if level is None:
            out.append(line)
            continue
        body = line.strip()
        if style == "atx":
            out.append(f"{'#' * level} {body}")
        elif style == "atx-closed":
            out.append(f"{'#' * level} {body} {'#' * level}")
        elif style == "bold":
            out.append(body if level == 1 else f"**{body}**")
        else:
            continues_title = level == 1 and levels.get(number - 1) == 1
            if out and out[-1].strip() and not continues_title:
                out.append("")
            out.append(body)
            if not (level == 1 and levels.get(number + 1) == 1):
                out.append(("=" if level < 3 else "-") * max(3, len(body)))
    return "\n".join(out)


def unmarked(found: str) -> str:
    """A finding's text without the Markdown markers the conversion added (to a heading line, and
    a setext heading's underline after it)."""
    lines = found.split("\n")
    if len(lines) == 2 and lines[1] and not lines[1].strip("=-"):
        lines.pop()
    if len(lines) > 1:
        return found.strip()
    return lines[0].strip().strip("#*").strip()


@pytest.fixture(scope="module")
def plain(linter):
    return {path.name: (path.read_text(encoding="utf-8"), lint(linter, path.read_text(encoding="utf-8"), False)) for path in REPORTS}


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.name[:10])
def test_markdown_headings_give_the_codes_of_the_plain_text(linter, plain, path, style):
    text, from_text = plain[path.name]
    markdown = to_markdown(text, from_text.report, style)
    assert markdown != text
    from_markdown = lint(linter, markdown, True)
    codes = Counter(v.code for v in from_markdown.violations)
    assert "GK101" not in codes and "GK002" not in codes
    assert codes == Counter(v.code for v in from_text.violations)
    # …on the same text: a finding on a whole heading line holds its markers, nothing else differs.
    assert Counter((v.code, unmarked(markdown[v.start : v.end])) for v in from_markdown.violations) == Counter(
        (v.code, text[v.start : v.end].strip()) for v in from_text.violations
    )
    report, reference = from_markdown.report, from_text.report
    assert [(s.number, s.heading.title, s.exact_wording) for s in report.sections] == [
        (s.number, s.heading.title, s.exact_wording) for s in reference.sections
    ]
    subheadings = lambda r: [(h.section, h.numbering.style, h.numbering.value, h.title) for h in r.subheadings]
    assert subheadings(report) == subheadings(reference)
    assert report.title.text == reference.title.text
    table_cells = lambda r: [(t.kind, c.row, c.column, c.value, c.blank) for t in r.tables for c in t.cells]  # noqa: E731
    assert table_cells(report) == table_cells(reference)


def test_plain_markdown_without_the_change_gave_section_missing(linter):
    """What the issue reported: the same text read as plain text does not see `## ` headings."""
    text = seed("000").read_text(encoding="utf-8")
    markdown = to_markdown(text, lint(linter, text, False).report, "atx")
    read_as_text = lint(linter, markdown, False)
    assert not read_as_text.report.sections
    assert len(lint(linter, markdown, True).report.sections) == 6


@pytest.mark.parametrize("style", ["atx", "atx-closed", "bold"])
def test_wrong_numeral_under_markers_is_renumbered_keeping_them(style):
    """Seed 004 numbers section 二 「2、 」: GK103 under `## ` (or in `**…**`) edits the token only."""
    text = seed("004").read_text(encoding="utf-8")
    linter = Linter(Settings(select=["GK103"]))
    markdown = to_markdown(text, lint(Linter(Settings()), text, False).report, style)
    result = lint(linter, markdown, True)
    (finding,) = result.violations
    assert finding.code == "GK103"
    assert markdown[finding.start : finding.end] == "2、"
    outcome = fix_until_stable(markdown, lambda t: lint(linter, t, True).violations)
    wrong = {"atx": "## 2、 主动公开政府信息情况", "atx-closed": "## 2、 主动公开政府信息情况 ##", "bold": "**2、 主动公开政府信息情况**"}[
        style
    ]
    assert wrong in markdown
    assert outcome.text == markdown.replace(wrong, wrong.replace("2、 ", "二、"))


@pytest.mark.parametrize(
    ("written", "fixed"),
    [
        ("## 六、其他需要报告事项 ##", "## 六、其他需要报告的事项 ##"),
        ("## 六、其他需要报告事项", "## 六、其他需要报告的事项"),
        ("**六、其他需要报告事项**", "**六、其他需要报告的事项**"),
        ("**六、**其他需要报告事项", "**六、**其他需要报告的事项"),
    ],
)
def test_wording_fix_edits_the_title_only(written, fixed):
    text = FIXTURES.joinpath("reports", "clean-2021.txt").read_text(encoding="utf-8")
    assert "\n六、其他需要报告的事项\n" in text
    markdown = text.replace("\n六、其他需要报告的事项\n", f"\n{written}\n")
    linter = Linter(Settings(select=["GK104"]))
    (finding,) = lint(linter, markdown, True).violations
    assert markdown[finding.start : finding.end] == "其他需要报告事项"
    outcome = fix_until_stable(markdown, lambda t: lint(linter, t, True).violations)
    assert outcome.text == markdown.replace(written, fixed)


def test_subheading_renumbering_and_brackets_keep_the_markers():
    """GK106 (seed 004's （1）… under 一) and GK604 (seed 001's (一)) fix `### ` sub-headings' tokens."""
    linter = Linter(Settings(select=["GK106", "GK604"]))
    for prefix, before, after in (
        ("004", "### （1） 主动公开政府信息情况", "### （一） 主动公开政府信息情况"),
        ("001", "### (一)政府信息", "### （一）政府信息"),
    ):
        text = seed(prefix).read_text(encoding="utf-8")
        markdown = to_markdown(text, lint(Linter(Settings()), text, False).report, "atx")
        assert before in markdown
        outcome = fix_until_stable(markdown, lambda t: lint(linter, t, True).violations)
        assert after in outcome.text and before not in outcome.text
        changed = [(a, b) for a, b in zip(markdown.split("\n"), outcome.text.split("\n")) if a != b]
        assert changed and all(a[:4] == b[:4] == "### " for a, b in changed)


def test_title_and_preamble(linter):
    text = FIXTURES.joinpath("reports", "clean-2021.txt").read_text(encoding="utf-8")
    reference = lint(linter, text, False).report
    for style, title_lines in (("atx", 1), ("setext", 2)):
        report = lint(linter, to_markdown(text, reference, style), True).report
        assert report.title.text == "临河县交通运输局2022年政府信息公开工作年度报告"
        assert len(report.title.lines) == title_lines  # a setext title ends with its underline
        preamble = [report.line(n).text for n in report.preamble_lines if report.line(n).text.strip()]
        assert preamble == [reference.line(n).text for n in reference.preamble_lines]
        # GK7 pairing reads the head alone (parser.parse_head): the same title
        head_title, _metadata = parse_head(report.text, linter.templates, "markdown")
        assert head_title.text == report.title.text


def test_empty_section_fix_goes_below_a_setext_underline():
    text = FIXTURES.joinpath("reports", "clean-2021.txt").read_text(encoding="utf-8")
    cut = text.index("六、其他需要报告的事项")
    markdown = text[:cut] + "六、其他需要报告的事项\n------------\n"
    linter = Linter(Settings(select=["GK105"]))
    (finding,) = lint(linter, markdown, True).violations
    assert finding.code == "GK105"
    outcome = fix_until_stable(markdown, lambda t: lint(linter, t, True).violations, unsafe=True)
    assert outcome.text == markdown[:-1] + "\n无。\n"
    assert lint(Linter(Settings(select=["ALL"])), outcome.text, True).report.sections[-1].heading.underline is not None


def test_missing_section_is_inserted_as_a_markdown_heading():
    text = FIXTURES.joinpath("reports", "clean-2021.txt").read_text(encoding="utf-8")
    reference = lint(Linter(Settings()), text, False).report
    markdown = to_markdown(text, reference, "atx-closed")
    start = markdown.index("## 五、")
    damaged = markdown[:start] + markdown[markdown.index("## 六、") :]
    linter = Linter(Settings(select=["GK101"]))
    (finding,) = lint(linter, damaged, True).violations
    outcome = fix_until_stable(damaged, lambda t: lint(linter, t, True).violations, unsafe=True)
    assert "\n## 五、存在的主要问题及改进情况 ##\n## 六、" in outcome.text


def _structure(text: str):
    return scan(split_lines(text))


def test_a_thematic_break_is_no_underline():
    structure = _structure("五、存在的主要问题及改进情况\n\n---\n正文。\n***\n___\n- - -\n")
    assert structure.underlines == {}
    assert structure.markup == {3, 5, 6, 7}


def test_an_underline_needs_a_paragraph_line_above():
    text = "\n".join(
        [
            "一、总体情况",  # 1: underlined: a heading
            "---",
            "| 项目 | 数据1 |",  # 3: a table row
            "|---|---|",  # 4: its separator: a table row, no markup
            "---",  # 5: under a table row: a break
            "1. 政府网站公开4790条",  # 6: a list item
            "---",  # 7: under a list item: a break
            "<!-- gklint: disable=GK105 -->",  # 8: an HTML comment
            "---",  # 9: a break
            "\t第二十条第（一）项",  # 10: a Word cell line
            "===",  # 11: text
            "二、主动公开政府信息情况",
            "==",  # 13: underlined (any length)
        ]
    )
    structure = _structure(text)
    assert {number: line.number for number, line in structure.underlines.items()} == {1: 2, 12: 13}
    assert structure.markup == {2, 5, 7, 9, 13}
    assert 11 not in structure.markup and 4 not in structure.markup


@pytest.mark.parametrize(
    ("line", "content"),
    [
        ("## 一、总体情况", "一、总体情况"),
        ("   ### （一）主动公开 ###", "（一）主动公开"),
        ("## 一、总体情况 #####  ", "一、总体情况"),
        ("#一、总体情况", "一、总体情况"),  # no space after #: still taken when a numbering follows
        ("## **一、总体情况**", "一、总体情况"),
        ("**一、总体情况**", "一、总体情况"),
        ("__（二）依申请公开__", "（二）依申请公开"),
        ("## C#", "C#"),  # a # without a space before it is text
    ],
)
def test_heading_text_spans(line, content):
    structure = _structure(line + "\n")
    start, end = structure.spans[1]
    assert line[start:end] == content


@pytest.mark.parametrize("line", ["#话题# 本年度", "####### 一、总体情况", "    ## 一、总体情况", "* 项目", "一、总体情况"])
def test_lines_that_are_no_atx_heading_keep_their_text(line):
    structure = _structure(line + "\n")
    assert 1 not in structure.spans and 1 not in structure.markup


def test_emphasis_inside_a_heading_leaves_the_title_clean(linter):
    text = FIXTURES.joinpath("reports", "clean-2021.txt").read_text(encoding="utf-8")
    markdown = text.replace("\n一、总体情况\n", "\n## **一、**总体情况\n").replace(
        "\n二、主动公开政府信息情况\n", "\n二、**主动公开政府信息情况**\n"
    )
    report = lint(linter, markdown, True).report
    assert [s.heading.title for s in report.sections[:2]] == ["总体情况", "主动公开政府信息情况"]
    assert all(s.exact_wording for s in report.sections)


def test_markdown_paragraphs_leave_the_markers_out(linter):
    text = seed("000").read_text(encoding="utf-8")
    reference = lint(linter, text, False).report
    for style in ("atx-closed", "bold"):
        report = lint(linter, to_markdown(text, reference, style), True).report
        # The conversion strips a heading line's spaces (seed 000 indents 「3、其他方式」 with U+2002).
        assert [p.text.strip() for p in report.paragraphs] == [p.text.strip() for p in reference.paragraphs]
        assert not [p.text for p in report.paragraphs if p.text.startswith(("#", "*")) or p.text.endswith(("#", "*"))]
        for paragraph in report.paragraphs:
            assert all(report.text[paragraph.offsets[i]] == c for i, c in enumerate(paragraph.text))


def test_text_files_are_not_read_as_markdown(linter):
    """Only .md sources get the Markdown reading: a .txt line 「**一、总体情况**」 is no heading."""
    text = FIXTURES.joinpath("reports", "clean-2021.txt").read_text(encoding="utf-8").replace("\n一、总体情况\n", "\n**一、总体情况**\n")
    assert 1 not in [s.number for s in lint(linter, text, False).report.sections]
    assert 1 in [s.number for s in lint(linter, text, True).report.sections]
