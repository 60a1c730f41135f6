"""YAML rule cases (sqlfluff's model): tests/rules/<CODE>.yaml, one file per rule.

    rule: GK101
    cases:
      - name: no-section-three
        text: |            # the report text, or `file: seeds/000_….txt` (under tests/fixtures)
          ...
        replace: [[old, new], ...]   # optional edits applied to `file` before linting
        previous: |                  # optional: last year's report of the same body (GK7xx), inline;
          ...                        #   or {text: …, replace: [[old, new]]} / {file: …, replace: …}
        select: [GK101, GK104]       # optional; default: just this rule
        options: {threshold: 0.8}    # optional rule options
        settings: {issuer: government}  # optional settings
        expect:                      # findings of the selected rules; [] for a pass case
          - {code: GK101, line: 12}  # `column`, `message` (substring) optional
        fix_str: |                   # optional: the text after --fix (unsafe: true adds unsafe fixes)
          ...

Every file is checked against tests/rule_cases.schema.json (a misspelt key, a wrong type, a code
no loaded rule has, an option the rule does not declare: a failure naming the file and the case).

A case with `previous:` is linted as a run over two files is: both texts are written to a folder,
the engine pairs them (`Linter.plan_history`, the pairing of gklint.history: same body, the year
before) and lints this year's file; the case fails if the two were not paired.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from ruamel.yaml import YAML

from gklint.read.source import SourceText
from gklint.run.config import Settings
from gklint.run.engine import Linter
from gklint.run.fixes import fix_until_stable

from .conftest import FIXTURES

CASE_DIR = Path(__file__).parent / "rules"
SCHEMA_PATH = Path(__file__).parent / "rule_cases.schema.json"
RULES_PACKAGE = Path(__file__).resolve().parents[1] / "rules" / "gklint_rules"


@cache
def _all_rules() -> dict:
    """Every rule that loads (built-in and engine codes), code → Rule."""
    return dict(Linter(Settings(select=["ALL"])).rules)


@cache
def _validator(codes: tuple[str, ...]) -> Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    schema["$defs"]["code"]["enum"] = list(codes)  # a code no loaded rule has is an error
    return Draft202012Validator(schema)


def _where(spec, path_in_file) -> str:
    """`case 'name' (cases[3]) → expect[0] → line` for an error at that place in the file."""
    parts = list(path_in_file)
    if len(parts) >= 2 and parts[0] == "cases" and isinstance(parts[1], int):
        index = parts[1]
        cases = spec.get("cases") if isinstance(spec, dict) else None
        case = cases[index] if isinstance(cases, list) and index < len(cases) else None
        name = case.get("name") if isinstance(case, dict) else None
        where = f"case {name!r} (cases[{index}])" if name else f"cases[{index}]"
        rest = parts[2:]
    else:
        where, rest = "top level", parts
    for part in rest:
        where += f"[{part}]" if isinstance(part, int) else f" → {part}"
    return where


def case_file_errors(path: Path, spec=None, rules: dict | None = None) -> list[str]:
    """What is wrong with one case file, one line per problem, each naming the file and the case."""
    rules = _all_rules() if rules is None else rules
    if spec is None:
        spec = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    validator = _validator(tuple(sorted(rules)))
    errors = []
    for error in sorted(validator.iter_errors(spec), key=lambda e: [str(p) for p in e.absolute_path]):
        detail = error.message
        if error.validator == "enum" and error.schema.get("pattern") == "^GK[0-9]{3}$":
            detail = f"{error.instance!r} is not the code of any rule that loads"
        elif error.validator == "oneOf" and not error.context:
            detail = f"only one of {', '.join(s['required'][0] for s in error.validator_value if 'required' in s)} may be given"
        elif error.context:
            detail += " — " + "; ".join(sorted({c.message for c in error.context}))
        errors.append(f"{path.name}: {_where(spec, error.absolute_path)}: {detail}")
    if not isinstance(spec, dict) or not isinstance(spec.get("cases"), list):
        return errors
    if path.stem != spec.get("rule"):
        errors.append(f"{path.name}: top level → rule: {spec.get('rule')!r}, but the file is named for {path.stem}")
    cases = [case for case in spec["cases"] if isinstance(case, dict)]
    names = [case.get("name") for case in cases]
    for name in sorted({n for n in names if n is not None and names.count(n) > 1}):
        errors.append(f"{path.name}: case {name!r}: the name is used twice")
    declared = rules[spec["rule"]].options if spec.get("rule") in rules else {}
    for index, case in enumerate(spec["cases"]):
        if not isinstance(case, dict):
            continue
        for key in case.get("options") if isinstance(case.get("options"), dict) else {}:
            if key not in declared:
                errors.append(
                    f"{path.name}: case {case['name']!r} (cases[{index}]) → options: {spec['rule']} has no option "
                    f"{key!r} (it has: {', '.join(sorted(declared)) or 'none'})"
                )
        previous = case.get("previous") if isinstance(case.get("previous"), dict) else {}
        for where, name in (("file", case.get("file")), ("previous → file", previous.get("file"))):
            if isinstance(name, str) and not (FIXTURES / name).is_file():
                errors.append(f"{path.name}: case {case.get('name')!r} (cases[{index}]) → {where}: no {name} under tests/fixtures")
    return errors


def _load_cases():
    yaml = YAML(typ="safe")  # the C loader (ruamel.yaml.clib) when installed
    for path in sorted(CASE_DIR.glob("*.yaml")):
        spec = yaml.load(path.read_text(encoding="utf-8"))
        for case in spec["cases"]:
            yield pytest.param(spec["rule"], case, id=f"{spec['rule']}-{case['name']}")


def _edited(text: str, replacements, what: str = "case") -> str:
    for old, new in replacements:
        assert old in text, f"replace: {old!r} not in the {what} text"
        text = text.replace(old, new)
    return text


def _case_text(case) -> str:
    if "file" in case:
        text = (FIXTURES / case["file"]).read_text(encoding="utf-8")
    else:
        text = case["text"]
    return _edited(text, case.get("replace", []))


def _previous_text(case) -> str:
    previous = case["previous"]
    if isinstance(previous, str):
        return previous
    text = (FIXTURES / previous["file"]).read_text(encoding="utf-8") if "file" in previous else previous["text"]
    return _edited(text, previous.get("replace", []), "previous")


_LINTERS: dict[str, Linter] = {}


def _linter(code: str, case) -> Linter:
    select = case.get("select", [code])
    settings = dict(case.get("settings", {}))
    rules = {code: case["options"]} if "options" in case else {}
    if "previous" in case:  # a run of its own: its History pairs only this case's two files
        return Linter(Settings(select=select, rule_options=rules, **settings))
    key = repr((select, sorted(settings.items()), rules))
    if key not in _LINTERS:
        _LINTERS[key] = Linter(Settings(select=select, rule_options=rules, **settings))
    return _LINTERS[key]


def _violations(linter: Linter, case, text: str, path: Path, tmp_path: Path):
    if "previous" not in case:
        return linter.lint_source(SourceText(text, "utf-8"), path).violations
    this_year = tmp_path / path.name
    last_year = tmp_path / f"previous{path.suffix}"
    this_year.write_text(text, encoding="utf-8")
    last_year.write_text(_previous_text(case), encoding="utf-8")
    linter.plan_history([this_year, last_year])  # the pairing a run over both files does
    result = linter.lint_path(this_year)
    assert result.report is not None and result.report.previous is not None, (
        "previous: the engine did not pair this report with last year's (same body, the year before, in the titles?)"
    )
    return result.violations


def _matches(violation, expected) -> bool:
    if (violation.code, violation.line) != (expected["code"], expected["line"]):
        return False
    if "column" in expected and violation.column != expected["column"]:
        return False
    message = expected.get("message")
    return message is None or message in violation.message.zh or message in violation.message.en


def test_case_files_match_the_schema():
    files = sorted(CASE_DIR.glob("*.yaml"))
    assert len(files) >= 50, f"only {len(files)} case files in {CASE_DIR}"
    problems = [problem for path in files for problem in case_file_errors(path)]
    assert not problems, "rule case files that do not match tests/rule_cases.schema.json:\n" + "\n".join(problems)


@pytest.mark.parametrize(("code", "case"), list(_load_cases()))
def test_rule_case(code, case, tmp_path):
    linter = _linter(code, case)
    text = _case_text(case)
    path = Path(case.get("path", "report.md" if case.get("markdown") else "report.txt"))
    violations = _violations(linter, case, text, path, tmp_path)
    got = [(v.code, v.line) for v in violations]
    want = [(e["code"], e["line"]) for e in case.get("expect", [])]
    assert sorted(got) == sorted(want), "\n".join(f"{v.line}:{v.column} {v.code} {v.message.zh}" for v in violations)
    unmatched = list(violations)  # two findings on one line are matched to two expectations
    for expected in case.get("expect", []):
        match = next((v for v in unmatched if _matches(v, expected)), None)
        assert match is not None, f"no finding matches {expected}:\n" + "\n".join(
            f"{v.line}:{v.column} {v.code} {v.message.zh} | {v.message.en}" for v in unmatched
        )
        unmatched.remove(match)
    if "fix_str" in case:
        unsafe = bool(case.get("unsafe"))

        def lint(current: str):
            return linter.lint_source(SourceText(current, "utf-8"), path).violations

        outcome = fix_until_stable(text, lint, unsafe=unsafe)
        assert outcome.stable
        assert outcome.text == case["fix_str"]
        # Fixing twice equals fixing once.
        assert fix_until_stable(outcome.text, lint, unsafe=unsafe).text == outcome.text


def test_a_misspelt_key_a_wrong_type_and_an_unknown_code_are_rejected(tmp_path):
    path = tmp_path / "GK101.yaml"
    path.write_text(
        "rule: GK101\n"
        "cases:\n"
        "  - name: fine\n"
        "    text: 一、总体情况\n"
        "    expect: []\n"
        "  - name: misspelt\n"
        "    text: 一、总体情况\n"
        "    expcet: [{code: GK101, line: 1}]\n"
        "  - name: wrong-type\n"
        "    text: 一、总体情况\n"
        "    expect: [{code: GK101, line: '1'}]\n"
        "  - name: unknown-code\n"
        "    text: 一、总体情况\n"
        "    expect: [{code: GK999, line: 1}]\n"
        "  - name: unknown-option\n"
        "    text: 一、总体情况\n"
        "    options: {treshold: 2}\n"
        "    expect: []\n",
        encoding="utf-8",
    )
    problems = case_file_errors(path)
    text = "\n".join(problems)
    assert len(problems) == 5, text
    assert all(p.startswith("GK101.yaml: case ") for p in problems), text
    # the misspelt key: the case has no `expect`, and `expcet` is named as not allowed
    assert any("'misspelt'" in p and "'expcet' was unexpected" in p for p in problems), text
    assert any("'misspelt'" in p and "'expect' is a required property" in p for p in problems), text
    assert any("'wrong-type'" in p and "expect[0] → line" in p and "is not of type 'integer'" in p for p in problems), text
    assert any("'unknown-code'" in p and "'GK999'" in p for p in problems), text
    assert any("'unknown-option'" in p and "'treshold'" in p for p in problems), text
    assert not any("'fine'" in p for p in problems), text


def test_the_rule_runner_rejects_a_case_file_it_would_otherwise_misread():
    """Without the schema, `expcet` would make a failing case a pass case (expect defaults to [])."""
    spec = {"rule": "GK101", "cases": [{"name": "x", "text": "一、总体情况", "expect": [], "expcet": []}]}
    assert case_file_errors(CASE_DIR / "GK101.yaml", spec)


def test_every_builtin_rule_has_cases():
    linter = Linter(Settings())
    assert not linter.plugins.errors, f"plugins that failed to load: {linter.plugins.errors}"
    modules = sorted(p.stem for p in RULES_PACKAGE.glob("gk[0-9][0-9][0-9]_*.py"))
    builtin = {code for code, rule in linter.rules.items() if rule.plugin == "rules"}
    # Every rule module loaded: a module without RULE (or one that fails to import) must not
    # silently leave the engine's own codes only.
    assert len(modules) >= 50 and len(builtin) == len(modules), (
        f"{len(builtin)} built-in rules loaded from {len(modules)} rule modules: {sorted(builtin)}"
    )
    with_cases = {p.stem for p in CASE_DIR.glob("*.yaml")}
    assert builtin == with_cases, (
        f"rules without YAML cases: {sorted(builtin - with_cases)}; case files for no loaded rule: {sorted(with_cases - builtin)}"
    )


def test_a_previous_report_the_engine_does_not_pair_fails_the_case(tmp_path):
    """`previous:` of two years before (or another body) is no pass case: the harness says it was not paired."""
    case = {
        "name": "x",
        "file": "reports/clean-2021.txt",
        "previous": (FIXTURES / "reports" / "clean-2021.txt").read_text(encoding="utf-8").replace("2022年", "2020年", 1),
        "expect": [],
    }
    linter = _linter("GK701", case)
    with pytest.raises(AssertionError, match="did not pair"):
        _violations(linter, case, _case_text(case), Path("report.txt"), tmp_path)
