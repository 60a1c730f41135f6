"""The rule reference in docs/ is generated from the rules' own docs and must be current."""

from __future__ import annotations

from pathlib import Path

import pytest

from gklint.output.docs import generated_pages
from gklint.run.plugins import load_plugins

DOCS = Path(__file__).resolve().parents[1] / "docs"
RULES = {code: rule for code, rule in load_plugins().rules().items() if rule.plugin in ("core", "rules")}


def test_generated_reference_is_current():
    stale = [
        relative
        for relative, content in generated_pages(RULES).items()
        if not (DOCS / relative).is_file() or (DOCS / relative).read_text(encoding="utf-8") != content
    ]
    assert not stale, f"regenerate with `python -m gklint.output.docs docs`: {stale}"


def test_no_orphan_rule_pages():
    assert len(RULES) > 50
    for folder in ("rules", "rules/en"):
        pages = {p.stem for p in (DOCS / folder).glob("GK*.md")}
        assert pages == set(RULES), folder


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_docs_have_ruffs_shape(code):
    rule = RULES[code]
    positions = [rule.doc.find(f"## {heading}") for heading in ("What it does", "Why it matters", "Example", "Fix safety")]
    assert all(p >= 0 for p in positions) and positions == sorted(positions), code
    assert rule.name == rule.name.lower() and " " not in rule.name and "_" not in rule.name
    assert rule.summary and rule.summary_en


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_docs_have_a_chinese_half_of_the_same_shape(code):
    from gklint.core.rule import DOC_SECTIONS_ZH

    doc_zh, doc_en = RULES[code].doc_zh, RULES[code].doc_en
    positions = [doc_zh.find(f"## {heading}") for heading in DOC_SECTIONS_ZH]
    assert positions[0] == 0 and positions == sorted(positions), code
    assert "## What it does" not in doc_zh and "## 做什么" not in doc_en
    # Mostly Chinese: a machine left-over of English prose would show here.
    han = sum("\u4e00" <= ch <= "\u9fff" for ch in doc_zh)
    assert han > len(doc_zh) / 4, code


def test_rule_command_prints_chinese_by_default_and_english_with_lang_en(capsys):
    from gklint.cli import main

    assert main(["rule", "GK311"]) == 0
    zh = capsys.readouterr().out
    assert "## 做什么" in zh and "## What it does" not in zh and "级别" in zh
    assert main(["rule", "GK311", "--lang", "en"]) == 0
    en = capsys.readouterr().out
    assert "## What it does" in en and "## 做什么" not in en
    assert main(["rule", "--lang=en", "applications-balance"]) == 0
    assert "## What it does" in capsys.readouterr().out


def test_a_plugin_rule_without_chinese_shows_its_english_doc():
    from gklint.core.rule import Rule
    from gklint.core.violation import Severity

    plain = Rule("XY1", "x", Severity.ERROR, "-", "摘要", "summary", lambda r, o: (), {}, "## What it does\nThings.")
    assert plain.documentation("zh") == plain.documentation("en") == "## What it does\nThings."


def _long_flags(parser) -> set[str]:
    return {
        max(action.option_strings, key=len)
        for action in parser._actions
        if action.option_strings and action.option_strings != ["-h", "--help"]
    }


def test_docs_mention_every_command_line_flag():
    """Every flag of `gklint --help` and `gklint init --help` is documented (README or docs/),
    and docs/configuration.md lists every `gklint` flag: a new flag needs its line there."""
    from gklint.cli_args import build_parser
    from gklint.init import build_parser as init_parser

    readme = (DOCS.parent / "README.md").read_text(encoding="utf-8")
    docs = {path.name: path.read_text(encoding="utf-8") for path in DOCS.glob("*.md")}
    everything = readme + "".join(docs.values())
    flags = _long_flags(build_parser())
    assert {"--jobs", "--select", "--fix", "--since"} <= flags
    assert not [f for f in sorted(flags | _long_flags(init_parser())) if f"`{f}" not in everything]
    assert not [f for f in sorted(flags) if f"`{f}" not in docs["configuration.md"]]
    assert not [f for f in sorted(_long_flags(init_parser())) if f"`{f}" not in docs["pre-commit.md"]]


def test_configuration_page_lists_every_key_and_builtin_rule_option():
    import re

    from gklint.run import config

    page = (DOCS / "configuration.md").read_text(encoding="utf-8")
    keys = set(
        re.findall(r"known: ([^)]*)\)", Path(config.__file__).read_text(encoding="utf-8").replace('"\n                    "', ""))[0].split(
            ", "
        )
    )
    assert {"select", "per-file-ignores", "rules"} <= keys
    assert not [key for key in sorted(keys) if f"`{key}" not in page]
    missing = [f"{code}.{name}" for code, rule in RULES.items() for name in rule.options if f"`{name}`" not in page or code not in page]
    assert not missing, f"document these rule options in docs/configuration.md: {missing}"


def test_an_empty_chinese_example_shows_the_english_one():
    from gklint.core.rule import Rule
    from gklint.core.violation import Severity

    doc = (
        "## What it does\nChecks.\n\n## Why it matters\nIt does.\n\n## Example\n```\n一、总体情况\n```\n\n## Fix safety\nNone.\n\n"
        "## 做什么\n检查。\n\n## 为什么重要\n重要。\n\n## 示例\n\n## 修复安全性\n不修复。"
    )
    rule = Rule("XY001", "x", Severity.WARNING, "H", "s", "s", check=lambda r, o: (), doc=doc)
    assert "## 示例\n```\n一、总体情况\n```\n\n## 修复安全性\n不修复。" in rule.doc_zh
    assert rule.doc_en.endswith("## Fix safety\nNone.")
    written = Rule(
        "XY002", "x", Severity.WARNING, "H", "s", "s", check=lambda r, o: (), doc=doc.replace("## 示例\n", "## 示例\n```\n二、\n```\n")
    )
    assert "```\n二、\n```" in written.doc_zh and "一、总体情况" not in written.doc_zh
