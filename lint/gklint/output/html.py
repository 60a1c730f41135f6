"""`--format html`: one self-contained review page for a supervising office (issue 16).

An overview (a row a report: body, year, template, file format, counts, tables read, last year's
report when the batch holds it), a batch summary with the ten most frequent codes as an inline SVG
bar chart, and per report with findings its findings grouped by section (the passage around each,
the span marked) and its tables as read, the cells of a failing identity (GK311–GK314) highlighted
with the finding's message. Where the batch holds two consecutive years of one body (GK7's pairing,
`gklint.history`), a comparison: both years' tables side by side, the values that changed marked,
the carry-over (GK701) and 现行有效 (GK703) chains laid out with their findings in the cells concerned,
and the sections GK702 found repeated with the repeated sentences marked (`gklint.facts.cross_year`:
the same pairs the rules check). Codes link to the rules' documentation, embedded for the codes
that occur, in the page's language.

Built with Jinja2, autoescaping on: every piece of report text is escaped. The overview is HTML;
each report's detail and each comparison is inline JSON (`<script type="application/json">`, every
`<`, `>` and `&` written as a \\u escape, so no report text can close the element) that the page's
script renders, with `textContent` only, when the report is opened, printed or linked to: a batch of
a thousand reports stays quick to open. Jinja2 is imported only when this format runs.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gklint.output.formatters import OutputContext
    from gklint.run.engine import FileResult

TEMPLATE = "review.html.j2"
IDENTITY_CODES = ("GK311", "GK312", "GK313", "GK314")  # their findings point at table cells
CROSS_YEAR_CODES = ("GK701", "GK703")  # their findings point at this year's cells of a chain
REPEATED_CODE = "GK702"  # its findings point at a section heading
PASSAGE_CONTEXT = 40  # characters shown either side of a finding's span
TOP_CODES = 10
TABLE_KINDS = ("active_disclosure", "applications", "review_litigation")

TABLE_NAMES = {
    "zh": {
        "active_disclosure": "表二 主动公开政府信息情况",
        "applications": "表三 收到和处理政府信息公开申请情况",
        "review_litigation": "表四 政府信息公开行政复议、行政诉讼情况",
    },
    "en": {
        "active_disclosure": "Table 2: proactive disclosure",
        "applications": "Table 3: applications",
        "review_litigation": "Table 4: review and litigation",
    },
}

WORDS = {
    "zh": {
        "title": "政府信息公开年度报告审查",
        "overview": "总览",
        "summary": "本批概况",
        "path": "文件",
        "body": "机关",
        "year": "年度",
        "version": "模板",
        "format": "格式",
        "errors": "错误",
        "warnings": "警告",
        "info": "提示",
        "tables": "表格已读",
        "unreadable": "无法读取",
        "checked": "已检查报告",
        "with_errors": "有错误的报告",
        "top_codes": "最常见的问题代码",
        "filter_code": "代码",
        "filter_severity": "级别",
        "filter_text": "搜索",
        "all": "全部",
        "findings": "问题",
        "preamble": "正文前",
        "section": "第{n}部分",
        "no_findings": "未发现问题。",
        "blank": "空",
        "line": "第 {line} 行第 {column} 列",
        "table_unreadable": "此表无法读取（GK309）",
        "recovered": "由连写数字拆分",
        "row": "行",
        "back": "返回总览",
        "colon": "：",
        "error": "错误",
        "warning": "警告",
        "previous": "上年报告",
        "pairs": "年度对比",
        "pairs_found": "有上年报告的",
        "comparison": "{last} 年与 {this} 年对比",
        "last_year": "上年（{year}）",
        "this_year": "本年（{year}）",
        "was": "上年为 {was}",
        "changed": "与上年不同的数值",
        "carry": "申请结转：上年「四、结转下年度继续办理」→ 本年「二、上年结转」（GK701）",
        "in_force": "现行有效件数：上年现行有效 ＋ 本年制发 － 本年废止 ＝ 本年现行有效（GK703）",
        "column": "列",
        "carried_out": "上年结转下年度",
        "carried_in": "本年上年结转",
        "in_force_before": "上年现行有效",
        "issued": "本年制发",
        "repealed": "本年废止",
        "in_force_now": "本年现行有效",
        "finding": "问题",
        "repeated": "与上年雷同的部分（GK702）：雷同的句子已标出",
        "no_table": "无此表",
        "rules": "规则说明",
        "open_all": "展开全部",
        "report": "报告",
        "legend": "图例",
        "legend_failing": "有问题的单元格",
        "legend_changed": "与上年不同",
        "legend_chain": "跨年度核对的单元格",
        "legend_repeated": "与上年重复的句子",
    },
    "en": {
        "title": "Disclosure report review",
        "overview": "Overview",
        "summary": "Batch summary",
        "path": "File",
        "body": "Body",
        "year": "Year",
        "version": "Template",
        "format": "Format",
        "errors": "Errors",
        "warnings": "Warnings",
        "info": "Info",
        "tables": "Tables read",
        "unreadable": "Unreadable",
        "checked": "Reports checked",
        "with_errors": "Reports with errors",
        "top_codes": "Most frequent codes",
        "filter_code": "Code",
        "filter_severity": "Severity",
        "filter_text": "Search",
        "all": "All",
        "findings": "Findings",
        "preamble": "Before the first section",
        "section": "Section {n}",
        "no_findings": "No findings.",
        "blank": "blank",
        "line": "line {line}, column {column}",
        "table_unreadable": "This table could not be read (GK309)",
        "recovered": "cut from digits run together",
        "row": "Row",
        "back": "Back to the overview",
        "colon": ": ",
        "error": "error",
        "warning": "warning",
        "previous": "Last year's report",
        "pairs": "Year against year",
        "pairs_found": "With last year's report",
        "comparison": "{last} against {this}",
        "last_year": "Last year ({year})",
        "this_year": "This year ({year})",
        "was": "last year {was}",
        "changed": "values changed from last year",
        "carry": "Carry-over: last year's 四、结转下年度继续办理 → this year's 二、上年结转 (GK701)",
        "in_force": "In force: last year's in force + issued − repealed = this year's in force (GK703)",
        "column": "Column",
        "carried_out": "Carried forward last year",
        "carried_in": "Carried in this year",
        "in_force_before": "In force last year",
        "issued": "Issued",
        "repealed": "Repealed",
        "in_force_now": "In force this year",
        "finding": "Finding",
        "repeated": "Sections repeating last year's (GK702): the repeated sentences are marked",
        "no_table": "no such table",
        "rules": "Rules",
        "open_all": "Open all",
        "report": "Report",
        "legend": "Legend",
        "legend_failing": "failing cell",
        "legend_changed": "changed from last year",
        "legend_chain": "checked across the years",
        "legend_repeated": "repeated sentence",
    },
}


@dataclass
class ReportRow:
    """A row of the overview (HTML); the report's detail and comparison travel as JSON."""

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
    detail: str = ""  # JSON (script-safe) of the findings and tables; "" for a report without findings
    previous: ReportRow | None = None  # last year's report of the same body, in the batch
    comparison: str = ""  # JSON (script-safe) of the comparison with last year's

    @property
    def codes(self) -> list[str]:
        return sorted(self.code_counts)

    @property
    def severities(self) -> str:
        return " ".join(label for label in ("error", "warning", "info") if self.counts[label])

    @property
    def title(self) -> str:
        return f"{self.body or self.path} {self.year}".strip()


