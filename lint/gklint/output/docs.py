"""Rule documentation: `gklint rule CODE`, `gklint rules`, and the generated docs/rules/ pages."""

from __future__ import annotations

from pathlib import Path
from typing import Mapping

from gklint.core.rule import Rule
from gklint.core.violation import Applicability, FixAvailability

SEVERITY_NAMES = {"E": ("错误", "error"), "W": ("警告", "warning"), "I": ("提示", "info")}
# A fix's applicability in words, per language.
APPLICABILITY_NAMES = {
    Applicability.SAFE: ("安全修复", "safe"),
    Applicability.UNSAFE: ("不安全修复", "unsafe"),
    Applicability.DISPLAY_ONLY: ("仅显示的修复", "display-only"),
}
# The labels of a rule page's facts, per language.
FACT_LABELS = {
    "zh": ("级别", "修复", "插件", "选项", "默认"),
    "en": ("severity", "fix", "plugin", "options", "default"),
}


def render_rule(rule: Rule, lang: str = "zh") -> str:
    zh, en = SEVERITY_NAMES[rule.severity.value]
    severity_label, fix_label, plugin_label, options_label, default_label = FACT_LABELS[lang]
    lines = [
        f"# {rule.code} {rule.name}",
        "",
        rule.summary if lang == "zh" else rule.summary_en,
        "",
        f"- {severity_label}: {rule.severity.value} ({zh if lang == 'zh' else en})",
        f"- {fix_label}: {fix_description(rule, lang)}",
        f"- {plugin_label}: {rule.plugin or '-'}",
    ]
    if rule.options:
        lines.append(f"- {options_label}:")
        for name, option in rule.options.items():
            lines.append(f"  - `{name}` ({default_label} `{option.default!r}`): {option.description}")
    lines += ["", rule.documentation(lang), ""]
    return "\n".join(lines)


def fix_description(rule: Rule, lang: str) -> str:
    """The catalogue's letters, then the declaration: `H (U)（Sometimes：不安全修复；其余在消息中给出提示）`,
    `H (U) (Sometimes: unsafe; otherwise a hint in the message)`."""
    zh = lang == "zh"
    kinds = [APPLICABILITY_NAMES[a][0 if zh else 1] for a in Applicability if a in rule.applicability]
    if rule.fix is FixAvailability.NONE:
        words = ("消息中给出提示" if zh else "a hint in the message") if rule.hint else ("无" if zh else "none")
    else:
        words = ("、" if zh else ", ").join(kinds)
        if rule.fix is FixAvailability.SOMETIMES and rule.hint:
            words += "；其余在消息中给出提示" if zh else "; otherwise a hint in the message"
    return f"{rule.fix_kind}（{rule.fix.value}：{words}）" if zh else f"{rule.fix_kind} ({rule.fix.value}: {words})"


def render_rule_list(rules: Mapping[str, Rule], lang: str = "zh") -> str:
    header = "| 代码 | 名称 | 级别 | 修复 | 检查什么 |" if lang == "zh" else "| code | name | sev | fix | what |"
    rows = [header, "|---|---|---|---|---|"]
    for code, rule in sorted(rules.items()):
        summary = rule.summary if lang == "zh" else rule.summary_en
        rows.append(f"| {code} | {rule.name} | {rule.severity.value} | {rule.fix_kind} | {summary} |")
    return "\n".join(rows)


INDEX_INTRO = {
    "zh": [
        "# 规则参考 · Rule reference",
        "",
        "由各规则自带的文档经 `python -m gklint.output.docs docs` 生成，请勿手工编辑。English: [rules.en.md](rules.en.md).",
        "级别：E 错误，W 警告，I 提示（I 级规则仅在选中时运行）。",
        "修复：S 安全（`--fix`），U 不安全（`--unsafe-fixes`），H 消息中给出提示，- 无；H (S)、H (U)：部分问题有修复，其余给出提示。"
        "规则页另写明规则声明的可修复性（None 无、Sometimes 有时、Always 总是），每个修复的适用性由引擎核对。",
    ],
    "en": [
        "# Rule reference",
        "",
        "Generated from the rules' own documentation by `python -m gklint.output.docs docs`; do not edit by hand. 中文：[rules.md](rules.md).",
        "Severity: E error, W warning, I info (I rules run only when selected).",
        "Fix: S safe (`--fix`), U unsafe (`--unsafe-fixes`), H hint in the message, - none; H (S), H (U): a fix for some findings, a hint for the others. "
        "Each rule's page gives its declared fix availability (None, Sometimes, Always); the engine checks every fix against it.",
    ],
}
# Where each language's rule pages live, relative to docs/.
RULE_PAGE_DIRS = {"zh": "rules", "en": "rules/en"}


def generated_pages(rules: Mapping[str, Rule]) -> dict[str, str]:
    """Relative path under docs/ → content: every rule in Chinese (rules/) and English (rules/en/), and the indexes."""
    pages = {}
    for lang, folder in RULE_PAGE_DIRS.items():
        pages.update({f"{folder}/{code}.md": render_rule(rule, lang) for code, rule in rules.items()})
        rows = [row if not row.startswith("| GK") else _link(row, folder) for row in render_rule_list(rules, lang).split("\n")]
        index_name = "rules.md" if lang == "zh" else f"rules.{lang}.md"
        pages[index_name] = "\n".join([*INDEX_INTRO[lang], "", *rows, ""])
    return pages


def _link(row: str, folder: str) -> str:
    code = row.split("|")[1].strip()
    return row.replace(f"| {code} |", f"| [{code}]({folder}/{code}.md) |", 1)


def write_docs(docs_dir: Path, plugins: tuple[str, ...] = ("core", "rules")) -> list[Path]:
    """The rule pages of the rules of `plugins` (gklint's own by default; a rule pack's with
    `python -m gklint.output.docs docs --plugin NAME`) under `docs_dir`."""
    from gklint.run.plugins import load_plugins

    rules = {code: rule for code, rule in load_plugins().rules().items() if rule.plugin in plugins}
    written = []
    for relative, content in generated_pages(rules).items():
        path = docs_dir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m gklint.output.docs", description="write the rule reference pages")
    parser.add_argument("docs", nargs="?", type=Path, default=Path("docs"), help="the docs folder (default: docs)")
    parser.add_argument("--plugin", action="append", help="the rules of this plugin (repeatable; default: gklint's own)")
    args = parser.parse_args(argv)
    for path in write_docs(args.docs, tuple(args.plugin or ("core", "rules"))):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
