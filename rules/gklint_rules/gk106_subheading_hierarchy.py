"""GK106: sub-heading numbering breaks the hierarchy 一、→（一）→1.→（1） (GB/T 9704-2012 7.3.3)."""

from __future__ import annotations

from dataclasses import dataclass

from gklint.api import Applicability, Edit, Finding, Fix, FixAvailability, Message, Severity, rule
from gklint.core import numbering as nb
from gklint.model.report import LINE_SPACES

STYLE_AT_LEVEL = {level: style for style, level in nb.LEVEL.items()}
SECTION_STYLE, SKIPPED, MIXED = "section-style", "skipped-level", "mixed-styles"


@dataclass(frozen=True)
class Problem:
    index: int  # the numbered line, as an index into the walked items
    kind: str
    parent: int  # index of the parent item; -1 for the section (or preamble) itself
    expected_style: str


def walk(items: list[tuple[str, int]]) -> tuple[list[Problem], list[int]]:
    """Check a sequence of (style, value) numbered lines under a level-1 heading.

    Returns the problems and, for every item, the index of its parent (-1 = the heading).
    A line numbered like a section (一、) is reported and then opens a pseudo-section, so its
    own children are judged relative to it; a skipped level is reported and kept as written;
    a line that continues its parent's numbering in another style (（二） then 「3.」) is a
    second style at the parent's level and is treated as the parent's sibling.
    """
    problems: list[Problem] = []
    parents: list[int] = []
    # frames: [level, item index (-1 = root), last direct child index or None]
    stack: list[list] = [[1, -1, None]]
    for index, (style, value) in enumerate(items):
        level = nb.LEVEL[style]
        if style == nb.CN:
            del stack[1:]
            problems.append(Problem(index, SECTION_STYLE, -1, STYLE_AT_LEVEL[2]))
            parents.append(-1)
            stack[0][2] = index
            stack.append([1, index, None])
            continue
        while len(stack) > 1 and stack[-1][0] >= level:
            stack.pop()
        frame = stack[-1]
        parent_level, parent_index, previous = frame
        if (
            previous is None
            and parent_index >= 0
            and value > 1
            and items[parent_index][0] != style
            and items[parent_index][0] != nb.CN
            and value == items[parent_index][1] + 1
        ):
            # continues the parent's numbering: a sibling of the parent in another style
            stack.pop()
            grand = stack[-1]
            problems.append(Problem(index, MIXED, grand[1], items[parent_index][0]))
            parents.append(grand[1])
            grand[2] = index
            stack.append([parent_level, index, None])
            continue
        if level > parent_level + 1:
            problems.append(Problem(index, SKIPPED, parent_index, STYLE_AT_LEVEL[parent_level + 1]))
        parents.append(parent_index)
        frame[2] = index
        stack.append([level, index, None])
    return problems, parents


def _group_fixes(items, problems, parents) -> dict[int, list[tuple[int, str]]]:
    """Renumberings that are unambiguous: item index → the group's (index, new style) list.

    A group is every direct child of one parent. It is renumbered when all of them share one
    wrong style, have a problem, count 1, 2, 3…, the block does not already use the target
    style anywhere, and the renumbered block raises no new problem.
    """
    by_index = {p.index: p for p in problems}
    children: dict[int, list[int]] = {}
    for index, parent in enumerate(parents):
        children.setdefault(parent, []).append(index)
    used_styles = {style for style, _ in items}
    old = set(by_index)
    fixes: dict[int, list[tuple[int, str]]] = {}
    for group in children.values():
        styles = {items[i][0] for i in group}
        if len(styles) != 1 or not all(i in by_index and by_index[i].kind != MIXED for i in group):
            continue
        targets = {by_index[i].expected_style for i in group}
        if len(targets) != 1:
            continue
        target = targets.pop()
        if target in used_styles or [items[i][1] for i in group] != list(range(1, len(group) + 1)):
            continue
        renumbered = list(items)
        for i in group:
            renumbered[i] = (target, items[i][1])
        new_problems, _ = walk(renumbered)
        if {p.index for p in new_problems} <= old - set(group):
            plan = [(i, target) for i in group]
            for i in group:
                fixes[i] = plan
    return fixes


def _blocks(report):
    """(label, heading line text, sub-headings) for the preamble and sections 一, 五, 六."""
    preamble = [h for h in report.subheadings if h.section == 0 and h.line.number in report.preamble_lines]
    if preamble:
        yield "报告开头", "the preamble", preamble
    for section in report.sections:
        if not section.spec.needs_text:
            continue
        first, last = section.first_body_line, section.last_body_line
        subs = [h for h in report.subheadings if h.section == section.number and first <= h.line.number <= last]
        if subs:
            heading = section.heading  # named without Markdown markers (`## `, `**`)
            written = report.text[heading.numbering.start : heading.title_end] if heading.numbering else heading.line.stripped
            yield written.strip(LINE_SPACES), f"section {section.spec.numeral}", subs


