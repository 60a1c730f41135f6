"""GK221: outdated or wrong legal basis (国务院令第492号; the 60号 format in a 2021+ report; a misnamed 条例)."""

from __future__ import annotations

import difflib
import functools
import re

from gklint.api import Applicability, Edit, Finding, Fix, FixAvailability, Message, Severity, label_key, law, rule
from gklint.facts.period import is_traditional_text, report_year

_BOOK_TITLE_RE = re.compile(r"《([^《》]{2,40})》")
_PRC = "中华人民共和国"


@functools.cache
def _outdated() -> tuple:
    return tuple((re.compile(item["pattern"]), item) for item in law()["regulation"]["outdated"])


def _minimal_edits(start: int, old: str, new: str) -> list[Edit]:
    """Edits turning `old` (at `start`) into `new`, touching only what differs."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    return [Edit(start + i1, start + i2, new[j1:j2]) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]


@rule(
    "GK221",
    "legal-basis",
    Severity.WARNING,
    fix=FixAvailability.SOMETIMES,
    applicability=Applicability.SAFE,
    summary="法律依据过时或名称有误（国务院令第492号、2021年起仍引〔2019〕60号、条例名称写错）",
    summary_en="outdated or wrong legal basis (Order No. 492; the 60号 format in a 2021+ report; a misnamed 条例)",
)
def check(report, options):
    """## What it does
    Reports three ways of citing the wrong basis:
    - the 2007 regulation, 「国务院令第492号」;
    - the 2019 trial format 「国办公开办函〔2019〕60号」 in a report for 2021 or later;
    - the regulation under a wrong name in book-title marks, e.g. 《政府信息公开工作条例》,
      《信息公开条例》 (the names are data in `templates/law.yaml`). The full name
      《中华人民共和国政府信息公开条例》, the short form 《政府信息公开条例》 and 《条例》 after
      「以下简称」 are right; script and converter debris do not matter.

    ## Why it matters
    The report is made under 《中华人民共和国政府信息公开条例》 as revised in 2019 (国务院令第711号,
    in force 2019-05-15); the 2007 version (国务院令第492号) is repealed. From the 2021 reports on,
    the format is 国办公开办函〔2021〕30号. A report citing a repealed text or a regulation that does
    not exist looks careless in the one document about legal compliance.

    ## Example
    ```
    组织学习《政府信息公开工作条例》相关文件精神      ← 应为《中华人民共和国政府信息公开条例》
    根据《中华人民共和国政府信息公开条例》（国务院令第492号）   ← 现行为国务院令第711号
    ```

    ## Fix safety
    Safe for a misnamed regulation: the name inside 《》 becomes the full official name, in
    traditional script when the name is written so (《中華人民共和國政府信息公開條例》); only the
    characters that differ are edited. Not offered when the name is broken over two lines. The
    other cases need the author: no fix.

    ## 做什么
    报告三种引错依据的情况：
    - 引用 2007 年的条例「国务院令第492号」；
    - 2021 年及以后的报告仍引用 2019 年的格式「国办公开办函〔2019〕60号」；
    - 书名号中的条例名称写错，如《政府信息公开工作条例》《信息公开条例》（名称见数据
      `templates/law.yaml`）。全称《中华人民共和国政府信息公开条例》、简称《政府信息公开条例》以及
      「以下简称」之后的《条例》都是正确的；繁简和转换残留不影响判断。

    ## 为什么重要
    年度报告依据的是 2019 年修订的《中华人民共和国政府信息公开条例》（国务院令第711号，2019年5月15日
    起施行）；2007 年版（国务院令第492号）已废止。自 2021 年度报告起，格式为国办公开办函〔2021〕30号。
    一份专门说明依法公开情况的文件引用已废止或根本不存在的法规，显得很不严谨。

    ## 示例

    ## 修复安全性
    条例名称写错时安全：书名号中的名称改为正式全称，原文为繁体时用繁体（《中華人民共和國政府信息公開
    條例》）；只改不同的字。名称跨两行时不提供修复。其他情况需要作者处理：不修复。
    """
    data = law()["regulation"]
    misnamed = {label_key(n) for n in data["misnamed"]}
    year = report_year(report)
    for passage in report.facts.passages.holding("《"):
        text = passage.text
        for match in _BOOK_TITLE_RE.finditer(text):
            key = label_key(match.group(1))
            if key.startswith(_PRC):
                key = key[len(_PRC) :]
            if key not in misnamed:
                continue
            start, end = passage.source_span(match.start(1), match.end(1))
            written = report.text[start:end]
            traditional = is_traditional_text(written, threshold=1)
            name = data["name_traditional"] if traditional else data["name"]
            fix = None
            if "\n" not in written and "\r" not in written:
                fix = Fix.safe(
                    *_minimal_edits(start, written, name),
                    description=Message(f"改为《{name}》", f"write 《{name}》"),
                )
            yield Finding(
                start - 1,
                end + 1,
                zh=f"条例名称有误：《{written}》应为《{name}》",
                en=f"the regulation is misnamed: 《{written}》 should be 《{name}》",
                fix=fix,
            )
    for pattern, item in _outdated():
        if item.get("from_year") and (year is None or year < int(item["from_year"])):
            continue
        # law.yaml's patterns have no anchors or look-arounds: `report.facts.passages.holding` finds where they match.
        for passage in report.facts.passages.holding(pattern):
            for match in pattern.finditer(passage.text):
                start, end = passage.source_span(match.start(), match.end())
                yield Finding(
                    start,
                    end,
                    zh=f"「{report.text[start:end]}」：{item['zh']}",
                    en=f"「{report.text[start:end]}」: {item['en']}",
                )


RULE = check
