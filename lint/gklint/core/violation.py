"""What rules produce (Finding) and what the engine reports (Violation). Fixes are offset-based edits."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Iterable


class Severity(str, Enum):
    ERROR = "E"
    WARNING = "W"
    INFO = "I"

    @property
    def label(self) -> str:
        return {"E": "error", "W": "warning", "I": "info"}[self.value]


class Applicability(str, Enum):
    """How far a fix may be trusted (ruff's `Applicability`): each Fix carries one."""

    SAFE = "safe"  # meaning kept: applied by --fix
    UNSAFE = "unsafe"  # applied only with --unsafe-fixes
    DISPLAY_ONLY = "display-only"  # shown (full, json, sarif), never applied

    @property
    def letter(self) -> str:
        """The catalogue's letter: S safe, U unsafe; D display-only (the catalogue has no such fix yet)."""
        return {"safe": "S", "unsafe": "U", "display-only": "D"}[self.value]


class FixAvailability(str, Enum):
    """Whether a rule's findings carry a fix (ruff's `FixAvailability`), declared by the rule and
    checked against every finding it yields (`gklint.core.rule.contract_breach`)."""

    NONE = "None"  # no finding has a fix (a hint in the message at most: the catalogue's H)
    SOMETIMES = "Sometimes"  # some findings have one
    ALWAYS = "Always"  # every finding has one


@dataclass(frozen=True)
class Message:
    zh: str
    en: str

    def text(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


@dataclass(frozen=True)
class Edit:
    """Replace text[start:end] (code-point offsets) with `replacement`."""

    start: int
    end: int
    replacement: str

    @classmethod
    def many(cls, spans: Iterable[tuple[int, int, str]]) -> list[Edit]:
        """Edit(start, end, replacement) for each triple, built without the frozen dataclass's
        per-field `object.__setattr__` (a fix of 10^5 edits: GK601, GK602 on a large report)."""
        new = object.__new__
        made = []
        for start, end, replacement in spans:
            edit = new(cls)
            edit.__dict__.update(start=start, end=end, replacement=replacement)
            made.append(edit)
        return made


@dataclass(frozen=True)
class Fix:
    edits: tuple[Edit, ...]
    applicability: Applicability = Applicability.SAFE
    description: Message | None = None

    @classmethod
    def safe(cls, *edits: Edit, description: Message | None = None) -> Fix:
        return cls(tuple(edits), Applicability.SAFE, description)

    @classmethod
    def unsafe(cls, *edits: Edit, description: Message | None = None) -> Fix:
        return cls(tuple(edits), Applicability.UNSAFE, description)

    @classmethod
    def display_only(cls, *edits: Edit, description: Message | None = None) -> Fix:
        return cls(tuple(edits), Applicability.DISPLAY_ONLY, description)


@dataclass(frozen=True)
class Finding:
    """A rule's report of one problem: where (offsets) and what (both languages)."""

    start: int
    end: int
    zh: str
    en: str
    fix: Fix | None = None

    @property
    def message(self) -> Message:
        return Message(self.zh, self.en)


@dataclass(frozen=True)
class Violation:
    """A finding placed in a file, with its rule's identity."""

    path: str
    code: str
    name: str
    severity: Severity
    line: int
    column: int
    end_line: int
    end_column: int
    message: Message
    fix: Fix | None = None
    start: int = 0
    end: int = 0
    plugin: str = ""
    # Lies in a table whose values were (partly) cut from digits run together (a web page's text):
    # the one reading the rows' totals allow (`gklint.read.digit_runs`). Said in JSON and full.
    recovered: bool = False

    @property
    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.code)
