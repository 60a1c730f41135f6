"""GK307: a table follows the other template version than the report year requires, or mixes both."""

from __future__ import annotations

from gklint.api import Finding, Severity, rule
from gklint.facts.table_checks import table_name

NAMES = {"2019": "国办公开办函〔2019〕60号", "2021": "国办公开办函〔2021〕30号"}


@rule(
    "GK307",
    "table-template-version",
    Severity.ERROR,
    hint=True,
    summary="统计表格式与报告年度应采用的模板版本不符",
    summary_en="a table follows the other template version, or mixes both",
)
def check(report, options):
    """## What it does
    Reports a table (二 or 三) whose rows or column headings belong to the other version of the
    national template than the report year requires, or that has rows of both. Version-specific
    signs: 2019 format 「规范性文件」, 「其他对外管理服务事项」, 「政府集中采购」, 「本年新制作数量」,
    three values after 「行政许可」, 「（六）其他处理」 as one row; 2021 format 「行政规范性文件」,
    「本年制发件数」, 「本年收费金额」, one value after 「行政许可」, 「（六）其他处理」 split into three
    items. The table is read with the version it follows. Without a report year in the title
    nothing is reported, nor for a table that could not be read with confidence (GK309).

    ## Why it matters
    国办公开办函〔2019〕60号 is the format for the 2019 and 2020 reports; 国办公开办函〔2021〕30号
    (2021-09-26) replaces it from the 2021 reports on. Using last year's file as a starting point
    keeps the old table — one of the errors assessors list.

    ## Example
    ```
    淮安市人民政府2020年政府信息公开工作年度报告
    …
    规章 1 0 11
    行政规范性文件 8 26 66          ← 2021 年版格式
    ```

    ## Fix safety
    No fix: the table has to be redrawn in the right format with the right figures.

    ## 做什么
    报告行或列标题属于另一版国家模板（而非报告年度应采用的版本）、或两版的行混在一起的表格（第二或
    第三部分）。各版特有的标志：2019 年版「规范性文件」「其他对外管理服务事项」「政府集中采购」「本年
    新制作数量」、「行政许可」后有三个数值、「（六）其他处理」为一行；2021 年版「行政规范性文件」「本年
    制发件数」「本年收费金额」、「行政许可」后只有一个数值、「（六）其他处理」分为三项。表格按其实际
    采用的版本读取。标题中没有报告年度时不报告，无法可靠读取的表格（GK309）也不报告。

    ## 为什么重要
    国办公开办函〔2019〕60号是 2019、2020 年度报告的格式；国办公开办函〔2021〕30号（2021年9月26日）
    自 2021 年度报告起取代它。用上年的文件改写会保留旧表格——这是评估人员列出的错误之一。

    ## 示例

    ## 修复安全性
    不修复：需要按正确格式重新制表并填入正确数据。
    """
    year = report.year
    if year is None:
        return  # which version is required is unknown without the report year
    expected = report.template.version
    for table in report.tables:
        if table.kind == "review_litigation" or not (table.other_version or table.mixed):
            continue
        if not table.readable:
            continue  # GK309: its rows or its values' count (evidence of a version) are not trusted
        zh, en = table_name(table)
        specific = [r for r in table.rows + table.extra_rows if r.version and expected not in r.version.split("/")]
        start, end = (specific[0].label_start, specific[0].label_end) if specific else (table.start, table.start)
        example_zh = f"（如「{specific[0].written}」）" if specific else ""
        example_en = f" (e.g. {specific[0].written!r})" if specific else ""
        year_zh = f"{year}年度报告" if year else "本报告"
        year_en = f"a {year} report" if year else "this report"
        if table.mixed:
            zh_msg = f"{zh}混用了两个版本的模板格式{example_zh}；{year_zh}应使用{NAMES.get(expected, expected)}格式"
            en_msg = f"{en} mixes rows of both template versions{example_en}; {year_en} uses {NAMES.get(expected, expected)}"
        else:
            zh_msg = (
                f"{zh}采用{NAMES.get(table.version, table.version)}格式{example_zh}，但{year_zh}应使用{NAMES.get(expected, expected)}格式"
            )
            en_msg = (
                f"{en} follows {NAMES.get(table.version, table.version)}{example_en}, but {year_en} uses {NAMES.get(expected, expected)}"
            )
        yield Finding(start, end, zh=zh_msg, en=en_msg)


RULE = check
