"""Output formats on the real seeds: sarif (validated against the official SARIF 2.1.0 schema,
vendored in tests/fixtures/sarif), github annotations, junit, json-lines and full."""

from __future__ import annotations

import json
import re
from xml.etree import ElementTree as ET

import jsonschema
import pytest

from gklint.cli import main
from gklint.core.violation import Message, Severity, Violation
from gklint.output import FORMATS, default_format
from gklint.output._common import char_width, display_width
from gklint.output.formatters import OutputContext
from gklint.run.config import Settings
from gklint.run.engine import FileResult, Linter

from .conftest import FIXTURES, SAMPLES, SEEDS, seed

SCHEMA = json.loads((FIXTURES / "sarif" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(Settings(select=["ALL"]))


@pytest.fixture(scope="module")
def results(linter) -> list[FileResult]:
    return [linter.lint_path(path) for path in [*SEEDS, *SAMPLES]]


def context(linter, lang="zh") -> OutputContext:
    return OutputContext(lang=lang, rules=linter.rules)


def test_all_formats_are_registered(linter):
    assert {"sarif", "github", "junit", "json-lines", "full", "text", "json"} <= set(linter.formatters)


# --- sarif ------------------------------------------------------------------------


def sarif_of(results, linter, lang="zh") -> dict:
    return json.loads(FORMATS["sarif"].format(results, context(linter, lang)))


@pytest.mark.slow
def test_sarif_on_the_seeds_validates_against_the_schema(results, linter):
    assert sum(len(r.violations) for r in results) > 20
    for lang in ("zh", "en"):
        log = sarif_of(results, linter, lang)
        jsonschema.validators.validator_for(SCHEMA)(SCHEMA).validate(log)
        assert log["version"] == "2.1.0"


@pytest.mark.slow
def test_sarif_from_the_command_line_validates(tmp_path, monkeypatch):
    root = FIXTURES.parent.parent
    monkeypatch.chdir(root)
    relative = [p.relative_to(root) for p in SEEDS]
    out = tmp_path / "gklint.sarif"
    code = main(["--isolated", "--select", "ALL", "--format", "sarif", "--output-file", str(out), *map(str, relative)])
    assert code == 1
    log = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.validators.validator_for(SCHEMA)(SCHEMA).validate(log)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]}
    assert uris >= {p.as_posix() for p in relative if p.name.startswith(("001", "004"))}  # relative, for code scanning


