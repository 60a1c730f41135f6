"""Cells and values of exported tables: a shape-blind token stream for the table reader.

A table region (the lines of a section) becomes a stream of tokens, whatever the shape the
draft came in:

- TEXT  a word of label text, with its comparison key (`text.label_key`, one character at a
        time) and the source offset of every key character;
- NUM   a value: integers, signed increments ("+ 125", "-9"), money with a unit
        ("11522.96万元"), full-width digits, thousands separators; `glued` when it was glued to
        label text ("行政事业性收费0");
- BLANK an empty cell (only where a shape marks empty cells: a tab-prefixed line holding only
        spaces, an empty field between tabs); its span is where a "0" belongs;
- WORD  a value written as a word (无, —, /);
- BREAK the end of a row where the shape marks one (a blank line, a Markdown/TSV/PDF line end).

Shapes: "cell-per-line" (tab-prefixed cells, blank line between rows), "pipe-fragments"
(`|` fragments over lines), "markdown" (pipe rows; empty cells are merge debris and ignored; a
header row — the row right before a `|---|` delimiter row — is label text: a converter's
placeholders 「数据1」「列1」 are no label with a glued value; plain numbers in it stay values
unless they number the columns),
"tsv" (tab-separated row per line), "pdf-text" (a label followed by space-separated values).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass

from gklint.core.text import MAX_FIGURE_DIGITS, PINYIN_DEBRIS_RE, SPACE_CHARS, ascii_digits, label_key
from gklint.model.report import Line

TEXT, NUM, BLANK, WORD, BREAK = "text", "num", "blank", "word", "break"

CELL_PER_LINE, PIPE, MARKDOWN, TSV, PDF = "cell-per-line", "pipe-fragments", "markdown", "tsv", "pdf-text"

_WORD_RE = re.compile(f"[^{SPACE_CHARS}]+")
_EXPORT_DEBRIS_RE = re.compile(r"\[(?:bookmark|image)[^\]]*\]")
_NUMBER = r"(?:\d{1,3}(?:[,，]\d{3})+|\d+)(?:\.\d+)?"
NUM_RE = re.compile(rf"(?P<sign>[+\-－＋]?)(?P<num>{_NUMBER})(?P<unit>万元|元|件|条|个|项|次)?")
_GLUED_RE = re.compile(r"(?P<text>.*[\u3400-\u9fff）)\x00])(?P<num>\d+(?:\.\d+)?)")
_SIGNS = {"+", "-", "－", "＋", "—", "–"}
NON_NUMERIC_WORDS = {"无", "—", "——", "-", "－", "/", "／", "×", "空", "–"}
_HAS_SPACE_RE = re.compile(f"[{SPACE_CHARS}]")
# A separator row: only pipes, dashes, colons and spaces, one pipe at least (`_is_separator_row`).
_SEPARATOR_CHARS_RE = re.compile(r"[\s:|\-—]*")
# GFM's delimiter row: a dash in every cell (an all-empty row `| | |` is merge debris, no delimiter).
_DELIMITER_ROW_RE = re.compile(r"\|?[ \t]*:?[-—]+:?[ \t]*(?:\|[ \t]*:?[-—]+:?[ \t]*)*\|?")

_KEYCHARS: dict[str, str] = {"\x00": ""}


def keychar(char: str) -> str:
    """The comparison key of one character ('' when label_key drops it)."""
    key = _KEYCHARS.get(char)
    if key is None:
        key = _KEYCHARS[char] = label_key(char)
    return key


# Slots (3.10+) where Python has them for dataclasses: hundreds of tokens a report.
@dataclass(**({"slots": True} if sys.version_info >= (3, 10) else {}))
class Token:
    type: str
    start: int
    end: int
    line: int
    shape: str
    raw: str = ""
    key: str = ""  # TEXT: the comparison key
    offsets: tuple[int, ...] = ()  # TEXT: source offset of each key character
    value: float | int | None = None  # NUM
    unit: str = ""
    glued: bool = False
    digits: int = 0


_NUMBER_START = set("0123456789０１２３４５６７８９+-－＋")
_NUMBER_CACHE: dict[str, tuple[float | int, str, int] | None] = {}


def parse_number(word: str) -> tuple[float | int, str, int] | None:
    """(value, unit, digit count of the integer part) of a numeric word; None if it is not a number."""
    if word[0] not in _NUMBER_START:
        return None
    cached = _NUMBER_CACHE.get(word, False)
    if cached is not False:
        return cached
    result = None
    match = NUM_RE.fullmatch(ascii_digits(word))
    if match:
        digits = match.group("num").replace(",", "").replace("，", "")
        if len(digits) > MAX_FIGURE_DIGITS + 1:  # + 1: the decimal point
            return None  # no figure (`oversized_number`)
        value: float | int = float(digits) if "." in digits else int(digits)
        if match.group("sign") in ("-", "－"):
            value = -value
        result = (value, match.group("unit") or "", len(digits.split(".")[0]))
    if len(_NUMBER_CACHE) < 65536:
        _NUMBER_CACHE[word] = result
    return result


def _mask(text: str) -> str:
    """Debris masked, offsets kept: export debris → spaces, pinyin debris → NUL (no key), the form
    feed pdftotext puts between pages (「\f形）」) → a space."""
    if "\f" in text:
        text = text.replace("\f", " ")
    if "[" in text:
        text = _EXPORT_DEBRIS_RE.sub(lambda m: " " * len(m.group()), text)
    if "(" in text or "（" in text:
        text = PINYIN_DEBRIS_RE.sub(lambda m: "\x00" * len(m.group()), text)
    return text


def oversized_number(word: str) -> bool:
    """A number with more digits than a report's figures have (`text.MAX_FIGURE_DIGITS`): a value
    that is not a number (GK305), never converted."""
    return len(word) > MAX_FIGURE_DIGITS and NUM_RE.fullmatch(ascii_digits(word)) is not None


def _plain_digits(text: str) -> bool:
    """ASCII digits only, few enough to be a figure: a plain count (most cells)."""
    return text.isdigit() and text.isascii() and len(text) <= MAX_FIGURE_DIGITS


_WORD_KEYS: dict[str, tuple[str, tuple[int, ...]]] = {}


def _text_token(word: str, start: int, line: int, shape: str) -> Token:
    cached = _WORD_KEYS.get(word)
    if cached is None:
        keys: list[str] = []
        positions: list[int] = []
        for index, char in enumerate(word):
            key = keychar(char)
            if key:
                keys.append(key)
                positions.extend([index] * len(key))
        cached = ("".join(keys), tuple(positions))
        if len(_WORD_KEYS) < 65536:
            _WORD_KEYS[word] = cached
    key, positions = cached
    return Token(TEXT, start, start + len(word), line, shape, word, key, tuple(map(start.__add__, positions)))


def _cell_tokens(text: str, base: int, line: int, shape: str, out: list[Token], blank_if_empty: bool, cell_end: int) -> None:
    """Tokens of one cell's text (already masked); `base` is the offset of text[0]."""
    stripped = text.strip(SPACE_CHARS)
    if _plain_digits(stripped):  # a plain count ("0", "125"): most cells
        start = base + text.index(stripped)
        out.append(Token(NUM, start, start + len(stripped), line, shape, "", "", (), int(stripped), "", False, len(stripped)))
        return
    if not stripped or not stripped.strip("\x00"):
        if blank_if_empty:
            out.append(Token(BLANK, cell_end, cell_end, line, shape))
        return
    if not _HAS_SPACE_RE.search(stripped):  # one word: the common case
        start = base + text.index(stripped)
        number = parse_number(stripped)
        if number is not None:
            out.append(Token(NUM, start, start + len(stripped), line, shape, "", "", (), number[0], number[1], False, number[2]))
            return
        if (
            stripped not in NON_NUMERIC_WORDS
            and stripped not in _SIGNS
            and not stripped[-1].isdigit()
            and stripped[-1] not in "０１２３４５６７８９"
        ):
            out.append(_text_token(stripped, start, line, shape))
            return
    words = [(m.group(), base + m.start()) for m in _WORD_RE.finditer(text)]
    words = [(w, s) for w, s in words if w.strip("\x00")]
    if not words:
        if blank_if_empty:
            out.append(Token(BLANK, cell_end, cell_end, line, shape))
        return
    if len(words) == 1 and (words[0][0] in NON_NUMERIC_WORDS or oversized_number(words[0][0])):
        word, start = words[0]
        out.append(Token(WORD, start, start + len(word), line, shape, raw=word))
        return
    pending_sign: tuple[str, int] | None = None
    for word, start in words:
        if word in _SIGNS:
            if pending_sign:
                out.append(Token(WORD, pending_sign[1], pending_sign[1] + len(pending_sign[0]), line, shape, raw=pending_sign[0]))
            pending_sign = (word, start)
            continue
        number = parse_number(word)
        if number is not None:
            value, unit, digits = number
            if pending_sign:
                sign, sign_start = pending_sign
                if sign in ("-", "－", "—", "–"):
                    value = -value
                start_ = sign_start
                pending_sign = None
            else:
                start_ = start
            out.append(Token(NUM, start_, start + len(word), line, shape, value=value, unit=unit, digits=digits))
            continue
        if pending_sign:
            out.append(Token(WORD, pending_sign[1], pending_sign[1] + len(pending_sign[0]), line, shape, raw=pending_sign[0]))
            pending_sign = None
        if word in NON_NUMERIC_WORDS or oversized_number(word):
            out.append(Token(WORD, start, start + len(word), line, shape, raw=word))
            continue
        glued = _GLUED_RE.fullmatch(ascii_digits(word)) if word[-1].isdigit() or word[-1] in "０１２３４５６７８９" else None
        if glued:
            cut = len(glued.group("text"))
            out.append(_text_token(word[:cut], start, line, shape))
            number = parse_number(word[cut:])
            if number is not None:
                out.append(
                    Token(NUM, start + cut, start + len(word), line, shape, value=number[0], unit=number[1], glued=True, digits=number[2])
                )
                continue
        out.append(_text_token(word, start, line, shape))
    if pending_sign:
        out.append(Token(WORD, pending_sign[1], pending_sign[1] + len(pending_sign[0]), line, shape, raw=pending_sign[0]))


