"""Reports taken from web pages (issue 11): a crawler's text with the report on a few very long
lines (`gklint.read.flattened`), its metadata header (`gklint.read.crawl_header`), and HTML markup
saved under a .txt name."""

from __future__ import annotations

import datetime
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from gklint.read.source import SourceText, decode
from gklint.run.config import Settings
from gklint.run.engine import Linter

from .conftest import FIXTURES, SEEDS

PINGTAN = FIXTURES / "samples" / "pingtan-2022-web-text.txt"
CLEAN = FIXTURES / "reports" / "clean-2021.txt"


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(Settings(select=["ALL"]))


@pytest.fixture(scope="module")
def pingtan(linter):
    return linter.lint_path(PINGTAN)


def lint(linter: Linter, text: str, name: str = "report.txt"):
    return linter.lint_source(SourceText(text, "utf-8"), Path(name))


def sections(result) -> list[int]:
    return [s.number for s in result.report.sections] if result.report else []


def at(text: str, line: int, column: int, length: int) -> str:
    """The original file's characters at a reported 1-based line and code-point column."""
    return text.splitlines()[line - 1][column - 1 : column - 1 + length]


# --- the real page -----------------------------------------------------------------------


def test_pingtan_six_sections_no_gk002(pingtan):
    assert sections(pingtan) == [1, 2, 3, 4, 5, 6]
    assert "GK002" not in {v.code for v in pingtan.violations}
    headings = [s.heading.title for s in pingtan.report.sections]
    assert headings[0] == "总体情况" and headings[1] == "主动公开政府信息情况"
    assert headings[3] == "政府信息公开行政法复议、行政诉讼情况"  # the page's own typo: GK104


def test_pingtan_overview_subheadings_and_tables(pingtan):
    report = pingtan.report
    assert [h.title for h in report.subheadings if h.section == 1] == [
        "主动公开方面",
        "依申请公开方面",
        "政府信息管理方面",
        "信息公开平台建设方面",
        "监督保障方面",
    ]
    assert {t.kind for t in report.tables} == {"active_disclosure", "applications", "review_litigation"}
    review = report.table("review_litigation")
    assert review.readable and review.value("review", "total") == 2 and review.value("direct_suit", "total") == 1


def test_pingtan_crawl_header_is_metadata(pingtan):
    report = pingtan.report
    assert report.title.text == "平潭综合实验区2022年度政府信息公开工作年度报告" and report.year == 2022
    assert report.metadata["发布时间"].value == "2023-02-20 15:07"
    dates = report.facts.publication_dates
    assert [(d.kind, d.label, d.date) for d in dates] == [("metadata", "发布时间", datetime.date(2023, 2, 20))]
    assert report.preamble_lines.start > 9  # the header (lines 1–9, up to the 正文 rule) is not the preamble
    assert not any("原文链接" in p.text or "links.tsv" in p.text for p in report.paragraphs)


def test_pingtan_gk204_from_the_header(pingtan):
    late = [v for v in pingtan.violations if v.code == "GK204"]
    assert len(late) == 1 and (late[0].line, late[0].column) == (2, 7)
    assert at(PINGTAN.read_text("utf-8"), 2, 7, 10) == "2023-02-20"


def test_pingtan_findings_point_into_the_long_line(pingtan):
    original = PINGTAN.read_text("utf-8")
    rendered = pingtan.report.text
    body = [v for v in pingtan.violations if v.line == 10]
    assert body, "findings in the report body are reported on the file's line 10"
    for v in body:
        length = max(v.end - v.start, 1)
        assert at(original, v.line, v.column, length) == rendered[v.start : v.start + length], v
    gk104 = next(v for v in pingtan.violations if v.code == "GK104")
    line = original.splitlines()[9]
    assert gk104.column == line.index("四、政府信息公开行政法复议") + 3  # the title, after 「四、」
    assert gk104.end_line == 10 and gk104.end_column == gk104.column + len("政府信息公开行政法复议、行政诉讼情况")


