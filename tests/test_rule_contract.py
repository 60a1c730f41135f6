"""The rule contract (issue 14, item 2): fix availability and applicability declared and checked,
needs instead of code prefixes, each rule module loaded on its own, and the public API."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pluggy
import pytest

import gklint_rules
from gklint import api, builtins
from gklint.core import hookspecs
from gklint.core.rule import RuleDeclarationError, RuleModuleError, contract_breach, load_rule_modules, rule
from gklint.core.violation import Applicability, Edit, Finding, Fix, FixAvailability, Severity
from gklint.read.source import SourceText
from gklint.run.config import Settings
from gklint.run.engine import Linter
from gklint.run.plugins import Plugins, load_plugins

from .conftest import seed

ROOT = Path(__file__).resolve().parents[1]
CATALOGUE = ROOT.parent / "shared" / "docs" / "rule-catalogue.md"
BUILTIN = {code: r for code, r in load_plugins().rules().items() if r.plugin in ("core", "rules")}
REPORT = "2023年某某局政府信息公开工作年度报告\n\n一、总体情况\n本局主动公开信息。\n"


# -- declarations ----------------------------------------------------------------------------
def test_a_declaration_that_contradicts_itself_fails_where_it_is_made():
    with pytest.raises(RuleDeclarationError):
        rule("XY1", "x", Severity.ERROR, fix=FixAvailability.SOMETIMES, summary="s", summary_en="s")
    with pytest.raises(RuleDeclarationError):
        rule("XY1", "x", Severity.ERROR, applicability=Applicability.SAFE, summary="s", summary_en="s")
    with pytest.raises(RuleDeclarationError):
        rule("XY1", "x", Severity.ERROR, needs={"next-year"}, summary="s", summary_en="s")
    with pytest.raises(RuleDeclarationError):
        rule("XY1", "x", Severity.ERROR, fix="Q", summary="s", summary_en="s")


def test_the_catalogues_letters_are_still_accepted():
    made = rule("XY1", "x", Severity.ERROR, fix="S", summary="s", summary_en="s")(lambda r, o: ())
    assert (made.fix, made.applicability, made.fix_kind) == (FixAvailability.SOMETIMES, {Applicability.SAFE}, "S")
    hinted = rule("XY2", "x", Severity.ERROR, fix="H", summary="s", summary_en="s")(lambda r, o: ())
    assert (hinted.fix, hinted.hint, hinted.fix_kind) == (FixAvailability.NONE, True, "H")


def _catalogue_kinds() -> dict[str, str]:
    """code → the catalogue's fix column written as `Rule.fix_kind` prints it: `H (六: U "无。")` → `H (U)`."""
    kinds = {}
    for line in CATALOGUE.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if not cells or not re.fullmatch(r"GK\d{3}", cells[0]):
            continue
        column = cells[-1]
        if column.startswith("—") or column == "-":
            kinds[cells[0]] = "-"
        elif column.startswith("H") and "(" in column:
            inner = re.search(r"\b([SU])\b", column.split("(", 1)[1]).group(1)
            kinds[cells[0]] = f"H ({inner})"
        else:
            kinds[cells[0]] = column[0]
    return kinds


@pytest.mark.skipif(not CATALOGUE.is_file(), reason="shared/docs/rule-catalogue.md is not beside the repository")
def test_every_builtin_declares_the_catalogues_fix_kind():
    kinds = _catalogue_kinds()
    assert {"GK105": "H (U)", "GK305": "H (S)", "GK003": "-", "GK101": "U"}.items() <= kinds.items()
    wrong = {code: (r.fix_kind, kinds[code]) for code, r in BUILTIN.items() if code in kinds and r.fix_kind != kinds[code]}
    assert not wrong


def test_docs_and_sarif_say_the_declared_kind():
    from gklint.output.docs import render_rule
    from gklint.output.sarif import rule_descriptor

    gk105 = BUILTIN["GK105"]
    assert "- 修复: H (U)（Sometimes：不安全修复；其余在消息中给出提示）" in render_rule(gk105, "zh")
    assert "- fix: H (U) (Sometimes: unsafe; otherwise a hint in the message)" in render_rule(gk105, "en")
    props = rule_descriptor(BUILTIN["GK305"], "en")["properties"]
    assert (props["fixKind"], props["fixAvailability"], props["fixApplicabilities"]) == ("H (S)", "Sometimes", ["safe"])
    assert {"fix:hint", "fix:safe"} <= set(props["tags"])


