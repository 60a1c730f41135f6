"""GK601: pinyin left in parentheses after characters by a script converter (區(qū))."""

from __future__ import annotations

import itertools

from gklint.api import Applicability, Edit, Finding, Fix, FixAvailability, Message, Severity, rule
from gklint.core.text import PINYIN_DEBRIS_RE


@rule(
    "GK601",
    "pinyin-debris",
    Severity.ERROR,
    fix=FixAvailability.ALWAYS,
    applicability=Applicability.SAFE,
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

    ## 做什么
    找出紧跟在汉字后面、括在括号里的带声调拼音，如「區(qū)」「報(bào)告」，这是网页注音或繁简转换
    工具留下的痕迹。每行一个问题，覆盖该行所有这类片段。

    ## 为什么重要
    年度报告是依条例第五十条发布的正式文件；「政府信息公開工作年度報(bào)告」这样的文字无法阅读，也
    无法搜索和引用。这些残留还会使标题和表格标签与国家模板（国办公开办函〔2021〕30号）的比较全部失效。

    ## 示例
    ```
    一、政府信息公开工作總體情況
    在區(qū)委、區(qū)政府的正確領(lǐng)導(dǎo)下
    ```
    修复后为 `在區委、區政府的正確領導下`（繁体字再由 GK602 处理）。

    ## 修复安全性
    安全：只删除括号中的拼音（每个片段一处修改），被注音的字和该行其余内容逐字节不变。
    """
    text = report.text
    if ("(" not in text and "（" not in text) or PINYIN_DEBRIS_RE.search(text) is None:  # none anywhere
        return
    # One scan of the whole text (a token holds no line break), its matches grouped by line.
    for _, group in itertools.groupby(PINYIN_DEBRIS_RE.finditer(text), key=lambda m: report.location(m.start())[0]):
        matches = list(group)
        tokens = "".join(m.group() for m in matches[:3]) + ("…" if len(matches) > 3 else "")
        first = matches[0]
        annotated = text[first.start() - 1]
        yield Finding(
            first.start(),
            matches[-1].end(),
            zh=f"本行有 {len(matches)} 处拼音残留 {tokens}（如「{annotated}{first.group()}」应为「{annotated}」），应删除",
            en=f"{len(matches)} pinyin debris token(s) on this line, {tokens} (e.g. 「{annotated}{first.group()}」 should read 「{annotated}」); remove them",
            fix=Fix.safe(
                *Edit.many((*m.span(), "") for m in matches),
                description=Message(f"删除 {len(matches)} 处拼音残留", f"remove {len(matches)} pinyin token(s)"),
            ),
        )


RULE = check
