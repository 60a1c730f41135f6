"""Command line: `gklint [PATH ...]`, `gklint rule CODE`, `gklint rules`.

Exit status: 0 clean, 1 findings (after --fix: findings left; with --diff: fixes to apply),
2 usage or configuration error (also a bad --baseline file or --since revision).
"""

from __future__ import annotations

import argparse
import codecs
import os
import sys
import time
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from dataclasses import dataclass, replace

from gklint.core import __version__
from gklint.cli_output import encode_output, print_verbose, settings_text, unify_output_encoding, use_color
from gklint.run.config import LANGS, TEMPLATES, ISSUERS, ConfigError, load_settings
from gklint.run.engine import FileResult, Linter
from gklint.output.formatters import OutputContext, writable_fix
from gklint.run.plugins import load_plugins
from gklint.read.source import ReadError, read_file
from gklint.core.violation import Applicability

if TYPE_CHECKING:
    from gklint.run.fixes import FixOutcome

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _selectors(values: list[str] | None) -> list[str] | None:
    if values is None:
        return None
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gklint",
        description="政府信息公开工作年度报告合规检查 · compliance linter for government information disclosure annual reports.",
        epilog="Also: `gklint rule CODE` prints a rule's documentation; `gklint rules` lists all rules; `gklint init` writes a configuration and pre-commit hooks.",
    )
    parser.add_argument("paths", nargs="*", type=Path, help="files or folders (folders: recursively, over `include`: .txt .md .pdf .docx .html; gitignored files and non-reports skipped); default: .")
    parser.add_argument("--format", help="output format: text (default; github under GitHub Actions), json, json-lines, full, sarif, github, junit, csv, html, or one a plugin adds")
    parser.add_argument("--select", action="append", metavar="CODES", help="rules to run (code prefixes, names, ALL); replaces the default")
    parser.add_argument("--extend-select", action="append", metavar="CODES", help="rules to add to the selection")
    parser.add_argument("--ignore", action="append", metavar="CODES", help="rules to skip")
    parser.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    parser.add_argument("--statistics", action="store_true", help="print the number of findings per code")
    parser.add_argument("--lang", choices=LANGS, help="message language (default zh)")
    parser.add_argument("--template", choices=TEMPLATES, help="template version (default auto: by report year)")
    parser.add_argument("--issuer", choices=ISSUERS, help="department (deadline 1月31日, default) or government (3月31日)")
    parser.add_argument("--config", type=Path, help="use this config file (gklint.toml or pyproject.toml)")
    parser.add_argument("--isolated", action="store_true", help="ignore all configuration files")
    parser.add_argument("--stdin-filename", metavar="NAME", help="lint the text piped on stdin as the file NAME (path `-` does the same)")
    parser.add_argument("--include", action="append", metavar="GLOBS", help="file patterns a folder is searched for (default *.txt, *.md, *.pdf, *.docx, *.html, *.htm)")
    parser.add_argument("--exclude", action="append", metavar="GLOBS", help="files and folders to skip when searching folders (replaces `exclude`; relative to the current folder)")
    parser.add_argument("--extend-exclude", action="append", metavar="GLOBS", help="more files and folders to skip, added to `exclude`")
    parser.add_argument("--force-exclude", action="store_true", help="apply exclude, .gitignore and the skipping of non-reports to files named on the command line too (the pre-commit hook)")
    parser.add_argument("-o", "--output-file", type=Path, help="write the report to this file instead of stdout")
    parser.add_argument("--previous", type=Path, metavar="FILE", help="last year's report of the same body, for the cross-year checks GK7xx (default: paired automatically among the files given)")
    parser.add_argument("-j", "--jobs", type=int, default=1, metavar="N", help="lint files in N processes (0: one per CPU core); same results as -j 1")
    parser.add_argument("--version", action="store_true", help="print the version and loaded plugins")
    fixes = parser.add_argument_group("fixes")
    fixes.add_argument("--fix", action="store_true", help="apply safe fixes ([*]) to the files, then report what remains")
    fixes.add_argument("--unsafe-fixes", action="store_true", help="with --fix or --diff: apply unsafe fixes too (review them)")
    fixes.add_argument("--diff", action="store_true", help="print the fixes as a unified diff instead of writing (exit 1 if there are any)")
    fixes.add_argument("--show-fixes", action="store_true", help="with --fix: list what was fixed, per file and code")
    fixes.add_argument("--force", action="store_true", help="with --fix: rewrite read-only files too (refused by default, as editors do)")
    scope = parser.add_argument_group("suppression and scope")
    scope.add_argument("--baseline", type=Path, metavar="FILE", help="hide the findings recorded in FILE")
    scope.add_argument("--update-baseline", action="store_true", help="record all current findings in the --baseline FILE")
    scope.add_argument("--since", metavar="REV", help="lint files changed since git revision REV; report findings on changed lines")
    _add_output_flags(parser)
    return parser


