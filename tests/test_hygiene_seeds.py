"""GK601–GK606 on the real seeds: what they must find, and what their fixes change (nothing else)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gklint.core.text import PINYIN_DEBRIS_RE, is_traditional_char
from gklint.read.source import SourceText
from gklint.run.config import Settings
from gklint.run.engine import Linter
from gklint.run.fixes import apply_once, fix_until_stable

from .conftest import FIXTURES, seed

HUAIAN = FIXTURES / "samples" / "huaian-2024-pdf-text.txt"
HYGIENE = ["GK601", "GK602", "GK603", "GK604", "GK605", "GK606"]

_LINTERS: dict[tuple[str, ...], Linter] = {}


def _violations(text: str, select: list[str]):
    key = tuple(select)
    if key not in _LINTERS:
        _LINTERS[key] = Linter(Settings(select=select))
    return _LINTERS[key].lint_source(SourceText(text, "utf-8"), Path("report.txt")).violations


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _lines(violations, code: str) -> list[int]:
    return sorted(v.line for v in violations if v.code == code)


# --- GK601 -----------------------------------------------------------------------


def test_gk601_one_finding_on_every_line_with_debris_in_seed_001():
    text = _read(seed("001"))
    debris_lines = [n for n, line in enumerate(text.split("\n"), 1) if PINYIN_DEBRIS_RE.search(line)]
    assert len(debris_lines) > 90
    violations = _violations(text, ["GK601"])
    assert _lines(violations, "GK601") == debris_lines
    assert all(v.fix is not None and v.fix.applicability.value == "safe" for v in violations)
    # One edit per token: as many edits as debris tokens.
    assert sum(len(v.fix.edits) for v in violations) == len(PINYIN_DEBRIS_RE.findall(text))


def test_gk601_fix_removes_only_the_debris_and_a_second_run_is_clean():
    original = _read(seed("001"))
    fixed, applied = apply_once(original, _violations(original, ["GK601"]))
    assert applied
    assert fixed == PINYIN_DEBRIS_RE.sub("", original)
    assert "區(qū)" in original and "區(qū)" not in fixed
    assert _violations(fixed, ["GK601"]) == []


# --- GK602 -----------------------------------------------------------------------


def test_gk602_once_for_seed_001_and_its_unsafe_fix_leaves_no_traditional_character():
    original = _read(seed("001"))
    violations = _violations(original, ["GK602"])
    assert [(v.code, v.line, v.column) for v in violations] == [("GK602", 1, 1)]
    assert "721" in violations[0].message.zh
    dedebrised = PINYIN_DEBRIS_RE.sub("", original)
    outcome = fix_until_stable(dedebrised, lambda t: _violations(t, ["GK602"]), unsafe=True)
    assert outcome.stable and outcome.text != dedebrised
    assert len(outcome.text) == len(dedebrised)  # character for character
    assert not [c for c in outcome.text if is_traditional_char(c)]
    assert outcome.text.startswith("张店区人民政府\n")
    assert "六、其他需要报告事项\n无" in outcome.text


def test_gk602_ignores_characters_inside_debris():
    # The fix never touches the pinyin tokens: they survive for GK601.
    original = _read(seed("001"))
    (violation,) = _violations(original, ["GK602"])
    debris = [(m.start(), m.end()) for m in PINYIN_DEBRIS_RE.finditer(original)]
    assert violation.fix.edits
    for edit in violation.fix.edits:
        assert not any(s < edit.end and edit.start < e for s, e in debris)


# --- GK603 -----------------------------------------------------------------------


def test_gk603_seed_000_bookmark_fix_leaves_the_number():
    original = _read(seed("000"))
    violations = _violations(original, ["GK603"])
    assert _lines(violations, "GK603") == [274]
    fixed, _ = apply_once(original, violations)
    lines = original.split("\n")
    assert lines[273] == "\t[bookmark: _GoBack]\u20029"
    lines[273] = "\t9"
    assert fixed == "\n".join(lines)


def test_gk603_seed_003_and_004_export_markers():
    for prefix, footers in (("003", [408, 552]), ("004", [])):
        original = _read(seed(prefix))
        violations = _violations(original, ["GK603"])
        marker_lines = sorted(
            n for n, line in enumerate(original.split("\n"), 1) for _ in re.finditer(r"(?:\[(?:image|bookmark): [^\]]*\])+", line)
        )
        assert _lines(violations, "GK603") == sorted(marker_lines + footers)
        fixed, _ = apply_once(original, violations)
        # Only the markers and the stray footers go.
        expected = re.sub(r"\[(?:image|bookmark): [^\]]*\]", "", original).replace("— 1 —\n", "")
        assert fixed == expected
        assert _violations(fixed, ["GK603"]) == []


def test_gk603_seed_004_image_with_a_name():
    violations = _violations(_read(seed("004")), ["GK603"])
    assert any("[image: 1610608905(1)]" in v.message.zh and v.line == 12 for v in violations)


# --- GK604 -----------------------------------------------------------------------


def test_gk604_seed_000_when_selected_but_not_by_default():
    text = _read(seed("000"))
    assert _lines(_violations(text, ["GK604"]), "GK604") == [14, 16, 18, 20]
    default = Linter(Settings()).lint_source(SourceText(text, "utf-8"), Path("report.txt")).violations
    assert not [v for v in default if v.code == "GK604"]
    fixed, _ = apply_once(text, _violations(text, ["GK604"]))
    assert fixed == text.replace("(三)", "（三）").replace("(四)", "（四）").replace("(五)", "（五）").replace("(六)", "（六）")


# --- GK605 -----------------------------------------------------------------------


def test_gk605_seed_003_tail_and_its_unsafe_fix():
    original = _read(seed("003"))
    violations = _violations(original, ["GK605"])
    assert [(v.line, v.column) for v in violations] == [(410, 1)]
    fixed, _ = apply_once(original, violations, unsafe=True)
    lines = original.split("\n")
    assert fixed == "\n".join(lines[:407]) + "\n"
    assert fixed.endswith("六、其他需要报告的事项\n无。\n")
    assert _violations(fixed, ["GK605"]) == []


# --- all hygiene rules ----------------------------------------------------------------


def test_huaian_pdf_text_is_clean():
    violations = _violations(_read(HUAIAN), HYGIENE)
    assert [(v.code, v.line) for v in violations] == []


@pytest.mark.parametrize("prefix", ["000", "002", "004"])
def test_no_false_tail_script_or_radical_findings_on_clean_seeds(prefix):
    violations = _violations(_read(seed(prefix)), ["GK601", "GK602", "GK605", "GK606"])
    assert violations == []


def test_all_safe_hygiene_fixes_are_stable_on_every_seed():
    paths = sorted((FIXTURES / "seeds").glob("*.txt"))
    assert len(paths) == 5
    for path in paths:
        original = _read(path)
        outcome = fix_until_stable(original, lambda t: _violations(t, HYGIENE), unsafe=True)
        assert outcome.stable, path.name
        left = _violations(outcome.text, HYGIENE)
        # Placeholders have no fix; nothing else may be left.
        assert [v for v in left if v.fix is not None] == [], path.name
