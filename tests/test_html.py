"""HTML input: a portal page the suite builds from seed 003 (navigation, breadcrumbs, menus,
footer, a script; the report in a content div with rowspan/colspan tables and entities)."""

from __future__ import annotations

import html
from collections import Counter
from pathlib import Path

import pytest

from gklint.read.html import extract
from gklint.read.readers import HtmlReader
from gklint.run.config import Settings
from gklint.run.engine import Linter

from .conftest import seed
from .seed_docx import seed_blocks

SEED = seed("003")
NAV = ["首页", "政务公开", "政务服务", "互动交流", "走进淄川", "政府信息公开年报"]


def spans(rows: list[list[str]]) -> list[list]:
    """A blank cell under a cell (or under that cell's continuation) becomes part of its rowspan;
    a short row's last cell spans the rest of the row. Returns rows of [text, rowspan, colspan] | None."""
    width = max(len(r) for r in rows)
    out, origin = [], {}
    for r, row in enumerate(rows):
        cells = []
        for k, text in enumerate(row):
            if not text and k in origin and r > 0 and k < len(rows[r - 1]):
                origin[k][1] += 1
                cells.append(None)
                continue
            cell = [text, 1, 1]
            cells.append(cell)
            origin[k] = cell
        for k in range(len(row), width):
            origin.pop(k, None)
        if len(row) < width and cells[-1] is not None:
            cells[-1][2] = width - len(row) + 1
        out.append(cells)
    return out


def esc(text: str) -> str:
    return html.escape(text, quote=False).replace("“", "&ldquo;").replace("”", "&rdquo;")


def build_page(text: str) -> str:
    blocks = seed_blocks(text)
    title = [item for _kind, item in blocks[:2]]
    body = []
    for kind, item in blocks[2:]:
        if kind == "p":
            # wrap long paragraphs in the HTML source between two Han characters, as CMS editors do
            cut = next((i for i in range(30, len(item) - 1) if item[i - 1] >= "\u4e00" and item[i] >= "\u4e00"), None)
            inner = esc(item[:cut]) + "\n      " + esc(item[cut:]) if len(item) > 60 and cut else esc(item)
            body.append(f'    <p style="text-indent:2em">{inner}</p>' if item.strip() else "    <p>&nbsp;</p>")
            continue
        body.append('    <table border="1" cellspacing="0">\n     <tbody>')
        for cells in spans(item):
            tds = []
            for cell in cells:
                if cell is None:
                    continue
                value, rowspan, colspan = cell
                attrs = (f' rowspan="{rowspan}"' if rowspan > 1 else "") + (f' colspan="{colspan}"' if colspan > 1 else "")
                tds.append(f'<td{attrs}><p align="center"><span>{esc(value)}</span></p></td>')
            body.append("      <tr>" + "".join(tds) + "</tr>")
        body.append("     </tbody>\n    </table>")
    nav = "".join(f'<li><a href="/c{i}.html">{name}</a></li>' for i, name in enumerate(NAV))
    newline = "\n"
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8">
  <title>{esc("".join(title))}_淄川区人民政府</title>
  <script>var menu = "一、总体情况 二、主动公开政府信息情况";</script>
  <style>.article p {{ line-height: 2; }}</style>
</head>
<body>
 <div class="header"><div class="logo">淄川区人民政府</div><ul class="nav">{nav}</ul>
  <form class="search"><input type="text" placeholder="请输入关键词"><button>搜索</button></form></div>
 <div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; <a href="/nb">政府信息公开年报</a></div>
 <div class="main">
  <div class="left"><h3>政府信息公开</h3><ul>{nav}</ul></div>
  <div class="article">
   <h1 class="article-title">{"<br>".join(esc(t) for t in title)}</h1>
   <div class="info">发布日期：2021-01-29　来源：淄川区人民政府办公室　浏览次数：1024</div>
   <div id="zoom" class="TRS_Editor">
{newline.join(body)}
   </div>
   <div class="share">分享到：<a>微信</a> <a>微博</a></div>
  </div>
 </div>
 <div class="footer"><p>版权所有：淄川区人民政府　主办：淄川区人民政府办公室</p><p>地址：淄博市淄川区般阳路35号　电话：0533-5181064</p></div>
