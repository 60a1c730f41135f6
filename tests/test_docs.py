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
