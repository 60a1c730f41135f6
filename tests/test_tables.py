"""The table reader (gklint.facts.tables) on real text, and the 勾稽关系 rules GK311–GK314 on every cell."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from gklint.facts.tables import read_tables
from gklint.read.source import SourceText
from gklint.run.config import Settings
from gklint.run.engine import Linter
from gklint.run.fixes import apply_once

from .conftest import FIXTURES, SEEDS, seed

HUAIAN = FIXTURES / "samples" / "huaian-2024-pdf-text.txt"
IDENTITY_RULES = ["GK311", "GK312", "GK313", "GK314"]

_LINTERS: dict = {}


def _linter(**settings) -> Linter:
    key = repr(sorted(settings.items()))
    if key not in _LINTERS:
        _LINTERS[key] = Linter(Settings(**settings))
    return _LINTERS[key]


def _report(text: str, path: str = "report.txt"):
    return _linter().parse(SourceText(text, "utf-8"), Path(path))


def _lint(text: str, path: str = "report.txt", select=None):
    linter = _linter(select=select or ["GK3"])
    return linter.lint_source(SourceText(text, "utf-8"), Path(path)).violations


def _values(table, row_id):
    return [c.value for c in table.row(row_id).cells]


# --- the seeds ------------------------------------------------------------------


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_seed_tables_add_up(path):
    violations = _lint(path.read_text(encoding="utf-8"), select=IDENTITY_RULES)
    assert violations == []


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_seed_tables_are_read(path):
    report = _report(path.read_text(encoding="utf-8"))
    applications = report.table("applications")
    review = report.table("review_litigation")
    assert applications is not None and review is not None and review.readable
    # 002's Markdown lost a cell of every row from （一） on (merged-cell debris): which one is
    # ambiguous, so the table is read but not trusted (GK309)
    assert applications.readable == (not path.name.startswith("002"))
    assert len(applications.rows) == 23  # every 2019-format data row of table 三
    assert [r.id for r in review.rows] == ["review", "direct_suit", "suit_after_review"]
    assert all(len(r.cells) == 5 for r in review.rows)


def test_seed_000_blank_cells_and_missing_table_two():
    report = _report(seed("000").read_text(encoding="utf-8"))
    assert report.table("active_disclosure") is None  # section 二 is empty: GK301
    table = report.table("applications")
    assert table.shape == "cell-per-line"
    assert _values(table, "new") == [9, None, None, None, None, None, 9]
    # "3\u2002" and "\u20021" and "[bookmark: _GoBack]\u20029" are read as numbers
    assert _values(table, "unavailable_needs_making") == [3, None, None, None, None, None, 3]
    assert _values(table, "results_total") == [9, None, None, None, None, None, 9]
    assert table.value("carried_in", "total") == 0  # blank counts as 0
    assert table.cell("carried_in", "total").blank
    review = report.table("review_litigation")
    assert all(c.blank for c in review.cells) and len(review.cells) == 15
    codes = [(v.code, v.line) for v in _lint(seed("000").read_text(encoding="utf-8"))]
    assert ("GK301", 27) in codes
    assert [line for c, line in codes if c == "GK304"] == [50, 322]  # one finding a table: blanks in 23 rows of 三, all of 四


def test_seed_003_cell_per_line_values():
    report = _report(seed("003").read_text(encoding="utf-8"))
    two = report.table("active_disclosure")
    assert two.version == "2019"
    assert _values(two, "licensing") == [284, 125, 76676]
    assert _values(two, "other_services") == [1374, -47, 1567131]  # "- 47"
    assert _values(two, "fees") == [50, -9]
    assert two.value("normative_documents", "total") == 25
    assert two.value("normative_documents", "对外公开总数量") == 25  # a column by its label
    three = report.table("applications")
    assert _values(three, "new") == [31, 0, 0, 1, 0, 0, 32]
    assert _values(three, "results_total") == [30, 0, 0, 1, 0, 0, 31]
    assert three.value("unavailable", "total") == 4  # a group row sums its items
    assert three.value("results", "total") == 31
    cell = three.cell("results_total", "total")
    assert report.text[cell.start : cell.end] == "31" and cell.line == 346
    assert report.table("review_litigation").value("review", "total") == 1


def test_seed_004_money_and_signed():
    report = _report(seed("004").read_text(encoding="utf-8"))
    two = report.table("active_disclosure")
    assert _values(two, "procurement") == [99, 11522.96]
    assert two.cell("procurement", "amount").raw == "11522.96万元"
    assert _values(two, "licensing") == [188, 113, 20373]
    assert _values(two, "fees") == [3, -1]


def test_seed_001_pipe_fragments_traditional_script():
    report = _report(seed("001").read_text(encoding="utf-8"))
    two = report.table("active_disclosure")
    assert two.shape == "pipe-fragments"
    fees = two.row("fees")
    assert fees.cells[0].glued and fees.read == 3
    three = report.table("applications")
    assert three.shape == "pipe-fragments" and len(three.rows) == 23
    assert not any(r.deviates for r in three.rows)  # 規(guī)章, 總計(jì): script and debris are not deviations


def test_seed_001_glued_label_fix_keeps_the_pipe_shape():
    text = seed("001").read_text(encoding="utf-8")
    violations = [v for v in _lint(text, select=["GK305"]) if v.code == "GK305"]
    assert [v.line for v in violations] == [91]
    fixed, applied = apply_once(text, violations)
    assert len(applied) == 1
    assert "行政事業(yè)性收費(fèi) |\n0 |\n0 |\n0 |" in fixed
    assert len(fixed) == len(text) + 3  # " |\n" inserted, nothing else touched
    assert [v.code for v in _lint(fixed, select=["GK305"])] == []


def test_seed_002_markdown_shifted_cells_and_label():
    report = _report(seed("002").read_text(encoding="utf-8"))
    three = report.table("applications")
    assert three.shape == "markdown"
    assert _values(three, "new") == [0] * 7
    assert three.row("disclosed").read == 6  # merged cells shifted a value out
    assert not three.readable and "列无法对应" in three.unreadable[0]  # 21 of 23 rows: GK309, once
    row = three.row("withheld_prohibited")
    assert row.deviates and row.written == "2.其他法律法规禁止公开"
    assert report.table("active_disclosure").cell("procurement", "amount").value == 157.0586


# --- every single number of tables 三 and 四 ------------------------------------------


def _mutations():
    for path in SEEDS:
        if path.name.startswith("000"):
            continue
        text = path.read_text(encoding="utf-8")
        report = _report(text)
        for kind in ("applications", "review_litigation"):
            table = report.table(kind)
            if not table.readable:
                continue  # GK309: nothing in it is checked
            for row in table.rows:
                for cell in row.cells:
                    if cell.value is None:
                        continue
                    yield pytest.param(path, kind, row.id, cell.column, id=f"{path.name[:3]}-{row.id}-{cell.column}")


def _total_lines(table, report, row_id, column):
    lines = set()
    for r, c in ((row_id, "total"), ("results_total", column)):
        cell = table.cell(r, c)
        if cell is not None:
            lines.add(cell.line)
    return lines


@pytest.mark.slow
@pytest.mark.parametrize(("path", "kind", "row_id", "column"), list(_mutations()))
def test_changing_any_number_breaks_an_identity(path, kind, row_id, column):
    text = path.read_text(encoding="utf-8")
    report = _report(text)
    table = report.table(kind)
    cell = table.cell(row_id, column)
    new = str(int(cell.value) + 1)
    mutated = text[: cell.start] + new + text[cell.end :]
    violations = _lint(mutated, select=IDENTITY_RULES)
    allowed = {cell.line} | _total_lines(table, report, row_id, column)
    assert any(v.line in allowed for v in violations), (
        f"{row_id}/{column} {cell.raw!r}→{new}: {[(v.code, v.line, v.message.zh) for v in violations]}"
    )


# --- the 2021-format PDF sample ---------------------------------------------------

HUAIAN_THREE = {
    "new": [3001, 53, 0, 0, 61, 4, 3119],
    "carried_in": [34, 0, 0, 0, 0, 0, 34],
    "disclosed": [1288, 21, 0, 0, 50, 3, 1362],
    "partly_disclosed": [447, 7, 0, 0, 0, 0, 454],
    "withheld_secret": [2, 0, 0, 0, 0, 0, 2],
    "withheld_prohibited": [30, 1, 0, 0, 0, 0, 31],
    "withheld_security": [5, 0, 0, 0, 0, 0, 5],
    "withheld_third_party": [6, 0, 0, 0, 0, 0, 6],
    "withheld_internal": [7, 1, 0, 0, 0, 0, 8],
    "withheld_process": [12, 0, 0, 0, 0, 0, 12],
    "withheld_enforcement": [9, 0, 0, 0, 0, 0, 9],
    "withheld_inquiry": [105, 0, 0, 0, 0, 0, 105],
    "unavailable_not_held": [746, 12, 0, 0, 10, 1, 769],
    "unavailable_needs_making": [11, 0, 0, 0, 0, 0, 11],
    "unavailable_unclear": [1, 0, 0, 0, 0, 0, 1],
    "not_processed_petition": [56, 6, 0, 0, 0, 0, 62],
    "not_processed_repeat": [25, 0, 0, 0, 0, 0, 25],
    "not_processed_publication": [0] * 7,
    "not_processed_mass": [0] * 7,
    "not_processed_confirm": [1, 0, 0, 0, 0, 0, 1],
    "other_no_correction": [67, 3, 0, 0, 1, 0, 71],
    "other_unpaid_fee": [6, 0, 0, 0, 0, 0, 6],
    "other_other": [108, 2, 0, 0, 0, 0, 110],
    "results_total": [2932, 53, 0, 0, 61, 4, 3050],
    "carried_out": [103, 0, 0, 0, 0, 0, 103],
}
HUAIAN_FOUR = {
    "review": [72, 64, 178, 37, 351],
    "direct_suit": [13, 4, 8, 1, 26],
    "suit_after_review": [12, 1, 1, 6, 20],
}


def test_huaian_reads_completely():
    report = _report(HUAIAN.read_text(encoding="utf-8"))
    three = report.table("applications")
    assert three.shape == "pdf-text" and three.readable and three.version == "2021"
    assert {r.id: _values(three, r.id) for r in three.rows} == HUAIAN_THREE
    assert three.missing_rows == [] and three.extra_rows == []
    four = report.table("review_litigation")
    assert {r.id: _values(four, r.id) for r in four.rows} == HUAIAN_FOUR
    two = report.table("active_disclosure")
    assert two.version == "2021"
    assert {r.id: _values(two, r.id) for r in two.rows} == {
        "rules": [1, 0, 11],
        "normative_documents": [8, 26, 66],
        "licensing": [447228],
        "penalty": [3985758],
        "enforcement": [88283],
        "fees": [96171.6],
    }
    # The cell points at its text: line 115 runs past a page break ("- 5 -") into 法提供 on 117.
    cell = three.cell("unavailable_needs_making", "natural_person")
    assert cell.line == 117 and cell.raw == "11"


def test_huaian_gives_no_gk3_finding():
    assert _lint(HUAIAN.read_text(encoding="utf-8")) == []


def test_huaian_dated_2020_gives_gk307():
    text = HUAIAN.read_text(encoding="utf-8").replace("\n2024 年政府信息公开工作年度报告", "\n2020 年政府信息公开工作年度报告")
    violations = _lint(text)
    assert {v.code for v in violations} == {"GK307"}
    report = _report(text)
    assert report.template.version == "2019"
    # read with the version the tables follow: the values are the same
    assert {r.id: _values(report.table("applications"), r.id) for r in report.table("applications").rows} == HUAIAN_THREE


# --- the same table in every shape ------------------------------------------------

ROWS = [
    ("一、本年新收政府信息公开申请数量", [31, 0, 0, 1, 0, 0, 32]),
    ("二、上年结转政府信息公开申请数量", [0] * 7),
    ("三、本年度办理结果", None),
    ("（一）予以公开", [24, 0, 0, 0, 0, 0, 24]),
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", [2, 0, 0, 0, 0, 0, 2]),
    ("（三）不予公开", None),
    ("1.属于国家秘密", [0] * 7),
    ("2.其他法律行政法规禁止公开", [0] * 7),
    ("3.危及“三安全一稳定”", [0] * 7),
    ("4.保护第三方合法权益", [1, 0, 0, 0, 0, 0, 1]),
    ("5.属于三类内部事务信息", [0] * 7),
    ("6.属于四类过程性信息", [0] * 7),
    ("7.属于行政执法案卷", [0] * 7),
    ("8.属于行政查询事项", [0] * 7),
    ("（四）无法提供", None),
    ("1.本机关不掌握相关政府信息", [3, 0, 0, 1, 0, 0, 4]),
    ("2.没有现成信息需要另行制作", [0] * 7),
    ("3.补正后申请内容仍不明确", [0] * 7),
    ("（五）不予处理", None),
    ("1.信访举报投诉类申请", [0] * 7),
    ("2.重复申请", [0] * 7),
    ("3.要求提供公开出版物", [0] * 7),
    ("4.无正当理由大量反复申请", [0] * 7),
    ("5.要求行政机关确认或重新出具已获取信息", [0] * 7),
    ("（六）其他处理", [0] * 7),
    ("（七）总计", [30, 0, 0, 1, 0, 0, 31]),
    ("四、结转下年度继续办理", [1, 0, 0, 0, 0, 0, 1]),
]
HEADER = [
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
    "申请人情况",
    "自然人",
    "法人或其他组织",
    "总计",
    "商业企业",
    "科研机构",
    "社会公益组织",
    "法律服务机构",
    "其他",
]


def _render(shape: str) -> str:
    out = []
    if shape == "tsv":
        out.append("\t".join(HEADER))
        for label, values in ROWS:
            out.append("\t".join([label] + [str(v) for v in values or []]))
    elif shape == "cell-per-line":
        out += ["\t" + h for h in HEADER] + [""]
        for label, values in ROWS:
            out.append("\t" + label)
            if values:
                out += ["\t" + str(v) for v in values] + [""]
    elif shape == "markdown":
        out.append("| " + " | ".join(HEADER[:3]) + " |")
        out.append("|---|---|---|")
        for label, values in ROWS:
            out.append("| " + " | ".join([label] + [str(v) for v in values or []]) + " |")
    elif shape == "pipe-fragments":
        out += [h + " |" for h in HEADER] + ["|"]
        for label, values in ROWS:
            out.append(label + " |")
            out += [str(v) + " |" for v in values or []] + ["|"]
    else:  # pdf-text with wrapped labels and a page number inside
        for label, values in ROWS:
            if len(label) > 14:
                out += [label[:9], label[9:] + " " + " ".join(str(v) for v in values or [])]
            else:
                out.append(" ".join([label] + [str(v) for v in values or []]))
            if label.startswith("4.保护"):
                out.append("- 5 -")
    body = "\n".join(out)
    return (
        "某县人民政府\n2020年政府信息公开工作年度报告\n一、总体情况\n2020年，本县认真贯彻落实《条例》。\n"
        "二、主动公开政府信息情况\n本年度主动公开政府信息情况见下表。\n"
        f"三、收到和处理政府信息公开申请情况\n{body}\n"
        "四、政府信息公开行政复议、行政诉讼情况\n本年度未发生行政复议、行政诉讼。\n"
        "五、存在的主要问题及改进情况\n存在的问题。\n六、其他需要报告的事项\n无。\n"
    )


@pytest.mark.parametrize("shape", ["tsv", "cell-per-line", "markdown", "pipe-fragments", "pdf-text"])
@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_same_table_in_every_shape(shape, suffix):
    report = _report(_render(shape), "report" + suffix)
    table = report.table("applications")
    assert table is not None and table.shape == shape and table.readable
    assert [(r.label, _values(table, r.id)) for r in table.rows] == [(l, v) for l, v in ROWS if v is not None]
    assert table.missing_rows == [] and table.extra_rows == []


def test_full_width_digits_and_thousands_separators():
    text = _render("tsv").replace("\t31\t", "\t３１\t").replace("\t0\t0\t1\t0\t0\t32", "\t0\t0\t1\t0\t0\t3,2")
    table = _report(text).table("applications")
    assert _values(table, "new")[0] == 31
    text = _render("pdf-text").replace("1 0 0 0 0 0 1", "1,001 0 0 0 0 0 1,001")
    assert _values(_report(text).table("applications"), "carried_out") == [1001, 0, 0, 0, 0, 0, 1001]


def test_values_run_together_are_not_guessed():
    # 101000011: 1 0 10 0 0 0 11 and 10 1 0 0 0 0 11 both satisfy the row's total
    text = _render("pdf-text").replace("31 0 0 1 0 0 32", "101000011")
    report = _report(text)
    table = report.table("applications")
    assert not table.readable
    assert [v.code for v in _lint(text) if v.code != "GK301"] == ["GK309"]  # 二 and 四 are absent


def test_values_run_together_read_when_one_cut_adds_up():
    # 640020470: only 64 0 0 2 0 4 70 has 总计 = the sum of the others; read, then the columns disagree
    text = _render("pdf-text").replace("31 0 0 1 0 0 32", "640020470")
    table = _report(text).table("applications")
    assert table.readable and _values(table, "new") == [64, 0, 0, 2, 0, 4, 70]
    assert all(cell.recovered for cell in table.row("new").cells)
    assert {v.code for v in _lint(text)} & {"GK311", "GK312"}


def test_tables_are_cheap_to_read():
    reports = [_report(p.read_text(encoding="utf-8")) for p in [*SEEDS, HUAIAN]]
    start = time.perf_counter()
    for _ in range(5):
        for report in reports:
            read_tables(report)
    per_report = (time.perf_counter() - start) / (5 * len(reports))
    # A 1-core budget of 200 reports/s is 5 ms for everything; the tables take a fraction.
    assert per_report < 0.025, f"{per_report * 1000:.1f} ms per report"


def test_values_printed_before_their_label():
    text = _render("pdf-text").replace(
        "（二）部分公开（区\n分处理的，只计这一情形，不计其他情形） 2 0 0 0 0 0 2\n",
        "2 0 0 0 0 0 2\n（二）部分公开（区\n分处理的，只计这一情形，不计其他情形）\n",
    )
    assert "2 0 0 0 0 0 2\n（二）部分公开" in text
    table = _report(text).table("applications")
    assert [(r.label, _values(table, r.id)) for r in table.rows] == [(l, v) for l, v in ROWS if v is not None]
    assert _lint(text, select=["GK302", "GK311", "GK312", "GK313"]) == []


def test_column_heading_variant():
    text = _render("tsv").replace("\t总计\t", "\t合计\t")
    violations = _lint(text, select=["GK303"])
    assert [v.message.zh for v in violations] == ["第三部分「收到和处理政府信息公开申请情况」表的列标题「合计」与模板不一致，应为「总计」"]
    fixed, _ = apply_once(text, violations)
    assert fixed == _render("tsv")


def test_narrative_figures_near_the_table_are_not_rows():
    text = _render("pdf-text").replace(
        "三、收到和处理政府信息公开申请情况\n",
        "三、收到和处理政府信息公开申请情况\n本年度新收申请 32 件，其中予以公开 24 件，部分公开 2 件，\n结转下年度继续办理 1 件。\n",
    )
    table = _report(text).table("applications")
    assert [(r.label, _values(table, r.id)) for r in table.rows] == [(l, v) for l, v in ROWS if v is not None]
    assert table.extra_rows == [] and not any(r.deviates for r in table.rows)


BASE_REVIEW = (
    "行政复议 行政诉讼\n"
    "结果维持 结果纠正 其他结果 尚未审结 总计 未经复议直接起诉 复议后起诉\n"
    "结果维持 结果纠正 其他结果 尚未审结 总计 结果维持 结果纠正 其他结果 尚未审结 总计\n"
    "1 0 0 0 1 0 0 0 0 0 0 0 0 0 0\n"
)


def _with_review(review: str) -> str:
    return _render("pdf-text").replace(
        "四、政府信息公开行政复议、行政诉讼情况\n本年度未发生行政复议、行政诉讼。\n",
        "四、政府信息公开行政复议、行政诉讼情况\n" + review,
    )


def test_review_table_as_one_row_of_fifteen():
    table = _report(_with_review(BASE_REVIEW)).table("review_litigation")
    assert [(r.id, _values(table, r.id)) for r in table.rows] == [
        ("review", [1, 0, 0, 0, 1]),
        ("direct_suit", [0] * 5),
        ("suit_after_review", [0] * 5),
    ]
    assert table.value("review", "total") == 1


def test_review_table_as_three_labelled_rows():
    text = _with_review(
        "\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\n"
        "行政复议\t1\t0\t0\t0\t1\n未经复议直接起诉\t0\t0\t0\t0\t0\n复议后起诉\t0\t2\t0\t0\t1\n"
    )
    table = _report(text).table("review_litigation")
    assert [(r.id, _values(table, r.id)) for r in table.rows] == [
        ("review", [1, 0, 0, 0, 1]),
        ("direct_suit", [0] * 5),
        ("suit_after_review", [0, 2, 0, 0, 1]),
    ]
    violations = _lint(text, select=["GK314"])
    assert [(v.code, v.line) for v in violations] == [("GK314", table.cell("suit_after_review", "total").line)]
    assert "相差 1" in violations[0].message.zh


def test_crlf_glued_label_split_uses_the_file_newline():
    text = _render("cell-per-line").replace("\t（六）其他处理\n\t0\n", "\t（六）其他处理0\n").replace("\n", "\r\n")
    violations = _lint(text, select=["GK305"])
    assert [v.code for v in violations] == ["GK305"]
    fixed, _ = apply_once(text, violations)
    assert "\t（六）其他处理\r\n\t0\r\n" in fixed
    table = _report(fixed).table("applications")
    assert _values(table, "other_handling") == [0] * 7 and not table.cell("other_handling", "natural_person").glued


def test_table_lines_include_the_heading_rows():
    report = _report(HUAIAN.read_text(encoding="utf-8"))
    assert (report.table("active_disclosure").first_line, report.table("active_disclosure").last_line) == (62, 76)
    assert (report.table("applications").first_line, report.table("applications").last_line) == (78, 139)
    assert (report.table("review_litigation").first_line, report.table("review_litigation").last_line) == (141, 170)
    assert report.table("active_disclosure").value("rules", "本年制发件数") == 1  # a column by its label
