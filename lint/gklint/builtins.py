"""The engine's own plugin ("core"): text reader, templates, formatters, and the GK0 engine codes.

Registered through the `gklint` entry-point group like any other plugin.
"""

from __future__ import annotations

from gklint.core.hookspecs import hookimpl
from gklint.core.rule import Rule
from gklint.core.template import builtin_template_paths
from gklint.core.violation import Applicability, FixAvailability, Severity
from gklint.output import FORMATS
from gklint.output.formatters import FORMATTERS
from gklint.read.readers import READERS
from gklint.read.source import TextReader


def _emitted_by_engine(report, options):
    """Engine codes have no check of their own: the engine emits them."""
    return ()


def _engine_rule(code: str, name: str, hint: bool, summary: str, summary_en: str, doc: str) -> Rule:
    """An engine code with no fix: `hint` when its message says what to do (the catalogue's H)."""
    return Rule(code, name, Severity.ERROR, FixAvailability.NONE, summary, summary_en, _emitted_by_engine, {}, doc, hint=hint)


GK001 = _engine_rule(
    "GK001",
    "unreadable-file",
    True,
    "文件无法读取或解码（已尝试 UTF-8、带 BOM 的 UTF-8、GB18030），或是二进制文件",
    "the file cannot be read or decoded (tried UTF-8, UTF-8 with BOM, GB18030), or is binary",
    """\
## What it does
Reports a file that cannot be read: missing, unreadable, binary (NUL bytes, control
characters), or in none of the encodings gklint knows (UTF-8, UTF-8 with BOM, UTF-16 with BOM,
GB18030, or the one `--encoding` names); a .docx or .pdf that is damaged or cut off; a PDF that
needs a password to open.

## Why it matters
A report that cannot be decoded cannot be checked. Chinese Windows tools often save GB18030;
gklint detects it, and keeps it when fixing. Anything else is usually the wrong file (a .doc
saved as .txt, an image), an incomplete download, or a protected PDF.

## Example
```
report.txt:1:1: GK001 无法识别文件编码（已尝试 UTF-8、带 BOM 的 UTF-8、GB18030）
report.pdf:1:1: GK001 PDF 已加密，需要密码才能打开
```

## Fix safety
No automatic fix. Save the file as UTF-8 text (WPS/Word: 另存为 → 纯文本 → UTF-8); export the
PDF again without a password, or check the file: a cut-off download is the usual cause.

## 做什么
报告无法读取的文件：文件不存在、没有读取权限、是二进制文件（含 NUL 字节或控制字符），或不属于
gklint 能识别的编码（UTF-8、带 BOM 的 UTF-8、带 BOM 的 UTF-16、GB18030，或 `--encoding` 指定的
编码）；损坏或不完整的 .docx、.pdf；需要密码才能打开的 PDF。

## 为什么重要
无法解码的报告无法检查。中文 Windows 工具常以 GB18030 保存，gklint 能识别，修复时也保持原编码。
其他情况通常是文件选错了（另存为 .txt 的 .doc、图片）、下载不完整，或 PDF 加了密码。

## 示例

## 修复安全性
不自动修复。请将文件另存为 UTF-8 文本（WPS/Word：另存为 → 纯文本 → UTF-8）；PDF 请重新导出且不设
密码，或检查文件本身：下载中断是最常见的原因。
""",
)

GK002 = _engine_rule(
    "GK002",
    "no-report-structure",
    True,
    "未找到年度报告结构（六个部分一个也没有识别出来），或文件为空",
    "no report structure found (none of the six sections recognised), or the file is empty",
    """\
## What it does
Reports a file in which none of the six section headings of the national template
(一、总体情况 … 六、其他需要报告的事项) is recognised, or an empty file. No other rule runs on it.

## Why it matters
The national template (国办公开办函〔2019〕60号, 〔2021〕30号) fixes six sections; a text without
any of them is not an annual report, or its headings were lost in export.

## Example
```
notes.txt:1:1: GK002 未找到年度报告结构（六个部分的标题一个也没有识别出来）
```

## Fix safety
No automatic fix. Check that the right file was exported and that headings read like 「一、总体情况」.

## 做什么
报告一个也识别不出国家模板六个部分标题（一、总体情况 …… 六、其他需要报告的事项）的文件，或空文件。
该文件不再运行其他规则。

## 为什么重要
国家模板（国办公开办函〔2019〕60号、〔2021〕30号）规定了六个部分；一个部分都没有的文本不是年度报告，
或者导出时丢失了标题。

## 示例
```
notes.txt:1:1: GK002 未找到年度报告结构（六个部分的标题一个也没有识别出来）
```

## 修复安全性
不自动修复。请确认导出的是正确的文件，且标题写作「一、总体情况」这样的形式。
""",
)

GK003 = _engine_rule(
    "GK003",
    "rule-failed",
    False,
    "规则或插件运行出错；写明规则和插件，其他规则照常运行",
    "a rule or plugin failed with an exception; names the rule and plugin; other rules still run",
    """\
## What it does
Reports a rule that raised an exception on a file, or a plugin that failed to load, naming
the rule and its plugin. The other rules still run and their findings are reported.

## Why it matters
A linter that dies on one bad rule hides every other finding. This keeps the run honest: you
see both the findings and that one check could not be made.

## Example
```
report.txt:1:1: GK003 规则 GK999（demo，插件 demo-pack）运行出错：ZeroDivisionError: division by zero
plugin:broken-pack:1:1: GK003 插件 broken-pack 加载失败：ModuleNotFoundError: No module named 'x'
```

## Fix safety
No fix: report it to the rule's plugin author (`gklint --version` lists plugins).

## 做什么
报告某条规则在某个文件上抛出异常，或某个插件加载失败，并写明规则及其所属插件。其他规则照常运行，
其结果照常报告。

## 为什么重要
一条规则出错就整体退出的检查工具会掩盖所有其他问题。本代码让结果保持完整：既能看到其他问题，
也知道有一项检查没有做成。

## 示例
```
report.txt:1:1: GK003 规则 GK999（demo，插件 demo-pack）运行出错：ZeroDivisionError: division by zero
plugin:broken-pack:1:1: GK003 插件 broken-pack 加载失败：ModuleNotFoundError: No module named 'x'
```

## 修复安全性
无修复：请报告给该规则所属插件的作者（`gklint --version` 列出已加载的插件）。
""",
)


