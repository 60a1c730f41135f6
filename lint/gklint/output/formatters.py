"""Output formats. Each formatter turns the run's results into text; plugins can add more
through the `gklint_formatters` hook.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from gklint.core.violation import Applicability, Violation

if TYPE_CHECKING:
    from gklint.run.engine import FileResult
    from gklint.run.stream import Tally


@dataclass(frozen=True)
class OutputContext:
    lang: str = "zh"
    color: bool = False
    quiet: bool = False  # -q: the findings without the summary lines
    rules: Any = None  # code → Rule of the run, for formats that describe rules (sarif); None: loaded again


def _location(result: FileResult, offset: int) -> dict[str, int]:
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


def fix_as_dict(result: FileResult, violation: Violation, lang: str) -> dict[str, Any] | None:
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


def place(result: FileResult, violation: Violation, lang: str) -> str | None:
    """For converted inputs (.docx, .pdf): where to look in the original ("表 2 第 3 行第 4 格", "第 3 页第 12 行"); else None."""
    origins = getattr(result.source, "origins", None)
    if origins is None or result.report is None:
        return None
    return origins.describe(violation.start, lang)


def violation_as_dict(result: FileResult, violation: Violation, lang: str) -> dict[str, Any]:
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
    """A JSON array of findings (ruff/flake8-json style), printed as the reports are linted."""

    def format(self, results: list[FileResult], context: OutputContext) -> str:
        from gklint.run.stream import render

        return render(self, results, context)

    def piece(self, result: FileResult, context: OutputContext) -> str:
        """The file's items as `json.dumps(items, indent=2)` prints them inside the array."""
        import json

        dumped = (json.dumps(violation_as_dict(result, v, context.lang), ensure_ascii=False, indent=2) for v in result.violations)
        return ",\n".join("  " + item.replace("\n", "\n  ") for item in dumped)

    def stream(self, items, context: OutputContext, write) -> None:
        first = True
        for done in items:
            if done.piece:
                write(("[\n" if first else ",\n") + done.piece)
                first = False
        write("[]\n" if first else "\n]\n")


def writable_fix(result: FileResult, violation: Violation, applicability: Applicability = Applicability.SAFE) -> bool:
    """A fix of this kind that `--fix` will actually write: not for a .docx, .html or .pdf (the
    reader cannot give the file back), nor for a file that was not read or parsed."""
    fix = violation.fix
    if fix is None or fix.applicability is not applicability:
        return False
    return result.source is not None and result.source.fixable


def _plural(count: int, word: str) -> str:
    """English count and noun: 1 error, 2 errors (info has no plural)."""
    return f"{count} {word}" if count == 1 or word == "info" else f"{count} {word}s"


def summary(results: list[FileResult] | Tally, lang: str) -> str:
    """The closing lines: counts by severity, and how many --fix (--unsafe-fixes) can fix."""
    from gklint.run.stream import Tally

    tally = results if isinstance(results, Tally) else Tally.of(results)
    found = tally.found
    if not found:
        return "全部通过！" if lang == "zh" else "All checks passed!"
    by_severity, safe, unsafe = tally.severity, tally.safe, tally.unsafe
    if lang == "zh":
        parts = [f"{name} {by_severity[key]}" for key, name in (("E", "错误"), ("W", "警告"), ("I", "提示")) if by_severity[key]]
        lines = [f"共发现 {found} 个问题（{'，'.join(parts)}）。"]
        if safe:
            lines.append(f"[*] 其中 {safe} 个可用 --fix 自动修复。")
        if unsafe:
            lines.append(f"另有 {unsafe} 个可用 --unsafe-fixes 修复（需人工确认）。")
    else:
        parts = [_plural(by_severity[key], name) for key, name in (("E", "error"), ("W", "warning"), ("I", "info")) if by_severity[key]]
        lines = [f"Found {_plural(found, 'problem')} ({', '.join(parts)})."]
        if safe:
            lines.append(f"[*] {safe} fixable with the --fix option.")
        if unsafe:
            lines.append(f"{unsafe} more fixable with --unsafe-fixes (review them).")
    return "\n".join(lines)


def style(text: str, sgr: str, context: OutputContext) -> str:
    """`text` in an ANSI style (SGR codes, e.g. "1" bold, "31" red) when the output is coloured."""
    return f"\x1b[{sgr}m{text}\x1b[0m" if context.color else text


class TextFormatter:
    """flake8 style: `path:line:col: CODE message`, then a summary line (ruff's colours on a terminal)."""

    def format(self, results: list[FileResult], context: OutputContext) -> str:
        from gklint.run.stream import render

        return render(self, results, context)

    def stream(self, items, context: OutputContext, write) -> None:
        stream_with_summary(items, context, write)

    def piece(self, result: FileResult, context: OutputContext) -> str:
        out = []
        for v in result.violations:
            marker = " " + style("[*]", "36", context) if writable_fix(result, v) else ""
            where = place(result, v, context.lang)
            where = (f"（{where}）" if context.lang == "zh" else f" ({where})") if where else ""
            position = f"{style(v.path, '1', context)}:{v.line}:{v.column}:"
            code = style(v.code, "1;31", context)
            out.append(f"{position} {code}{marker} {v.message.text(context.lang)}{where}")
        return "".join(line + "\n" for line in out)


def stream_with_summary(items, context: OutputContext, write) -> None:
    """Each file's piece as it comes, then (unless -q) the summary lines: text and full."""
    from gklint.run.stream import Tally

    tally = Tally()
    for done in items:
        tally.add(done.marks)
        if done.piece:
            write(done.piece)
    if not context.quiet:
        write(summary(tally, context.lang) + "\n")


FORMATTERS = {"text": TextFormatter(), "json": JsonFormatter()}
