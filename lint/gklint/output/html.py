"""`--format html`: one self-contained review page for a supervising office (issue 16).

An overview (a row a report: body, year, file format, counts, tables read), a batch summary
with the ten most frequent codes as an inline SVG bar chart, and per report with findings its
findings grouped by section (the passage around each, the span marked) and its tables as read,
the cells of a failing identity (GK311–GK314) highlighted with the finding's message.

Built with Jinja2, autoescaping on: every piece of report text is escaped. Jinja2 is imported
only when this format runs. Detail is rendered only for reports with findings, so a batch of
a thousand clean reports stays a small page.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gklint.run.engine import FileResult
    from gklint.output.formatters import OutputContext

TEMPLATE = "review.html.j2"
IDENTITY_CODES = ("GK311", "GK312", "GK313", "GK314")  # their findings point at table cells
PASSAGE_CONTEXT = 40  # characters shown either side of a finding's span
TOP_CODES = 10

TABLE_NAMES = {
    "zh": {"active_disclosure": "表二 主动公开政府信息情况", "applications": "表三 收到和处理政府信息公开申请情况",
           "review_litigation": "表四 政府信息公开行政复议、行政诉讼情况"},
    "en": {"active_disclosure": "Table 2: proactive disclosure", "applications": "Table 3: applications",
           "review_litigation": "Table 4: review and litigation"},
}

WORDS = {
    "zh": {
        "title": "政府信息公开年度报告审查", "overview": "总览", "summary": "本批概况", "path": "文件", "body": "机关",
        "year": "年度", "version": "模板", "format": "格式", "errors": "错误", "warnings": "警告", "info": "提示", "tables": "表格已读",
        "unreadable": "无法读取", "checked": "已检查报告", "with_errors": "有错误的报告", "top_codes": "最常见的问题代码",
        "filter_code": "代码", "filter_severity": "级别", "filter_text": "搜索", "all": "全部", "findings": "问题",
        "preamble": "正文前", "section": "第{n}部分", "no_findings": "未发现问题。", "blank": "空",
        "line": "第 {line} 行第 {column} 列", "table_unreadable": "此表无法读取（GK309）", "recovered": "由连写数字拆分",
        "row": "行", "back": "返回总览", "colon": "：", "error": "错误", "warning": "警告",
    },
    "en": {
        "title": "Disclosure report review", "overview": "Overview", "summary": "Batch summary", "path": "File", "body": "Body",
        "year": "Year", "version": "Template", "format": "Format", "errors": "Errors", "warnings": "Warnings", "info": "Info", "tables": "Tables read",
        "unreadable": "Unreadable", "checked": "Reports checked", "with_errors": "Reports with errors", "top_codes": "Most frequent codes",
        "filter_code": "Code", "filter_severity": "Severity", "filter_text": "Search", "all": "All", "findings": "Findings",
        "preamble": "Before the first section", "section": "Section {n}", "no_findings": "No findings.", "blank": "blank",
        "line": "line {line}, column {column}", "table_unreadable": "This table could not be read (GK309)", "recovered": "cut from digits run together",
        "row": "Row", "back": "Back to the overview", "colon": ": ", "error": "error", "warning": "warning",
    },
}


@dataclass
class Finding:
    anchor: str  # the element id: a failing table cell links to its finding
    code: str
    name: str  # the rule's name, shown when hovering the code
    severity: str  # error / warning / info
    message: str
    where: str  # line and column, and for a .docx/.pdf its place in the original
    before: str  # the passage: before, the span itself, after
    marked: str
    after: str


@dataclass
class SectionFindings:
    heading: str
    findings: list[Finding] = field(default_factory=list)


@dataclass
class ReportRow:
    anchor: str
    path: str
    body: str
    year: Any
    kind: str
    counts: Counter
    code_counts: Counter
    version: str = ""  # the template version the report was checked against (2019 or 2021)
    tables_read: int = 0
    tables_unreadable: int = 0
    sections: list[SectionFindings] = field(default_factory=list)
    tables: list[dict] = field(default_factory=list)

    @property
    def codes(self) -> list[str]:
        return sorted(self.code_counts)

    @property
    def severities(self) -> str:
        return " ".join(label for label in ("error", "warning", "info") if self.counts[label])


class HtmlFormatter:
    def format(self, results: list["FileResult"], context: "OutputContext") -> str:
        lang = context.lang if context.lang in WORDS else "zh"
        rows = [_report_row(index, result, lang) for index, result in enumerate(results)]
        return _environment().get_template(TEMPLATE).render(
            lang=lang, words=WORDS[lang], rows=rows, summary=_summary(rows), codes=_all_codes(rows),
        )


def _environment():
    import jinja2  # only when this format runs

    return jinja2.Environment(
        loader=jinja2.PackageLoader("gklint", "output"), autoescape=True,  # report text is never markup
        trim_blocks=True, lstrip_blocks=True,
    )


def _report_row(index: int, result: "FileResult", lang: str) -> ReportRow:
    from gklint.run.history import identify

    report = result.report
    identity = identify(report) if report is not None else None
    row = ReportRow(
        anchor=f"r{index}", path=result.path, body=identity.name if identity else "",
        year=(identity.year if identity else None) or "", kind=result.source.kind if result.source else "",
        counts=Counter(v.severity.label for v in result.violations),
        code_counts=Counter(v.code for v in result.violations),
    )
    if report is None:
        return row
    row.version = getattr(getattr(report, "template", None), "version", "") or ""
    tables = list(report.tables)
    row.tables_read = sum(1 for t in tables if t.readable)
    row.tables_unreadable = len(tables) - row.tables_read
    if result.violations:  # detail only where there is something to review: a large batch stays small
        anchors = {id(v): f"{row.anchor}-f{n}" for n, v in enumerate(result.violations)}
        row.sections = _sections(result, anchors, lang)
        row.tables = [_table_view(table, result.violations, anchors, lang) for table in tables]
    return row


def _sections(result: "FileResult", anchors: dict, lang: str) -> list[SectionFindings]:
    from gklint.output.formatters import place

    report = result.report
    words = WORDS[lang]
    grouped: dict[int, SectionFindings] = {}
    for v in result.violations:
        line_number = report.location(min(v.start, max(len(report.text) - 1, 0)))[0] if report.text else 1
        number = report.section_of_line(line_number)
        if number not in grouped:
            grouped[number] = SectionFindings(_section_heading(report, number, words))
        where = words["line"].format(line=v.line, column=v.column)
        original = place(result, v, lang)
        grouped[number].findings.append(Finding(
            anchors[id(v)], v.code, v.name, v.severity.label, v.message.text(lang),
            f"{where} · {original}" if original else where,
            *_passage(report, line_number, v.start, v.end),
        ))
    return [grouped[n] for n in sorted(grouped)]


def _section_heading(report, number: int, words: dict) -> str:
    if number == 0:
        return words["preamble"]
    section = report.section(number)
    title = section.heading.line.text.strip() if section is not None else ""
    return title or words["section"].format(n=number)


def _passage(report, line_number: int, start: int, end: int) -> tuple[str, str, str]:
    """The finding's line, cut to a window around the span: text before, the span, text after."""
    if not report.text or line_number > len(report.lines):
        return "", "", ""
    line = report.line(line_number)
    start = min(max(start, line.start), line.end)
    end = min(max(end, start), line.end)
    text = report.text
    before_start = max(line.start, start - PASSAGE_CONTEXT)
    after_end = min(line.end, end + PASSAGE_CONTEXT)
    marked_end = min(end, start + 4 * PASSAGE_CONTEXT)  # a span over a whole table shows its start
    before = ("…" if before_start > line.start else "") + text[before_start:start]
    after = text[marked_end:after_end] + ("…" if after_end < line.end else "")
    return before.rstrip("\r\n"), text[start:marked_end], after.rstrip("\r\n")


