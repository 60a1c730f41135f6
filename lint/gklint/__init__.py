"""gklint: a compliance linter for 政府信息公开工作年度报告."""

from .hookspecs import hookimpl
from .rule import Option, Rule, rule
from .violation import Edit, Finding, Fix, Message, Severity

__version__ = "0.1.0"

__all__ = ["hookimpl", "rule", "Rule", "Option", "Finding", "Fix", "Edit", "Message", "Severity", "__version__"]
