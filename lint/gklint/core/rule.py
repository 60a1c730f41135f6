"""The rule contract: code, kebab-case name, severity, what fix it offers, what it needs, options
with defaults, docs, and a pure check. Rule authors import all of it from `gklint.api`.

Rules are plain functions decorated with `@rule(...)`:

    @rule("GK101", "missing-section", Severity.ERROR,
          fix=FixAvailability.ALWAYS, applicability=Applicability.UNSAFE, ...)
    def check(report, options):
        '''## What it does ...'''
        yield Finding(start, end, zh="…", en="…", fix=Fix.unsafe(...))

What a rule declares is checked against what it yields, as ruff does (`contract_breach`):
`fix` is its fix availability (None: no finding has a fix; Sometimes; Always: every finding has
one), `applicability` the kinds of fix it yields (safe, unsafe, display-only), `hint` that its
message suggests the correction where no fix is offered (the catalogue's H), `needs` the facts
beyond the one report it reads (`previous`: last year's report). The catalogue's fix letters
(S, U, H, -) are what `Rule.fix_kind` prints; `fix="S"` and the like are still accepted.

The docstring is the rule's documentation in ruff's shape: ## What it does,
## Why it matters, ## Example, ## Fix safety; then the same in Chinese: ## 做什么,
## 为什么重要, ## 示例, ## 修复安全性 (one docstring keeps both next to the code they
describe). `gklint rule GK101` prints the Chinese half, `--lang en` the English one; a rule
without a Chinese half shows its English documentation in both. A `## 示例` left empty shows the
English example (report text is Chinese either way: written once).

A rule module (`gk101_missing_section.py`) defines `RULE`; `load_rule_modules` imports each module
of a rules package on its own, so one broken module costs its own rule only.
"""

from __future__ import annotations

import inspect
import os
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping, Union

from gklint.core.violation import Applicability, Finding, FixAvailability, Message, Severity

DOC_SECTIONS = ("What it does", "Why it matters", "Example", "Fix safety")
DOC_SECTIONS_ZH = ("做什么", "为什么重要", "示例", "修复安全性")
_ZH_START = f"## {DOC_SECTIONS_ZH[0]}"
# The catalogue's fix letters, as declarations: (availability, applicabilities, hint).
FIX_LETTERS: dict[str, tuple[FixAvailability, frozenset, bool]] = {
    "S": (FixAvailability.SOMETIMES, frozenset({Applicability.SAFE}), False),
    "U": (FixAvailability.SOMETIMES, frozenset({Applicability.UNSAFE}), False),
    "H": (FixAvailability.NONE, frozenset(), True),
    "-": (FixAvailability.NONE, frozenset(), False),
}
FIX_KINDS = {"S": "safe", "U": "unsafe", "D": "display-only", "H": "hint", "-": "none"}  # letter → English word
# What a rule may need beyond the report it reads; the engine provides it only when a selected rule needs it.
NEEDS = {
    "previous": "last year's report of the same body (Report.previous): paired among the run's files, or --previous",
}
STRICT_ENV = "GKLINT_STRICT_CONTRACT"  # "1": a finding that breaks its rule's declaration is a GK003 (the tests set it)
_APPLICABILITY_ORDER = (Applicability.SAFE, Applicability.UNSAFE, Applicability.DISPLAY_ONLY)

AvailabilityLike = Union[FixAvailability, str]
ApplicabilityLike = Union[Applicability, str, Iterable[Union[Applicability, str]], None]


class RuleDeclarationError(ValueError):
    """A rule's declaration that contradicts itself (a fix availability with no applicability, an
    unknown need…): raised where the rule is defined, so its module fails to load (GK003)."""


