"""The GK1 structure rules on the real seeds: what each seed must show, and that deleting one
section gives GK101 for it and nothing else new in GK1."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from gklint.read.source import SourceText
from gklint.run.config import Settings
from gklint.run.engine import Linter
from gklint.run.fixes import fix_until_stable

from .conftest import SAMPLES, SEEDS, seed

GK1 = ["GK1"]


@pytest.fixture(scope="module")
def gk1():
    linter = Linter(Settings(select=GK1))

    def run(text: str, path: str = "report.txt"):
        result = linter.lint_source(SourceText(text, "utf-8"), Path(path))
        return result.violations, result.report

    return run


def _codes(violations) -> Counter:
    return Counter(v.code for v in violations)


def _lines(violations, code: str) -> list[int]:
    return sorted(v.line for v in violations if v.code == code)


def _without_section(text: str, report, number: int) -> str:
    """The text with one section's heading line and body removed (up to the next section)."""
    section = report.section(number)
    following = [s.heading.line.start for s in report.sections if s.heading.line.number > section.heading.line.number]
    end = min(following) if following else len(text)
    return text[: section.heading.line.start] + text[end:]


def test_seed_000_has_sections_and_no_empty_section_finding(gk1):
    violations, report = gk1(seed("000").read_text(encoding="utf-8"))
    assert [s.number for s in report.sections] == [1, 2, 3, 4, 5, 6]
    assert "GK101" not in _codes(violations)
    # section 二 is empty (its table follows under 三's heading): GK301's business, not GK105's
    assert report.section(2).last_body_line < report.section(2).first_body_line
    assert "GK105" not in _codes(violations)


def test_seed_001_heading_wording(gk1):
    violations, report = gk1(seed("001").read_text(encoding="utf-8"))
    assert "GK101" not in _codes(violations)
    wording = {v.line: v for v in violations if v.code == "GK104"}
    assert sorted(wording) == [8, 408]  # 一、政府信息公開工作總體情況 and 六、其他需要報(bào)告事項(xiàng)
    assert "其他需要报告的事项" in wording[408].message.zh
    assert all(v.fix is None for v in wording.values())  # traditional script: no simplified fix


def test_seed_002_section_style_subheadings(gk1):
    violations, report = gk1(seed("002").read_text(encoding="utf-8"))
    assert [s.number for s in report.sections] == [1, 2, 3, 4, 5, 6]
    assert "GK101" not in _codes(violations)
    assert _lines(violations, "GK106") == [9, 13, 17, 21, 25, 29]  # 一、加强组织领导 … 六、依申请公开工作


def test_seed_003_skipped_level(gk1):
    violations, _ = gk1(seed("003").read_text(encoding="utf-8"))
    assert _lines(violations, "GK106") == [9, 11, 13, 15, 17, 19]  # 1、体制机制建设情况 … 6、
    first = next(v for v in violations if v.code == "GK106")
    assert "1、" in first.message.zh and "（一）" in first.message.zh


def test_seed_004_numbering_and_skipped_level(gk1):
    text = seed("004").read_text(encoding="utf-8")
    violations, _ = gk1(text)
    assert _lines(violations, "GK103") == [22]
    assert _lines(violations, "GK106") == [8, 14, 16, 18, 20]  # （1）…（5） directly under 一、
    linter = Linter(Settings(select=["GK103"]))
    outcome = fix_until_stable(text, lambda t: linter.lint_source(SourceText(t, "utf-8"), Path("r.txt")).violations)
    assert outcome.text == text.replace("2、 主动公开政府信息情况", "二、主动公开政府信息情况")


def test_seed_003_renumbering_fix_is_token_only(gk1):
    text = seed("003").read_text(encoding="utf-8")
    linter = Linter(Settings(select=["GK106"]))
    outcome = fix_until_stable(text, lambda t: linter.lint_source(SourceText(t, "utf-8"), Path("r.txt")).violations)
    expected = text
    for value, numeral in enumerate("一二三四五六", start=1):
        expected = expected.replace(f"\n{value}、", f"\n（{numeral}）", 1)
    assert outcome.text == expected
    assert "GK106" not in _codes(gk1(outcome.text)[0])


def test_missing_section_fix_restores_the_heading(gk1):
    text = seed("002").read_text(encoding="utf-8")
    _, report = gk1(text)
    damaged = _without_section(text, report, 6)
    linter = Linter(Settings(select=["GK101"]))
    outcome = fix_until_stable(damaged, lambda t: linter.lint_source(SourceText(t, "utf-8"), Path("r.txt")).violations, unsafe=True)
    assert outcome.text == damaged + "六、其他需要报告的事项\n无。\n"
    _, fixed = gk1(outcome.text)
    assert [s.number for s in fixed.sections] == [1, 2, 3, 4, 5, 6]


def test_huaian_sample_has_no_structure_errors_or_warnings(gk1):
    path = next(p for p in SAMPLES if p.name.startswith("huaian"))
    violations, report = gk1(path.read_text(encoding="utf-8"))
    assert [s.number for s in report.sections] == [1, 2, 3, 4, 5, 6]
    assert [(v.line, v.code) for v in violations if v.severity.value in "EW"] == []


@pytest.mark.parametrize("number", range(1, 7))
@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_deleting_a_section_adds_only_gk101(gk1, path, number):
    text = path.read_text(encoding="utf-8")
    before, report = gk1(text)
    after, _ = gk1(_without_section(text, report, number))
    missing = [v for v in after if v.code == "GK101"]
    assert len(missing) == 1 and f"第{'一二三四五六'[number - 1]}部分" in missing[0].message.zh
    new = _codes(after) - _codes(before)
    assert new == Counter({"GK101": 1}), [f"{v.line} {v.code} {v.message.zh}" for v in after if v.code in new]


def test_overview_aspects_named_one_finding_each(gk1):
    violations, _ = gk1(seed("002").read_text(encoding="utf-8"))
    named = [v.message.zh.split("「")[2].split("」")[0] for v in violations if v.code == "GK108"]
    assert named == ["主动公开", "政府信息管理", "监督保障"]
    assert {v.line for v in violations if v.code == "GK108"} == {5}


def test_government_topics_only_for_governments():
    text = seed("003").read_text(encoding="utf-8")
    for issuer, expected in (("department", []), ("government", ["社会评议", "责任追究"])):
        linter = Linter(Settings(select=["GK109"], issuer=issuer))
        violations = linter.lint_source(SourceText(text, "utf-8"), Path("r.txt")).violations
        assert [v.message.zh.split("「")[1].split("」")[0] for v in violations] == expected


def test_inserted_heading_uses_the_files_newline():
    text = seed("004").read_text(encoding="utf-8").replace("\n", "\r\n")
    damaged = text.replace("五、存在的主要问题及改进情况\r\n", "", 1)
    linter = Linter(Settings(select=["GK101"]))
    violations = linter.lint_source(SourceText(damaged, "utf-8"), Path("r.txt")).violations
    assert [v.line for v in violations] == [408]  # on 「六、其他需要报告的事项」, where 五 belongs
    (edit,) = violations[0].fix.edits
    assert edit.replacement == "五、存在的主要问题及改进情况\r\n"