def test_pingtan_rendered_text_is_the_file_plus_newlines(pingtan):
    source = pingtan.source
    assert source.fixable and source.origins.original.text == PINGTAN.read_text("utf-8")
    assert source.text.replace("\n", "") == source.origins.original.text.replace("\n", "")
    assert len(pingtan.report.lines) > 60  # virtual lines


@pytest.mark.slow
def test_pingtan_fix_is_written_back_through_the_breaks(tmp_path):
    copy = tmp_path / "pingtan.txt"
    shutil.copyfile(PINGTAN, copy)
    out = subprocess.run(
        [sys.executable, "-m", "gklint", "--isolated", "--select", "GK104", "--fix", str(copy)], capture_output=True, text=True
    )
    assert "Traceback" not in out.stderr, out.stderr
    before, after = PINGTAN.read_text("utf-8"), copy.read_text("utf-8")
    assert after == before.replace("政府信息公开行政法复议", "政府信息公开行政复议")  # one character, no newline added


def test_inserted_breaks_translate_edits():
    from gklint.core.violation import Edit
    from gklint.read.flattened import Break, render

    source = SourceText("甲乙。 一、总体情况 丙丁", "utf-8")
    rendered = render(source, [Break(4, "section"), Break(11, "title-end")])
    assert rendered.text == "甲乙。 \n一、总体情况 \n丙丁"
    origins = rendered.origins
    assert [origins.to_source(i) for i in (0, 4, 5, 12, 13)] == [0, 4, 4, 11, 11]
    assert origins.position(5) == (1, 5)  # 一 is the file's column 5
    assert origins.source_edits([Edit(7, 11, "总体")]) == [Edit(6, 10, "总体")]
    assert origins.source_edits([Edit(12, 15, "")]) == [Edit(11, 13, "")]  # a deletion across a break
    assert origins.source_edits([Edit(3, 8, "X")]) is None  # a replacement across a break: not applied


# --- written variants: the seeds and the clean report run together -------------------------


def one_line(text: str, joiner: str = " ") -> str:
    """Every line joined into one (a crawler's page text)."""
    return joiner.join(l.strip() for l in text.splitlines() if l.strip()) + "\n"


def tight(text: str) -> str:
    """One line; no space after 。 ） ：, so a heading follows the sentence directly."""
    out = ""
    for line in (l.strip() for l in text.splitlines() if l.strip()):
        out += ("" if not out or out[-1] in "。）：" else " ") + line
    return out + "\n"


def after_period(text: str) -> str:
    """A line that ends a sentence joined with the next: the headings after one sit inside lines."""
    out: list[str] = []
    for line in text.splitlines():
        if out and out[-1].rstrip().endswith("。"):
            out[-1] = out[-1].rstrip() + line.strip()
        else:
            out.append(line)
    return "\n".join(out) + "\n"


VARIANTS = [one_line, tight, after_period]
REPORTS = [*SEEDS, CLEAN]


@pytest.mark.parametrize("make", VARIANTS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.name[:3] if p.name[0].isdigit() else p.stem)
def test_flattened_variants_find_the_six_sections(linter, path, make):
    text = decode(path.read_bytes()).text
    assert sections(lint(linter, text)) == [1, 2, 3, 4, 5, 6]
    result = lint(linter, make(text))
    assert sections(result) == [1, 2, 3, 4, 5, 6]
    assert "GK002" not in {v.code for v in result.violations}


@pytest.mark.parametrize("make", VARIANTS, ids=lambda f: f.__name__)
def test_flattened_clean_report_stays_clean(linter, make):
    """The correct 2021 report run together: its tables still read (cells are space-separated) and add up."""
    result = lint(linter, make(CLEAN.read_text("utf-8")))
    assert {t.kind for t in result.report.tables if t.readable} == {"active_disclosure", "applications", "review_litigation"}
    assert not [v for v in result.violations if v.severity.value in "EW"], result.violations


