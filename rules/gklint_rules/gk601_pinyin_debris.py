"""GK601: pinyin left in parentheses after characters by a script converter (區(qū))."""

from __future__ import annotations

from gklint import Edit, Finding, Fix, Message, Severity, rule
from gklint.text import PINYIN_DEBRIS_RE


@rule(
    "GK601",
    "pinyin-debris",
    Severity.ERROR,
    fix="S",
    summary="繁简转换残留：汉字后括注拼音（區(qū)）",
    summary_en="converter debris: pinyin left in parentheses after characters (區(qū))",
)
def check(report, options):
    """## What it does
    Finds pinyin syllables with tone marks left in brackets right after a Chinese character,
    such as 「區(qū)」「報(bào)告」, the trace of a web page's ruby annotations or of a
    script converter. One finding per line, covering every such token on it.

    ## Why it matters
    The annual report is an official document published under 条例第五十条; text such as
    「政府信息公開工作年度報(bào)告」 is unreadable and cannot be searched or cited. The
    debris also defeats every comparison of headings and table labels against the
    national template (国办公开办函〔2021〕30号).

    ## Example
    ```
    一、政府信息公开工作總體情況
    在區(qū)委、區(qū)政府的正確領(lǐng)導(dǎo)下
    ```
    becomes `在區委、區政府的正確領導下` (GK602 then handles the script).

    ## Fix safety
    Safe: only the bracketed pinyin is removed (one edit per token), the characters it
    annotates and everything else on the line stay byte-identical.
    """
    text = report.text
    if ("(" not in text and "（" not in text) or PINYIN_DEBRIS_RE.search(text) is None:  # none anywhere
        return
    for line in report.lines:
        if "(" not in line.text and "（" not in line.text:
            continue
        matches = list(PINYIN_DEBRIS_RE.finditer(text, line.start, line.end))
        if not matches:
            continue
        tokens = "".join(m.group() for m in matches[:3]) + ("…" if len(matches) > 3 else "")
        first = matches[0]
        annotated = text[first.start() - 1]
        yield Finding(
            first.start(),
            matches[-1].end(),
            zh=f"本行有 {len(matches)} 处拼音残留 {tokens}（如「{annotated}{first.group()}」应为「{annotated}」），应删除",
            en=f"{len(matches)} pinyin debris token(s) on this line, {tokens} (e.g. 「{annotated}{first.group()}」 should read 「{annotated}」); remove them",
            fix=Fix.safe(
                *(Edit(m.start(), m.end(), "") for m in matches),
                description=Message(f"删除 {len(matches)} 处拼音残留", f"remove {len(matches)} pinyin token(s)"),
            ),
        )


RULE = check
