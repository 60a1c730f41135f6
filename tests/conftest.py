"""Shared fixtures: the real seeds and samples, and a linter factory."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# The rule contract is strict in the tests: a finding that contradicts its rule's declaration
# (a fix from a rule declaring none, an applicability it does not declare…) is a GK003, not a
# warning (gklint.core.rule.contract_breach). Subprocesses inherit it.
os.environ.setdefault("GKLINT_STRICT_CONTRACT", "1")

from gklint.read.source import SourceText
from gklint.run.config import Settings
from gklint.run.engine import Linter

FIXTURES = Path(__file__).parent / "fixtures"
BUILTIN_RULE_MODULES = sorted((Path(__file__).resolve().parents[1] / "rules" / "gklint_rules").glob("gk[0-9][0-9][0-9]_*.py"))
SEEDS = sorted((FIXTURES / "seeds").glob("*.txt"))
# huaian-2024.pdf as other PDF extractors give it (samples/make_extractions.py), checked in
# tests/test_extractor_texts.py; SAMPLES are the distinct real reports.
EXTRACTIONS = [FIXTURES / "samples" / f"huaian-2024-{name}.txt" for name in ("pdfplumber", "pdftotext", "pdftotext-layout")]
SAMPLES = sorted(p for p in (FIXTURES / "samples").glob("*.txt") if p not in EXTRACTIONS)


@pytest.fixture(scope="session", autouse=True)
def builtin_rules_loaded():
    """Every test runs with the built-in rules loaded: a test that expects no findings must not pass
    because no rule ran (one module without RULE used to leave only the engine's 4 codes)."""
    linter = Linter(Settings())
    builtin = sorted(code for code, rule in linter.rules.items() if rule.plugin == "rules")
    if len(builtin) < 50 or len(builtin) != len(BUILTIN_RULE_MODULES) or linter.plugins.errors:
        pytest.fail(
            f"the built-in rules did not load: {len(builtin)} rules from {len(BUILTIN_RULE_MODULES)} modules "
            f"in rules/gklint_rules; plugin errors: {linter.plugins.errors}",
            pytrace=False,
        )


def seed(prefix: str) -> Path:
    return next(p for p in SEEDS if p.name.startswith(prefix))


def lint_text(text: str, path: str = "report.txt", **settings) -> list:
    linter = Linter(Settings(**settings))
    return linter.lint_source(SourceText(text, "utf-8"), Path(path)).violations


@pytest.fixture(scope="session")
def linter_factory():
    cache: dict = {}

    def make(**settings) -> Linter:
        key = repr(sorted(settings.items()))
        if key not in cache:
            cache[key] = Linter(Settings(**settings))
        return cache[key]

    return make


# -- snapshots (tests/test_snapshots.py) ------------------------------------------------------------
SNAPSHOT_ENV = "GKLINT_SNAPSHOT_UPDATE"


def pytest_addoption(parser):
    parser.addoption(
        "--snapshot-update",
        action="store_true",
        default=False,
        help=f"rewrite the expected output files of tests/snapshots/ from what gklint prints now (or {SNAPSHOT_ENV}=1)",
    )


@pytest.fixture(scope="session")
def snapshot_update(request) -> bool:
    """True with `pytest --snapshot-update` or GKLINT_SNAPSHOT_UPDATE=1: snapshot tests write, not compare."""
    return bool(request.config.getoption("--snapshot-update")) or os.environ.get(SNAPSHOT_ENV, "") not in ("", "0")
