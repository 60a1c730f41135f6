"""GK104: a section heading's wording differs from the template."""

from __future__ import annotations

from gklint.api import Applicability, Edit, Finding, Fix, FixAvailability, Message, Severity, rule
from gklint.core.text import PINYIN_DEBRIS_RE, is_traditional_char

_TRAILING = " \t\u00a0\u2002\u2003\u3000"


def _minimal_edit(written: str, wanted: str, offset: int) -> Edit:
    """One edit replacing only the differing middle of `written` (common prefix/suffix kept)."""
    prefix = 0
    while prefix < min(len(written), len(wanted)) and written[prefix] == wanted[prefix]:
        prefix += 1
    suffix = 0
    while suffix < min(len(written), len(wanted)) - prefix and written[len(written) - 1 - suffix] == wanted[len(wanted) - 1 - suffix]:
        suffix += 1
    return Edit(offset + prefix, offset + len(written) - suffix, wanted[prefix : len(wanted) - suffix])


@rule(
    "GK104",
    "heading-wording",
    Severity.INFO,
    fix=FixAvailability.SOMETIMES,
    applicability=Applicability.SAFE,
    summary="部分标题的措辞与模板不同",
    summary_en="a section heading's wording differs from the template",
)
def check(report, options):
    """## What it does
    Notes a section heading recognised as one of the six sections whose title is not the
    template's wording: 「一、政府信息公开工作总体情况」 for 「一、总体情况」, 「六、其他需要报告事项」
    for 「六、其他需要报告的事项」, or a title in traditional script. Spaces, brackets and
    punctuation do not count as differences.

    ## Why it matters
    The national template (国办公开办函〔2019〕60号, 〔2021〕30号) gives each section a fixed
    title; keeping it makes reports comparable and searchable across bodies and years. A
    variant is not wrong in substance, hence info level (select it with `--extend-select GK104`).

    ## Example
    ```
    一、政府信息公开工作总体情况      ← 模板措辞为「总体情况」
    六、其他需要报告事项              ← 模板措辞为「其他需要报告的事项」
    ```

    ## Fix safety
    Safe: the title is replaced by the template's wording, editing only the characters that
    differ; the numbering is GK103's. No fix is offered when the heading is in traditional
    script or carries converter debris (「報(bào)告」): a simplified title in a traditional
    text would mix scripts; convert the text first (GK601, GK602).

    ## 做什么
    提示已识别为六个部分之一、但标题措辞与模板不同的部分标题：「一、政府信息公开工作总体情况」应为
    「一、总体情况」，「六、其他需要报告事项」应为「六、其他需要报告的事项」，或标题使用繁体字。空格、
    括号和标点不算差别。

    ## 为什么重要
    国家模板（国办公开办函〔2019〕60号、〔2021〕30号）为每个部分规定了固定标题；保持一致便于跨单位、
    跨年度比较和检索。措辞不同在实质上并不算错，所以是提示级（用 `--extend-select GK104` 选中）。

    ## 示例

    ## 修复安全性
    安全：把标题换成模板措辞，只改不同的字；编号由 GK103 处理。标题为繁体字或带有转换残留
    （「報(bào)告」）时不提供修复：在繁体文本中插入简体标题会造成繁简混用，请先转换全文（GK601、GK602）。
    """
    for section in report.sections:
        if section.exact_wording:
            continue
        heading = section.heading
        # Up to the title's end: a Markdown heading's closing `##` or `**` is not wording.
        written = report.text[heading.title_start : heading.title_end].rstrip(_TRAILING)
        wanted = section.spec.title
        mixed = PINYIN_DEBRIS_RE.search(written) or any(is_traditional_char(c) for c in written)
        fix = None
        if not mixed:
            fix = Fix.safe(
                _minimal_edit(written, wanted, heading.title_start),
                description=Message(f"改为「{wanted}」", f"reword to 「{wanted}」"),
            )
        yield Finding(
            heading.title_start,
            heading.title_start + len(written),
            zh=f"第{section.spec.numeral}部分标题「{written}」与模板措辞不同，应为「{wanted}」",
            en=f"the heading of section {section.spec.numeral} reads 「{written}」; the template says 「{wanted}」",
            fix=fix,
        )


RULE = check
