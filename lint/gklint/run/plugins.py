"""Loading plugins from the `gklint` entry-point group, each in its own try/except.

A plugin that fails to import, or whose hook raises, is recorded as a PluginError
(reported as GK003) and the rest of the run goes on.

The entry points are read as `importlib.metadata.entry_points()` reads them, but without importing
it (it brings the email package: ~25 ms of every start-up); see `entry_points`.
"""

from __future__ import annotations

import functools
import importlib
import os
import re
import sys
from dataclasses import dataclass, field
from typing import Any, Iterator

import pluggy

from gklint.core import hookspecs
from gklint.core.rule import Rule, RuleModuleError, describe_error

ENTRY_POINT_GROUP = "gklint"


@dataclass(frozen=True)
class PluginError:
    plugin: str
    what: str  # "load", the hook's name, or "module" (one rule module of the plugin: `module`)
    error: str  # "ExceptionType: message"
    module: str = ""  # the rule module that failed (`gklint.core.rule.load_rule_modules`)


@dataclass(frozen=True)
class PluginInfo:
    name: str
    distribution: str
    version: str


@dataclass
class Plugins:
    manager: pluggy.PluginManager
    errors: list[PluginError] = field(default_factory=list)
    # (plugin name, its distribution: a metadata folder, an importlib.metadata Distribution, None, or SOURCE_TREE)
    loaded: list[tuple[str, Any]] = field(default_factory=list)

    @property
    def info(self) -> list[PluginInfo]:
        """The loaded plugins with their distribution's name and version (`gklint --version`)."""
        return [_info(name, dist) for name, dist in self.loaded]

    def _collect(self, hook_name: str) -> list[tuple[str, Any]]:
        """Call one hook on every plugin separately; a raising plugin becomes an error."""
        results = []
        hook = getattr(self.manager.hook, hook_name)
        for impl in reversed(hook.get_hookimpls()):  # registration order
            name = self.manager.get_name(impl.plugin) or impl.plugin_name
            try:
                value = impl.function()
            except (Exception, SystemExit) as error:  # a plugin's bug (or sys.exit) must not stop the run
                self.errors.append(PluginError(name, hook_name, _describe(error)))
                continue
            if value is not None:
                results.append((name, value))
        return results

    def rules(self) -> dict[str, Rule]:
        rules: dict[str, Rule] = {}
        for plugin, provided in self._collect("gklint_rules"):
            for item in provided:
                if isinstance(item, RuleModuleError):  # one module of the pack: its own GK003
                    self.errors.append(PluginError(plugin, "module", item.error, item.module))
                    continue
                if not isinstance(item, Rule):
                    self.errors.append(PluginError(plugin, "gklint_rules", f"not a Rule: {item!r}"))
                    continue
                if item.code in rules:
                    self.errors.append(PluginError(plugin, "gklint_rules", f"{item.code} is already defined by {rules[item.code].plugin}"))
                    continue
                rules[item.code] = Rule(**{**item.__dict__, "plugin": plugin})
        return dict(sorted(rules.items()))

    def template_paths(self) -> list[Any]:
        return [path for _plugin, paths in self._collect("gklint_templates") for path in paths]

    def formatters(self) -> dict[str, Any]:
        formatters: dict[str, Any] = {}
        for _plugin, provided in self._collect("gklint_formatters"):
            formatters.update(provided)
        return formatters

    def readers(self) -> list[Any]:
        return [reader for _plugin, provided in self._collect("gklint_readers") for reader in provided]


SOURCE_TREE = "<source tree>"  # the built-ins registered without installed metadata


def _info(name: str, dist: Any) -> PluginInfo:
    if dist is SOURCE_TREE:
        return PluginInfo(name, "gklint", "source")
    if dist is None:
        return PluginInfo(name, "?", "?")
    if isinstance(dist, str):
        from importlib import metadata
        from pathlib import Path

        dist = metadata.PathDistribution(Path(dist))
    return PluginInfo(name, dist.metadata["Name"], dist.version)


_describe = describe_error  # "ExceptionType: message (file.py:line)"


BUILTIN_PLUGIN = "gklint.builtins"  # the "core" entry point: readers, templates, formatters, GK001–GK005