def line_shape(text: str) -> str | None:
    """The shape a line belongs to; None for a blank line."""
    if text[:1] == "\t" and "|" not in text and "\t" not in text[1:]:
        return CELL_PER_LINE  # the common case of Word exports
    stripped = text.strip(SPACE_CHARS)
    if not stripped:
        return CELL_PER_LINE if text.startswith("\t") else None
    if stripped.startswith("|") and stripped.endswith("|") and len(stripped) > 1 and stripped.count("|") >= 3:
        return MARKDOWN
    if "|" in text:
        return PIPE
    if "\t" in text.lstrip("\t").rstrip("\t"):
        return TSV
    if text.startswith("\t"):
        return CELL_PER_LINE
    return PDF


_LINE_TOKENS: dict[str, tuple[tuple, ...]] = {}
_NO_SKIP: set[int] = set()


def _plain_count(start: int, digits: str, number: int, shape: str) -> Token:
    """A cell that is just ASCII digits: _cell_tokens' first case, built directly (the hot path)."""
    return Token(NUM, start, start + len(digits), number, shape, "", "", (), int(digits), "", False, len(digits))


def _pipe_cells(masked: str, line_start: int, number: int, shape: str, out: list) -> None:
    """The cells of a Markdown row or a pipe fragment, split by `|`."""
    position = 0
    for part in masked.split("|"):
        stripped = part.strip(SPACE_CHARS)
        if _plain_digits(stripped):
            out.append(_plain_count(line_start + position + part.index(stripped), stripped, number, shape))
        elif stripped:
            _cell_tokens(part, line_start + position, number, shape, out, False, 0)
        position += len(part) + 1


