"""What rules produce (Finding) and what the engine reports (Violation). Fixes are offset-based edits."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Severity(str, Enum):
    ERROR = "E"
    WARNING = "W"
    INFO = "I"

    @property
    def label(self) -> str:
        return {"E": "error", "W": "warning", "I": "info"}[self.value]


class Applicability(str, Enum):
    SAFE = "safe"  # meaning kept: applied by --fix
    UNSAFE = "unsafe"  # applied only with --unsafe-fixes


@dataclass(frozen=True)
class Message:
    zh: str
    en: str

    def __init__(self, zh: str, en: str) -> None:
        # Written directly: frozen dataclass setattr is slow, and a lint makes many (same fields, same checks).
        fields = self.__dict__
        fields["zh"] = zh
        fields["en"] = en

    def text(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


@dataclass(frozen=True)
class Edit:
    """Replace text[start:end] (code-point offsets) with `replacement`."""

    start: int
    end: int
    replacement: str

    def __init__(self, start: int, end: int, replacement: str) -> None:
        fields = self.__dict__  # written directly, as in Message
        fields["start"] = start
        fields["end"] = end
        fields["replacement"] = replacement


@dataclass(frozen=True)
class Fix:
    edits: tuple[Edit, ...]
    applicability: Applicability = Applicability.SAFE
    description: Message | None = None

    def __init__(self, edits: tuple[Edit, ...], applicability: Applicability = Applicability.SAFE, description: Message | None = None) -> None:
        fields = self.__dict__  # written directly, as in Message
        fields["edits"] = edits
        fields["applicability"] = applicability
        fields["description"] = description

    @classmethod
    def safe(cls, *edits: Edit, description: Message | None = None) -> "Fix":
        return cls(tuple(edits), Applicability.SAFE, description)

    @classmethod
    def unsafe(cls, *edits: Edit, description: Message | None = None) -> "Fix":
        return cls(tuple(edits), Applicability.UNSAFE, description)


@dataclass(frozen=True)
class Finding:
    """A rule's report of one problem: where (offsets) and what (both languages)."""

    start: int
    end: int
    zh: str
    en: str
    fix: Fix | None = None

    def __init__(self, start: int, end: int, zh: str, en: str, fix: Fix | None = None) -> None:
        fields = self.__dict__  # written directly, as in Message
        fields["start"] = start
        fields["end"] = end
        fields["zh"] = zh
        fields["en"] = en
        fields["fix"] = fix

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

    def __init__(
        self,
        path: str,
        code: str,
        name: str,
        severity: Severity,
        line: int,
        column: int,
        end_line: int,
        end_column: int,
        message: Message,
        fix: Fix | None = None,
        start: int = 0,
        end: int = 0,
        plugin: str = "",
    ) -> None:
        fields = self.__dict__  # written directly, as in Message
        fields["path"] = path
        fields["code"] = code
        fields["name"] = name
        fields["severity"] = severity
        fields["line"] = line
        fields["column"] = column
        fields["end_line"] = end_line
        fields["end_column"] = end_column
        fields["message"] = message
        fields["fix"] = fix
        fields["start"] = start
        fields["end"] = end
        fields["plugin"] = plugin

    @property
    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.code)
