"""`full`: each finding with its source line, a caret under the span and the suggested fix.

    report.txt:24:1: GK103 [*] 第二部分编号应为「二、」，写成了「2、」
       |
    24 | 2、 主动公开政府信息情况
       | ^^ GK103
       = 可自动修复（安全）：编号改为「二、」
       - 2、 主动公开政府信息情况
       + 二、主动公开政府信息情况

Carets are aligned by display width: East Asian Wide and Fullwidth characters take two
columns, combining marks none, a tab is shown as four spaces. Long lines are cut to a window
around the finding. For .docx/.html/.pdf the shown line is the converted text, the header gives the
place in the original.
"""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING

from gklint.core.violation import Applicability
from gklint.output._common import TAB, display_width, where
from gklint.output.formatters import stream_with_summary, writable_fix

if TYPE_CHECKING:
    from gklint.core.violation import Violation
    from gklint.output.formatters import OutputContext
    from gklint.run.engine import FileResult

WINDOW = 40  # characters shown either side of the span on a long line
LONG = 100  # a line wider than this (display columns) is cut
MAX_FIX_LINES = 8


def _show(text: str) -> str:
    return text.replace("\t", TAB)


def _window(text: str, start: int, end: int) -> tuple[str, int, int]:
    """Cut a long line to the span and WINDOW characters around it; returns text and new span."""
    if display_width(text) <= LONG:
        return text, start, end
    left = max(0, start - WINDOW)
    right = min(len(text), max(end, start + 1) + WINDOW)
    prefix = "…" if left > 0 else ""
    suffix = "…" if right < len(text) else ""
    return prefix + text[left:right] + suffix, start - left + len(prefix), end - left + len(prefix)


def _cut(text: str) -> str:
    return text if len(text) <= LONG else text[:LONG] + "…"


def _changed_window(old: str, new: str) -> tuple[str, str]:
    """A changed line pair cut to the changed part and WINDOW characters around it."""
    if display_width(old) <= LONG and display_width(new) <= LONG:
        return old, new
    prefix = 0
    while prefix < min(len(old), len(new)) and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < min(len(old), len(new)) - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    left = max(0, prefix - WINDOW)

    def cut(text: str) -> str:
        right = min(len(text), len(text) - suffix + WINDOW)
        return ("…" if left else "") + text[left:right] + ("…" if right < len(text) else "")

    return cut(old), cut(new)


class FullFormatter:
    def format(self, results: list[FileResult], context: OutputContext) -> str:
        from gklint.run.stream import render

        return render(self, results, context)

    def stream(self, items, context: OutputContext, write) -> None:
        stream_with_summary(items, context, write)

    def piece(self, result: FileResult, context: OutputContext) -> str:
        out: list[str] = []
        for v in result.violations:
            out.extend(self._one(result, v, context))
            out.append("")
        return "".join(line + "\n" for line in out)

    def _style(self, text: str, code: str, context: OutputContext) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if context.color else text

    def _one(self, result: FileResult, v: Violation, context: OutputContext) -> list[str]:
        lang = context.lang
        marker = " [*]" if writable_fix(result, v) else ""
        place = where(result, v, lang)
        place_text = (f"（{place}）" if lang == "zh" else f" ({place})") if place else ""
        code = self._style(v.code, "1;31", context)
        lines = [f"{v.path}:{v.line}:{v.column}: {code}{marker} {v.message.text(lang)}{place_text}"]
        report = result.report
        if report is None or not report.text:
            return lines
        converted = getattr(result.source, "origins", None) is not None
        line_no, column = report.location(v.start)
        line = report.line(line_no)
        end_line, end_column = report.location(max(v.end, v.start))
        span_end = end_column - 1 if end_line == line_no else len(line.text)
        text, start, end = _window(line.text, column - 1, max(span_end, column - 1))
        number = "" if converted else str(line_no)
        gutter = max(len(number), 1)
        pad = " " * gutter
        caret = "^" * max(display_width(_show(text[start:end])), 1)
        lines.append(f"{pad} |")
        lines.append(f"{number:>{gutter}} | {_show(text)}".rstrip())
        lines.append(f"{pad} | {' ' * display_width(_show(text[:start]))}{self._style(caret, '31', context)} {v.code}")
        if v.recovered:
            lines.append(
                f"{pad} = "
                + (
                    "表中数值从连在一起的数字中拆出：唯一满足合计关系的读法"
                    if lang == "zh"
                    else "the table's values were cut from digits run together: the one reading whose totals add up"
                )
            )
        if v.fix is not None:
            lines.extend(self._fix(result, v, lang, pad))
        return lines

    def _fix(self, result: FileResult, v: Violation, lang: str, pad: str) -> list[str]:
        fix = v.fix
        kind = {
            Applicability.SAFE: ("安全", "safe"),
            Applicability.UNSAFE: ("不安全，需确认", "unsafe, review it"),
            Applicability.DISPLAY_ONLY: ("仅供参考，不自动应用", "display only, never applied"),
        }[fix.applicability][lang != "zh"]
        description = fix.description.text(lang) if fix.description else ""
        if fix.applicability is Applicability.DISPLAY_ONLY:
            head = f"建议修改（{kind}）" if lang == "zh" else f"suggested fix ({kind})"
        else:
            head = f"可自动修复（{kind}）" if lang == "zh" else f"fix ({kind})"
        if getattr(result.source, "fixable", True) is False:
            head += "，此格式不自动写回" if lang == "zh" else ", not written back to this format"
        lines = [f"{pad} = {head}{'：' if lang == 'zh' else ': '}{description}".rstrip("：: ")]
        if not fix.edits:
            return lines
        text = result.report.text
        first = min(e.start for e in fix.edits)
        last = max(e.end for e in fix.edits)
        begin = text.rfind("\n", 0, first) + 1
        finish = text.find("\n", last)
        finish = len(text) if finish < 0 else finish
        old = text[begin:finish]
        new_parts, position = [], begin
        for edit in sorted(fix.edits, key=lambda e: (e.start, e.end)):
            if edit.start < position:  # overlapping edits: show the first only
                continue
            new_parts.append(text[position : edit.start])
            new_parts.append(edit.replacement)
            position = edit.end
        new_parts.append(text[position:finish])
        new = "".join(new_parts)
        old_lines = old.replace("\r\n", "\n").split("\n")
        new_lines = new.replace("\r\n", "\n").split("\n") if new else []
        shown = 0
        matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                continue
            removed, added = old_lines[i1:i2], new_lines[j1:j2]
            if len(removed) == len(added):  # changed lines: cut each pair to the change
                pairs = [_changed_window(a, b) for a, b in zip(removed, added)]
                removed, added = [p[0] for p in pairs], [p[1] for p in pairs]
            for sign, block in (("-", removed), ("+", added)):
                for item in block:
                    if shown >= MAX_FIX_LINES:
                        lines.append(f"{pad}   …")
                        return lines
                    lines.append(f"{pad} {sign} {_show(_cut(item))}".rstrip())
                    shown += 1
        return lines
