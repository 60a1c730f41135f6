"""Table rows as PDF extractors lay them out: the run pre-passes of the table reader.

The table reader (`gklint.facts.tables`) cuts a table's token stream into runs, a run being the label
text since the previous values and the values that follow (`tables.Run`). Extractors other than
pypdf print a row differently, and these passes put each row's label and values back together
before rows are matched by label. They only act on PDF text (tokens of shape "pdf-text"), never
guess a label, and leave a run alone when the template does not say what it must be:

- one value a line (pdftotext): the values of a row, each on its own line, are one run
  (`collect_value_lines`), a row's values over two lines one row when together they are the
  row's width, and a run of several rows' values cut at the template's width (`split_rows`);
- a label wrapped AROUND its value line (pdfplumber, pdftotext -layout): "（二）部分公开（区分处理的，
  只计这一情" / "447 7 0 0 0 0 454" / "形，不计其他情形）"; in narrow columns two characters a line,
  beside the pieces of vertical group labels ("三、 （一 24 0 …" / "本年 ）予" / "度办 以公" / "理结 开"):
  the label is spelt word by word from just before the values on, group label pieces skipped
  (`join_wrapped_labels`);
- rows whose label cell was printed elsewhere (pdftotext moves a multi-line label cell out of its
  row): their values follow another row's or the table's header; they are the template rows
  between the rows around them when exactly that many are missing there and each one's label
  stands once in the table (`place_orphan_rows`).

Works on any dataclass with the fields of `tables.Run` (key, offsets, values, texts) and on the
template's row specs (id, key, data_in, group_in), so it needs nothing of `gklint.facts.tables`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable, Sequence

from gklint.facts.table_values import PDF, TEXT, Token

MAX_LABEL_START = 40  # words before its values where a wrapped label may start (two characters a line)


@dataclass(frozen=True)
class RowLayout:
    """What the passes need of a table's template rows (built once per template set)."""

    ends_with_label: Callable[[str], tuple | None]  # (spec, key size, is_alias) of the label ending a text
    widths: dict  # row id → number of values, where every version agrees
    row_width: int | None  # the width every row of the table has (table 三), else None
    sequences: tuple  # per version: its data row ids in template order
    keys: dict  # row id → label keys (label and aliases) that name it
    label_keys: tuple  # every data row's label keys
    noise_keys: tuple  # group label keys: their fragments may sit inside a wrapped label


def is_pdf_run(run) -> bool:
    return bool(run.values) and all(t.shape == PDF for t in run.values)


def _with_texts(run, texts: list[Token]):
    """The run with its label text made of these TEXT tokens."""
    return replace(run, key="".join(t.key for t in texts), offsets=tuple(o for t in texts for o in t.offsets), texts=texts)


def _data_spec(layout: RowLayout, key: str):
    hit = layout.ends_with_label(key) if key else None
    return hit[0] if hit is not None and hit[0].data_in else None


# --- one value a line -----------------------------------------------------------


def _one_value_a_line(run) -> bool:
    lines = [t.line for t in run.values]
    return is_pdf_run(run) and len(set(lines)) == len(lines)


def collect_value_lines(runs: list, layout: RowLayout | None = None) -> list:
    """pdftotext prints each cell on its own line: a label, then 3001 / 53 / 0 / … one a line.
    Values one a line with no text between them are one run (then split into rows of the
    template's width when it is known)."""
    result: list = []
    for run in runs:
        previous = result[-1] if result else None
        if (
            previous is not None
            and not run.key
            and _one_value_a_line(run)
            and _one_value_a_line(previous)
            and previous.values[-1].line < run.values[0].line
        ):
            result[-1] = replace(previous, values=previous.values + run.values)
        else:
            result.append(run)
    if layout is None:
        return result
    return [row for run in _complete_short_rows(result, layout) for row in split_rows(run, layout)]


def _complete_short_rows(runs: list, layout: RowLayout) -> list:
    """A row whose values go on over the next line with nothing between (pdftotext -layout:
    "四、      0" / "0   0   0   0   0   0" / "结转…"): the two lines are one row when together they
    have exactly the row's width and the first alone has fewer."""
    result: list = []
    for run in runs:
        previous = result[-1] if result else None
        if (
            previous is not None
            and not run.key
            and is_pdf_run(run)
            and is_pdf_run(previous)
            and len(previous.values) + len(run.values) == _width(previous, layout)
        ):
            result[-1] = replace(previous, values=previous.values + run.values)
        else:
            result.append(run)
    return result


