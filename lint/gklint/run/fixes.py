"""Applying fixes: offset-based edits, overlapping fixes resolved deterministically, repeated
passes until the text is stable.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable

from gklint.core.violation import Applicability, Edit, Violation
from gklint.read.source import SourceText

MAX_PASSES = 10


def applicable(violation: Violation, unsafe: bool) -> bool:
    fix = violation.fix
    if fix is None or fix.applicability is Applicability.DISPLAY_ONLY:  # shown, never applied
        return False
    return fix.applicability is Applicability.SAFE or unsafe


def apply_once(text: str, violations: Iterable[Violation], unsafe: bool = False) -> tuple[str, list[Violation]]:
    """Apply every applicable fix that does not overlap one already taken.

    Fixes are taken in order of their first edit (then code), so the result does not depend
    on rule order; a fix's edits are all-or-nothing.
    """
    candidates = sorted(
        (v for v in violations if applicable(v, unsafe) and _valid(v.fix.edits, len(text))),
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


def _valid(edits: tuple[Edit, ...], length: int) -> bool:
    """A fix a buggy rule could produce (out of range, backwards, self-overlapping) is never applied."""
    if not edits or any(not (0 <= e.start <= e.end <= length) for e in edits):
        return False
    spans = sorted((e.start, e.end) for e in edits)
    return not any(_overlaps(a, b) for a, b in zip(spans, spans[1:]))


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
    # One entry a pass that changed the text: (text before the pass, the edits applied to it).
    history: list[tuple[str, list[Edit]]] = field(default_factory=list)


def fix_until_stable(text: str, lint: Callable[[str], list[Violation]], unsafe: bool = False, max_passes: int = MAX_PASSES) -> FixOutcome:
    """Lint, fix, re-lint… until nothing more applies. `stable` is False if the bound was hit."""
    applied_all: list[Violation] = []
    history: list[tuple[str, list[Edit]]] = []
    for passes in range(1, max_passes + 1):
        new_text, applied = apply_once(text, lint(text), unsafe)
        if not applied or new_text == text:
            return FixOutcome(text, applied_all, passes, True, history)
        applied_all.extend(applied)
        history.append((text, [edit for v in applied for edit in v.fix.edits]))
        text = new_text
    return FixOutcome(text, applied_all, max_passes, False, history)


def _split_lines(text: str) -> list[str]:
    """Lines with their endings, split at "\n" only — as diff and patch see them."""
    lines = text.split("\n")
    out = [line + "\n" for line in lines[:-1]]
    if lines[-1]:
        out.append(lines[-1])
    return out


def unified_diff(display: str, source: SourceText, new_text: str, context: int = 3) -> bytes:
    """The change from `source` to `new_text` as a unified diff in the file's own encoding.

    Line endings stay inside the lines (a CRLF file gives CRLF content lines), a missing final
    newline is marked as diff does, and a BOM is part of the first line, so `patch -p0` reproduces
    the fixed file byte for byte. Empty when nothing changes.
    """
    import difflib

    if new_text == source.text:
        return b""
    bom = "\ufeff" if source.encoding == "utf-8-sig" else ""
    old_lines = _split_lines(bom + source.text)
    new_lines = _split_lines(bom + new_text)
    out = []
    for line in difflib.unified_diff(old_lines, new_lines, display, display, n=context):
        if line.startswith(("---", "+++")):
            line = line.rstrip("\n") + "\n"  # difflib gives these without a newline when lineterm=""
        out.append(line)
        if not line.endswith("\n"):
            out.append("\n\\ No newline at end of file\n")
    encoding = "utf-8" if source.encoding == "utf-8-sig" else source.encoding
    # A file name that is not UTF-8 goes into the headers as its own bytes, as patch needs them.
    return "".join(out).encode(encoding, "surrogateescape")
