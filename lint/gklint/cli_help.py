"""`gklint --help` in the user's language: Chinese by default, English with `--lang en` or an
English locale (LANG=en_US.UTF-8).

The parser (cli.build_parser) is written in English; the Chinese texts live here, by option, so
a new option shows in English until its Chinese line is added (tests/test_cli_language.py checks
that every option has one).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from typing import Mapping, NoReturn, Sequence

DESCRIPTION_ZH = "政府信息公开工作年度报告合规检查：像 flake8 / ruff 一样逐条给出代码、位置和修改建议。"
EPILOG_ZH = (
    "子命令：`gklint check PATH …` 检查文件（与直接写路径相同；文件夹名为 rules、rule、init 时用它）；"
    "`gklint rule CODE` 显示规则文档；`gklint rules` 列出全部规则；`gklint init` 写入配置和 pre-commit 钩子。"
)
EPILOG_EN = (
    "Subcommands: `gklint check PATH …` lints (the same as giving the paths; use it for a folder named rules, rule or init); "
    "`gklint rule CODE` prints a rule's documentation; `gklint rules` lists all rules; "
    "`gklint init` writes a configuration and pre-commit hooks."
)

# By the option's longest flag (the positional by its dest).
HELP_ZH: Mapping[str, str] = {
    "paths": "要检查的文件或文件夹（文件夹中递归查找 .txt、.md 和 .pdf）；默认为当前文件夹",
    "--help": "显示本帮助并退出",
    "--format": "输出格式：text（默认；在 GitHub Actions 中为 github）、json、json-lines、full、sarif、github、junit、csv、html，或插件提供的格式",
    "--select": "要运行的规则（代码前缀、规则名或 ALL）；取代默认选择",
    "--extend-select": "在已选规则之外再加入的规则",
    "--ignore": "跳过的规则",
    "--exit-zero": "有问题时也以 0 退出",
    "--statistics": "按代码统计问题数量",
    "--lang": "消息和帮助的语言（默认 zh）",
    "--template": "模板版本（默认 auto：按报告年度）",
    "--issuer": "发布机关：department（部门，1月31日前公布，默认）或 government（人民政府，3月31日前）",
    "--config": "使用此配置文件（gklint.toml 或 pyproject.toml）",
    "--isolated": "忽略所有配置文件",
    "--stdin-filename": "把从标准输入读入的文本当作文件 NAME 检查（路径写 `-` 也一样）；配合 --fix 时把修复后的文本输出到标准输出",
    "--include": "在文件夹中查找的文件模式（默认 *.txt、*.md、*.pdf；例如 *.docx,*.html）",
    "--output-file": "把结果写入此文件而不是标准输出",
    "--previous": "同一单位上一年度的报告，用于跨年度检查 GK7xx（默认在所给文件中自动配对）",
    "--jobs": "用 N 个进程检查（0：每个 CPU 核一个）；结果与 -j 1 相同",
    "--version": "显示版本和已加载的插件",
    "--fix": "对文件应用安全修复（[*]），再报告剩下的问题",
    "--unsafe-fixes": "与 --fix 或 --diff 一起用：连同不安全修复一起应用（需人工确认）",
    "--diff": "以统一差异格式打印修复内容而不写文件（有可修复内容时退出码为 1）",
    "--show-fixes": "与 --fix 一起用：按文件和代码列出修复了什么",
    "--baseline": "隐藏记录在 FILE 中的问题",
    "--update-baseline": "把当前所有问题记入 --baseline FILE",
    "--since": "只检查自 git 版本 REV 以来改动的文件，只报告改动行上的问题",
    "--quiet": "只打印问题，不打印汇总和说明",
    "--verbose": "在标准错误上另外打印运行情况（配置、文件、用时）",
    "--color": "彩色输出：auto（在终端上且未设置 NO_COLOR 时）、always、never",
    "--show-settings": "打印生效的设置（配置文件、规则选择、规则）后退出",
    "--show-files": "打印将要检查的文件后退出",
    "--encoding": "用此编码解码文本文件（如 gbk、big5），不自动识别；有 BOM 时仍以 BOM 为准",
    # Options other branches add (shown in Chinese as soon as they are merged).
    "--exclude": "不检查的文件模式（取代配置中的 exclude）",
    "--extend-exclude": "在配置的 exclude 之外再排除的文件模式",
    "--force-exclude": "对命令行直接给出的文件也应用 exclude、.gitignore 和跳过非报告文件（pre-commit 钩子用）",
    "--force": "与 --fix 同用：只读文件也改写（默认拒绝，与编辑器相同）",
}
GROUP_TITLES_ZH = {
    "positional arguments": "位置参数",
    "options": "选项",
    "optional arguments": "选项",
    "fixes": "修复",
    "suppression and scope": "抑制与范围",
    "output": "输出",
}


def help_lang(argv: Sequence[str], environ: Mapping[str, str] | None = None) -> str:
    """zh or en: `--lang` on the command line, else the locale (LC_ALL, LC_MESSAGES, LANG as
    gettext reads them); a locale that is neither Chinese nor set (C, POSIX) keeps the default zh."""
    for index, arg in enumerate(argv):
        if arg.startswith("--lang="):
            return "en" if arg.split("=", 1)[1] == "en" else "zh"
        if arg == "--lang" and index + 1 < len(argv):
            return "en" if argv[index + 1] == "en" else "zh"
    environ = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:
            language = value.split(".", 1)[0].split("_", 1)[0].lower()
            return "zh" if language in ("zh", "c", "posix", "") else "en"
    return "zh"


# argparse's own error messages (English, from its gettext catalogue) → Chinese.
ERRORS_ZH = (
    (re.compile(r"^unrecognized arguments: (.*)$"), "无法识别的参数：{0}"),
    (re.compile(r"^argument (\S+): invalid choice: (.*?) \(choose from (.*)\)$"), "参数 {0}：无效的取值 {1}（可选：{2}）"),
    (re.compile(r"^argument (\S+): invalid (\w+) value: (.*)$"), "参数 {0}：无效的 {1} 值 {2}"),
    (re.compile(r"^argument (\S+): expected one argument$"), "参数 {0} 需要一个值"),
    (re.compile(r"^argument (\S+): ignored explicit argument (.*)$"), "参数 {0} 不接受值 {1}"),
)


def _error_zh(parser: argparse.ArgumentParser, message: str) -> NoReturn:
    for pattern, template in ERRORS_ZH:
        match = pattern.match(message)
        if match:
            message = template.format(*match.groups())
            break
    parser.print_usage(sys.stderr)
    parser.exit(2, f"gklint: 错误：{message}\n")


class ChineseHelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


def localize(parser: argparse.ArgumentParser, lang: str) -> argparse.ArgumentParser:
    """Put the parser's texts in `lang` (the parser is built in English)."""
    if lang != "zh":
        parser.epilog = EPILOG_EN
        return parser
    parser.description = DESCRIPTION_ZH
    parser.epilog = EPILOG_ZH
    parser.formatter_class = ChineseHelpFormatter
    parser.error = lambda message: _error_zh(parser, message)  # type: ignore[method-assign]
    for group in parser._action_groups:
        group.title = GROUP_TITLES_ZH.get(group.title or "", group.title)
    for action in parser._actions:
        key = max(action.option_strings, key=len) if action.option_strings else action.dest
        if key in HELP_ZH:
            action.help = HELP_ZH[key]
    return parser