def _is_separator_row(text: str) -> bool:
    """`|---|:-:|` and the like. A character class and a membership test: a pattern with the pipe
    both inside a run and after it backtracked quadratically over a long row of pipes."""
    return "|" in text and _SEPARATOR_CHARS_RE.fullmatch(text) is not None


def _is_pipe_row(text: str) -> bool:
    """A whole Markdown table row, `| … |` (one column or more)."""
    stripped = text.strip(SPACE_CHARS)
    return len(stripped) > 1 and stripped[0] == "|" and stripped[-1] == "|"


def _markdown_headers(lines: list[Line], skip: set[int]) -> tuple[set[int], set[int]]:
    """Line numbers of Markdown header rows (a pipe row right before a delimiter row `|---|---|`),
    and of those delimiter rows."""
    headers: set[int] = set()
    delimiters: set[int] = set()
    previous: Line | None = None
    for line in lines:
        if line.number in skip:
            continue
        text = line.text
        if (
            previous is not None
            and "|" in text
            and ("-" in text or "—" in text)
            and _DELIMITER_ROW_RE.fullmatch(text.strip(SPACE_CHARS))
            and _is_pipe_row(previous.text)
        ):
            headers.add(previous.number)
            delimiters.add(line.number)
        previous = line
    return headers, delimiters


