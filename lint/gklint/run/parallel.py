"""`-j N` / `--jobs N`: lint files in worker processes; results identical to `-j 1`, in the same order.

Each worker builds its own `Linter` from the run's `Settings` (plugins, templates and rules are
loaded once per worker) and runs the CLI's own `Run.lint_file` on its share of the files, so
baselines, `--since`, `--fix` and `--diff` behave exactly as in a serial run. Files are handed out
in order, in chunks, and the results are taken back in that order.

Nothing is written by a worker: with `--fix` it sends the fixed bytes back (`Run.pending_writes`)
and the parent writes them as it takes the result (`_receive`), so no file is rewritten without
being reported. A crash on one file is a GK003 finding for it (`lint_guarded`); a worker that dies
breaks the pool, and the files still to come are linted one at a time in a fresh worker, so the
GK003 lands on the file that killed it. Interrupted (Ctrl-C, SIGTERM), the workers are terminated.

On Linux workers are forked once the plugins are loaded: a worker starts with the parent's
linter (rules, templates, OpenCC) in memory shared copy-on-write, in milliseconds. Elsewhere (and
where fork is unavailable) they are started with `spawn`, each building its linter from the pickled
settings; the code is spawn-safe either way. A run whose state cannot be pickled (a plugin's
unusual object) falls back to one process.

What comes back from a worker, when the run streams its output (`Run.sink`), is a `Done`: the
file's piece of the output, made by the formatter in the worker while the report is in memory, and
a mark a finding for the summary — a few hundred bytes, not the report, not the fix edits. With
`--fix` the parent writes, so a fixed file's `FileResult` comes back (then its piece is made in the
parent). Without a sink (a format that needs whole reports: the HTML page, a plugin's format) it is
the `FileResult` with its report as a `ShippedReport`: the line table, enough for the formatters'
positions and source lines; anything else a formatter or plugin asks of the report is answered by
parsing the file again in the parent.
"""

from __future__ import annotations

import collections
import copy
import functools
import gc
import itertools
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

from gklint.run.engine import BatchCollection
from gklint.run.progress import Progress
from gklint.run.stream import Done

if TYPE_CHECKING:
    from gklint.run.engine import FileResult
    from gklint.run.session import Run

# The per-file outputs a Run collects besides its results (list: extended, dict: updated).
_SKIP = ("linter", "results")


def _start_method() -> str:
    """fork on Linux (the loaded linter inherited), spawn elsewhere (macOS: fork is unsafe there)."""
    import sys

    if sys.platform.startswith("linux"):
        from multiprocessing import get_all_start_methods

        if "fork" in get_all_start_methods():
            return "fork"
    return "spawn"


START_METHOD: str | None = None  # None: _start_method() (multiprocessing imported by -j runs only); tests set "fork"


def job_count(jobs: int | None) -> int:
    """`-j 0`: one per CPU core this process may use; otherwise N (at least 1)."""
    if not jobs:
        return _cores() if jobs == 0 else 1
    return max(1, jobs)


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def lint_files(run: Run, files: list[Path], jobs: int | None = 1) -> list[FileResult]:
    """`run.lint_file` over `files`, in `jobs` processes; the results in the order of `files`."""
    return list(iter_files(run, files, jobs))


def iter_files(run: Run, files: list[Path], jobs: int | None = 1) -> Iterator[Any]:
    """`run.lint_file` over `files`, in `jobs` processes, each result as it is ready, in the order
    of `files`: a `Done` when the run streams its output (`run.sink`), else a `FileResult`."""
    workers = min(job_count(jobs), len(files))
    sink = getattr(run, "sink", None)
    with Progress.start(len(files)) as progress:
        state = _worker_state(run) if workers > 1 else None
        if state is None:
            with BatchCollection() as collection:
                for path in files:
                    result = lint_guarded(run, path)
                    # Streaming: the file's piece of the output, and the report is let go. Else kept
                    # as its line table, as a worker's would be: a folder of reports in memory as
                    # thousands of parsed models each would cost hundreds of MB.
                    item = sink.done(result) if sink is not None else _unpack(_pack(result), run.linter)
                    del result
                    if sink is None:  # results kept: out of the collector's later passes
                        collection.kept()
                    progress.advance()
                    yield item
            return
        yield from _parallel(run, files, workers, state, progress)


