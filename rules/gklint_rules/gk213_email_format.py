"""GK213: malformed e-mail address."""

from __future__ import annotations

from gklint import Finding, Severity, rule


@rule(
    "GK213",
    "malformed-email",
    Severity.WARNING,
    fix="H",
    summary="电子邮箱地址格式有误",
    summary_en="malformed e-mail address",
)
def check(report, options):
    """## What it does
    Checks every e-mail address (text with an 「@」 or a full-width 「＠」) with
    `email-validator`, syntax only (no DNS look-up): a full-width ＠ or ．, two dots in a row, a
    domain without a dot (「abc@163」), a character that cannot be in an address. An address
    broken by a PDF line wrap (「hazwgkc@\\n163.com」) is read whole and not reported.

    ## Why it matters
    The contact sentence of the national template's preamble (国办公开办函〔2019〕60号,
    〔2021〕30号) gives the address where the public sends questions about the report; a
    malformed one bounces.

    ## Example
    ```
    电子邮箱：gxqzwgkb＠163.com     ← 全角「＠」
    电子邮箱：zcgov@zb.shandong..cn  ← 两个点
    ```

    ## Fix safety
    No fix: the message gives the validator's reason; only the author knows the address.
    """
    for email in report.contacts.emails:
        error = email.error
        if error is None:
            continue
        yield Finding(
            email.start,
            email.end,
            zh=f"电子邮箱地址「{email.raw}」格式有误（{error}）",
            en=f"e-mail address 「{email.raw}」 is malformed: {error}",
        )


RULE = check
