"""The narrative figures (gklint.facts.figures) on real text, and the GK4 rules on edited seeds."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest

from gklint.facts.figures import round_half_up, tolerance, truncate
from gklint.read.source import SourceText
from gklint.run.config import Settings
from gklint.run.engine import Linter

from .conftest import SAMPLES, seed


@pytest.fixture(scope="module")
def linter():
    return Linter(Settings(select=["GK4"]))


def _report(linter, text: str):
    return linter.lint_source(SourceText(text, "utf-8"), Path("report.txt")).report


def _codes(linter, text: str) -> list[tuple[str, int]]:
    return [(v.code, v.line) for v in linter.lint_source(SourceText(text, "utf-8"), Path("report.txt")).violations]


def _read(prefix: str) -> str:
    return seed(prefix).read_text(encoding="utf-8")


def test_seed_004_inline_channels(linter):
    report = _report(linter, _read("004"))
    figure = next(f for f in report.facts.figures if f.total.text == "11210条")
    assert figure.kind == "inline"
    assert [p.count.value for p in figure.parts] == [4790, 1801, 3628, 991]
    assert [p.label for p in figure.parts] == ["门户网站公开4790条", "政务微博公开1801条", "政务微信公开3628条", "其他方式公开991条"]
    assert report.location(figure.total.start) == (9, 24)
    assert report.text[figure.total.start : figure.total.end] == "11210条"
    # 人 and 人次 are one unit family: 704 + 7472 = 8176
    visitors = next(f for f in report.facts.figures if f.total.text == "8176人")
    assert sum(p.count.value for p in visitors.parts) == 8176


def test_seed_000_list_after_total(linter):
    report = _report(linter, _read("000"))
    figure = next(f for f in report.facts.figures if f.kind == "list")
    assert figure.total.value == 8129 and report.location(figure.total.start)[0] == 8
    assert [p.label for p in figure.parts] == ["政府网站", "政务微信", "其他方式"]
    assert [p.share.value for p in figure.parts] == [68, 17, 15]
    assert [report.location(p.share.start)[0] for p in figure.parts] == [10, 11, 12]
    assert figure.split
    # "收到申请数9件，其中，网络申请数8件，信函申请数1件，按时办结数9件": 按时办结 is no part
    requests = next(f for f in report.facts.figures if f.total.text == "9件")
    assert [p.count.value for p in requests.parts] == [8, 1]


def test_huaian_semicolon_ends_the_parts(linter):
    text = SAMPLES[0].read_text(encoding="utf-8")
    report = _report(linter, text)
    totals = {f.total.value: [p.count.value for p in f.parts] for f in report.facts.figures}
    assert totals[351] == [72, 64, 178, 37]
    assert totals[46] == [25, 5, 9, 7]
    assert "5500" not in {str(v) for v in totals}  # "5500 余条" has no parts


def test_unclear_clause_gives_no_figure(linter):
    text = "某区2021年政府信息公开工作年度报告\n一、总体情况\n开展培训3次，其中培训人员300人，发放资料50份。\n"
    assert _report(linter, text).facts.figures == []


@pytest.mark.parametrize("prefix", ["000", "003", "004"])
def test_no_gk401_to_gk403_on_seeds(linter, prefix):
    assert [c for c in _codes(linter, _read(prefix)) if c[0] in ("GK401", "GK402", "GK403")] == []


def test_nothing_on_huaian(linter):
    assert _codes(linter, SAMPLES[0].read_text(encoding="utf-8")) == []


def test_changing_one_channel_count_fires_gk402(linter):
    text = _read("004").replace("政务微博公开1801条", "政务微博公开1810条", 1)
    assert ("GK402", 9) in _codes(linter, text)


def test_changing_one_share_fires_gk403_and_gk401(linter):
    text = _read("000").replace("占比17%", "占比27%", 1)
    codes = _codes(linter, text)
    assert ("GK403", 11) in codes
    assert ("GK401", 10) in codes


def test_rounding_helpers():
    assert tolerance(0, 3) == Fraction(3, 2)
    assert tolerance(2) == Fraction(1, 200)
    assert round_half_up(Fraction(3125, 1000), 2) == Fraction(313, 100)
    assert truncate(Fraction(3125, 1000), 2) == Fraction(312, 100)


# --- GK501–GK504: narrative claims against the tables read by gklint.facts.tables ---------------------


def _gk5(linter5, text: str) -> list[tuple[str, int]]:
    return [(v.code, v.line) for v in linter5.lint_source(SourceText(text, "utf-8"), Path("report.txt")).violations]


@pytest.fixture(scope="module")
def linter5():
    return Linter(Settings(select=["GK5"]))


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_no_gk5_on_seeds(linter5, prefix):
    assert _gk5(linter5, _read(prefix)) == []


def test_no_gk5_on_huaian(linter5):
    assert _gk5(linter5, SAMPLES[0].read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    ("prefix", "old", "new", "line"),
    [
        ("000", "收到申请数9件", "收到申请数10件", 17),
        ("003", "共受理依申请公开32件", "共受理依申请公开35件", 14),
        ("004", "收取政府信息公开申请5件", "收取政府信息公开申请9件", 15),
    ],
)
def test_changed_application_count_fires_gk501(linter5, prefix, old, new, line):
    assert _gk5(linter5, _read(prefix).replace(old, new, 1)) == [("GK501", line)]


def test_assisted_applications_are_out_of_scope(linter5):
    # seed 004: "协助办理信息公开申请4件" is not table 三's 一
    assert _gk5(linter5, _read("004").replace("协助办理信息公开申请4件", "协助办理信息公开申请7件", 1)) == []


def test_changed_result_fires_gk502(linter5):
    assert _gk5(linter5, _read("003").replace("予以公开24件", "予以公开26件", 1)) == [("GK502", 14)]


def test_no_review_sentence_against_table_four(linter5):
    # seed 003 and 004 tables have one 行政复议: "没有发生…行政复议" contradicts them
    text = _read("004") + "\n本年度没有发生因政府信息公开被申请行政复议的情况。\n"
    codes = _gk5(linter5, text)
    assert codes and all(code == "GK503" for code, _ in codes)


def test_huaian_review_litigation_and_rules(linter5):
    text = SAMPLES[0].read_text(encoding="utf-8")
    assert _gk5(linter5, text.replace("结果纠正 5 件", "结果纠正 6 件", 1)) == [("GK503", 34)]
    assert _gk5(linter5, text.replace("行政复议 351", "行政复议 350", 1)) == [("GK503", 31)]
    assert _gk5(linter5, text.replace("市政府规章 1 件", "市政府规章 2 件", 1)) == [("GK504", 17)]


def test_policy_documents_are_not_normative_documents(linter):
    # huaian: "市政府及市政府办政策性文件 11 件" while 行政规范性文件 本年制发件数 is 8
    from gklint.facts.figures import table_claims

    report = _report(linter, SAMPLES[0].read_text(encoding="utf-8"))
    assert [c.row for c in table_claims(report) if c.topic == "documents"] == ["rules"]
