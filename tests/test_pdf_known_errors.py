"""PDFs with known table errors (tests/fixtures/pdf, made by make_pdfs.py from seeds 003 and 004
through Word and LibreOffice; the changes are tests/known_errors.py's): every number of tables 三
and 四 raised by one gives the same GK311–GK314 on the PDF as on the text, and the seeds as they
are give none, and the same GK3 codes as their text.

The other tests check the fixtures themselves and the expected findings on the texts."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from gklint.read.source import SourceText
from gklint.run.config import Settings
from gklint.run.engine import FileResult, Linter

from .known_errors import APPLICATIONS, CODES, REVIEW, SEEDS, KnownErrors, documents

pytestmark = pytest.mark.slow  # parses a corpus of PDFs

FIXTURES = Path(__file__).parent / "fixtures" / "pdf"
REMAKE = "rerun `python tests/fixtures/pdf/make_pdfs.py` (needs LibreOffice)"

DOCUMENTS = [document for seed in SEEDS for document in documents(seed)]
CHANGED = [document for document in DOCUMENTS if document.changes]
ORIGINALS = [document for document in DOCUMENTS if not document.changes]

LINTER = Linter(Settings(select=["GK3"]))


def by_name(documents_: list[KnownErrors]):
    return pytest.mark.parametrize("document", documents_, ids=lambda document: document.name)


def lint_text(document: KnownErrors) -> FileResult:
    return LINTER.lint_source(SourceText(document.text, "utf-8"), Path(f"{document.name}.txt"))


def lint_pdf(document: KnownErrors) -> FileResult:
    return LINTER.lint_path(FIXTURES / f"{document.name}.pdf")


def table_cells(result: FileResult) -> dict:
    """(table, row id, column id) → value of every cell of tables 三 and 四 as read."""
    assert result.report is not None, [v.message.en for v in result.violations]
    cells = {}
    for kind in (APPLICATIONS, REVIEW):
        table = result.report.table(kind)
        assert table is not None and table.readable, f"table {kind} not found or not readable"
        cells.update({(kind, cell.row, cell.column): cell.value for cell in table.cells})
    return cells


def arithmetic_findings(result: FileResult) -> set[tuple[str, str, str]]:
    """GK311–GK314 as (code, row id, column id) of the cell each sits on: the row's 总计 (GK313,
    GK314) or 三（七）of the column (GK311, GK312)."""
    cell_at = {cell.start: (cell.row, cell.column) for kind in (APPLICATIONS, REVIEW) for cell in result.report.table(kind).cells}
    return {(v.code, *cell_at.get(v.start, ("?", "?"))) for v in result.violations if v.code in CODES}


def arithmetic_messages(result: FileResult) -> list[str]:
    return sorted(f"{v.code} {v.message.zh}" for v in result.violations if v.code in CODES)


# -- the fixtures and the expectations, checked without a PDF reader ------------------------------


def test_the_pdfs_are_made_from_these_texts():
    manifest = json.loads((FIXTURES / "manifest.json").read_text(encoding="utf-8"))
    on_disk = sorted(path.name for path in FIXTURES.glob("*.pdf"))
    assert on_disk == sorted(manifest) == sorted(f"{d.name}.pdf" for d in DOCUMENTS), REMAKE
    stale = [d.name for d in DOCUMENTS if manifest[f"{d.name}.pdf"]["text_sha256"] != d.digest]
    assert not stale, f"{stale} were made from another text: {REMAKE}"


@pytest.mark.parametrize("seed", SEEDS)
def test_every_number_of_tables_3_and_4_is_changed_once(seed):
    changed = Counter((c.table, c.row, c.column) for d in CHANGED if d.name.startswith(seed) for c in d.changes)
    cells = table_cells(lint_text(next(d for d in ORIGINALS if d.name.startswith(seed))))
    assert set(changed) == set(cells) and set(changed.values()) == {1}


@by_name(CHANGED)
def test_each_change_gives_its_own_findings_on_the_text(document):
    # 23 GK313 (one a row of 三), GK311 in four columns, GK312 in all seven, GK314 for each changed group
    assert arithmetic_findings(lint_text(document)) == document.expected_findings()


@by_name(ORIGINALS)
def test_the_seeds_tables_add_up(document):
    assert not arithmetic_findings(lint_text(document))


# -- the PDFs, once gklint reads them -------------------------------------------------------------


@by_name(CHANGED)
def test_the_pdf_gives_the_findings_of_the_text(document):
    from_pdf, from_text = lint_pdf(document), lint_text(document)
    assert table_cells(from_pdf) == table_cells(from_text)
    assert arithmetic_findings(from_pdf) == arithmetic_findings(from_text) == document.expected_findings()
    assert arithmetic_messages(from_pdf) == arithmetic_messages(from_text)


@by_name(ORIGINALS)
def test_the_original_pdf_gives_the_gk3_codes_of_the_text(document):
    from_pdf, from_text = lint_pdf(document), lint_text(document)
    assert table_cells(from_pdf) == table_cells(from_text)
    assert not arithmetic_findings(from_pdf)
    assert Counter(v.code for v in from_pdf.violations) == Counter(v.code for v in from_text.violations)
