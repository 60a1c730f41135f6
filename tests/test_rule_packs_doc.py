"""docs/rule-packs.md's worked example, run: its files written to a folder, the pack registered
(an entry point added to what gklint reads), its YAML cases run by its own test file, its rule
page generated, and the documented output compared with gklint's."""

from __future__ import annotations

import importlib
import re
import sys
from pathlib import Path

import pytest

from gklint.run import plugins

DOC = Path(__file__).resolve().parents[1] / "docs" / "rule-packs.md"
TEXT = DOC.read_text(encoding="utf-8")
# "`path`: …" on a line, then a fenced block: that file's content.
FILES = dict(re.findall(r"^`([^`\s]+)`:(?:[^\n]*\n)+?\n(?:````|```)[a-z]*\n(.*?)\n(?:````|```)\n", TEXT, re.M | re.S))
REPORT = re.search(r"On this `report\.txt`:\n\n```text\n(.*?)```\n", TEXT, re.S).group(1)
CONSOLE = re.findall(r"```console\n\$ (.*?)\n(.*?)```\n", TEXT, re.S)


@pytest.fixture
def pack(tmp_path, monkeypatch):
    for relative, content in FILES.items():
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content + "\n", encoding="utf-8")
    (tmp_path / "report.txt").write_text(REPORT, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    real = plugins.entry_points
    monkeypatch.setattr(
        plugins, "entry_points", lambda group: [*real(group), plugins.EntryPoint("province", "gklint_province_pack", group, None)]
    )
    monkeypatch.chdir(tmp_path)
    yield tmp_path
    for name in [m for m in sys.modules if m.startswith(("gklint_province_pack", "test_cases"))]:
        del sys.modules[name]


def test_the_example_has_every_file():
    assert set(FILES) == {
        "pyproject.toml",
        "gklint_province_pack/__init__.py",
        "gklint_province_pack/xy101_wechat_account_name.py",
        "tests/rules/XY101.yaml",
        "tests/test_cases.py",
    }
    assert [command.split()[0] for command, _ in CONSOLE] == ["python", "gklint"]


def test_the_pack_loads_and_keeps_its_contract(pack):
    loaded = plugins.load_plugins()
    rules = loaded.rules()
    assert not loaded.errors and rules["XY101"].plugin == "province"
    assert rules["XY101"].fix_kind == "S"


def test_the_packs_yaml_cases_pass_with_its_own_test_file(pack, monkeypatch):
    monkeypatch.syspath_prepend(str(pack / "tests"))
    cases = importlib.import_module("test_cases")
    assert [case["name"] for _, case in cases.CASES] == ["official-name-passes", "wrong-name"]
    for code, case in cases.CASES:
        cases.test_case(code, case)


def test_the_docs_generator_writes_the_packs_pages(pack, capsys):
    from gklint.output.docs import main

    command, output = CONSOLE[0]
    assert command == "python -m gklint.output.docs docs --plugin province"
    assert main(command.split()[3:]) == 0
    assert capsys.readouterr().out == output
    page = (pack / "docs" / "rules" / "XY101.md").read_text(encoding="utf-8")
    assert page.startswith("# XY101 wechat-account-name") and "- 修复: S（Always：安全修复）" in page
    assert "## 示例\n```\n通过政府微信发布信息120条。\n```" in page  # the English example, shared


def test_the_documented_output(pack, capsys):
    from gklint.cli import main

    command, output = CONSOLE[1]
    assert main(command.split()[1:]) == 1
    assert capsys.readouterr().out == output
