"""Output as the reports are linted: a formatter that can stream turns each file's result into a
small `piece` (its lines of text, or a compact record for formats that need the whole batch) while
the report is still in memory — in the `-j` worker that linted it — and `stream`s the pieces, in
file order, to the output. Nothing else of a report is kept: a run over 10⁵ files holds one report
at a time, plus what the output itself must hold until its end (SARIF, JUnit, CSV statistics).

A formatter streams when it has both methods:

- `piece(result, context)`: anything picklable, made from one `FileResult`;
- `stream(items, context, write)`: `items` yields a `Done` a file (`.piece`, `.marks`), in order;
  `write(text)` prints.

Its `format(results, context)` is `render(self, results, context)`: the same code path, so the
streamed output and the formatted one are the same bytes. Formatters without these methods (the
HTML review page, plugins' formats) get the whole list of results, as before.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Callable, Iterable

if TYPE_CHECKING:
    from gklint.output.formatters import OutputContext
    from gklint.run.engine import FileResult


@dataclass(slots=True)
class Done:
    """What a run keeps of a linted file once its output is made: its piece of the output and a
    mark a finding for the summary lines and --statistics."""

    path: str
    not_a_report: bool
    marks: tuple  # (code, severity "E"/"W"/"I", fix "S" safe / "U" unsafe / "" none it can write) a finding
    piece: Any


def marks_of(result: FileResult) -> tuple:
    """A mark a finding; its fix counted as `output.formatters.writable_fix` does: one --fix writes
    (not for a .docx, .html or .pdf, nor a file not read)."""
    from gklint.core.violation import Applicability

    writable = result.source is not None and result.source.fixable
    out = []
    for v in result.violations:
        fix = v.fix
        kind = ""
        if fix is not None and writable:
            kind = "S" if fix.applicability is Applicability.SAFE else "U" if fix.applicability is Applicability.UNSAFE else ""
        out.append((v.code, v.severity.value, kind))
    return tuple(out)


class Tally:
    """Counts over the findings output so far: what the summary lines and --statistics say."""

    __slots__ = ("codes", "fixable", "severity", "safe", "unsafe", "files")

    def __init__(self):
        self.codes: Counter = Counter()
        self.fixable: set[str] = set()  # codes with a fix --fix writes
        self.severity: Counter = Counter()
        self.safe = self.unsafe = self.files = 0

    def add(self, marks: tuple) -> None:
        self.files += 1
        for code, severity, fix in marks:
            self.codes[code] += 1
            self.severity[severity] += 1
            if fix == "S":
                self.safe += 1
                self.fixable.add(code)
            elif fix == "U":
                self.unsafe += 1

    @property
    def found(self) -> int:
        return sum(self.codes.values())

    @classmethod
    def of(cls, results: Iterable[FileResult]) -> Tally:
        tally = cls()
        for result in results:
            tally.add(marks_of(result))
        return tally


def done(formatter, result: FileResult, context: OutputContext) -> Done:
    piece = formatter.piece(result, context) if formatter is not None else None
    return Done(result.path, result.not_a_report, marks_of(result), piece)


def render(formatter, results: Iterable[FileResult], context: OutputContext) -> str:
    """`formatter.format`: its stream over the results, as one string."""
    out: list[str] = []
    formatter.stream((done(formatter, r, context) for r in results), context, out.append)
    return "".join(out)


def streams(formatter) -> bool:
    try:
        return callable(getattr(formatter, "piece", None)) and callable(getattr(formatter, "stream", None))
    except Exception:  # noqa: BLE001 - a plugin's formatter that fails to load: the usual path says so
        return False


class Quiet:
    """A format that prints nothing a file (`--statistics` with text: the counts alone)."""

    def piece(self, result, context) -> None:
        return None

    def stream(self, items, context, write) -> None:
        for _ in items:
            pass


class Sink:
    """Where a streaming run's results go: the format (by name, so a `-j` worker finds its own
    formatter) and the output context; `done(result)` is made where the report is (the worker)."""

    def __init__(self, name: str, context: OutputContext, statistics: bool = False, quiet_format: bool = False):
        self.name = name
        self.context = replace(context, rules=None)  # a worker uses its own rules
        self.statistics = statistics  # csv --statistics: the formatter's own per-report counts
        self.quiet_format = quiet_format  # text --statistics: no findings printed
        self._formatter = None

    def __getstate__(self):
        return {k: v for k, v in self.__dict__.items() if k != "_formatter"} | {"_formatter": None}

    def bind(self, formatters: dict) -> Sink:
        if self.quiet_format:
            self._formatter = Quiet()
        else:
            formatter = formatters[self.name]
            self._formatter = getattr(formatter, "statistics_streaming", None) if self.statistics else formatter
        return self

    @property
    def formatter(self):
        return self._formatter

    def done(self, result: FileResult, rules=None) -> Done:
        return done(self._formatter, result, replace(self.context, rules=rules) if rules is not None else self.context)

    def stream(self, items: Iterable[Done], write: Callable[[str], Any], rules=None) -> None:
        self._formatter.stream(items, replace(self.context, rules=rules), write)


def sink_for(formatter, name: str, context: OutputContext, statistics: bool) -> Sink | None:
    """A sink when the chosen output can be made a file at a time, else None (the whole batch kept)."""
    if statistics and name == "text":
        return Sink(name, context, quiet_format=True)
    if statistics and getattr(formatter, "statistics", None) is not None:
        stats = getattr(formatter, "statistics_streaming", None)
        return Sink(name, context, statistics=True) if streams(stats) else None
    return Sink(name, context) if streams(formatter) else None
