"""Across reports (GK701–GK703, gklint.run.history): body and year from the title, pairing of a run's
files, `--previous FILE`, and the three rules on reports built from the real seeds and the PDF sample."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gklint.cli import main
from gklint.read.source import SourceText
from gklint.run import history
from gklint.run.config import Settings
from gklint.run.engine import Linter
from gklint.run.history import Identity, identify, link_previous, pair

from .conftest import FIXTURES, SAMPLES, SEEDS, seed

HUAIAN = next(p for p in SAMPLES if p.name.startswith("huaian"))
HUAIAN_TEXT = HUAIAN.read_text(encoding="utf-8")
ZICHUAN_TEXT = seed("003").read_text(encoding="utf-8")  # 淄川区人民政府 2020, 四、结转下年度继续办理 1 … 1
WEIHAI_TEXT = seed("004").read_text(encoding="utf-8")  # 威海经济技术开发区 2020, nothing carried


def edit(text: str, *replacements: tuple[str, str]) -> str:
    for old, new in replacements:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def huaian(year: int, carried_out: str = "103 0 0 0 0 0 103", *more: tuple[str, str]) -> str:
    """The 2024 PDF sample as the report for `year`, with its 四、结转下年度继续办理 row changed."""
    return edit(
        HUAIAN_TEXT,
        ("\n2024 年政府信息公开工作年度报告\n", f"\n{year} 年政府信息公开工作年度报告\n"),
        ("四、结转下年度继续办理 103 0 0 0 0 0 103", f"四、结转下年度继续办理 {carried_out}"),
        *more,
    )


def with_carried_in(text: str, values: list[str]) -> str:
    """A cell-per-line seed with its 二、上年结转 row set to `values` (seven tab-prefixed cells)."""
    lines = text.split("\n")
    row = next(i for i, line in enumerate(lines) if line.strip() == "二、上年结转政府信息公开申请数量")
    for offset, value in enumerate(values, start=1):
        assert lines[row + offset].startswith("\t")
        lines[row + offset] = "\t" + value
    return "\n".join(lines)


def as_year(text: str, year: int) -> str:
    """A seed whose title is on two lines (淄川区人民政府 / 2020年…报告) as the report for `year`."""
    return edit(text, ("\n2020年政府信息公开工作年度报告\n", f"\n{year}年政府信息公开工作年度报告\n"))


def write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def lint(capsys, *args) -> tuple[int, list[dict], str]:
    code = main(["--isolated", "--format", "json", *args])
    out = capsys.readouterr()
    return code, json.loads(out.out), out.err


def found(items: list[dict], code: str | None = None) -> list[tuple[str, str, int, int]]:
    return sorted((Path(i["path"]).name, i["code"], i["line"], i["column"]) for i in items if code is None or i["code"] == code)


def parsed(text: str, name: str = "report.txt"):
    linter = Linter(Settings(select=["GK7"]))
    return linter.parse(SourceText(text, "utf-8"), Path(name))


# --- identity -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("prefix", "body", "year"),
    [
        ("000", "枣庄高新区", 2020),  # 枣庄高新区2020年度政府信息公开 / 工作年度报告
        ("001", "山东张店经济开发区管理委员会", 2020),  # traditional script with pinyin debris: 區(qū)
        ("002", "平顶山高新技术产业开发区综合办公室", 2020),
        ("003", "淄川区人民政府", 2020),  # body on the line above: 淄川区人民政府 / 2020年…
        ("004", "威海经济技术开发区", 2020),
    ],
)
def test_body_and_year_of_each_seed(prefix, body, year):
    report = parsed(seed(prefix).read_text(encoding="utf-8"), seed(prefix).name)
    identity = identify(report)
    # the body's key: 淄川区人民政府 → 淄川区政府 (law.yaml's aliases)
    assert identity is not None and (identity.body, identity.year) == (history.body_key(body), year)


def test_identity_of_the_pdf_sample_and_of_other_title_shapes():
    assert identify(parsed(HUAIAN_TEXT)) == Identity("淮安市政府", 2024, "淮安市人民政府")
    # the body after the year, a 关于 before it, a 年度 after it, traditional script: the same body
    assert history._body_and_year("2020年淄川区政府信息公开工作年度报告") == ("淄川区", 2020)
    assert history._body_and_year("淄川区人民政府关于2021年度政府信息公开工作年度报告") == ("淄川区人民政府", 2021)
    assert history._body_and_year("二〇二一年淄川区政府信息公开工作年度报告") == ("淄川区", 2021)
    assert history._body_and_year("政府信息公开工作年度报告") == ("", None)


def test_body_from_the_metadata_when_the_title_names_none():
    text = (
        "| 标题: | 山东张店经济开发区管理委员会2021年政府信息公开工作年度报告 | 发文日期: | 2022-01-30 |\n"
        "2021年政府信息公开工作年度报告\n一、总体情况\n开发区认真贯彻落实《条例》。\n"
    )
    identity = identify(parsed(text))
    assert identity is not None and (identity.body, identity.year) == ("山东张店经济开发区管理委员会", 2021)
    # … and the same body as the traditional-script 2020 seed 001
    assert identity.body == identify(parsed(seed("001").read_text(encoding="utf-8"))).body


def test_a_report_without_body_or_year_is_not_identified():
    assert identify(parsed("政府信息公开工作年度报告\n一、总体情况\n认真贯彻落实《条例》。\n")) is None


# --- pairing (pure) -------------------------------------------------------------------


def test_pair_same_body_year_before_only():
    ids = {
        "a2020": Identity("淄川区人民政府", 2020, ""),
        "a2021": Identity("淄川区人民政府", 2021, ""),
        "a2023": Identity("淄川区人民政府", 2023, ""),  # 2022 missing: no pair
        "b2020": Identity("威海经济技术开发区", 2020, ""),  # another body's 2020: never a2021's previous
        "unknown": None,
    }
    assert pair(ids) == {"a2021": "a2020"}


def test_pair_ambiguous_candidates():
    ids = {
        "2020.txt": Identity("淄川区人民政府", 2020, ""),
        "2020.html": Identity("淄川区人民政府", 2020, ""),
        "2021.txt": Identity("淄川区人民政府", 2021, ""),
        "2021.md": Identity("淄川区人民政府", 2021, ""),
    }
    assert pair(ids) == {}  # two reports for 2020: which one is meant is unknown
    suffix = lambda key: key.rsplit(".", 1)[1]  # noqa: E731
    assert pair(ids, suffix) == {"2021.txt": "2020.txt"}  # the one with the same suffix


def test_link_previous_over_parsed_reports():
    reports = [parsed(huaian(2024), "b.txt"), parsed(huaian(2023), "a.txt"), parsed(as_year(ZICHUAN_TEXT, 2023), "c.txt")]
    link_previous(reports)
    assert reports[0].previous is reports[1]
    assert reports[1].previous is None and reports[2].previous is None


# --- GK701 carry-over -----------------------------------------------------------------


def test_gk701_mismatched_carry_over_pdf_sample(tmp_path, capsys):
    """2024 carried in 34 (自然人 34, 总计 34); the 2023 report said 30 was carried forward."""
    folder = write(tmp_path / "huaian", {"2023.txt": huaian(2023, "30 0 0 0 0 0 30"), "2024.txt": HUAIAN_TEXT})
    code, items, _err = lint(capsys, "--select", "GK701", str(folder))
    assert code == 1
    assert found(items) == [("2024.txt", "GK701", 93, 18), ("2024.txt", "GK701", 93, 31)]
    messages = sorted(i["message"] for i in items)
    assert "「自然人」列为 34" in messages[1] and "上年（2023年）报告「四、结转下年度继续办理」的 30" in messages[1]
    assert "「总计」列为 34" in messages[0]
    # the finding points at this year's cell: 34 at line 93
    line = HUAIAN_TEXT.split("\n")[92]
    assert line[17:19] == "34" and line[30:32] == "34"


def test_gk701_matching_carry_over_gives_nothing(tmp_path, capsys):
    folder = write(tmp_path / "huaian", {"2023.txt": huaian(2023, "34 0 0 0 0 0 34"), "2024.txt": HUAIAN_TEXT})
    code, items, _err = lint(capsys, "--select", "GK7", str(folder / "2023.txt"), str(folder / "2024.txt"))
    assert found(items, "GK701") == []


def test_gk701_other_body_is_not_paired(tmp_path, capsys):
    other = huaian(2023, "30 0 0 0 0 0 30", ("淮安市人民政府\n2023", "宿迁市人民政府\n2023"))
    folder = write(tmp_path / "two", {"2023.txt": other, "2024.txt": HUAIAN_TEXT})
    code, items, _err = lint(capsys, "--select", "GK7", str(folder))
    assert code == 0 and items == []


def test_gk701_on_the_seeds(tmp_path, capsys):
    """淄川区 2020 (seed 003) carried 1 forward (自然人 1, 总计 1); its 2021 copy carries in 0."""
    folder = write(
        tmp_path / "zichuan",
        {
            "zichuan-2020.txt": ZICHUAN_TEXT,
            "zichuan-2021.txt": as_year(ZICHUAN_TEXT, 2021),
            "weihai-2021.txt": as_year(WEIHAI_TEXT, 2021),  # carries in 0, but no 威海 2020 here
        },
    )
    code, items, _err = lint(capsys, "--select", "GK701", str(folder))
    assert found(items) == [("zichuan-2021.txt", "GK701", 124, 2), ("zichuan-2021.txt", "GK701", 130, 2)]
    # carried in as carried out: nothing
    (folder / "zichuan-2021.txt").write_text(
        as_year(with_carried_in(ZICHUAN_TEXT, ["1", "0", "0", "0", "0", "0", "1"]), 2021), encoding="utf-8"
    )
    code, items, _err = lint(capsys, "--select", "GK701", str(folder))
    assert code == 0 and items == []


def test_gk701_three_years_in_a_folder_each_with_its_previous(tmp_path, capsys):
    folder = write(
        tmp_path / "three",
        {
            "a.txt": huaian(2022, "34 0 0 0 0 0 34"),  # 2022 carried 34 forward; 2023 (the sample) carried in 34: fine
            "b.txt": huaian(2023, "30 0 0 0 0 0 30"),  # 2023 carried 30 forward; 2024 carried in 34: GK701
            "c.txt": HUAIAN_TEXT,
        },
    )
    code, items, _err = lint(capsys, "--select", "GK701", str(folder))
    assert {name for name, *_ in found(items)} == {"c.txt"}


def test_previous_option(tmp_path, capsys):
    folder = write(tmp_path / "p", {"last.txt": huaian(2023, "30 0 0 0 0 0 30"), "this.txt": HUAIAN_TEXT})
    code, items, err = lint(capsys, "--select", "GK701", "--previous", str(folder / "last.txt"), str(folder / "this.txt"))
    assert code == 1 and found(items) == [("this.txt", "GK701", 93, 18), ("this.txt", "GK701", 93, 31)]
    # alone, this.txt finds last.txt beside it (history.RepositorySearch); not a report of another body
    code, items, err = lint(capsys, "--select", "GK701", str(folder / "this.txt"))
    assert found(items) == [("this.txt", "GK701", 93, 18), ("this.txt", "GK701", 93, 31)]
    (folder / "last.txt").write_text(huaian(2023, "30 0 0 0 0 0 30", ("淮安市人民政府\n2023", "宿迁市人民政府\n2023")), encoding="utf-8")
    code, items, err = lint(capsys, "--select", "GK701", str(folder / "this.txt"))
    assert code == 0 and items == []


def test_previous_option_for_the_wrong_year_is_noted_and_skipped(tmp_path, capsys):
    folder = write(tmp_path / "p", {"old.txt": huaian(2021, "30 0 0 0 0 0 30"), "this.txt": HUAIAN_TEXT})
    code, items, err = lint(capsys, "--select", "GK7", "--previous", str(folder / "old.txt"), str(folder / "this.txt"))
    assert code == 0 and items == []
    assert "2021" in err and "not 2023" in err


def test_previous_option_unreadable(tmp_path, capsys):
    (tmp_path / "this.txt").write_text(HUAIAN_TEXT, encoding="utf-8")
    code = main(["--isolated", "--previous", str(tmp_path / "missing.txt"), str(tmp_path / "this.txt")])
    assert code == 2 and "--previous" in capsys.readouterr().err


def test_previous_option_with_stdin(tmp_path, capsys, monkeypatch):
    import io
    import sys

    (tmp_path / "last.txt").write_text(huaian(2023, "30 0 0 0 0 0 30"), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(HUAIAN_TEXT.encode("utf-8")), encoding="utf-8"))
    code, items, _err = lint(capsys, "--select", "GK701", "--previous", str(tmp_path / "last.txt"), "--stdin-filename", "this.txt")
    assert found(items) == [("this.txt", "GK701", 93, 18), ("this.txt", "GK701", 93, 31)]


def test_each_file_is_parsed_once(tmp_path, capsys, monkeypatch):
    """The previous reports are parsed once and reused when linted themselves (tables read once a file)."""
    import gklint.facts.tables

    folder = write(
        tmp_path / "once",
        {"a.txt": huaian(2022, "34 0 0 0 0 0 34"), "b.txt": huaian(2023, "30 0 0 0 0 0 30"), "c.txt": HUAIAN_TEXT},
    )
    read = gklint.facts.tables.read_tables
    calls: list[str] = []

    def counting(report):
        calls.append(Path(report.path).name)
        return read(report)

    monkeypatch.setattr(gklint.facts.tables, "read_tables", counting)
    code, items, _err = lint(capsys, "--select", "GK7", str(folder))
    assert sorted(calls) == ["a.txt", "b.txt", "c.txt"]
    assert {name for name, *_ in found(items, "GK701")} == {"c.txt"}


@pytest.mark.slow
def test_jobs_2_pairs_as_jobs_1(tmp_path, capsys):
    folder = write(
        tmp_path / "j",
        {"a.txt": huaian(2023, "30 0 0 0 0 0 30"), "b.txt": HUAIAN_TEXT, "c.txt": ZICHUAN_TEXT, "d.txt": as_year(ZICHUAN_TEXT, 2021)},
    )
    serial = lint(capsys, "--select", "GK7", "-j", "1", str(folder))
    parallel = lint(capsys, "--select", "GK7", "-j", "2", str(folder))
    assert serial == parallel
    assert {name for name, *_ in found(serial[1], "GK701")} == {"b.txt", "d.txt"}


# --- GK702 repeated narrative -------------------------------------------------------------


def test_gk702_copied_sections(tmp_path, capsys):
    folder = write(tmp_path / "n", {"2023.txt": huaian(2023, "34 0 0 0 0 0 34"), "2024.txt": HUAIAN_TEXT})
    code, items, _err = lint(capsys, "--select", "GK702", str(folder))
    assert found(items) == [("2024.txt", "GK702", 10, 3), ("2024.txt", "GK702", 171, 3)]
    assert any("第五部分「存在的主要问题及改进情况」" in i["message"] and "100%" in i["message"] for i in items)


def test_gk702_new_figures_do_not_hide_a_copy_but_a_new_text_passes(tmp_path, capsys):
    section_one = HUAIAN_TEXT[HUAIAN_TEXT.index("一、总体情况\n") : HUAIAN_TEXT.index("二、主动公开政府信息情况\n")]
    renumbered = section_one.replace("2024", "2023").replace("5500", "4800").replace("12 场", "9 场")
    rewritten = "一、总体情况\n" + ZICHUAN_TEXT[ZICHUAN_TEXT.index("2020年，淄川区认真贯彻落实") :].split("\n")[0] + "\n"
    previous = edit(huaian(2023), (section_one, renumbered))
    folder = write(tmp_path / "n", {"2023.txt": previous, "2024.txt": HUAIAN_TEXT})
    code, items, _err = lint(capsys, "--select", "GK702", "--format", "json", str(folder))
    assert ("2024.txt", "GK702", 10, 3) in found(items)  # same text, other figures: still a copy
    (folder / "2023.txt").write_text(edit(huaian(2023), (section_one, rewritten)), encoding="utf-8")
    code, items, _err = lint(capsys, "--select", "GK702", str(folder))
    assert found(items) == [("2024.txt", "GK702", 171, 3)]  # section 一 new, section 五 still copied


def test_gk702_threshold_option(tmp_path):
    reports = [parsed(huaian(2023), "a.txt"), parsed(HUAIAN_TEXT, "b.txt")]
    link_previous(reports)
    from gklint_rules.gk702_repeated_narrative import RULE, jaccard, section_text, shingles

    options = RULE.defaults()
    assert len(list(RULE.check(reports[1], options))) == 2
    assert list(RULE.check(reports[1], {**options, "threshold": 1.01})) == []
    assert len(list(RULE.check(reports[1], {**options, "sections": [5]}))) == 1
    # unrelated reports of two bodies are far apart
    zichuan, weihai = parsed(ZICHUAN_TEXT), parsed(WEIHAI_TEXT)
    assert jaccard(shingles(section_text(zichuan, 1)), shingles(section_text(weihai, 1))) < 0.2


# --- GK703 documents in force -----------------------------------------------------------------


def test_gk703_in_force_balance(tmp_path, capsys):
    """2024: 规章 1 0 11, 行政规范性文件 8 26 66. In force a year before: 10 and 84 balance."""
    balanced = huaian(2023, "34 0 0 0 0 0 34", ("规章 1 0 11\n", "规章 2 0 10\n"), ("行政规范性文件 8 26 66\n", "行政规范性文件 5 1 84\n"))
    folder = write(tmp_path / "d", {"2023.txt": balanced, "2024.txt": HUAIAN_TEXT})
    code, items, _err = lint(capsys, "--select", "GK703", str(folder))
    assert items == []
    off = edit(balanced, ("行政规范性文件 5 1 84\n", "行政规范性文件 5 1 86\n"))
    (folder / "2023.txt").write_text(off, encoding="utf-8")
    code, items, _err = lint(capsys, "--select", "GK703", "--lang", "en", str(folder))
    assert found(items) == [("2024.txt", "GK703", 65, 14)]
    assert "86 in force + 8 issued − 26 repealed = 68" in items[0]["message"]
    assert code == 1  # selected explicitly (an I rule)


def test_gk703_not_against_a_2019_format_previous(tmp_path, capsys):
    """A 2021-format report after a 2020 one: 2019's 对外公开总数量 is not 现行有效件数."""
    this = edit(HUAIAN_TEXT, ("淮安市人民政府\n2024 年", "淄川区人民政府\n2021 年"))
    folder = write(tmp_path / "v", {"2020.txt": ZICHUAN_TEXT, "2021.txt": this})
    code, items, _err = lint(capsys, "--select", "GK701,GK703", str(folder))
    # paired (GK701: 34 carried in, 1 carried forward) but no GK703
    assert {(name, code_) for name, code_, *_ in found(items)} == {("2021.txt", "GK701")}


@pytest.mark.parametrize("path", [*SEEDS, *SAMPLES, FIXTURES / "reports" / "clean-2021.txt"], ids=lambda p: p.name)
def test_a_file_is_identified_from_its_head_as_from_its_full_parse(path):
    """Pairing reads only each file's first lines (`parser.parse_head`): the same body and year as
    the full report's title and metadata give."""
    linter = Linter(Settings())
    full = history._parse_file(linter, path)
    assert history.identify_file(linter, path) == identify(full) is not None