def _header_tokens(line: Line, out: list[Token]) -> None:
    """A Markdown header row: each cell label text, its words TEXT tokens (「数据1」 is one word,
    not 「数据」 with a glued 1). Numbers in their own cells stay values — some converters
    (markdownify on a table without <thead>) make a table's first data row its header — unless
    they only number the columns (1, 2, 3… or 0, 1, 2…)."""
    cells: list[tuple[list[Token], list[Token]]] = []  # (as values, as label text) a cell
    position = 0
    for part in _mask(line.text).split("|"):
        if part.strip(SPACE_CHARS):
            start = line.start + position
            values: list[Token] = []
            _cell_tokens(part, start, line.number, MARKDOWN, values, False, 0)
            words = [
                _text_token(m.group(), start + m.start(), line.number, MARKDOWN) for m in _WORD_RE.finditer(part) if m.group().strip("\x00")
            ]
            cells.append((values, words))
        position += len(part) + 1
    numbers = [values[0].value for values, _words in cells if _is_plain_number(values)]
    numbering = numbers in (list(range(1, len(numbers) + 1)), list(range(len(numbers))))
    for values, words in cells:
        out.extend(values if _is_plain_number(values) and not numbering else words)
    if cells:
        out.append(Token(BREAK, line.end, line.end, line.number, MARKDOWN))


def _is_plain_number(tokens: list[Token]) -> bool:
    return len(tokens) == 1 and tokens[0].type == NUM and not tokens[0].glued


def tokenize(lines: list[Line], skip: set[int]) -> list[Token]:
    """The token stream of some lines (page-number lines in `skip` are left out).

    A line's tokens depend only on its text (offsets shift with the line's start), so each
    distinct line text is read once (`_tokenize_lines`) and its tokens kept relative to the line.
    A Markdown header row depends on the line after it: read apart, never cached."""
    out: list[Token] = []
    append = out.append
    cache = _LINE_TOKENS
    headers, delimiters = _markdown_headers(lines, skip)
    for line in lines:
        number = line.number
        if number in skip or number in delimiters:
            continue
        if number in headers:
            _header_tokens(line, out)
            continue
        text = line.text
        relative = cache.get(text)
        base = line.start
        if relative is None:
            tokens = _tokenize_lines([line], _NO_SKIP)
            out.extend(tokens)
            if len(cache) < 65536:
                cache[text] = tuple(
                    (
                        t.type,
                        t.start - base,
                        t.end - base,
                        t.shape,
                        t.raw,
                        t.key,
                        tuple([o - base for o in t.offsets]) if t.offsets else (),
                        t.value,
                        t.unit,
                        t.glued,
                        t.digits,
                    )
                    for t in tokens
                )
            continue
        for type_, start, end, shape, raw, key, offsets, value, unit, glued, digits in relative:
            if offsets:
                offsets = tuple(map(base.__add__, offsets))
            append(Token(type_, base + start, base + end, number, shape, raw, key, offsets, value, unit, glued, digits))
    return out


