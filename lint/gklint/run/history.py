"""Across reports: which body and year a report is for, and last year's report of the same body.

The GK7xx rules compare a report with the same body's report for the year before. Rules stay
pure functions of ONE report: the engine sets `report.previous` before it runs them.

    identify(report)          -> Identity(body, year, name) | None   from the title (metadata 标题,
                                 发布机构 as fallbacks); body compared by `text.label_key`
    pair(identities)          -> {key: previous key}   pure: same body, year − 1, unambiguous
    link_previous(reports)    sets `report.previous` over a list of parsed reports
    usable_previous(report)   the previous report if its year is the year before (or unknown)

A run (`History`, one per `Linter`) pairs the files it is given before linting them:
`History.plan(linter, paths)` identifies each file from its first lines only (a cheap parse of the
head, no tables), pairs them, and remembers which files are someone's previous; those are parsed
once (at first need, by `Linter.parse`) and kept. `--previous FILE` (`History.use_previous`) gives
one previous report to every file of the run. The plan is a plain dict of paths, so a parallel
run can compute it before the workers start and hand it to them.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Hashable, Iterable, Mapping

from gklint.core.text import cn_digit_string_to_int, label_key, strip_spaces

HEAD_LINES = 60  # the title and the metadata block are in the first lines

_YEAR_RE = re.compile(r"((?:19|20)\d{2})年度?")
_CN_YEAR_RE = re.compile(r"([〇○零一二三四五六七八九]{4})年度?")
# What follows the year when the body is named after it: 「2020年淄川区政府信息公开工作年度报告」.
_SUBJECT_RE = re.compile(r"(?:政府信息公开|政府信息公開|政务公开|政務公開|信息公开|信息公開)")
_BODY_TRAILERS = ("关于", "關於", "的")
_BODY_KEYS = ("发布机构", "发文机关", "发文单位", "发布单位", "发布机关")


@dataclass(frozen=True)
class Identity:
    body: str  # comparison key of the issuing body (`text.label_key`)
    year: int
    name: str  # the body as written


def _body_and_year(title: str) -> tuple[str, int | None]:
    """「枣庄高新区2020年度政府信息公开工作年度报告」 → ("枣庄高新区", 2020)."""
    compact = strip_spaces(title)
    match = _YEAR_RE.search(compact)
    year = int(match.group(1)) if match else None
    if match is None:
        match = _CN_YEAR_RE.search(compact)
        year = cn_digit_string_to_int(match.group(1)) if match else None
    if match is None:
        return "", None
    body = compact[: match.start()]
    if not label_key(body):  # the body after the year: 「2020年淄川区政府信息公开工作年度报告」
        rest = compact[match.end() :]
        subject = _SUBJECT_RE.search(rest)
        body = rest[: subject.start()] if subject else ""
    for trailer in _BODY_TRAILERS:
        if body.endswith(trailer):
            body = body[: -len(trailer)]
    return body.strip('《》“”"「」『』【】'), year


def identify(report) -> Identity | None:
    """The issuing body and the year of a report, from its title (or the metadata); None if unknown."""
    return _identify(report.title, getattr(report, "metadata", {}) or {})


def _identify(title, metadata) -> Identity | None:
    body, year = _body_and_year(title.text) if title else ("", None)
    meta_title = metadata.get("标题")
    if meta_title is not None and (not label_key(body) or year is None):
        meta_body, meta_year = _body_and_year(meta_title.value)
        body = body if label_key(body) else meta_body
        year = year if year is not None else meta_year
    if year is None:
        year = title.year if title else None
    if not label_key(body):
        body = next((metadata[k].value for k in _BODY_KEYS if k in metadata), "")
    key = body_key(body)
    if not key or year is None:
        return None
    return Identity(key, year, body)


def body_key(name: str) -> str:
    """A body's comparison key: `label_key`, then the aliases of law.yaml (淮安市人民政府 = 淮安市政府)."""
    key = label_key(name)
    for written, canonical in _body_aliases():
        key = key.replace(written, canonical)
    return key


_ALIASES: list[tuple[str, str]] | None = None


