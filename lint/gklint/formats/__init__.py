"""More output formats, registered through the `gklint_formatters` hook by the core plugin:

- `sarif`: SARIF 2.1.0 (GitHub code scanning), rule metadata and fixes;
- `github`: GitHub Actions workflow annotations (the default when GITHUB_ACTIONS is set);
- `junit`: JUnit XML, one test suite a file;
- `json-lines`: one JSON object a finding, a line each;
- `full`: each finding with its source line, a caret under it (CJK wide characters count two
  columns) and the suggested fix.
"""

from __future__ import annotations

import os

from .full import FullFormatter
from .github import GithubFormatter
from .jsonlines import JsonLinesFormatter
from .junit import JunitFormatter
from .sarif import SarifFormatter

FORMATS = {
    "sarif": SarifFormatter(),
    "github": GithubFormatter(),
    "junit": JunitFormatter(),
    "json-lines": JsonLinesFormatter(),
    "full": FullFormatter(),
}


def default_format(environ=None) -> str:
    """`github` inside GitHub Actions (GITHUB_ACTIONS=true), else `text`."""
    environ = os.environ if environ is None else environ
    return "github" if environ.get("GITHUB_ACTIONS") == "true" else "text"
