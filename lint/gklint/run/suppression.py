"""Suppression comments in Markdown reports, and GK004 for the ones that suppress nothing.

    <!-- gklint: disable=GK304 -->            from this line until a matching enable (or the end)
    <!-- gklint: disable-next-line=GK304 -->  only the line after the comment
    <!-- gklint: enable=GK304 -->             ends a disable for those codes

Codes are comma-separated selectors as in `--select` (a code, a prefix such as GK3, a rule name).
HTML comments are invisible in rendered Markdown, so the published report is unchanged; plain-text
reports have no invisible comments and are suppressed with `per-file-ignores` or a baseline instead.

A violation is suppressed when its first line lies in a region of a matching code. A code in a
directive that suppresses nothing, although its rule ran on the file, is reported as GK004
(like ruff's RUF100), as is an `enable` that closes no `disable`, a code that names no rule, or a
`gklint:` comment that cannot be read. The fix removes the unused codes (the whole comment, and its
line when nothing else is on it, if no code is left).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, Iterator, Mapping

from gklint.core.rule import Rule
from gklint.core.violation import Edit, Fix, Message, Violation
from gklint.run.selection import specificity

UNUSED_SUPPRESSION = "GK004"

# A comment is its opening and the first --> after it, found by str.find: a lazy `.*?-->` scanned
# to the end of the text from every unclosed opening (quadratic).
_OPENING_RE = re.compile(r"<!--\s*gklint\s*:", re.IGNORECASE)
_CLOSING = "-->"
# The body up to the codes; the codes run to the body's last non-space character, on that line.
_BODY_HEAD_RE = re.compile(r"\s*(?P<kind>disable-next-line|disable|enable)\s*=\s*(?=[^\s,])", re.IGNORECASE)
_CODE_RE = re.compile(r"[^\s,]+")
_LINE_RE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)?")  # the parser's line splitting


@dataclass
class Entry:
    """One code of a directive, with its position and use."""

    selector: str
    start: int
    end: int
    hits: int = 0
    closes: Entry | None = None  # for an enable: the disable entry it ends
    closed_by: Entry | None = None


@dataclass
class Directive:
    kind: str  # disable, disable-next-line, enable, or "" when unreadable
    start: int  # offsets of the whole comment
    end: int
    line: int
    end_line: int
    codes_start: int = 0
    codes_end: int = 0
    entries: list[Entry] = field(default_factory=list)


def _line_starts(text: str) -> list[int]:
    starts = []
    position = 0
    for match in _LINE_RE.finditer(text):
        if not match.group():
            break
        starts.append(position)
        position += len(match.group())
    return starts or [0]


def _line_of(starts: list[int], offset: int) -> int:
    import bisect

    return max(bisect.bisect_right(starts, offset), 1)


def _comments(text: str) -> Iterator[tuple[int, int, int]]:
    """(start, body start, end) of each `<!-- gklint: … -->` comment."""
    position = 0
    while True:
        opening = _OPENING_RE.search(text, position)
        if opening is None:
            return
        closing = text.find(_CLOSING, opening.end())
        if closing < 0:
            return  # no comment closes after this one: none after it either
        yield opening.start(), opening.end(), closing + len(_CLOSING)
        position = closing + len(_CLOSING)


def _body(text: str, start: int, end: int) -> tuple[str, int, int] | None:
    """(kind, codes start, codes end) of a directive's body text[start:end]; None if unreadable."""
    head = _BODY_HEAD_RE.match(text, start, end)
    if head is None:
        return None
    codes_start = head.end()
    codes_end = len(text[codes_start:end].rstrip()) + codes_start
    if text.find("\n", codes_start, codes_end) >= 0:
        return None  # the codes are on one line, only spaces after them
    return head.group("kind"), codes_start, codes_end


def parse_directives(text: str) -> list[Directive]:
    starts = _line_starts(text)
    directives = []
    for start, body_start, end in _comments(text):
        line, end_line = _line_of(starts, start), _line_of(starts, end - 1)
        body = _body(text, body_start, end - len(_CLOSING))
        if body is None:
            directives.append(Directive("", start, end, line, end_line))
            continue
        kind, codes_start, codes_end = body
        directive = Directive(kind.lower(), start, end, line, end_line, codes_start, codes_end)
        for code in _CODE_RE.finditer(text, codes_start, codes_end):
            directive.entries.append(Entry(code.group(), code.start(), code.end()))
        directives.append(directive)
    return directives


def _matches(selector: str, code: str, rules: Mapping[str, Rule]) -> bool:
    rule = rules.get(code)
    if rule is None:
        return selector.upper() == code
    return specificity(selector, rule) is not None


def _regions(directives: list[Directive], last_line: int, rules: Mapping[str, Rule]) -> list[tuple[Entry, int, int]]:
    """(entry, first line, last line) for every disable entry; pairs enables with open disables."""
    regions: list[tuple[Entry, int, int]] = []
    open_entries: list[tuple[Entry, int]] = []
    for directive in directives:
        if directive.kind == "disable-next-line":
            after = directive.end_line + 1
            regions.extend((entry, after, after) for entry in directive.entries)
        elif directive.kind == "disable":
            open_entries.extend((entry, directive.line) for entry in directive.entries)
        elif directive.kind == "enable":
            for entry in directive.entries:
                for index, (opened, first) in enumerate(open_entries):
                    if opened.selector.upper() == entry.selector.upper():
                        regions.append((opened, first, directive.line))
                        opened.closed_by, entry.closes = entry, opened
                        del open_entries[index]
                        break
    regions.extend((entry, first, last_line) for entry, first in open_entries)
    return regions