def _body_aliases() -> list[tuple[str, str]]:
    global _ALIASES
    if _ALIASES is None:
        from gklint.core.template import law

        aliases = (law().get("bodies") or {}).get("aliases") or {}
        _ALIASES = sorted(((label_key(k), label_key(v)) for k, v in aliases.items()), key=lambda kv: -len(kv[0]))
    return _ALIASES


def pair(identities: Mapping[Hashable, Identity | None], suffix=None) -> dict[Hashable, Hashable]:
    """Each key whose body has exactly one report for the year before → that report's key.

    Two candidates for the same body and year (the same report as .txt and .html) are told apart
    by `suffix(key)` when only one shares the file's suffix; otherwise the key is left unpaired.
    Pure: the same identities always give the same pairs.
    """
    by_body_year: dict[tuple[str, int], list] = defaultdict(list)
    for key, identity in identities.items():
        if identity is not None:
            by_body_year[(identity.body, identity.year)].append(key)
    pairs: dict[Hashable, Hashable] = {}
    for key, identity in identities.items():
        if identity is None:
            continue
        candidates = by_body_year.get((identity.body, identity.year - 1), [])
        if len(candidates) > 1 and suffix is not None:
            candidates = [c for c in candidates if suffix(c) == suffix(key)]
        if len(candidates) == 1:
            pairs[key] = candidates[0]
    return pairs


def link_previous(reports: Iterable) -> list:
    """Set `report.previous` on each parsed report whose body's previous-year report is in the list."""
    reports = list(reports)
    pairs = pair({index: identify(report) for index, report in enumerate(reports)}, lambda i: _suffix(reports[i].path))
    for index, previous in pairs.items():
        reports[index].previous = reports[previous]
    return reports


def usable_previous(report):
    """`report.previous` when it is for the year before this report's (or a year is unknown)."""
    previous = getattr(report, "previous", None)
    if previous is None:
        return None
    this, last = identify(report), identify(previous)
    if this is not None and last is not None and last.year != this.year - 1:
        return None
    return previous


def year_of(report) -> int | None:
    identity = identify(report)
    return identity.year if identity else report.year


def _suffix(path) -> str:
    return Path(str(path)).suffix.lower()


def path_key(path: Path) -> str:
    return os.path.normcase(os.path.abspath(str(path)))


class HistoryError(Exception):
    """--previous FILE cannot be read (bilingual message)."""


@dataclass(frozen=True)
class HistoryPlan:
    """A run's pairing, picklable for -j workers: file key → previous file, and --previous FILE."""

    previous_paths: Mapping[str, Path]
    explicit: Path | None = None