def test_flattened_findings_map_to_the_giant_line(linter):
    text = one_line(CLEAN.read_text("utf-8")).replace("2022年1月1日至2022年12月31日", "2022年1月1日至2022年11月30日")
    result = lint(linter, text)
    wrong = [v for v in result.violations if v.code == "GK202"]
    assert wrong and wrong[0].line == 1
    assert at(text, 1, wrong[0].column, 1) == result.report.text[wrong[0].start]
    assert text.splitlines()[0][wrong[0].column - 1 :].startswith(result.report.text[wrong[0].start : wrong[0].end])


def test_a_bare_numeral_inside_a_sentence_is_not_a_heading(linter):
    text = one_line(CLEAN.read_text("utf-8"))
    # 「分为一、总体情况」: after 为, not after 。 ， ） or a space — not a heading
    text = text.replace("编制，全文包括", "编制，全文分为一、总体情况等六个部分，包括", 1)
    # a list of the parts in the preamble: each title followed by 、 ； — items, not headings
    text = text.replace(
        "本报告所列数据", "全文包括：一、总体情况；二、主动公开政府信息情况；三、收到和处理政府信息公开申请情况。本报告所列数据", 1
    )
    result = lint(linter, text)
    assert sections(result) == [1, 2, 3, 4, 5, 6]
    first = result.report.sections[0].heading
    assert (
        result.report.text[first.line.start :].startswith("一、总体情况")
        and "2022年，临河县" in result.report.text[first.line.end : first.line.end + 12]
    )
    assert not [h for h in result.report.subheadings if h.title.startswith("总体情况")]


def test_ordinary_texts_are_not_rendered(linter):
    for path in REPORTS:
        source = decode(path.read_bytes())
        assert linter.prepare(source) is source


# --- HTML markup under a .txt name ----------------------------------------------------------


def html_page() -> str:
    from .conftest import seed
    from .test_html import build_page

    return build_page(seed("003").read_text("utf-8"))


def fragment(page: str) -> str:
    """The page's article: a crawl's `content` field, starting with <div."""
    start = page.index('<div class="article">')
    end = page.index('<div class="footer">')
    return page[start:end].rstrip()


def placed(linter: Linter, path: Path) -> list[tuple]:
    result = linter.lint_path(path)
    return sorted((v.code, v.line, v.column, v.end_line, v.end_column, v.message.zh) for v in result.violations)


@pytest.mark.slow
@pytest.mark.parametrize("shape", ["page", "fragment"])
@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_txt_holding_html_reads_as_html(linter, tmp_path, shape, encoding):
    markup = html_page() if shape == "page" else fragment(html_page())
    if encoding != "utf-8":
        markup = markup.replace('charset="utf-8"', f'charset="{encoding}"')
    as_html, as_txt = tmp_path / "report.html", tmp_path / "report.txt"
    for path in (as_html, as_txt):
        path.write_bytes(markup.encode(encoding))
    found = placed(linter, as_txt)
    assert found == placed(linter, as_html)
    assert "GK002" not in {code for code, *_ in found}
    assert linter.lint_path(as_txt).source.kind == "html"


def test_html_sniffing_is_by_the_start_of_the_text():
    from gklint.read.sniff import looks_like_html

    for markup in [
        "<!DOCTYPE html><html>",
        "\ufeff  <html lang=zh>",
        "<div class=content>",
        "<p>一、总体情况</p>",
        "<TABLE border=1>",
        "<!-- saved --> <div>",
        "\n\n<p style='x'>",
    ]:
        assert looks_like_html(markup.encode("utf-8")), markup
    for text in ["一、总体情况 <p>", "<报告>", "<pre-release notes", "标题: <div>", "<<div>", "<product>"]:
        assert not looks_like_html(text.encode("utf-8")), text