# -- what a rule yields, checked ---------------------------------------------------------------
def _fixing(availability, applicability=None, yields="safe"):
    kinds = {"safe": Fix.safe, "unsafe": Fix.unsafe, "display": Fix.display_only}

    @rule("XY900", "contract-probe", Severity.WARNING, fix=availability, applicability=applicability, summary="s", summary_en="s")
    def probe(report, options):
        """## What it does\nProbes."""
        at = report.text.index("本局")
        fix = kinds[yields](Edit(at, at + 2, "本机关")) if yields else None
        yield Finding(at, at + 2, "测试", "probe", fix=fix)

    return probe


def _linter(probe) -> Linter:
    manager = pluggy.PluginManager(hookspecs.PROJECT)
    manager.add_hookspecs(hookspecs)
    manager.register(builtins, name="core")

    class Pack:
        @staticmethod
        @hookspecs.hookimpl
        def gklint_rules():
            return [probe]

    manager.register(Pack(), name="probe")
    return Linter(Settings(select=["XY900", "GK003"]), Plugins(manager))


@pytest.mark.parametrize(
    ("availability", "applicability", "yields", "breach"),
    [
        (FixAvailability.NONE, None, "safe", "declares no fix"),
        (FixAvailability.ALWAYS, Applicability.SAFE, None, "Always"),
        (FixAvailability.SOMETIMES, Applicability.SAFE, "unsafe", "yielded a unsafe fix but declares safe only"),
        (FixAvailability.SOMETIMES, Applicability.UNSAFE, "display", "display-only"),
    ],
)
def test_a_finding_that_contradicts_its_rule_is_gk003_when_strict(availability, applicability, yields, breach):
    linter = _linter(_fixing(availability, applicability, yields))
    assert linter.strict_contract  # conftest: GKLINT_STRICT_CONTRACT=1
    violations = linter.lint_source(SourceText(REPORT, "utf-8"), Path("r.txt")).violations
    assert [v.code for v in violations] == ["GK003"]
    assert "XY900" in violations[0].message.en and breach in violations[0].message.en
    assert "与其声明不符" in violations[0].message.zh


def test_in_production_a_contradiction_is_a_warning_once_and_the_findings_stay(monkeypatch, capsys):
    monkeypatch.setenv("GKLINT_STRICT_CONTRACT", "0")
    linter = _linter(_fixing(FixAvailability.NONE, None, "safe"))
    for _ in range(2):
        violations = linter.lint_source(SourceText(REPORT, "utf-8"), Path("r.txt")).violations
        assert [v.code for v in violations] == ["XY900"]
    err = capsys.readouterr().err
    assert err.count("warning: rule XY900") == 1 and "Traceback" not in err


def test_a_finding_that_keeps_to_its_declaration_passes():
    probe = _fixing(FixAvailability.SOMETIMES, [Applicability.SAFE, Applicability.UNSAFE], "unsafe")
    assert contract_breach(probe, Finding(0, 0, "a", "b")) is None
    violations = _linter(probe).lint_source(SourceText(REPORT, "utf-8"), Path("r.txt")).violations
    assert [v.code for v in violations] == ["XY900"]


def test_display_only_fixes_are_never_applied():
    from gklint.run.fixes import applicable

    probe = _fixing(FixAvailability.ALWAYS, Applicability.DISPLAY_ONLY, "display")
    [violation] = _linter(probe).lint_source(SourceText(REPORT, "utf-8"), Path("r.txt")).violations
    assert violation.fix.applicability is Applicability.DISPLAY_ONLY
    assert not applicable(violation, unsafe=True)


# -- needs, not code prefixes ------------------------------------------------------------------
def test_rules_declare_what_they_need():
    assert {code for code, r in BUILTIN.items() if "previous" in r.needs} == {"GK701", "GK702", "GK703"}
    assert Linter(Settings(select=["GK702"])).needed("previous")
    assert not Linter(Settings(select=["GK1", "GK3"])).needed("previous")


def test_no_behaviour_hangs_on_a_code_prefix():
    engine = ROOT / "lint" / "gklint"
    hits = [
        f"{path.relative_to(engine)}:{n}"
        for path in engine.rglob("*.py")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"""startswith\(\s*["']GK\d""", line)
    ]
    assert not hits


# -- each rule module on its own ---------------------------------------------------------------
def test_every_builtin_module_declares_its_rule():
    loaded = load_rule_modules("gklint_rules")
    assert not [item for item in loaded if isinstance(item, RuleModuleError)]
    modules = sorted(p.stem for p in Path(gklint_rules.__file__).parent.glob("*.py") if not p.stem.startswith("_"))
    assert len(modules) == len(loaded) == 50
    assert [m[:5].upper() for m in modules] == sorted(r.code for r in loaded)


