"""`--format html`: the review page for a supervising office (issue 16, item 1). One run over the
seeds and a mutated seed; the page parsed with the standard library (the overview as HTML, each
report's detail as the JSON the page renders it from); report text escaped; and, where Chromium is
installed, the page rendered headless: the URL fragment drives the filter or opens a report (its
detail rendered from the JSON), and a pair of consecutive years shows the comparison view."""

from __future__ import annotations

import json
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from gklint.cli import main
from gklint.output.html import markdown_blocks, script_json
from gklint.run.config import Settings
from gklint.run.engine import Linter

from .test_history import HUAIAN_TEXT, huaian

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = sorted((FIXTURES / "seeds").glob("*.txt"))
OTHERS = [FIXTURES / "samples" / "huaian-2024-pdftotext.txt", FIXTURES / "pdf" / "004_plus1_k0.pdf"]  # a sample, a PDF
MUTATED_SEED = FIXTURES / "seeds" / "003_ca06996f08744677.txt"
CHROMIUM = Path("/usr/bin/chromium")
HOSTILE = '<script>alert(1)</script>"><img src=x onerror=alert(1)>'


class Page(HTMLParser):
    """The parts of the page the tests look at: elements by tag with attributes and text."""

    def __init__(self, text: str):
        super().__init__()
        self.elements: list[dict] = []  # each: tag, attrs, text (all text inside it)
        self._open: list[dict] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        element = {"tag": tag, "attrs": dict(attrs), "text": "", "parent": self._open[-1] if self._open else None}
        self.elements.append(element)
        if tag not in ("meta", "img", "input", "br", "rect", "option", "link"):
            self._open.append(element)

    def handle_endtag(self, tag):
        while self._open:
            if self._open.pop()["tag"] == tag:
                break

    def handle_data(self, data):
        for element in self._open:
            element["text"] += data

    def find(self, tag, **attrs):
        """Elements of a tag with these attributes (a class among the element's classes)."""
        return [e for e in self.elements if e["tag"] == tag and all(_matches(e["attrs"], k, v) for k, v in attrs.items())]


def within(element: dict, ancestor: dict) -> bool:
    parent = element["parent"]
    while parent is not None and parent is not ancestor:
        parent = parent["parent"]
    return parent is ancestor


def classes(element: dict) -> list[str]:
    return (element["attrs"].get("class") or "").split()


def _matches(attrs: dict, name: str, value) -> bool:
    if name == "class":
        return value in (attrs.get("class") or "").split()
    return attrs.get(name) == value


def anchor_of(page: Page, name: str) -> str:
    """The overview row's report anchor (r0, r1…) of the file with this name."""
    return next(row["attrs"]["data-report"] for row in page.find("tr", **{"class": "report-row"}) if name in row["text"])


def data_of(page: Page, element_id: str):
    """The JSON the page renders a report (d-r5) or a comparison (c-r5) from."""
    (script,) = page.find("script", id=element_id)
    assert script["attrs"].get("type") == "application/json"
    return json.loads(script["text"])


def _mutated_seed(folder: Path) -> Path:
    """Seed 003 with table 三's 一、本年新收 自然人 one higher: GK311 and GK313 fire."""
    text = MUTATED_SEED.read_text(encoding="utf-8")
    report = Linter(Settings()).lint_path(MUTATED_SEED).report
    cell = report.table("applications").cell("new", "natural_person")
    path = folder / "mutated-003.txt"
    path.write_text(text[: cell.start] + str(int(cell.value) + 1) + text[cell.end :], encoding="utf-8")
    return path


