"""`--format html`: the review page for a supervising office (issue 16, item 1). One run over the
seeds and a mutated seed; the page parsed with the standard library; report text escaped; and,
where Chromium is installed, the page rendered headless with the URL fragment driving the filter."""

from __future__ import annotations

import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from gklint.cli import main
from gklint.run.config import Settings
from gklint.run.engine import Linter

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
        element = {"tag": tag, "attrs": dict(attrs), "text": ""}
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


def _matches(attrs: dict, name: str, value) -> bool:
    if name == "class":
        return value in (attrs.get("class") or "").split()
    return attrs.get(name) == value


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
    assert any("页" in e["text"] for e in page.find("span", **{"class": "where"}))


def test_the_summary_draws_the_top_codes(page):
    bars = page.find("g", **{"class": "bar"})
    assert 1 <= len(bars) <= 10
    assert page.find("strong", id="checked")[0]["text"] == str(len(SEEDS) + len(OTHERS) + 2)


def test_the_mutated_table_shows_the_failing_cells_with_the_expected_value(page):
    failing = page.find("td", **{"class": "failing"})
    codes = {cell["attrs"]["title"].split()[0] for cell in failing}
    assert {"GK311", "GK313"} <= codes
    gk313 = next(cell for cell in failing if cell["attrs"]["title"].startswith("GK313") and "总计为 32" in cell["attrs"]["title"])
    assert gk313["text"].startswith("32")  # the total as read
    assert "各类申请人之和为 32 + 0 + 0 + 1 + 0 + 0 = 33" in gk313["attrs"]["title"]  # what it should be
    assert "各类申请人之和" in gk313["text"]  # printed too, for paper
    link = next(a for a in page.find("a", **{"class": "why"}) if "总计为 32" in a["text"])
    finding = page.find("div", id=link["attrs"]["href"][1:])
    assert finding and finding[0]["attrs"]["data-code"] == "GK313"  # the cell links to its finding


def test_table_three_is_rendered_as_read(page):
    tables = page.find("table", **{"class": "as-read"})
    headings = [e["text"] for e in page.find("h3")]
    assert any("表三" in h for h in headings) and tables
    three = next(t for t in tables if "自然人" in t["text"] and "本年新收" in t["text"])
    assert "总计" in three["text"]


def test_report_text_is_escaped(page_file, page):
    text = page_file.read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in text and "<img src=x" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert not page.find("img")
    assert len(page.find("script")) == 1  # the page's own


def test_the_page_in_english(tmp_path):
    out = tmp_path / "review.html"
    main(["--isolated", "--format", "html", "--lang", "en", "-o", str(out), str(MUTATED_SEED)])
    text = out.read_text(encoding="utf-8")
    assert 'lang="en"' in text and "Overview" in text and "Reports checked: " in text and "总览" not in text


def _chromium(profile: Path, *arguments: str) -> str:
    """Headless Chromium, offline (no background networking, updates or sync); its stdout."""
    return subprocess.run(
        [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}", *arguments],
        capture_output=True, text=True, timeout=120, check=True,
    ).stdout


def _rendered(page_file: Path, fragment: str, profile: Path) -> Page:
    """The page's DOM after Chromium ran its script, opened at an address with this fragment."""
    return Page(_chromium(profile, "--dump-dom", page_file.as_uri() + fragment))


needs_chromium = pytest.mark.skipif(not CHROMIUM.exists(), reason="headless test needs /usr/bin/chromium (apt-get install chromium)")


@needs_chromium
def test_headless_chromium_filters_by_code_from_the_url_fragment(page_file, tmp_path):
    rendered = _rendered(page_file, "#code=GK311", tmp_path / "profile")
    rows = rendered.find("tr", **{"class": "report-row"})
    assert len(rows) == len(SEEDS) + len(OTHERS) + 2
    shown = [row for row in rows if "hidden" not in row["attrs"]]
    assert shown and all(" GK311 " in row["attrs"]["data-codes"] for row in shown)
    assert any("mutated-003.txt" in row["text"] for row in shown)
    assert len(shown) < len(rows)
    assert rendered.find("td", **{"class": "failing"})
    assert not rendered.find("img")  # the hostile report's markup stayed text
    details = rendered.find("section", **{"class": "report"})
    assert any("hidden" in d["attrs"] for d in details) and any("hidden" not in d["attrs"] for d in details)


@needs_chromium
def test_headless_chromium_filters_by_severity_and_text(page_file, tmp_path):
    rendered = _rendered(page_file, "#severity=error&q=mutated", tmp_path / "profile")
    shown = [row for row in rendered.find("tr", **{"class": "report-row"}) if "hidden" not in row["attrs"]]
    assert len(shown) == 1 and "mutated-003.txt" in shown[0]["text"]


@needs_chromium
def test_headless_chromium_takes_a_screenshot(page_file, tmp_path):
    shot = tmp_path / "review.png"
    _chromium(tmp_path / "profile", "--window-size=1200,1600", f"--screenshot={shot}", page_file.as_uri())
    assert shot.read_bytes().startswith(b"\x89PNG") and shot.stat().st_size > 10_000
