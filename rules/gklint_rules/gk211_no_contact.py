"""GK211: no contact information (neither a phone number nor an e-mail address)."""

from __future__ import annotations

from gklint.api import Finding, Severity, law, rule
from gklint.facts.period import report_anchor


@rule(
    "GK211",
    "no-contact",
    Severity.WARNING,
    hint=True,
    summary="没有联系方式（既无电话也无电子邮箱）",
    summary_en="no contact information (neither phone nor e-mail)",
)
def check(report, options):
    """## What it does
    Reports a report in which no phone or fax number (「电话：0533-5181064」, a number with its
    area code, 400/800, mobile) and no e-mail address can be found. Labels and numbers are
    read across PDF line breaks and spaces (「电 话 ：」).

    ## Why it matters
    Contact details are a convention, not a legal duty, but the national template's preamble
    (国办公开办函〔2019〕60号, 〔2021〕30号) and nearly every published report end the preamble
    with 「如对本报告有疑问，请与…联系（地址…，电话…，电子邮箱…）」: without it the public has no
    way to ask about the report (条例第五十条 makes the report a document for the public).

    ## Example
    ```
    本报告电子版可在XX区人民政府门户网站下载。   ← 没有电话、电子邮箱
    一、总体情况
    ```

    ## Fix safety
    No fix: the message shows the usual contact sentence; only the author knows the details.

    ## 做什么
    报告找不到任何电话或传真号码（「电话：0533-5181064」、带区号的号码、400/800、手机号）和电子邮箱
    地址的报告。标签和号码可以跨 PDF 换行和空格识别（「电 话 ：」）。

    ## 为什么重要
    联系方式是惯例而非法定义务，但国家模板（国办公开办函〔2019〕60号、〔2021〕30号）的引言和几乎所有
    已发布的报告都以「如对本报告有疑问，请与…联系（地址…，电话…，电子邮箱…）」结尾：没有它，公众无法
    就报告提出询问（条例第五十条把报告定位为面向公众的文件）。

    ## 示例

    ## 修复安全性
    不修复：消息给出常见的联系方式写法；具体信息只有作者知道。
    """
    if report.facts.contacts or not report.sections:
        return
    start, end = report_anchor(report)
    sentence = law()["contact"]["sentence"]
    yield Finding(
        start,
        end,
        zh=f"没有联系方式（电话或电子邮箱）；可在前言中写明「{sentence}」",
        en=f"no contact details (phone or e-mail); the preamble usually says 「{sentence}」",
    )


RULE = check
