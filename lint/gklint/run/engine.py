"""The run: read → parse once → rules → selection. One Linter serves many files."""

from __future__ import annotations

import gc
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

from gklint.core.rule import Rule, contract_breach, strict_contract
from gklint.core.template import TemplateSet, builtin_template_paths, load_template
from gklint.core.violation import Finding, Message, Severity, Violation
from gklint.model import parser
from gklint.model.report import Report
from gklint.read.sniff import looks_like_html
from gklint.read.source import ReadError, SourceText, TextReader, read_file
from gklint.run.config import ConfigError, Settings
from gklint.run.plugins import Plugins, load_plugins
from gklint.run.selection import ignored_for_path, select_rules, unknown_selectors

ENGINE_PLUGIN = "core"
MARKDOWN_SUFFIXES = (".md", ".markdown")  # Markdown may open with HTML: it stays Markdown
UNREADABLE, NO_STRUCTURE, RULE_FAILED = "GK001", "GK002", "GK003"


@dataclass
class FileResult:
    path: str
    violations: list[Violation] = field(default_factory=list)
    source: SourceText | None = None
    report: Report | None = None
    not_a_report: bool = False  # empty, or neither a dated title nor a section: skipped when found in a folder


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
        from gklint.run.history import History

        self.history = History()  # last year's reports for the rules that need them (gklint.run.history)
        # A finding that contradicts its rule's declaration: GK003 where strict (the tests), else a warning.
        self.strict_contract = strict_contract()
        self.contract_warnings: list[str] = []  # said once each on stderr (`_contract_warning`)
        self._heading_finder = None  # for flattened web texts, made on first need

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
    def reader_for(self, path: Path, data: bytes | None = None):
        """The reader for a file's suffix; a plain-text file whose bytes are HTML markup (a crawl's
        page content saved as .txt) goes to the HTML reader (`gklint.read.sniff`)."""
        suffix = path.suffix.lower()
        reader = next((r for r in self.readers if suffix in r.suffixes), self.readers[0])
        if data is not None and reader.name == "text" and suffix not in MARKDOWN_SUFFIXES and looks_like_html(data):
            return next((r for r in self.readers if r.name == "html"), reader)
        return reader

    def discover(self, paths: Iterable[Path], force_exclude: bool = False) -> Iterator[tuple[Path, bool]]:
        """(file, named on the command line): named files as given; folders recursively over `include`
        and `extend-include`, without what `exclude`, `extend-exclude` or git ignores (gklint.run.discovery)."""
        from gklint.run.discovery import Discovery, anchored

        s = self.settings
        base = s.base_dir or Path.cwd()  # patterns are relative to the configuration's folder
        include = anchored([*s.include, *s.extend_include], base)
        exclude = anchored([*s.exclude, *s.extend_exclude], base)
        for path, named in Discovery(include, exclude, force_exclude).files(paths):
            if named or not _special_file(path):  # a FIFO or device in a folder is no report
                yield path, named

    # -- linting -------------------------------------------------------------
    def lint_path(self, path: Path, display: str | None = None) -> FileResult:
        display = display or str(path)
        try:
            data = read_file(path)
        except OSError as error:
            from gklint.read.oserror import describe

            zh, en = describe(error, "zh"), describe(error, "en")
            return self._unreadable(display, Message(f"无法读取文件：{zh}", f"cannot read the file: {en}"))
        except ReadError as error:  # not a regular file, or far too large
            return self._unreadable(display, Message(error.zh, error.en), error.code)
        return self.lint_bytes(data, path, display)

    def lint_bytes(self, data: bytes, path: Path, display: str | None = None) -> FileResult:
        display = display or str(path)
        reader = self.reader_for(path, data)
        try:
            source = reader.read(path, data)
        except ReadError as error:  # GK001, or GK005 for a scan (source.NoTextLayer)
            return self._unreadable(display, Message(error.zh, error.en), error.code)
        except Exception as error:  # a reader plugin's bug
            return self._unreadable(display, Message(f"读取器 {reader.name} 出错：{error}", f"reader {reader.name} failed: {error}"))
        return self.lint_source(source, path, display)

    def prepare(self, source: SourceText) -> SourceText:
        """The text the parser reads: a web page's text run onto long lines, its headings inside
        them, gets virtual lines mapped back to the file (`gklint.read.flattened`); anything else
        as read."""
        if source.kind != "text" or source.origins is not None or not _may_be_flattened(source.text):
            return source
        from gklint.read.flattened import unflatten

        if self._heading_finder is None:
            self._heading_finder = parser.heading_finder(self.templates)
        return unflatten(source, self._heading_finder)

    def parse(self, source: SourceText, path: Path) -> Report:
        from gklint.facts.report_facts import Facts
        from gklint.facts.tables import read_tables

        source = self.prepare(source)

        cached = self.history.cached(path, source.text)  # parsed already as another file's previous
        if cached is not None:
            return cached
        report = parser.parse(source, path, self.templates, self.settings.template, self.settings.issuer)
        read_tables(report)
        report.facts = Facts(report)
        self.history.keep(path, report)
        return report

    def plan_history(self, paths: list[Path], named: Iterable[Path] = ()) -> None:
        """Pair each file with its body's previous-year report among `paths`, or for a file `named`
        on the command line, in its repository (gklint.run.history). Nothing when no selected rule
        declares `needs={"previous"}` (GK701–GK703, or a plugin's)."""
        if self.needed("previous"):
            self.history.plan(self, paths, named)

    def needed(self, need: str) -> bool:
        """Does a selected rule declare this need (`@rule(..., needs={"previous"})`)?"""
        return any(need in self.rules[code].needs for code in self.selected if code in self.rules)

    def lint_source(self, source: SourceText, path: Path, display: str | None = None) -> FileResult:
        result = self._lint_source(source, path, display)
        if source.kind == "markdown":
            # <!-- gklint: disable=… --> comments; GK004 for the unused ones (gklint.run.suppression).
            from gklint.run.suppression import apply_suppressions

            parsed = result.report is not None and bool(result.report.sections)
            result.violations = apply_suppressions(
                result.violations, source.text, result.path, self.rules, self._selected_for(path), parsed
            )
        return result

    def _lint_source(self, source: SourceText, path: Path, display: str | None = None) -> FileResult:
        display = display or str(path)
        source = self.prepare(source)
        result = FileResult(display, source=source)
        selected = self._selected_for(path)
        if not source.text.strip():
            result.not_a_report = True
            result.violations = self._engine_violation(display, NO_STRUCTURE, Message("文件为空", "the file is empty"), selected)
            return result
        report = self.parse(source, path)
        if report.previous is None:
            report.previous = self.history.previous_for(self, path, report)
        result.report = report
        if not report.sections:
            result.not_a_report = report.title is None or report.title.year is None
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
                findings = [_checked(finding, len(report.text)) for finding in rule.check(report, self.options[code])]
            except (Exception, SystemExit) as error:  # a plugin's sys.exit() too: GK003, not the end of the run
                if RULE_FAILED in selected:
                    from gklint.run.plugins import _describe

                    detail = _describe(error)
                    violations.append(
                        self._rule_failed(
                            report,
                            display,
                            rule,
                            Message(f"运行出错：{detail}", f"failed: {detail}"),
                        )
                    )
                continue
            breach = next(filter(None, (contract_breach(rule, finding) for finding in findings)), None)
            if breach is not None:
                if self.strict_contract:  # the tests: the rule's findings are not to be trusted
                    if RULE_FAILED in selected:
                        message = Message(f"与其声明不符：{breach.zh}", f"contradicts its declaration: {breach.en}")
                        violations.append(self._rule_failed(report, display, rule, message))
                    continue
                self._contract_warning(rule, breach)
            violations.extend(self._violation(report, display, rule, finding) for finding in findings)
        result.violations = sorted(violations, key=lambda v: v.sort_key)
        return result

    def _rule_failed(self, report: Report, display: str, rule: Rule, what: Message) -> Violation:
        """GK003 for a rule on this file: it raised, or (strict) broke its declaration."""
        return self._violation(
            report,
            display,
            self.rules[RULE_FAILED],
            Finding(
                0,
                0,
                f"规则 {rule.code}（{rule.name}，插件 {rule.plugin}）{what.zh}",
                f"rule {rule.code} ({rule.name}, plugin {rule.plugin}) {what.en}",
            ),
        )

    def _contract_warning(self, rule: Rule, breach: Message) -> None:
        """Outside the tests a breach of the contract is a warning on stderr, once a rule and kind
        (a worker process says it once too), never fatal: the findings are kept."""
        import sys

        text = (
            f"gklint: 警告：规则 {rule.code}（插件 {rule.plugin}）与其声明不符：{breach.zh} / "
            f"warning: rule {rule.code} (plugin {rule.plugin}) contradicts its declaration: {breach.en}"
        )
        if text in self.contract_warnings:
            return
        self.contract_warnings.append(text)
        try:
            print(text, file=sys.stderr)
        except (OSError, ValueError):  # stderr closed: the findings matter more
            pass

    def plugin_error_results(self) -> list[FileResult]:
        """Plugins that failed to load or whose hooks raised: one GK003 each."""
        if RULE_FAILED not in self.selected:
            return []
        results = []
        for error in self.plugins.errors:
            if error.what == "module":  # one rule module of a pack: the pack's other rules run
                message = Message(
                    f"插件 {error.plugin} 的规则模块 {error.module} 加载失败：{error.error}",
                    f"plugin {error.plugin}: rule module {error.module} failed to load: {error.error}",
                )
            else:
                where = "加载" if error.what == "load" else f"调用 {error.what}"
                message = Message(
                    f"插件 {error.plugin} {where}失败：{error.error}",
                    f"plugin {error.plugin} failed ({error.what}): {error.error}",
                )
            results.append(
                FileResult(f"plugin:{error.plugin}", self._engine_violation(f"plugin:{error.plugin}", RULE_FAILED, message, self.selected))
            )
        return results

    def failed_result(self, path: Path, detail: str) -> FileResult:
        """GK003 for a file gklint itself failed on (a crash outside any one rule, a worker that died)."""
        display = str(path)
        message = Message(f"检查此文件时出错：{detail}", f"linting this file failed: {detail}")
        return FileResult(display, self._engine_violation(display, RULE_FAILED, message, self.selected))

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
        if hasattr(report.source.origins, "span"):  # HTML: the page's own line and column (gklint.read.origins)
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
            recovered=_in_recovered_table(report, finding.start, finding.end),
        )


