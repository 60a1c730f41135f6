"""Which files a folder holds for gklint: the `include` patterns, minus what the repository ignores.

As ruff does: folders are searched recursively; `.gitignore` files (each for its own folder, the
deeper one winning) and `.git/info/exclude` are respected (gitignore semantics, `pathspec`);
virtual environments (a folder with `pyvenv.cfg`) and tool folders are skipped; `exclude`,
`include` and `extend-include` patterns with a `/` are anchored at the configuration file's folder
(the current folder for the command line's `--exclude`), those without one match a file or folder
name at any depth. A file named on the command line is linted as given (unless `force`: the
pre-commit hook's `--force-exclude`, which names every staged file).
"""

from __future__ import annotations

import fnmatch
import glob
import os
from pathlib import Path
from typing import Iterable, Iterator

# Folders that never hold reports; dot-folders (.git, .venv, .tox…) are skipped too.
SKIPPED_FOLDERS = frozenset({"node_modules", "site-packages", "__pycache__", "__pypackages__"})


def anchored(patterns: Iterable[str], base: Path) -> list[str]:
    """Patterns with a `/` made absolute at `base` (ruff: relative to the configuration's folder)."""
    result = []
    for pattern in patterns:
        pattern = pattern.replace("\\", "/")
        if "/" in pattern.rstrip("/") and not os.path.isabs(pattern):
            while pattern.startswith("./"):
                pattern = pattern[2:]
            pattern = glob.escape(Path(base).resolve().as_posix()) + "/" + pattern
        result.append(pattern.rstrip("/"))
    return result


def matches(path: Path, patterns: Iterable[str]) -> bool:
    """Does any pattern match the file or folder's name or (anchored patterns) its absolute path?"""
    name = path.name
    full = None
    for pattern in patterns:
        if "/" in pattern:
            full = full or Path(os.path.abspath(path)).as_posix()
            if fnmatch.fnmatch(full, pattern) or fnmatch.fnmatch(full, pattern + "/*"):
                return True
        elif fnmatch.fnmatch(name, pattern) or fnmatch.fnmatch(name.lower(), pattern.lower()):
            return True
    return False


def _absolute(path: Path) -> Path:
    return Path(os.path.abspath(path))


def is_virtualenv(folder: Path) -> bool:
    return (folder / "pyvenv.cfg").is_file()


def git_root(start: Path) -> Path | None:
    for folder in [start, *start.parents]:
        if (folder / ".git").exists():
            return folder
    return None


class GitIgnore:
    """The ignore rules of one git work tree: .gitignore files and .git/info/exclude, read once each."""

    def __init__(self, root: Path):
        self.root = root
        self._specs: dict[Path, object] = {}
        self._chains: dict[Path, list] = {}

    @classmethod
    def around(cls, path: Path) -> GitIgnore | None:
        root = git_root(Path(os.path.abspath(path)))
        return cls(root) if root is not None else None

    def _spec(self, file: Path):
        if file not in self._specs:
            try:
                lines = file.read_text(encoding="utf-8", errors="replace").splitlines()
            except OSError:
                lines = []
            spec = None
            if any(line.strip() and not line.startswith("#") for line in lines):
                import pathspec  # only in a repository that ignores something

                spec = pathspec.GitIgnoreSpec.from_lines(lines)
            self._specs[file] = spec
        return self._specs[file]

    def _chain(self, folder: Path) -> list:
        """(base folder, spec) of the ignore files that apply in `folder`, lowest precedence first:
        .git/info/exclude, then each .gitignore from the top down (a deeper one wins)."""
        chain = self._chains.get(folder)
        if chain is None:
            if folder == self.root or folder == folder.parent:
                sources = [(self.root, self.root / ".git" / "info" / "exclude"), (self.root, self.root / ".gitignore")]
                chain = [(base, spec) for base, file in sources if (spec := self._spec(file)) is not None]
            else:
                spec = self._spec(folder / ".gitignore")
                chain = self._chain(folder.parent) + ([(folder, spec)] if spec is not None else [])
            self._chains[folder] = chain
        return chain

    def own_verdict(self, path: Path, is_dir: bool) -> bool:
        """Is the path ignored by a pattern (its folders not looked at)? Last match wins."""
        ignored = False
        text = path.as_posix()
        for base, spec in self._chain(path.parent):
            name = text[len(base.as_posix()) :].lstrip("/") + ("/" if is_dir else "")
            verdict = spec.check_file(name).include
            if verdict is not None:
                ignored = verdict
        return ignored

    def ignored(self, path: Path, is_dir: bool | None = None) -> bool:
        """Is the path ignored, itself or through one of its folders (as git sees it)?"""
        path = Path(os.path.abspath(path))
        try:
            relative = path.relative_to(self.root)
        except ValueError:
            return False
        if relative.parts[:1] == (".git",):
            return True
        folder = self.root
        for part in relative.parts[:-1]:
            folder = folder / part
            if self.own_verdict(folder, True):
                return True
        return bool(relative.parts) and self.own_verdict(path, path.is_dir() if is_dir is None else is_dir)


