"""GK212: malformed phone number (wrong length, em dash or full-width separator)."""

from __future__ import annotations

from gklint.api import Applicability, Edit, Finding, Fix, FixAvailability, Message, Severity, rule

_KIND = {
    "landline": ("固定电话（区号+7或8位号码）", "a landline (area code + 7 or 8 digits)"),
    "service": ("400/800电话（10位）", "a 400/800 number (10 digits)"),
    "mobile": ("手机号码（11位）", "a mobile number (11 digits)"),
    "local": ("不带区号的本地号码（7或8位）", "a local number without area code (7 or 8 digits)"),
    "short": ("服务号码", "a service number"),
    "unknown": ("电话号码", "a phone number"),
}


@rule(
    "GK212",
    "malformed-phone",
    Severity.WARNING,
    fix=FixAvailability.SOMETIMES,
    applicability=Applicability.SAFE,
    summary="电话号码格式有误（位数不对、用了破折号或全角分隔符）",
    summary_en="malformed phone number (wrong length, em dash or full-width separator)",
)
def check(report, options):
    """## What it does
    Checks every phone and fax number the report gives (after 电话, 联系电话, 传真…, or shaped
    like 「0533-5181064」) with `phonenumbers` for region CN: a landline with its area code, a
    400/800 number and a mobile number must have the right number of digits; a local number
    written without its area code must have 7 or 8. The separator between area code and number
    must be a hyphen 「-」, not an em dash 「—」, en dash or full-width 「－」.

    ## Why it matters
    The contact sentence of the national template's preamble (国办公开办函〔2019〕60号,
    〔2021〕30号) is how the public reaches the office: a number with a digit missing cannot be
    dialled, and a dash in place of the hyphen breaks click-to-call and search on the portal.

    ## Example
    ```
    电话：0631—5961933      ← 「—」应为「-」
    电话：0533-518106       ← 少一位
    ```

    ## Fix safety
    Safe for the separator: each em dash or full-width hyphen inside a number that is otherwise
    right is replaced by 「-」 (only those characters change). A wrong length needs the author:
    no fix.

    ## 做什么
    用 `phonenumbers`（按中国大陆号码规则）检查报告中的每个电话和传真号码（「电话」「联系电话」「传真」
    等之后的号码，或形如「0533-5181064」的号码）：带区号的固定电话、400/800 号码和手机号位数必须正确；
    不带区号的本地号码必须是 7 或 8 位。区号与号码之间的分隔符必须是连字符「-」，不能是破折号「—」、
    短横线或全角「－」。

    ## 为什么重要
    国家模板（国办公开办函〔2019〕60号、〔2021〕30号）引言中的联系方式是公众联系办公室的途径：少一位
    的号码打不通，用破折号代替连字符会让网站上的点击拨号和搜索失效。

    ## 示例

    ## 修复安全性
    分隔符可安全修复：号码本身正确时，其中的每个破折号或全角连字符替换为「-」（只改这些字符）。位数
    错误需要作者处理：不修复。
    """
    for phone in report.facts.contacts.phones:
        if not phone.valid:
            kind_zh, kind_en = _KIND[phone.kind]
            yield Finding(
                phone.start,
                phone.end,
                zh=f"电话号码「{phone.raw}」位数不对（{len(phone.digits)}位数字），不是有效的{kind_zh}",
                en=f"phone number 「{phone.raw}」 has a wrong length ({len(phone.digits)} digits) for {kind_en}",
            )
        elif phone.bad_separators:
            chars = "".join(sorted({report.text[o] for o in phone.bad_separators}))
            fixed = "".join(
                "-" if phone.start + i in phone.bad_separators else c for i, c in enumerate(report.text[phone.start : phone.end])
            )
            yield Finding(
                phone.start,
                phone.end,
                zh=f"电话号码「{phone.raw}」中的分隔符「{chars}」应为半角连字符「-」：{fixed}",
                en=f"phone number 「{phone.raw}」 uses 「{chars}」 as separator; write a hyphen: {fixed}",
                fix=Fix.safe(
                    *(Edit(o, o + 1, "-") for o in phone.bad_separators),
                    description=Message(f"改为「{fixed}」", f"write 「{fixed}」"),
                ),
            )


RULE = check
