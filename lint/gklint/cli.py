"""Command line: `gklint [PATH ...]`, `gklint rule CODE`, `gklint rules`.

Exit status: 0 clean, 1 findings, 2 usage or configuration error.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import Sequence

from . import __version__
from .config import LANGS, TEMPLATES, ISSUERS, ConfigError, load_settings
from .engine import Linter
from .formatters import OutputContext
from .plugins import load_plugins
from .violation import Applicability

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _selectors(values: list[str] | None) -> list[str] | None:
    if values is None:
        return None
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gklint",
        description="政府信息公开工作年度报告合规检查 · compliance linter for government information disclosure annual reports.",
        epilog="Also: `gklint rule CODE` prints a rule's documentation; `gklint rules` lists all rules.",
    )
    parser.add_argument("paths", nargs="*", type=Path, help="files or folders (folders: .txt and .md, recursively); default: .")
    parser.add_argument("--format", default="text", help="output format: text (default), json, or one a plugin adds")
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
    parser.add_argument("--output-file", type=Path, help="write the report to this file instead of stdout")
    parser.add_argument("--version", action="store_true", help="print the version and loaded plugins")
    return parser


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
    from .docs import render_rule, render_rule_list

    plugins = load_plugins()
    rules = plugins.rules()
    if args and args[0] == "rules":
        print(render_rule_list(rules, lang))
        return EXIT_CLEAN
    if len(args) != 2:
        print("gklint: usage: gklint rule CODE", file=sys.stderr)
        return EXIT_ERROR
    wanted = args[1]
    rule = rules.get(wanted.upper()) or next((r for r in rules.values() if r.name == wanted), None)
    if rule is None:
        print(f"gklint: no such rule: {wanted} (see `gklint rules`)", file=sys.stderr)
        return EXIT_ERROR
    print(render_rule(rule, lang))
    return EXIT_CLEAN


def _statistics(results, lang: str, rules) -> str:
    counts = Counter(v.code for r in results for v in r.violations)
    fixable = {v.code for r in results for v in r.violations if v.fix and v.fix.applicability is Applicability.SAFE}
    width = max((len(str(n)) for n in counts.values()), default=1)
    rows = []
    for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        rule = rules.get(code)
        summary = (rule.summary if lang == "zh" else rule.summary_en) if rule else ""
        marker = "[*]" if code in fixable else "   "
        rows.append(f"{count:>{width}}  {code}  {marker} {summary}")
    return "\n".join(rows) + ("\n" if rows else "")


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # Subcommands win over paths (as in git and ruff): lint a folder named "rules" as ./rules.
    if argv and argv[0] in ("rule", "rules"):
        lang = "en" if "--lang=en" in argv or ("--lang" in argv and argv[argv.index("--lang") + 1 : argv.index("--lang") + 2] == ["en"]) else "zh"
        rest = [a for a in argv if not a.startswith("--lang") and a not in LANGS]
        return _rule_command(rest, lang)

    parser = build_parser()
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
        )
        linter = Linter(settings)
    except ConfigError as error:
        print(f"gklint: 配置错误 / configuration error: {error}", file=sys.stderr)
        return EXIT_ERROR

    formatter = linter.formatters.get(args.format)
    if formatter is None:
        print(f"gklint: unknown --format {args.format!r} (known: {', '.join(sorted(linter.formatters))})", file=sys.stderr)
        return EXIT_ERROR

    paths = args.paths or [Path(".")]
    missing = [p for p in paths if not p.exists()]
    results = linter.plugin_error_results()
    for path in linter.discover([p for p in paths if p.exists()]):
        results.append(linter.lint_path(path))
    for path in missing:
        results.append(linter.lint_path(path))

    output = formatter.format(results, OutputContext(lang=settings.lang))
    if args.statistics:
        # ruff's --statistics: counts per code instead of the findings (to stderr for machine formats).
        stats = _statistics(results, settings.lang, linter.rules)
        if args.format == "text":
            output = stats
        else:
            sys.stderr.write(stats)
    if args.output_file:
        args.output_file.write_text(output, encoding="utf-8")
    else:
        sys.stdout.write(output)
        sys.stdout.flush()

    found = any(r.violations for r in results)
    return EXIT_FINDINGS if found and not args.exit_zero else EXIT_CLEAN


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