def _width(run, layout: RowLayout) -> int | None:
    """The number of values the run's row has: its label's, else the one width of every row."""
    spec = _data_spec(layout, run.key)
    return layout.widths.get(spec.id) if spec is not None else layout.row_width


def split_rows(run, layout: RowLayout) -> list:
    """A run holding several rows' values (a multiple of its row's width): its own row, then
    label-less runs of one row each."""
    count = len(run.values)
    if count < 2 or not _one_value_a_line(run):
        return [run]
    width = _width(run, layout) if run.key else layout.row_width
    if not width or count <= width or count % width:
        return [run]
    rows = [replace(run, values=run.values[:width])]
    rows += [replace(run, key="", offsets=(), texts=[], values=run.values[at : at + width]) for at in range(width, count, width)]
    return rows


# --- labels wrapped around their values ---------------------------------------------


def _is_noise(token: Token, layout: RowLayout) -> bool:
    """A word that is a piece of a group label (「他处理」 of 「（六）其他处理」, a vertical 「本」)."""
    return any(token.key in key for key in layout.noise_keys)


def _label_around(run, after: Sequence[Token], layout: RowLayout) -> tuple | None:
    """(run with the whole label, number of `after` words it took) when words from just before
    the values on, and words after them, spell a template label. Pieces of group labels between
    are skipped: 「（一」 24 0 … 「本年」「）予」「度办」「以公」「理结」「开」 is （一）予以公开 beside a
    vertical 三、本年度办理结果. The label starting nearest the values wins, then the longest."""
    before = list(run.texts)
    for start in range(len(before) - 1, max(-1, len(before) - 1 - MAX_LABEL_START), -1):
        spellings = [spelt for key in layout.label_keys if (spelt := _spell(key, before, start, after, layout))]
        if spellings:
            _size, used, taken = max(spellings, key=lambda spelt: spelt[0])
            return _with_texts(run, before[:start] + used), taken
    return None


def _spell(key: str, before: list[Token], start: int, after: Sequence[Token], layout: RowLayout) -> tuple | None:
    """(key size, words used, `after` words taken) if the words from before[start] on spell
    `key`: the first word ends with its beginning, each next word is its next part or a piece
    of a group label. The label must end after the values, or before them with only pieces of
    group labels left between."""
    first = before[start].key
    head = next((first[cut:] for cut in range(len(first)) if key.startswith(first[cut:])), "")
    if not head:
        return None
    words = before[start + 1 :] + list(after)
    boundary = len(before) - start - 1  # words[boundary] is the first word after the values
    used, at, index = [before[start]], len(head), 0
    while at < len(key) and index < len(words):
        word = words[index]
        if word.key and key.startswith(word.key, at):
            used.append(word)
            at += len(word.key)
        elif not _is_noise(word, layout):
            return None
        index += 1
    if at < len(key):
        return None
    if index <= boundary:  # ended before the values: only group label pieces may follow
        if not all(_is_noise(word, layout) for word in words[index:boundary]):
            return None
        return len(key), used, 0
    return len(key), used, index - boundary


def join_wrapped_labels(runs: list, tokens: list[Token], layout: RowLayout) -> list:
    """A label that does not end before its values but ends in the words after them: the row
    gets the whole label, the next run keeps the rest of its text. A known short form before
    the values (「（二）部分公开」) may be the first line of the whole label."""
    runs = list(runs)
    for index, run in enumerate(runs):
        if not run.key or not is_pdf_run(run):
            continue
        ending = layout.ends_with_label(run.key)
        if ending is not None and not ending[2]:  # the label as the template writes it
            continue
        following = runs[index + 1] if index + 1 < len(runs) else None
        after = following.texts if following is not None else _text_after(run, tokens)
        joined = _label_around(run, after, layout)
        if joined is None:
            continue
        runs[index], taken = joined
        if following is not None and taken:
            runs[index + 1] = _with_texts(following, list(following.texts[taken:]))
    return runs


