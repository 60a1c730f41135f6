"""A rule: code, kebab-case name, severity, fix kind, options with defaults, docs, and a pure check.

Rules are plain functions decorated with `@rule(...)`:

    @rule("GK101", "missing-section", Severity.ERROR, fix="U")
    def check(report, options):
        '''## What it does ...'''
        yield Finding(start, end, zh="…", en="…")

The docstring is the rule's documentation in ruff's shape: ## What it does,
## Why it matters, ## Example, ## Fix safety; then the same in Chinese: ## 做什么,
## 为什么重要, ## 示例, ## 修复安全性 (one docstring keeps both next to the code they
describe). `gklint rule GK101` prints the Chinese half, `--lang en` the English one; a rule
without a Chinese half shows its English documentation in both. A `## 示例` left empty shows the
English example (report text is Chinese either way: written once).
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping

from gklint.core.violation import Finding, Severity

DOC_SECTIONS = ("What it does", "Why it matters", "Example", "Fix safety")
DOC_SECTIONS_ZH = ("做什么", "为什么重要", "示例", "修复安全性")
_ZH_START = f"## {DOC_SECTIONS_ZH[0]}"
FIX_KINDS = {"S": "safe", "U": "unsafe", "H": "hint", "-": "none"}


@dataclass(frozen=True)
class Option:
    default: Any
    description: str
    type: type | tuple[type, ...] | None = None

    def validate(self, value: Any) -> bool:
        expected = self.type or type(self.default)
        if expected is float and isinstance(value, int) and not isinstance(value, bool):
            return True
        return isinstance(value, expected)


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    fix: str  # S, U, H or - (the catalogue's fix kind)
    summary: str  # one line, Chinese
    summary_en: str
    check: Callable[[Any, Mapping[str, Any]], Iterable[Finding]] = field(repr=False)
    options: Mapping[str, Option] = field(default_factory=dict)
    doc: str = ""
    plugin: str = ""

    @property
    def doc_en(self) -> str:
        """The English half of the documentation (all of it when there is no Chinese half)."""
        return self.doc.split(_ZH_START, 1)[0].strip()

    @property
    def doc_zh(self) -> str:
        """The Chinese half, from `## 做什么` on; empty when the rule has none. A `## 示例` left
        empty shows the English half's example (the report text is Chinese in both)."""
        start = self.doc.find(_ZH_START)
        if start < 0:
            return ""
        zh = self.doc[start:].strip()
        example = _section(zh, DOC_SECTIONS_ZH[2])
        if example is not None and not example.strip():
            shared = _section(self.doc_en, DOC_SECTIONS[2]) or ""
            heading = f"## {DOC_SECTIONS_ZH[2]}\n"
            at = zh.index(heading) + len(heading)
            zh = zh[:at] + shared.strip("\n") + "\n\n" + zh[at:].lstrip("\n")
        return zh

    def documentation(self, lang: str) -> str:
        """The documentation in `lang` (zh falls back to English for a rule without Chinese)."""
        return (self.doc_zh or self.doc_en) if lang == "zh" else self.doc_en

    def defaults(self) -> dict[str, Any]:
        return {name: option.default for name, option in self.options.items()}


def _section(doc: str, heading: str) -> str | None:
    """The text under `## heading` up to the next `## ` heading; None when there is no such heading."""
    marker = f"## {heading}\n"
    start = doc.find(marker)
    if start < 0:
        return None
    start += len(marker)
    end = doc.find("\n## ", start)
    return doc[start:] if end < 0 else doc[start : end + 1]


def rule(
    code: str,
    name: str,
    severity: Severity,
    *,
    fix: str = "-",
    summary: str,
    summary_en: str,
    options: Mapping[str, Option] | None = None,
) -> Callable[[Callable], Rule]:
    if fix not in FIX_KINDS:
        raise ValueError(f"{code}: fix kind must be one of {sorted(FIX_KINDS)}")

    def decorate(function: Callable) -> Rule:
        return Rule(
            code=code,
            name=name,
            severity=severity,
            fix=fix,
            summary=summary,
            summary_en=summary_en,
            check=function,
            options=dict(options or {}),
            doc=inspect.cleandoc(function.__doc__ or ""),
        )

    return decorate