def _worker_state(run: Run) -> bytes | None:
    """The run without its linter, pickled once; None when something in it cannot be pickled."""
    import pickle  # with -j N only

    state = {k: v for k, v in vars(run).items() if k not in _SKIP}
    try:
        return pickle.dumps((run.linter.settings, type(run), state), protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # noqa: BLE001 - any pickling failure: lint in this process
        return None


def _parallel(run: Run, files: list[Path], workers: int, state: bytes, progress: Progress) -> Iterator[FileResult]:
    """Chunks of files to `workers` processes, results taken in order. A worker that dies (killed,
    out of memory) breaks the pool: the files whose results had not come back are linted again one at
    a time, and a file whose worker dies again gets a GK003 finding (`_one_by_one`)."""
    from concurrent.futures.process import BrokenProcessPool

    chunk = max(1, min(8, len(files) // (workers * 8)))
    chunks = [files[i : i + chunk] for i in range(0, len(files), chunk)]
    left: list[Path] = []
    global _PARENT
    _PARENT = (run, _collected_names(vars(run)))  # what a forked worker inherits
    freezing = (START_METHOD or _start_method()) == "fork" and gc.get_freeze_count() == 0
    if freezing:
        gc.freeze()  # the parent's objects out of the collector's sight: forked pages stay shared
    try:
        with _Pool(workers, state) as pool:
            # A window of chunks in flight: results wait in the pool only as far as the output lags.
            ahead = workers * 4
            futures: collections.deque = collections.deque()
            submitted = 0
            for index in range(len(chunks)):
                while submitted < len(chunks) and submitted < index + ahead:
                    futures.append(pool.submit(_lint_chunk, chunks[submitted]))
                    submitted += 1
                future = futures.popleft()
                try:
                    shipped = future.result()
                except BrokenProcessPool:
                    left = [path for part in chunks[index:] for path in part]
                    break
                del future
                for packed, collected in shipped:
                    progress.advance()
                    yield _receive(run, packed, collected)
                del shipped
        if left:
            yield from _one_by_one(run, left, state, progress)
    finally:
        _PARENT = None
        if freezing:
            gc.unfreeze()


def _one_by_one(run: Run, files: list[Path], state: bytes, progress: Progress) -> Iterator[FileResult]:
    """After a worker died: each file alone in one worker, so a death is that file's."""
    from concurrent.futures.process import BrokenProcessPool

    pool = _Pool(1, state)
    try:
        for path in files:
            try:
                shipped = pool.executor.submit(_lint_chunk, [path]).result()
            except BrokenProcessPool:
                pool.close()
                pool = _Pool(1, state)
                shipped = [(run.linter.failed_result(path, "worker process died (killed, or out of memory)"), {})]
            for packed, collected in shipped:
                progress.advance()
                yield _receive(run, packed, collected)
    except BaseException:
        pool.close(interrupted=True)
        raise
    pool.close()


class _Pool:
    """A process pool whose workers are stopped at once when the run is interrupted (Ctrl-C, SIGTERM):
    waiting would let them lint on; they write nothing (the parent writes: `_receive`)."""

    def __init__(self, workers: int, state: bytes):
        from multiprocessing import get_context

        executor = globals().get("ProcessPoolExecutor") or __getattr__("ProcessPoolExecutor")  # a test's stand-in, else the real one
        method = START_METHOD or _start_method()
        if method == "fork" and _PARENT is not None:
            # The run itself, inherited: no pickling, no second linter to build.
            initializer, initargs = _adopt_run, ()
        else:
            initializer, initargs = _start_worker, (state,)
        self.executor = executor(workers, mp_context=get_context(method), initializer=initializer, initargs=initargs)

    def __enter__(self):
        return self.executor

    def __exit__(self, kind, error, traceback) -> None:
        self.close(interrupted=kind is not None)

    def close(self, interrupted: bool = False) -> None:
        if interrupted:
            for process in list((getattr(self.executor, "_processes", None) or {}).values()):
                process.terminate()
        self.executor.shutdown(wait=True, cancel_futures=True)


def _receive(run: Run, packed: Any, collected: dict[str, Any]) -> Any:
    """A worker's result into the run; its fixed text is written here, in the parent, so a file is
    never rewritten without its result being reported."""
    pending = collected.pop("pending_writes", [])
    for name, value in collected.items():
        _merge(run, name, value)
    if isinstance(packed, Done):
        return packed
    result = _unpack(packed, run.linter)
    for write in pending:
        result = run.commit(write, result)
    sink = getattr(run, "sink", None)
    return sink.done(result) if sink is not None else result


def lint_guarded(run: Run, path: Path) -> FileResult:
    """`run.lint_file`, a crash in it becoming a GK003 finding for that file: the other files go on."""
    try:
        return run.lint_file(path)
    except Exception as error:  # noqa: BLE001 - a bug on one file must not lose the others' results
        from gklint.run.plugins import _describe

        return run.linter.failed_result(path, _describe(error))


def __getattr__(name: str):
    """`ProcessPoolExecutor`, imported on first use: concurrent.futures brings multiprocessing and
    logging, which only a `-j N` run needs."""
    if name == "ProcessPoolExecutor":
        from concurrent.futures import ProcessPoolExecutor

        return ProcessPoolExecutor
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _merge(run: Run, name: str, value: Any) -> None:
    current = getattr(run, name)
    if isinstance(current, dict):
        current.update(value)
    else:
        current.extend(value)


# -- in the worker -----------------------------------------------------------------
_RUN: Run | None = None
_COLLECTED: tuple[str, ...] = ()
_PARENT: Run | None = None  # with fork: the run a worker inherits (set while the pool starts)


def _collected_names(attributes: dict[str, Any]) -> tuple[str, ...]:
    """What the run collects per file: the lists and dicts that start empty (diffs, fixed, errors, outcomes…)."""
    return tuple(k for k, v in attributes.items() if k not in _SKIP and isinstance(v, (list, dict)) and not v)


def _adopt_run() -> None:
    """A forked worker: the parent's run, as it was when the pool started, minus what it collected."""
    global _RUN, _COLLECTED
    import copy as _copy
    import signal

    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the CLI's handler: terminate() must end a worker

    assert _PARENT is not None, "forked without a run"
    parent, _COLLECTED = _PARENT
    run = _copy.copy(parent)
    run.results = []
    run.defer_writes = True
    for name in _COLLECTED:
        setattr(run, name, type(getattr(run, name))())
    if getattr(run, "sink", None) is not None:
        run.sink = _copy.copy(run.sink).bind(run.linter.formatters)
    _RUN = run
    BatchCollection().__enter__()


def _start_worker(state: bytes) -> None:
    global _RUN, _COLLECTED
    import pickle

    from gklint.run.engine import Linter

    settings, run_class, attributes = pickle.loads(state)  # the class by reference: the run's own (a Run)
    run = run_class.__new__(run_class)
    run.__dict__.update(attributes)
    run.linter = Linter(settings)
    run.results = []
    run.defer_writes = True  # the parent writes what the worker fixed, once it has the result
    if getattr(run, "sink", None) is not None:
        run.sink.bind(run.linter.formatters)
    # What the run collects per file: the lists and dicts that start empty (diffs, fixed, errors, outcomes…).
    _COLLECTED = _collected_names(attributes)
    _RUN = run
    BatchCollection().__enter__()  # a worker lints until it exits: the batch threshold for good


def _lint_chunk(paths: list[Path]) -> list[tuple[FileResult, dict[str, Any]]]:
    return [_lint_one(path) for path in paths]


def _lint_one(path: Path) -> tuple[FileResult, dict[str, Any]]:
    run = _RUN
    assert run is not None, "worker not started"
    for name in _COLLECTED:
        setattr(run, name, type(getattr(run, name))())
    result = lint_guarded(run, path)
    collected = {name: getattr(run, name) for name in _COLLECTED}
    sink = getattr(run, "sink", None)
    if sink is not None and not collected.get("pending_writes"):
        return sink.done(result), collected  # the piece of output, not the report
    return _pack(result), collected


# -- the report across the process boundary -----------------------------------------
# A parsed Report is thousands of small objects: copying it back costs the parent more than
# parsing did. What comes back is its line table; the parent serves formatters' usual questions
# (text, lines, location) from that and parses the file again only if asked for anything else.
class _Lines:
    __slots__ = ("path", "starts", "ends")

    def __init__(self, path: Path, starts: list[int], ends: list[int]):
        self.path = path
        self.starts = starts  # offset of each line's first character
        self.ends = ends  # and just after its last, before the line ending


def _pack(result: FileResult) -> FileResult:
    if result.report is None:
        return result
    packed = copy.copy(result)
    report = result.report
    packed.report = _Lines(report.path, report._line_starts, [line.end for line in report.lines])
    return packed


def _unpack(result: FileResult, linter) -> FileResult:
    if isinstance(result.report, _Lines):
        lines = result.report
        result.report = ShippedReport(result.source, lines.path, lines.starts, lines.ends, linter)
    return result


class ShippedReport:
    """A worker's `Report` in the parent: `text`, `lines`, `line()`, `location()` from the line table;
    any other attribute from the full `Report`, parsed again from the same text on first use."""

    def __init__(self, source, path: Path, starts: list[int], ends: list[int], linter):
        self.source = source
        self.path = path
        self._line_starts = starts
        self._line_ends = ends
        self._linter = linter

    @property
    def text(self) -> str:
        return self.source.text

    @functools.cached_property
    def lines(self) -> list:
        from gklint.model.report import Line

        text = self.source.text
        return [
            Line(number, start, end, text[start:end]) for number, start, end in zip(itertools.count(1), self._line_starts, self._line_ends)
        ]

    def location(self, offset: int) -> tuple[int, int]:
        from gklint.model.report import Report

        return Report.location(self, offset)

    def line(self, number: int):
        return self.lines[number - 1]

    @functools.cached_property
    def parsed(self):
        """The full Report (parsed again in this process)."""
        return self._linter.parse(self.source, self.path)

    def __getattr__(self, name: str):
        if name.startswith("__") or name in ("_line_starts", "_line_ends", "_linter", "source", "path"):
            raise AttributeError(name)
        return getattr(self.parsed, name)