def _add_output_flags(parser: argparse.ArgumentParser) -> None:
    """ruff's conventions for what is printed and how."""
    output = parser.add_argument_group("output")
    output.add_argument("-q", "--quiet", action="store_true", help="print the findings only, no summary or notes")
    output.add_argument("-v", "--verbose", action="store_true", help="also print what the run did (configuration, files, time) on stderr")
    output.add_argument("--color", choices=("auto", "always", "never"), default="auto", help="colour the output: auto (on a terminal, unless NO_COLOR is set), always, never")
    output.add_argument("--show-settings", action="store_true", help="print the settings in effect (configuration file, selection, rules) and exit")
    output.add_argument("--show-files", action="store_true", help="print the files that would be linted and exit")
    output.add_argument("--encoding", metavar="NAME", help="decode text files with this encoding (e.g. gbk, big5) instead of detecting it; a BOM still wins")


def _print_version(stream) -> int:
    plugins = load_plugins()
    print(f"gklint {__version__}", file=stream)
    print("plugins:", file=stream)
    for info in plugins.info:
        print(f"  {info.name} ({info.distribution} {info.version})", file=stream)
    for error in plugins.errors:
        print(f"  {error.plugin}: FAILED ({error.what}: {error.error})", file=stream)
    return EXIT_CLEAN


def _rule_command(args: list[str], lang: str) -> int:
    from gklint.output.docs import render_rule, render_rule_list

    plugins = load_plugins()
    rules = plugins.rules()
    if args and args[0] == "rules":
        print(render_rule_list(rules, lang))
        return EXIT_CLEAN
    if len(args) != 2 or args[1] in ("-h", "--help"):
        usage = "用法：gklint rule CODE [--lang en]（CODE 为规则代码或名称）" if lang == "zh" else "usage: gklint rule CODE [--lang en] (a rule's code or name)"
        print(usage, file=sys.stdout if len(args) == 2 else sys.stderr)
        return EXIT_CLEAN if len(args) == 2 else EXIT_ERROR
    wanted = args[1]
    rule = rules.get(wanted.upper()) or next((r for r in rules.values() if r.name == wanted), None)
    if rule is None:
        print(f"gklint: 没有这条规则 / no such rule: {wanted}（见 `gklint rules` / see `gklint rules`）", file=sys.stderr)
        return EXIT_ERROR
    print(render_rule(rule, lang))
    return EXIT_CLEAN


def _statistics(results, lang: str, rules) -> str:
    counts = Counter(v.code for r in results for v in r.violations)
    fixable = {v.code for r in results for v in r.violations if writable_fix(r, v)}
    width = max((len(str(n)) for n in counts.values()), default=1)
    rows = []
    for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        rule = rules.get(code)
        summary = (rule.summary if lang == "zh" else rule.summary_en) if rule else ""
        marker = "[*]" if code in fixable else "   "
        rows.append(f"{count:>{width}}  {code}  {marker} {summary}")
    return "\n".join(rows) + ("\n" if rows else "")


SUBCOMMANDS = ("check", "init", "rule", "rules")


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    unify_output_encoding()
    # Subcommands win over paths, as in ruff: `gklint rules` lists the rules even where a folder
    # named rules exists; `gklint check rules` lints that folder.
    if argv and argv[0] == "check":
        return check(argv[1:])
    if argv and argv[0] in SUBCOMMANDS:
        _note_shadowed_path(argv[0])
    if argv and argv[0] == "init":  # gklint.init: write a configuration and the pre-commit hooks
        from gklint.init import main as init_main

        return init_main(argv[1:])
    if argv and argv[0] in ("rule", "rules"):
        lang = "en" if "--lang=en" in argv or ("--lang" in argv and argv[argv.index("--lang") + 1 : argv.index("--lang") + 2] == ["en"]) else "zh"
        rest = [a for a in argv if not a.startswith("--lang") and a not in LANGS]
        return _rule_command(rest, lang)
    return check(argv)


