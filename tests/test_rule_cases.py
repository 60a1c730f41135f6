"""YAML rule cases (sqlfluff's model): tests/rules/<CODE>.yaml, one file per rule.

    rule: GK101
    cases:
      - name: no-section-three
        text: |            # the report text, or `file: seeds/000_….txt` (under tests/fixtures)
          ...
        replace: [[old, new], ...]   # optional edits applied to `file` before linting
        select: [GK101, GK104]       # optional; default: just this rule
        options: {threshold: 0.8}    # optional rule options
        settings: {issuer: government}  # optional settings
        expect:                      # findings of the selected rules; [] for a pass case
          - {code: GK101, line: 12}  # `column`, `message` (substring) optional
        fix_str: |                   # optional: the text after --fix (unsafe: true adds unsafe fixes)
          ...
"""

from __future__ import annotations

from pathlib import Path

import pytest
from ruamel.yaml import YAML

from gklint.run.config import Settings
from gklint.run.engine import Linter
from gklint.run.fixes import fix_until_stable
from gklint.read.source import SourceText

from .conftest import FIXTURES

CASE_DIR = Path(__file__).parent / "rules"


def _load_cases():
    yaml = YAML(typ="safe", pure=True)
    for path in sorted(CASE_DIR.glob("*.yaml")):
        spec = yaml.load(path.read_text(encoding="utf-8"))
        for case in spec["cases"]:
            yield pytest.param(spec["rule"], case, id=f"{spec['rule']}-{case['name']}")


def _case_text(case) -> str:
    if "file" in case:
        text = (FIXTURES / case["file"]).read_text(encoding="utf-8")
    else:
        text = case["text"]
    for old, new in case.get("replace", []):
        assert old in text, f"replace: {old!r} not in the case text"
        text = text.replace(old, new)
    return text


_LINTERS: dict[str, Linter] = {}


def _linter(code: str, case) -> Linter:
    select = case.get("select", [code])
    settings = dict(case.get("settings", {}))
    rules = {code: case["options"]} if "options" in case else {}
    key = repr((select, sorted(settings.items()), rules))
    if key not in _LINTERS:
        _LINTERS[key] = Linter(Settings(select=select, rule_options=rules, **settings))
    return _LINTERS[key]


@pytest.mark.parametrize(("code", "case"), list(_load_cases()))
def test_rule_case(code, case):
    linter = _linter(code, case)
    text = _case_text(case)
    path = Path(case.get("path", "report.md" if case.get("markdown") else "report.txt"))
    violations = linter.lint_source(SourceText(text, "utf-8"), path).violations
    got = [(v.code, v.line) for v in violations]
    want = [(e["code"], e["line"]) for e in case.get("expect", [])]
    assert sorted(got) == sorted(want), "\n".join(f"{v.line}:{v.column} {v.code} {v.message.zh}" for v in violations)
    for expected in case.get("expect", []):
        match = next(v for v in violations if (v.code, v.line) == (expected["code"], expected["line"]))
        if "column" in expected:
            assert match.column == expected["column"]
        if "message" in expected:
            assert expected["message"] in match.message.zh or expected["message"] in match.message.en
    if "fix_str" in case:
        unsafe = bool(case.get("unsafe"))

        def lint(current: str):
            return linter.lint_source(SourceText(current, "utf-8"), path).violations

        outcome = fix_until_stable(text, lint, unsafe=unsafe)
        assert outcome.stable
        assert outcome.text == case["fix_str"]
        # Fixing twice equals fixing once.
        assert fix_until_stable(outcome.text, lint, unsafe=unsafe).text == outcome.text


def test_every_builtin_rule_has_cases():
    linter = Linter(Settings())
    with_cases = {p.stem for p in CASE_DIR.glob("*.yaml")}
    builtin = {code for code, rule in linter.rules.items() if rule.plugin == "rules"}
    assert builtin <= with_cases, f"rules without YAML cases: {sorted(builtin - with_cases)}"
