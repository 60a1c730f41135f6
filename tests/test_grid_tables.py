"""Tables handed over as grids of cells (.docx, HTML, PDF readers): read by their cells, laid out
as the national template lays them out — group labels merged down the side, labels spanning
columns, header rows with spans — whatever the file format. Blank cells stay in their column,
merged cells count once, and the blank official template reads as three complete, empty tables."""

from __future__ import annotations

from pathlib import Path

import pytest

from gklint.read.grid import GridBuilder
from gklint.read.source import SourceText
from gklint.run.config import Settings
from gklint.run.engine import Linter

from .test_tables import HUAIAN_FOUR, HUAIAN_THREE

FIXTURES = Path(__file__).parent / "fixtures"
APPLICANT_COLUMNS = ["natural_person", "business", "research", "public_welfare", "legal_services", "other", "total"]


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(Settings(select=["ALL"]))


def _template_rows(linter) -> list[dict]:
    template = linter.templates.by_version("2021")
    return template.data["applications"]["rows"]


def _depth(row: dict, rows: dict) -> int:
    depth = 0
    while row.get("parent"):
        row = rows[row["parent"]]
        depth += 1
    return depth


def _table_three_entries(linter, values: dict[str, list]) -> list[list[tuple]]:
    """Table 三 as Word lays it out: three label columns, a group label merged down over its
    items (rowspan), a label spanning the label columns it does not share, 7 value cells."""
    rows = _template_rows(linter)
    by_id = {r["id"]: r for r in rows}
    items = {r["id"]: [x for x in rows if x.get("parent") == r["id"]] for r in rows if r.get("group")}

    def span(row_id: str) -> int:  # rows a group label covers, its items' groups included
        return sum(span(x["id"]) if x.get("group") else 1 for x in items[row_id])

    grid = [
        [("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3), ("申请人情况", 1, 7)],
        [("自然人", 2, 1), ("法人或其他组织", 1, 5), ("总计", 2, 1)],
        [("商业企业", 1, 1), ("科研机构", 1, 1), ("社会公益组织", 1, 1), ("法律服务机构", 1, 1), ("其他", 1, 1)],
    ]
    pending: list[tuple] = []  # group labels to put in front of the next data row
    for row in rows:
        if row.get("group"):
            pending.append((row["label"], span(row["id"]), 1))
            continue
        depth = _depth(row, by_id)
        label = [*pending, (row["label"], 1, 3 - depth)]
        pending = []
        grid.append(label + [(str(v) if v is not None else "", 1, 1) for v in values[row["id"]]])
    return grid


def _table_four_entries(values: dict[str, list]) -> list[list[tuple]]:
    heads = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    return [
        [("行政复议", 1, 5), ("行政诉讼", 1, 10)],
        [*[(h, 2, 1) for h in heads], ("未经复议直接起诉", 1, 5), ("复议后起诉", 1, 5)],
        [(h, 1, 1) for h in heads * 2],
        [(str(v), 1, 1) for group in ("review", "direct_suit", "suit_after_review") for v in values[group]],
    ]


def _report_with_grids(linter, three: list[list[tuple]], four: list[list[tuple]]) -> SourceText:
    """A 2024 report whose tables 三 and 四 are grids, rendered as the structured readers render them."""
    lines = [
        "淮安市人民政府2024年政府信息公开工作年度报告",
        "本报告所列数据统计期限为2024年1月1日至2024年12月31日。如有疑问请联系：0517-83606666。",
        "一、总体情况",
        "2024年，全市深入推进政务公开。",
        "二、主动公开政府信息情况",
        "详见下表。",
        "三、收到和处理政府信息公开申请情况",
    ]
    grids = []

    def add_grid(entries):
        position = sum(len(line) + 1 for line in lines)
        builder = GridBuilder(position)
        for row in entries:
            lines.append(builder.add_row(row))
        grids.append(builder.grid())

    add_grid(three)
    lines.append("四、政府信息公开行政复议、行政诉讼情况")
    add_grid(four)
    lines += ["五、存在的主要问题及改进情况", "一是公开质量有待提高。", "六、其他需要报告的事项", "本年度未收取信息处理费。"]
    text = "\n".join(lines) + "\n"
    for grid in grids:
        assert all(text[c.start : c.end] == c.text for c in grid.cells)
    return SourceText(text, "utf-8", "docx", grids=tuple(grids))


def _lint(linter, source: SourceText):
    return linter.lint_source(source, Path("report.docx"))


def _cells(table) -> dict:
    return {row.id: [c.value for c in row.cells] for row in table.rows}


def test_grid_tables_read_cell_for_cell(linter):
    result = _lint(linter, _report_with_grids(linter, _table_three_entries(linter, HUAIAN_THREE), _table_four_entries(HUAIAN_FOUR)))
    three = result.report.table("applications")
    four = result.report.table("review_litigation")
    assert three.shape == "grid" and three.readable
    assert _cells(three) == HUAIAN_THREE
    assert _cells(four) == HUAIAN_FOUR
    assert not [v for v in result.violations if v.code.startswith("GK3") and v.code != "GK301"]


def test_a_blank_cell_stays_in_its_column(linter):
    values = {k: list(v) for k, v in HUAIAN_THREE.items()}
    values["withheld_security"][1] = None  # 商业企业 of 3.危及“三安全一稳定” (0 there: the sums still hold)
    values["carried_out"][3] = None
    result = _lint(linter, _report_with_grids(linter, _table_three_entries(linter, values), _table_four_entries(HUAIAN_FOUR)))
    three = result.report.table("applications")
    assert three.cell("withheld_security", "business").blank
    assert three.cell("carried_out", "public_welfare").blank
    assert three.cell("carried_out", "total").value == 103  # the cells after the blank keep their columns
    codes = [v.code for v in result.violations if v.code.startswith("GK3") and v.code != "GK301"]
    assert codes == ["GK304", "GK304"]
    messages = [v.message.zh for v in result.violations if v.code == "GK304"]
    assert "（商业企业）" in messages[0] and "（社会公益组织）" in messages[1]


def test_a_changed_cell_breaks_its_identities(linter):
    values = {k: list(v) for k, v in HUAIAN_THREE.items()}
    values["withheld_internal"][0] += 1
    four = {k: list(v) for k, v in HUAIAN_FOUR.items()}
    four["direct_suit"][2] += 1
    result = _lint(linter, _report_with_grids(linter, _table_three_entries(linter, values), _table_four_entries(four)))
    codes = sorted({v.code for v in result.violations if v.code.startswith("GK3") and v.code != "GK301"})
    assert codes == ["GK312", "GK313", "GK314"]  # （七）总计 unchanged: 一+二 = 三（七）+四 still holds


def test_a_lost_value_column_is_one_gk309(linter):
    """Every row one value short (a converter lost a column): not 25 GK306s, one GK309."""
    values = {k: v[:6] for k, v in HUAIAN_THREE.items()}
    result = _lint(linter, _report_with_grids(linter, _table_three_entries(linter, values), _table_four_entries(HUAIAN_FOUR)))
    codes = [v.code for v in result.violations if v.code.startswith("GK3") and v.code != "GK301"]
    assert codes == ["GK309"]
    assert "列无法对应" in next(v for v in result.violations if v.code == "GK309").message.zh


# --- the blank official template (.docx) ---------------------------------------------


@pytest.fixture(scope="module")
def blank_template(linter):
    pytest.importorskip("docx")
    return linter.lint_path(FIXTURES / "samples" / "template-2021-blank.docx")


def test_blank_template_has_three_complete_tables(blank_template):
    report = blank_template.report
    assert [t.kind for t in report.tables] == ["active_disclosure", "applications", "review_litigation"]
    sizes = {t.kind: (len(t.rows), len(t.cells), t.readable) for t in report.tables}
    assert sizes == {"active_disclosure": (6, 10, True), "applications": (25, 175, True), "review_litigation": (3, 15, True)}
    assert all(c.blank for t in report.tables for c in t.cells)


def test_blank_template_findings(blank_template):
    codes = [v.code for v in blank_template.violations]
    assert not {"GK301", "GK302", "GK305", "GK306", "GK308", "GK309"} & set(codes)
    blanks = [v.message.zh for v in blank_template.violations if v.code == "GK304"]
    assert len(blanks) == 3  # one a table, with the count, not 200 findings
    assert "10 个空白单元格" in blanks[0] and "175 个空白单元格" in blanks[1] and "15 个空白单元格" in blanks[2]
    placeholders = [v for v in blank_template.violations if v.code == "GK603"]
    assert placeholders and all("（文字描述）" in v.message.zh for v in placeholders)
