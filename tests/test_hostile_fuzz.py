"""Fuzzing the whole lint with the fixtures' text made hostile (issue 12): long runs of the
characters the patterns look at, deep nesting and huge numbers inserted anywhere. No exception
escapes, no rule fails (GK003), and each run ends within a budget."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gklint.run.config import Settings
from gklint.run.engine import Linter

from .conftest import FIXTURES, SEEDS

TEXTS = [(FIXTURES / "reports" / "clean-2021.txt").read_text(encoding="utf-8")] + [p.read_text(encoding="utf-8") for p in SEEDS[:3]]
# Characters and pieces the patterns of gklint look at: spaces of every kind, digits, separators,
# brackets, table pipes, suppression comments, the words of the figures and claims.
RUN_UNITS = [
    " ",
    "\u3000",
    "\u00a0",
    "\t",
    "1",
    "０",
    "|",
    "x|",
    "-",
    ".",
    ",",
    "、",
    "，",
    "（",
    "(",
    "%",
    "a0",
    "结转",
    "<!-- gklint: ",
    "公开",
    "其中",
    "@",
    "一",
    "部分",
    "件",
]
BUDGET = 3.0  # seconds a run; the hostile cases took 5 s to minutes, a fixture takes some tens of ms


def _run():
    return st.builds(lambda unit, count: unit * count, st.sampled_from(RUN_UNITS), st.integers(1000, 6000))


def _nesting():
    return st.builds(
        lambda pair, depth: pair[0] * depth + "x" + pair[1] * depth,
        st.sampled_from([("（", "）"), ("(", ")"), ("【", "】"), ("**", "**"), ("> ", "")]),
        st.integers(100, 3000),
    )


def _huge_number():
    return st.builds(
        lambda digits, form: form.format("9" * digits),
        st.integers(4000, 6000),
        st.sampled_from(["{}", "{}.5", "{}件", "{}条", "占比{}%", "\t{}", "共{}个部分"]),
    )


@pytest.fixture(scope="module")
def linter():
    linter = Linter(Settings(select=["ALL"]))
    linter.lint_bytes(TEXTS[0].encode(), Path("warm-up.txt"))
    return linter


@pytest.mark.slow
@settings(
    max_examples=24, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(
    text_index=st.integers(0, len(TEXTS) - 1),
    where=st.floats(0, 1),
    insertion=st.one_of(_run(), _nesting(), _huge_number()),
    suffix=st.sampled_from([".txt", ".md"]),
)
def test_hostile_insertions_end_in_findings(linter, text_index, where, insertion, suffix):
    text = TEXTS[text_index]
    at = int(where * len(text))
    hostile = text[:at] + insertion + text[at:]
    started = time.perf_counter()
    result = linter.lint_bytes(hostile.encode("utf-8"), Path("report" + suffix))
    elapsed = time.perf_counter() - started
    assert elapsed < BUDGET, f"{elapsed:.1f} s for {insertion[:20]!r}×{len(insertion)} at {at}"
    failed = [v.message.en for v in result.violations if v.code in ("GK001", "GK003")]
    assert not failed, failed


def _html_insertion():
    nested = st.builds(
        lambda tag, depth: f"<{tag}>" * depth + "x" + f"</{tag}>" * depth,
        st.sampled_from(["div", "span", "p", "td", "li"]),
        st.integers(500, 20000),
    )
    unclosed = st.builds(
        lambda unit, count: unit * count, st.sampled_from(["<!--", "<a ", '<a b="', "</x", "<", "&", "<div>"]), st.integers(1000, 20000)
    )
    spans = st.builds(
        lambda rows, cells: "<table>" + ("<tr>" + '<td colspan="1000" rowspan="1000">1</td>' * cells + "</tr>") * rows + "</table>",
        st.integers(1, 60),
        st.integers(1, 30),
    )
    return st.one_of(nested, unclosed, spans)


@pytest.mark.slow
@settings(
    max_examples=12, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(text_index=st.integers(0, len(TEXTS) - 1), where=st.floats(0, 1), insertion=_html_insertion())
def test_hostile_html_ends_in_findings(linter, text_index, where, insertion):
    paragraphs = [f"<p>{line}</p>" for line in TEXTS[text_index].split("\n")]
    at = int(where * len(paragraphs))
    page = "<html><body>" + "\n".join(paragraphs[:at] + [insertion] + paragraphs[at:]) + "</body></html>"
    started = time.perf_counter()
    result = linter.lint_bytes(page.encode("utf-8"), Path("report.html"))
    assert time.perf_counter() - started < BUDGET
    failed = [v.message.en for v in result.violations if v.code in ("GK001", "GK003")]
    assert not failed, failed
