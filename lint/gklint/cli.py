"""Command line: `gklint [PATH ...]`, `gklint check`, `gklint rule CODE`, `gklint rules`, `gklint init`.

A thin shell: options (`gklint.cli_args`) → settings and a `Linter` → a `Run` over the paths
(`gklint.run.session`) → a formatter's text (`gklint.output`) → what is printed (`gklint.cli_output`).

Exit status: 0 clean, 1 findings (after --fix: findings left; with --diff: fixes to apply),
2 usage or configuration error (also a bad --baseline file or --since revision).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Sequence

from gklint.cli_args import build_parser, cli_excludes, encoding, selectors, usage_error
from gklint.cli_output import (
    emit,
    encode_output,
    fixed_line,
    print_verbose,
    settings_text,
    show_fixes_text,
    statistics_text,
    unify_output_encoding,
    use_color,
)
from gklint.core import __version__
from gklint.output.formatters import OutputContext
from gklint.run.config import LANGS, ConfigError, load_settings
from gklint.run.engine import Linter
from gklint.run.plugins import load_plugins
from gklint.run.session import Run

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
SUBCOMMANDS = ("check", "init", "rule", "rules")


class UsageError(Exception):
    """A mistake in the options or what they name: printed after `gklint: `, exit 2."""


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
        lang = (
            "en"
            if "--lang=en" in argv or ("--lang" in argv and argv[argv.index("--lang") + 1 : argv.index("--lang") + 2] == ["en"])
            else "zh"
        )
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

    args = localize(build_parser(), help_lang(argv)).parse_args(argv)
    if args.version:
        return _print_version(sys.stdout)
    try:
        linter = _linter(args)
        if args.show_settings:
            print(settings_text(linter), end="")
            return EXIT_CLEAN
        formatter = _formatter(linter, args)
        run = Run(linter, args, _baseline(args))
        paths = args.paths or [Path(".")]
        if args.show_files:
            for path, _named in linter.discover([p for p in paths if p.exists()]):
                print(path)
            return EXIT_CLEAN
        started = time.perf_counter()
        sink = _sink(run, args, paths, formatter)
        if sink is not None:  # the output printed as the reports are linted (gklint.run.stream)
            return _streamed(run, args, paths, sink, started)
        _lint(run, args, paths)
    except UsageError as error:
        print(f"gklint: {error}", file=sys.stderr)
        return EXIT_ERROR
    if args.verbose:
        print_verbose(run, linter.settings, time.perf_counter() - started)
    if args.update_baseline:
        return _update_baseline(run, args)
    return _report(run, args, formatter)


def _stdin(args, paths: list[Path]) -> bool:
    return args.stdin_filename is not None or paths == [Path("-")]


def _sink(run: Run, args, paths: list[Path], formatter):
    """The output streamed a file at a time, when it can be: files (not stdin), findings (not
    --diff, --update-baseline) and a format that streams (not the HTML page, nor a plugin's without
    `piece`/`stream`). None: the whole batch is kept and formatted at the end."""
    if _stdin(args, paths) or args.diff or args.update_baseline:
        return None
    from gklint.run.stream import sink_for

    color = use_color(args.color, sys.stdout, args.output_file)
    context = OutputContext(lang=run.linter.settings.lang, color=color, quiet=args.quiet)
    sink = sink_for(formatter, args.format, context, args.statistics)
    return sink.bind(run.linter.formatters) if sink is not None else None


def _streamed(run: Run, args, paths: list[Path], sink, started: float) -> int:
    """Lint with the output streamed; then the notes, counts and fixes said at the end (as `_report`)."""
    from gklint.cli_output import StreamedOutput

    linter, lang = run.linter, run.linter.settings.lang
    if args.since:
        from gklint.run.changed_lines import GitError, changed_since

        try:
            run.changes = changed_since(args.since, paths)
        except GitError as error:
            raise UsageError(str(error)) from None
    out = StreamedOutput(args)
    run.sink = sink
    text = args.format == "text"

    def nothing_linted() -> bool:  # ruff: "No Python files found" is a warning, and no "all passed"
        return run.linted == 0 and not run.reported and not args.since

    def write(chunk: str) -> None:
        if not (text and nothing_linted()):
            out.write(chunk)

    try:
        sink.stream(run.iter_all(paths), write, rules=linter.rules)
    except BaseException:
        out.close()
        raise
    if args.verbose:
        print_verbose(run, linter.settings, time.perf_counter() - started)
    for message in run.errors:
        print(f"gklint: {message}", file=sys.stderr)
    for note in [] if args.quiet else linter.history.notes:
        print(f"gklint: {note}", file=sys.stderr)
    if getattr(args, "verbose", 0):
        for path in run.skipped:
            print(f"gklint: {path}: 不是年度报告（无标题、无章节），已跳过 / not a report (no title, no section); skipped", file=sys.stderr)
    if nothing_linted():
        print("gklint: 警告：未找到要检查的报告文件 / warning: no report files found", file=sys.stderr)
    if args.statistics and not sink.statistics:
        stats = statistics_text(run.tally, lang, linter.rules)
        if text:
            out.write(stats)
        else:
            sys.stderr.write(stats)
    if args.fix and (run.fixed or args.show_fixes) and not args.quiet:
        report = show_fixes_text(run.fixed, lang, linter.rules) if args.show_fixes else fixed_line(len(run.fixed), lang) + "\n"
        if text:
            out.write(report)
        else:
            sys.stderr.write(report)
    if not out.close():
        return EXIT_ERROR
    found = run.tally.found or bool(run.errors)
    return EXIT_FINDINGS if found and not args.exit_zero else EXIT_CLEAN


def _linter(args) -> Linter:
    """The settings (configuration file, then the options) and a linter with its rules and plugins."""
    try:
        settings = load_settings(Path.cwd(), args.config, args.isolated)
        settings = settings.override(
            select=selectors(args.select),
            extend_select=(settings.extend_select + selectors(args.extend_select)) if args.extend_select else None,
            ignore=(settings.ignore + selectors(args.ignore)) if args.ignore else None,
            lang=args.lang,
            template=args.template,
            issuer=args.issuer,
            include=selectors(args.include),
            **cli_excludes(args),
            encoding=encoding(args.encoding),
        )
        linter = Linter(settings)
        if not linter.selected:  # ruff: an empty selection is a mistake, not a clean run
            raise ConfigError("没有选中任何规则 / no rules selected (check --select, --ignore and `select`)")
    except ConfigError as error:
        raise UsageError(f"配置错误 / configuration error: {error}") from None
    return linter


def _formatter(linter: Linter, args):
    """The --format's formatter (GitHub Actions annotations by default under GITHUB_ACTIONS); the
    other options checked together; --previous read (GK7xx: every file compared with it)."""
    if args.format is None:
        from gklint.output import default_format

        args.format = default_format()
    formatter = linter.formatters.get(args.format)
    if formatter is None:
        known = ", ".join(sorted(linter.formatters))
        raise UsageError(f"未知的 --format {args.format!r}（可用：{known}）/ unknown --format {args.format!r} (known: {known})")
    usage = usage_error(args)
    if usage:
        raise UsageError(usage)
    if args.previous is not None:
        from gklint.run.history import HistoryError

        try:
            linter.history.use_previous(linter, args.previous)
        except HistoryError as error:
            raise UsageError(str(error)) from None
    return formatter


def _baseline(args):
    """--baseline FILE (gklint.run.baseline and hashlib only then); with --update-baseline an empty one."""
    if not args.baseline:
        return None
    from gklint.run.baseline import Baseline, BaselineError, load

    if args.update_baseline:
        return Baseline(args.baseline)  # record everything: the old baseline hides nothing
    try:
        return load(args.baseline)
    except BaselineError as error:
        raise UsageError(str(error)) from None


def _lint(run: Run, args, paths: list[Path]) -> None:
    """Lint stdin or the paths (with --since: the changed files and lines)."""
    linter = run.linter
    if _stdin(args, paths):
        if args.since:
            raise UsageError("--since 只用于文件，不用于标准输入 / --since works on files, not on stdin")
        from gklint.read.readers import lint_stdin

        if run.fixing:  # ruff's way: the fixed text on stdout, the findings left on stderr
            run.stdin_display = args.stdin_filename or "-"
            run.results = [
                *linter.plugin_error_results(),
                run.lint_file(Path(args.stdin_filename or "stdin.txt"), stdin=sys.stdin.buffer.read()),
            ]
        else:
            run.results = [*linter.plugin_error_results(), lint_stdin(linter, args.stdin_filename)]
        return
    if args.since:
        from gklint.run.changed_lines import GitError, changed_since

        try:
            run.changes = changed_since(args.since, paths)
        except GitError as error:
            raise UsageError(str(error)) from None
    run.lint_all(paths)


def _update_baseline(run: Run, args) -> int:
    from gklint.run.baseline import write

    try:
        count = write(args.baseline, run.results)
    except OSError as error:
        print(f"gklint: cannot write the baseline {args.baseline}: {error.strerror or error}", file=sys.stderr)
        return EXIT_ERROR
    print(f"gklint: 已将 {count} 个问题记入基线 {args.baseline} / recorded {count} findings in {args.baseline}", file=sys.stderr)
    return EXIT_CLEAN


def _report(run: Run, args, formatter) -> int:
    """Notes on stderr, then the formatter's text (or the diff, or the fixed stdin) and the exit code."""
    linter, lang = run.linter, run.linter.settings.lang
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
        if not emit(args, b"".join(run.diffs)):
            return EXIT_ERROR
        if run.fixed and not args.quiet:
            print(fixed_line(len(run.fixed), lang, would=True), file=sys.stderr)
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
        stats = statistics_text(results, lang, linter.rules)
        if args.format == "text":
            output = stats
        else:
            sys.stderr.write(stats)
    if args.fix and (run.fixed or args.show_fixes) and not args.quiet:
        report = show_fixes_text(run.fixed, lang, linter.rules) if args.show_fixes else fixed_line(len(run.fixed), lang) + "\n"
        if args.format == "text":
            output += report
        else:
            sys.stderr.write(report)
    if to_stderr:
        sys.stderr.write(output)
    if not emit(args, run.stdin_fixed if to_stderr else encode_output(args, output)):
        return EXIT_ERROR

    found = any(r.violations for r in results) or bool(run.errors)
    return EXIT_FINDINGS if found and not args.exit_zero else EXIT_CLEAN