def apply_suppressions(
    violations: list[Violation],
    text: str,
    display: str,
    rules: Mapping[str, Rule],
    ran: set[str],
    judge_unused: bool,
) -> list[Violation]:
    """Drop suppressed violations; add GK004 for unused directives when GK004 is in `ran`.

    `ran` is the set of codes whose rules ran on the file; a code whose rules did not run is not
    judged unused (it may be selected another time). `judge_unused` is False when the report could not
    be parsed (no rule ran).
    """
    if "gklint" not in text:
        return violations
    directives = parse_directives(text)
    if not directives:
        return violations
    starts = _line_starts(text)
    regions = _regions(directives, len(starts), rules)
    kept = []
    for violation in violations:
        suppressed = False
        for entry, first, last in regions:
            if first <= violation.line <= last and _matches(entry.selector, violation.code, rules):
                entry.hits += 1
                suppressed = True
        if not suppressed:
            kept.append(violation)
    if UNUSED_SUPPRESSION in ran and judge_unused:
        kept.extend(_unused(directives, text, starts, display, rules, ran))
        kept.sort(key=lambda v: v.sort_key)
    return kept


def _entry_problem(directive: Directive, entry: Entry, rules: Mapping[str, Rule], ran: set[str]) -> Message | None:
    matching = [code for code, rule in rules.items() if specificity(entry.selector, rule) is not None]
    if not matching:
        return Message(f"「{entry.selector}」不是规则代码", f"`{entry.selector}` is not a rule code")
    if directive.kind == "enable":
        if entry.closes is None:
            return Message(f"enable={entry.selector} 前面没有对应的 disable", f"enable={entry.selector} closes no disable")
        entry = entry.closes
    if entry.hits:
        return None
    if not any(code in ran for code in matching):
        return None  # its rules did not run: cannot tell
    return Message(f"{entry.selector} 没有抑制任何问题", f"{entry.selector} suppresses nothing")


def _unused(
    directives: list[Directive], text: str, starts: list[int], display: str, rules: Mapping[str, Rule], ran: set[str]
) -> Iterable[Violation]:
    rule = rules[UNUSED_SUPPRESSION]
    for directive in directives:
        if not directive.kind:
            message = Message(
                "无法识别的 gklint 注释（应为 disable=、disable-next-line= 或 enable= 加规则代码）",
                "unreadable gklint comment (expected disable=, disable-next-line= or enable= and rule codes)",
            )
            yield _violation(rule, display, starts, directive.start, directive.end, message, None)
            continue
        problems = [(entry, _entry_problem(directive, entry, rules, ran)) for entry in directive.entries]
        unused = [(entry, problem) for entry, problem in problems if problem is not None]
        if not unused:
            continue
        remaining = [entry.selector for entry, problem in problems if problem is None]
        kind = directive.kind
        zh = f"gklint: {kind} 注释：" + "；".join(p.zh for _, p in unused)
        en = f"gklint: {kind} comment: " + "; ".join(p.en for _, p in unused)
        if remaining:
            edit = Edit(directive.codes_start, directive.codes_end, ",".join(remaining))
            description = Message("删除无用的代码", "remove the unused codes")
        else:
            edit = _removal(text, starts, directive)
            description = Message("删除无用的 gklint 注释", "remove the unused gklint comment")
        first = unused[0][0]
        yield _violation(rule, display, starts, first.start, first.end, Message(zh, en), Fix.safe(edit, description=description))


def _removal(text: str, starts: list[int], directive: Directive) -> Edit:
    """Remove the comment; with its line when nothing else is on that line."""
    index = directive.line - 1
    line_start = starts[index]
    last = directive.end_line - 1
    line_end = starts[last + 1] if last + 1 < len(starts) else len(text)
    content_end = len(text[line_start:line_end].rstrip("\r\n")) + line_start
    if text[line_start : directive.start].strip() == "" and text[directive.end : content_end].strip() == "":
        if line_start == 0 or text[line_start:line_end].endswith(("\n", "\r")):
            return Edit(line_start, line_end, "")
        # The last line, without a line ending: take the line ending before it instead.
        previous = line_start - (2 if text[:line_start].endswith("\r\n") else 1)
        return Edit(previous, line_end, "")
    return Edit(directive.start, directive.end, "")


def _violation(rule: Rule, display: str, starts: list[int], start: int, end: int, message: Message, fix: Fix | None) -> Violation:
    line = _line_of(starts, start)
    end_line = _line_of(starts, end)
    return Violation(
        path=display,
        code=rule.code,
        name=rule.name,
        severity=rule.severity,
        line=line,
        column=start - starts[line - 1] + 1,
        end_line=end_line,
        end_column=end - starts[end_line - 1] + 1,
        message=message,
        fix=fix,
        start=start,
        end=end,
        plugin=rule.plugin,
    )
