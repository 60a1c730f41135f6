"""CSV for tally sheets, UTF-8 with a BOM so that Excel and WPS open it in Chinese: one row a
finding (the findings `--format json` gives, in columns a spreadsheet can sort), or with
`--statistics` one row a report with its counts per severity and per code."""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gklint.output.formatters import OutputContext
    from gklint.run.engine import FileResult

COLUMNS = ("path", "body", "year", "line", "column", "page", "code", "severity", "message", "where")
HEADINGS_ZH = ("文件", "机关", "年度", "行", "列", "页", "代码", "级别", "问题", "位置")
STATISTICS = ("path", "body", "year", "errors", "warnings", "info")
STATISTICS_ZH = ("文件", "机关", "年度", "错误", "警告", "提示")
BOM = "\ufeff"


class CsvFormatter:
    def format(self, results: list[FileResult], context: OutputContext) -> str:
        from gklint.run.stream import render

        return render(self, results, context)

    def piece(self, result: FileResult, context: OutputContext) -> str:
        from gklint.output.formatters import place

        if not result.violations:
            return ""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180, what spreadsheets expect
        body, year = _body_and_year(result)
        page_of = getattr(getattr(result.source, "origins", None), "page", None)
        for v in result.violations:
            page = page_of(v.start) if page_of and result.report is not None else None
            writer.writerow(
                [
                    v.path,
                    body,
                    year or "",
                    v.line,
                    v.column,
                    page or "",
                    v.code,
                    v.severity.label,
                    v.message.text(context.lang),
                    place(result, v, context.lang) or "",
                ]
            )
        return out.getvalue()

    def stream(self, items, context: OutputContext, write) -> None:
        out = io.StringIO()
        csv.writer(out, lineterminator="\r\n").writerow(HEADINGS_ZH if context.lang == "zh" else COLUMNS)
        heading = BOM + out.getvalue()
        for done in items:  # the heading once the first report is in (nothing written before the files are found)
            if heading:
                write(heading)
                heading = ""
            if done.piece:
                write(done.piece)
        if heading:
            write(heading)

    def statistics(self, results: list[FileResult], context: OutputContext) -> str:
        """One row a report: file, body, year, errors, warnings, info, then a column a code found."""
        from gklint.run.stream import render

        return render(self.statistics_streaming, results, context)

    @property
    def statistics_streaming(self) -> CsvStatistics:
        return CsvStatistics()


class CsvStatistics:
    """`--format csv --statistics`: a compact row a report, printed at the end (the columns are the codes found)."""

    def piece(self, result: FileResult, context: OutputContext) -> tuple:
        from collections import Counter

        body, year = _body_and_year(result)
        return (result.path, body, year, Counter(v.severity.label for v in result.violations), Counter(v.code for v in result.violations))

    def stream(self, items, context: OutputContext, write) -> None:
        rows = [done.piece for done in items]
        codes = sorted({code for *_, per_code in rows for code in per_code})
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        heading = STATISTICS_ZH if context.lang == "zh" else STATISTICS
        writer.writerow([*heading, *codes])
        for path, body, year, severities, per_code in rows:
            writer.writerow(
                [
                    path,
                    body,
                    year or "",
                    severities["error"],
                    severities["warning"],
                    severities["info"],
                    *(per_code[code] for code in codes),
                ]
            )
        write(BOM + out.getvalue())


def _body_and_year(result: FileResult) -> tuple[str, int | None]:
    """The issuing body and year from the report's title (blank when unknown or unparsed)."""
    from gklint.run.history import identify

    if result.report is None:
        return "", None
    identity = identify(result.report)
    return (identity.name, identity.year) if identity else ("", None)