@rule(
    "GK106",
    "subheading-hierarchy",
    Severity.WARNING,
    fix=FixAvailability.SOMETIMES,
    applicability=Applicability.SAFE,
    summary="小标题编号不符合「一、→（一）→1.→（1）」的层级",
    summary_en="sub-heading numbering breaks the hierarchy 一、→（一）→1.→（1）",
)
def check(report, options):
    """## What it does
    Checks the numbered sub-headings and items of the preamble and of sections 一, 五 and 六
    against the hierarchy 一、 → （一） → 1. → （1）, with the section heading as the first level:

    - a sub-heading numbered like a section (「一、加强组织领导」 inside 「一、总体情况」);
    - a level skipped (「1、体制机制建设情况」 or 「（1）主动公开政府信息情况」 directly under
      「一、总体情况」, 「（1）」 directly under 「（二）」);
    - two styles at one level (「（二）……」 followed by 「3.……」 continuing its numbering).

    Sections 二, 三 and 四 are not checked: they hold the template tables, whose row labels carry
    the template's own numbering (「（三）不予公开」 「1.属于国家秘密」). Half-width brackets
    (「(一)」) are GK604's, not this rule's: the width of a bracket does not change its level.

    ## Why it matters
    GB/T 9704-2012《党政机关公文格式》7.3.3 fixes the numbering of a document's levels as
    「一、」「（一）」「1.」「（1）」. The six sections of the annual report (国办公开办函〔2019〕60号,
    〔2021〕30号) are the first level, so their sub-headings start at 「（一）」. A sub-heading
    numbered 「一、」 reads as a new section, and a skipped level hides the structure.

    ## Example
    ```
    一、总体情况
    1、体制机制建设情况        ← 跳过了一级，应为「（一）」
    2、主动公开工作情况        ← 应为「（二）」
    ```

    ## Fix safety
    Safe, when unambiguous: when every direct child of one heading uses the same wrong style and
    counts 1, 2, 3…, the block does not use the target style already, and renumbering raises no
    new problem below, the numbering tokens are renumbered together (「1、」 → 「（一）」), editing
    only the tokens. Every finding of such a group carries the whole group's edits, so the group
    is renumbered all at once or not at all. Otherwise the message names the expected numbering.

    ## 做什么
    检查引言以及第一、五、六部分中带编号的小标题和条目是否符合「一、→（一）→ 1. →（1）」的层级，
    部分标题为第一层：

    - 小标题用了部分标题的编号（「一、总体情况」下的「一、加强组织领导」）；
    - 跳过了一级（「一、总体情况」下直接出现「1、体制机制建设情况」或「（1）主动公开政府信息情况」，
      「（二）」下直接出现「（1）」）；
    - 同一层用了两种样式（「（二）……」之后接着用「3.……」续编）。

    第二、三、四部分不检查：其中是模板表格，行标签带有模板自己的编号（「（三）不予公开」「1.属于国家
    秘密」）。半角括号（「(一)」）由 GK604 处理，不归本规则：括号宽度不改变层级。

    ## 为什么重要
    GB/T 9704-2012《党政机关公文格式》第 7.3.3 条规定公文各层次的编号依次为「一、」「（一）」「1.」
    「（1）」。年度报告的六个部分（国办公开办函〔2019〕60号、〔2021〕30号）是第一层，其小标题从「（一）」
    开始。编号为「一、」的小标题读起来像新的部分，跳级则让结构不清楚。

    ## 示例

    ## 修复安全性
    在没有歧义时安全：同一标题下所有直接子项都用同一种错误样式、按 1、2、3…… 计数，该块尚未使用目标
    样式，且重新编号不会在下层引起新问题时，这些编号一起改写（「1、」→「（一）」），只改编号本身。
    同一组的每个问题都带有整组的修改，所以整组要么一起改，要么都不改。其他情况由消息给出应有的编号。
    """
    for label, label_en, subs in _blocks(report):
        items = [(h.numbering.style, h.numbering.value) for h in subs]
        problems, parents = walk(items)
        fixes = _group_fixes(items, problems, parents)
        for problem in problems:
            heading = subs[problem.index]
            numbering = heading.numbering
            token = numbering.token
            expected = nb.render(problem.expected_style, numbering.value)
            if problem.parent >= 0:
                parent_zh = parent_en = subs[problem.parent].numbering.token
            else:
                parent_zh, parent_en = label, label_en
            if problem.kind == SECTION_STYLE:
                zh = f"「{label}」内的小标题「{token}」使用了部分标题的编号样式，应为「{expected}」"
                en = f"sub-heading 「{token}」 in {label_en} is numbered like a section; expected 「{expected}」"
            elif problem.kind == SKIPPED:
                zh = f"小标题「{token}」直接位于「{parent_zh}」之下，跳过了一级，应为「{expected}」"
                en = f"sub-heading 「{token}」 sits directly under 「{parent_en}」, skipping a level; expected 「{expected}」"
            else:
                previous = subs[problem.index - 1].numbering.token if problem.index else ""
                zh = f"小标题「{token}」接续「{previous}」所在层级的编号，同一层级用了两种样式，应为「{expected}」"
                en = f"sub-heading 「{token}」 continues the numbering of the level of 「{previous}」 in another style; expected 「{expected}」"
            fix = None
            plan = fixes.get(problem.index)
            if plan:
                edits = [
                    Edit(subs[i].numbering.start, subs[i].numbering.end, nb.render(style, subs[i].numbering.value)) for i, style in plan
                ]
                fix = Fix.safe(
                    *edits,
                    description=Message(
                        f"将{len(edits)}个同级小标题重新编号为「{nb.render(plan[0][1], 1)}」样式",
                        f"renumber {len(edits)} sibling sub-headings in the 「{nb.render(plan[0][1], 1)}」 style",
                    ),
                )
            yield Finding(numbering.start, numbering.end, zh=zh, en=en, fix=fix)


RULE = check