def _text_after(run, tokens: list[Token]) -> list[Token]:
    """The TEXT tokens after a run's last value (the table's last words)."""
    end = run.values[-1].end
    return [t for t in tokens if t.type == TEXT and t.start >= end]


# --- rows whose label stands elsewhere -------------------------------------------------


def place_orphan_rows(runs: list, tokens: list[Token], layout: RowLayout) -> list:
    """Rows without their label (label-less, or after the table's header at its start) next to
    found rows: the template rows between those found rows, when there are exactly as many as
    rows and each one's label stands (without values) in the table."""
    if not layout.row_width or not any(_orphan(run, layout, header=True) for run in runs):
        return runs
    found = {spec.id for spec in (_data_spec(layout, r.key) for r in runs) if spec is not None}
    words = _label_words(tokens)
    result = list(runs)
    for first, end in _orphan_stretches(result, layout):
        before = result[first - 1] if first > 0 else None
        after = result[end] if end < len(result) else None
        rows = _gap_rows(before, after, end - first, found, layout)
        labels = [_written_label(words, layout.keys[row_id]) for row_id in rows or ()]
        if rows and all(labels):
            for index, texts in enumerate(labels, start=first):
                result[index] = _with_texts(result[index], texts)
    return result


def _orphan_stretches(runs: list, layout: RowLayout) -> list[tuple[int, int]]:
    """(first, end) of each stretch of rows without a label: label-less rows after a found row,
    and rows before the first found row whose text is no label (the table's header)."""
    labelled = [i for i, run in enumerate(runs) if _data_spec(layout, run.key) is not None]
    if not labelled:
        return []
    stretches = []
    first = labelled[0]
    while first > 0 and _orphan(runs[first - 1], layout, header=True):
        first -= 1
    if first < labelled[0]:
        stretches.append((first, labelled[0]))
    for index in labelled:
        end = index + 1
        while end < len(runs) and _orphan(runs[end], layout):
            end += 1
        if end > index + 1:
            stretches.append((index + 1, end))
    return stretches


def _orphan(run, layout: RowLayout, header: bool = False) -> bool:
    """A row's values without their label (`header`: or after text that is no row label)."""
    if not is_pdf_run(run) or len(run.values) != layout.row_width:
        return False
    return not run.key or (header and _data_spec(layout, run.key) is None)


def _gap_rows(before, after, count: int, found: set[str], layout: RowLayout) -> tuple[str, ...] | None:
    """The template rows between the row of `before` (the table's start when None) and the row
    of `after` (its end when None), not found elsewhere, if one version has exactly `count` there."""
    first = _data_spec(layout, before.key) if before is not None else None
    last = _data_spec(layout, after.key) if after is not None else None
    if (before is not None and first is None) or (after is not None and last is None):
        return None
    gaps = set()
    for sequence in layout.sequences:
        if (first is not None and first.id not in sequence) or (last is not None and last.id not in sequence):
            continue
        begin = sequence.index(first.id) + 1 if first is not None else 0
        stop = sequence.index(last.id) if last is not None else len(sequence)
        gap = tuple(sequence[begin:stop])
        if len(gap) == count and not found & set(gap):
            gaps.add(gap)
    return gaps.pop() if len(gaps) == 1 else None


def _label_words(tokens: list[Token]) -> tuple[list[Token], str, list[int]]:
    """The table's words, their keys joined, and where each word's key starts."""
    words = [t for t in tokens if t.type == TEXT and t.key]
    starts, at = [], 0
    for word in words:
        starts.append(at)
        at += len(word.key)
    return words, "".join(t.key for t in words), starts


def _written_label(words: tuple[list[Token], str, list[int]], keys: Sequence[str]) -> list[Token] | None:
    """The words that spell a label (starting a word, ending a word), where it stands once."""
    tokens, joined, starts = words
    spots = []
    for key in keys:
        at = joined.find(key)
        while at >= 0:
            if at in starts and (at + len(key) in starts or at + len(key) == len(joined)):
                first = starts.index(at)
                last = starts.index(at + len(key)) if at + len(key) < len(joined) else len(tokens)
                spots.append(tokens[first:last])
            at = joined.find(key, at + 1)
    return spots[0] if len(spots) == 1 else None
