"""GK211: no contact information (neither a phone number nor an e-mail address)."""

from __future__ import annotations

from gklint import Finding, Severity, rule
from gklint.period import law, report_anchor


@rule(
    "GK211",
    "no-contact",
    Severity.WARNING,
    fix="H",
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
    """
    if report.contacts or not report.sections:
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
