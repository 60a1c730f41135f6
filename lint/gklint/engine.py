"""The run: read → parse once → rules → selection. One Linter serves many files."""

from __future__ import annotations

import gc
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

from . import parser
from .config import ConfigError, Settings
from .model import Report
from .plugins import Plugins, load_plugins
from .rule import Rule
from .selection import ignored_for_path, select_rules, unknown_selectors
from .source import ReadError, SourceText, TextReader
from .template import TemplateSet, builtin_template_paths, load_template
from .violation import Finding, Message, Severity, Violation

ENGINE_PLUGIN = "core"
UNREADABLE, NO_STRUCTURE, RULE_FAILED = "GK001", "GK002", "GK003"


@dataclass
class FileResult:
    path: str
    violations: list[Violation] = field(default_factory=list)
    source: SourceText | None = None
    report: Report | None = None


class Linter:
    def __init__(self, settings: Settings, plugins: Plugins | None = None):
        self.settings = settings
        self.plugins = plugins or load_plugins()
        self.rules: dict[str, Rule] = self.plugins.rules()
        self.formatters: dict[str, Any] = self.plugins.formatters()
        self.readers = self.plugins.readers() or [TextReader()]
        if settings.encoding:  # --encoding: the built-in text reader decodes with it
            self.readers = [TextReader(settings.encoding) if type(r) is TextReader else r for r in self.readers]
        paths = list(builtin_template_paths()) + [Path(p) for p in self.plugins.template_paths() if Path(p) not in builtin_template_paths()]
        self.templates = TemplateSet([load_template(Path(p)) for p in paths])
        self._validate()
        self.selected = select_rules(self.rules, settings.select, settings.extend_select, settings.ignore)
        self.options = self._rule_options()
        from .history import History

        self.history = History()  # last year's reports for the GK7xx rules (gklint.history)

    # -- settings ------------------------------------------------------------
    def _validate(self) -> None:
        s = self.settings
        for key, selectors in (("select", s.select or []), ("extend-select", s.extend_select), ("ignore", s.ignore)):
            unknown = unknown_selectors(selectors, self.rules)
            if unknown:
                raise ConfigError(f"`{key}`: unknown rule selector {', '.join(unknown)}")
        for glob, selectors in s.per_file_ignores.items():
            unknown = unknown_selectors(selectors, self.rules)
            if unknown:
                raise ConfigError(f"`per-file-ignores.{glob}`: unknown rule selector {', '.join(unknown)}")

    def _rule_options(self) -> dict[str, dict[str, Any]]:
        options = {code: rule.defaults() for code, rule in self.rules.items()}
        by_name = {rule.name: code for code, rule in self.rules.items()}
        for key, values in self.settings.rule_options.items():
            code = key.upper() if key.upper() in self.rules else by_name.get(key)
            if code is None:
                raise ConfigError(f"`rules.{key}`: no such rule")
            rule = self.rules[code]
            for name, value in values.items():
                option = rule.options.get(name)
                if option is None:
                    known = ", ".join(rule.options) or "none"
                    raise ConfigError(f"`rules.{key}.{name}`: {code} has no option `{name}` (options: {known})")
                if not option.validate(value):
                    raise ConfigError(f"`rules.{key}.{name}`: expected {type(option.default).__name__}, got {value!r}")
                options[code][name] = value
        return options

    # -- files ---------------------------------------------------------------
    def reader_for(self, path: Path):
        suffix = path.suffix.lower()
        for reader in self.readers:
            if suffix in reader.suffixes:
                return reader
        return self.readers[0]

    def discover(self, paths: Iterable[Path]) -> Iterator[Path]:
        """Explicit files as given; folders recursively, over the `include` patterns (*.txt, *.md, *.pdf)."""
        import fnmatch

        included = self.settings.include
        excluded = self.settings.exclude

        def is_excluded(path: Path) -> bool:
            return any(fnmatch.fnmatch(path.as_posix(), pattern) or fnmatch.fnmatch(path.name, pattern) for pattern in excluded)

        for path in paths:
            if path.is_dir():
                for root, dirs, files in os.walk(path):
                    dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not is_excluded(Path(root, d)))
                    for name in sorted(files):
                        candidate = Path(root, name)
                        if any(fnmatch.fnmatch(name.lower(), p.lower()) for p in included) and not is_excluded(candidate):
                            yield candidate
            else:
                yield path

    # -- linting -------------------------------------------------------------
    def lint_path(self, path: Path, display: str | None = None) -> FileResult:
        display = display or str(path)
        try:
            data = path.read_bytes()
        except OSError as error:
            from .oserror import describe

            zh, en = describe(error, "zh"), describe(error, "en")
            return self._unreadable(display, Message(f"无法读取文件：{zh}", f"cannot read the file: {en}"))
        return self.lint_bytes(data, path, display)

    def lint_bytes(self, data: bytes, path: Path, display: str | None = None) -> FileResult:
        display = display or str(path)
        reader = self.reader_for(path)
        try:
            source = reader.read(path, data)
        except ReadError as error:  # GK001, or GK005 for a scan (source.NoTextLayer)
            return self._unreadable(display, Message(error.zh, error.en), error.code)
        except Exception as error:  # a reader plugin's bug
            return self._unreadable(display, Message(f"读取器 {reader.name} 出错：{error}", f"reader {reader.name} failed: {error}"))
        return self.lint_source(source, path, display)

    def parse(self, source: SourceText, path: Path) -> Report:
        from .tables import read_tables

        cached = self.history.cached(path, source.text)  # parsed already as another file's previous
        if cached is not None:
            return cached
        report = parser.parse(source, path, self.templates, self.settings.template, self.settings.issuer)
        read_tables(report)
        self.history.keep(path, report)
        return report

    def plan_history(self, paths: list[Path]) -> None:
        """Pair each file with its body's previous-year report among `paths` (GK7xx; gklint.history)."""
        if any(code.startswith("GK7") for code in self.selected):
            self.history.plan(self, paths)

    def lint_source(self, source: SourceText, path: Path, display: str | None = None) -> FileResult:
        result = self._lint_source(source, path, display)
        if source.kind == "markdown":
            # <!-- gklint: disable=… --> comments; GK004 for the unused ones (gklint.suppression).
            from .suppression import apply_suppressions

            parsed = result.report is not None and bool(result.report.sections)
            result.violations = apply_suppressions(
                result.violations, source.text, result.path, self.rules, self._selected_for(path), parsed
            )
        return result

    def _lint_source(self, source: SourceText, path: Path, display: str | None = None) -> FileResult:
        display = display or str(path)
        result = FileResult(display, source=source)
        selected = self._selected_for(path)
        if not source.text.strip():
            result.violations = self._engine_violation(
                display, NO_STRUCTURE, Message("文件为空", "the file is empty"), selected
            )
            return result
        report = self.parse(source, path)
        if report.previous is None:
            report.previous = self.history.previous_for(self, path, report)
        result.report = report
        if not report.sections:
            result.violations = self._engine_violation(
                display,
                NO_STRUCTURE,
                Message(
                    "未找到年度报告结构（六个部分的标题一个也没有识别出来）",
                    "no report structure found (none of the six section headings was recognised)",
                ),
                selected,
            )
            return result
        violations: list[Violation] = []
        for code in sorted(selected):
            rule = self.rules[code]
            if rule.plugin == ENGINE_PLUGIN:
                continue
            try:
                findings = list(rule.check(report, self.options[code]))
            except Exception as error:
                if RULE_FAILED in selected:
                    from .plugins import _describe

                    detail = _describe(error)
                    violations.append(
                        self._violation(
                            report,
                            display,
                            self.rules[RULE_FAILED],
                            Finding(
                                0,
                                0,
                                f"规则 {code}（{rule.name}，插件 {rule.plugin}）运行出错：{detail}",
                                f"rule {code} ({rule.name}, plugin {rule.plugin}) failed: {detail}",
                            ),
                        )
                    )
                continue
            violations.extend(self._violation(report, display, rule, finding) for finding in findings)
        result.violations = sorted(violations, key=lambda v: v.sort_key)
        return result

    def plugin_error_results(self) -> list[FileResult]:
        """Plugins that failed to load or whose hooks raised: one GK003 each."""
        if RULE_FAILED not in self.selected:
            return []
        results = []
        for error in self.plugins.errors:
            where = "加载" if error.what == "load" else f"调用 {error.what}"
            message = Message(
                f"插件 {error.plugin} {where}失败：{error.error}",
                f"plugin {error.plugin} failed ({error.what}): {error.error}",
            )
            results.append(FileResult(f"plugin:{error.plugin}", self._engine_violation(f"plugin:{error.plugin}", RULE_FAILED, message, self.selected)))
        return results

    # -- helpers -------------------------------------------------------------
    def _selected_for(self, path: Path) -> set[str]:
        ignored = ignored_for_path(path, self.settings.per_file_ignores, self.settings.base_dir)
        if not ignored:
            return self.selected
        s = self.settings
        return select_rules(self.rules, s.select, s.extend_select, [*s.ignore, *ignored])

    def _unreadable(self, display: str, message: Message, code: str = UNREADABLE) -> FileResult:
        return FileResult(display, self._engine_violation(display, code, message, self.selected))

    def _engine_violation(self, display: str, code: str, message: Message, selected: set[str]) -> list[Violation]:
        if code not in selected:
            return []
        rule = self.rules[code]
        return [Violation(display, code, rule.name, rule.severity, 1, 1, 1, 1, message, plugin=rule.plugin)]

    def _violation(self, report: Report, display: str, rule: Rule, finding: Finding) -> Violation:
        line, column = report.location(finding.start)
        end_line, end_column = report.location(max(finding.end, finding.start))
        if hasattr(report.source.origins, "span"):  # HTML: the page's own line and column (gklint.readers.origins)
            (line, column), (end_line, end_column) = report.source.origins.span(finding.start, finding.end)
        return Violation(
            path=display,
            code=rule.code,
            name=rule.name,
            severity=rule.severity,
            line=line,
            column=column,
            end_line=end_line,
            end_column=end_column,
            message=finding.message,
            fix=finding.fix,
            start=finding.start,
            end=finding.end,
            plugin=rule.plugin,
        )


