"""Period, dates, contact details, legal basis and fees (GK201–GK222) on the real seeds.

The extractors (`Report.periods`, `Report.publication_dates`, `Facts.contacts`) are checked
on the real texts, then the rules: the expected findings per seed, and one edit to a seed
(the period's end date, a phone digit, a stale year…) making the matching rule fire.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from gklint.read.source import SourceText
from gklint.run.fixes import fix_until_stable

from .conftest import FIXTURES, seed

HUAIAN = FIXTURES / "samples" / "huaian-2024-pdf-text.txt"
GK2 = ["GK2"]


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _lint(linter_factory, text: str, select=GK2, **settings):
    linter = linter_factory(select=select, **settings)
    return linter.lint_source(SourceText(text, "utf-8"), Path("report.txt"))


def _codes(result) -> list[str]:
    return sorted(v.code for v in result.violations)


def _fixed(linter_factory, text: str, select, unsafe: bool = False) -> str:
    linter = linter_factory(select=select)

    def lint(current: str):
        return linter.lint_source(SourceText(current, "utf-8"), Path("report.txt")).violations

    outcome = fix_until_stable(text, lint, unsafe=unsafe)
    assert outcome.stable
    return outcome.text


def _replace(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


# --- extractors ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "written"),
    [
        (seed("000"), "2020年1月1日至2020年12月31日"),
        (seed("003"), "2020年1月1日至2020年12月31日"),
        (seed("004"), "自2020年1月1日起至2020年12月31日止"),
        (HUAIAN, "自 2024 年 1 月 1 日至 2024 年 12 月 31 日"),
    ],
)
def test_period_found_on_real_text(linter_factory, path, written):
    report = _lint(linter_factory, _text(path)).report
    period = report.facts.period
    assert period is not None
    assert report.text[period.start : period.end] == written
    assert period.is_calendar_year and period.year == report.year
    assert period.section == 0  # the preamble
    assert report.facts.periods is report.facts.periods  # parsed once


@pytest.mark.parametrize("prefix", ["001", "002"])
def test_no_period_in_seeds_001_002(linter_factory, prefix):
    assert _lint(linter_factory, _text(seed(prefix))).report.facts.period is None


def test_period_forms(linter_factory):
    base = "XX局{year}年政府信息公开工作年度报告\n{sentence}\n一、总体情况\n我局认真贯彻落实《中华人民共和国政府信息公开条例》。\n"
    cases = {
        "本报告中所列数据统计期限从2019年1月1日到12月31日止。": (2019, 1, 1, 12, 31),
        "本报告所列数据统计期限为二〇二〇年一月一日至二〇二〇年十二月三十一日。": (2020, 1, 1, 12, 31),
        "统计时间为2020年1月1日-2020年12月31日。": (2020, 1, 1, 12, 31),
        "本报告统计时限自2020年1月1日起至2020年11月30日止。": (2020, 1, 1, 11, 30),
        "本報告所列數據統(tǒng)計期限為2020年1月1日至2020年12月31日。": (2020, 1, 1, 12, 31),
    }
    for sentence, (year, m1, d1, m2, d2) in cases.items():
        report = _lint(linter_factory, base.format(year=year, sentence=sentence)).report
        period = report.facts.period
        assert period is not None, sentence
        assert (period.year, period.first.month, period.first.day, period.last.month, period.last.day) == (year, m1, d1, m2, d2)
        assert period.last_year == year


def test_publication_date_from_metadata(linter_factory):
    report = _lint(linter_factory, _text(seed("001"))).report
    (published,) = report.facts.publication_dates
    assert published.kind == "metadata" and published.date == datetime.date(2021, 1, 30)
    assert report.text[published.start : published.end] == "2021-01-30"


def test_contacts_on_real_text(linter_factory):
    report = _lint(linter_factory, _text(seed("004"))).report
    (phone,) = report.facts.contacts.phones
    assert phone.raw == "0631—5961933" and phone.valid and phone.kind == "landline"
    assert [report.text[o] for o in phone.bad_separators] == ["—"]
    assert not report.facts.contacts.emails

    report = _lint(linter_factory, _text(seed("003"))).report
    assert [p.digits for p in report.facts.contacts.phones] == ["05335181064"]
    assert [e.address for e in report.facts.contacts.emails] == ["zcgov@zb.shandong.cn"]

    for prefix in ("001", "002"):
        assert not _lint(linter_factory, _text(seed(prefix))).report.facts.contacts


def test_email_broken_by_pdf_line_wrap_is_read_whole(linter_factory):
    text = _replace(_text(HUAIAN), "子邮箱：hazwgkc@163.com）。", "子邮箱：hazwgkc@\n163.com）。")
    result = _lint(linter_factory, text)
    (email,) = result.report.facts.contacts.emails
    assert email.address == "hazwgkc@163.com" and email.error is None
    assert "\n" in result.report.text[email.start : email.end]
    assert result.violations == []


# --- rules on the seeds ------------------------------------------------------------------

EXPECTED = {
    "000": [],
    "001": ["GK201", "GK211", "GK221"],
    "002": ["GK201", "GK211"],
    "003": [],
    "004": ["GK212"],
}


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_gk2_on_seeds(linter_factory, prefix):
    assert _codes(_lint(linter_factory, _text(seed(prefix)))) == EXPECTED[prefix]


def test_no_gk2_finding_on_huaian(linter_factory):
    assert _codes(_lint(linter_factory, _text(HUAIAN))) == []
    assert _codes(_lint(linter_factory, _text(HUAIAN), issuer="government")) == []


CORRECT_2021 = """\
| 标题: | XX市XX局2021年政府信息公开工作年度报告 |
| 发布日期: | 2022-01-25 |
XX市XX局2021年政府信息公开工作年度报告
本报告由XX市XX局根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和国办公开办函〔2021〕30号要求编制。本报告所列数据统计期限为2021年1月1日至2021年12月31日。本报告电子版可在XX市人民政府门户网站下载。如对本报告有疑问，请与XX市XX局办公室联系（地址：XX市XX路1号，邮编：223001，电话：0517-83605210，电子邮箱：xxj@163.com）。
一、总体情况
2021年，我局认真贯彻落实《条例》，全年主动公开政府信息520条。2022年，我局将进一步提升政务公开质效。
二、主动公开政府信息情况
本年度制发规范性文件3件。
三、收到和处理政府信息公开申请情况
本年度新收政府信息公开申请12件。
四、政府信息公开行政复议、行政诉讼情况
本年度未发生政府信息公开行政复议、行政诉讼案件。
五、存在的主要问题及改进情况
政策解读形式还比较单一，下一步将丰富解读形式。
六、其他需要报告的事项
本年度未收取信息处理费。
XX市XX局
2022年1月25日
"""


def test_correct_2021_report_has_no_gk2_finding(linter_factory):
    result = _lint(linter_factory, CORRECT_2021)
    assert _codes(result) == []
    report = result.report
    assert [d.kind for d in report.facts.publication_dates] == ["metadata", "signature"]
    assert report.facts.period.is_calendar_year and report.facts.period.year == 2021


# --- one edit to a seed makes the matching rule fire ---------------------------------------


@pytest.mark.parametrize(
    ("path", "old", "new"),
    [
        (seed("000"), "至2020年12月31日。", "至2020年12月30日。"),
        (seed("003"), "至2020年12月31日。", "至2020年6月30日。"),
        (seed("004"), "起至2020年12月31日止", "起至2021年12月31日止"),
        (HUAIAN, "至 2024 年 12 月 31 日", "至 2024 年 11 月 30 日"),
    ],
)
def test_changed_period_end_fires_gk202(linter_factory, path, old, new):
    text = _replace(_text(path), old, new)
    result = _lint(linter_factory, text)
    assert _codes(result) == sorted(EXPECTED.get(path.name[:3], []) + ["GK202"])
    (violation,) = [v for v in result.violations if v.code == "GK202"]
    assert "12月31日" in violation.message.zh


@pytest.mark.parametrize(
    ("path", "old", "new"),
    [
        (seed("000"), "0632-8626577", "0632-862657"),
        (seed("003"), "0533-5181064", "0533-51810644"),
        (seed("004"), "0631—5961933", "0631—596193"),
        (HUAIAN, "0517-83605210", "0517-8360521"),
    ],
)
def test_wrong_phone_length_fires_gk212(linter_factory, path, old, new):
    result = _lint(linter_factory, _replace(_text(path), old, new), select=["GK212"])
    (violation,) = result.violations
    assert violation.code == "GK212" and violation.fix is None
    assert "位数不对" in violation.message.zh


def test_seed_001_metadata_date_late_fires_gk204(linter_factory):
    text = _replace(_text(seed("001")), "| 2021-01-30 |", "| 2021-02-05 |")
    assert _codes(_lint(linter_factory, text, select=["GK204"])) == ["GK204"]
    assert _codes(_lint(linter_factory, text, select=["GK204"], issuer="government")) == []


def test_stale_year_in_seed_002_fires_gk203(linter_factory):
    text = _replace(_text(seed("002")), "2020年，我办认真贯彻落实", "2019年，我办认真贯彻落实")
    assert _codes(_lint(linter_factory, text, select=["GK203"])) == ["GK203"]


def test_seed_004_as_2021_report_fires_gk222(linter_factory):
    text = _replace(_text(seed("004")), "\n2020年政府信息公开工作年度报告", "\n2021年政府信息公开工作年度报告")
    assert "GK222" in _codes(_lint(linter_factory, text))


# --- fixes -------------------------------------------------------------------------------


def test_gk212_fix_on_seed_004_edits_only_the_dash(linter_factory):
    text = _text(seed("004"))
    fixed = _fixed(linter_factory, text, ["GK212"])
    assert fixed == _replace(text, "电话：0631—5961933", "电话：0631-5961933")
    (violation,) = _lint(linter_factory, text, select=["GK212"]).violations
    (edit,) = violation.fix.edits
    assert text[edit.start : edit.end] == "—" and edit.replacement == "-"


def test_gk221_fix_on_seed_001_keeps_traditional_script(linter_factory):
    text = _text(seed("001"))
    fixed = _fixed(linter_factory, text, ["GK221"])
    assert fixed == _replace(text, "《政府信息公開工作條例》", "《中華人民共和國政府信息公開條例》")
    (violation,) = _lint(linter_factory, text, select=["GK221"]).violations
    # Minimal edits: insert the country's name, drop 工作; nothing else is rewritten.
    assert sorted((text[e.start : e.end], e.replacement) for e in violation.fix.edits) == [("", "中華人民共和國"), ("工作", "")]


def test_gk201_unsafe_fix_on_seed_002(linter_factory):
    text = _text(seed("002"))
    assert _fixed(linter_factory, text, ["GK201"]) == text  # unsafe: not applied by --fix
    fixed = _fixed(linter_factory, text, ["GK201"], unsafe=True)
    assert "本报告所列数据统计期限为2020年1月1日至2020年12月31日。" in fixed
    assert _codes(_lint(linter_factory, fixed, select=["GK201", "GK202"])) == []


def test_gk202_fix_on_pdf_wrapped_period(linter_factory):
    text = _replace(
        _text(HUAIAN),
        "规定编\n制。报告所列统计期限自 2024 年 1 月 1 日至 2024 年 12 月 31 日。",
        "规定编制。报告所列统计期限自 2023 年 1 月\n1 日至 2023 年 12 月 31 日。",
    )
    fixed = _fixed(linter_factory, text, ["GK202"])
    assert fixed == text.replace(" 2023 年", " 2024 年")
    assert _codes(_lint(linter_factory, fixed)) == []