class HtmlFormatter:
    def format(self, results: list[FileResult], context: OutputContext) -> str:
        from markupsafe import Markup

        lang = context.lang if context.lang in WORDS else "zh"
        anchors = [{id(v): f"r{index}-f{n}" for n, v in enumerate(result.violations)} for index, result in enumerate(results)]
        rows = [_report_row(index, result, anchors[index], lang) for index, result in enumerate(results)]
        for index, previous in pairs(results).items():
            rows[index].previous = rows[previous]
            rows[index].comparison = script_json(_comparison(results[index], results[previous], anchors[index], anchors[previous], lang))
        for row in rows:  # already script-safe: \u escapes for < > &
            row.detail, row.comparison = Markup(row.detail), Markup(row.comparison)
        codes = _all_codes(rows)
        return (
            _environment()
            .get_template(TEMPLATE)
            .render(
                lang=lang,
                words=WORDS[lang],
                rows=rows,
                summary=_summary(rows),
                codes=codes,
                rule_docs=rule_docs(codes, context.rules, lang),
                words_json=Markup(script_json(WORDS[lang])),
                codes_json=Markup(script_json(_code_names(results))),
            )
        )


def _environment():
    import jinja2  # only when this format runs

    return jinja2.Environment(
        loader=jinja2.PackageLoader("gklint", "output"),
        autoescape=True,  # report text is never markup
        trim_blocks=True,
        lstrip_blocks=True,
    )