@pytest.fixture
def broken_rules(tmp_path, monkeypatch):
    """A copy of the built-in rules package with one module that fails to import, one that
    declares no rule, and one helper not named gkNNN_ that declares nothing."""
    package = tmp_path / "gklint_rules_copy"
    shutil.copytree(Path(gklint_rules.__file__).parent, package, ignore=shutil.ignore_patterns("__pycache__"))
    broken = package / "gk105_empty_section.py"
    broken.write_text(broken.read_text(encoding="utf-8") + "\nraise RuntimeError('broken on purpose')\n", encoding="utf-8")
    norule = package / "gk604_halfwidth_brackets.py"
    norule.write_text(norule.read_text(encoding="utf-8").replace("\nRULE = check\n", "\n"), encoding="utf-8")
    (package / "helpers.py").write_text("VALUE = 1\n", encoding="utf-8")
    (package / "_private.py").write_text("VALUE = 2\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    yield "gklint_rules_copy"
    for name in [m for m in sys.modules if m.startswith("gklint_rules_copy")]:
        del sys.modules[name]


def test_one_broken_module_is_one_gk003_and_the_other_rules_run(broken_rules):
    import importlib

    loaded = load_rule_modules(broken_rules)
    errors = {e.module.rsplit(".", 1)[1]: e.error for e in loaded if isinstance(e, RuleModuleError)}
    assert set(errors) == {"gk105_empty_section", "gk604_halfwidth_brackets", "helpers"}
    assert "RuntimeError: broken on purpose" in errors["gk105_empty_section"]
    assert "declares no rule" in errors["gk604_halfwidth_brackets"] and "declares no rule" in errors["helpers"]
    assert len([r for r in loaded if not isinstance(r, RuleModuleError)]) == 48

    manager = pluggy.PluginManager(hookspecs.PROJECT)
    manager.add_hookspecs(hookspecs)
    manager.register(builtins, name="core")
    manager.register(importlib.import_module(broken_rules), name="rules")
    linter = Linter(Settings(select=["ALL"]), Plugins(manager))
    assert len([c for c in linter.rules if c.startswith("GK") and c[2] != "0"]) == 48
    failures = [v for result in linter.plugin_error_results() for v in result.violations]
    assert len(failures) == 3 and {v.code for v in failures} == {"GK003"}
    assert any("gk105_empty_section" in v.message.en and "RuntimeError" in v.message.en for v in failures)
    findings = linter.lint_path(seed("004")).violations
    assert findings and {"GK105", "GK604"}.isdisjoint(v.code for v in findings)
    plain = Linter(Settings(select=["ALL"])).lint_path(seed("004")).violations
    assert [v for v in plain if v.code not in ("GK105", "GK604")] == findings


def test_a_module_named_for_another_code_is_reported(tmp_path, monkeypatch):
    package = tmp_path / "gklint_misnamed_pack"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    source = Path(gklint_rules.__file__).parent / "gk108_overview_aspects.py"
    shutil.copy(source, package / "gk109_overview_aspects.py")
    monkeypatch.syspath_prepend(str(tmp_path))
    try:
        loaded = load_rule_modules("gklint_misnamed_pack")
    finally:
        for name in [m for m in sys.modules if m.startswith("gklint_misnamed_pack")]:
            del sys.modules[name]
    errors = [e.error for e in loaded if isinstance(e, RuleModuleError)]
    assert errors == ["named for GK109 but declares GK108"]


# -- the public API ----------------------------------------------------------------------------
def test_the_api_exports_what_it_lists():
    assert all(hasattr(api, name) for name in api.__all__)
    assert {
        "rule",
        "Finding",
        "Fix",
        "Edit",
        "Message",
        "Severity",
        "FixAvailability",
        "Applicability",
        "hookimpl",
        "Report",
        "Table",
        "Period",
    } <= set(api.__all__)


def test_builtin_rules_import_the_contract_from_the_api():
    folder = Path(gklint_rules.__file__).parent
    for path in folder.glob("gk*.py"):
        text = path.read_text(encoding="utf-8")
        assert "from gklint.api import" in text, path.name
        assert not re.search(r"^from gklint import", text, re.M), path.name
        assert not re.search(r"^from gklint\.core\.(rule|violation|hookspecs) import", text, re.M), path.name
