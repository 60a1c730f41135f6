"""The command line's options: the parser (`build_parser`) and what its values mean (selectors split
on commas, excludes anchored at the current folder, encodings checked, combinations refused)."""

from __future__ import annotations

import argparse
import codecs
from pathlib import Path

from gklint.run.config import ISSUERS, LANGS, TEMPLATES, ConfigError


def selectors(values: list[str] | None) -> list[str] | None:
    if values is None:
        return None
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gklint",
        description="政府信息公开工作年度报告合规检查 · compliance linter for government information disclosure annual reports.",
        epilog="Also: `gklint rule CODE` prints a rule's documentation; `gklint rules` lists all rules; `gklint init` writes a configuration and pre-commit hooks.",
    )
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        help="files or folders (folders: recursively, over `include`: .txt .md .pdf .docx .html; gitignored files and non-reports skipped); default: .",
    )
    parser.add_argument(
        "--format",
        help="output format: text (default; github under GitHub Actions), json, json-lines, full, sarif, github, junit, csv, html, or one a plugin adds",
    )
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
    parser.add_argument(
        "--include",
        action="append",
        metavar="GLOBS",
        help="file patterns a folder is searched for (default *.txt, *.md, *.pdf, *.docx, *.html, *.htm)",
    )
    parser.add_argument(
        "--exclude",
        action="append",
        metavar="GLOBS",
        help="files and folders to skip when searching folders (replaces `exclude`; relative to the current folder)",
    )
    parser.add_argument("--extend-exclude", action="append", metavar="GLOBS", help="more files and folders to skip, added to `exclude`")
    parser.add_argument(
        "--force-exclude",
        action="store_true",
        help="apply exclude, .gitignore and the skipping of non-reports to files named on the command line too (the pre-commit hook)",
    )
    parser.add_argument("-o", "--output-file", type=Path, help="write the report to this file instead of stdout")
    parser.add_argument(
        "--previous",
        type=Path,
        metavar="FILE",
        help="last year's report of the same body, for the cross-year checks GK7xx (default: paired automatically among the files given)",
    )
    parser.add_argument(
        "-j", "--jobs", type=int, default=1, metavar="N", help="lint files in N processes (0: one per CPU core); same results as -j 1"
    )
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
    output.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour the output: auto (on a terminal, unless NO_COLOR is set), always, never",
    )
    output.add_argument(
        "--show-settings", action="store_true", help="print the settings in effect (configuration file, selection, rules) and exit"
    )
    output.add_argument("--show-files", action="store_true", help="print the files that would be linted and exit")
    output.add_argument(
        "--encoding", metavar="NAME", help="decode text files with this encoding (e.g. gbk, big5) instead of detecting it; a BOM still wins"
    )


def cli_excludes(args) -> dict:
    """--exclude / --extend-exclude, anchored at the current folder (ruff: the config's patterns at its folder)."""
    from gklint.run.discovery import anchored

    changes = {}
    if args.exclude is not None:
        changes["exclude"] = anchored(selectors(args.exclude), Path.cwd())
    if args.extend_exclude is not None:
        changes["extend_exclude"] = anchored(selectors(args.extend_exclude), Path.cwd())
    return changes


def encoding(name: str | None) -> str | None:
    """--encoding NAME checked and normalised (gbk → gbk, UTF8 → utf-8); ConfigError for an unknown one."""
    if name is None:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        raise ConfigError(f"--encoding: unknown encoding {name!r}") from None


def usage_error(args) -> str | None:
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