def script_json(data: Any) -> str:
    """JSON to sit inside `<script type="application/json">`: `<`, `>` and `&` as \\u escapes (no
    `</script>` or `<!--` can appear, whatever the report's text), U+2028/2029 escaped too; other
    characters as they are (Chinese stays three bytes, not six)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text


# -- the overview and a report's detail -------------------------------------------------------
def _report_row(index: int, result: FileResult, anchors: dict, lang: str) -> ReportRow:
    from gklint.run.history import identify

    report = result.report
    identity = identify(report) if report is not None else None
    row = ReportRow(
        anchor=f"r{index}",
        path=result.path,
        body=identity.name if identity else "",
        year=(identity.year if identity else None) or "",
        kind=result.source.kind if result.source else "",
        counts=Counter(v.severity.label for v in result.violations),
        code_counts=Counter(v.code for v in result.violations),
    )
    if report is None:
        return row
    row.version = getattr(getattr(report, "template", None), "version", "") or ""
    tables = list(report.tables)
    row.tables_read = sum(1 for t in tables if t.readable)
    row.tables_unreadable = len(tables) - row.tables_read
    if result.violations:  # detail only where there is something to review
        pointing = [v for v in result.violations if v.code in IDENTITY_CODES]
        row.detail = script_json(
            {
                "sections": _sections(result, anchors, lang),
                "tables": [_table_view(table, pointing, anchors, lang) for table in tables],
            }
        )
    return row


def _sections(result: FileResult, anchors: dict, lang: str) -> list[dict]:
    """The findings grouped by section: {heading, findings: [{id, code, message, where, passage:
    [before, marked, after]}]}."""
    from gklint.output.formatters import place

    report = result.report
    words = WORDS[lang]
    grouped: dict[int, dict] = {}
    for v in result.violations:
        line_number = _line_of(report, v.start)
        number = report.section_of_line(line_number)
        if number not in grouped:
            grouped[number] = {"heading": _section_heading(report, number, words), "findings": []}
        where = words["line"].format(line=v.line, column=v.column)
        original = place(result, v, lang)
        grouped[number]["findings"].append(
            {
                "id": anchors[id(v)],
                "code": v.code,  # its name and severity: the page's code list
                "message": v.message.text(lang),
                "where": f"{where} · {original}" if original else where,
                "passage": list(_passage(report, line_number, v.start, v.end)),
            }
        )
    return [grouped[n] for n in sorted(grouped)]


def _line_of(report, offset: int) -> int:
    return report.location(min(offset, max(len(report.text) - 1, 0)))[0] if report.text else 1


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


def _table_view(table, pointing, anchors: dict, lang: str, mark=None) -> dict:
    """A table as read: the template's columns, a row a label, each cell's value; the cells a
    finding points at carry its message (the expected value) and a link to it. A cell is
    {t: text, b: blank, m: missing, r: recovered, f: [[message, finding id]…]} (false keys left
    out; a plain cell, nothing but its text, is that text); `mark(row id, column id, cell, view)`
    adds to a cell (the comparison's marks)."""
    rows = []
    for table_row in list(table.rows) + list(table.extra_rows):
        by_column = {cell.column: cell for cell in table_row.cells}
        cells = []
        for column_id, _label in table.columns:
            cell = by_column.get(column_id)
            view = _cell_view(cell, pointing, anchors, lang)
            if mark is not None and cell is not None:
                mark(table_row.id, column_id, cell, view)
            cells.append(view["t"] if len(view) == 1 and "t" in view and view["t"] else view)  # a plain value: its text
        rows.append({"label": table_row.written or table_row.label, "cells": cells})
    unreadable = table.unreadable[0 if lang == "zh" else 1] if table.unreadable else ""
    view = {
        "name": TABLE_NAMES[lang].get(table.kind, table.kind),
        "columns": [label for _id, label in table.columns],
        "rows": rows,
        "readable": table.readable,
    }
    if unreadable:
        view["why"] = unreadable
    if any(isinstance(cell, dict) and cell.get("f") for row in rows for cell in row["cells"]):
        view["failing"] = True
    return view


def _cell_view(cell, pointing, anchors: dict, lang: str) -> dict:
    if cell is None:
        return {"m": 1}
    view: dict = {"t": cell.raw}
    if cell.blank or not cell.raw:
        view["b"] = 1
    if cell.recovered:
        view["r"] = 1
    failing = [[f"{v.code} {v.message.text(lang)}", anchors[id(v)]] for v in pointing if _points_at(v, cell)]
    if failing:
        view["f"] = failing
    return view


def _points_at(violation, cell) -> bool:
    """The finding's span lies inside the cell's (a blank cell's span is empty: the finding sits on it)."""
    return cell.start <= violation.start and violation.end <= cell.end


# -- year against year ------------------------------------------------------------------------
def pairs(results: list[FileResult]) -> dict[int, int]:
    """Each result whose body's report for the year before is in the batch → that result's index:
    the report's own `previous` where the run set it to one of the batch's reports, else GK7's
    pairing (`history.pair`: same body, year − 1, unambiguous) over the batch."""
    from gklint.run.history import identify, pair, path_key

    reports = {index: r.report for index, r in enumerate(results) if r.report is not None and getattr(r.report, "sections", None)}
    by_object = {id(report): index for index, report in reports.items()}
    by_path = {path_key(Path(str(report.path))): index for index, report in reports.items() if getattr(report, "path", None)}
    found: dict[int, int] = {}
    for index, report in reports.items():
        previous = getattr(report, "previous", None)
        if previous is None:
            continue
        match = by_object.get(id(previous))
        if match is None and getattr(previous, "path", None):
            match = by_path.get(path_key(Path(str(previous.path))))
        if match is not None and match != index:
            found[index] = match
    identities = {index: identify(report) for index, report in reports.items()}
    for index, previous in pair(identities, lambda i: Path(str(results[i].path)).suffix.lower()).items():
        found.setdefault(index, previous)
    return found


def _comparison(result: FileResult, last_result: FileResult, anchors: dict, last_anchors: dict, lang: str) -> dict:
    """The two years side by side: {this, last: {year, path}, title, tables: [{name, last, this}],
    carry: [...], in_force: [...], repeated: [...]}. Table cells as in `_table_view`, plus
    w: last year's value where it changed, k: the chain a cell is checked in ("carry", "in-force")."""
    from gklint.facts.cross_year import carry_over, in_force_chain
    from gklint.run.history import year_of

    words = WORDS[lang]
    report, last = result.report, last_result.report
    crossing = [v for v in result.violations if v.code in CROSS_YEAR_CODES]
    flagged = lambda cell: [[f"{v.code} {v.message.text(lang)}", anchors[id(v)]] for v in crossing if _points_at(v, cell)]  # noqa: E731

    chain_now: dict[int, str] = {}  # id(cell) → the chain it is checked in
    chain_last: dict[int, str] = {}
    partner_failing: dict[int, list] = {}  # id(last year's cell) → the findings of its partner this year
    carry, in_force = [], []
    for link in carry_over(report.table("applications"), last.table("applications")):
        chain_now[id(link.cell)] = chain_last[id(link.before)] = "carry"
        failing = flagged(link.cell)
        partner_failing.setdefault(id(link.before), []).extend(failing)
        carry.append({"label": link.label, "before": link.before.raw, "now": link.cell.raw, "f": failing})
    for link in in_force_chain(report.table("active_disclosure"), last.table("active_disclosure")):
        for cell in (link.issued, link.repealed, link.in_force):
            chain_now[id(cell)] = "in-force"
        chain_last[id(link.before)] = "in-force"
        failing = flagged(link.in_force)
        partner_failing.setdefault(id(link.before), []).extend(failing)
        in_force.append(
            {
                "label": link.row.label,
                "before": link.before.raw,
                "issued": link.issued.raw,
                "repealed": link.repealed.raw,
                "now": link.in_force.raw,
                "f": failing,
            }
        )

    tables = []
    for kind in TABLE_KINDS:
        now, before = report.table(kind), last.table(kind)
        if now is None and before is None:
            continue
        values_before = {(c.row, c.column): c.raw for c in before.cells} if before is not None and before.readable else {}

        def mark_now(row_id, column_id, cell, view, values_before=values_before):
            if (row_id, column_id) in values_before and values_before[(row_id, column_id)] != cell.raw and row_id:
                view["w"] = values_before[(row_id, column_id)]
            if id(cell) in chain_now:
                view["k"] = chain_now[id(cell)]
            failing = flagged(cell)
            if failing:
                view["f"] = view.get("f", []) + failing

        def mark_last(row_id, column_id, cell, view):
            if id(cell) in chain_last:
                view["k"] = chain_last[id(cell)]
            if partner_failing.get(id(cell)):
                view["f"] = view.get("f", []) + partner_failing[id(cell)]

        tables.append(
            {
                "name": TABLE_NAMES[lang].get(kind, kind),
                "last": _table_view(before, [], last_anchors, lang, mark_last) if before is not None else None,
                "this": _table_view(now, [], anchors, lang, mark_now) if now is not None else None,
            }
        )
    this_year, last_year = year_of(report), year_of(last)
    return {
        "this": {"year": this_year, "path": result.path},
        "last": {"year": last_year, "path": last_result.path},
        "title": words["comparison"].format(last=last_year, this=this_year),
        "tables": tables,
        "carry": carry,
        "in_force": in_force,
        "repeated": _repeated(result, last, anchors, lang),
    }


def _repeated(result: FileResult, last, anchors: dict, lang: str) -> list[dict]:
    """The sections GK702 found repeating last year's, both years' text cut into sentences,
    those whose words all stand in the other year's section marked: [{heading, message, id,
    this: [[text, repeated]…], last: […]}]."""
    from gklint.facts.cross_year import repeated_passages, shingles

    report = result.report
    words = WORDS[lang]
    sections = []
    for v in result.violations:
        if v.code != REPEATED_CODE:
            continue
        number = report.section_of_line(_line_of(report, v.start))
        if number == 0 or last.section(number) is None:
            continue
        now = "\n".join(p.text for p in report.section_paragraphs(number))
        before = "\n".join(p.text for p in last.section_paragraphs(number))
        sections.append(
            {
                "heading": _section_heading(report, number, words),
                "message": v.message.text(lang),
                "id": anchors[id(v)],
                "this": [[text, int(flag)] for text, flag in repeated_passages(now, shingles(before))],
                "last": [[text, int(flag)] for text, flag in repeated_passages(before, shingles(now))],
            }
        )
    return sections


# -- the summary and the rules' documentation ------------------------------------------------
def _summary(rows: list[ReportRow]) -> dict:
    frequency: Counter = Counter()
    for row in rows:
        frequency.update(row.code_counts)
    top = frequency.most_common(TOP_CODES)
    widest = max((count for _code, count in top), default=1)
    return {
        "checked": len(rows),
        "with_errors": sum(1 for row in rows if row.counts["error"]),
        "pairs": sum(1 for row in rows if row.previous is not None),
        "bars": [{"code": code, "count": count, "width": round(300 * count / widest)} for code, count in top],
    }


def _code_names(results: list[FileResult]) -> dict[str, list[str]]:
    """Each code's rule name and severity, once for the page (not once a finding)."""
    names: dict[str, list[str]] = {}
    for result in results:
        for v in result.violations:
            names.setdefault(v.code, [v.name, v.severity.label])
    return names


def _all_codes(rows: list[ReportRow]) -> list[str]:
    return sorted({code for row in rows for code in row.codes})


def rule_docs(codes: list[str], rules, lang: str) -> list[dict]:
    """The documentation of the rules whose codes occur (`gklint.docs.render_rule`, the page's
    language), as blocks for the template: {code, name, blocks: [{kind: h/p/li/pre, parts:
    [[text, is_code]…]}]}."""
    from gklint.output.docs import render_rule

    if rules is None:
        from gklint.run.plugins import load_plugins

        rules = load_plugins().rules()
    docs = []
    for code in codes:
        rule = rules.get(code)
        if rule is None:
            continue
        markdown = render_rule(rule, lang)
        docs.append({"code": code, "name": rule.name, "blocks": markdown_blocks(markdown.split("\n", 1)[1], lang)})
    return docs


def markdown_blocks(text: str, lang: str) -> list[dict]:
    """The little Markdown of a rule's documentation as blocks: `## ` headings, `- ` items,
    ``` fenced code, paragraphs (hard-wrapped lines joined: without a space in Chinese); inline
    `code` kept apart. Text only: the template escapes it."""
    blocks: list[dict] = []
    paragraph: list[str] = []
    joiner = "" if lang == "zh" else " "

    def flush():
        if paragraph:
            blocks.append({"kind": "p", "parts": _inline(joiner.join(line.strip() for line in paragraph))})
            paragraph.clear()

    lines = iter(text.split("\n"))
    for line in lines:
        if line.startswith("```"):
            flush()
            code = []
            for inner in lines:
                if inner.startswith("```"):
                    break
                code.append(inner)
            blocks.append({"kind": "pre", "parts": [["\n".join(code), False]]})
        elif line.startswith("#"):
            flush()
            blocks.append({"kind": "h", "parts": _inline(line.lstrip("#").strip())})
        elif line.lstrip().startswith("- "):
            flush()
            blocks.append({"kind": "li", "parts": _inline(line.lstrip()[2:])})
        elif not line.strip():
            flush()
        else:
            paragraph.append(line)
    flush()
    return blocks


def _inline(text: str) -> list[list]:
    return [[piece, index % 2 == 1] for index, piece in enumerate(text.split("`")) if piece]