def _in_recovered_table(report: Report, start: int, end: int) -> bool:
    """The span lies in a table some of whose values were cut from digits run together
    (`Cell.recovered`): what the finding says rests on that reading."""
    return any(
        table.start <= start and end <= max(table.end, table.start + 1) and any(cell.recovered for cell in table.cells)
        for table in report.tables
    )


def _may_be_flattened(text: str) -> bool:
    from gklint.read import heading_inside

    return heading_inside(text)


def _special_file(path: Path) -> bool:
    """A FIFO, device or socket: in a folder it is no report (a FIFO named *.txt would block, a device
    never end). A path that cannot be stat'ed is kept: its lint says why (GK001)."""
    import stat

    try:
        return not stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


def _checked(finding: Any, length: int) -> Finding:
    """A rule's finding as the engine needs it; anything else (None, a tuple, offsets that are not
    offsets, text that cannot be printed, an edit with no replacement) fails the rule: GK003."""
    if not isinstance(finding, Finding):
        raise TypeError(f"the rule yielded {type(finding).__name__}, not a Finding")
    if not _offsets(finding.start, finding.end, length):
        raise ValueError(f"offsets {finding.start!r}..{finding.end!r} outside the text (0..{length})")
    for text in (finding.zh, finding.en):
        _printable(text, "message")
    if finding.fix is not None:
        _check_fix(finding.fix, length)
    return finding


