"""GK606: CJK radical or compatibility code points in place of ordinary characters (⼀ for 一)."""

from __future__ import annotations

from gklint.api import Applicability, Edit, Finding, Fix, FixAvailability, Message, Severity, rule
from gklint.core.text import RADICAL_RE, ordinary_char


def _unified_in_compat_block(char: str) -> bool:
    """The twelve ordinary (unified) ideographs inside U+F900–U+FAFF, such as 﨎 U+FA0E: not debris."""
    return "\uf900" <= char <= "\ufaff"


@rule(
    "GK606",
    "radical-codepoints",
    Severity.WARNING,
    fix=FixAvailability.SOMETIMES,
    applicability=Applicability.SAFE,
    summary="使用部首或兼容汉字码位代替普通汉字（⼀ 代替 一，⺠ 代替 民）",
    summary_en="CJK radical or compatibility code points in place of ordinary characters (⼀ for 一, ⺠ for 民)",
)
def check(report, options):
    """## What it does
    Finds code points from the Kangxi Radicals (U+2F00–U+2FDF), CJK Radicals Supplement
    (U+2E80–U+2EFF) and CJK Compatibility Ideographs blocks that stand for an ordinary
    character, such as ⼀ (U+2F00) for 一 and ⺠ (U+2EA0) for 民, as PDF text extraction
    leaves them. One finding per line, naming each character and its ordinary form.

    ## Why it matters
    The two look the same but are different characters: searching the published report
    for 「人民」 or 「一、总体情况」 misses them, screen readers mispronounce them, and the
    headings no longer match the template wording (国办公开办函〔2021〕30号).

    ## Example
    ```
    ⼀、总体情况
    保障⼈⺠群众知情权
    ```
    should read `一、总体情况` and `保障人民群众知情权`.

    ## Fix safety
    Safe: each code point is replaced by the one ordinary character Unicode
    (NFKC, one character at a time) or the radical table in `gklint.core.text` gives it; nothing
    else changes. Radicals with no ordinary character are reported without an edit.

    ## 做什么
    找出康熙部首（U+2F00–U+2FDF）、中日韩部首补充（U+2E80–U+2EFF）和中日韩兼容表意文字区中代替普通
    汉字的码位，如 ⼀（U+2F00）代替「一」、⺠（U+2EA0）代替「民」，这是 PDF 文字提取常留下的。每行一个
    问题，列出每个字及其普通写法。

    ## 为什么重要
    两者看起来一样，却是不同的字符：在发布的报告中搜索「人民」或「一、总体情况」会漏掉它们，读屏软件
    会读错，标题也不再与模板措辞（国办公开办函〔2021〕30号）一致。

    ## 示例
    ```
    ⼀、总体情况
    保障⼈⺠群众知情权
    ```
    应为 `一、总体情况` 和 `保障人民群众知情权`。

    ## 修复安全性
    安全：每个码位替换为 Unicode（逐字 NFKC）或 `gklint.core.text` 中部首表给出的那一个普通汉字；其他内容
    不变。没有对应普通汉字的部首只报告，不修改。
    """
    text = report.text
    if RADICAL_RE.search(text) is None:  # none anywhere: no line to look at
        return
    for line in report.lines:
        found = [
            (m.start(), m.group(), ordinary_char(m.group()))
            for m in RADICAL_RE.finditer(text, line.start, line.end)
            if ordinary_char(m.group()) or not _unified_in_compat_block(m.group())
        ]
        if not found:
            continue
        mapped = [(offset, char, ordinary) for offset, char, ordinary in found if ordinary]
        shown = "、".join(f"「{c}」→「{o}」" if o else f"「{c}」" for _, c, o in found[:4]) + ("…" if len(found) > 4 else "")
        codes = ", ".join(f"U+{ord(c):04X}" for _, c, _ in found[:4])
        fix = None
        if mapped:
            fix = Fix.safe(
                *(Edit(offset, offset + 1, ordinary) for offset, _, ordinary in mapped),
                description=Message(f"换成普通汉字（{len(mapped)} 处）", f"use the ordinary characters ({len(mapped)})"),
            )
        yield Finding(
            found[0][0],
            found[-1][0] + 1,
            zh=f"本行有 {len(found)} 个部首或兼容区码位（PDF 提取所致）：{shown}，应换成普通汉字",
            en=f"{len(found)} CJK radical/compatibility code point(s) on this line ({codes}, left by PDF extraction): {shown}; use the ordinary characters",
            fix=fix,
        )


RULE = check