def _tokenize_lines(lines: list[Line], skip: set[int]) -> list[Token]:
    """The token stream of some lines, read afresh (what `tokenize` caches per line text)."""
    out: list[Token] = []
    for line in lines:
        number = line.number
        if number in skip:
            continue
        text = line.text
        if text[:1] == "\t" and "|" not in text and "\t" not in text[1:]:  # line_shape's first case, inline
            body = text[1:]
            stripped = body.strip(SPACE_CHARS)
            if _plain_digits(stripped):  # a plain count: _cell_tokens' first case, inline
                out.append(_plain_count(line.start + 1 + body.index(stripped), stripped, number, CELL_PER_LINE))
                continue
            masked = _mask(text) if "[" in text or "(" in text or "（" in text else text
            _cell_tokens(masked[1:], line.start + 1, number, CELL_PER_LINE, out, True, line.end)
            continue
        shape = line_shape(text)
        if shape is None:
            out.append(Token(BREAK, line.start, line.start, number, PDF))
            continue
        masked = _mask(text)
        if shape == MARKDOWN:
            if _is_separator_row(masked.strip(SPACE_CHARS)):
                continue
            before = len(out)
            _pipe_cells(masked, line.start, number, shape, out)
            if len(out) > before:
                out.append(Token(BREAK, line.end, line.end, number, shape))
        elif shape == PIPE:
            _pipe_cells(masked, line.start, number, shape, out)
        elif shape == TSV:
            lead = len(masked) - len(masked.lstrip("\t"))
            position = lead
            for part in masked[lead:].split("\t"):
                end = line.start + position + len(part.rstrip(SPACE_CHARS))
                _cell_tokens(part, line.start + position, number, shape, out, True, end)
                position += len(part) + 1
            # Trailing empty fields are layout, not blank cells.
            while out and out[-1].type == BLANK and out[-1].line == number:
                out.pop()
            out.append(Token(BREAK, line.end, line.end, number, shape))
        elif shape == CELL_PER_LINE:
            _cell_tokens(masked[1:], line.start + 1, number, shape, out, True, line.end)
        else:
            _cell_tokens(masked, line.start, number, shape, out, False, 0)
            out.append(Token(BREAK, line.end, line.end, number, shape))
    return out


# --- grids (.docx, HTML, PDF): cells as the file lays them out -------------------

GRID = "grid"


def _value_like(tokens: list[Token]) -> bool:
    """A cell that holds a value (a number, a word such as 无 or —) or nothing."""
    return all(t.type != TEXT for t in tokens)


def grid_tokens(grid, line_of) -> list[Token]:
    """The token stream of a table grid (`gklint.read.grid.Grid`): per row, its label cells as
    TEXT, then one value token per value cell — a blank cell is BLANK in its place, a merged
    cell counts once — and a BREAK. `line_of(offset)` gives the 1-based line of an offset.

    A row's value cells are those after its last cell of label text, so a row's label may span
    any number of columns (group labels merged down the side included) and a row of values
    with no label (table 四) keeps every cell."""
    out: list[Token] = []
    for index in range(grid.rows):
        cells = grid.row(index)
        if not cells:
            continue
        line = line_of(cells[0].start)
        read: list[list[Token]] = []
        for cell in cells:
            tokens: list[Token] = []
            if not cell.blank:
                _cell_tokens(_mask(cell.text), cell.start, line, GRID, tokens, False, cell.end)
            read.append(tokens)
        last_label = max((i for i, tokens in enumerate(read) if tokens and not _value_like(tokens)), default=-1)
        for i, (cell, tokens) in enumerate(zip(cells, read)):
            if i <= last_label:
                out.extend(tokens)  # label text (a blank corner cell gives nothing)
            elif not tokens:
                out.append(Token(BLANK, cell.start, cell.start, line, GRID))
            else:
                out.extend(tokens)
        out.append(Token(BREAK, cells[-1].end, cells[-1].end, line, GRID))
    return out