def _print_version(stream) -> int:
    plugins = load_plugins()
    print(f"gklint {__version__}", file=stream)
    print("plugins:", file=stream)
    for info in plugins.info:
        print(f"  {info.name} ({info.distribution} {info.version})", file=stream)
    plugins.rules()  # a rule module that fails to load is one of the errors too
    for error in plugins.errors:
        what = f"module {error.module}" if error.module else error.what
        print(f"  {error.plugin}: FAILED ({what}: {error.error})", file=stream)
    return EXIT_CLEAN


def _rule_command(args: list[str], lang: str) -> int:
    from gklint.output.docs import render_rule, render_rule_list

    plugins = load_plugins()
    rules = plugins.rules()
    if args and args[0] == "rules":
        print(render_rule_list(rules, lang))
        return EXIT_CLEAN
    if len(args) != 2 or args[1] in ("-h", "--help"):
        usage = (
            "用法：gklint rule CODE [--lang en]（CODE 为规则代码或名称）"
            if lang == "zh"
            else "usage: gklint rule CODE [--lang en] (a rule's code or name)"
        )
        print(usage, file=sys.stdout if len(args) == 2 else sys.stderr)
        return EXIT_CLEAN if len(args) == 2 else EXIT_ERROR
    wanted = args[1]
    rule = rules.get(wanted.upper()) or next((r for r in rules.values() if r.name == wanted), None)
    if rule is None:
        print(f"gklint: 没有这条规则 / no such rule: {wanted}（见 `gklint rules` / see `gklint rules`）", file=sys.stderr)
        return EXIT_ERROR
    print(render_rule(rule, lang))
    return EXIT_CLEAN


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
