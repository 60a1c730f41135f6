"""`--format csv`: one row a finding for a supervising office's tally sheet — UTF-8 with a BOM (Excel
and WPS open it in Chinese), readable by the csv module, the same findings as `--format json`, with
the body, the year and, for a PDF, the page."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from gklint.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
INPUTS = [FIXTURES / "seeds", FIXTURES / "samples" / "huaian-2024-pdftotext.txt", FIXTURES / "pdf" / "004_plus1_k0.pdf"]


def _run(tmp_path: Path, *options: str) -> Path:
    out = tmp_path / "out"
    main(["--isolated", "--select", "ALL", *options, "-o", str(out), *map(str, INPUTS)])
    return out


@pytest.mark.slow
def test_csv_starts_with_a_bom_and_round_trips_the_json_findings(tmp_path):
    data = _run(tmp_path, "--format", "csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    found = json.loads(_run(tmp_path, "--format", "json").read_text(encoding="utf-8"))
    assert len(rows) == len(found) > 100
    for row, item in zip(rows, found):
        assert (row["文件"], int(row["行"]), int(row["列"]), row["代码"], row["级别"], row["问题"]) == (
            item["path"],
            item["line"],
            item["column"],
            item["code"],
            item["severity"],
            item["message"],
        )
        assert row["位置"] == item.get("where", "")


@pytest.mark.slow
def test_csv_names_the_body_the_year_and_a_pdf_page(tmp_path):
    rows = list(csv.DictReader(io.StringIO(_run(tmp_path, "--format", "csv").read_bytes().decode("utf-8-sig"))))
    seed = next(r for r in rows if r["文件"].endswith("004_edb62deb526a149a.txt"))
    assert seed["年度"] == "2020" and seed["机关"]
    huaian = next(r for r in rows if "huaian" in r["文件"])
    assert (huaian["机关"], huaian["年度"], huaian["页"]) == ("淮安市人民政府", "2024", "")
    pdf = [r for r in rows if r["文件"].endswith(".pdf")]
    assert pdf and all(r["页"].isdigit() and r["位置"].startswith(f"第 {r['页']} 页") for r in pdf)


@pytest.mark.slow
def test_csv_in_english(tmp_path):
    text = _run(tmp_path, "--format", "csv", "--lang", "en").read_bytes().decode("utf-8-sig")
    header = next(csv.reader(io.StringIO(text)))
    assert header == ["path", "body", "year", "line", "column", "page", "code", "severity", "message", "where"]


@pytest.mark.slow
def test_csv_statistics_is_a_row_a_report_with_counts_per_code(tmp_path):
    data = _run(tmp_path, "--format", "csv", "--statistics").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    found = json.loads(_run(tmp_path, "--format", "json").read_text(encoding="utf-8"))
    assert rows and {r["文件"] for r in rows} == {item["path"] for item in found}
    for row in rows:
        mine = [item for item in found if item["path"] == row["文件"]]
        assert int(row["错误"]) + int(row["警告"]) + int(row["提示"]) == len(mine)
        for code in {item["code"] for item in mine}:
            assert int(row[code]) == sum(1 for item in mine if item["code"] == code)
