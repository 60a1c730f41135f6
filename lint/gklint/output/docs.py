"""Rule documentation: `gklint rule CODE`, `gklint rules`, and the generated docs/rules/ pages."""

from __future__ import annotations

from pathlib import Path
from typing import Mapping

from gklint.core.rule import FIX_KINDS, Rule

SEVERITY_NAMES = {"E": ("错误", "error"), "W": ("警告", "warning"), "I": ("提示", "info")}
FIX_NAMES_ZH = {"S": "安全修复", "U": "不安全修复", "H": "消息中给出提示", "-": "无"}
# The labels of a rule page's facts, per language.
FACT_LABELS = {
    "zh": ("级别", "修复", "插件", "选项", "默认"),
    "en": ("severity", "fix", "plugin", "options", "default"),
}


def render_rule(rule: Rule, lang: str = "zh") -> str:
    zh, en = SEVERITY_NAMES[rule.severity.value]
    severity_label, fix_label, plugin_label, options_label, default_label = FACT_LABELS[lang]
    fix_name = FIX_NAMES_ZH[rule.fix] if lang == "zh" else FIX_KINDS[rule.fix]
    lines = [
        f"# {rule.code} {rule.name}",
        "",
        rule.summary if lang == "zh" else rule.summary_en,
        "",
        f"- {severity_label}: {rule.severity.value} ({zh if lang == 'zh' else en})",
        f"- {fix_label}: {rule.fix} ({fix_name})",
        f"- {plugin_label}: {rule.plugin or '-'}",
    ]
    if rule.options:
        lines.append(f"- {options_label}:")
        for name, option in rule.options.items():
            lines.append(f"  - `{name}` ({default_label} `{option.default!r}`): {option.description}")
    lines += ["", rule.documentation(lang), ""]
    return "\n".join(lines)


def render_rule_list(rules: Mapping[str, Rule], lang: str = "zh") -> str:
    header = "| 代码 | 名称 | 级别 | 修复 | 检查什么 |" if lang == "zh" else "| code | name | sev | fix | what |"
    rows = [header, "|---|---|---|---|---|"]
    for code, rule in sorted(rules.items()):
        summary = rule.summary if lang == "zh" else rule.summary_en
        rows.append(f"| {code} | {rule.name} | {rule.severity.value} | {rule.fix} | {summary} |")
    return "\n".join(rows)


INDEX_INTRO = {
    "zh": [
        "# 规则参考 · Rule reference",
        "",
        "由各规则自带的文档经 `python -m gklint.output.docs docs` 生成，请勿手工编辑。English: [rules.en.md](rules.en.md).",
        "级别：E 错误，W 警告，I 提示（I 级规则仅在选中时运行）。",
        "修复：S 安全（`--fix`），U 不安全（`--unsafe-fixes`），H 消息中给出提示，- 无。",
    ],
    "en": [
        "# Rule reference",
        "",
        "Generated from the rules' own documentation by `python -m gklint.output.docs docs`; do not edit by hand. 中文：[rules.md](rules.md).",
        "Severity: E error, W warning, I info (I rules run only when selected).",
        "Fix: S safe (`--fix`), U unsafe (`--unsafe-fixes`), H hint in the message, - none.",
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


def write_docs(docs_dir: Path) -> list[Path]:
    from gklint.run.plugins import load_plugins

    rules = {code: rule for code, rule in load_plugins().rules().items() if rule.plugin in ("core", "rules")}
    written = []
    for relative, content in generated_pages(rules).items():
        path = docs_dir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    import sys

    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs")
    for path in write_docs(target):
        print(path)
