"""Numbers past any real count (issue 12): findings, never tracebacks. A run of 4,301 digits or more
is refused by int(), a 5,000-digit decimal overflows float() to inf."""

from __future__ import annotations

from pathlib import Path

import pytest

from gklint.facts.table_values import NUM, WORD, parse_number, tokenize
from gklint.model.report import Line
from gklint.run.config import Settings
from gklint.run.engine import Linter

from .conftest import FIXTURES

CLEAN = (FIXTURES / "reports" / "clean-2021.txt").read_text(encoding="utf-8")
HUGE = "9" * 5000


@pytest.fixture(scope="module")
def linter():
    return Linter(Settings(select=["ALL"]))


def _lint(linter, text: str) -> list:
    result = linter.lint_bytes(text.encode("utf-8"), Path("report.txt"))
    assert not [v for v in result.violations if v.code in ("GK001", "GK003")]
    return result.violations


def _bad_value_on(violations, row: str) -> list:
    return [v for v in violations if v.code == "GK305" and f"「{row}」" in v.message.zh]


def test_table_cell_of_5000_digits(linter):
    # was: ValueError (int conversion limit) out of the table reader, the whole run aborted
    violations = _lint(linter, CLEAN.replace("行政许可 350", f"行政许可 {HUGE}"))
    assert _bad_value_on(violations, "行政许可")


def test_table_cell_of_5000_digit_decimal(linter):
    # was: float() → inf, then GK305 failed as GK003 (OverflowError converting inf)
    violations = _lint(linter, CLEAN.replace("行政许可 350", f"行政许可 {HUGE}.5"))
    assert _bad_value_on(violations, "行政许可")


def test_count_of_5000_digits_in_the_text(linter):
    # was: GK501–GK504 and GK305 failed as GK003 (int() of the claim's count)
    lines = CLEAN.split("\n")
    paragraph = f"全年共收到政府信息公开申请{HUGE}件，其中予以公开{HUGE}件，行政复议{HUGE}件，制发规范性文件{HUGE}件。"
    _lint(linter, "\n".join(lines[:4] + [paragraph] + lines[4:]))


def test_figure_of_5000_digits_is_no_count(linter):
    lines = CLEAN.split("\n")
    paragraph = f"全年主动公开政府信息{HUGE}条，其中门户网站公开{HUGE}条，政务微信公开{HUGE}.5条，占比{HUGE}%。"
    _lint(linter, "\n".join(lines[:4] + [paragraph] + lines[4:]))


def test_parse_number_refuses_what_no_report_holds():
    assert parse_number("1" * 30) == (int("1" * 30), "", 30)
    assert parse_number(HUGE) is None
    assert parse_number(HUGE + ".5") is None
    tokens = tokenize([Line(1, 0, 5001, "\t" + HUGE)], set())
    assert [(t.type, t.raw) for t in tokens] == [(WORD, HUGE)]
    assert tokenize([Line(1, 0, 4, "\t125")], set())[0].type == NUM