class Discovery:
    """One run's search: `files(paths)` yields each file to lint and whether it was named (explicit)."""

    def __init__(self, include: list[str], exclude: list[str], force_exclude: bool = False):
        self.include = include
        self.exclude = exclude
        self.force_exclude = force_exclude
        self._gitignores: dict[Path, GitIgnore | None] = {}

    def _gitignore(self, path: Path) -> GitIgnore | None:
        folder = Path(os.path.abspath(path))
        folder = folder if folder.is_dir() else folder.parent
        if folder not in self._gitignores:
            self._gitignores[folder] = GitIgnore.around(folder)
        return self._gitignores[folder]

    def skipped_folder(self, folder: Path, gitignore: GitIgnore | None) -> bool:
        """During a walk (the folders above already passed): this folder's own verdict."""
        name = folder.name
        return (
            (name.startswith(".") and name not in (".", ".."))
            or name in SKIPPED_FOLDERS
            or is_virtualenv(folder)
            or matches(folder, self.exclude)
            or (gitignore is not None and gitignore.own_verdict(_absolute(folder), True))
        )

    def skipped_file(self, file: Path, gitignore: GitIgnore | None, walking: bool = True) -> bool:
        """Excluded or ignored; `walking`: the folders above already passed, only the file's own verdict."""
        if matches(file, self.exclude):
            return True
        if gitignore is None:
            return False
        return gitignore.own_verdict(_absolute(file), False) if walking else gitignore.ignored(file, False)

    def files(self, paths: Iterable[Path]) -> Iterator[tuple[Path, bool]]:
        for path in paths:
            if path.is_dir():
                yield from ((file, False) for file in self._walk(path))
            elif not (self.force_exclude and self._excluded_explicit(path)):
                yield path, True

    def _excluded_explicit(self, path: Path) -> bool:
        gitignore = self._gitignore(path)
        folders = Path(os.path.abspath(path)).parents
        return self.skipped_file(path, gitignore, walking=False) or any(
            is_virtualenv(folder) or matches(folder, self.exclude) for folder in folders
        )

    def _walk(self, top: Path) -> Iterator[Path]:
        gitignore = self._gitignore(top)
        for root, dirs, files in os.walk(top):
            dirs[:] = sorted(d for d in dirs if not self.skipped_folder(Path(root, d), gitignore))
            for name in sorted(self._included_names(root, files)):
                candidate = Path(root, name)
                if not self.skipped_file(candidate, gitignore):
                    yield candidate

    def included(self, file: Path) -> bool:
        return matches(file, self.include)

    def _included_names(self, root: str, names: list[str]) -> list[str]:
        """The names the include patterns take, matched as strings first (most files of a repository
        are not reports; a Path for each would cost more than the match)."""
        by_name = [p for p in self.include if "/" not in p]
        anchored_patterns = [p for p in self.include if "/" in p]
        kept = []
        for name in names:
            lower = name.lower()
            if any(fnmatch.fnmatch(lower, p.lower()) for p in by_name) or (
                anchored_patterns and matches(Path(root, name), anchored_patterns)
            ):
                kept.append(name)
        return kept