def _table_view(table, violations, anchors: dict, lang: str) -> dict:
    """A table as read: the template's columns, a row a label, each cell's value; the cells an
    identity finding points at carry its message (the expected value) as their title."""
    pointing = [v for v in violations if v.code in IDENTITY_CODES]
    rows = []
    for table_row in list(table.rows) + list(table.extra_rows):
        by_column = {cell.column: cell for cell in table_row.cells}
        cells = [_cell_view(by_column.get(column_id), pointing, anchors, lang) for column_id, _label in table.columns]
        rows.append({"label": table_row.written or table_row.label, "cells": cells})
    unreadable = table.unreadable[0 if lang == "zh" else 1] if table.unreadable else ""
    return {
        "name": TABLE_NAMES[lang].get(table.kind, table.kind), "columns": [label for _id, label in table.columns],
        "rows": rows, "readable": table.readable, "why": unreadable,
        "failing": any(cell.get("failing") for row in rows for cell in row["cells"]),
    }


def _cell_view(cell, pointing, anchors: dict, lang: str) -> dict:
    if cell is None:
        return {"text": "", "missing": True}
    failing = [v for v in pointing if _points_at(v, cell)]
    return {
        "text": cell.raw, "blank": cell.blank or not cell.raw, "recovered": cell.recovered,
        "failing": bool(failing), "messages": [f"{v.code} {v.message.text(lang)}" for v in failing],
        "links": [anchors[id(v)] for v in failing],
    }


def _points_at(violation, cell) -> bool:
    """The finding's span lies inside the cell's (a blank cell's span is empty: the finding sits on it)."""
    return cell.start <= violation.start and violation.end <= cell.end


def _summary(rows: list[ReportRow]) -> dict:
    frequency: Counter = Counter()
    for row in rows:
        frequency.update(row.code_counts)
    top = frequency.most_common(TOP_CODES)
    widest = max((count for _code, count in top), default=1)
    return {
        "checked": len(rows), "with_errors": sum(1 for row in rows if row.counts["error"]),
        "bars": [{"code": code, "count": count, "width": round(300 * count / widest)} for code, count in top],
    }


def _all_codes(rows: list[ReportRow]) -> list[str]:
    return sorted({code for row in rows for code in row.codes})
