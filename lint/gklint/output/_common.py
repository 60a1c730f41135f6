"""Helpers shared by the output formats: display width, places in converted files, rule metadata."""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING, Any

from gklint.output.formatters import place

if TYPE_CHECKING:
    from gklint.core.violation import Violation
    from gklint.run.engine import FileResult

TAB = "    "  # a tab is shown as four spaces (a caret line cannot know the terminal's tab stops)


def char_width(char: str) -> int:
    """Columns a character takes in a terminal: East Asian Wide/Fullwidth 2, combining/format 0, else 1."""
    if char == "\t":
        return len(TAB)
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return 2
    return 1


def display_width(text: str) -> int:
    return sum(char_width(c) for c in text)


def where(result: FileResult, violation: Violation, lang: str) -> str | None:
    """A place a user can find in the original of a converted file ("表 2 第 3 行第 4 格"), or None."""
    return place(result, violation, lang)


def rules_for(context: Any) -> dict:
    """The rules of the run: from the context when the CLI passes them, else the installed plugins'."""
    rules = getattr(context, "rules", None)
    if rules:
        return dict(rules)
    from gklint.run.plugins import load_plugins

    return load_plugins().rules()


_XML_BAD = dict.fromkeys(c for c in range(32) if c not in (9, 10, 13))


def xml_text(text: str) -> str:
    """Drop the control characters XML 1.0 cannot hold (PDF text has form feeds)."""
    return text.translate(_XML_BAD)
