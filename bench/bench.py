"""Benchmark: the five seeds repeated to 1,000 files, linted in one process; plus one whole process.

    python bench/bench.py [--files 1000] [--select ALL]

Prints reports per second, milliseconds per file, and the wall time of `gklint FILE` as a
fresh process (import + plugin loading + one lint). Targets: ≥ 200 reports/s on one core;
one-file process ≤ 300 ms.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "tests" / "fixtures" / "seeds").glob("*.txt"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--select", default="ALL")
    args = parser.parse_args()

    from gklint.config import Settings
    from gklint.engine import Linter

    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for index in range(args.files):
            source = SEEDS[index % len(SEEDS)]
            target = Path(folder) / f"{index:04d}_{source.name}"
            shutil.copyfile(source, target)
            paths.append(target)

        linter = Linter(Settings(select=[args.select]))
        linter.lint_path(paths[0])  # warm caches (OpenCC, templates) as a long run would
        started = time.perf_counter()
        findings = sum(len(linter.lint_path(path).violations) for path in paths)
        elapsed = time.perf_counter() - started

    print(f"files: {args.files} (the {len(SEEDS)} seeds repeated), rules: --select {args.select}, findings: {findings}")
    print(f"in one process: {args.files / elapsed:,.0f} reports/s, {elapsed / args.files * 1000:.2f} ms per file")

    runs = []
    for _ in range(5):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "gklint", "--exit-zero", str(SEEDS[0])], capture_output=True, check=True)
        runs.append(time.perf_counter() - started)
    print(f"one file, whole process (median of 5): {statistics.median(runs) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