@dataclass(frozen=True)
class Option:
    default: Any
    description: str
    type: type | tuple[type, ...] | None = None

    def validate(self, value: Any) -> bool:
        expected = self.type or type(self.default)
        if expected is float and isinstance(value, int) and not isinstance(value, bool):
            return True
        return isinstance(value, expected)


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    fix: FixAvailability  # None, Sometimes or Always; a catalogue letter (S, U, H, -) is converted
    summary: str  # one line, Chinese
    summary_en: str
    check: Callable[[Any, Mapping[str, Any]], Iterable[Finding]] = field(repr=False)
    options: Mapping[str, Option] = field(default_factory=dict)
    doc: str = ""
    plugin: str = ""
    applicability: frozenset = frozenset()  # of Applicability: the kinds of fix the rule yields
    hint: bool = False  # the message suggests the correction where there is no fix (the catalogue's H)
    needs: frozenset = frozenset()  # of NEEDS' keys

    def __post_init__(self) -> None:
        fix, applicability, hint = _availability(self.code, self.fix, self.applicability, self.hint)
        object.__setattr__(self, "fix", fix)
        object.__setattr__(self, "applicability", applicability)
        object.__setattr__(self, "hint", hint)
        needs = frozenset({self.needs} if isinstance(self.needs, str) else self.needs or ())
        unknown = sorted(needs - set(NEEDS))
        if unknown:
            raise RuleDeclarationError(f"{self.code}: unknown need {', '.join(unknown)} (known: {', '.join(NEEDS)})")
        object.__setattr__(self, "needs", needs)

    @property
    def fix_kind(self) -> str:
        """The catalogue's notation: S, U (S/U for both), H (a hint in the message only), - (nothing);
        a rule that fixes sometimes and hints otherwise is H (S) or H (U), as GK305 and GK105."""
        if self.fix is FixAvailability.NONE:
            return "H" if self.hint else "-"
        letters = "/".join(a.letter for a in _APPLICABILITY_ORDER if a in self.applicability)
        return f"H ({letters})" if self.fix is FixAvailability.SOMETIMES and self.hint else letters

    @property
    def doc_en(self) -> str:
        """The English half of the documentation (all of it when there is no Chinese half)."""
        return self.doc.split(_ZH_START, 1)[0].strip()

    @property
    def doc_zh(self) -> str:
        """The Chinese half, from `## 做什么` on; empty when the rule has none. A `## 示例` left
        empty shows the English half's example (the report text is Chinese in both)."""
        start = self.doc.find(_ZH_START)
        if start < 0:
            return ""
        zh = self.doc[start:].strip()
        example = _section(zh, DOC_SECTIONS_ZH[2])
        if example is not None and not example.strip():
            shared = _section(self.doc_en, DOC_SECTIONS[2]) or ""
            heading = f"## {DOC_SECTIONS_ZH[2]}\n"
            at = zh.index(heading) + len(heading)
            zh = zh[:at] + shared.strip("\n") + "\n\n" + zh[at:].lstrip("\n")
        return zh

    def documentation(self, lang: str) -> str:
        """The documentation in `lang` (zh falls back to English for a rule without Chinese)."""
        return (self.doc_zh or self.doc_en) if lang == "zh" else self.doc_en

    def defaults(self) -> dict[str, Any]:
        return {name: option.default for name, option in self.options.items()}


def _section(doc: str, heading: str) -> str | None:
    """The text under `## heading` up to the next `## ` heading; None when there is no such heading."""
    marker = f"## {heading}\n"
    start = doc.find(marker)
    if start < 0:
        return None
    start += len(marker)
    end = doc.find("\n## ", start)
    return doc[start:] if end < 0 else doc[start : end + 1]


def _availability(code: str, fix: Any, applicability: Any, hint: bool) -> tuple[FixAvailability, frozenset, bool]:
    """A declaration made whole: letters converted, applicabilities as a frozenset, and checked
    (fixes need an applicability, no fix none)."""
    if isinstance(fix, str) and not isinstance(fix, FixAvailability) and fix in FIX_LETTERS:
        fix, letter_applicability, letter_hint = FIX_LETTERS[fix]
        applicability = applicability or letter_applicability
        hint = hint or letter_hint
    try:
        fix = FixAvailability(fix)
    except ValueError:
        raise RuleDeclarationError(
            f"{code}: fix must be a FixAvailability ({', '.join(a.value for a in FixAvailability)}) "
            f"or a catalogue letter ({', '.join(FIX_LETTERS)}), not {fix!r}"
        ) from None
    if applicability is None:
        applicability = ()
    elif isinstance(applicability, (str, Applicability)):
        applicability = (applicability,)
    try:
        kinds = frozenset(Applicability(a) for a in applicability)
    except ValueError as error:
        raise RuleDeclarationError(f"{code}: {error} (known: {', '.join(a.value for a in Applicability)})") from None
    if fix is FixAvailability.NONE and kinds:
        raise RuleDeclarationError(f"{code}: declares no fix (FixAvailability.NONE) and an applicability")
    if fix is not FixAvailability.NONE and not kinds:
        raise RuleDeclarationError(f"{code}: fix availability {fix.value} needs an applicability (safe, unsafe, display-only)")
    return fix, kinds, bool(hint)


