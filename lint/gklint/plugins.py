"""Loading plugins from the `gklint` entry-point group, each in its own try/except.

A plugin that fails to import, or whose hook raises, is recorded as a PluginError
(reported as GK003) and the rest of the run goes on.
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass, field
from importlib import metadata
from typing import Any

import pluggy

from . import hookspecs
from .rule import Rule

ENTRY_POINT_GROUP = "gklint"


@dataclass(frozen=True)
class PluginError:
    plugin: str
    what: str  # "load" or the hook's name
    error: str  # "ExceptionType: message"


@dataclass(frozen=True)
class PluginInfo:
    name: str
    distribution: str
    version: str


@dataclass
class Plugins:
    manager: pluggy.PluginManager
    info: list[PluginInfo] = field(default_factory=list)
    errors: list[PluginError] = field(default_factory=list)

    def _collect(self, hook_name: str) -> list[tuple[str, Any]]:
        """Call one hook on every plugin separately; a raising plugin becomes an error."""
        results = []
        hook = getattr(self.manager.hook, hook_name)
        for impl in reversed(hook.get_hookimpls()):  # registration order
            name = self.manager.get_name(impl.plugin) or impl.plugin_name
            try:
                value = impl.function()
            except Exception as error:  # a plugin's bug must not stop the run
                self.errors.append(PluginError(name, hook_name, _describe(error)))
                continue
            if value is not None:
                results.append((name, value))
        return results

    def rules(self) -> dict[str, Rule]:
        rules: dict[str, Rule] = {}
        for plugin, provided in self._collect("gklint_rules"):
            for item in provided:
                if not isinstance(item, Rule):
                    self.errors.append(PluginError(plugin, "gklint_rules", f"not a Rule: {item!r}"))
                    continue
                if item.code in rules:
                    self.errors.append(
                        PluginError(plugin, "gklint_rules", f"{item.code} is already defined by {rules[item.code].plugin}")
                    )
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


def _describe(error: BaseException) -> str:
    frame = traceback.extract_tb(error.__traceback__)[-1] if error.__traceback__ else None
    where = f" ({frame.filename.rsplit('/', 1)[-1]}:{frame.lineno})" if frame else ""
    return f"{type(error).__name__}: {error}{where}"


def load_plugins() -> Plugins:
    manager = pluggy.PluginManager(hookspecs.PROJECT)
    manager.add_hookspecs(hookspecs)
    plugins = Plugins(manager)
    entry_points = metadata.entry_points()
    group = (
        entry_points.select(group=ENTRY_POINT_GROUP)
        if hasattr(entry_points, "select")
        else entry_points.get(ENTRY_POINT_GROUP, [])
    )
    seen: set[str] = set()
    for entry_point in sorted(group, key=lambda ep: (ep.name not in ("core", "rules"), ep.name)):
        if entry_point.name in seen:  # the same distribution found twice on sys.path
            continue
        seen.add(entry_point.name)
        dist = getattr(entry_point, "dist", None)
        try:
            module = entry_point.load()
            manager.register(module, name=entry_point.name)
        except Exception as error:
            plugins.errors.append(PluginError(entry_point.name, "load", _describe(error)))
            continue
        plugins.info.append(
            PluginInfo(entry_point.name, dist.metadata["Name"] if dist else "?", dist.version if dist else "?")
        )
    if "core" not in seen:
        # Running from a source tree without installed metadata: register the built-ins directly.
        import gklint_rules

        from . import builtins

        manager.register(builtins, name="core")
        manager.register(gklint_rules, name="rules")
        plugins.info[:0] = [PluginInfo("core", "gklint", "source"), PluginInfo("rules", "gklint", "source")]
    return plugins
