"""JUnit XML: a test suite a file, a failing test case a finding; a clean file is one passing case.

CI systems (GitLab, Jenkins, Azure) show these as test results.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from xml.etree import ElementTree as ET

from gklint.output._common import where, xml_text

if TYPE_CHECKING:
    from gklint.output.formatters import OutputContext
    from gklint.run.engine import FileResult


class JunitFormatter:
    def format(self, results: list[FileResult], context: OutputContext) -> str:
        from gklint.run.stream import render

        return render(self, results, context)

    def piece(self, result: FileResult, context: OutputContext) -> tuple:
        """(path, a case a finding: its name, line, message, severity, detail); compact, kept to the end."""
        cases = []
        for v in result.violations:
            message = v.message.text(context.lang)
            place = where(result, v, context.lang)
            detail = f"{v.path}:{v.line}:{v.column}: {v.code} {message}" + (f" ({place})" if place else "")
            cases.append((f"{v.code} {v.name}", str(v.line), xml_text(message), v.severity.label, xml_text(detail)))
        return result.path, tuple(cases)

    def stream(self, items, context: OutputContext, write) -> None:
        files = [done.piece for done in items]
        total = sum(max(len(cases), 1) for _path, cases in files)
        failures = sum(len(cases) for _path, cases in files)
        suites = ET.Element("testsuites", name="gklint", tests=str(total), failures=str(failures), errors="0")
        for path, cases in files:
            suite = ET.SubElement(
                suites,
                "testsuite",
                name=path,
                tests=str(max(len(cases), 1)),
                failures=str(len(cases)),
                errors="0",
            )
            if not cases:
                ET.SubElement(suite, "testcase", name="gklint", classname=path)
                continue
            for name, line, message, severity, detail in cases:
                case = ET.SubElement(suite, "testcase", name=name, classname=path, file=path, line=line)
                failure = ET.SubElement(case, "failure", message=message, type=severity)
                failure.text = detail
        ET.indent(suites)
        write('<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n")
