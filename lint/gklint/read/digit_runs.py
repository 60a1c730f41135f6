"""Cells run together: a row's digits with no separator (「713000074」 for seven cells of table 三).

A web page's text keeps a table's digits and drops the cell borders. Which digits belong to which
cell is not guessed: every way of cutting the run into the row's cells is tried (a count has no
leading zero except a lone 0, and at most MAX_DIGITS digits), and only the readings that satisfy
the row's own identity are kept. Table 三: 总计 (the last cell) = the sum of the six others. One
reading left: the row is read. Several or none: the row cannot be read (GK309 says which).

The search is bounded: the total (the last cell) is chosen first, at most MAX_DIGITS ways; the
other cells are cut from the rest with their running sum pruned against it; at most `limit`
readings are collected.
"""

from __future__ import annotations

from typing import Iterator

MAX_DIGITS = 6  # a count of a million or more: not a cell


def _summing_to(digits: str, cells: int, total: int) -> Iterator[tuple[str, ...]]:
    """Cuts of `digits` into `cells` counts whose sum is `total` (pruned as the sum grows)."""
    if cells == 1:
        if digits and len(digits) <= MAX_DIGITS and (digits == "0" or digits[0] != "0") and int(digits) == total:
            yield (digits,)
        return
    for size in range(1, min(MAX_DIGITS, len(digits) - cells + 1) + 1):
        head = digits[:size]
        if size > 1 and head[0] == "0":
            break
        value = int(head)
        if value > total:
            break  # longer heads are larger still
        for rest in _summing_to(digits[size:], cells - 1, total - value):
            yield (head, *rest)


def readings_with_total(digits: str, cells: int, limit: int = 4) -> list[tuple[str, ...]]:
    """The cuts of a run into `cells` counts whose last is the sum of the others (table 三's
    总计 = 自然人 + the five 法人或其他组织 columns), at most `limit` of them."""
    found: list[tuple[str, ...]] = []
    if cells < 2 or not digits.isdigit() or not digits.isascii() or len(digits) < cells:
        return found
    for size in range(1, min(MAX_DIGITS, len(digits) - cells + 1) + 1):
        total = digits[-size:]
        if size > 1 and total[0] == "0":
            continue
        for parts in _summing_to(digits[:-size], cells - 1, int(total)):
            found.append((*parts, total))
            if len(found) >= limit:
                return found
    return found


def readings_by_groups(digits: str, groups: int, cells: int, limit: int = 4) -> list[tuple[str, ...]]:
    """Cuts of a run into `groups` groups of `cells` counts, each group's last the sum of its
    others (table 四: three groups of 结果维持, 结果纠正, 其他结果, 尚未审结, 总计), at most `limit`."""
    found: list[tuple[str, ...]] = []

    def cut(rest: str, left: int, done: tuple[str, ...]) -> None:
        if len(found) >= limit:
            return
        if left == 1:
            for reading in readings_with_total(rest, cells, limit):
                found.append(done + reading)
                if len(found) >= limit:
                    return
            return
        longest = min(len(rest) - cells * (left - 1), cells * MAX_DIGITS)
        for size in range(cells, longest + 1):
            for reading in readings_with_total(rest[:size], cells, limit):
                cut(rest[size:], left - 1, done + reading)

    if digits.isdigit() and digits.isascii() and len(digits) >= groups * cells:
        cut(digits, groups, ())
    return found