def _offsets(start: Any, end: Any, length: int) -> bool:
    if type(start) is int and type(end) is int:  # nearly always: the checks below, fewer calls
        return 0 <= start <= length and 0 <= end <= length
    ints = all(isinstance(n, int) and not isinstance(n, bool) for n in (start, end))
    return ints and 0 <= start <= length and 0 <= end <= length


def _printable(text: Any, what: str) -> None:
    if not isinstance(text, str):
        raise TypeError(f"{what} is {type(text).__name__}, not str")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError(f"{what} holds a lone surrogate {text!r}") from None


def _check_fix(fix: Any, length: int) -> None:
    from gklint.core.violation import Applicability, Edit, Fix

    if not isinstance(fix, Fix) or not isinstance(fix.applicability, Applicability) or not isinstance(fix.edits, tuple):
        raise TypeError(f"fix is {fix!r}, not a Fix")
    if _plain_edits(fix.edits, length, Edit):  # a fix of thousands of edits (GK602) checked in one pass
        return
    for edit in fix.edits:
        if not isinstance(edit, Edit) or not _offsets(edit.start, edit.end, length) or edit.start > edit.end:
            raise ValueError(f"bad edit {edit!r}")
        _printable(edit.replacement, "an edit's replacement")


def _plain_edits(edits: tuple, length: int, edit_type: type) -> bool:
    """Every edit an Edit of int offsets in the text, in order, replaced by printable text: what
    the loop of `_check_fix` accepts (False: that loop says what is wrong)."""
    if not all(
        type(e) is edit_type
        and type(e.start) is int
        and type(e.end) is int
        and 0 <= e.start <= e.end <= length
        and type(e.replacement) is str
        for e in edits
    ):
        return False
    try:
        "".join([e.replacement for e in edits]).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


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

    def __enter__(self) -> BatchCollection:
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
