"""`python -m gklint.inspect FILE`: print the parsed report model (for rule authors)."""

from __future__ import annotations

import sys
from pathlib import Path

from gklint.run.config import Settings
from gklint.run.engine import Linter


def describe(path: Path) -> str:
    linter = Linter(Settings())
    data = path.read_bytes()
    source = linter.prepare(linter.reader_for(path, data).read(path, data))
    report = linter.parse(source, path)
    out = [f"file: {path} ({source.encoding}, {source.kind}, newline {source.newline!r})"]
    out.append(f"title: {report.title.text if report.title else None!r} year={report.year} template={report.template.version}")
    out.append(f"hard_wrapped={report.hard_wrapped} paginated={report.paginated} page_markers={[l.number for l in report.page_markers]}")
    out.append(f"preamble lines: {report.preamble_lines.start}-{report.preamble_lines.stop - 1}")
    out.append(f"metadata: { {k: v.value for k, v in report.metadata.items()} }")
    for section in report.sections:
        exact = "" if section.exact_wording else "  (wording differs)"
        out.append(
            f"section {section.number}: line {section.heading.line.number} {section.heading.line.text.strip()!r}"
            f" body {section.first_body_line}-{section.last_body_line}{exact}"
        )
    for heading in report.duplicate_sections:
        out.append(f"duplicate section heading: line {heading.line.number} {heading.line.text.strip()!r}")
    for heading in report.subheadings:
        n = heading.numbering
        out.append(f"  sub {heading.section} L{heading.line.number} {n.style} {n.value} {heading.title[:30]!r}")
    for table in report.tables:
        out.append(
            f"table {table.kind} (section {table.section}) lines {table.first_line}-{table.last_line} shape={table.shape} cells={len(table.cells)} readable={table.readable}"
        )
    out.append(f"paragraphs: {len(report.paragraphs)}")
    for p in report.paragraphs[:0]:
        out.append(f"  {p.first_line}-{p.last_line}: {p.text[:60]}")
    return "\n".join(out)


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        print(describe(Path(arg)))
        print()
