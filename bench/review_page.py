"""Benchmark of the review page (`--format html`, issue 16): the five seeds repeated to 1,000 files,
linted once (`-j 1`, every rule), then the page formatted from the results: its size and the time
to produce it (the lint and the formatter apart); with `--chromium`, the time headless Chromium
takes to open it (load, run the page's script, dump the DOM) and to open it at one report (its
detail rendered from its JSON).

    python bench/review_page.py [--files 1000] [--chromium]

The overview is HTML; each report's detail is inline JSON rendered when the report is opened
(`gklint.output.html`), so the page's weight is mostly inert script data the browser does not lay
out. Measured (1,000 reports, the five seeds × 200, every report with findings): see README.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from gklint.output.formatters import OutputContext
from gklint.output.html import HtmlFormatter
from gklint.run.config import Settings
from gklint.run.engine import Linter

SEEDS = sorted((Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "seeds").glob("*.txt"))
CHROMIUM = Path("/usr/bin/chromium")


PROBE = (
    '<script>addEventListener("load", function () { setTimeout(function () {'
    ' console.log("gklint-load " + Math.round(performance.now())); }, 0); });</script>'
)


def chromium_load(page: Path, fragment: str, profile: Path) -> tuple[float, float]:
    """Headless Chromium opening the page (at the fragment) and painting it (a screenshot): the
    milliseconds from navigation to the end of the load event (parse, the page's script, and at
    a fragment the report's detail rendered), as the page measures it, and the wall-clock
    seconds of the whole run (the browser's start included)."""
    started = time.perf_counter()
    run = subprocess.run(
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
            "--enable-logging=stderr",
            "--v=0",
            "--window-size=1200,1000",
            f"--screenshot={profile / 'shot.png'}",
            page.as_uri() + fragment,
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    wall = time.perf_counter() - started
    loaded = re.search(r"gklint-load (\d+)", run.stderr)
    return (int(loaded.group(1)) / 1000 if loaded else float("nan")), wall


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--chromium", action="store_true", help="also time headless Chromium opening the page")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for index in range(args.files):
            seed = SEEDS[index % len(SEEDS)]
            paths.append(Path(folder) / f"{index:04d}-{seed.name}")
            shutil.copyfile(seed, paths[-1])
        linter = Linter(Settings(select=["ALL"]))
        started = time.perf_counter()
        results = [linter.lint_path(path) for path in paths]
        linted = time.perf_counter()
        page = HtmlFormatter().format(results, OutputContext(rules=linter.rules))
        formatted = time.perf_counter()
        size = len(page.encode("utf-8"))
        data = sum(len(m.group(1).encode("utf-8")) for m in re.finditer(r'<script type="application/json"[^>]*>(.*?)</script>', page, re.S))
        print(
            f"{args.files} reports: lint {linted - started:.1f} s, page {formatted - linted:.2f} s, {size / 1e6:.1f} MB "
            f"({size / args.files / 1e3:.1f} kB a report; {(size - data) / 1e6:.2f} MB HTML, {data / 1e6:.1f} MB inline JSON "
            f"rendered on opening)"
        )
        if args.chromium and CHROMIUM.exists():
            out = Path(folder) / "review.html"
            out.write_text(page.replace("<script>", PROBE + "<script>", 1), encoding="utf-8")
            profile = Path(folder) / "profile"
            profile.mkdir()
            chromium_load(out, "", profile)  # a first start (profile, fonts) not counted
            for fragment in ("", f"#r{args.files // 2}", "#code=GK311"):
                loaded, wall = chromium_load(out, fragment, profile)
                print(
                    f"headless Chromium{' at ' + fragment if fragment else ''}: loaded in {loaded:.2f} s "
                    f"(painted and closed in {wall:.1f} s, the browser's start included)"
                )


if __name__ == "__main__":
    main()
