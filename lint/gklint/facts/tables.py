"""The one table reader: finds the template tables of sections 二, 三 and 四 and reads their cells.

API for rule authors
--------------------
`read_tables(report)` runs once after parsing and fills `report.tables`. Then:

    table = report.table("applications")        # "active_disclosure" (二), "applications" (三),
                                                # "review_litigation" (四); None if not found
    table.readable                              # False: values could not be separated or the table
                                                # is cut off (GK309) — check nothing in it
    table.value("new", "total")                 # 一、本年新收… 总计 as a number (blank → 0);
                                                # None when that cell was not read
    table.value("withheld", "total")            # a GROUP row id sums its items (三（三）1–8)
    table.cell("disclosed", "natural_person")   # the Cell: .raw .value (None = blank) .start .end .line
    table.row("results_total")                  # the TableRow: .label .written .cells .label_start
    table.columns                               # [(column id, label)] of the value columns

Row and column ids come from the template YAML (`applications.rows`, `applicant_columns`,
`active_disclosure.blocks[].rows` / `column_ids`, `review_litigation.groups` / `columns`).
A column may also be named by its label: `table.value("rules", "本年制发件数")`.
Table 四 is read as three rows (review, direct_suit, suit_after_review) of five columns
(upheld, corrected, other, pending, total): `report.table("review_litigation").value("review", "total")`.
Table 二's columns depend on the version (`table.version`): 2019 made/published/total,
previous/change/decisions, purchases/amount; 2021 issued/repealed/in_force, decisions, amount.

Also on a Table: `.rows` (official rows found, template order), `.extra_rows` (non-official:
subtotals with `.subtotal_of`, rows of the other version with `.version`), `.missing_rows`
[(id, label, offset)], `.version` (the template version it was read with), `.other_version` /
`.mixed` (GK307), `.unreadable` (zh, en, start, end) when not readable, `.groups` {group id:
item ids}, `.shape`, `.first_line` / `.last_line`, `.start` / `.end` (offsets).
A Cell: `.row` `.column` `.raw` `.value` (None = blank or a word) `.number` (blank → 0)
`.start` `.end` `.line` `.kind` ("count" | "signed" | "money") `.blank` `.non_numeric` `.glued`.
A TableRow: `.id` `.label` (template) `.written` (as in the text) `.label_start` `.label_end`
`.line` `.cells` `.extra` (surplus values) `.expected` `.read` `.deviates` `.label_edits`.

How it reads: the section's lines (heading to next heading) become a token stream
(`gklint.facts.table_values`), whatever the shape: cell per line, pipe fragments, Markdown, TSV
(also what the .docx and HTML readers produce), PDF text. Rows are recognised by their LABELS
(template data, compared with `text.label_key` one character at a time): the label text
gathered since the previous values ENDS with the row's label, so group labels, wrapped labels,
vertical labels and page numbers in front do not matter; exact labels and known variants first,
then close wordings (GK303) inside the table only. The values that follow a label are its cells
(a PDF row may print them on the line before its label; other PDF extractors' shapes — one value
a line, a label wrapped around its values, label cells printed elsewhere — are undone first by
`facts.text_rows`). Column geometry is not trusted: values
are taken in column order; a row with too few or too many is GK306, digits run together or a
table cut off make it unreadable (GK309) rather than guessed.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from gklint.core.template import Template
from gklint.core.text import label_key
from gklint.facts import text_rows
from gklint.facts.table_values import BLANK, BREAK, NUM, TEXT, WORD, Token, grid_tokens, tokenize
from gklint.model.report import Cell, Report, Table, TableRow

KIND_SECTION = {"active_disclosure": 2, "applications": 3, "review_litigation": 4}
FUZZY_RATIO = 0.8
MAX_COUNT_DIGITS = 6  # a count of a million or more in 三/四: digits run together
_OPENERS = "（(〔[【“「"
_CLOSERS = "）)〕]】”」"


@dataclass
class RowSpec:
    """A row label as the templates know it (union over the versions)."""

    id: str
    label: str
    key: str
    data_in: set[str] = field(default_factory=set)  # versions where it is a data row
    group_in: set[str] = field(default_factory=set)  # versions where it is a group label
    parent: str = ""
    order: int = 0
    alias_keys: tuple[str, ...] = ()


@dataclass
class Run:
    """A label (the text since the previous run) and the values that follow it."""

    key: str
    offsets: tuple[int, ...]
    values: list[Token]
    texts: list[Token]

    @property
    def has_number(self) -> bool:
        return any(t.type == NUM for t in self.values)


# --- template data ------------------------------------------------------------

_SPEC_CACHE: dict = {}


def _versions(report: Report) -> list[Template]:
    return list(report.templates.templates)


_TEMPLATE_CACHE: dict = {}


def _template_cached(name: str, templates: list[Template], kind: str, build):
    """build(templates, kind), once per set of template objects (kept alive here, so ids stay theirs)."""
    key = (name, kind, tuple(id(t) for t in templates))
    hit = _TEMPLATE_CACHE.get(key)
    if hit is None:
        hit = _TEMPLATE_CACHE[key] = (list(templates), build(templates, kind))
    return hit[1]


def _row_specs(templates: list[Template], kind: str) -> list[RowSpec]:
    """Every row label of a kind in every version, longest key first."""
    cache_key = (kind, tuple(id(t) for t in templates))
    if cache_key in _SPEC_CACHE:
        return _SPEC_CACHE[cache_key][1]
    specs: dict[tuple[str, str], RowSpec] = {}
    for template in templates:
        version = template.version
        for order, (row, _block) in enumerate(_template_rows(template, kind)):
            key = label_key(row["label"])
            spec = specs.get((row["id"], key))
            if spec is None:
                aliases = tuple(label_key(a) for a in row.get("aliases", ()))
                if row.get("short"):  # 「（二）部分公开」: the short form keeps its numbering
                    numbering = re.match(r"[（(][一二三四五六七八九十]+[）)]|[0-9]+[.．、]|[一二三四五六七八九十]+、", row["label"])
                    if numbering:
                        aliases += (label_key(numbering.group() + row["short"]),)
                spec = specs[(row["id"], key)] = RowSpec(
                    row["id"], row["label"], key, parent=row.get("parent", ""), order=order, alias_keys=aliases
                )
            (spec.group_in if row.get("group") else spec.data_in).add(version)
    result = sorted(specs.values(), key=lambda s: -len(s.key))
    _SPEC_CACHE[cache_key] = (templates, result)
    return result


def _template_rows(template: Template, kind: str) -> list[tuple[dict, dict | None]]:
    data = template.data
    if kind == "applications":
        return [(row, None) for row in data.get("applications", {}).get("rows", [])]
    if kind == "active_disclosure":
        return [(row, block) for block in data.get("active_disclosure", {}).get("blocks", []) for row in block["rows"]]
    return []


def _block_columns(block: dict) -> list[tuple[str, str, str]]:
    """(id, label, kind) of a table 二 block's columns."""
    labels = block["columns"]
    ids = block.get("column_ids") or labels
    kinds = block.get("kinds") or ["count"] * len(labels)
    return list(zip(ids, labels, kinds))