def _note_shadowed_path(name: str) -> None:
    """A file, or a folder holding reports, named like the subcommand: say how to lint it."""
    path = Path(name)
    holds_reports = path.is_dir() and any(next(path.rglob(pattern), None) for pattern in ("*.txt", "*.md", "*.pdf"))
    if path.is_file() or holds_reports:
        print(
            f"gklint: `{name}` 是子命令；要检查名为 {name} 的文件或文件夹，请用 `gklint check {name}` / "
            f"`{name}` is a subcommand; to lint the path {name}, use `gklint check {name}`",
            file=sys.stderr,
        )


def check(argv: list[str]) -> int:
    """`gklint check [OPTIONS] [PATH …]`: lint, fix or diff."""
    from gklint.cli_help import help_lang, localize

    parser = localize(build_parser(), help_lang(argv))
    args = parser.parse_args(argv)
    if args.version:
        return _print_version(sys.stdout)

    try:
        settings = load_settings(Path.cwd(), args.config, args.isolated)
        settings = settings.override(
            select=_selectors(args.select),
            extend_select=(settings.extend_select + _selectors(args.extend_select)) if args.extend_select else None,
            ignore=(settings.ignore + _selectors(args.ignore)) if args.ignore else None,
            lang=args.lang,
            template=args.template,
            issuer=args.issuer,
            include=_selectors(args.include),
            **_cli_excludes(args),
            encoding=_encoding(args.encoding),
        )
        linter = Linter(settings)
        if not linter.selected:  # ruff: an empty selection is a mistake, not a clean run
            raise ConfigError("没有选中任何规则 / no rules selected (check --select, --ignore and `select`)")
    except ConfigError as error:
        print(f"gklint: 配置错误 / configuration error: {error}", file=sys.stderr)
        return EXIT_ERROR
    if args.show_settings:
        print(settings_text(linter), end="")
        return EXIT_CLEAN

    if args.format is None:  # GitHub Actions annotations when GITHUB_ACTIONS is set (gklint.output)
        from gklint.output import default_format

        args.format = default_format()
    formatter = linter.formatters.get(args.format)
    if formatter is None:
        known = ", ".join(sorted(linter.formatters))
        print(f"gklint: 未知的 --format {args.format!r}（可用：{known}）/ unknown --format {args.format!r} (known: {known})", file=sys.stderr)
        return EXIT_ERROR
    usage = _usage_error(args)
    if usage:
        print(f"gklint: {usage}", file=sys.stderr)
        return EXIT_ERROR

    if args.previous is not None:  # GK7xx: every file is compared with this report (gklint.run.history)
        from gklint.run.history import HistoryError

        try:
            linter.history.use_previous(linter, args.previous)
        except HistoryError as error:
            print(f"gklint: {error}", file=sys.stderr)
            return EXIT_ERROR

    baseline = None
    if args.baseline:  # gklint.run.baseline (and hashlib) only with --baseline
        from gklint.run.baseline import BaselineError

        try:
            baseline = _baseline(args)
        except BaselineError as error:
            print(f"gklint: {error}", file=sys.stderr)
            return EXIT_ERROR
    run = Run(linter, args, baseline)
    paths = args.paths or [Path(".")]
    if args.show_files:
        for path, _named in linter.discover([p for p in paths if p.exists()]):
            print(path)
        return EXIT_CLEAN
    started = time.perf_counter()
    if args.stdin_filename is not None or paths == [Path("-")]:
        if args.since:
            print("gklint: --since 只用于文件，不用于标准输入 / --since works on files, not on stdin", file=sys.stderr)
            return EXIT_ERROR
        from gklint.read.readers import lint_stdin

        if run.fixing:  # ruff's way: the fixed text on stdout, the findings left on stderr
            run.stdin_display = args.stdin_filename or "-"
            run.results = [*linter.plugin_error_results(), run.lint_file(Path(args.stdin_filename or "stdin.txt"), stdin=sys.stdin.buffer.read())]
        else:
            run.results = [*linter.plugin_error_results(), lint_stdin(linter, args.stdin_filename)]
        paths = []
    if args.since:
        from gklint.run.changed_lines import GitError, changed_since

        try:
            run.changes = changed_since(args.since, paths)
        except GitError as error:
            print(f"gklint: {error}", file=sys.stderr)
            return EXIT_ERROR
    if paths:
        run.lint_all(paths)

    lang = settings.lang
    if args.verbose:
        print_verbose(run, settings, time.perf_counter() - started)
    if args.update_baseline:
        from gklint.run.baseline import write

        try:
            count = write(args.baseline, run.results)
        except OSError as error:
            print(f"gklint: cannot write the baseline {args.baseline}: {error.strerror or error}", file=sys.stderr)
            return EXIT_ERROR
        print(f"gklint: 已将 {count} 个问题记入基线 {args.baseline} / recorded {count} findings in {args.baseline}", file=sys.stderr)
        return EXIT_CLEAN

    for message in run.errors:
        print(f"gklint: {message}", file=sys.stderr)
    for note in [] if args.quiet else linter.history.notes:
        print(f"gklint: {note}", file=sys.stderr)
    if getattr(args, "verbose", 0):
        for path in run.skipped:
            print(f"gklint: {path}: 不是年度报告（无标题、无章节），已跳过 / not a report (no title, no section); skipped", file=sys.stderr)
    nothing_linted = run.linted == 0 and not run.results and not args.since  # --since: nothing changed is a pass
    if nothing_linted:  # ruff: "No Python files found" is a warning, exit 0, and no "all passed"
        print("gklint: 警告：未找到要检查的报告文件 / warning: no report files found", file=sys.stderr)

    if args.diff:
        if not _emit(args, b"".join(run.diffs)):
            return EXIT_ERROR
        if run.fixed and not args.quiet:
            print(_fixed_line(len(run.fixed), lang, would=True), file=sys.stderr)
        return EXIT_FINDINGS if run.diffs or run.errors else EXIT_CLEAN

    results = run.results
    to_stderr = run.stdin_fixed is not None  # stdout carries the fixed text
    color = use_color(args.color, sys.stderr if to_stderr else sys.stdout, args.output_file)
    output = formatter.format(results, OutputContext(lang=lang, rules=linter.rules, color=color, quiet=args.quiet))
    if nothing_linted and args.format == "text":
        output = ""
    per_report = getattr(formatter, "statistics", None) if args.statistics else None
    if per_report is not None:  # a format with its own counts (csv: a row a report, a column a code)
        output = per_report(results, OutputContext(lang=lang, rules=linter.rules))
    elif args.statistics:
        # ruff's --statistics: counts per code instead of the findings (to stderr for machine formats).
        stats = _statistics(results, lang, linter.rules)
        if args.format == "text":
            output = stats
        else:
            sys.stderr.write(stats)
    if args.fix and (run.fixed or args.show_fixes) and not args.quiet:
        report = _show_fixes(run.fixed, lang, linter.rules) if args.show_fixes else _fixed_line(len(run.fixed), lang) + "\n"
        if args.format == "text":
            output += report
        else:
            sys.stderr.write(report)
    if to_stderr:
        sys.stderr.write(output)
    if not _emit(args, run.stdin_fixed if to_stderr else encode_output(args, output)):
        return EXIT_ERROR

    found = any(r.violations for r in results) or bool(run.errors)
    return EXIT_FINDINGS if found and not args.exit_zero else EXIT_CLEAN


