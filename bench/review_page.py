"""Benchmark of the review page (`--format html`, issue 16): the five seeds repeated to 1,000 files,
linted once (`-j 1`, every rule), then the page formatted from the results: its size and the time
to produce it (the lint and the formatter apart).

    python bench/review_page.py [--files 1000]

Target: the page for 1,000 reports opens in a browser (measured: ~18 MB, Chromium loads and filters
it headless in ~4 s); the formatter adds little to the lint.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from gklint.run.config import Settings
from gklint.run.engine import Linter
from gklint.output.html import HtmlFormatter
from gklint.output.formatters import OutputContext

SEEDS = sorted((Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "seeds").glob("*.txt"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=1000)
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
        page = HtmlFormatter().format(results, OutputContext())
        formatted = time.perf_counter()
    size = len(page.encode("utf-8"))
    print(f"{args.files} reports: lint {linted - started:.1f} s, page {formatted - linted:.1f} s, {size / 1e6:.1f} MB "
          f"({size / args.files / 1e3:.1f} kB a report)")


if __name__ == "__main__":
    main()