# --- matching labels ------------------------------------------------------------


_EXACT_INDEX: dict[int, tuple] = {}


def _exact_index(specs: list[RowSpec]) -> tuple:
    """(specs, key lengths longest first, {key: first spec with it}, [(alias, spec)]), once per spec list."""
    hit = _EXACT_INDEX.get(id(specs))
    if hit is None or hit[0] is not specs:
        by_key: dict[str, RowSpec] = {}
        for spec in specs:
            by_key.setdefault(spec.key, spec)
        lengths = sorted({len(spec.key) for spec in specs}, reverse=True)
        aliases = [(alias, spec) for spec in specs for alias in spec.alias_keys]
        hit = _EXACT_INDEX[id(specs)] = (specs, lengths, by_key, aliases)
    return hit


def _match_exact(key: str, specs: list[RowSpec]) -> tuple[RowSpec, int, bool] | None:
    """The spec whose label (or alias) ends the label text: (spec, key length, is_alias)."""
    _specs, lengths, by_key, aliases = _exact_index(specs)
    size = len(key)
    for length in lengths:  # specs are sorted longest key first: the longest label that ends the text
        if length <= size:
            spec = by_key.get(key[size - length :])
            if spec is not None:
                return spec, length, False
    best = None
    for alias, spec in aliases:
        if key.endswith(alias) and (best is None or len(alias) > best[1]):
            best = (spec, len(alias), True)
    return best


def _match_fuzzy(key: str, specs: list[RowSpec], taken: set[str]) -> tuple[RowSpec, int] | None:
    """A label that deviates a little from a template label not yet found (GK303)."""
    if not key or len(key) > 40:
        return None
    best: tuple[float, RowSpec, int] | None = None
    for spec in specs:
        if spec.id in taken or not spec.data_in:
            continue
        length = len(spec.key)
        for size in range(max(2, length - 3), min(len(key), length + 3) + 1):
            tail = key[-size:]
            matcher = difflib.SequenceMatcher(None, tail, spec.key, autojunk=False)
            if matcher.real_quick_ratio() < FUZZY_RATIO or matcher.quick_ratio() < FUZZY_RATIO:
                continue
            ratio = matcher.ratio()
            if ratio >= FUZZY_RATIO and (best is None or ratio > best[0]):
                best = (ratio, spec, size)
    return (best[1], best[2]) if best else None


def _label_edits(report: Report, run: Run, size: int, canonical: str) -> tuple[tuple[int, int, str], ...]:
    """Minimal edits turning the written label (the last `size` key chars) into the canonical one."""
    return _key_edits(run.key[-size:], run.offsets[-size:], canonical)