def _cli_excludes(args) -> dict:
    """--exclude / --extend-exclude, anchored at the current folder (ruff: the config's patterns at its folder)."""
    from gklint.run.discovery import anchored

    changes = {}
    if args.exclude is not None:
        changes["exclude"] = anchored(_selectors(args.exclude), Path.cwd())
    if args.extend_exclude is not None:
        changes["extend_exclude"] = anchored(_selectors(args.extend_exclude), Path.cwd())
    return changes


def _encoding(name: str | None) -> str | None:
    """--encoding NAME checked and normalised (gbk → gbk, UTF8 → utf-8); ConfigError for an unknown one."""
    if name is None:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        raise ConfigError(f"--encoding: unknown encoding {name!r}") from None


def _usage_error(args) -> str | None:
    if args.update_baseline and not args.baseline:
        return "--update-baseline 需要 --baseline FILE / --update-baseline needs --baseline FILE"
    if args.update_baseline and (args.fix or args.diff or args.since):
        return "--update-baseline 只记录问题，不能与 --fix、--diff 或 --since 同用 / --update-baseline records findings; it cannot be combined with --fix, --diff or --since"
    if args.jobs < 0:
        return "--jobs N 需要 N ≥ 0（0：每个 CPU 核一个进程）/ --jobs N needs N ≥ 0 (0: one process per CPU core)"
    if args.show_fixes and not (args.fix or args.diff):
        return "--show-fixes 列出 --fix 修复的内容，请加上 --fix / --show-fixes lists what --fix fixed; add --fix"
    for option, path in (("--output-file", args.output_file), ("--baseline", args.baseline)):
        if path is not None and path.is_dir():
            return f"{option} {path} 是文件夹，请给出文件 / {option} {path} is a folder; give a file"
    return None