def _hostile_seed(folder: Path) -> Path:
    """Seed 004 with markup and a script beside its first export debris (a GK603 finding: the
    passage around it is on the page)."""
    text = (FIXTURES / "seeds" / "004_edb62deb526a149a.txt").read_text(encoding="utf-8")
    assert "[image: ]" in text
    path = folder / "hostile-004.txt"
    path.write_text(text.replace("[image: ]", "[image: ]" + HOSTILE, 1), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def page_file(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("reports")
    inputs = [*SEEDS, *OTHERS, _mutated_seed(folder), _hostile_seed(folder)]
    out = folder / "review.html"
    main(["--isolated", "--select", "ALL", "--format", "html", "-o", str(out), *map(str, inputs)])
    return out


@pytest.fixture(scope="module")
def page(page_file) -> Page:
    return Page(page_file.read_text(encoding="utf-8"))


def test_the_overview_lists_every_report(page):
    listed = [row["text"] for row in page.find("tr", **{"class": "report-row"})]
    assert len(listed) == len(SEEDS) + len(OTHERS) + 2
    for name in [p.name for p in SEEDS + OTHERS] + ["mutated-003.txt", "hostile-004.txt"]:
        assert sum(name in text for text in listed) == 1, name


def test_the_page_is_self_contained(page_file):
    text = page_file.read_text(encoding="utf-8")
    assert "<style>" in text and "@media print" in text and "<script>" in text
    assert "http://" not in text.replace('xmlns="http://www.w3.org/2000/svg"', "") and "https://" not in text
    assert all("src" not in script["attrs"] for script in Page(text).find("script"))
    assert not Page(text).find("link")  # no stylesheet fetched


def test_a_pdf_is_listed_with_its_format_and_its_findings_with_their_page(page_file, page):
    text = page_file.read_text(encoding="utf-8")
    row = text[text.index("004_plus1_k0.pdf</a>") :].split("</tr>", 1)[0]
    assert "<td>pdf</td>" in row
    detail = data_of(page, "d-" + anchor_of(page, "004_plus1_k0.pdf"))
    assert any("页" in f["where"] for group in detail["sections"] for f in group["findings"])


def test_the_summary_draws_the_top_codes(page):
    bars = page.find("g", **{"class": "bar"})
    assert 1 <= len(bars) <= 10
    assert page.find("strong", id="checked")[0]["text"] == str(len(SEEDS) + len(OTHERS) + 2)


def _failing_cells(detail: dict) -> list[dict]:
    return [
        cell for table in detail["tables"] for row in table["rows"] for cell in row["cells"] if isinstance(cell, dict) and cell.get("f")
    ]


def test_the_mutated_table_carries_the_failing_cells_with_the_expected_value(page):
    detail = data_of(page, "d-" + anchor_of(page, "mutated-003.txt"))
    failing = _failing_cells(detail)
    assert {message.split()[0] for cell in failing for message, _link in cell["f"]} >= {"GK311", "GK313"}
    gk313 = next(cell for cell in failing if any(m.startswith("GK313") and "总计为 32" in m for m, _ in cell["f"]))
    assert gk313["t"] == "32"  # the total as read
    message, link = next((m, a) for m, a in gk313["f"] if m.startswith("GK313"))
    assert "各类申请人之和为 32 + 0 + 0 + 1 + 0 + 0 = 33" in message  # what it should be
    finding = next(f for group in detail["sections"] for f in group["findings"] if f["id"] == link)
    assert finding["code"] == "GK313"  # the cell links to its finding
    three = next(t for t in detail["tables"] if "表三" in t["name"])
    assert "总计" in three["columns"] and any(row["label"].endswith("本年新收政府信息公开申请数量") for row in three["rows"])


def test_only_reports_with_findings_carry_detail(page):
    rows = page.find("tr", **{"class": "report-row"})
    for row in rows:
        anchor = row["attrs"]["data-report"]
        assert bool(page.find("script", id="d-" + anchor)) == (row["attrs"]["data-codes"].strip() != "")


def test_report_text_is_escaped(page_file, page):
    text = page_file.read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in text and "<img src=x" not in text
    assert "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e" in text  # inside the JSON: no < at all
    assert not page.find("img")
    scripts = page.find("script")
    assert [s for s in scripts if s["attrs"].get("type") != "application/json"] == [scripts[-1]]  # the page's own
    assert all("<" not in s["text"] for s in scripts[:-1])  # no data can close its element or open a comment
    detail = data_of(page, "d-" + anchor_of(page, "hostile-004.txt"))
    passages = ["".join(f["passage"]) for group in detail["sections"] for f in group["findings"]]
    assert any(HOSTILE[:30] in passage for passage in passages)  # the text itself, as text


def test_script_json_cannot_leave_its_element():
    hostile = "</script><script>alert(1)</script><!-- & \u2028\u2029 '\""
    text = script_json({"a": hostile, "中": "文"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert '"中":"文"' in text  # Chinese as itself: three bytes a character
    assert json.loads(text) == {"a": hostile, "中": "文"}


def test_the_page_in_english(tmp_path):
    out = tmp_path / "review.html"
    main(["--isolated", "--format", "html", "--lang", "en", "-o", str(out), str(MUTATED_SEED)])
    text = out.read_text(encoding="utf-8")
    assert 'lang="en"' in text and "Overview" in text and "Reports checked: " in text and "总览" not in text


def _chromium(profile: Path, *arguments: str) -> str:
    """Headless Chromium, offline (no background networking, updates or sync); its stdout."""
    return subprocess.run(
        [
            str(CHROMIUM),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={profile}",
            *arguments,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout


def _rendered(page_file: Path, fragment: str, profile: Path) -> Page:
    """The page's DOM after Chromium ran its script, opened at an address with this fragment."""
    return Page(_chromium(profile, "--dump-dom", page_file.as_uri() + fragment))


needs_chromium = pytest.mark.skipif(not CHROMIUM.exists(), reason="headless test needs /usr/bin/chromium (apt-get install chromium)")


@pytest.mark.slow
@needs_chromium
def test_headless_chromium_filters_by_code_from_the_url_fragment(page_file, tmp_path):
    rendered = _rendered(page_file, "#code=GK311", tmp_path / "profile")
    rows = rendered.find("tr", **{"class": "report-row"})
    assert len(rows) == len(SEEDS) + len(OTHERS) + 2
    shown = [row for row in rows if "hidden" not in row["attrs"]]
    assert shown and all(" GK311 " in row["attrs"]["data-codes"] for row in shown)
    assert any("mutated-003.txt" in row["text"] for row in shown)
    assert len(shown) < len(rows)
    assert not rendered.find("img")  # the hostile report's markup stayed text
    details = rendered.find("section", **{"class": "report"})
    assert any("hidden" in d["attrs"] for d in details) and any("hidden" not in d["attrs"] for d in details)


@pytest.mark.slow
@needs_chromium
def test_headless_chromium_filters_by_severity_and_text(page_file, tmp_path):
    rendered = _rendered(page_file, "#severity=error&q=mutated", tmp_path / "profile")
    shown = [row for row in rendered.find("tr", **{"class": "report-row"}) if "hidden" not in row["attrs"]]
    assert len(shown) == 1 and "mutated-003.txt" in shown[0]["text"]


@pytest.mark.slow
@needs_chromium
def test_headless_chromium_takes_a_screenshot(page_file, tmp_path):
    shot = tmp_path / "review.png"
    _chromium(tmp_path / "profile", "--window-size=1200,1600", f"--screenshot={shot}", page_file.as_uri())
    assert shot.read_bytes().startswith(b"\x89PNG") and shot.stat().st_size > 10_000


@needs_chromium
def test_headless_chromium_opens_a_report_from_the_address_and_renders_its_failing_cells(page_file, page, tmp_path):
    rendered = _rendered(page_file, "#" + anchor_of(page, "mutated-003.txt"), tmp_path / "profile")
    failing = rendered.find("td", **{"class": "failing"})
    codes = {cell["attrs"]["title"].split()[0] for cell in failing}
    assert {"GK311", "GK313"} <= codes
    gk313 = next(cell for cell in failing if cell["attrs"]["title"].startswith("GK313") and "总计为 32" in cell["attrs"]["title"])
    assert gk313["text"].startswith("32")  # the total as read
    assert "各类申请人之和为 32 + 0 + 0 + 1 + 0 + 0 = 33" in gk313["attrs"]["title"]  # what it should be
    assert "各类申请人之和" in gk313["text"]  # printed too, for paper
    link = next(a for a in rendered.find("a", **{"class": "why"}) if "总计为 32" in a["text"])
    finding = rendered.find("div", id=link["attrs"]["href"][1:])
    assert finding and finding[0]["attrs"]["data-code"] == "GK313"  # the cell links to its finding
    code = next(a for a in rendered.find("a", **{"class": "code"}) if a["text"] == "GK313")
    assert code["attrs"]["href"] == "#rule-GK313" and rendered.find("article", id="rule-GK313")  # the rule's doc, in the page
    tables = rendered.find("table", **{"class": "as-read"})
    three = next(t for t in tables if "自然人" in t["text"] and "本年新收" in t["text"])
    assert "总计" in three["text"]
    others = [s for s in rendered.find("section", **{"class": "report"}) if s["attrs"]["id"] != anchor_of(page, "mutated-003.txt")]
    assert others and not any(within(t, s) for t in tables for s in others)  # the others stay JSON until opened
    assert all(within(t, rendered.find("section", id=anchor_of(page, "mutated-003.txt"))[0]) for t in tables)


@needs_chromium
def test_headless_chromium_renders_the_hostile_report_as_text(page_file, page, tmp_path):
    rendered = _rendered(page_file, "#" + anchor_of(page, "hostile-004.txt"), tmp_path / "profile")
    assert not rendered.find("img") and len(rendered.find("script")) == len(page.find("script"))
    assert any(HOSTILE[:30] in p["text"] for p in rendered.find("span", **{"class": "passage"}))


# --- year against year ------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def pair_page_file(tmp_path_factory) -> Path:
    """淮安 2023 (it carried 30 forward) and 2024 (the sample: it carries 34 in, GK701; the same
    narrative, GK702; 现行有效 not last year's + issued − repealed, GK703), and a seed of another body."""
    folder = tmp_path_factory.mktemp("pair")
    (folder / "huaian-2023.txt").write_text(huaian(2023, "30 0 0 0 0 0 30"), encoding="utf-8")
    (folder / "huaian-2024.txt").write_text(HUAIAN_TEXT, encoding="utf-8")
    out = folder / "review.html"
    main(
        [
            "--isolated",
            "--select",
            "ALL",
            "--format",
            "html",
            "-o",
            str(out),
            str(folder / "huaian-2023.txt"),
            str(folder / "huaian-2024.txt"),
            str(MUTATED_SEED),
        ]
    )
    return out


@pytest.fixture(scope="module")
def pair_page(pair_page_file) -> Page:
    return Page(pair_page_file.read_text(encoding="utf-8"))


def test_the_overview_names_last_years_report_and_links_the_comparison(pair_page):
    rows = {row["attrs"]["data-report"]: row for row in pair_page.find("tr", **{"class": "report-row"})}
    this = anchor_of(pair_page, "huaian-2024.txt")
    (link,) = pair_page.find("a", **{"class": "pair"})  # the one pair: 2023 and the mutated seed have none
    assert link["text"].endswith("huaian-2023.txt") and link["attrs"]["href"] == f"#cmp-{this}"
    assert within(link, rows[this])
    assert pair_page.find("section", id=f"cmp-{this}") and pair_page.find("strong", id="pairs-found")[0]["text"] == "1"


def test_the_comparison_data_holds_the_chains_the_rules_checked(pair_page):
    data = data_of(pair_page, "c-" + anchor_of(pair_page, "huaian-2024.txt"))
    assert (data["last"]["year"], data["this"]["year"]) == (2023, 2024)
    carry = {row["label"]: row for row in data["carry"]}
    assert (carry["自然人"]["before"], carry["自然人"]["now"]) == ("30", "34")
    assert carry["自然人"]["f"][0][0].startswith("GK701") and "30 不一致" in carry["自然人"]["f"][0][0]
    assert not carry["商业企业"]["f"]  # 0 and 0: no finding
    assert {row["label"] for row in data["in_force"] if row["f"]} == {"规章", "行政规范性文件"}  # GK703
    three = next(t for t in data["tables"] if "表三" in t["name"])
    last_out = next(row for row in three["last"]["rows"] if row["label"].startswith("四、结转下年度"))
    this_out = next(row for row in three["this"]["rows"] if row["label"].startswith("四、结转下年度"))
    assert last_out["cells"][0]["t"] == "30" and last_out["cells"][0]["k"] == "carry" and last_out["cells"][0]["f"]
    assert this_out["cells"][0] == {"t": "103", "w": "30"}  # changed from last year, shown with last year's value
    assert {section["heading"][:2] for section in data["repeated"]} == {"一、", "五、"}  # GK702
    assert all(any(flag for _text, flag in section["this"]) for section in data["repeated"])


def test_rule_docs_are_embedded_for_the_codes_that_occur(pair_page_file, pair_page, tmp_path):
    occurring = {code for row in pair_page.find("tr", **{"class": "report-row"}) for code in row["attrs"]["data-codes"].split()}
    documented = {article["attrs"]["id"][len("rule-") :] for article in pair_page.find("article", **{"class": "rule-doc"})}
    assert documented == occurring and {"GK701", "GK702", "GK703"} <= documented
    (gk701,) = pair_page.find("article", id="rule-GK701")
    assert "为什么重要" in gk701["text"] and "结转下年度继续办理" in gk701["text"] and "What it does" not in gk701["text"]
    out = tmp_path / "review-en.html"
    main(
        [
            "--isolated",
            "--select",
            "GK701",
            "--format",
            "html",
            "--lang",
            "en",
            "-o",
            str(out),
            str(pair_page_file.parent / "huaian-2023.txt"),
            str(pair_page_file.parent / "huaian-2024.txt"),
        ]
    )
    english = Page(out.read_text(encoding="utf-8"))
    (gk701,) = english.find("article", id="rule-GK701")
    assert "Why it matters" in gk701["text"] and "为什么重要" not in gk701["text"]
    assert [a["attrs"]["id"] for a in english.find("article", **{"class": "rule-doc"})] == ["rule-GK701"]


def test_markdown_blocks_of_a_rule_doc():
    blocks = markdown_blocks("## 做什么\n将 `--previous FILE` 与\n上年比较。\n\n- 级别: W\n```\n<b>x</b>\n```\n", "zh")
    assert blocks == [
        {"kind": "h", "parts": [["做什么", False]]},
        {"kind": "p", "parts": [["将 ", False], ["--previous FILE", True], [" 与上年比较。", False]]},
        {"kind": "li", "parts": [["级别: W", False]]},
        {"kind": "pre", "parts": [["<b>x</b>", False]]},
    ]


@needs_chromium
def test_headless_chromium_shows_the_comparison_with_the_gk701_failure_in_place(pair_page_file, pair_page, tmp_path):
    this = anchor_of(pair_page, "huaian-2024.txt")
    rendered = _rendered(pair_page_file, f"#cmp-{this}", tmp_path / "profile")
    (section,) = rendered.find("section", id=f"cmp-{this}")
    assert "年度对比" in rendered.find("h2", id="pairs")[0]["text"]
    assert any(e["tag"] == "details" and "open" in e["attrs"] for e in rendered.elements if e["parent"] is section)
    comparison = [e for e in rendered.elements if within(e, section)]
    last_year = [e for e in comparison if e["tag"] == "div" and classes(e) == ["last-year"]]
    this_year = [e for e in comparison if e["tag"] == "div" and classes(e) == ["this-year"]]
    assert len(last_year) == len(this_year) >= 3  # tables 二, 三, 四 side by side (and the narrative)
    failing = [e for e in comparison if e["tag"] == "td" and "failing" in classes(e)]
    gk701 = [cell for cell in failing if cell["attrs"]["title"].startswith("GK701")]
    # in table 三: last year's 四、结转下年度继续办理 (30) and this year's 二、上年结转 (34), 自然人 and 总计,
    # each with the expected value; and the same two ends in the carry-over check below the tables
    in_tables = [cell for cell in gk701 if "chain-carry" in classes(cell)]
    assert sorted(cell["text"][:2] for cell in in_tables) == ["30", "30", "34", "34"]
    assert {within(cell, last_year[1]) for cell in in_tables if cell["text"].startswith("30")} == {True}  # last year's side
    assert {within(cell, this_year[1]) for cell in in_tables if cell["text"].startswith("34")} == {True}
    checks = [e for e in comparison if e["tag"] == "table" and "chain-check" in classes(e)]
    assert len(checks) == 2  # the carry-over and the in-force chains laid out
    assert sorted(cell["text"] for cell in gk701 if within(cell, checks[0])) == ["30", "30", "34", "34"]
    assert all("与上年（2023年）报告「四、结转下年度继续办理」的 30 不一致" in cell["attrs"]["title"] for cell in gk701)
    assert all("GK701" in cell["text"] for cell in in_tables if cell["text"].startswith("34"))  # printed in the cell, for paper
    assert any(cell["attrs"]["title"].startswith("GK703") and "＝ 48" in cell["attrs"]["title"] for cell in failing)
    changed = [e for e in comparison if e["tag"] == "td" and "changed" in classes(e)]
    assert any(cell["text"].startswith("103") and "上年为 30" in cell["text"] for cell in changed)
    assert len([e for e in comparison if e["tag"] == "mark" and classes(e) == ["repeated"]]) >= 2  # GK702
    shot = tmp_path / "comparison.png"
    _chromium(tmp_path / "profile", "--window-size=1400,2000", f"--screenshot={shot}", pair_page_file.as_uri() + f"#cmp-{this}")
    assert shot.read_bytes().startswith(b"\x89PNG") and shot.stat().st_size > 10_000


@needs_chromium
def test_headless_chromium_prints_the_detail_and_the_comparison(pair_page_file, pair_page, tmp_path):
    """Printing renders what the JSON holds: the reports' findings and tables, the comparison."""
    import pdfplumber

    pdf = tmp_path / "review.pdf"
    _chromium(tmp_path / "profile", "--no-pdf-header-footer", f"--print-to-pdf={pdf}", pair_page_file.as_uri())
    with pdfplumber.open(pdf) as document:
        text = "".join(page.extract_text() or "" for page in document.pages)
    assert "2023 → 2024" in text  # the comparison's heading
    assert "「四、结转下年度继续办理」的 30 不一致" in text.replace("\n", "")  # GK701's message, printed in the cells
    seed = data_of(pair_page, "d-" + anchor_of(pair_page, MUTATED_SEED.name))
    gk106 = next(f for group in seed["sections"] for f in group["findings"] if f["code"] == "GK106")
    assert gk106["message"][:20] in text.replace("\n", "")  # the seed's detail, from its JSON


def test_jobs_2_gives_the_same_page(pair_page_file, tmp_path):
    """-j 2 (the reports come back from workers and are parsed again for the page): the same pairs,
    comparisons and detail as one process."""
    folder = pair_page_file.parent
    inputs = [str(folder / "huaian-2023.txt"), str(folder / "huaian-2024.txt"), str(MUTATED_SEED)]
    pages = []
    for jobs in ("1", "2"):
        out = tmp_path / f"review-{jobs}.html"
        main(["--isolated", "--select", "ALL", "-j", jobs, "--format", "html", "-o", str(out), *inputs])
        pages.append(out.read_bytes())
    assert pages[0] == pages[1] and b'class="pair"' in pages[0]
