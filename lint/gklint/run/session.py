"""One invocation over many files (`Run`): lint, filter (baseline, --since), fix or diff.

The command line builds a `Run` from its options and hands it the paths; `gklint.run.parallel`
calls `Run.lint_file` in worker processes.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

from gklint.read.source import ReadError, read_file
from gklint.run.engine import FileResult, Linter
from gklint.run.stream import Sink, Tally

if TYPE_CHECKING:
    from gklint.run.fixes import FixOutcome


class Run:
    """One invocation over many files: lint, filter (baseline, --since), fix or diff."""

    def __init__(self, linter: Linter, args, baseline=None):
        self.linter = linter
        self.baseline = baseline
        self.changes = None  # changed_lines.Changes with --since
        self.fixing = args.fix or args.diff
        self.write = args.fix and not args.diff
        self.unsafe = args.unsafe_fixes
        self.jobs = getattr(args, "jobs", 1)  # -j N (gklint.run.parallel)
        self.results: list[FileResult] = []
        self.diffs: list[bytes] = []
        self.fixed: list = []  # the violations whose fixes were applied (or would be)
        self.outcomes: dict[str, FixOutcome] = {}  # display path → passes and edits (for tests, --show-fixes)
        self.errors: list[str] = []
        self.force_exclude = getattr(args, "force_exclude", False)
        self.skipped: list[str] = []  # files found in folders that are not reports (README.md, LICENSE.txt)
        self.linted: int | None = None  # files linted by lint_all (None: stdin only)
        self.force = getattr(args, "force", False)  # --force: rewrite read-only files too
        self.defer_writes = False  # a -j worker: its parent writes (gklint.run.parallel), so nothing is written unreported
        self.pending_writes: list[PendingWrite] = []  # a worker's fixed files, for its parent to write
        self.stdin_display = "-"  # --fix/--diff on stdin: the name findings carry
        self.stdin_fixed: bytes | None = None  # --fix on stdin: the text for stdout
        self.sink: Sink | None = None  # the output streamed a file at a time (gklint.run.stream)
        self.tally = Tally()  # with a sink: counts of what was output (summary, --statistics, exit code)
        self.reported = 0  # results yielded by iter_all

    def lint_all(self, paths: list[Path]) -> None:
        """Lint the paths; every result kept in `results` (or with a `sink`, each file's `Done`)."""
        self.results = []
        for item in self.iter_all(paths):
            self.results.append(item)

    def iter_all(self, paths: list[Path]) -> Iterator[Any]:
        """Each file's result in order, as it is linted: a `FileResult`, or with a `sink` (the
        output streamed) the file's `Done`, its report let go. `linted` is set by the end."""
        linter = self.linter
        missing = [p for p in paths if not p.exists()]
        for result in linter.plugin_error_results():
            yield self._out(result)
        found = [
            (path, named)
            for path, named in linter.discover([p for p in paths if p.exists()], self.force_exclude)
            if self.changes is None or self.changes.lines_for(path) is not False
        ]
        files = [path for path, _named in found]
        # Found in a folder (or any file under --force-exclude, the hook's): skipped if not a report.
        searched = {str(path) for path, named in found if not named or self.force_exclude}
        linter.plan_history(
            files, [path for path, named in found if named]
        )  # GK7xx: pair each report with its body's previous year (gklint.run.history)
        self.history = linter.history.export()  # that pairing, for -j workers
        from gklint.run.parallel import iter_files  # self.lint_file per file, in -j N processes; progress bar

        for result in iter_files(self, files, self.jobs):
            if result.not_a_report and result.path in searched:
                self.skipped.append(result.path)
            else:
                yield self._counted(result)
        self.linted = len(files) - len(self.skipped) + len(missing)
        for path in missing:
            yield self._out(linter.lint_path(path))

    def _out(self, result: FileResult) -> Any:
        return self._counted(self.sink.done(result) if self.sink is not None else result)

    def _counted(self, item: Any) -> Any:
        self.reported += 1
        if self.sink is not None:
            self.tally.add(item.marks)
        return item

    def visible(self, path: Path, result: FileResult, violations: list, text: str | None) -> list:
        """The violations the user sees: not recorded in the baseline, on changed lines with --since."""
        if self.baseline is not None:
            violations = self.baseline.keep(result, violations, text)
        if self.changes is not None:
            violations = self.changes.keep(path, violations, result.report)
        return violations

    def lint_file(self, path: Path, stdin: bytes | None = None) -> FileResult:
        """Lint (and fix) one file, or with `stdin` the bytes piped in as if they were `path`."""
        linter = self.linter
        linter.history.adopt(getattr(self, "history", None))  # a -j worker: the parent's pairing
        if stdin is not None:
            data = self.stdin_fixed = stdin  # unchanged unless fixed below
            result = linter.lint_bytes(data, path, self.stdin_display)
        else:
            try:
                data = read_file(path)
            except (OSError, ReadError):
                return linter.lint_path(path)  # GK001 with the reason
            result = linter.lint_bytes(data, path)
        source = result.source
        result.violations = self.visible(path, result, result.violations, source.text if source else None)
        if not self.fixing or not _fixable(result):
            return result
        from gklint.run.fixes import applicable, fix_until_stable, unified_diff  # --fix and --diff only

        if not any(applicable(v, self.unsafe) for v in result.violations):
            return result
        # A flattened web page is linted with virtual line breaks; its fixes are written to the file as read.
        source = getattr(source.origins, "original", source)
        if source.encode() != data:
            # A reader that does not give back the file's bytes (a plugin's .docx reader): no safe way to write.
            self.errors.append(f"{result.path}: 无法无损写回此类文件，未修复 / cannot write this kind of file back losslessly; not fixed")
            return result

        latest: list = []  # the findings of the last text linted: the fixed one, once stable

        def lint(text: str) -> list:
            current = linter.lint_source(replace(source, text=text), path, result.path)
            latest[:] = _in_file_offsets(current, self.visible(path, current, current.violations, current.source.text))
            return latest

        outcome = fix_until_stable(source.text, lint, unsafe=self.unsafe)
        self.outcomes[result.path] = outcome
        if not outcome.stable:
            self.errors.append(
                f"{result.path}: 修复在 {outcome.passes} 轮后仍未稳定，文件未改动 / "
                f"fixes did not converge after {outcome.passes} passes; the file was not changed"
            )
            return result
        if outcome.text == source.text:
            return result
        # What "已修复 N" counts: the fixable findings the fixes made go away (counted once written).
        resolved = _resolved([v for v in result.violations if applicable(v, self.unsafe)], latest)
        if not self.write:
            self.fixed.extend(resolved)
            self.diffs.append(unified_diff(result.path, source, outcome.text))
            return result
        if stdin is not None:
            self.stdin_fixed = source.encode(outcome.text)
            self.fixed.extend(resolved)
        final = linter.lint_source(replace(source, text=outcome.text), path, result.path)
        final.violations = self.visible(path, final, final.violations, final.source.text)  # a flattened page: as rendered
        if stdin is not None:
            return final
        pending = PendingWrite(path, result.path, data, source.encode(outcome.text), resolved)
        if self.defer_writes:
            self.pending_writes.append(pending)
            return final
        return self.commit(pending, final)

    def commit(self, pending: PendingWrite, final: FileResult) -> FileResult:
        """Write a fixed file; `final` is its result after the fixes. If the file changed meanwhile, is
        read-only or cannot be written, it is left as it is, said so, and its result is what it holds."""
        from gklint.run.writer import WriteRefused, write_atomic

        try:
            write_atomic(pending.path, pending.data, expected=pending.original, force=self.force)
        except WriteRefused as refused:
            self.errors.append(f"{pending.display}: {refused.zh} / {refused.en}")
            return self.lint_unfixed(pending.path)
        except OSError as error:  # a read-only folder, a full disk: the original is intact
            from gklint.read.oserror import describe

            self.errors.append(
                f"{pending.display}: 无法写入修复（{describe(error, 'zh')}），文件未改动 / "
                f"cannot write the fixes ({describe(error, 'en')}); the file was not changed"
            )
            return self.lint_unfixed(pending.path)
        self.fixed.extend(pending.applied)
        return final

    def lint_unfixed(self, path: Path) -> FileResult:
        """The file's findings as it is now on disk (its fixes were not written)."""
        fixing = self.fixing
        self.fixing = False
        try:
            return self.lint_file(path)
        finally:
            self.fixing = fixing


@dataclass
class PendingWrite:
    """A fixed file not written yet: its new bytes and the bytes they were made from."""

    path: Path
    display: str
    original: bytes
    data: bytes
    applied: list  # the findings its fixes resolve (what "已修复 N" counts once written)


def _resolved(fixable: list, remaining: list) -> list:
    """The fixable findings that the fixes made go away: what "已修复 N" counts, so that it
    agrees with the "[*] N fixable" before (one fix can settle several findings: a renumbered
    group, overlapping edits). Findings are matched by code and message, as lines move."""
    left = Counter((v.code, v.message.zh) for v in remaining)
    gone = []
    for violation in fixable:
        key = (violation.code, violation.message.zh)
        if left[key]:
            left[key] -= 1
        else:
            gone.append(violation)
    return gone


def _in_file_offsets(result: FileResult, violations: list) -> list:
    """Fix edits in the file's own offsets: a flattened page's edits translated through its virtual
    line breaks (`InsertedBreaks.source_edits`); a fix that cannot be translated is left out."""
    origins = result.source.origins if result.source is not None else None
    if not getattr(origins, "writes_back", False):
        return violations
    out = []
    for violation in violations:
        fix = violation.fix
        if fix is not None:
            edits = origins.source_edits(fix.edits)
            fix = replace(fix, edits=tuple(edits)) if edits is not None else None
        out.append(replace(violation, fix=fix))
    return out


def _fixable(result: FileResult) -> bool:
    """A file that could not be read or parsed (GK001/GK002) is never fixed."""
    return result.source is not None and result.report is not None and bool(result.report.sections)