def rule(
    code: str,
    name: str,
    severity: Severity,
    *,
    fix: AvailabilityLike = FixAvailability.NONE,
    applicability: ApplicabilityLike = None,
    hint: bool = False,
    needs: Iterable[str] = (),
    summary: str,
    summary_en: str,
    options: Mapping[str, Option] | None = None,
) -> Callable[[Callable], Rule]:
    """Declare a rule: `fix` (FixAvailability, default NONE) with the `applicability` of its fixes
    (one Applicability or several), `hint` when its message suggests the correction, `needs`
    (e.g. {"previous"}). A declaration that contradicts itself raises RuleDeclarationError here."""
    _availability(code, fix, applicability, hint)  # fail where the rule is declared, before decorating
    needs = frozenset({needs} if isinstance(needs, str) else needs)
    unknown = sorted(needs - set(NEEDS))
    if unknown:
        raise RuleDeclarationError(f"{code}: unknown need {', '.join(unknown)} (known: {', '.join(NEEDS)})")

    def decorate(function: Callable) -> Rule:
        return Rule(
            code=code,
            name=name,
            severity=severity,
            fix=fix,
            summary=summary,
            summary_en=summary_en,
            check=function,
            options=dict(options or {}),
            doc=inspect.cleandoc(function.__doc__ or ""),
            applicability=applicability,
            hint=hint,
            needs=needs,
        )

    return decorate


# -- the contract, checked on what a rule yields ------------------------------------------------
def contract_breach(rule: Rule, finding: Finding) -> Message | None:
    """How a finding contradicts its rule's declaration (ruff's fix availability and applicability),
    or None when it keeps to it."""
    fix = finding.fix
    if fix is None:
        if rule.fix is FixAvailability.ALWAYS:
            return Message(
                "声明总是提供修复（Always），却给出了没有修复的问题",
                "declares fix availability Always but yielded a finding without a fix",
            )
        return None
    if rule.fix is FixAvailability.NONE:
        return Message(
            f"声明不提供修复（None，修复类别 {rule.fix_kind}），却给出了{fix.applicability.value}修复",
            f"declares no fix (None, fix kind {rule.fix_kind}) but yielded a {fix.applicability.value} fix",
        )
    if fix.applicability not in rule.applicability:
        declared = ", ".join(a.value for a in _APPLICABILITY_ORDER if a in rule.applicability)
        return Message(
            f"给出了{fix.applicability.value}修复，但只声明了 {declared}（修复类别 {rule.fix_kind}）",
            f"yielded a {fix.applicability.value} fix but declares {declared} only (fix kind {rule.fix_kind})",
        )
    return None


def strict_contract() -> bool:
    """True where a breach of the contract must fail (the test suite sets GKLINT_STRICT_CONTRACT=1)."""
    return os.environ.get(STRICT_ENV, "") not in ("", "0")


# -- rule packages: one module a rule, each loaded on its own ----------------------------------
@dataclass(frozen=True)
class RuleModuleError:
    """A module of a rules package that could not give its rule: it failed to import, or declares
    none (no `RULE`), or declares another code than its name. Reported as GK003 naming it."""

    module: str
    error: str


def load_rule_modules(package: str) -> list[Rule | RuleModuleError]:
    """The rules of a package's modules, one `RULE` (or a list `RULES`) a module, each module
    imported on its own: a module that fails to import, or declares no rule, becomes a
    RuleModuleError and the other modules' rules are kept. Modules whose name starts with `_`
    are helpers and declare nothing; a module named `gkNNN_…` must declare rule GKNNN.

        @hookimpl
        def gklint_rules():
            return load_rule_modules(__name__)
    """
    import importlib
    import pkgutil

    root = importlib.import_module(package)
    found: list[Rule | RuleModuleError] = []
    for info in sorted(pkgutil.iter_modules(getattr(root, "__path__", [])), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        name = f"{package}.{info.name}"
        try:
            module = importlib.import_module(name)
        except (Exception, SystemExit) as error:  # its own GK003; the other modules still load
            found.append(RuleModuleError(name, describe_error(error)))
            continue
        declared = getattr(module, "RULES", None)
        if declared is None:
            declared = [module.RULE] if hasattr(module, "RULE") else []
        rules = [item for item in declared if isinstance(item, Rule)]
        if not rules or len(rules) != len(declared):
            found.append(
                RuleModuleError(
                    name,
                    "declares no rule: a rule module defines RULE (a function decorated with @rule)"
                    if not declared
                    else f"RULE is not a Rule: {declared!r}",
                )
            )
        prefix = info.name[:5].upper()
        if prefix[:2] == "GK" and prefix[2:].isdigit() and rules and all(r.code != prefix for r in rules):
            found.append(RuleModuleError(name, f"named for {prefix} but declares {', '.join(r.code for r in rules)}"))
        found.extend(rules)
    return found


def describe_error(error: BaseException) -> str:
    """ "ExceptionType: message (file.py:line)", the line where it was raised."""
    import traceback

    frame = traceback.extract_tb(error.__traceback__)[-1] if error.__traceback__ else None
    where = f" ({frame.filename.rsplit('/', 1)[-1]}:{frame.lineno})" if frame else ""
    return f"{type(error).__name__}: {error}{where}"
