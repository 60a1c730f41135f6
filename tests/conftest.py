"""Shared fixtures: the real seeds and samples, and a linter factory."""

from __future__ import annotations

from pathlib import Path

import pytest

from gklint.config import Settings
from gklint.engine import Linter
from gklint.source import SourceText

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = sorted((FIXTURES / "seeds").glob("*.txt"))
SAMPLES = sorted((FIXTURES / "samples").glob("*.txt"))


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
