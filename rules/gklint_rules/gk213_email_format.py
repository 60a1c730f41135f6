"""GK213: malformed e-mail address."""

from __future__ import annotations

from gklint import Finding, Severity, rule

# email-validator's reasons, in Chinese (matched by a phrase of its English message).
_REASONS_ZH = (
    ("at-sign", "用了全角或其他形式的「@」"),
    ("must have an @-sign", "缺少「@」"),
    ("two periods in a row", "连续两个「.」"),
    ("should have a period", "「@」后的域名缺少「.」"),
    ("invalid characters", "含有地址中不能出现的字符"),
    ("cannot start with a period", "以「.」开头"),
    ("cannot end with a period", "以「.」结尾"),
    ("special-use or reserved", "域名是保留的特殊用途域名"),
)


def _reason_zh(error: str) -> str:
    return next((zh for phrase, zh in _REASONS_ZH if phrase in error), "格式不符合电子邮箱地址规范")


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
            zh=f"电子邮箱地址「{email.raw}」格式有误：{_reason_zh(error)}",
            en=f"e-mail address 「{email.raw}」 is malformed: {error}",
        )


RULE = check
