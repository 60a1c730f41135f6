"""JSON Lines: one finding a line, the same object as `--format json` gives (plus `where` for .docx and .pdf)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from gklint.output.formatters import violation_as_dict

if TYPE_CHECKING:
    from gklint.output.formatters import OutputContext
    from gklint.run.engine import FileResult


class JsonLinesFormatter:
    def format(self, results: list[FileResult], context: OutputContext) -> str:
        from gklint.run.stream import render

        return render(self, results, context)

    def stream(self, items, context: OutputContext, write) -> None:
        for done in items:
            if done.piece:
                write(done.piece)

    def piece(self, result: FileResult, context: OutputContext) -> str:
        lines = []
        for v in result.violations:
            item = violation_as_dict(result, v, context.lang)
            lines.append(json.dumps(item, ensure_ascii=False, separators=(",", ":")))
        return "".join(line + "\n" for line in lines)
