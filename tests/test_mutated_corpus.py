"""Byte-identical findings on 1,000 mutated reports (issue 15: the hot paths made faster must find
exactly what they found before).

The corpus is made here, deterministically, from the five seeds: digits changed, lines dropped,
duplicated or swapped, characters swapped to their traditional forms, punctuation changed (full
width ↔ ASCII), spaces inserted, a section's numeral changed, CRLF endings, and the whole report
moved a year back (so that GK7 pairs some of them with the seed they came from). All of it is linted
with `--select ALL` as a run over a folder lints it (the GK7 pairing planned first, then each file),
and each report's findings — everything a format can print of them: codes, places, offsets, both
languages' messages, fixes — are hashed. `tests/fixtures/mutated-findings.txt` holds one hash a
report, written once from the code before the hot paths were optimised.

Regenerate it (only when a change of findings is intended, and say so in the commit):

    GKLINT_REGENERATE_MUTATED=1 python -m pytest tests/test_mutated_corpus.py
"""

from __future__ import annotations

import hashlib
import os
import random
import re
from pathlib import Path

from gklint.run.config import Settings
from gklint.run.engine import Linter

from .conftest import SEEDS

SNAPSHOT = Path(__file__).parent / "fixtures" / "mutated-findings.txt"
COUNT = 1000

# Simplified → traditional (fixed here, not from OpenCC, so the corpus never changes).
TRADITIONAL = dict(zip("国会开发这门书报为县区时间关于设务网应们对处级数据统计", "國會開發這門書報為縣區時間關於設務網應們對處級數據統計"))
PUNCTUATION = [("，", ","), ("。", "."), ("；", ";"), ("：", ":"), ("（", "("), ("）", ")"), ("、", ","), ("“", '"')]
NUMERALS = "一二三四五六七"


def _digits(text: str, rnd: random.Random) -> str:
    places = [m.start() for m in re.finditer(r"[0-9]", text)]
    chars = list(text)
    for place in rnd.sample(places, min(len(places), rnd.randint(1, 12))):
        chars[place] = rnd.choice("0123456789")
    return "".join(chars)


def _lines(text: str, rnd: random.Random) -> str:
    lines = text.split("\n")
    for _ in range(rnd.randint(1, 4)):
        i = rnd.randrange(len(lines))
        what = rnd.choice(("drop", "duplicate", "swap"))
        if what == "drop" and len(lines) > 10:
            del lines[i]
        elif what == "duplicate":
            lines.insert(i, lines[i])
        elif i + 1 < len(lines):
            lines[i], lines[i + 1] = lines[i + 1], lines[i]
    return "\n".join(lines)


def _traditional(text: str, rnd: random.Random) -> str:
    chosen = rnd.sample(sorted(TRADITIONAL), rnd.randint(1, 6))
    places = [i for i, c in enumerate(text) if c in chosen]
    chars = list(text)
    for place in rnd.sample(places, min(len(places), rnd.randint(1, 20))):
        chars[place] = TRADITIONAL[chars[place]]
    return "".join(chars)


def _punctuation(text: str, rnd: random.Random) -> str:
    a, b = rnd.choice(PUNCTUATION)
    if rnd.random() < 0.5:
        a, b = b, a
    places = [m.start() for m in re.finditer(re.escape(a), text)]
    chars = list(text)
    for place in rnd.sample(places, min(len(places), rnd.randint(1, 8))):
        chars[place] = b
    return "".join(chars)


def _spaces(text: str, rnd: random.Random) -> str:
    chars = list(text)
    for _ in range(rnd.randint(1, 10)):
        chars.insert(rnd.randrange(len(chars)), rnd.choice((" ", "\u3000", "  ", "\t")))
    return "".join(chars)


def _numeral(text: str, rnd: random.Random) -> str:
    headings = [m.start() for m in re.finditer(rf"(?m)^\s*[{NUMERALS}]、", text)]
    if not headings:
        return text
    place = rnd.choice(headings)
    place += len(text[place:]) - len(text[place:].lstrip())
    return text[:place] + rnd.choice(NUMERALS) + text[place + 1 :]


def _year_back(text: str, rnd: random.Random) -> str:
    years = re.findall(r"20[12][0-9]", text)
    if not years:
        return text
    year = max(sorted(set(years)), key=years.count)  # the most frequent, the earliest of a tie
    return text.replace(year, str(int(year) - 1))


def _crlf(text: str, rnd: random.Random) -> str:
    return text.replace("\n", "\r\n")


MUTATIONS = [_digits, _lines, _traditional, _punctuation, _spaces, _numeral, _year_back, _crlf]


def mutated_corpus() -> list[tuple[str, str]]:
    """(file name, text) of the COUNT mutated reports."""
    seeds = [(path.stem, path.read_text(encoding="utf-8")) for path in SEEDS]
    corpus = []
    for index in range(COUNT):
        stem, text = seeds[index % len(seeds)]
        rnd = random.Random(index)
        for mutation in rnd.sample(MUTATIONS[:-2], rnd.randint(1, 4)):
            text = mutation(text, rnd)
        if rnd.random() < 0.15:
            text = _year_back(text, rnd)
        if rnd.random() < 0.1:
            text = _crlf(text, rnd)
        corpus.append((f"{index:04d}_{stem}.txt", text))
    return corpus


def _digest(violations) -> str:
    parts = []
    for v in violations:
        fix = None
        if v.fix is not None:
            description = (v.fix.description.zh, v.fix.description.en) if v.fix.description else None
            fix = (v.fix.applicability.value, description, [(e.start, e.end, e.replacement) for e in v.fix.edits])
        parts.append(
            repr(
                (
                    v.code,
                    v.name,
                    v.severity.value,
                    v.line,
                    v.column,
                    v.end_line,
                    v.end_column,
                    v.message.zh,
                    v.message.en,
                    v.start,
                    v.end,
                    v.plugin,
                    v.recovered,
                    fix,
                )
            )
        )
    return hashlib.blake2b("\n".join(parts).encode("utf-8"), digest_size=8).hexdigest()


def lint_corpus(folder: Path) -> list[str]:
    """One line a report: its name, its number of findings and their hash."""
    paths = []
    for name, text in mutated_corpus():
        path = folder / name
        path.write_bytes(text.encode("utf-8"))
        paths.append(path)
    linter = Linter(Settings(select=["ALL"]))
    linter.plan_history(paths)
    lines = []
    for path in paths:
        violations = linter.lint_path(path, path.name).violations
        lines.append(f"{path.name} {len(violations)} {_digest(violations)}")
    return lines


def test_mutated_reports_find_what_they_found(tmp_path):
    lines = lint_corpus(tmp_path)
    assert sum(int(line.split()[1]) for line in lines) > 20000  # the corpus does exercise the rules
    if os.environ.get("GKLINT_REGENERATE_MUTATED"):
        SNAPSHOT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    expected = SNAPSHOT.read_text(encoding="utf-8").splitlines()
    differing = [(a, b) for a, b in zip(expected, lines) if a != b]
    assert len(lines) == len(expected) and not differing, differing[:10]