def _baseline(args):
    from gklint.run.baseline import Baseline, load

    if args.update_baseline:
        return Baseline(args.baseline)  # record everything: the old baseline hides nothing
    return load(args.baseline)


def _emit(args, data: bytes) -> bool:
    """Bytes to --output-file or stdout (diffs keep each file's own encoding); False, with the
    reason on stderr, when --output-file cannot be written."""
    if args.output_file:
        try:
            args.output_file.write_bytes(data)
        except OSError as error:
            from gklint.read.oserror import describe

            print(
                f"gklint: 无法写入 --output-file {args.output_file}：{describe(error, 'zh')} / "
                f"cannot write --output-file {args.output_file}: {describe(error, 'en')}",
                file=sys.stderr,
            )
            return False
        return True
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is not None:
        buffer.write(data)
        buffer.flush()
    else:  # pragma: no cover - a text-only stream
        sys.stdout.write(data.decode("utf-8", "replace"))
        sys.stdout.flush()
    return True


def _fixed_line(count: int, lang: str, would: bool = False) -> str:
    if lang == "zh":
        return f"{'可修复' if would else '已修复'} {count} 个问题。"
    return f"{'Would fix' if would else 'Fixed'} {count} problem{'s' if count != 1 else ''}."


def _show_fixes(fixed: list, lang: str, rules) -> str:
    """ruff's --show-fixes: per file, how many of each code were fixed."""
    if not fixed:
        return ("没有可修复的问题。" if lang == "zh" else "No fixes applied.") + "\n"
    lines = [_fixed_line(len(fixed), lang).rstrip("。.") + ("：" if lang == "zh" else ":")]
    by_file: dict[str, Counter] = {}
    for violation in fixed:
        by_file.setdefault(violation.path, Counter())[violation.code] += 1
    for path in sorted(by_file):
        lines.append(f"- {path}:")
        counts = by_file[path]
        width = max(len(str(n)) for n in counts.values())
        for code in sorted(counts):
            rule = rules.get(code)
            name = rule.name if rule else ""
            lines.append(f"    {counts[code]:>{width}} × {code} ({name})")
    return "\n".join(lines) + "\n"


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

    def lint_all(self, paths: list[Path]) -> None:
        linter = self.linter
        missing = [p for p in paths if not p.exists()]
        self.results = linter.plugin_error_results()
        found = [
            (path, named)
            for path, named in linter.discover([p for p in paths if p.exists()], self.force_exclude)
            if self.changes is None or self.changes.lines_for(path) is not False
        ]
        files = [path for path, _named in found]
        # Found in a folder (or any file under --force-exclude, the hook's): skipped if not a report.
        searched = {str(path) for path, named in found if not named or self.force_exclude}
        linter.plan_history(files, [path for path, named in found if named])  # GK7xx: pair each report with its body's previous year (gklint.run.history)
        self.history = linter.history.export()  # that pairing, for -j workers
        from gklint.run.parallel import lint_files  # self.lint_file per file, in -j N processes; progress bar

        for result in lint_files(self, files, self.jobs):
            if result.not_a_report and result.path in searched:
                self.skipped.append(result.path)
            else:
                self.results.append(result)
        for path in missing:
            self.results.append(linter.lint_path(path))
        self.linted = len(files) - len(self.skipped) + len(missing)

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

    def commit(self, pending: "PendingWrite", final: FileResult) -> FileResult:
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


class Terminated(KeyboardInterrupt):
    """SIGTERM: the run stops as on Ctrl-C (workers stopped, no file half written), exit 143."""


def _terminate(signum, frame) -> None:
    raise Terminated()


def entry_point() -> None:
    """The console script: `gklint … | head` must not end in a BrokenPipeError traceback."""
    import signal

    signal.signal(signal.SIGTERM, _terminate)
    try:
        code = main()
        sys.stdout.flush()
    except BrokenPipeError:
        # Python flushes stdout again at exit; point it at devnull so that cannot raise.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = EXIT_CLEAN
    except Terminated:
        code = 128 + 15
    except KeyboardInterrupt:
        code = 130
    sys.exit(code)


if __name__ == "__main__":  # pragma: no cover
    entry_point()
