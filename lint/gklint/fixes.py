"""Applying fixes: offset-based edits, overlapping fixes resolved deterministically, repeated
passes until the text is stable.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

from .violation import Applicability, Violation

MAX_PASSES = 10


def applicable(violation: Violation, unsafe: bool) -> bool:
    fix = violation.fix
    return fix is not None and (fix.applicability is Applicability.SAFE or unsafe)


def apply_once(text: str, violations: Iterable[Violation], unsafe: bool = False) -> tuple[str, list[Violation]]:
    """Apply every applicable fix that does not overlap one already taken.

    Fixes are taken in order of their first edit (then code), so the result does not depend
    on rule order; a fix's edits are all-or-nothing.
    """
    candidates = sorted(
        (v for v in violations if applicable(v, unsafe)),
        key=lambda v: (min(e.start for e in v.fix.edits), v.code, v.line, v.column),
    )
    taken: list[tuple[int, int]] = []
    edits = []
    applied: list[Violation] = []
    for violation in candidates:
        spans = [(e.start, e.end) for e in violation.fix.edits]
        if any(_overlaps(span, other) for span in spans for other in taken):
            continue
        taken.extend(spans)
        edits.extend(violation.fix.edits)
        applied.append(violation)
    for edit in sorted(edits, key=lambda e: (e.start, e.end), reverse=True):
        text = text[: edit.start] + edit.replacement + text[edit.end :]
    return text, applied


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    # Two insertions at one point conflict too; touching ranges do not.
    if a[0] == a[1] == b[0] == b[1]:
        return True
    return a[0] < b[1] and b[0] < a[1]


@dataclass
class FixOutcome:
    text: str
    applied: list[Violation]
    passes: int
    stable: bool


def fix_until_stable(
    text: str, lint: Callable[[str], list[Violation]], unsafe: bool = False, max_passes: int = MAX_PASSES
) -> FixOutcome:
    """Lint, fix, re-lint… until nothing more applies. `stable` is False if the bound was hit."""
    applied_all: list[Violation] = []
    for passes in range(1, max_passes + 1):
        new_text, applied = apply_once(text, lint(text), unsafe)
        if not applied or new_text == text:
            return FixOutcome(text, applied_all, passes, True)
        applied_all.extend(applied)
        text = new_text
    return FixOutcome(text, applied_all, max_passes, False)
