"""Which rules run: select / extend-select / ignore / per-file-ignores, with ruff's semantics.

A selector is `ALL`, a code prefix (`GK`, `GK1`, `GK101`) or a rule name (`missing-section`).
For each rule the most specific matching selector decides; on a tie, ignore wins.
Without `select`, the default is every E and W rule; I rules run only when selected.
"""

from __future__ import annotations

import fnmatch
from pathlib import PurePath
from typing import Iterable, Mapping

from gklint.core.rule import Rule
from gklint.core.violation import Severity

ALL = "ALL"


def specificity(selector: str, rule: Rule) -> int | None:
    """How specifically `selector` names `rule` (higher wins), or None if it does not."""
    if selector == ALL:
        return 0
    if selector == rule.name:
        return 100
    if rule.code.startswith(selector.upper()):
        return len(selector)
    return None


def unknown_selectors(selectors: Iterable[str], rules: Mapping[str, Rule]) -> list[str]:
    return [s for s in selectors if not any(specificity(s, r) is not None for r in rules.values())]


def _best(selectors: Iterable[str], rule: Rule) -> int | None:
    scores = [s for s in (specificity(sel, rule) for sel in selectors) if s is not None]
    return max(scores) if scores else None


def select_rules(
    rules: Mapping[str, Rule],
    select: list[str] | None,
    extend_select: list[str],
    ignore: list[str],
) -> set[str]:
    chosen = set()
    for code, rule in rules.items():
        if select is None:
            on = 0 if rule.severity in (Severity.ERROR, Severity.WARNING) else None
            extra = _best(extend_select, rule)
            if extra is not None:
                on = max(on if on is not None else -1, extra)
        else:
            on = _best([*select, *extend_select], rule)
        off = _best(ignore, rule)
        if on is not None and (off is None or on > off):
            chosen.add(code)
    return chosen


def ignored_for_path(path: PurePath, per_file_ignores: Mapping[str, list[str]], base: PurePath | None) -> list[str]:
    """Selectors ignored for `path` by per-file-ignores globs (relative to the config's folder)."""
    if not per_file_ignores:
        return []
    try:
        relative = PurePath(path).relative_to(base) if base else PurePath(path)
    except ValueError:
        relative = PurePath(path)
    candidates = {relative.as_posix(), PurePath(path).as_posix(), PurePath(path).name}
    ignored: list[str] = []
    for pattern, selectors in per_file_ignores.items():
        if any(fnmatch.fnmatch(candidate, pattern) for candidate in candidates):
            ignored.extend(selectors)
    return ignored
