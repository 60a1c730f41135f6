"""A baseline: findings recorded once (`--update-baseline`) and hidden afterwards (`--baseline FILE`).

For adopting gklint on an archive of published reports: the old findings are accepted, only new ones
are reported, and the reports themselves are not touched.

A finding's fingerprint is its code, the text of its line(s) and the text it marks, with all white
space removed, plus an occurrence index among findings with the same code and text in the file. Line
numbers are not part of it, so a finding survives lines added or removed above it; it is "new" once
the text it is about changes. Paths are stored relative to the baseline file's folder.

The file is JSON:

    {"version": 1, "tool": "gklint", "files": {"reports/2020.txt": [
        {"code": "GK304", "fingerprint": "3f2a…", "line": 57, "message": "…"}, …]}}

`line` and `message` are for people reading the file; matching uses `code` and `fingerprint`.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from gklint.core.text import SPACES_RE
from gklint.core.violation import Violation

if TYPE_CHECKING:
    from gklint.run.engine import FileResult

VERSION = 1
_CONTEXT_LIMIT = 2000  # characters of context hashed (a finding over a whole table)


class BaselineError(Exception):
    """The baseline file cannot be read (exit 2)."""


def _squash(text: str) -> str:
    return SPACES_RE.sub("", text).replace("\r", "").replace("\n", "")


def _context(violation: Violation, text: str | None) -> str:
    if not text:
        return ""
    line_start = text.rfind("\n", 0, violation.start) + 1
    line_end = text.find("\n", max(violation.end, violation.start))
    if line_end < 0:
        line_end = len(text)
    lines = text[line_start:line_end][:_CONTEXT_LIMIT]
    snippet = text[violation.start : violation.end][:_CONTEXT_LIMIT]
    return _squash(lines) + "\0" + _squash(snippet)


def fingerprints(violations: Iterable[Violation], text: str | None) -> list[str]:
    """One fingerprint per violation, in order."""
    seen: Counter = Counter()
    result = []
    for violation in violations:
        key = violation.code + "\0" + _context(violation, text)
        index = seen[key]
        seen[key] += 1
        result.append(hashlib.sha1(f"{key}\0{index}".encode()).hexdigest()[:20])
    return result


def _text_of(result: FileResult) -> str | None:
    return result.source.text if result.source is not None else None


@dataclass
class Baseline:
    path: Path
    files: dict[str, set[tuple[str, str]]] = field(default_factory=dict)

    @property
    def folder(self) -> Path:
        return self.path.resolve().parent

    def key(self, display: str) -> str:
        """The path as stored: relative to the baseline's folder, with forward slashes."""
        target = Path(display)
        if display.startswith("plugin:"):
            return display
        try:
            return Path(os.path.relpath(target.resolve(), self.folder)).as_posix()
        except ValueError:  # another drive on Windows
            return target.resolve().as_posix()

    def filter(self, result: FileResult) -> int:
        """Drop the result's recorded findings; returns how many were hidden."""
        recorded = self.files.get(self.key(result.path))
        if not recorded or not result.violations:
            return 0
        prints = fingerprints(result.violations, _text_of(result))
        kept = [v for v, fp in zip(result.violations, prints) if (v.code, fp) not in recorded]
        hidden = len(result.violations) - len(kept)
        result.violations = kept
        return hidden

    def keep(self, result: FileResult, violations: list[Violation], text: str | None) -> list[Violation]:
        """The violations (of `text`, a version of the result's file) not recorded in the baseline."""
        recorded = self.files.get(self.key(result.path))
        if not recorded:
            return violations
        prints = fingerprints(violations, text)
        return [v for v, fp in zip(violations, prints) if (v.code, fp) not in recorded]


def load(path: Path) -> Baseline:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BaselineError(f"{path}: no such baseline file (create it with --update-baseline)") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BaselineError(f"{path}: cannot read the baseline: {error}") from None
    except RecursionError:  # nested deeper than any baseline gklint writes (3 levels)
        raise BaselineError(f"{path}: not a gklint baseline (nested too deeply)") from None
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("files"), dict):
        raise BaselineError(f"{path}: not a gklint baseline (version {VERSION})")
    files: dict[str, set[tuple[str, str]]] = {}
    try:
        for name, entries in data["files"].items():
            files[name] = {(entry["code"], entry["fingerprint"]) for entry in entries}
    except (TypeError, KeyError) as error:
        raise BaselineError(f"{path}: malformed entry ({error})") from None
    return Baseline(path, files)


def write(path: Path, results: Iterable[FileResult]) -> int:
    """Record every finding of `results` in `path` (replacing it); returns the number recorded."""
    from gklint.run.writer import write_atomic

    baseline = Baseline(path)
    files: dict[str, list[dict]] = {}
    count = 0
    for result in results:
        if not result.violations:
            continue
        prints = fingerprints(result.violations, _text_of(result))
        entries = files.setdefault(baseline.key(result.path), [])
        for violation, fp in zip(result.violations, prints):
            entries.append({"code": violation.code, "fingerprint": fp, "line": violation.line, "message": violation.message.zh})
            count += 1
    data = {"version": VERSION, "tool": "gklint", "files": dict(sorted(files.items()))}
    path.parent.mkdir(parents=True, exist_ok=True)
    # force: --update-baseline asks for exactly this write, read-only or not.
    write_atomic(path, (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8"), force=True)
    return count
