"""gklint's built-in rules, registered through the `gklint` entry-point group like any rule pack.

One small module a rule: `gk101_missing_section.py` defines `RULE`. Modules are found by
name, so adding a rule means adding a file. Each module is imported on its own
(`gklint.api.load_rule_modules`): one that fails to import, or declares no rule, is one GK003
naming it, and the other rules still run. Helper modules, if any, start with `_`.
"""

from __future__ import annotations

from gklint.api import hookimpl, load_rule_modules


@hookimpl
def gklint_rules():
    return load_rule_modules(__name__)
