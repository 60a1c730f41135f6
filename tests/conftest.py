"""Shared fixtures: the real seeds and samples, and a linter factory."""

from __future__ import annotations

from pathlib import Path

import pytest

from gklint.run.config import Settings
from gklint.run.engine import Linter
from gklint.read.source import SourceText

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = sorted((FIXTURES / "seeds").glob("*.txt"))
# huaian-2024.pdf as other PDF extractors give it (samples/make_extractions.py), checked in
# tests/test_extractor_texts.py; SAMPLES are the distinct real reports.
EXTRACTIONS = [FIXTURES / "samples" / f"huaian-2024-{name}.txt" for name in ("pdfplumber", "pdftotext", "pdftotext-layout")]
SAMPLES = sorted(p for p in (FIXTURES / "samples").glob("*.txt") if p not in EXTRACTIONS)


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
