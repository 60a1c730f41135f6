"""GK311: in table 三, 一 + 二 ≠ 三（七）+ 四 in a column."""

from __future__ import annotations

from gklint.api import Finding, Severity, rule
from gklint.facts.table_checks import column_names, equal, fmt, table_name


@rule(
    "GK311",
    "applications-balance",
    Severity.ERROR,
    hint=True,
    summary="第三部分表格：第一项加第二项之和不等于第三项（七）加第四项之和",
    summary_en="table 三: 一 + 二 ≠ 三（七）+ 四 in a column",
)
def check(report, options):
    """## What it does
    For each of the seven columns of table 三 (自然人, the five 法人或其他组织 columns, 总计),
    checks the template's own header note: 一、本年新收 + 二、上年结转 = 三（七）总计 + 四、结转下年度
    继续办理. Blank cells count as 0; a column with a cell that was not read is skipped. The
    finding sits on the 三（七）总计 cell of that column, the one most likely wrong.

    ## Why it matters
    The template prints the identity in the table itself: 「本列数据的勾稽关系为：第一项加第二项
    之和，等于第三项加第四项之和」 (国办公开办函〔2019〕60号, 〔2021〕30号). Every application
    received or carried over is either handled this year or carried over to the next; a
    mismatch is the first thing assessors check (勾稽关系错误).

    ## Example
    ```
    一、本年新收政府信息公开申请数量   31 0 0 1 0 0 32
    二、上年结转政府信息公开申请数量    0 0 0 0 0 0 0
    （七）总计                         30 0 0 1 0 0 30     ← 32 + 0 ≠ 30 + 1
    四、结转下年度继续办理              1 0 0 0 0 0 1
    ```

    ## Fix safety
    No fix: the message gives both sides and the difference; which figure is wrong is for the
    author to find.

    ## 做什么
    对第三部分表格的七列（自然人、法人或其他组织的五列、总计）逐列检查模板表头自带的勾稽关系：
    一、本年新收 + 二、上年结转 = 三（七）总计 + 四、结转下年度继续办理。空白单元格按 0 计；有单元格
    未读出的列跳过。问题标在该列的三（七）总计单元格上，它最可能出错。

    ## 为什么重要
    模板在表格中印明了这一关系：「本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和」
    （国办公开办函〔2019〕60号、〔2021〕30号）。本年收到或上年结转的每一件申请，要么本年办理，要么结转
    下年；对不上是评估人员首先检查的问题（勾稽关系错误）。

    ## 示例

    ## 修复安全性
    不修复：消息给出等式两边及差额；哪个数字错了由作者查找。
    """
    table = report.table("applications")
    if table is None or not table.readable:
        return
    template = report.templates.by_version(table.version) or report.template
    zh, en = table_name(table)
    labels = {r["id"]: r["label"] for r in template.data["applications"]["rows"]}
    for identity in template.data["applications"].get("identities", []):
        left, right = identity["left"], identity["right"]
        for column, _label in table.columns:
            left_cells = [table.cell(r, column) for r in left]
            right_cells = [table.cell(r, column) for r in right]
            if any(c is None for c in left_cells + right_cells):
                continue
            lsum = sum(c.number for c in left_cells)
            rsum = sum(c.number for c in right_cells)
            if equal(lsum, rsum):
                continue
            target = right_cells[0]
            col_zh, col_en = column_names(table, column)
            lexpr = " + ".join(fmt(c.number) for c in left_cells)
            rexpr = " + ".join(fmt(c.number) for c in right_cells)
            lnames = "+".join(labels[r].split("、")[0] for r in left)
            rnames = "+".join("三（七）" if r == right[0] else labels[r].split("、")[0] for r in right)
            yield Finding(
                target.start,
                target.end,
                zh=f"{zh}{col_zh}：{lnames} = {lexpr} = {fmt(lsum)}，{rnames} = {rexpr} = {fmt(rsum)}，相差 {fmt(abs(lsum - rsum))}（第一项加第二项之和应等于第三项加第四项之和）",
                en=f"{en}, {col_en}: 一+二 = {lexpr} = {fmt(lsum)} but 三（七）+四 = {rexpr} = {fmt(rsum)}, a difference of {fmt(abs(lsum - rsum))}",
            )


RULE = check
