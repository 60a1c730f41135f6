"""gklint: a compliance linter for 政府信息公开工作年度报告."""

from gklint.core import __version__
from gklint.core.hookspecs import hookimpl
from gklint.core.rule import Option, Rule, rule
from gklint.core.violation import Edit, Finding, Fix, Message, Severity

__all__ = ["hookimpl", "rule", "Rule", "Option", "Finding", "Fix", "Edit", "Message", "Severity", "__version__"]
