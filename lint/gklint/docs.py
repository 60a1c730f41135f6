"""Rule documentation: `gklint rule CODE`, `gklint rules`, and the generated docs/rules/ pages."""

from __future__ import annotations

from pathlib import Path
from typing import Mapping

from .rule import FIX_KINDS, Rule

SEVERITY_NAMES = {"E": ("错误", "error"), "W": ("警告", "warning"), "I": ("提示", "info")}


def render_rule(rule: Rule, lang: str = "zh") -> str:
    zh, en = SEVERITY_NAMES[rule.severity.value]
    lines = [
        f"# {rule.code} {rule.name}",
        "",
        f"{rule.summary}" if lang == "zh" else rule.summary_en,
        "",
        f"- severity: {rule.severity.value} ({en})",
        f"- fix: {rule.fix} ({FIX_KINDS[rule.fix]})",
        f"- plugin: {rule.plugin or '-'}",
    ]
    if rule.options:
        lines.append("- options:")
        for name, option in rule.options.items():
            lines.append(f"  - `{name}` (default `{option.default!r}`): {option.description}")
    lines += ["", rule.doc.strip(), ""]
    return "\n".join(lines)


def render_rule_list(rules: Mapping[str, Rule], lang: str = "zh") -> str:
    rows = ["| code | name | sev | fix | what |", "|---|---|---|---|---|"]
    for code, rule in sorted(rules.items()):
        summary = rule.summary if lang == "zh" else rule.summary_en
        rows.append(f"| {code} | {rule.name} | {rule.severity.value} | {rule.fix} | {summary} |")
    return "\n".join(rows)


def generated_pages(rules: Mapping[str, Rule]) -> dict[str, str]:
    """Relative path under docs/ → content, for every rule plus the index."""
    pages = {f"rules/{code}.md": render_rule(rule, "zh") for code, rule in rules.items()}
    index = [
        "# Rule reference",
        "",
        "Generated from the rules' own documentation by `python -m gklint.docs`; do not edit by hand.",
        "Severity: E error, W warning, I info (I rules run only when selected).",
        "Fix: S safe (`--fix`), U unsafe (`--unsafe-fixes`), H hint in the message, - none.",
        "",
        render_rule_list(rules, "zh").replace("| " , "| ", 1),
        "",
    ]
    index = [row if not row.startswith("| GK") else _link(row) for row in index]
    pages["rules.md"] = "\n".join(index)
    return pages


def _link(row: str) -> str:
    code = row.split("|")[1].strip()
    return row.replace(f"| {code} |", f"| [{code}](rules/{code}.md) |", 1)


def write_docs(docs_dir: Path) -> list[Path]:
    from .plugins import load_plugins

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