def test_markdown_starting_with_html_stays_markdown(linter, tmp_path):
    path = tmp_path / "report.md"
    path.write_text(
        "<div align=center>临河县交通运输局2022年政府信息公开工作年度报告</div>\n\n" + CLEAN.read_text("utf-8").split("\n", 1)[1], "utf-8"
    )
    result = linter.lint_path(path)
    assert result.source.kind == "markdown" and sections(result) == [1, 2, 3, 4, 5, 6]


# --- the title and the page's own words around the report ------------------------------------

NAV_BEFORE = "当前位置：首页 > 政务公开 > 年报 平潭综合实验区2022年度政府信息公开工作年度报告 发布时间：2023-02-20 字号：大 中 小 "
NAV_AFTER = " 分享到： 【打印本页】 【关闭窗口】"


def with_navigation(text: str) -> str:
    rule = "==================== 正文 ====================\n"
    return text.replace(rule, rule + NAV_BEFORE).rstrip("\n") + NAV_AFTER + "\n"


def test_the_title_of_a_giant_line_is_its_own_line(linter):
    for make in VARIANTS:
        report = lint(linter, make(CLEAN.read_text("utf-8"))).report
        assert report.title.text == "临河县交通运输局2022年政府信息公开工作年度报告" and report.year == 2022
        assert report.facts.period is not None and report.facts.period.year == 2022


def test_navigation_around_the_report(linter):
    text = with_navigation(PINGTAN.read_text("utf-8"))
    result = lint(linter, text, "pingtan.txt")
    assert sections(result) == [1, 2, 3, 4, 5, 6]
    assert result.report.title.text == "平潭综合实验区2022年度政府信息公开工作年度报告"  # not 「当前位置…」
    tail = [v for v in result.violations if v.code == "GK605"]
    assert len(tail) == 1 and "网页自身的文字" in tail[0].message.zh
    assert at(text, tail[0].line, tail[0].column, 4) == "分享到："
    # the rest is as without the page's words
    plain = lint(linter, PINGTAN.read_text("utf-8"), "pingtan.txt")
    assert {v.code for v in result.violations} - {"GK605"} == {v.code for v in plain.violations}


def test_navigation_outside_the_article_says_nothing(pingtan):
    """The crawler's header (标题, 原文链接, links.tsv…) is outside the report: no finding in it but GK204's date."""
    assert [v.code for v in pingtan.violations if v.line < 10] == ["GK204"]


# --- outputs and runs ---------------------------------------------------------------------------


@pytest.mark.slow
def test_json_and_sarif_place_fix_edits_in_the_file():
    import json

    for fmt in ("json", "sarif"):
        out = subprocess.run(
            [sys.executable, "-m", "gklint", "--isolated", "--select", "GK104", "--format", fmt, str(PINGTAN)],
            capture_output=True,
            text=True,
        )
        data = json.loads(out.stdout)
        line = PINGTAN.read_text("utf-8").splitlines()[9]
        column = line.index("行政法复议") + 3  # 法
        if fmt == "json":
            edit = data[0]["fix"]["edits"][0]
            assert (edit["location"], edit["end_location"]) == ({"line": 10, "column": column}, {"line": 10, "column": column + 1})
        else:
            region = data["runs"][0]["results"][0]["fixes"][0]["artifactChanges"][0]["replacements"][0]["deletedRegion"]
            assert region == {"startLine": 10, "startColumn": column, "endLine": 10, "endColumn": column + 1}


