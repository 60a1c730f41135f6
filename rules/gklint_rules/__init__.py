"""gklint's built-in rules, registered through the `gklint` entry-point group like any rule pack.

One small module a rule: `gk101_missing_section.py` defines `RULE`. Modules are found by
name, so adding a rule means adding a file.
"""

from __future__ import annotations

import importlib
import pkgutil

from gklint import hookimpl


def _rule_modules():
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("gk") and info.name[2:5].isdigit():
            yield importlib.import_module(f"{__name__}.{info.name}")


@hookimpl
def gklint_rules():
    return [module.RULE for module in _rule_modules()]
