"""Output formats. Each formatter turns the run's results into text; plugins can add more
through the `gklint_formatters` hook.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .violation import Applicability, Violation

if TYPE_CHECKING:
    from .engine import FileResult


@dataclass(frozen=True)
class OutputContext:
    lang: str = "zh"
    color: bool = False
    rules: Any = None  # code → Rule of the run, for formats that describe rules (sarif); None: loaded again


def _location(result: "FileResult", offset: int) -> dict[str, int]:
    if result.report is None:
        return {"line": 1, "column": 1}
    origins = getattr(result.source, "origins", None)
    if getattr(origins, "writes_back", False):  # a flattened page: the edit's place in the file
        line, column = origins.position(offset) if offset < len(result.source.text) else _end_position(origins, offset)
    else:
        line, column = result.report.location(offset)
    return {"line": line, "column": column}


def _end_position(origins, offset: int) -> tuple[int, int]:
    """The place just after the last character (an edit that runs to the end of the text)."""
    line, column = origins.position(offset - 1)
    return line, column + 1


def fix_as_dict(result: "FileResult", violation: Violation, lang: str) -> dict[str, Any] | None:
    fix = violation.fix
    if fix is None:
        return None
    return {
        "applicability": fix.applicability.value,
        "message": fix.description.text(lang) if fix.description else None,
        "edits": [
            {
                "location": _location(result, edit.start),
                "end_location": _location(result, edit.end),
                "content": edit.replacement,
            }
            for edit in fix.edits
        ],
    }


def place(result: "FileResult", violation: Violation, lang: str) -> str | None:
    """For converted inputs (.docx, .pdf): where to look in the original ("表 2 第 3 行第 4 格", "第 3 页第 12 行"); else None."""
    origins = getattr(result.source, "origins", None)
    if origins is None or result.report is None:
        return None
    return origins.describe(violation.start, lang)


def violation_as_dict(result: "FileResult", violation: Violation, lang: str) -> dict[str, Any]:
    item = {
        "path": violation.path,
        "line": violation.line,
        "column": violation.column,
        "end_line": violation.end_line,
        "end_column": violation.end_column,
        "code": violation.code,
        "name": violation.name,
        "severity": violation.severity.label,
        "message": violation.message.text(lang),
        "fix": fix_as_dict(result, violation, lang),
    }
    where = place(result, violation, lang)
    if where:
        item["where"] = where
    if violation.recovered:  # a value cut from digits run together: the one reading that adds up
        item["recovered"] = True
    return item


class JsonFormatter:
    """A JSON array of findings (ruff/flake8-json style)."""

    def format(self, results: list["FileResult"], context: OutputContext) -> str:
        import json

        items = [violation_as_dict(r, v, context.lang) for r in results for v in r.violations]
        return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


def summary(results: list["FileResult"], lang: str) -> str:
    violations = [v for r in results for v in r.violations]
    if not violations:
        return "全部通过！" if lang == "zh" else "All checks passed!"
    by_severity = Counter(v.severity.value for v in violations)
    safe = sum(1 for v in violations if v.fix and v.fix.applicability is Applicability.SAFE)
    unsafe = sum(1 for v in violations if v.fix and v.fix.applicability is Applicability.UNSAFE)
    if lang == "zh":
        parts = [f"{name} {by_severity[key]}" for key, name in (("E", "错误"), ("W", "警告"), ("I", "提示")) if by_severity[key]]
        lines = [f"共发现 {len(violations)} 个问题（{'，'.join(parts)}）。"]
        if safe:
            lines.append(f"[*] 其中 {safe} 个可用 --fix 自动修复。")
        if unsafe:
            lines.append(f"另有 {unsafe} 个可用 --unsafe-fixes 修复（需人工确认）。")
    else:
        parts = [f"{by_severity[key]} {name}" for key, name in (("E", "errors"), ("W", "warnings"), ("I", "info")) if by_severity[key]]
        lines = [f"Found {len(violations)} problem{'s' if len(violations) != 1 else ''} ({', '.join(parts)})."]
        if safe:
            lines.append(f"[*] {safe} fixable with the --fix option.")
        if unsafe:
            lines.append(f"{unsafe} more fixable with --unsafe-fixes (review them).")
    return "\n".join(lines)


class TextFormatter:
    """flake8 style: `path:line:col: CODE message`, then a summary line."""

    def format(self, results: list["FileResult"], context: OutputContext) -> str:
        out = []
        for result in results:
            for v in result.violations:
                marker = " [*]" if v.fix and v.fix.applicability is Applicability.SAFE else ""
                where = place(result, v, context.lang)
                where = (f"（{where}）" if context.lang == "zh" else f" ({where})") if where else ""
                out.append(f"{v.path}:{v.line}:{v.column}: {v.code}{marker} {v.message.text(context.lang)}{where}")
        out.append(summary(results, context.lang))
        return "\n".join(out) + "\n"


FORMATTERS = {"text": TextFormatter(), "json": JsonFormatter()}