def load_plugins() -> Plugins:
    manager = pluggy.PluginManager(hookspecs.PROJECT)
    manager.add_hookspecs(hookspecs)
    plugins = Plugins(manager)
    seen: set[str] = set()
    for entry_point in sorted(entry_points(ENTRY_POINT_GROUP), key=lambda ep: (ep.name not in ("core", "rules"), ep.name)):
        if entry_point.name in seen:  # the same distribution found twice on sys.path
            continue
        seen.add(entry_point.name)
        try:
            module = entry_point.load()
            manager.register(module, name=entry_point.name)
        except (Exception, SystemExit) as error:  # sys.exit() at import: GK003, not a silent end
            plugins.errors.append(PluginError(entry_point.name, "load", _describe(error)))
            continue
        plugins.loaded.append((entry_point.name, getattr(entry_point, "dist", None)))  # importlib.metadata before 3.10: none
    if "core" not in seen:
        # Running from a source tree without installed metadata: register the built-ins directly.
        import gklint_rules

        # Named, as its entry point names it, not imported: the engine's own plugin sits above the run.
        builtins = importlib.import_module(BUILTIN_PLUGIN)
        manager.register(builtins, name="core")
        manager.register(gklint_rules, name="rules")
        plugins.loaded[:0] = [("core", SOURCE_TREE), ("rules", SOURCE_TREE)]
    return plugins


# -- entry points ------------------------------------------------------------------------------
class EntryPoint:
    """An entry point as importlib.metadata's: `name`, `value` ("module:attr"), `group`, and `dist`
    (here the path of its distribution's metadata folder)."""

    # importlib.metadata.EntryPoint.pattern
    pattern = re.compile(r"(?P<module>[\w.]+)\s*(:\s*(?P<attr>[\w.]+)\s*)?((?P<extras>\[.*\])\s*)?$")

    def __init__(self, name: str, value: str, group: str, dist: str):
        self.name = name
        self.value = value
        self.group = group
        self.dist = dist

    def __repr__(self) -> str:
        return f"EntryPoint(name={self.name!r}, value={self.value!r}, group={self.group!r})"

    def load(self) -> Any:
        """The module, or the object named after its colon (as importlib.metadata.EntryPoint.load)."""
        match = self.pattern.match(self.value)
        module = importlib.import_module(match.group("module"))
        attrs = filter(None, (match.group("attr") or "").split("."))
        return functools.reduce(getattr, attrs, module)


def entry_points(group: str) -> list:
    """The entry points of `group`, as `importlib.metadata.entry_points(group=group)` gives them.

    Its search, redone: the `*.dist-info` and `*.egg-info` folders in the folders on sys.path, in
    sys.path order, the first distribution of a (normalised) name hiding later ones; their
    `entry_points.txt` read as importlib.metadata reads it. Where distributions could be found some
    other way (a zip file or an .egg on sys.path, a finder with its own `find_distributions`),
    importlib.metadata itself is asked.
    """
    if not _plain_folders():
        from importlib import metadata

        found = metadata.entry_points()
        if hasattr(found, "select"):  # Python 3.10+
            return list(found.select(group=group))
        return list(found.get(group, ()))  # 3.9: a dict of groups
    found = []
    seen: set[str] = set()
    for folder in sys.path:
        for name, dist in _distributions(folder):
            if name in seen:
                continue
            seen.add(name)
            found.extend(ep for ep in _read_entry_points(dist) if ep.group == group)
    return found


def _plain_folders() -> bool:
    """True when importlib.metadata would find distributions only as metadata folders in folders."""
    from importlib.machinery import PathFinder

    if any(hasattr(finder, "find_distributions") for finder in sys.meta_path if finder is not PathFinder):
        return False
    for entry in sys.path:
        if not isinstance(entry, str) or entry.lower().endswith(".egg") or os.path.isfile(entry):
            return False
    return True


def _normalize(name: str) -> str:
    """importlib.metadata's Prepared.normalize: PEP 503, with underscores."""
    return re.sub(r"[-_.]+", "-", name).lower().replace("-", "_")


def _distributions(folder: str) -> Iterator[tuple[str, str]]:
    """(normalised name, metadata folder) in `folder`, grouped by name as importlib.metadata's Lookup."""
    try:
        children = os.listdir(folder or ".")
    except Exception:  # noqa: BLE001 - as importlib.metadata: a missing or unreadable folder holds nothing
        return
    by_name: dict[str, list[str]] = {}
    for child in children:
        low = child.lower()
        if low.endswith((".dist-info", ".egg-info")):
            by_name.setdefault(_normalize(low.rpartition(".")[0].partition("-")[0]), []).append(os.path.join(folder, child))
    for name, paths in by_name.items():
        for path in paths:
            yield name, path


def _read_entry_points(dist: str) -> Iterator[EntryPoint]:
    """entry_points.txt as importlib.metadata's Sectioned reads it."""
    try:
        with open(os.path.join(dist, "entry_points.txt"), encoding="utf-8") as handle:
            text = handle.read()
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError, PermissionError):
        return
    section = None
    for line in map(str.strip, text.splitlines()):
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line.strip("[]")
            continue
        if section is not None:
            name, value = line.split("=", 1)
            yield EntryPoint(name.strip(), value.strip(), section, dist)
