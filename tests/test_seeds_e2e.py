"""End to end: the real CLI once over the real seeds and the PDF sample, checked against what the
issues say each must show (as a new user would run it)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import defaultdict

import pytest

from .conftest import FIXTURES

pytestmark = pytest.mark.slow  # the CLI as a subprocess over every seed and sample


@pytest.fixture(scope="module")
def found() -> dict[tuple[str, str], list[int]]:
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "gklint",
            "--isolated",
            "--select",
            "ALL",
            "--format",
            "json",
            str(FIXTURES / "seeds"),
            str(FIXTURES / "samples"),
        ],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 1 and "Traceback" not in out.stderr, out.stderr
    lines: dict[tuple[str, str], list[int]] = defaultdict(list)
    for item in json.loads(out.stdout):
        name = item["path"].replace("\\", "/").rsplit("/", 1)[-1]
        lines[(_report_key(name), item["code"])].append(item["line"])
    return lines


def _report_key(name: str) -> str:
    """A seed by its number, the PDF sample (pypdf text) as "huaian", its other extractions by name."""
    if name[0].isdigit():
        return name[:3]
    return "huaian" if name == "huaian-2024-pdf-text.txt" else name


def codes(found, report):
    return {code for (name, code) in found if name == report}


def test_seed_000(found):
    assert found[("000", "GK603")] == [274]  # [bookmark: _GoBack]
    assert 14 in found[("000", "GK604")]  # (三)
    assert found[("000", "GK301")] == [27]  # empty section 二 has no table
    assert found[("000", "GK304")] == [50, 322]  # blank cells in 三 and 四: one finding a table
    assert not codes(found, "000") & {
        "GK101",
        "GK105",
        "GK201",
        "GK211",
        "GK311",
        "GK312",
        "GK313",
        "GK314",
        "GK401",
        "GK402",
        "GK403",
        "GK501",
    }


def test_seed_001(found):
    assert len(found[("001", "GK601")]) == len(set(found[("001", "GK601")])) > 50  # one finding a line
    assert found[("001", "GK602")]
    assert 408 in found[("001", "GK104")]  # 六、其他需要報告事項
    assert found[("001", "GK305")] == [91]  # 行政事业性收费0
    assert {"GK201", "GK211", "GK221"} <= codes(found, "001")
    assert not codes(found, "001") & {"GK101", "GK311", "GK312", "GK313", "GK314"}


def test_seed_002(found):
    assert found[("002", "GK106")] == [9, 13, 17, 21, 25, 29]  # 一、…六、 inside 一、总体情况
    assert found[("002", "GK303")] == [66]  # 2.其他法律法规禁止公开
    assert found[("002", "GK309")] == [63]  # 21 rows of 三 read with 6 values of 7: one finding, no GK306
    assert not found[("002", "GK306")]
    assert {"GK201", "GK211"} <= codes(found, "002")
    assert not codes(found, "002") & {"GK101", "GK311", "GK312", "GK313", "GK314"}


def test_seed_003(found):
    assert {10, 14, 408} <= set(found[("003", "GK603")])  # [image: ], [bookmark: _GoBack], — 1 —
    assert found[("003", "GK605")]  # OCR debris after 六
    assert found[("003", "GK106")][0] == 9  # 1、体制机制建设情况 directly under 一、
    assert not codes(found, "003") & {"GK101", "GK201", "GK211", "GK311", "GK312", "GK313", "GK314", "GK501"}


def test_seed_004(found):
    assert found[("004", "GK103")] == [22]  # 2、 主动公开政府信息情况
    assert found[("004", "GK106")] == [8, 14, 16, 18, 20]  # （1）…（5）
    assert found[("004", "GK212")] == [5]  # 0631—5961933
    assert 10 in found[("004", "GK603")]  # [image: ]
    assert not codes(found, "004") & {"GK101", "GK201", "GK211", "GK311", "GK312", "GK313", "GK314", "GK401", "GK402", "GK403", "GK501"}


def test_pdf_sample_is_clean_of_errors_and_warnings(found):
    # The 2021-format control: its tables add up and its text agrees with them.
    assert not {c for c in codes(found, "huaian") if not c.startswith(("GK104", "GK108", "GK404", "GK604"))}


def test_other_extractions_of_the_pdf_sample_are_clean_too(found):
    # pdftotext prints table 四 out of column order: found, left unread (GK309), nothing guessed.
    for name in ("huaian-2024-pdfplumber.txt", "huaian-2024-pdftotext-layout.txt"):
        assert not {c for c in codes(found, name) if not c.startswith(("GK104", "GK108", "GK404", "GK604"))}, name
    assert {c for c in codes(found, "huaian-2024-pdftotext.txt") if not c.startswith(("GK104", "GK108", "GK404", "GK604"))} == {"GK309"}