# A lint allocates some 10^5 short-lived objects, nearly all freed by reference counting. At the
# default first-generation threshold (700) the cyclic collector runs a few times a file, each time
# going over the whole report being built, and finds next to nothing to free; and over a run, each
# pass of the older generations goes over every result kept so far (together ~25% of a run's time).
BATCH_COLLECTOR_THRESHOLD = 50_000


class BatchCollection:
    """For a run over many files (the CLI, a `-j` worker): the collector's first threshold raised;
    `kept()` after each file moves what the run keeps of it (its result) out of the collector's
    sight, so later passes go over the file being linted only. Cycles are still collected (those a
    lint leaves behind — a handful of objects — once the run is over)."""

    def __enter__(self) -> "BatchCollection":
        self._threshold = gc.get_threshold()
        self._freezing = gc.get_freeze_count() == 0  # never unfreeze what someone else froze
        gc.set_threshold(max(self._threshold[0], BATCH_COLLECTOR_THRESHOLD), *self._threshold[1:])
        return self

    def kept(self) -> None:
        if self._freezing:
            gc.freeze()

    def __exit__(self, *exc) -> None:
        if self._freezing:
            gc.unfreeze()
        gc.set_threshold(*self._threshold)


def severity_rank(severity: Severity) -> int:
    return {"E": 0, "W": 1, "I": 2}[severity.value]
