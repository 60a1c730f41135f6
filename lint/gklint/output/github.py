"""GitHub Actions workflow annotations: `::error file=…,line=…,col=…,title=GK101::message`.

Errors, warnings and notices by severity; escaped as the workflow-command spec asks (% \\r \\n in
the message, also : and , in properties). Chosen automatically when GITHUB_ACTIONS is set and no
--format is given.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from gklint.output._common import where

if TYPE_CHECKING:
    from gklint.output.formatters import OutputContext
    from gklint.run.engine import FileResult

COMMAND = {"E": "error", "W": "warning", "I": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


class GithubFormatter:
    def format(self, results: list[FileResult], context: OutputContext) -> str:
        from gklint.run.stream import render

        return render(self, results, context)

    def stream(self, items, context: OutputContext, write) -> None:
        for done in items:
            if done.piece:
                write(done.piece)

    def piece(self, result: FileResult, context: OutputContext) -> str:
        out = []
        for v in result.violations:
            properties = []
            if not v.path.startswith("plugin:"):
                properties.append(f"file={escape_property(v.path)}")
                properties.append(f"line={v.line}")
                properties.append(f"col={v.column}")
                if v.end_line != v.line:
                    properties.append(f"endLine={v.end_line}")
                elif v.end_column > v.column:
                    properties.append(f"endColumn={v.end_column}")
            properties.append(f"title={escape_property(v.code)}")
            message = v.message.text(context.lang)
            place = where(result, v, context.lang)
            if place:
                message += f"（{place}）" if context.lang == "zh" else f" ({place})"
            out.append(f"::{COMMAND[v.severity.value]} {','.join(properties)}::{escape_data(message)}")
        return "".join(line + "\n" for line in out)