class History:
    """One run's pairing: which file's report is the previous of which, and those reports, parsed once."""

    def __init__(self) -> None:
        self.previous_paths: dict[str, Path] = {}  # path_key(file) → its previous file
        self.explicit = None  # the report given with --previous
        self.explicit_path: Path | None = None
        self.notes: list[str] = []  # warnings for stderr
        self._needed: set[str] = set()  # path keys of files that are someone's previous
        self._reports: dict[str, object] = {}  # path key → parsed report (the needed ones)
        self._failed: set[str] = set()
        self._plan: HistoryPlan | None = None

    # -- planning ------------------------------------------------------------
    def plan(self, linter, paths: Iterable[Path], named: Iterable[Path] = ()) -> dict[str, Path]:
        """Identify each file from its head and pair them; returns {file key: previous file}.

        A file `named` on the command line (pre-commit names the staged ones) with no previous
        among `paths` gets one from its repository (`RepositorySearch`). With --previous there is
        nothing to pair; a file whose year does not follow the previous report's gets a note (the
        GK7xx rules skip it)."""
        paths = list(paths)
        if self.explicit is not None:
            last = identify(self.explicit)
            for path in paths:
                this = identify_file(linter, path)
                if this is not None and last is not None and last.year != this.year - 1:
                    self.notes.append(
                        f"{path}: --previous 的报告年度为 {last.year} 年，不是 {this.year - 1} 年，未做跨年度检查 / "
                        f"the --previous report is for {last.year}, not {this.year - 1}; cross-year checks skipped"
                    )
            return {}
        named = list(named)
        if len(paths) < 2 and not named:
            return {}
        identities = {path: identify_file(linter, path) for path in paths}
        pairs = pair(identities, _suffix)
        lonely = {path: identities[path] for path in named if identities.get(path) is not None and path not in pairs}
        if lonely:
            pairs.update(RepositorySearch(linter).previous(lonely))
        self.set_pairs({path_key(path): previous for path, previous in pairs.items()})
        return self.previous_paths

    def set_pairs(self, previous_paths: Mapping[str, Path]) -> None:
        self.previous_paths = dict(previous_paths)
        self._needed = {path_key(p) for p in self.previous_paths.values()}

    def export(self) -> HistoryPlan:
        """The plan for -j workers (`adopt` it there)."""
        self._plan = HistoryPlan(dict(self.previous_paths), self.explicit_path)
        return self._plan

    def adopt(self, plan: HistoryPlan | None) -> None:
        """In a -j worker: use the parent's plan (once; a no-op for the plan already in use)."""
        if plan is None or plan is self._plan:
            return
        self._plan = plan
        self.set_pairs(plan.previous_paths)
        if plan.explicit is not None and self.explicit is None:
            self.explicit_path = plan.explicit  # parsed at first need (`previous_for`)

    def use_previous(self, linter, path: Path) -> None:
        """--previous FILE: parse it now; it is every file's previous report."""
        report = _parse_file(linter, path)
        if report is None:
            raise HistoryError(f"--previous {path}: 无法读取或未识别出年度报告结构 / cannot be read or has no report structure")
        self.explicit = report
        self.explicit_path = Path(path)

    # -- during the run ------------------------------------------------------
    def cached(self, path: Path, text: str):
        """The report parsed earlier for this file (as someone's previous), if the text is the same."""
        report = self._reports.get(path_key(path)) if self._reports else None
        return report if report is not None and report.source.text == text else None

    def keep(self, path: Path, report) -> None:
        if not self._needed:
            return
        key = path_key(path)
        if key in self._needed and key not in self._reports:
            self._reports[key] = report

    def previous_for(self, linter, path: Path, report=None):
        """The previous report for a file being linted: --previous, else the planned pair."""
        if self.explicit_path is not None and self.explicit is None:  # a -j worker: parse it here, once
            self.explicit = _parse_file(linter, self.explicit_path)
            if self.explicit is None:
                self.explicit_path = None
        if self.explicit is not None:
            return self.explicit if self.explicit is not report else None
        previous_path = self.previous_paths.get(path_key(path)) if self.previous_paths else None
        if previous_path is None:
            return None
        key = path_key(previous_path)
        if key in self._reports:
            return self._reports[key]
        if key in self._failed:
            return None
        previous = _parse_file(linter, previous_path)
        if previous is None:
            self._failed.add(key)
        return previous


def _read(linter, path: Path, head: bool = False):
    """The file as its reader renders it; with `head`, only as much as the reader needs for the
    title (a reader with `read_head`, such as the PDF reader's first page), else all of it."""
    from gklint.read.source import ReadError, read_file

    try:
        data = read_file(Path(path))
        reader = linter.reader_for(Path(path), data)
        read = getattr(reader, "read_head", None) if head else None
        return (read or reader.read)(Path(path), data)
    except (OSError, ReadError):
        return None
    except Exception:  # a reader plugin's bug: the file's own lint reports it (GK001)
        return None


def _parse_file(linter, path: Path):
    source = _read(linter, path)
    if source is None or not source.text.strip():
        return None
    report = linter.parse(source, Path(path))
    return report if report.sections else None


def identify_file(linter, path: Path) -> Identity | None:
    """A file's identity from its first lines (their title and metadata, as the parser finds them)."""
    from gklint.model.parser import parse_head

    source = _read(linter, path, head=True)
    if source is None:
        return None
    source = linter.prepare(source)  # a flattened page: its title on a line of its own
    head = "".join(source.text.splitlines(keepends=True)[:HEAD_LINES])
    return _identify(*parse_head(head, linter.templates, source.kind))


# -- a lone report's previous year, from its repository -----------------------------------------------
_CN_DIGITS = "〇一二三四五六七八九"
_TEXT_SUFFIXES = (".txt", ".md", ".markdown")
_PEEK_BYTES = 4096  # a report's title (with its year) is in its first lines