</body>
</html>
"""


@pytest.fixture(scope="module")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def page(seed_text) -> str:
    return build_page(seed_text)


@pytest.fixture(scope="module")
def page_path(tmp_path_factory, page) -> Path:
    path = tmp_path_factory.mktemp("html") / "2020年政府信息公开工作年度报告.html"
    path.write_text(page, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(Settings(select=["ALL"]))


def test_page_gives_the_same_codes_as_the_txt(linter, page_path):
    from_txt = linter.lint_path(SEED)
    from_html = linter.lint_path(page_path)
    assert from_html.source.kind == "html"
    assert from_txt.violations
    assert Counter(v.code for v in from_html.violations) == Counter(v.code for v in from_txt.violations)


def test_article_body_is_found_among_the_navigation(page):
    text, _ = extract(page)
    lines = text.splitlines()
    assert lines[0] == "淄川区人民政府 2020年政府信息公开工作年度报告"  # the h1 outside the body, put in front
    for chrome in ("首页", "当前位置", "搜索", "版权所有", "分享到", "浏览次数", "var menu"):
        assert chrome not in text, chrome
    assert "一、总体情况" in lines and "六、其他需要报告的事项" in [l.strip() for l in lines]


def test_tables_honour_rowspan_and_colspan(page, seed_text):
    assert 'rowspan="' in page and 'colspan="' in page  # the page really uses spans
    text, _ = extract(page)
    rendered = [line[1:].split("\t") for line in text.splitlines() if line.startswith("\t")]
    expected = [row for kind, item in seed_blocks(seed_text) if kind == "t" for row in item]
    assert rendered == expected


def test_small_table_spans():
    page = """<html><body><div id="content"><p>正文足够长的一段文字，说明表格。</p><table>
    <tr><td rowspan="2">A</td><td colspan="2">B</td><td>C</td></tr>
    <tr><td>D</td><td>E</td><td rowspan="2" colspan="2">F</td></tr>
    <tr><td>G</td><td>H</td><td>I</td></tr>
    </table></div></body></html>"""
    text, _ = extract(page)
    rows = [line for line in text.splitlines() if line.startswith("\t")]
    assert rows == ["\tA\tB\tC", "\t\tD\tE\tF", "\tG\tH\tI\t"]


def test_whitespace_collapses_like_a_browser():
    text, _ = extract("<html><body><p>政务\n     公开 工作\n</p><p>see   the\n  page</p><p>A&nbsp;B&amp;C</p></body></html>")
    assert text.splitlines() == ["政务公开工作", "see the page", "A\u00a0B&C"]


def test_findings_point_at_the_html_source(linter, page_path, page):
    result = linter.lint_path(page_path)
    source_lines = page.split("\n")
    checked = 0
    for v in result.violations:
        found = result.report.text[v.start : v.end]
        if v.line != v.end_line or "\n" in found:
            continue
        assert source_lines[v.line - 1][v.column - 1 : v.end_column - 1] == found, v
        checked += 1
    assert checked >= 10


def test_every_character_maps_back_to_itself(page):
    text, offsets = extract(page)
    assert len(offsets) == len(text) + 1
    mismatched = [
        (i, c)
        for i, c in enumerate(text)
        if c not in "\n\t \u00a0" and page[offsets[i]] != c and page[offsets[i]] != "&"  # entities map to their '&'
    ]
    assert mismatched == []
    quote = text.index("“以公开为常态")
    assert page[offsets[quote] : offsets[quote] + 7] == "&ldquo;"  # an entity maps to its '&'


def test_gb2312_page_is_decoded(tmp_path, page, linter):
    path = tmp_path / "gbk.htm"
    path.write_bytes(
        page.replace('charset="utf-8"', 'charset="gb2312"')
        .replace('<meta charset="utf-8">', '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">')
        .encode("gb18030")
    )
    result = linter.lint_path(path)
    assert result.source.encoding == "gb18030"
    assert result.report.sections and len(result.report.sections) == 6


def test_html_is_never_fixable(page_path):
    source = HtmlReader().read(page_path, page_path.read_bytes())
    assert source.fixable is False


def test_html_tables_give_the_same_cells_as_the_txt(linter, page_path):
    from .test_docx import cell_values

    from_txt = cell_values(linter.lint_path(SEED))
    assert len(from_txt) > 100  # tables 二, 三 and 四 of seed 003
    assert cell_values(linter.lint_path(page_path)) == from_txt