def test_schema_rejects_a_broken_log(results, linter):
    log = sarif_of(results, linter)
    log["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validators.validator_for(SCHEMA)(SCHEMA).validate(log)


def test_sarif_rule_metadata(results, linter):
    run = sarif_of(results, linter)["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert len(linter.rules) > 50 and [r["id"] for r in rules] == sorted(linter.rules)
    by_id = {r["id"]: r for r in rules}
    for code, rule in linter.rules.items():
        descriptor = by_id[code]
        assert descriptor["name"] == rule.name
        assert descriptor["shortDescription"]["text"] == rule.summary
        # The documentation in the run's language (zh by default): the Chinese half of the docstring.
        assert descriptor["help"]["markdown"] == rule.doc_zh and rule.doc_zh.startswith("## 做什么")
        assert descriptor["defaultConfiguration"]["level"] == {"E": "error", "W": "warning", "I": "note"}[rule.severity.value]
    assert run["results"]
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    assert run["columnKind"] == "unicodeCodePoints"


def _apply_regions(text: str, replacements: list[dict]) -> str:
    lines = text.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)

    def offset(line: int, column: int) -> int:
        return starts[line - 1] + column - 1

    for item in sorted(replacements, key=lambda r: (r["deletedRegion"]["startLine"], r["deletedRegion"]["startColumn"]), reverse=True):
        region = item["deletedRegion"]
        start = offset(region["startLine"], region["startColumn"])
        end = offset(region["endLine"], region["endColumn"])
        text = text[:start] + item["insertedContent"]["text"] + text[end:]
    return text


def test_sarif_fixes_are_the_rules_edits(results, linter):
    """Applying a SARIF fix's regions (lines/columns) gives the same text as applying the rule's offsets."""
    log = sarif_of(results, linter)
    sarif_results = iter(log["runs"][0]["results"])
    checked = 0
    for result in results:
        for violation in result.violations:
            item = next(sarif_results)
            assert item["ruleId"] == violation.code
            if violation.fix is None:
                assert "fixes" not in item
                continue
            text, edits = result.report.text, violation.fix.edits
            origins = result.source.origins
            if getattr(origins, "writes_back", False):  # a flattened page: regions in the file as read
                text, edits = origins.original.text, origins.source_edits(edits)
            expected = text
            for edit in sorted(edits, key=lambda e: e.start, reverse=True):
                expected = expected[: edit.start] + edit.replacement + expected[edit.end :]
            replacements = item["fixes"][0]["artifactChanges"][0]["replacements"]
            assert _apply_regions(text, replacements) == expected
            checked += 1
    assert checked >= 5


# --- github -----------------------------------------------------------------------

ANNOTATION = re.compile(
    r"^::(error|warning|notice) file=([^,]+),line=(\d+),col=(\d+)(?:,endLine=\d+|,endColumn=\d+)?,title=(GK\d{3})::(.+)$"
)


def test_github_annotations(results, linter):
    output = FORMATS["github"].format(results, context(linter))
    lines = output.splitlines()
    violations = [v for r in results for v in r.violations]
    assert violations and len(lines) == len(violations)
    for line, v in zip(lines, violations):
        match = ANNOTATION.match(line)
        assert match, line
        kind, path, row, column, code, message = match.groups()
        assert kind == {"E": "error", "W": "warning", "I": "notice"}[v.severity.value]
        assert (path, int(row), int(column), code) == (v.path, v.line, v.column, v.code)
        assert message.startswith(v.message.zh[:10].replace("%", "%25"))


def test_github_escapes_newlines_percent_and_property_separators():
    v = Violation("a,b:c.txt", "GK101", "x", Severity.ERROR, 3, 4, 3, 9, Message("第一行\n100%", "x"))
    output = FORMATS["github"].format([FileResult("a,b:c.txt", [v])], OutputContext())
    assert output == "::error file=a%2Cb%3Ac.txt,line=3,col=4,endColumn=9,title=GK101::第一行%0A100%25\n"


def test_default_format_is_github_under_github_actions():
    assert default_format({"GITHUB_ACTIONS": "true"}) == "github"
    assert default_format({}) == "text"


def test_cli_picks_github_when_github_actions_is_set(tmp_path, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    out = tmp_path / "out.txt"
    main(["--isolated", "--select", "ALL", "--output-file", str(out), str(seed("004"))])
    assert out.read_text(encoding="utf-8").startswith("::")
    main(["--isolated", "--select", "ALL", "--format", "text", "--output-file", str(out), str(seed("004"))])
    assert not out.read_text(encoding="utf-8").startswith("::")


# --- junit, json-lines ------------------------------------------------------------


def test_junit(results, linter, tmp_path):
    clean = tmp_path / "clean.txt"
    clean.write_text("", encoding="utf-8")
    all_results = [*results, FileResult(str(clean))]
    root = ET.fromstring(FORMATS["junit"].format(all_results, context(linter)))
    violations = [v for r in results for v in r.violations]
    assert root.tag == "testsuites" and int(root.get("failures")) == len(violations)
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [r.path for r in all_results]
    failures = root.findall(".//failure")
    assert len(failures) == len(violations)
    assert failures[0].get("message") == violations[0].message.zh
    last = suites[-1]
    assert last.get("failures") == "0" and len(last.findall("testcase")) == 1 and last.find(".//failure") is None


def test_junit_drops_characters_xml_cannot_hold():
    v = Violation("r.txt", "GK605", "x", Severity.WARNING, 1, 1, 1, 2, Message("页脚\x0c残留", "x"))
    root = ET.fromstring(FORMATS["junit"].format([FileResult("r.txt", [v])], OutputContext()))
    assert root.find(".//failure").get("message") == "页脚残留"


def test_json_lines_match_json(results, linter):
    lines = FORMATS["json-lines"].format(results, context(linter)).splitlines()
    array = json.loads(linter.formatters["json"].format(results, context(linter)))
    assert [json.loads(line) for line in lines] == array


# --- full ---------------------------------------------------------------------------


def test_char_width():
    assert [char_width(c) for c in "一a（，\u0301\u3000"] == [2, 1, 2, 2, 0, 2]
    assert display_width("2020年报告") == 4 + 6


def _column_to_index(line: str, column: int) -> int:
    """The character index in `line` that starts at display column `column`."""
    width = 0
    for index, char in enumerate(line):
        if width == column:
            return index
        width += char_width(char)
    return len(line)


def test_full_carets_sit_under_the_finding_on_cjk_lines(results, linter):
    output = FORMATS["full"].format(results, context(linter))
    blocks = output.split("\n\n")
    checked = 0
    for block in blocks:
        lines = block.split("\n")
        if len(lines) < 4 or not lines[3].lstrip().startswith("|"):
            continue
        header, source_line, caret_line = lines[0], lines[2], lines[3]
        if " | " not in source_line:  # an empty line
            continue
        gutter = source_line.index(" | ") + 3
        shown = source_line[gutter:]
        caret_area = caret_line[gutter:]
        first = len(caret_area) - len(caret_area.lstrip(" "))
        carets = len(caret_area.strip().split(" ")[0])
        start = _column_to_index(shown, first)
        end = _column_to_index(shown, first + carets)
        span = shown[start:end]
        if not any(char_width(c) == 2 for c in shown[:start]):
            continue
        # the span under the carets is the finding's text (a span cut by the window is the line's rest)
        match = re.match(r"^(.*):(\d+):(\d+): (GK\d{3})", header)
        result = next(r for r in results if r.path == match.group(1))
        v = next(v for v in result.violations if (v.line, v.column, v.code) == (int(match.group(2)), int(match.group(3)), match.group(4)))
        expected = result.report.text[v.start : v.end].split("\n")[0]
        assert span.startswith(expected[: len(span)]) and span, (header, span, expected)
        checked += 1
    assert checked >= 3


def test_full_shows_the_fix(results, linter):
    output = FORMATS["full"].format(results, context(linter))
    assert "= 可自动修复（安全）" in output
    block = next(b for b in output.split("\n\n") if "= 可自动修复" in b and "\n  + " in b or "\n   + " in b)
    minus = [l for l in block.splitlines() if re.match(r"^\s+- ", l)]
    plus = [l for l in block.splitlines() if re.match(r"^\s+\+ ", l)]
    assert minus and plus and minus != plus
    assert output.rstrip().endswith(("。", "!"))  # the summary closes the output


def test_full_english(results, linter):
    output = FORMATS["full"].format(results, context(linter, "en"))
    assert "= fix (safe)" in output and "Found " in output
