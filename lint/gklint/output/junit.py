"""JUnit XML: a test suite a file, a failing test case a finding; a clean file is one passing case.

CI systems (GitLab, Jenkins, Azure) show these as test results.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from xml.etree import ElementTree as ET

from gklint.output._common import where, xml_text

if TYPE_CHECKING:
    from gklint.run.engine import FileResult
    from gklint.output.formatters import OutputContext


class JunitFormatter:
    def format(self, results: list["FileResult"], context: "OutputContext") -> str:
        total = sum(max(len(r.violations), 1) for r in results)
        failures = sum(len(r.violations) for r in results)
        suites = ET.Element("testsuites", name="gklint", tests=str(total), failures=str(failures), errors="0")
        for result in results:
            suite = ET.SubElement(
                suites,
                "testsuite",
                name=result.path,
                tests=str(max(len(result.violations), 1)),
                failures=str(len(result.violations)),
                errors="0",
            )
            if not result.violations:
                ET.SubElement(suite, "testcase", name="gklint", classname=result.path)
                continue
            for v in result.violations:
                case = ET.SubElement(suite, "testcase", name=f"{v.code} {v.name}", classname=result.path, file=result.path, line=str(v.line))
                message = v.message.text(context.lang)
                place = where(result, v, context.lang)
                detail = f"{v.path}:{v.line}:{v.column}: {v.code} {message}" + (f" ({place})" if place else "")
                failure = ET.SubElement(case, "failure", message=xml_text(message), type=v.severity.label)
                failure.text = xml_text(detail)
        ET.indent(suites)
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
