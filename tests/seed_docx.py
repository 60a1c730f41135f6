"""Word documents built from a seed's text, for the .docx and .html tests and the PDF fixtures
(tests/fixtures/pdf/make_pdfs.py): cell-per-line tables become real Word tables."""

from __future__ import annotations

import io


def seed_blocks(text: str) -> list:
    """The seed as [("p", line) | ("t", rows)]: cell-per-line tables (a tab before each cell, blank lines between rows)."""
    lines = text.splitlines()
    out, i = [], 0
    while i < len(lines):
        if lines[i].startswith("\t"):
            rows, row = [], []
            while i < len(lines) and (lines[i].startswith("\t") or not lines[i].strip()):
                if lines[i].startswith("\t"):
                    row.append(lines[i][1:].strip())
                elif row:
                    rows.append(row)
                    row = []
                i += 1
            if row:
                rows.append(row)
            out.append(("t", rows))
            continue
        out.append(("p", lines[i]))
        i += 1
    return out


def build_docx(text: str) -> bytes:
    """A Word document with the seed's paragraphs and its tables as real Word tables
    (a short row's last cell merged across the rest of the row, as Word stores it)."""
    import docx  # python-docx, a test extra: imported here so that seed_blocks needs nothing

    document = docx.Document()
    for kind, item in seed_blocks(text):
        if kind == "p":
            document.add_paragraph(item)
            continue
        width = max(len(row) for row in item)
        table = document.add_table(rows=len(item), cols=width)
        for r, row in enumerate(item):
            if len(row) < width:
                table.cell(r, len(row) - 1).merge(table.cell(r, width - 1))
            for c, value in enumerate(row):
                table.cell(r, c).text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
