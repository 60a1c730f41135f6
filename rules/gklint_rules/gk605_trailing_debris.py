"""GK605: text after the last section that is not report prose (OCR of images, file names)."""

from __future__ import annotations

import re

from gklint.api import Applicability, Edit, Finding, Fix, FixAvailability, Message, Severity, rule

_LATIN_RE = re.compile(r"[A-Za-z]")
# A name starts where a run of name characters starts (the look-behind after its first character):
# tried from inside a long run too, it rescanned the run's rest each time (quadratic).
_IMAGE_FILE_RE = re.compile(r"[\w\-().](?<![\w\-().][\w\-().])[\w\-().]*\.(?:jpe?g|png|gif|bmp|emf|wmf|tiff?|svg|webp)", re.IGNORECASE)
# Legitimate endings without Han characters: a date in figures, a web address.
_NUMERIC_DATE_RE = re.compile(r"(?:19|20)\d{2}[-./](?:0?[1-9]|1[0-2])[-./](?:0?[1-9]|[12]\d|3[01])")
_ADDRESS_RE = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PROSE, DEBRIS, NEUTRAL = "prose", "debris", "neutral"


def _is_han(char: str) -> bool:
    """CJK ideographs, radicals and compatibility ideographs (as a regex class: 2.5 ms to compile at start-up)."""
    return "\u3400" <= char <= "\u9fff" or "\u2e80" <= char <= "\u2fdf" or "\uf900" <= char <= "\ufaff"


def classify(line, page_lines: set[int], navigation: tuple[str, ...] = ()) -> str:
    """prose (report text or a signature/date), debris (file names, Latin OCR junk, a web page's
    own words: 分享到, 【打印本页】) or neutral."""
    stripped = line.stripped
    if not stripped or line.number in page_lines:
        return NEUTRAL
    if _IMAGE_FILE_RE.fullmatch(stripped) or is_navigation(stripped, navigation):
        return DEBRIS
    compact = "".join(stripped.split())
    han = sum(_is_han(c) for c in compact)
    if han and han >= 0.3 * len(compact):
        return PROSE
    if _NUMERIC_DATE_RE.fullmatch(compact) or _ADDRESS_RE.fullmatch(compact):
        return PROSE
    if _LATIN_RE.search(compact) or _IMAGE_FILE_RE.search(compact):
        return DEBRIS
    return NEUTRAL  # figures and punctuation only: kept if prose follows, dropped with a debris tail


def is_navigation(text: str, navigation: tuple[str, ...]) -> bool:
    """A line that starts with one of the template's `site_navigation` words (brackets aside)."""
    bare = text.lstrip("【[")
    return any(text.startswith(word) or bare.startswith(word) for word in navigation)


@rule(
    "GK605",
    "trailing-debris",
    Severity.WARNING,
    fix=FixAvailability.ALWAYS,
    applicability=Applicability.UNSAFE,
    summary="最后一部分之后有非报告正文（图片识别文字、文件名等）",
    summary_en="text after the last section that is not report prose (OCR of images, file names)",
)
def check(report, options):
    """## What it does
    Looks at what follows the last section's text: once the report prose (and a
    signature or date such as 「2021年1月25日」) ends, lines holding image file names
    (`image6.jpeg`), Latin OCR junk of scanned images (`RIKARAER RS`) or a web page's own
    words kept by a crawler (「分享到：」「【打印本页】」「【关闭窗口】」, the template's
    `site_navigation`) are debris. One finding covers the whole tail, from its first debris
    line to the end.

    ## Why it matters
    The report ends with 「六、其他需要报告的事项」 (国办公开办函〔2021〕30号); OCR junk
    and file names pasted after it are published as part of the report (条例第五十条),
    are unreadable and hide whether anything real follows.

    ## Example
    ```
    六、其他需要报告的事项
    无。
    image6.jpeg
    RIKARAER RS
    ```

    ## Fix safety
    Unsafe: removes everything after the last prose line to the end of the file,
    including blank lines, stray page footers and figure-only lines among the debris;
    an image's text may have been meant as content and need retyping instead.

    ## 做什么
    检查最后一部分正文之后的内容：报告正文（以及「2021年1月25日」这样的落款或日期）结束后，含有图片
    文件名（`image6.jpeg`）、扫描图片文字识别产生的拉丁字母乱码（`RIKARAER RS`）或爬虫随报告保存下来的
    网页自身文字（「分享到：」「【打印本页】」「【关闭窗口】」，模板的 `site_navigation`）的行属于残留。一个
    问题覆盖整个尾部，从第一行残留到文件末尾。

    ## 为什么重要
    报告以「六、其他需要报告的事项」结束（国办公开办函〔2021〕30号）；粘在后面的识别乱码和文件名会
    作为报告的一部分发布（条例第五十条），无法阅读，还会掩盖后面是否有真正的内容。

    ## 示例

    ## 修复安全性
    不安全：删除最后一行正文之后直到文件末尾的全部内容，包括残留中间的空行、孤立页脚和只有数字的行；
    图片中的文字也可能本来就是正文，需要重新录入。
    """
    if not report.sections:
        return
    last = max(report.sections, key=lambda s: s.heading.line.number)
    page_lines = {line.number for line in report.page_markers}
    after = report.lines[last.heading.line.number :]
    navigation = tuple(report.template.data.get("site_navigation", ()))
    # Only what follows the last prose line matters: classified from the end back to it.
    kinds = []
    for line in reversed(after):
        kind = classify(line, page_lines, navigation)
        if kind == PROSE:
            break
        kinds.append(kind)
    kinds.reverse()
    last_prose = len(after) - len(kinds) - 1  # -1: no prose line after the heading
    tail = list(zip(after[last_prose + 1 :], kinds))
    debris = [line for line, kind in tail if kind == DEBRIS]
    if not debris:
        return
    first = debris[0]
    final = [line for line, _ in tail if not line.is_blank][-1]
    keep_until = after[last_prose] if last_prose >= 0 else last.heading.line
    text = report.text
    cut = keep_until.end
    if text.startswith("\r\n", cut):
        cut += 2
    elif cut < len(text) and text[cut] in "\r\n":
        cut += 1
    count = sum(1 for line, _ in tail if not line.is_blank)
    start = first.start + len(first.text) - len(first.text.lstrip())
    page_words = all(is_navigation(line.stripped, navigation) for line in debris)
    what_zh = "网页自身的文字：分享、打印、导航等" if page_words else "图片文件名、图片识别残留等"
    what_en = "the web page's own words: sharing, printing, navigation" if page_words else "image file names, OCR debris"
    yield Finding(
        start,
        final.end,
        zh=f"第{last.spec.numeral}部分「{last.spec.title}」正文之后有 {count} 行不是报告正文（{what_zh}），"
        f"从「{first.stripped[:20]}」起到文末，应删除",
        en=f"{count} lines after the text of section {last.spec.numeral} ({last.spec.title}) are not report prose "
        f"({what_en}), from {first.stripped[:20]!r} to the end; remove them",
        fix=Fix.unsafe(
            Edit(cut, len(text), ""),
            description=Message("删除文末的非正文内容", "remove the debris at the end of the report"),
        ),
    )


RULE = check