@pytest.mark.slow
def test_parallel_run_gives_the_same(tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    shutil.copyfile(PINGTAN, folder / "pingtan.txt")
    (folder / "clean-flat.txt").write_text(one_line(CLEAN.read_text("utf-8")), "utf-8")
    runs = [
        subprocess.run(
            [sys.executable, "-m", "gklint", "--isolated", "--select", "ALL", "--format", "full", *jobs, str(folder)],
            capture_output=True,
            text=True,
        ).stdout
        for jobs in ([], ["-j", "2"])
    ]
    assert runs[0] == runs[1] and "GK204" in runs[0]


def test_history_identifies_a_flattened_page(linter, tmp_path):
    from gklint.run.history import identify_file

    flat = tmp_path / "flat.txt"
    flat.write_text(one_line(CLEAN.read_text("utf-8")), "utf-8")
    identity = identify_file(linter, flat)
    assert identity is not None and (identity.name, identity.year) == ("临河县交通运输局", 2022)
    identity = identify_file(linter, PINGTAN)
    assert identity is not None and (identity.name, identity.year) == ("平潭综合实验区", 2022)


# --- cells run together (issue 11, item 3) ---------------------------------------------------

PINGTAN_TABLE_3 = {
    "new": [71, 3, 0, 0, 0, 0, 74],
    "carried_in": [1, 0, 0, 0, 0, 0, 1],
    "disclosed": [21, 0, 0, 0, 0, 0, 21],
    "partly_disclosed": [8, 1, 0, 0, 0, 0, 9],
    "withheld_secret": [0] * 7,
    "withheld_prohibited": [0] * 7,
    "withheld_security": [0] * 7,
    "withheld_third_party": [0] * 7,
    "withheld_internal": [1, 0, 0, 0, 0, 0, 1],
    "withheld_process": [2, 0, 0, 0, 0, 0, 2],
    "withheld_enforcement": [1, 0, 0, 0, 0, 0, 1],
    "withheld_inquiry": [0] * 7,
    "unavailable_not_held": [37, 0, 0, 0, 0, 0, 37],
    "unavailable_needs_making": [0] * 7,
    "unavailable_unclear": [0] * 7,
    "not_processed_petition": [0] * 7,
    "not_processed_repeat": [0] * 7,
    "not_processed_publication": [0] * 7,
    "not_processed_mass": [0] * 7,
    "not_processed_confirm": [0] * 7,
    "other_no_correction": [2, 0, 0, 0, 0, 0, 2],
    "other_unpaid_fee": [0] * 7,
    "other_other": [0, 2, 0, 0, 0, 0, 2],
    "results_total": [72, 3, 0, 0, 0, 0, 75],
    "carried_out": [0] * 7,
}


def test_pingtan_table_3_every_row_recovered(pingtan):
    table = pingtan.report.table("applications")
    assert table.readable
    assert {row.id: [cell.value for cell in row.cells] for row in table.rows} == PINGTAN_TABLE_3
    assert all(cell.recovered for row in table.rows for cell in row.cells)
    original = PINGTAN.read_text("utf-8")
    origins = pingtan.source.origins
    for row in table.rows:  # each cell is its digits in the file
        for cell in row.cells:
            assert original[origins.to_source(cell.start) : origins.to_source(cell.end)] == str(cell.value)


def test_pingtan_tables_have_no_gk3_error(pingtan):
    review = pingtan.report.table("review_litigation")
    assert review.readable and [c.value for c in review.cells] == [0, 1, 1, 0, 2, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0]
    assert not [v for v in pingtan.violations if v.code.startswith("GK3") and v.severity.value == "E"]
    # table 二 has no identity: its runs (「规章000」, 「行政规范性文件8855698」) are not cut, one GK309
    gk309 = [v for v in pingtan.violations if v.code == "GK309"]
    assert len(gk309) == 1 and "「000」" in gk309[0].message.zh
    rules = pingtan.report.table("active_disclosure")
    assert not rules.readable


@pytest.mark.slow
def test_every_number_of_table_3_changed_is_caught(linter, pingtan):
    """Each cell of table 三 changed by one (its last digit, the run's length kept): never silence."""
    original = PINGTAN.read_text("utf-8")
    origins = pingtan.source.origins
    table = pingtan.report.table("applications")
    silent = []
    for row in table.rows:
        for cell in row.cells:
            at = origins.to_source(cell.end) - 1
            digit = original[at]
            changed = original[:at] + ("8" if digit == "9" else str(int(digit) + 1)) + original[at + 1 :]
            codes = {v.code for v in lint(linter, changed, "pingtan.txt").violations}
            if not codes & {"GK309", "GK311", "GK312", "GK313"}:
                silent.append((row.id, cell.column))
    assert not silent


def test_digit_runs_are_cut_by_the_row_total():
    from gklint.read.digit_runs import readings_with_total

    assert readings_with_total("713000074", 7) == [("71", "3", "0", "0", "0", "0", "74")]
    assert readings_with_total("101000011", 7) == [("1", "0", "10", "0", "0", "0", "11"), ("10", "1", "0", "0", "0", "0", "11")]
    assert readings_with_total("1100011", 7) == []  # no cut adds up
    assert readings_with_total("0" * 7, 7) == [("0",) * 7]
    assert readings_with_total("00000001", 7) == []  # no leading zeros: 00 is not a count
    assert len(readings_with_total("1" * 42, 7, limit=4)) <= 4  # bounded


def test_each_ambiguous_row_is_its_own_gk309(linter):
    text = CLEAN.read_text("utf-8")
    text = text.replace("（一）予以公开 6 1 0 0 0 0 7", "（一）予以公开 101000011")
    text = text.replace("2.重复申请 0 0 0 0 0 0 0", "2.重复申请 202000022")
    flat = one_line(text)
    found = [v for v in lint(linter, flat).violations if v.code == "GK309"]
    assert len(found) == 2, found
    assert "1、0、10、0、0、0、11" in found[0].message.zh
    for v in found:
        assert at(flat, v.line, v.column, 9) in ("101000011", "202000022")


def test_row_labels_in_a_sentence_are_not_rows(linter):
    text = CLEAN.read_text("utf-8").replace(
        "二、主动公开政府信息情况\n", "二、主动公开政府信息情况\n本年度制发规章 0件，行政许可350件。\n", 1
    )
    report = lint(linter, one_line(text)).report
    assert any(line.text.startswith("本年度制发规章 0件，行政许可350件。") for line in report.lines)
    assert report.table("active_disclosure").readable


def test_table_4_run_together_read_by_its_groups(linter):
    text = PINGTAN.read_text("utf-8").replace("0 1 1 0 2 1 0 0 0 1 0 0 0 0 0", "011021000100000")
    result = lint(linter, text, "pingtan.txt")
    review = result.report.table("review_litigation")
    assert review.readable and [c.value for c in review.cells] == [0, 1, 1, 0, 2, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0]
    assert all(c.recovered for c in review.cells)
    assert not [v for v in result.violations if v.code in ("GK309", "GK314") and "第四部分" in v.message.zh]
    # no cut makes every group add up: not read, not guessed
    broken = lint(linter, PINGTAN.read_text("utf-8").replace("0 1 1 0 2 1 0 0 0 1 0 0 0 0 0", "011031000100000"), "pingtan.txt")
    found = [v for v in broken.violations if "第四部分" in v.message.zh and v.code.startswith("GK3")]
    assert [v.code for v in found] == ["GK314"] and "无论怎样拆分" in found[0].message.zh


def test_digit_runs_by_groups():
    from gklint.read.digit_runs import readings_by_groups

    assert readings_by_groups("011021000100000", 3, 5) == [tuple("011021000100000")]
    assert readings_by_groups("1100000000011", 3, 5) == []
    assert len(readings_by_groups("1" * 40, 3, 5, limit=3)) <= 3


@pytest.mark.slow
def test_findings_on_recovered_values_say_so(linter, tmp_path):
    """一 read from 「103000013」 (10 3 0 0 0 0 13, the one cut that adds up) where 10 2 … 12 was right:
    the column sums now fail, and the finding says its value was cut from digits run together."""
    text = one_line(
        CLEAN.read_text("utf-8").replace("一、本年新收政府信息公开申请数量 10 2 0 0 0 0 12", "一、本年新收政府信息公开申请数量 103000013")
    )
    result = lint(linter, text)
    assert [c.value for c in result.report.table("applications").row("new").cells] == [10, 3, 0, 0, 0, 0, 13]
    on_cells = [v for v in result.violations if v.code in ("GK311", "GK312") and v.recovered]
    assert on_cells
    path = tmp_path / "flat.txt"
    path.write_text(text, "utf-8")
    import json

    run = lambda fmt: (
        subprocess.run(
            [sys.executable, "-m", "gklint", "--isolated", "--select", "GK3", "--format", fmt, str(path)], capture_output=True, text=True
        ).stdout
    )
    assert any(item.get("recovered") for item in json.loads(run("json")) if item["code"] == "GK311")
    assert "表中数值从连在一起的数字中拆出" in run("full")


def test_a_heading_glued_to_a_table_value(linter):
    """「…收费 0三、收到和处理…」: a heading right after a digit, when its title is (nearly) the
    template's; 「723000075四、结转下年度继续办理」 stays table 三's last row."""
    text = one_line(CLEAN.read_text("utf-8"))
    page = PINGTAN.read_text("utf-8")
    for heading in ("三、收到和处理", "四、政府信息公开行政", "五、存在的"):
        text = text.replace(" " + heading, heading)
    for heading in ("三、收到和处理", "四、政府信息公开行政法"):
        page = page.replace(" " + heading, heading)
    assert sections(lint(linter, text)) == [1, 2, 3, 4, 5, 6]
    result = lint(linter, page, "pingtan.txt")
    assert sections(result) == [1, 2, 3, 4, 5, 6]
    assert result.report.table("applications").readable


def test_the_pages_date_line_without_a_crawler_header(linter):
    """Only the page's text: 「当前位置…」, the title, 「发布时间：2023-02-20 字号…」 run into the preamble."""
    text = with_navigation(PINGTAN.read_text("utf-8")).split("==================== 正文 ====================\n", 1)[1]
    result = lint(linter, text, "pingtan.txt")
    assert result.report.title.text == "平潭综合实验区2022年度政府信息公开工作年度报告"
    assert [(d.label, d.date) for d in result.report.facts.publication_dates] == [("发布时间", datetime.date(2023, 2, 20))]
    late = [v for v in result.violations if v.code == "GK204"]
    assert len(late) == 1 and at(text, late[0].line, late[0].column, 10) == "2023-02-20"


def squeeze(text: str) -> str:
    """Table 三's separators deleted: a label then seven numbers becomes the label and one run of digits."""
    import re

    return re.sub(r"(?m)^(.*?[^\d\s])((?: \d+){7})$", lambda m: m.group(1) + " " + m.group(2).replace(" ", ""), text)


def test_a_correct_table_run_together_gives_no_false_error(linter):
    """The clean report flattened with table 三's digits run together: rows with one reading are read,
    the row 「11 2 0 0 0 0 13」 has two (1 12 … 13 and 11 2 … 13): GK309 names both; no identity error."""
    result = lint(linter, one_line(squeeze(CLEAN.read_text("utf-8"))))
    codes = [v.code for v in result.violations]
    assert codes == ["GK309"]
    assert "1、12、0、0、0、0、13；11、2、0、0、0、0、13" in result.violations[0].message.zh


@pytest.mark.slow
def test_baseline_and_fix_on_a_flattened_page(tmp_path):
    """A baseline recorded for a page hides its findings; after a fix the rest stay hidden."""
    page = tmp_path / "pingtan.txt"
    shutil.copyfile(PINGTAN, page)
    baseline = tmp_path / "baseline.json"
    gk = [sys.executable, "-m", "gklint", "--isolated", "--select", "ALL", "--baseline", str(baseline)]
    subprocess.run([*gk, "--update-baseline", str(page)], capture_output=True, text=True, check=False)
    hidden = subprocess.run([*gk, "--format", "json", str(page)], capture_output=True, text=True)
    assert hidden.stdout.strip() == "[]", hidden.stdout + hidden.stderr
    fixed = subprocess.run([*gk, "--fix", "--format", "json", str(page)], capture_output=True, text=True)
    assert "Traceback" not in fixed.stderr and fixed.stdout.strip() == "[]"
