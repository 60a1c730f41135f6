"""`--since REV`: the files and lines changed since a git revision (`git diff -U0`, read with unidiff).

Compares REV with the working tree (staged and unstaged changes); files git does not track yet
(and does not ignore) count as wholly changed. A finding is kept when one of its lines was added or
changed, or when it is document-level: an engine code (GK001–GK003), a zero-width finding, or one
hung on the report's anchor (`period.report_anchor`: the title, else the first section heading),
where rules put findings about the whole report (no statistics period, no contact details). Where
lines were only deleted, the lines on either side of the deletion count as changed.
"""

from __future__ import annotations

import io
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from gklint.core.violation import Violation

if TYPE_CHECKING:
    from gklint.model.report import Report

ENGINE_CODES = ("GK001", "GK002", "GK003")


class GitError(Exception):
    """git is missing, this is not a repository, or REV is unknown (exit 2)."""


@dataclass
class Changes:
    """Per changed file (resolved path): the changed line numbers, or None for a wholly new file."""

    files: dict[Path, set[int] | None] = field(default_factory=dict)

    def lines_for(self, path: Path) -> set[int] | None | bool:
        """None: all lines; a set: those lines; False: the file did not change."""
        resolved = path.resolve()
        if resolved not in self.files:
            return False
        return self.files[resolved]

    def keep(self, path: Path, violations: list[Violation], report: Report | None = None) -> list[Violation]:
        lines = self.lines_for(path)
        if lines is None:
            return violations
        if lines is False:
            return []
        anchor = _anchor(report)
        return [v for v in violations if is_document_level(v, anchor) or any(n in lines for n in range(v.line, v.end_line + 1))]


def _anchor(report: Report | None) -> tuple[int, int] | None:
    if report is None or not report.sections:
        return None
    from gklint.facts.period import report_anchor

    return report_anchor(report)


def is_document_level(violation: Violation, anchor: tuple[int, int] | None = None) -> bool:
    return violation.code in ENGINE_CODES or violation.start == violation.end or (violation.start, violation.end) == anchor


def _git(args: list[str], cwd: Path) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True)
    except FileNotFoundError:
        raise GitError("git is not installed") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(message[0] if message else f"git {' '.join(args)} failed")
    return done.stdout


def changed_since(rev: str, paths: Iterable[Path], cwd: Path | None = None) -> Changes:
    """The changes from `rev` to the working tree under `paths` (default: the current folder)."""
    from unidiff import PatchSet

    cwd = cwd or Path.cwd()
    root = Path(_git(["rev-parse", "--show-toplevel"], cwd).decode("utf-8").strip())
    _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], cwd)
    specs = [str(p) for p in paths] or ["."]
    raw = _git(
        ["-c", "core.quotepath=off", "diff", "-U0", "--no-color", "--no-ext-diff", "-M", "--text", rev, "--", *specs],
        cwd,
    )
    changes = Changes()
    # Only line numbers matter: bytes that are not UTF-8 (a GB18030 report) are replaced, not fatal.
    for patched in PatchSet(io.StringIO(raw.decode("utf-8", "replace"))):
        if patched.is_removed_file:
            continue
        target = (root / patched.path).resolve()
        if patched.is_added_file:
            changes.files[target] = None
            continue
        lines: set[int] = set()
        for hunk in patched:
            if hunk.target_length:
                lines.update(range(hunk.target_start, hunk.target_start + hunk.target_length))
            else:  # a pure deletion after line target_start
                lines.update((hunk.target_start, hunk.target_start + 1))
        changes.files[target] = lines
    untracked = _git(["-c", "core.quotepath=off", "ls-files", "-z", "--others", "--exclude-standard", "--", *specs], cwd)
    for name in untracked.decode("utf-8", "surrogateescape").split("\0"):
        if name:
            changes.files[(cwd / name).resolve()] = None
    return changes