def _key_edits(written: str, offsets, canonical: str) -> tuple[tuple[int, int, str], ...]:
    """Edits from a diff of comparison keys: characters that compare equal stay as written
    (script, brackets, spaces); what differs is replaced by the canonical text, with the
    punctuation between the canonical characters."""
    from gklint.facts.table_values import keychar

    positions = [i for i, char in enumerate(canonical) for _ in keychar(char)]
    target = "".join(keychar(char) for char in canonical)
    edits = []
    matcher = difflib.SequenceMatcher(None, written, target, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        if op == "delete":
            edits.append((offsets[i1], offsets[i2 - 1] + 1, ""))
            continue
        if op == "insert":  # with the punctuation around the inserted characters
            begin = positions[j1 - 1] + 1 if j1 > 0 else 0
            finish = positions[j2] if j2 < len(target) else len(canonical)
        else:
            begin, finish = positions[j1], positions[j2 - 1] + 1
        replacement = canonical[begin:finish]
        if op == "insert":
            at = offsets[i1 - 1] + 1 if i1 > 0 else offsets[0]
            edits.append((at, at, replacement))
        else:
            edits.append((offsets[i1], offsets[i2 - 1] + 1, replacement))
    return tuple(edits)


# --- runs -----------------------------------------------------------------------


def _runs(tokens: list[Token]) -> list[Run]:
    """Split the stream into label + values runs."""
    runs: list[Run] = []
    keys: list[str] = []
    offsets: list[int] = []
    texts: list[Token] = []
    current: Run | None = None
    for token in tokens:
        kind = token.type
        if kind == TEXT:
            if current is not None:
                runs.append(current)
                current = None
            keys.append(token.key)
            offsets.extend(token.offsets)
            texts.append(token)
        elif kind == BREAK:
            if current is not None:
                runs.append(current)
                current = None
        else:
            if current is None:
                current = Run("".join(keys), tuple(offsets), [], texts)
                keys, offsets, texts = [], [], []
            current.values.append(token)
    if current is not None:
        runs.append(current)
    return runs


def _leading_label(key: str, specs: list[RowSpec]) -> tuple[RowSpec, int] | None:
    """The data row label a label text starts with (group labels in front skipped): (spec, end)."""
    position = 0
    while position < len(key):
        spec = next((s for s in specs if key.startswith(s.key, position)), None)
        if spec is None:
            return None
        position += len(spec.key)
        if spec.data_in:
            return spec, position
    return None


def _values_before_labels(runs: list[Run], specs: list[RowSpec]) -> list[Run]:
    """PDF text sometimes prints a row's values on the line BEFORE its label:

        2 0 0 0 0 0 2
        （二）部分公开（区分处理的，只计这一情形，不计其他情形）
        （三）不予公开
        1.属于国家秘密 0 0 0 0 0 0 0

    A run of numbers with no label, followed by a label text that starts with a data row's
    label other than the one it ends with, gets that leading label."""
    result: list[Run] = []
    for index, run in enumerate(runs):
        following = runs[index + 1] if index + 1 < len(runs) else None
        if run.key or not run.has_number or following is None or not following.key:
            result.append(run)
            continue
        lead = _leading_label(following.key, specs)
        tail = _match_exact(following.key, specs)
        if lead is None or (tail is not None and tail[0] is lead[0]):
            result.append(run)
            continue
        spec, end = lead
        begin = end - len(spec.key)
        result.append(Run(following.key[begin:end], following.offsets[begin:end], run.values, run.texts))
    return result


def _row_runs(runs: list[Run], tokens: list[Token], specs: list[RowSpec], templates: list[Template], kind: str) -> list[Run]:
    """The runs of table 二 or 三 with each row's label and values together, whatever the PDF
    extractor (`facts.text_rows`: one value a line, labels wrapped around their values, label
    cells printed away from their row; then values printed before their label)."""
    if not any(text_rows.is_pdf_run(run) for run in runs):  # the passes are for PDF text only
        return _values_before_labels(runs, specs)
    layout = _template_cached("text_layout", templates, kind, _text_layout)
    runs = text_rows.collect_value_lines(runs, layout)
    runs = text_rows.join_wrapped_labels(runs, tokens, layout)
    runs = _values_before_labels(runs, specs)
    return text_rows.place_orphan_rows(runs, tokens, layout)


def _text_layout(templates: list[Template], kind: str) -> text_rows.RowLayout:
    """The template facts the run pre-passes need (once per template set)."""
    specs = _row_specs(templates, kind)
    widths: dict[str, set[int]] = {}
    sequences = []
    for template in templates:
        _applicant, columns_of, _groups, data_ids, _labels, _columns = _layout([template], kind)
        sequences.append(tuple(data_ids))
        for row_id in data_ids:
            widths.setdefault(row_id, set()).add(len(columns_of[row_id]))
    single = {row_id: next(iter(w)) for row_id, w in widths.items() if len(w) == 1}
    every = set(single.values())
    keys: dict[str, list[str]] = {}
    for spec in specs:
        keys.setdefault(spec.id, []).extend((spec.key, *spec.alias_keys))
    return text_rows.RowLayout(
        ends_with_label=lambda key: _match_exact(key, specs),
        widths=single,
        row_width=next(iter(every)) if len(every) == 1 and len(single) == len(widths) else None,
        sequences=tuple(sequences),
        keys={row_id: tuple(dict.fromkeys(k)) for row_id, k in keys.items()},
        label_keys=tuple(dict.fromkeys(k for spec in specs if spec.data_in for k in (spec.key, *spec.alias_keys))),
        noise_keys=tuple(spec.key for spec in specs if spec.group_in),
    )


def _column_deviations(report: Report, tokens: list[Token], before: int, columns: list[dict]) -> list:
    """Table 三's column headings written with a variant (合计 for 总计), before the first row."""
    header = [t for t in tokens if t.type == TEXT and t.start < before]
    key = "".join(t.key for t in header)
    offsets = [o for t in header for o in t.offsets]
    found = []
    for column in columns:
        if label_key(column["label"]) in key:
            continue
        for alias in column.get("aliases", ()):
            alias_key = label_key(alias)
            at = key.rfind(alias_key)
            if at < 0:
                continue
            span = offsets[at : at + len(alias_key)]
            edits = _key_edits(alias_key, span, column["label"])
            found.append((report.text[span[0] : span[-1] + 1], column["label"], span[0], span[-1] + 1, tuple(edits)))
            break
    return found


def _trim(values: list[Token], expected: int) -> list[Token]:
    values = list(values)
    while len(values) > expected:
        if values[-1].type == BLANK:
            values.pop()
        elif values[0].type == BLANK:
            values.pop(0)
        else:
            break
    return values


def _run_together(values: list[Token], expected: int, counts: bool) -> bool:
    numbers = [t for t in values if t.type == NUM]
    if counts and any(t.digits > MAX_COUNT_DIGITS for t in numbers):
        return True
    return expected >= 3 and len(values) == 1 and bool(numbers) and numbers[0].digits >= expected


def _make_cells(row: TableRow, values: list[Token], columns: list[tuple[str, str, str]]) -> None:
    # Cell(row, column, raw, value, start, end, kind, blank, non_numeric, glued, line), positionally: hot.
    row_id, width = row.id, len(columns)
    cells = row.cells
    for token, (column, _label, kind) in zip(values, columns):
        type_ = token.type
        if type_ == NUM:
            cells.append(Cell(row_id, column, "", token.value, token.start, token.end, kind, False, False, token.glued, token.line))
        elif type_ == BLANK:
            cells.append(Cell(row_id, column, "", None, token.start, token.end, kind, True, False, False, token.line))
        else:
            cells.append(Cell(row_id, column, token.raw, None, token.start, token.end, kind, False, True, False, token.line))
    if len(values) > width:
        extra = row.extra
        for token in values[width:]:
            type_ = token.type
            if type_ == NUM:
                extra.append(Cell(row_id, "", "", token.value, token.start, token.end, "count", False, False, token.glued, token.line))
            elif type_ == BLANK:
                extra.append(Cell(row_id, "", "", None, token.start, token.end, "count", True, False, False, token.line))
            else:
                extra.append(Cell(row_id, "", token.raw, None, token.start, token.end, "count", False, True, False, token.line))


def _row_from_run(report: Report, run: Run, spec_id: str, label: str, size: int, columns, version: str = "") -> TableRow:
    offsets = run.offsets[-size:] if size else ()
    start = offsets[0] if offsets else (run.values[0].start if run.values else 0)
    end = offsets[-1] + 1 if offsets else start
    text = report.text
    while start > 0 and text[start - 1] in _OPENERS:
        start -= 1
    while end < len(text) and text[end] in _CLOSERS:
        end += 1
    written = _label_text(text, start, end, run.values)
    row = TableRow(spec_id, label, written, start, end, expected=len(columns), version=version)
    row.line = report.location(start)[0]
    return row


def _label_text(text: str, start: int, end: int, values: list[Token]) -> str:
    """The label as written; a label wrapped around its value line without the values."""
    inside = [t for t in values if start <= t.start and t.end <= end]
    if not inside:
        return text[start:end]
    return text[start : inside[0].start].rstrip(" \t") + text[inside[-1].end : end]


def _fill_raw(report: Report, table: Table) -> None:
    text = report.text
    for row in table.rows + table.extra_rows:
        for cell in row.cells + row.extra:
            if not cell.blank:
                cell.raw = text[cell.start : cell.end]


# --- reading a kind -------------------------------------------------------------


def _region(report: Report, number: int) -> tuple[list, int] | None:
    """Lines from the section heading to the next section heading (trailing blank cells included)."""
    section = report.section(number)
    if section is None:
        return None
    first = section.heading.line.number + 1
    following = [s.heading.line.number for s in report.sections if s.heading.line.number > section.heading.line.number]
    following += [d.line.number for d in report.duplicate_sections if d.line.number > section.heading.line.number]
    last = (min(following) - 1) if following else len(report.lines)
    return report.lines[first - 1 : last], section.heading.line.number


def _shape(tokens: list[Token]) -> str:
    shapes = [t.shape for t in tokens if t.type != BREAK]
    best, most = "unknown", 0
    for shape in dict.fromkeys(shapes):  # first seen wins a tie, as Counter.most_common
        count = shapes.count(shape)
        if count > most:
            best, most = shape, count
    return best


def _table_shell(report: Report, kind: str, tokens: list[Token], start: int, end: int) -> Table:
    first = report.location(start)[0]
    last = report.location(max(end - 1, start))[0]
    shape = _shape([t for t in tokens if start <= t.start <= end])
    return Table(kind, KIND_SECTION[kind], first, last, shape=shape, start=start, end=end, expected_version=report.template.version)


def _choose_version(report: Report, evidence: set[str]) -> tuple[Template, bool, bool]:
    """(template to read with, follows the other version, mixes both)."""
    own = report.template
    if not evidence or evidence == {own.version}:
        return own, False, False
    if len(evidence) == 1:
        other = report.templates.by_version(next(iter(evidence)))
        return (other or own), other is not None, False
    return own, False, True


def _layout(templates: list[Template], kind: str) -> tuple:
    """A template's reading layout of table 二 or 三 (computed once per template):
    (applicant columns, {row id: columns}, {group id: item ids}, data row ids, {row id: label}, table columns)."""
    template = templates[0]
    rows_spec = _template_rows(template, kind)
    applicant = [(c["id"], c["label"], "count") for c in template.data.get("applicant_columns", [])]
    columns_of: dict[str, list[tuple[str, str, str]]] = {}
    groups: dict[str, list[str]] = {}
    data_ids: list[str] = []
    labels: dict[str, str] = {}
    for row, block in rows_spec:
        labels[row["id"]] = row["label"]
        if row.get("parent") and not row.get("total_of"):
            groups.setdefault(row["parent"], []).append(row["id"])
        if row.get("group"):
            continue
        data_ids.append(row["id"])
        if kind == "applications":
            columns_of[row["id"]] = applicant
        else:
            cols = _block_columns(block)
            if row.get("kind"):
                cols = [(i, l, row["kind"]) for i, l, _k in cols]
            columns_of[row["id"]] = cols
    if kind == "applications":
        table_columns = [(i, l) for i, l, _k in applicant]
    else:
        seen: list[tuple[str, str]] = []
        for _row, block in rows_spec:
            if block is not None:
                for i, l, _k in _block_columns(block):
                    if (i, l) not in seen:
                        seen.append((i, l))
        table_columns = seen
    return applicant, columns_of, groups, data_ids, labels, table_columns


Match = tuple  # (run, spec, key size, deviates): a run matched to a template row


def _read_rows(report: Report, kind: str, tokens: list[Token]) -> Table | None:
    """Tables 二 and 三: rows recognised by label, in any shape. Four steps: match the rows,
    choose the template version, assemble the cells, judge whether the reading can be trusted."""
    templates = _versions(report)
    specs = _row_specs(templates, kind)
    runs = _row_runs(_runs(tokens), tokens, specs, templates, kind)
    matched, unmatched = _match_rows(report, kind, runs, specs)
    if sum(1 for m in matched if m[1].data_in) < 2:
        return None
    template, other_version, mixed = _choose_version(report, _version_evidence(report, kind, templates, tokens, matched))
    table, found, run_together = _assemble(report, kind, template, tokens, matched, unmatched)
    table.mixed, table.other_version = mixed, other_version
    _judge(report, table, found, run_together)
    table.cells = [c for r in table.rows for c in r.cells]
    _fill_raw(report, table)
    return table


def _match_rows(report: Report, kind: str, runs: list[Run], specs: list[RowSpec]) -> tuple[list[Match], list[Run]]:
    """The runs that are template rows (template order of the text), and the runs with values
    that match no row. Exact labels (and known variants) first; a fuzzy label only inside the
    table they span, so narrative text near the table cannot take a row."""
    unmatched: list[Run] = []
    taken: set[str] = set()
    exact: dict[int, Match] = {}
    for index, run in enumerate(runs):
        if not run.key:
            continue
        hit = _match_exact(run.key, specs)
        if hit is not None:
            spec, size, alias = hit
            if not spec.data_in and not run.has_number:
                continue  # a group label followed by blank cells: merge debris
            exact[index] = (run, spec, size, alias)
            taken.add(spec.id)
    data_indexes = [i for i, m in exact.items() if m[1].data_in]
    first, last = (min(data_indexes), max(data_indexes)) if data_indexes else (0, -1)
    fuzzy_hits: dict[int, Match] = {}
    for index, run in enumerate(runs):
        if index in exact or not run.key or not run.has_number:
            continue
        fuzzy = None
        if first - 1 <= index <= last + 1:
            fuzzy = _match_fuzzy(run.key, specs, taken)
        if fuzzy is not None:
            fuzzy_hits[index] = (run, fuzzy[0], fuzzy[1], True)
            taken.add(fuzzy[0].id)
        else:
            unmatched.append(run)
    matched = [m for _i, m in sorted({**exact, **fuzzy_hits}.items())]
    return _one_run_per_row(report, kind, matched, unmatched), unmatched


def _version_evidence(report: Report, kind: str, templates: list[Template], tokens: list[Token], matched: list[Match]) -> set[str]:
    """The template versions the table's rows (and, for 二, its columns) belong to."""
    all_versions = {t.version for t in templates}
    parents_seen = {m[1].parent for m in matched}
    evidence: set[str] = set()
    for _run, spec, _size, _dev in matched:
        if spec.group_in and spec.id in parents_seen:
            continue  # a group label with values over its items: a subtotal, not evidence
        if spec.data_in and spec.data_in != all_versions:
            evidence |= spec.data_in
    if kind == "active_disclosure":
        evidence |= _column_evidence(report, templates, tokens, matched)
    return evidence


def _assemble(report: Report, kind: str, template: Template, tokens: list[Token], matched: list[Match], unmatched: list[Run]):
    """The table with its rows and cells as read with `template`: (table, {row id: row}, the
    first run whose values ran together or None)."""
    all_versions = {t.version for t in _versions(report)}
    first_row = min(m[0].offsets[-m[2]] for m in matched)
    start = _header_start(report, kind, tokens, first_row)
    end = max(m[0].values[-1].end for m in matched)
    table = _table_shell(report, kind, tokens, start, end)
    table.version = template.version
    applicant, columns_of, groups, data_ids, labels, table_columns = _template_cached("layout", [template], kind, _layout)
    table.groups = {group: list(items) for group, items in groups.items()}
    table.columns = list(table_columns)

    found: dict[str, TableRow] = {}
    run_together: list[Run] = []  # rows whose digits run together with no single reading
    for run, spec, size, deviates in matched:
        is_data = spec.id in columns_of and (template.version in spec.data_in or spec.id not in groups)
        if is_data and spec.id not in found:
            columns = columns_of[spec.id]
            values = _trim(run.values, len(columns))
            recovered = False
            if len(values) < len(columns) and _run_together(values, len(columns), kind == "applications"):
                split = _split_run(report, kind, values, len(columns))
                if split is not None:
                    values, recovered = split, True
                elif _no_reading_adds_up(report, kind, values, len(columns)):
                    # certain whatever the cut: the row's own rule says so (GK313), nothing else is checked
                    table.impossible_rows.append(
                        (spec.id, labels[spec.id], report.text[values[0].start : values[0].end], values[0].start, values[0].end)
                    )
                else:
                    run_together.append(run)
            row = _row_from_run(
                report, run, spec.id, labels[spec.id], size, columns, "" if spec.data_in == all_versions else "/".join(sorted(spec.data_in))
            )
            row.deviates = deviates
            if deviates:
                row.label_edits = _label_edits(report, run, size, labels[spec.id])
            _make_cells(row, values, columns)
            if recovered:
                for cell in row.cells:
                    cell.recovered = True
            found[spec.id] = row
        elif run.has_number:
            # A group label with values (a subtotal), a repeated row, or a row of the other version.
            width = len(applicant) if kind == "applications" else len(run.values)
            columns = applicant if kind == "applications" else [("", "", "count")] * width
            values = _trim(run.values, len(columns))
            row = _row_from_run(report, run, "", spec.label, size, columns)
            row.subtotal_of = spec.id if spec.id in groups else ""
            if spec.data_in and template.version not in spec.data_in:
                row.version = "/".join(sorted(spec.data_in))
            _make_cells(row, values, columns)
            table.extra_rows.append(row)
    table.extra_rows.extend(_unofficial_rows(report, kind, template, matched, unmatched, applicant, start, end))
    table.rows = [found[i] for i in data_ids if i in found]
    if kind == "applications":
        table.column_deviations = _column_deviations(report, tokens, first_row, template.data.get("applicant_columns", []))
    return table, found, run_together


def _run_digits(report: Report, values: list[Token]) -> str | None:
    """The digits of a row whose values are one run of digits (「713000074」), else None."""
    if len(values) != 1 or values[0].type != NUM:
        return None
    digits = report.text[values[0].start : values[0].end]
    return digits if digits.isdigit() and digits.isascii() else None


def _split_run(report: Report, kind: str, values: list[Token], width: int) -> list[Token] | None:
    """A table-三 row's digits run together, read the one way its identity allows (总计 = the six
    other columns: `gklint.read.digit_runs`); None when there is not exactly one reading. Table 二
    has no identity: its runs are never cut (「284」 for three cells may as well be one value with
    two lost), and stay GK309."""
    from gklint.read.digit_runs import readings_with_total

    digits = _run_digits(report, values)
    if kind != "applications" or digits is None:
        return None
    readings = readings_with_total(digits, width, limit=2)
    return _tokens_of(values[0], readings[0]) if len(readings) == 1 else None


def _split_review_run(report: Report, values: list[Token], groups: int, width: int) -> list[Token] | None:
    """Table 四's fifteen values as one run of digits, read the one way every group's 总计 allows."""
    from gklint.read.digit_runs import readings_by_groups

    digits = _run_digits(report, values)
    readings = readings_by_groups(digits, groups, width, limit=2) if digits else []
    return _tokens_of(values[0], readings[0]) if len(readings) == 1 else None


def _review_run_never_adds_up(report: Report, values: list[Token], groups: int, width: int) -> bool:
    from gklint.read.digit_runs import readings_by_groups

    digits = _run_digits(report, values)
    return digits is not None and len(digits) >= groups * width and not readings_by_groups(digits, groups, width, limit=1)


def _tokens_of(run: Token, reading: tuple[str, ...]) -> list[Token]:
    """The cells of a reading, each pointing at its digits in the run."""
    tokens, position = [], run.start
    for part in reading:
        # Not `glued`: the run lost every border of the row (a page's text), not one a draft forgot (GK305).
        tokens.append(Token(NUM, position, position + len(part), run.line, run.shape, "", "", (), int(part), "", False, len(part)))
        position += len(part)
    return tokens


def _no_reading_adds_up(report: Report, kind: str, values: list[Token], width: int) -> bool:
    """A table-三 row of digits run together that no cut makes add up (its 总计 ≠ the others' sum
    under every reading)."""
    from gklint.read.digit_runs import readings_with_total

    digits = _run_digits(report, values)
    return kind == "applications" and digits is not None and not readings_with_total(digits, width, limit=1)


def _run_together_reason(report: Report, kind: str, run: Run) -> tuple[str, str]:
    """Why a row's run of digits cannot be read: the cuts that add up (table 三), or only that it ran together."""
    from gklint.read.digit_runs import readings_with_total

    numbers = " ".join(t.raw or report.text[t.start : t.end] for t in run.values)
    digits = _run_digits(report, run.values)
    if kind != "applications" or digits is None:
        return (f"数值连在一起，无法区分各单元格（读到「{numbers}」）", f'values run together and cannot be told apart (read "{numbers}")')
    readings = readings_with_total(digits, 7, limit=4)  # two or more: none is GK313's (`table.impossible_rows`)
    shown = "；".join("、".join(r) for r in readings[:3])
    more = "等" if len(readings) > 3 else ""
    return (
        f"数值连在一起（读到「{numbers}」），有 {len(readings) if len(readings) <= 3 else '3 种以上'}{' 种' if len(readings) <= 3 else ''}拆分都满足该行「总计 = 各列之和」：{shown}{more}",
        f'values run together (read "{numbers}") and {"more than 3" if len(readings) > 3 else len(readings)} splits satisfy the row\'s total: '
        + "; ".join(" ".join(r) for r in readings[:3]),
    )


def _unofficial_rows(
    report: Report, kind: str, template: Template, matched: list[Match], unmatched: list[Run], applicant, start: int, end: int
) -> list[TableRow]:
    """Non-official rows inside the table: labels that match nothing, between the first and last row."""
    extra_words = report.template.data.get("table_extra_rows", {})
    subtotal_keys = [label_key(w) for w in extra_words.get("subtotal", [])]
    rows = []
    for run in unmatched:
        first = run.values[0].start
        if not (start <= first <= end) or len(run.key) > 30:
            continue
        columns = applicant if kind == "applications" else [("", "", "count")] * len(run.values)
        row = _row_from_run(report, run, "", "", len(run.key), columns)
        row.written = report.text[row.label_start : row.label_end]
        if any(k in run.key for k in subtotal_keys) and kind == "applications":
            previous = [m for m in matched if m[0].values[-1].end <= first and m[1].parent and m[1].data_in]
            if previous:
                row.subtotal_of = previous[-1][1].parent
        _make_cells(row, _trim(run.values, len(columns)), columns)
        rows.append(row)
    return rows


# How much a table may deviate and still be read: beyond this, one GK309 instead of a finding
# for every row (a misread table gives a storm of GK302/GK305/GK306/GK308 that help no one).
MAX_MISSING_ROWS = 3  # template rows not found (GK302 each, up to this many)
MAX_WRONG_WIDTH_SHARE = 0.25  # rows read with more or fewer values than the template (GK306)
MAX_UNOFFICIAL_SHARE = 0.25  # rows inside the table that match no template row (GK308)


def _judge(report: Report, table: Table, found: dict[str, TableRow], run_together: list[Run]) -> None:
    """Whether the reading can be trusted; if not, `table.unreadable` says why (GK309) and
    nothing else in the table is checked. Judged from what was matched, never from the shape."""
    _applicant, _columns_of, _groups, data_ids, labels, _cols = _template_cached(
        "layout", [report.templates.by_version(table.version) or report.template], table.kind, _layout
    )
    missing = [i for i in data_ids if i not in found]
    trailing = 0
    for row_id in reversed(data_ids):
        if row_id in found:
            break
        trailing += 1
    rows = table.rows
    wrong_width = [r for r in rows if r.read != r.expected]
    # A row holding a whole other row's worth of values: cells of rows whose labels were lost
    # ran into it, so the table's alignment (and every identity) is a guess.
    overfull = [r for r in rows if r.expected >= 3 and r.read >= 2 * r.expected]
    unofficial = [r for r in table.extra_rows if not r.subtotal_of and not r.version and not r.label]
    why: tuple[str, str, int, int] | None = None
    rows_matched = True
    if run_together:
        reasons = [(*_run_together_reason(report, table.kind, run), run.values[0].start, run.values[-1].end) for run in run_together]
        why = reasons[0]
        if table.kind == "applications" and all(_run_digits(report, run.values) for run in run_together):
            table.run_together_rows = reasons  # rows with their cuts listed: one GK309 each
    elif trailing >= 2 or len(found) * 2 < len(data_ids) or len(missing) > MAX_MISSING_ROWS:
        rows_matched = False
        last_row = rows[-1] if rows else None
        at = last_row.cells[-1].end if last_row and last_row.cells else table.end
        why = (
            f"表格不完整或行无法对应：模板 {len(data_ids)} 行只读到 {len(found)} 行，最后读到的是「{last_row.label if last_row else ''}」",
            f"table incomplete or rows unmatched: read {len(found)} of the template's {len(data_ids)} rows, the last being {last_row.label if last_row else ''!r}",
            max(at - 1, table.start),
            at,
        )
    elif overfull:
        row = overfull[0]
        why = (
            f"单元格无法对应：「{row.label}」行读到 {row.read} 个数值，模板为 {row.expected} 个（其他行的数值混入）",
            f"cells unmatched: row {row.label!r} reads {row.read} values, the template has {row.expected} (other rows' values mixed in)",
            row.label_start,
            row.label_end,
        )
    elif len(rows) >= 4 and len(wrong_width) > MAX_WRONG_WIDTH_SHARE * len(rows):
        widths = sorted({r.read for r in wrong_width})
        first = wrong_width[0]
        why = (
            f"列无法对应：{len(wrong_width)} 行（共 {len(rows)} 行）读到的数值个数与模板不同（读到 {'、'.join(map(str, widths))} 个，模板为 {first.expected} 个）",
            f"columns ambiguous: {len(wrong_width)} of {len(rows)} rows have another number of values than the template ({', '.join(map(str, widths))} read, {first.expected} expected)",
            first.label_start,
            first.label_end,
        )
    elif len(rows) >= 4 and len(unofficial) > MAX_UNOFFICIAL_SHARE * len(rows):
        rows_matched = False
        first = unofficial[0]
        why = (
            f"行无法对应：{len(unofficial)} 行带数值的内容与模板的行都不对应（第一处「{first.written[:20]}」）",
            f"rows unmatched: {len(unofficial)} rows with values match no template row (the first {first.written[:20]!r})",
            first.label_start,
            max(first.label_end, first.label_start + 1),
        )
    if why is not None:
        table.readable = False
        table.unreadable = why
        table.labels_readable = rows_matched
        return
    if table.impossible_rows:  # its cells are unknown: no arithmetic on the table (GK313 reports the row)
        table.readable = False
        return
    for row_id in missing:
        index = data_ids.index(row_id)
        before = [found[i] for i in data_ids[:index] if i in found]
        at = (before[-1].cells[-1].end if before[-1].cells else before[-1].label_end) if before else table.start
        table.missing_rows.append((row_id, labels[row_id], at))


def _header_start(report: Report, kind: str, tokens: list[Token], first_row: int) -> int:
    """Where the table's heading rows begin (a cell starting with a heading word, before the
    first row and after any values of the text above), else the first row's label."""
    marks = [label_key(m) for m in report.template.data.get("table_headers", {}).get(kind, [])]
    if not marks:
        return first_row
    start = first_row
    for token in reversed(tokens):
        if token.start >= first_row:
            continue
        if token.type in (NUM, WORD):
            break
        if token.type == TEXT and any(token.key.startswith(m) for m in marks):
            start = token.start
    return start


def _one_run_per_row(report: Report, kind: str, matched: list, unmatched: list[Run]) -> list:
    """A row label found twice (a narrative figure next to the table, a repeated row): keep the
    run whose number of values fits the template; the other one is left unmatched (GK308 when
    it lies inside the table)."""
    widths = _template_cached("widths", _versions(report), kind, _row_widths)
    best: dict[str, int] = {}
    for index, (run, spec, _size, deviates) in enumerate(matched):
        if not spec.data_in:
            continue
        score = (abs(len(run.values) - widths.get(spec.id, 0)), deviates)
        if spec.id not in best:
            best[spec.id] = index
            continue
        other = matched[best[spec.id]]
        if score < (abs(len(other[0].values) - widths.get(spec.id, 0)), other[3]):
            best[spec.id] = index
    keep = []
    for index, item in enumerate(matched):
        spec = item[1]
        if spec.data_in and best.get(spec.id) != index:
            if item[0].has_number:
                unmatched.append(item[0])
            continue
        keep.append(item)
    return keep


def _row_widths(templates: list[Template], kind: str) -> dict[str, int]:
    widths: dict[str, int] = {}
    for template in templates:
        if kind == "applications":
            width = len(template.data.get("applicant_columns", []))
            for row, _block in _template_rows(template, kind):
                widths[row["id"]] = width
        else:
            for row, block in _template_rows(template, kind):
                widths[row["id"]] = max(widths.get(row["id"], 0), len(block["columns"]))
    return widths


def _disclosure_columns(templates: list[Template], _kind: str) -> tuple[dict[str, set[str]], dict[str, dict[str, int]]]:
    """Table 二's column label keys per version, and each row's number of columns per version."""
    column_keys: dict[str, set[str]] = {}
    width: dict[str, dict[str, int]] = {}
    for template in templates:
        keys = set()
        for block in template.data.get("active_disclosure", {}).get("blocks", []):
            keys |= {label_key(label) for label in block["columns"]}
            for row in block["rows"]:
                width.setdefault(row["id"], {})[template.version] = len(block["columns"])
        column_keys[template.version] = keys
    return column_keys, width


def _column_evidence(report: Report, templates: list[Template], tokens: list[Token], matched) -> set[str]:
    """Table 二: version-specific column labels in its header, and rows of a neutral label whose
    number of values only one version has."""
    evidence: set[str] = set()
    text_key = "".join(t.key for t in tokens if t.type == TEXT)
    column_keys, width = _template_cached("disclosure_columns", templates, "active_disclosure", _disclosure_columns)
    for version, keys in column_keys.items():
        others = set().union(*(k for v, k in column_keys.items() if v != version))
        for key in keys:
            if key not in others and not any(key in other for other in others) and key in text_key:
                evidence.add(version)
                break
    for run, spec, _size, _dev in matched:
        widths = width.get(spec.id, {})
        count = len(_trim(run.values, max(widths.values(), default=0)))
        fitting = {v for v, w in widths.items() if w == count}
        if len(fitting) == 1 and len(widths) > 1:
            evidence |= fitting
    return evidence


def _all_values_after_header(run: Run, width: int, group_keys: list[tuple[str, str]], header: set[str]) -> bool:
    """The whole data row (15 values) after the header: words that name a group, or words made
    of the header's characters only. The header's words may come interleaved line by line
    ("结果 结果 其他结 尚未" / "维持 纠正 果 审结"), vertical ones one character a line."""
    if len(run.values) != width or not run.key:
        return False
    return any(key in run.key for _g, key in group_keys) or set(run.key) <= header


def _wrong_count(read: str, count: int, width: int) -> tuple[str, str]:
    """Why table 四 read as one row of values is not read: (zh, en)."""
    return (
        f"表头后读到 {count} 个数值（「{read}」），模板为 {width} 个，无法确定各数值所在的列",
        f'read {count} values after the header ("{read}") where the template has {width}; which column each belongs to cannot be told',
    )


def _judge_group_rows(report: Report, table: Table, width: int, runs: dict[str, Run]) -> None:
    """Table 四 read as a row a group from PDF text: a row with another number of values than the
    template means the values are not where their labels are (pdftotext can print a column's
    label and value apart, with values of table 三 among them), so the table is not read (GK309).
    Other shapes are left to GK306."""
    wrong = next((row for row in table.rows if len(row.cells) != width and text_rows.is_pdf_run(runs[row.id])), None)
    if wrong is None:
        return
    numbers = " ".join(report.text[c.start : c.end] for c in wrong.cells)
    table.readable = False
    table.unreadable = (
        f"「{wrong.label}」行读到 {len(wrong.cells)} 个数值（「{numbers}」），模板为 {width} 个，无法确定各数值所在的列",
        f'the row {wrong.label!r} has {len(wrong.cells)} values ("{numbers}") where the template has {width}; which column each belongs to cannot be told',
        wrong.label_start,
        max(wrong.label_end, wrong.label_start + 1),
    )


def _review_header_chars(report: Report) -> set[str]:
    """The characters table 四's header is written with (group, column and header words)."""
    data = report.template.data.get("review_litigation", {})
    words = [g["label"] for g in data.get("groups", [])]
    words += [w for c in data.get("columns", []) for w in (c["label"], *c.get("aliases", ()))]
    words += report.template.data.get("table_headers", {}).get("review_litigation", [])
    return {char for word in words for char in label_key(word)}


def _review_among_header_words(report: Report, tokens: list[Token], runs: list[Run], width: int, header: set[str]) -> Table | None:
    """Table 四 whose values are not one row after the header: pdftotext prints them in pieces
    between header words ("72 64 178 37" … "12 1 1 6" "总计" "351" …), out of column order.
    The table is there but which value is in which column cannot be told: unreadable (GK309)."""
    pieces = [run for run in runs if run.key and run.has_number and set(run.key) <= header]
    values = [t for run in pieces for t in run.values]
    if len(values) < 2 or (len(pieces) < 2 and len(values) == width):
        return None
    first = min(t.start for t in tokens if t.type == TEXT and set(t.key) <= header and t.key)
    table = _table_shell(report, "review_litigation", tokens, first, values[-1].end)
    table.version = report.template.version
    table.readable = False
    read = [" ".join(report.text[t.start : t.end] for t in run.values) for run in pieces]
    zh, en = "」「".join(read), '", "'.join(read)
    if len(pieces) > 1:
        why = (
            f"数值与表头文字交错排列（读到「{zh}」），无法确定各数值所在的列",
            f'the values are interleaved with header words (read "{en}"); which column each belongs to cannot be told',
        )
    else:
        why = _wrong_count(zh, len(values), width)
    table.unreadable = (*why, values[0].start, values[-1].end)
    return table


def _read_review(report: Report, tokens: list[Token]) -> Table | None:
    """Table 四: 15 values after the header (or three rows of five after the group labels)."""
    data = report.template.data.get("review_litigation", {})
    groups = [(g["id"], g["label"]) for g in data.get("groups", [])]
    columns = [(c["id"], c["label"], "count") for c in data.get("columns", [])]
    if not groups or not columns:
        return None
    width = len(groups) * len(columns)
    group_keys = [(gid, label_key(label)) for gid, label in groups]
    total_keys = [label_key(c["label"]) for c in data.get("columns", []) if c["id"] == "total"]
    total_keys += [label_key(a) for c in data.get("columns", []) if c["id"] == "total" for a in c.get("aliases", [])]
    header_key = label_key(columns[0][1])
    header = _review_header_chars(report)
    runs = text_rows.collect_value_lines(_runs(tokens))
    main: Run | None = None
    per_group: dict[str, Run] = {}
    for run in runs:
        if (
            header_key in run.key
            or (len(run.values) >= len(columns) and any(run.key.endswith(k) for k in total_keys))
            or _all_values_after_header(run, width, group_keys, header)
        ):
            if len(run.values) > len(columns) + 1 or not any(run.key.endswith(k) for _g, k in group_keys):
                main = run
                break
        for gid, key in group_keys:
            if run.key.endswith(key) and gid not in per_group and 1 <= len(run.values) <= len(columns) + 1:
                per_group[gid] = run
    if main is None and len(per_group) < 2:
        return _review_among_header_words(report, tokens, runs, width, header)
    header_tokens = [t for t in tokens if t.type == TEXT and any(k in t.key for _g, k in group_keys)]
    if main is not None:
        start = min([t.start for t in header_tokens if t.start < main.values[0].start] or [main.values[0].start])
        end = main.values[-1].end
    else:
        start = min(r.offsets[0] for r in per_group.values())
        end = max(r.values[-1].end for r in per_group.values())
    table = _table_shell(report, "review_litigation", tokens, start, end)
    table.version = report.template.version
    table.columns = [(i, l) for i, l, _k in columns]
    if main is not None:
        values = _trim(main.values, width)
        split = _split_review_run(report, values, len(groups), len(columns)) if len(values) < width else None
        if split is not None:
            values = split
        elif (
            len(values) < width
            and _run_together(values, width, True)
            and _review_run_never_adds_up(report, values, len(groups), len(columns))
        ):
            # certain whatever the cut: GK314 says so; nothing else in the table is checked
            table.readable = False
            table.impossible_rows.append(("", "", report.text[values[0].start : values[0].end], values[0].start, values[0].end))
        elif len(values) < width and _run_together(values, width, True):
            table.readable = False
            numbers = " ".join(report.text[t.start : t.end] for t in values)
            table.unreadable = (
                f"数值连在一起，无法区分各单元格（读到「{numbers}」）",
                f'values run together and cannot be told apart (read "{numbers}")',
                values[0].start,
                values[-1].end,
            )
        for index, (gid, label) in enumerate(groups):
            chunk = values[index * len(columns) : (index + 1) * len(columns)]
            anchor = next((t for t in header_tokens if label_key(label) in t.key), None)
            row = TableRow(
                gid,
                label,
                label,
                anchor.start if anchor else main.values[0].start,
                anchor.end if anchor else main.values[0].start,
                expected=len(columns),
            )
            row.line = report.location(row.label_start)[0]
            if index == len(groups) - 1:
                chunk = values[index * len(columns) :]
            _make_cells(row, chunk, columns)
            for cell in row.cells if split is not None else ():
                cell.recovered = True
            table.rows.append(row)
        # One run of values for the three groups: with another count than 15, which cell is
        # missing or extra cannot be told (GK309, not a GK306 that still checks guessed groups)
        if table.readable and len(values) != width:
            read = " ".join(report.text[t.start : t.end] for t in values)
            table.readable = False
            table.unreadable = (*_wrong_count(read, len(values), width), values[0].start, values[-1].end)
    else:
        for gid, label in groups:
            run = per_group.get(gid)
            if run is None:
                table.missing_rows.append((gid, label, end))
                continue
            size = len(label_key(label))
            row = _row_from_run(report, run, gid, label, size, columns)
            _make_cells(row, _trim(run.values, len(columns)), columns)
            table.rows.append(row)
        _judge_group_rows(report, table, len(columns), per_group)
    table.groups = {}
    table.cells = [c for r in table.rows for c in r.cells]
    _fill_raw(report, table)
    return table


def _region_tokens(report: Report, lines: list, skip: set[int]) -> list[Token]:
    """The token stream of a section's lines: a table the reader handed over as a grid
    (.docx, HTML, PDF) by its cells, the other lines by the text token reader."""
    grids = report.source.grids
    if not grids or not lines:
        return tokenize(lines, skip)
    first, last = lines[0].start, lines[-1].end
    inside = [g for g in grids if first <= g.start <= last]
    if not inside:
        return tokenize(lines, skip)
    out: list[Token] = []
    pending: list = []
    grids_left = iter(inside)
    grid = next(grids_left, None)
    line_of = lambda offset: report.location(offset)[0]  # noqa: E731
    for line in lines:
        while grid is not None and line.start > grid.end:
            grid = next(grids_left, None)
        if grid is not None and grid.start <= line.start <= grid.end:
            if pending:
                out.extend(tokenize(pending, skip))
                pending = []
            if line.start <= grid.start:  # the grid's first line: all its cells at once
                out.extend(grid_tokens(grid, line_of))
            continue
        pending.append(line)
    if pending:
        out.extend(tokenize(pending, skip))
    return out


def read_tables(report: Report) -> None:
    """Fill `report.tables` (in place)."""
    report.tables = []
    skip = {line.number for line in report.page_markers}
    for kind, number in KIND_SECTION.items():
        region = _region(report, number)
        if region is None:
            continue
        lines, _heading = region
        if not lines:
            continue
        tokens = _region_tokens(report, lines, skip)
        if not any(t.type in (NUM, BLANK, WORD) for t in tokens):
            continue
        table = _read_review(report, tokens) if kind == "review_litigation" else _read_rows(report, kind, tokens)
        if table is not None:
            report.tables.append(table)
