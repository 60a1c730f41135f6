"""The public API for rule authors: everything a rule module imports from gklint.

    from gklint.api import Edit, Finding, Fix, FixAvailability, Applicability, Message, Severity, rule

A rule is a function decorated with `@rule(...)`, declaring its code, name, severity, what fix it
offers and what it needs; it reads a `Report` and yields `Finding`s. A rule pack is a package
whose modules each define `RULE`, registered under the `gklint` entry-point group with a
`gklint_rules` hook returning `load_rule_modules(__name__)`. docs/rule-packs.md teaches it with a
worked example.

What is here stays: names are added, not renamed or removed, within a major version. Anything
imported from elsewhere in gklint (gklint.facts.*, gklint.core.text…) is the engine's own and may
change.

The contract (`gklint.core.rule`, `gklint.core.violation`):
  rule, Rule, Option          declaring a rule; Option: a configurable value with a default
  Finding, Fix, Edit, Message what a rule yields: offsets into `report.text`, both languages, a fix
  Severity                    ERROR, WARNING, INFO
  FixAvailability             NONE, SOMETIMES, ALWAYS: whether the rule's findings carry a fix
  Applicability               SAFE, UNSAFE, DISPLAY_ONLY: how far one fix may be trusted
  NEEDS                       what a rule may need beyond its report ({"previous"})
  RuleDeclarationError        a declaration that contradicts itself
  load_rule_modules           a rules package's RULEs, each module loaded on its own
  hookimpl                    marks a plugin's hook implementations (pluggy)

The facts a rule reads (`gklint.model.report`, `gklint.facts`):
  Report                      the parsed report: text, lines, title, metadata, sections, paragraphs,
                              tables, previous (last year's report), facts
  Facts                       `report.facts`: passages, periods, period, publication_dates, figures,
                              table_claims, contacts — each computed once, on first use
  Line, Title, MetadataField, Section, Heading, Paragraph
  Table, TableRow, Cell       the three statistics tables, as read
  Period, DateMention, PublicationDate   the statistics period and dates
  Contacts, Phone, Email      the contact information
  Figure, Quantity, Share, Part, TableClaim   figures in the narrative, claims about the tables
  Passage, PassageIndex       a paragraph of the narrative, folded; `report.facts.passages` (iterate,
                              `.text` joined, `.holding(needle…)`)

Helpers rules share: the normaliser (`to_simplified`, `label_key`, `strip_spaces`), the report's
year (`report_year`), the law data (`law()`: names, deadlines, the period sentence).
"""

from __future__ import annotations

from gklint.core.hookspecs import hookimpl
from gklint.core.rule import NEEDS, Option, Rule, RuleDeclarationError, RuleModuleError, load_rule_modules, rule
from gklint.core.template import law
from gklint.core.text import label_key, strip_spaces, to_simplified
from gklint.core.violation import Applicability, Edit, Finding, Fix, FixAvailability, Message, Severity
from gklint.facts.contact import Contacts, Email, Phone
from gklint.facts.figures import Figure, Part, Quantity, Share, TableClaim
from gklint.facts.period import DateMention, Passage, PassageIndex, Period, PublicationDate, report_year
from gklint.facts.report_facts import Facts
from gklint.model.report import Cell, Heading, Line, MetadataField, Paragraph, Report, Section, Table, TableRow, Title

__all__ = [
    # the contract
    "rule",
    "Rule",
    "Option",
    "Finding",
    "Fix",
    "Edit",
    "Message",
    "Severity",
    "FixAvailability",
    "Applicability",
    "NEEDS",
    "RuleDeclarationError",
    "RuleModuleError",
    "load_rule_modules",
    "hookimpl",
    # the facts
    "Report",
    "Line",
    "Title",
    "MetadataField",
    "Section",
    "Heading",
    "Paragraph",
    "Table",
    "TableRow",
    "Cell",
    "Period",
    "DateMention",
    "PublicationDate",
    "Contacts",
    "Phone",
    "Email",
    "Figure",
    "Quantity",
    "Share",
    "Part",
    "TableClaim",
    "Passage",
    "PassageIndex",
    "Facts",
    # helpers
    "report_year",
    "law",
    "to_simplified",
    "label_key",
    "strip_spaces",
]
