"""GK213: malformed e-mail address."""

from __future__ import annotations

from gklint.api import Finding, Severity, rule

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
    hint=True,
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

    ## 做什么
    用 `email-validator` 检查每个电子邮箱地址（含「@」或全角「＠」的文字），只检查语法（不查询 DNS）：
    全角「＠」或「．」、连续两个点、域名中没有点（「abc@163」）、地址中不能出现的字符。被 PDF 换行断开
    的地址（「hazwgkc@\\n163.com」）按完整地址读取，不报告。

    ## 为什么重要
    国家模板（国办公开办函〔2019〕60号、〔2021〕30号）引言中的电子邮箱是公众就报告提问的地址；格式错误
    的地址会被退信。

    ## 示例

    ## 修复安全性
    不修复：消息给出校验失败的原因；正确地址只有作者知道。
    """
    for email in report.facts.contacts.emails:
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
