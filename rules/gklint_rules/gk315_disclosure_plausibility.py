"""GK315: table 二 implausible (对外公开总数量 < 本年新公开数量, 现行有效件数 < 本年制发件数)."""

from __future__ import annotations

from gklint.api import Finding, Severity, rule
from gklint.facts.table_checks import fmt, table_name


@rule(
    "GK315",
    "disclosure-implausible",
    Severity.WARNING,
    hint=True,
    summary="第二部分表格数值不合常理（总数小于本年新增数）",
    summary_en="table 二 implausible: a running total below this year's figure",
)
def check(report, options):
    """## What it does
    Soft checks on table 二, from the template data (`active_disclosure.plausibility`): a
    running total cannot be smaller than this year's part of it — 2019 format 对外公开总数量 ≥
    本年新公开数量, 2021 format 现行有效件数 ≥ 本年制发件数 (for 规章 and 规范性文件). No official
    identity links the cells of table 二, so nothing else is checked.

    ## Why it matters
    Documents made and published this year are part of those in force / published in total; a
    smaller total means the columns were swapped or a figure mistyped (国办公开办函〔2019〕60号,
    〔2021〕30号, table 二).

    ## Example
    ```
    规范性文件 | 4 | 4 | 2 |      ← 对外公开总数量 2 < 本年新公开数量 4
    ```

    ## Fix safety
    No fix: which figure is wrong is for the author to find.

    ## 做什么
    对第二部分表格做合理性检查（模板数据 `active_disclosure.plausibility`）：累计数不能小于其中本年的
    部分——2019 年版对外公开总数量 ≥ 本年新公开数量，2021 年版现行有效件数 ≥ 本年制发件数（规章和
    规范性文件）。第二部分表格的单元格之间没有官方规定的勾稽关系，所以不检查其他内容。

    ## 为什么重要
    本年制作和公开的文件是现行有效 / 累计公开文件的一部分；总数更小说明列填反了或数字打错了（国办公开
    办函〔2019〕60号、〔2021〕30号，第二部分表格）。

    ## 示例

    ## 修复安全性
    不修复：哪个数字错了由作者查找。
    """
    table = report.table("active_disclosure")
    if table is None or not table.readable:
        return
    template = report.templates.by_version(table.version) or report.template
    zh, en = table_name(table)
    for check_ in template.data.get("active_disclosure", {}).get("plausibility", []):
        row = table.row(check_["row"])
        big = table.cell(check_["row"], check_["at_least"])
        small = table.cell(check_["row"], check_["than"])
        if row is None or big is None or small is None or big.value is None or small.value is None:
            continue
        if big.number >= small.number:
            continue
        yield Finding(
            big.start,
            big.end,
            zh=f"{zh}「{row.label}」行：「{check_['at_least']}」为 {fmt(big.number)}，小于「{check_['than']}」{fmt(small.number)}",
            en=f"{en}, row {row.label}: {check_['at_least']} is {fmt(big.number)}, less than {check_['than']} {fmt(small.number)}",
        )


RULE = check
