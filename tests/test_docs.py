"""The rule reference in docs/ is generated from the rules' own docs and must be current."""

from __future__ import annotations

from pathlib import Path

import pytest

from gklint.docs import generated_pages
from gklint.plugins import load_plugins

DOCS = Path(__file__).resolve().parents[1] / "docs"
RULES = {code: rule for code, rule in load_plugins().rules().items() if rule.plugin in ("core", "rules")}


def test_generated_reference_is_current():
    stale = [
        relative
        for relative, content in generated_pages(RULES).items()
        if not (DOCS / relative).is_file() or (DOCS / relative).read_text(encoding="utf-8") != content
    ]
    assert not stale, f"regenerate with `python -m gklint.docs docs`: {stale}"


def test_no_orphan_rule_pages():
    pages = {p.stem for p in (DOCS / "rules").glob("GK*.md")}
    assert pages <= set(RULES)


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_docs_have_ruffs_shape(code):
    rule = RULES[code]
    positions = [rule.doc.find(f"## {heading}") for heading in ("What it does", "Why it matters", "Example", "Fix safety")]
    assert all(p >= 0 for p in positions) and positions == sorted(positions), code
    assert rule.name == rule.name.lower() and " " not in rule.name and "_" not in rule.name
    assert rule.summary and rule.summary_en


def _long_flags(parser) -> set[str]:
    return {
        max(action.option_strings, key=len)
        for action in parser._actions
        if action.option_strings and action.option_strings != ["-h", "--help"]
    }


def test_docs_mention_every_command_line_flag():
    """Every flag of `gklint --help` and `gklint init --help` is documented (README or docs/),
    and docs/configuration.md lists every `gklint` flag: a new flag needs its line there."""
    from gklint.cli import build_parser
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

    from gklint import config

    page = (DOCS / "configuration.md").read_text(encoding="utf-8")
    keys = set(re.findall(r"known: ([^)]*)\)", Path(config.__file__).read_text(encoding="utf-8").replace('"\n                    "', ""))[0].split(", "))
    assert {"select", "per-file-ignores", "rules"} <= keys
    assert not [key for key in sorted(keys) if f"`{key}" not in page]
    missing = [f"{code}.{name}" for code, rule in RULES.items() for name in rule.options if f"`{name}`" not in page or code not in page]
    assert not missing, f"document these rule options in docs/configuration.md: {missing}"
