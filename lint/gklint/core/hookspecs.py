"""pluggy hook specifications: the plugin API of gklint.

A plugin is a module (or object) registered under the `gklint` entry-point group that
implements any of these hooks with `@gklint.hookimpl`.
"""

from __future__ import annotations

import pluggy

PROJECT = "gklint"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def gklint_rules():
    """Return a list of `gklint.core.rule.Rule` objects."""


@hookspec
def gklint_templates():
    """Return a list of paths to template YAML files (see gklint/templates/)."""


@hookspec
def gklint_formatters():
    """Return a mapping of format name → formatter object (with `format(results, context) -> str`)."""


@hookspec
def gklint_readers():
    """Return a list of readers (objects with `name`, `suffixes` and `read(path, data) -> SourceText`)."""