def _year_spellings(year: int) -> list[str]:
    digits = str(year)
    return [
        digits,
        digits.translate(str.maketrans("0123456789", "０１２３４５６７８９")),
        digits.translate(str.maketrans("0123456789", _CN_DIGITS)),
        digits.translate(str.maketrans("0123456789", "○一二三四五六七八九")),
    ]


def _peek(path: Path) -> str:
    try:
        with open(path, "rb") as handle:
            data = handle.read(_PEEK_BYTES)
    except OSError:
        return ""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as error:
            if error.start > len(data) - 4:  # a character cut by the peek
                return data[: error.start].decode(encoding, "ignore")
    return ""


def likely_report_of(identity: Identity, peek=_peek):
    """A test of whether a file might be the report of `identity`'s body and year: its path or (a
    text file) its first lines name the year and the body's first two characters (淮安 of 淮安市人民政府
    and of 淮安市政府). Only such files are opened: a PDF or .docx only when its path names both."""
    years = _year_spellings(identity.year)
    body = strip_spaces(identity.name)[:2]

    def names_both(text: str) -> bool:
        return body in text and any(year in text for year in years)

    def likely(path: Path) -> bool:
        where = path.as_posix()
        if names_both(where):
            return True
        return path.suffix.lower() in _TEXT_SUFFIXES and names_both(where + peek(path))

    return likely


class RepositorySearch:
    """The report files of a lone report's repository, for its previous year (GK7xx under pre-commit).

    Where: the `history` globs of the configuration (from its folder) if set; else the git work
    tree the file is in, else the configuration's folder, else the file's own folder — searched as
    a folder is (include, exclude, .gitignore; gklint.run.discovery). Only files `likely_report_of` last
    year's body and year are identified, from their heads."""

    def __init__(self, linter):
        self.linter = linter
        self._files: dict[Path, list[Path]] = {}
        self._identities: dict[Path, Identity | None] = {}
        self._heads: dict[Path, str] = {}  # many files named at once (pre-commit --all-files) peek at each once

    def _peek(self, path: Path) -> str:
        if path not in self._heads:
            self._heads[path] = _peek(path)
        return self._heads[path]

    def previous(self, lonely: Mapping[Path, Identity]) -> dict[Path, Path]:
        found = {}
        likely_files: dict[tuple, list[Path]] = {}  # one scan for the reports of one body and year
        for path, identity in lonely.items():
            own = Path(os.path.abspath(path))
            files = self._candidates(path)
            key = (id(files), identity.body, identity.year, strip_spaces(identity.name)[:2])
            if key not in likely_files:
                likely = likely_report_of(Identity(identity.body, identity.year - 1, identity.name), self._peek)
                likely_files[key] = [c for c in files if likely(c)]
            candidates = [c for c in likely_files[key] if c != own]
            identities = {path: identity, **{c: self._identity(c) for c in candidates}}
            match = pair(identities, _suffix).get(path)
            if match is not None:
                found[path] = match
        return found

    def _identity(self, path: Path) -> Identity | None:
        if path not in self._identities:
            self._identities[path] = identify_file(self.linter, path)
        return self._identities[path]

    def _candidates(self, path: Path) -> list[Path]:
        settings = self.linter.settings
        base = Path(os.path.abspath(settings.base_dir or Path.cwd()))
        if settings.history:
            return self._globbed(base, tuple(settings.history))
        root = self._root(Path(os.path.abspath(path)).parent, settings.base_dir)
        if root not in self._files:
            self._files[root] = [Path(os.path.abspath(p)) for p, _named in self.linter.discover([root])]
        return self._files[root]

    def _globbed(self, base: Path, patterns: tuple[str, ...]) -> list[Path]:
        key = base / "\0".join(patterns)
        if key not in self._files:
            self._files[key] = sorted({Path(os.path.abspath(p)) for pattern in patterns for p in base.glob(pattern) if p.is_file()})
        return self._files[key]

    @staticmethod
    def _root(folder: Path, config_dir: Path | None) -> Path:
        from gklint.run.discovery import git_root

        root = git_root(folder)
        if root is not None:
            return root
        if config_dir is not None:
            config_dir = Path(os.path.abspath(config_dir))
            if folder == config_dir or config_dir in folder.parents:
                return config_dir
        return folder