GK004 = Rule(
    "GK004",
    "unused-suppression",
    Severity.INFO,
    FixAvailability.SOMETIMES,  # a comment that cannot be read is reported without one
    "Markdown 中的 gklint 抑制注释没有抑制任何问题，或无法识别",
    "a gklint suppression comment in Markdown suppresses nothing, or cannot be read",
    _emitted_by_engine,
    {},
    """\
## What it does
Reports a `<!-- gklint: disable=… -->`, `disable-next-line=…` or `enable=…` comment in a Markdown
report whose code suppresses nothing although its rule ran, an `enable` that closes no `disable`,
a code that names no rule, and a `gklint:` comment that cannot be read. Like ruff's RUF100.
Codes whose rules were not selected in this run are not judged.

## Why it matters
A stale suppression hides the next real problem on that line: after the table was corrected, the
comment that silenced its blank cell would silence a new one too. A misspelt code suppresses nothing
and gives a false sense of safety.

## Example
```
<!-- gklint: disable-next-line=GK304 -->
| 规章 | 2 | 0 | 5 |
```
(no blank cell on that row: the comment is unused)

## Fix safety
Safe: removes the unused codes, or the whole comment (and its line, when nothing else is on it).
HTML comments do not show in rendered Markdown, so the published text does not change.

## 做什么
报告 Markdown 报告中的 `<!-- gklint: disable=… -->`、`disable-next-line=…`、`enable=…` 注释：
所写代码的规则运行了却没有抑制任何问题、`enable` 之前没有对应的 `disable`、代码不对应任何规则，
以及无法解析的 `gklint:` 注释。相当于 ruff 的 RUF100。本次未选中的规则的代码不作判断。

## 为什么重要
过时的抑制注释会把该行下一个真实问题也藏起来：表格改正后，原来用来屏蔽空白单元格的注释会继续
屏蔽新的空白单元格。拼错的代码什么也抑制不了，却让人以为已经处理。

## 示例
```
<!-- gklint: disable-next-line=GK304 -->
| 规章 | 2 | 0 | 5 |
```
（该行没有空白单元格：这条注释没有用处）

## 修复安全性
安全：删除没有用处的代码，或整条注释（该行没有其他内容时连同该行）。HTML 注释在渲染后的 Markdown
中不显示，发布的正文不变。
""",
    applicability=Applicability.SAFE,
)


GK005 = _engine_rule(
    "GK005",
    "pdf-without-text",
    True,
    "PDF 没有文字层（扫描件）：无法检查；gklint 不做文字识别（OCR）",
    "a PDF has no text layer (a scan): nothing can be checked; gklint does not OCR",
    """\
## What it does
Reports a PDF whose pages hold pictures and no text: a scanned paper report, or a document
printed to images. gklint reads the text a PDF carries; it does not recognise text in images
(no OCR), so nothing in such a file can be checked, and no other rule runs on it.

## Why it matters
A scan cannot be searched, copied or read aloud by a screen reader, and assessors cannot check
its figures against the tables. Reports are published on portals as text; a scan is usually
the wrong file (the signed paper copy instead of the exported document).

## Example
```
report.pdf:1:1: GK005 PDF 没有文字层（6 页都是图片，是扫描件）：无法检查；gklint 不做文字识别（OCR），请提供导出的 PDF、.docx 或文本
```

## Fix safety
No automatic fix. Lint the document the PDF was made from (.docx, or a PDF exported from Word/WPS
rather than scanned). If only a scan exists, run OCR yourself and check the recognised text.

## 做什么
报告页面只有图片、没有文字的 PDF：纸质报告的扫描件，或打印成图片的文档。gklint 读取 PDF 自带的
文字层，不做图片文字识别（OCR），所以这种文件什么也检查不了，也不运行其他规则。

## 为什么重要
扫描件无法搜索、复制，读屏软件也无法朗读，评估人员无法将其中的数字与表格核对。报告应以文本形式
在门户网站发布；扫描件通常是选错了文件（盖章的纸质版而不是导出的文档）。

## 示例
```
report.pdf:1:1: GK005 PDF 没有文字层（6 页都是图片，是扫描件）：无法检查；gklint 不做文字识别（OCR），请提供导出的 PDF、.docx 或文本
```

## 修复安全性
不自动修复。请检查生成该 PDF 的原文档（.docx，或由 Word/WPS 导出而非扫描的 PDF）。如果只有扫描件，
请自行识别文字并核对识别结果。
""",
)


@hookimpl
def gklint_rules():
    return [GK001, GK002, GK003, GK004, GK005]


@hookimpl
def gklint_templates():
    return list(builtin_template_paths())


@hookimpl
def gklint_formatters():
    return {**FORMATTERS, **FORMATS}


@hookimpl
def gklint_readers():
    return [TextReader(), *READERS]
