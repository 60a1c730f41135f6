"""`Facts`: what rules share about one report, each computed on first use and kept for the others.

The engine sets `report.facts = Facts(report)` once the report is parsed and its tables read
(`Report.tables`); rules read `report.facts.period`, `report.facts.figures`… instead of each
computing them again.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from gklint.facts.contact import Contacts, find_contacts
from gklint.facts.figures import Figure, TableClaim, extract_figures, table_claims
from gklint.facts.period import PassageIndex, Period, PublicationDate, find_periods, find_publication_dates

if TYPE_CHECKING:  # pragma: no cover
    from gklint.model.report import Report


class Facts:
    """The facts of one report. Each property is computed once, on first use (a rule selection
    that never asks for figures never extracts them)."""

    def __init__(self, report: Report) -> None:
        self._report = report

    @functools.cached_property
    def passages(self) -> PassageIndex:
        """The paragraphs, folded (script, digits, radicals, spaces, pinyin debris), with a map back."""
        return PassageIndex(self._report.paragraphs)

    @functools.cached_property
    def periods(self) -> list[Period]:
        """Statistics-period statements, the preamble's first."""
        return find_periods(self._report)

    @property
    def period(self) -> Period | None:
        """The statistics period; None when the report states none."""
        return self.periods[0] if self.periods else None

    @functools.cached_property
    def publication_dates(self) -> list[PublicationDate]:
        """Metadata dates (发文日期…) and the signature date."""
        return find_publication_dates(self._report)

    @functools.cached_property
    def figures(self) -> list[Figure]:
        """Totals with their parts, counts and shares in the narrative (GK401–GK404)."""
        return extract_figures(self._report)

    @functools.cached_property
    def table_claims(self) -> list[TableClaim]:
        """Narrative counts the tables also state (GK501–GK504); read after the tables."""
        return table_claims(self._report)

    @functools.cached_property
    def contacts(self) -> Contacts:
        """Phone numbers and e-mail addresses."""
        return find_contacts(self._report)
