"""What the command line prints and how: --show-settings, -v, --statistics, --show-fixes, colour, one output
encoding, and the bytes to stdout or --output-file."""

from __future__ import annotations

import codecs
import os
import sys
from collections import Counter
from typing import TYPE_CHECKING

from gklint.read.source import GB18030

if TYPE_CHECKING:
    from gklint.run.engine import Linter
    from gklint.run.session import Run


def settings_text(linter: Linter) -> str:
    """ruff's --show-settings: what this run would use."""
    settings = linter.settings
    lines = [f"config file: {settings.config_path or '(none: defaults)'}"]
    for name in (
        "select",
        "extend_select",
        "ignore",
        "per_file_ignores",
        "lang",
        "template",
        "issuer",
        "include",
        "exclude",
        "rule_options",
        "encoding",
    ):
        lines.append(f"{name.replace('_', '-')}: {getattr(settings, name, None)!r}")
    lines.append(f"rules selected ({len(linter.selected)}): {' '.join(sorted(linter.selected))}")
    lines.append(f"formats: {' '.join(sorted(linter.formatters))}")
    readers = [f"{reader.name} ({' '.join(reader.suffixes)})" for reader in linter.readers]
    lines.append(f"readers: {', '.join(readers)}")
    return "\n".join(lines) + "\n"


def print_verbose(run: Run, settings, seconds: float) -> None:
    zh = settings.lang == "zh"
    config = settings.config_path or ("无（默认设置）" if zh else "none (defaults)")
    files = run.reported or len(run.results)  # a streamed run keeps no results
    print(f"gklint: {'配置文件' if zh else 'configuration'}: {config}", file=sys.stderr)
    if zh:
        print(f"gklint: 检查了 {files} 个文件，用时 {seconds:.2f} 秒", file=sys.stderr)
    else:
        print(f"gklint: linted {files} file{'s' if files != 1 else ''} in {seconds:.2f} s", file=sys.stderr)


def use_color(choice: str, stream, output_file) -> bool:
    """--color: auto colours a terminal unless NO_COLOR is set (https://no-color.org) or TERM=dumb."""
    if choice != "auto":
        return choice == "always"
    if output_file or os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def output_encoding(stream) -> str:
    """The one encoding of stdout and stderr: the stream's own, GBK widened to GB18030 (its
    superset, the same bytes for every GBK character) so no character is lost."""
    name = codecs.lookup(getattr(stream, "encoding", None) or "utf-8").name
    return GB18030 if name in ("gbk", "gb2312", "cp936") else name


def unify_output_encoding() -> None:
    """stdout and stderr in one encoding: a log of both (`> log 2>&1`) under a GBK console must
    not mix GBK and UTF-8. Characters the encoding lacks become escapes, never an error."""
    encoding = output_encoding(sys.stdout)
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        current = getattr(stream, "encoding", None)
        isatty = getattr(stream, "isatty", None)
        if isatty is not None and isatty():
            continue  # a terminal shows text in its own encoding (Windows: the console's Unicode API)
        if reconfigure is not None and current and codecs.lookup(current).name != encoding:
            stream.flush()
            reconfigure(encoding=encoding, errors="backslashreplace")


def encode_output(args, output: str) -> bytes:
    """The report's text as bytes: UTF-8 into --output-file, else stdout's encoding."""
    if args.output_file:
        return output.encode("utf-8", "backslashreplace")  # a file name that is not UTF-8: \udcff
    return output.encode(output_encoding(sys.stdout), "backslashreplace")


def statistics_text(results, lang: str, rules) -> str:
    """ruff's --statistics from the run's results or its `Tally` (a streamed run's counts)."""
    from gklint.run.stream import Tally

    tally = results if isinstance(results, Tally) else Tally.of(results)
    counts, fixable = tally.codes, tally.fixable
    width = max((len(str(n)) for n in counts.values()), default=1)
    rows = []
    for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        rule = rules.get(code)
        summary = (rule.summary if lang == "zh" else rule.summary_en) if rule else ""
        marker = "[*]" if code in fixable else "   "
        rows.append(f"{count:>{width}}  {code}  {marker} {summary}")
    return "\n".join(rows) + ("\n" if rows else "")


class StreamedOutput:
    """The report's text written as it comes: to --output-file (UTF-8) or stdout (its encoding). The
    file is opened at the first write, so a folder being linted does not find it new and empty."""

    def __init__(self, args):
        self.args = args
        self.file = None
        self.failed = False  # --output-file could not be opened or written (said on stderr)
        self.buffer = None if args.output_file else getattr(sys.stdout, "buffer", None)
        self.encoding = "utf-8" if args.output_file else output_encoding(sys.stdout)
        if not args.output_file:
            sys.stdout.flush()

    def write(self, text: str) -> None:
        if self.args.output_file:
            if self.failed:
                return
            try:
                if self.file is None:
                    self.file = open(self.args.output_file, "wb")
                self.file.write(text.encode("utf-8", "backslashreplace"))
            except OSError as error:
                self.failed = True
                _cannot_write(self.args.output_file, error)
        elif self.buffer is not None:
            self.buffer.write(text.encode(self.encoding, "backslashreplace"))
        else:  # pragma: no cover - a text-only stream
            sys.stdout.write(text)

    def close(self) -> bool:
        """True when everything was written; False (the reason said) when --output-file could not be."""
        if self.args.output_file:
            if self.file is None and not self.failed:
                self.write("")  # an empty report is still a file written
            if self.file is not None:
                try:
                    self.file.close()
                except OSError as error:
                    if not self.failed:
                        _cannot_write(self.args.output_file, error)
                    self.failed = True
                self.file = None
            return not self.failed
        if self.buffer is not None:
            self.buffer.flush()
        else:  # pragma: no cover
            sys.stdout.flush()
        return True


def _cannot_write(output_file, error: OSError) -> None:
    from gklint.read.oserror import describe

    print(
        f"gklint: 无法写入 --output-file {output_file}：{describe(error, 'zh')} / "
        f"cannot write --output-file {output_file}: {describe(error, 'en')}",
        file=sys.stderr,
    )


def emit(args, data: bytes) -> bool:
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


def fixed_line(count: int, lang: str, would: bool = False) -> str:
    if lang == "zh":
        return f"{'可修复' if would else '已修复'} {count} 个问题。"
    return f"{'Would fix' if would else 'Fixed'} {count} problem{'s' if count != 1 else ''}."


def show_fixes_text(fixed: list, lang: str, rules) -> str:
    """ruff's --show-fixes: per file, how many of each code were fixed."""
    if not fixed:
        return ("没有可修复的问题。" if lang == "zh" else "No fixes applied.") + "\n"
    lines = [fixed_line(len(fixed), lang).rstrip("。.") + ("：" if lang == "zh" else ":")]
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
