"""Hostile input of a few KB (issue 12): each case once took seconds to minutes (a pattern that
backtracked over a long run) or ended in a traceback. Each test lints the case and asserts it ends
well within a budget that the fixed code misses by two orders of magnitude, with no GK003."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from gklint.run.config import Settings
from gklint.run.engine import Linter

from .conftest import FIXTURES

CLEAN = (FIXTURES / "reports" / "clean-2021.txt").read_text(encoding="utf-8")
LINES = CLEAN.split("\n")
# Every case took 5 s or more before its fix; fixed, each takes some tens of milliseconds.
BUDGET = 2.0


@pytest.fixture(scope="module")
def linter():
    linter = Linter(Settings(select=["ALL"]))
    linter.lint_bytes(CLEAN.encode(), Path("warm-up.txt"))  # imports and caches outside the budget
    return linter


def _after_line(number: int, paragraph: str) -> str:
    """The clean report with `paragraph` inserted after its line `number`."""
    return "\n".join(LINES[:number] + [paragraph] + LINES[number:])


def _lint_within_budget(linter, text: str, name: str = "report.txt") -> list:
    started = time.perf_counter()
    result = linter.lint_bytes(text.encode("utf-8"), Path(name))
    elapsed = time.perf_counter() - started
    assert elapsed < BUDGET, f"{elapsed:.1f} s"
    crashed = [v for v in result.violations if v.code in ("GK001", "GK003")]
    assert not crashed, [v.message.en for v in crashed]
    return result.violations


def test_figures_quantity_before_ideographic_spaces(linter):
    # cubic: three runs of spaces around the optional 万 and 余 (24.7 s at 2,000 spaces)
    _lint_within_budget(linter, _after_line(4, "全年主动公开政府信息1200条，其中门户网站公开1" + "\u3000" * 2000 + "。"))


def test_first_item_after_no_break_spaces(linter):
    # quadratic: two runs of spaces around the optional bracket of 1. / （1） (12 s at 32k)
    _lint_within_budget(linter, _after_line(4, "\u00a0" * 32000 + "x"))


def test_table_line_of_pipes(linter):
    # quadratic: the separator-row pattern, a pipe inside and after a run (35 s)
    _lint_within_budget(linter, _after_line(20, "|" * 80000 + "x|"))


def test_unclosed_suppression_comments(linter):
    # quadratic: a lazy `.*?-->` from every unclosed opening to the end (27 s)
    _lint_within_budget(linter, CLEAN + "\n" + "<!-- gklint: " * 20000 + "\n", "report.md")


def test_spaces_in_suppression_comment(linter):
    # quadratic: the codes' lazy run against the trailing spaces' run (40 s)
    violations = _lint_within_budget(linter, CLEAN + "\n<!-- gklint: disable=GK304" + " " * 100000 + "x -->\n", "report.md")
    assert [v.code for v in violations if v.code == "GK004"] == ["GK004"]


def test_digits_after_last_section(linter):
    # quadratic: GK605's file-name pattern tried from every digit (7.5 s at 40,000)
    _lint_within_budget(linter, CLEAN + "\n" + "1" * 40000 + "\n")


def test_email_after_long_run(linter):
    # quadratic: the e-mail pattern's local part tried from every character of the run (8 s)
    violations = _lint_within_budget(linter, _after_line(2, "电子邮箱：" + "0a" * 20000 + "，lhjtj@163.com。"))
    assert not [v for v in violations if v.code == "GK213"]


def test_carried_over_repeated(linter):
    # quadratic: 「（含…结转M件）」 retried from every 结转 to the end (5 s)
    _lint_within_budget(linter, _after_line(4, "全年共收到政府信息公开申请12件（含" + "结转" * 20000 + "。"))


def test_preamble_parts_list_with_long_number(linter):
    # quadratic: GK107's filler pattern from every digit of a 40,000-digit item (10 s)
    parts = "、".join(
        ["总体情况", "1" * 40000, "主动公开政府信息情况", "收到和处理政府信息公开申请情况", "政府信息公开行政复议和行政诉讼情况"]
    )
    text = "\n".join(LINES[:1] + [f"本报告由{parts}、存在的主要问题及改进情况组成。"] + LINES[2:])
    violations = _lint_within_budget(linter, text)
    assert [v.code for v in violations if v.code == "GK107"] == ["GK107"]
