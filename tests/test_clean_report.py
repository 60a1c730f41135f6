"""A correct 2021-format report written from domain.md: silent under every rule, and each single
mistake a reviewer would make in it is caught by the rule meant for it."""

from __future__ import annotations

from pathlib import Path

import pytest

from gklint.read.source import SourceText
from gklint.run.config import Settings
from gklint.run.engine import Linter

from .conftest import FIXTURES

CLEAN = (FIXTURES / "reports" / "clean-2021.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def linter():
    return Linter(Settings(select=["ALL"]))


def codes(linter, text):
    return {v.code for v in linter.lint_source(SourceText(text, "utf-8"), Path("clean-2021.txt")).violations}


def test_clean_report_has_no_findings(linter):
    assert len(linter.selected) > 50  # silence from every rule, not from none
    assert codes(linter, CLEAN) == set()


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("（七）总计 11 2 0 0 0 0 13", "（七）总计 11 2 0 0 0 0 14", {"GK311", "GK312", "GK313"}),
        ("一、本年新收政府信息公开申请数量 10 2 0 0 0 0 12", "一、本年新收政府信息公开申请数量 10 2 0 0 0 0 13", {"GK311", "GK313"}),
        ("1 0 0 0 1 0 0 0 0 0", "1 0 0 0 2 0 0 0 0 0", {"GK314"}),
        ("其中予以公开7件", "其中予以公开8件", {"GK502"}),
        ("共收到政府信息公开申请12件", "共收到政府信息公开申请15件", {"GK501"}),
        ("门户网站公开800条", "门户网站公开700条", {"GK402"}),
        ("至2022年12月31日", "至2022年11月30日", {"GK202"}),
        ("统计期限为2022年1月1日至2022年12月31日。", "", {"GK201"}),
        ("电话：0533-5181064", "电话：0533—5181064", {"GK212"}),
        ("电话：0533-5181064，电子邮箱：lhjtj@163.com", "", {"GK211"}),
        ("本年度未收取信息处理费。", "", {"GK222"}),
        ("2023年1月20日", "2023年2月20日", {"GK204"}),
        ("《中华人民共和国政府信息公开条例》（以下简称", "《政府信息公开工作条例》（以下简称", {"GK221"}),
        ("五、存在的主要问题及改进情况\n", "", {"GK101"}),
        ("二、主动公开政府信息情况", "2、主动公开政府信息情况", {"GK103"}),
        ("（一）主动公开。", "1、主动公开。", {"GK106"}),
        ("六个部分", "五个部分", {"GK107"}),
        ("行政规范性文件 2 1 10", "规范性文件 2 1 10", {"GK303", "GK307"}),
        ("行政许可 350", "行政许可 [image: ]350", {"GK603"}),
        ("（二）依申请公开。", "(二)依申请公开。", {"GK604"}),
    ],
)
def test_one_mistake_is_caught_by_its_rule(linter, old, new, expected):
    assert old in CLEAN
    found = codes(linter, CLEAN.replace(old, new, 1))
    assert expected & found, f"expected one of {sorted(expected)}, got {sorted(found)}"
