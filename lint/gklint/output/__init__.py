"""More output formats, registered through the `gklint_formatters` hook by the core plugin:

- `sarif`: SARIF 2.1.0 (GitHub code scanning), rule metadata and fixes;
- `github`: GitHub Actions workflow annotations (the default when GITHUB_ACTIONS is set);
- `junit`: JUnit XML, one test suite a file;
- `json-lines`: one JSON object a finding, a line each;
- `full`: each finding with its source line, a caret under it (CJK wide characters count two
  columns) and the suggested fix;
- `csv`: one row a finding (file, body, year, line, column, page, code, severity, message, place),
  UTF-8 with a BOM for Excel and WPS;
- `html`: a self-contained review page (overview, tables as read, failing cells marked); Jinja2.
"""

from __future__ import annotations

import importlib
import os

_CLASSES = {
    "SarifFormatter": ".sarif",
    "GithubFormatter": ".github",
    "JunitFormatter": ".junit",
    "JsonLinesFormatter": ".jsonlines",
    "FullFormatter": ".full",
    "CsvFormatter": ".csv",
    "HtmlFormatter": ".html",
}


def __getattr__(name: str):
    """The formatter classes, imported on first access (PEP 562)."""
    if name in _CLASSES:
        return getattr(importlib.import_module(_CLASSES[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class _OnFirstUse:
    """A format whose module is imported when it first formats: a run printing text never
    imports the XML, SARIF or caret-line code. Any other attribute comes from the real formatter."""

    def __init__(self, cls: str):
        self._cls = cls
        self._formatter = None

    def _real(self):
        if self._formatter is None:
            self._formatter = __getattr__(self._cls)()
        return self._formatter

    def format(self, results, context) -> str:
        return self._real().format(results, context)

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self._real(), name)


FORMATS = {
    "sarif": _OnFirstUse("SarifFormatter"),
    "github": _OnFirstUse("GithubFormatter"),
    "junit": _OnFirstUse("JunitFormatter"),
    "json-lines": _OnFirstUse("JsonLinesFormatter"),
    "full": _OnFirstUse("FullFormatter"),
    "csv": _OnFirstUse("CsvFormatter"),
    "html": _OnFirstUse("HtmlFormatter"),
}


def default_format(environ=None) -> str:
    """`github` inside GitHub Actions (GITHUB_ACTIONS=true), else `text`."""
    environ = os.environ if environ is None else environ
    return "github" if environ.get("GITHUB_ACTIONS") == "true" else "text"
