"""Benchmark: the five seeds repeated to 1,000 files, linted in one process as `gklint -j 1 FOLDER`
lints them (the CLI's `Run.lint_all`) with the default rules and with `--select ALL`, and with `-j 2`;
the engine alone (`Linter.lint_path` in a loop); plus `gklint FILE` as a whole process. Then PDF:
the published huaian-2024.pdf (six pages, three ruled tables) linted `--pdf` times in one process
(reports and pages per second, and the share of reading the PDF), and `gklint huaian-2024.pdf` as
a whole process.

    python bench/bench.py [--files 1000] [--select default,ALL] [--jobs 1,2] [--rounds 3] [--pdf 20] [--pdf-only] [--web] [--scale] [--scale-only]

`--scale` (issue 15; `--scale-only`: nothing else): the streamed CLI (`gklint -j N FOLDER`, output to
/dev/null) at -j 1 and -j 2 in reports/s, the ratio to a floor script (read, decode, one regex pass)
and to autocorrect-py when installed; peak RSS of `gklint FOLDER` at 1,000 and 10,000 files (each a
child process, its peak RSS: VmHWM, else ru_maxrss); one file as a whole process; one 5 MB report.

`--web`: the text figures on a folder of web pages kept as text instead of the seeds (issue 11): the
pingtan sample (header, one long line, cells run together) and each seed run together onto one line.

Prints reports per second and milliseconds per file. Each rate is the best of `--rounds` runs, as
`timeit` reports: the fastest run is what the code costs, the slower ones measure what else the
machine was doing. Rates with worker processes include their start-up, and their findings are
checked to be identical to `-j 1`'s. The whole process is timed as an installed gklint starts (with
bytecode caches). Targets: ≥ 200 reports/s on one core; one-file process ≤ 300 ms; one PDF
(huaian-2024.pdf) as a whole process ≤ 1 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "tests" / "fixtures" / "seeds").glob("*.txt"))
PDF = ROOT / "tests" / "fixtures" / "samples" / "huaian-2024.pdf"
PINGTAN = ROOT / "tests" / "fixtures" / "samples" / "pingtan-2022-web-text.txt"


def _web_texts() -> list[tuple[str, bytes]]:
    """(name, bytes) of the web-text corpus: the real page, and the seeds as one line each."""
    texts = [(PINGTAN.name, PINGTAN.read_bytes())]
    for seed in SEEDS:
        lines = [line.strip() for line in seed.read_text(encoding="utf-8").splitlines() if line.strip()]
        texts.append((f"flat-{seed.name}", (" ".join(lines) + "\n").encode("utf-8")))
    return texts


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument(
        "--select", default="default,ALL", help="rule selections to time, comma-separated (default: the default rules, then ALL)"
    )
    parser.add_argument("--jobs", default="1,2", help="comma-separated -j values to time (default 1,2)")
    parser.add_argument("--rounds", type=int, default=3, help="runs of each measurement; the best is shown")
    parser.add_argument("--pdf", type=int, default=20, help="times huaian-2024.pdf is linted in one process (0: no PDF figures)")
    parser.add_argument("--pdf-only", action="store_true", help="only the PDF figures")
    parser.add_argument("--web", action="store_true", help="web pages kept as text (flattened) instead of the seeds")
    parser.add_argument(
        "--scale",
        action="store_true",
        help="also the scale figures: streamed -j 1/-j 2, floor, peak RSS at 1,000 and 10,000 files, 5 MB report",
    )
    parser.add_argument("--scale-only", action="store_true", help="only the scale figures")
    args = parser.parse_args()
    if args.scale or args.scale_only:
        _scale_figures(args)
        if args.scale_only:
            return
    if not args.pdf_only:
        _text_figures(args)
    if args.pdf:
        _pdf_figures(args)


def _text_figures(args) -> None:
    job_counts = [int(j) for j in args.jobs.split(",") if j.strip()] or [1]
    selections = [s.strip() for s in args.select.split(",") if s.strip()]

    from gklint.run.config import Settings
    from gklint.run.engine import Linter

    with tempfile.TemporaryDirectory() as folder:
        paths = []
        corpus = _web_texts() if args.web else [(seed.name, seed.read_bytes()) for seed in SEEDS]
        for index in range(args.files):
            name, data = corpus[index % len(corpus)]
            target = Path(folder) / f"{index:04d}_{name}"
            target.write_bytes(data)
            paths.append(target)

        what = "web texts: pingtan and the seeds run together" if args.web else "seeds"
        print(f"files: {args.files} (the {len(corpus)} {what} repeated), best of {args.rounds} runs")
        for selection in selections:
            linter = Linter(Settings(select=None if selection == "default" else [selection]))
            linter.lint_path(paths[0])  # warm caches (OpenCC, templates) as a long run would
            name = "default rules" if selection == "default" else f"--select {selection}"
            print(f"{name} ({len(linter.selected)} rules):")

            # The CLI's path: Run.lint_all → gklint.run.parallel.lint_files, as `gklint -j N` runs it.
            reference = None
            for jobs in job_counts:
                elapsed, keys = min(_cli_run(linter, paths, jobs) for _ in range(args.rounds))
                reference = keys if reference is None else reference
                same = (
                    ""
                    if jobs == job_counts[0]
                    else (f"; same findings as -j {job_counts[0]}" if keys == reference else "; DIFFERENT FINDINGS")
                )
                workers = " (worker start-up included" + same + ")" if jobs > 1 else ""
                print(
                    f"  gklint -j {jobs}: {_rate(args.files, elapsed)}{workers}"
                    + (f", findings: {len(keys)}" if jobs == job_counts[0] else "")
                )

            engine = min(_engine_run(linter, paths) for _ in range(args.rounds))
            print(f"  engine alone (Linter.lint_path in a loop): {_rate(args.files, engine)}")

    print(f"one file, whole process (median of 5, bytecode cached): {_whole_process_ms(SEEDS[0]):.0f} ms")
    print(
        f"a 5 MB report (seed 001, traditional script and pinyin debris, repeated), default rules, best of {args.rounds}: {_large_report_s(args.rounds):.2f} s"
    )


def _large_report_s(rounds: int) -> float:
    """One report of 5 MB: seed 001 (traditional characters, pinyin debris) repeated, linted once
    per round in one process (issue 15: per-character loops of GK601/GK602/GK605 showed there)."""
    from gklint.run.config import Settings
    from gklint.run.engine import Linter

    seed = next(s for s in SEEDS if s.name.startswith("001"))
    data = seed.read_bytes()
    linter = Linter(Settings())
    linter.lint_path(seed)  # warm
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "large-5mb.txt"
        path.write_bytes(data * (5_000_000 // len(data) + 1))
        return min(_timed(lambda: linter.lint_path(path)) for _ in range(rounds))


def _whole_process_ms(path: Path) -> float:
    """Median of 5 runs of `gklint PATH` as a process, as an installed gklint starts: with bytecode
    caches (pip compiles them on install; a shell with PYTHONDONTWRITEBYTECODE=1 would recompile
    every module on every start). One warm-up run writes them."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    command = [sys.executable, "-m", "gklint", "--exit-zero", str(path)]
    subprocess.run(command, capture_output=True, check=True, env=env)
    runs = []
    for _ in range(5):
        started = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True, env=env)
        runs.append(time.perf_counter() - started)
    return statistics.median(runs) * 1000


def _pdf_figures(args) -> None:
    """huaian-2024.pdf linted `args.pdf` times in one process (default rules), the reading alone,
    and `gklint huaian-2024.pdf` as a whole process."""
    from gklint.read.pdf import PdfReader, read_pages
    from gklint.run.config import Settings
    from gklint.run.engine import Linter

    pages = len(read_pages(PDF.read_bytes()))
    linter = Linter(Settings())
    linter.lint_path(PDF)  # warm: pdfplumber imported, CMaps and OpenCC loaded, as a long run would have them
    paths = [PDF] * args.pdf
    elapsed = min(_engine_run(linter, paths) for _ in range(args.rounds))
    data = PDF.read_bytes()
    reader = PdfReader()
    reading = min(_timed(lambda: [reader.read(PDF, data) for _ in range(args.pdf)]) for _ in range(args.rounds))
    print(f"PDF: {PDF.name} ({pages} pages, {len(data) // 1024} KiB) x {args.pdf}, default rules, best of {args.rounds} runs:")
    print(
        f"  lint: {args.pdf / elapsed:.1f} PDF reports/s, {args.pdf * pages / elapsed:.0f} pages/s, {elapsed / args.pdf * 1000:.0f} ms per file"
    )
    print(f"  of which reading the PDF (gklint.read.pdf): {reading / args.pdf * 1000:.0f} ms per file ({reading / elapsed:.0%})")
    print(f"  one PDF, whole process (median of 5, bytecode cached): {_whole_process_ms(PDF):.0f} ms (target ≤ 1000 ms)")


# -- scale (issue 15): streamed output, workers, memory --------------------------------------
_PEAK = """
import os, resource, sys
from gklint.cli import main
os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
main(["--isolated", "--exit-zero", "-j", sys.argv[2], sys.argv[1]])
# The peak of this process image (VmHWM): ru_maxrss would keep a forking parent's peak across exec.
try:
    peak = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM:"))
except (OSError, StopIteration):
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(peak, file=sys.stderr)  # KiB
"""

_FLOOR_RE = r"[０-９]|[\u3000]|\d+[，,]\d{3}|([。，；：！？])\1"


def _folder(folder: Path, files: int) -> Path:
    corpus = [(seed.name, seed.read_bytes()) for seed in SEEDS]
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(files):
        name, data = corpus[index % len(corpus)]
        (folder / f"{index:05d}_{name}").write_bytes(data)
    return folder


def _cli_seconds(folder: Path, jobs: int) -> float:
    """`gklint -j N FOLDER` in a child process, output to /dev/null: wall seconds (start-up included)."""
    command = [sys.executable, "-m", "gklint", "--isolated", "--exit-zero", "-j", str(jobs), str(folder)]
    started = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - started


def _peak_mib(folder: Path, jobs: int = 1) -> float:
    done = subprocess.run([sys.executable, "-c", _PEAK, str(folder), str(jobs)], capture_output=True, text=True, check=True)
    return int(done.stderr.strip().splitlines()[-1]) / 1024


def _floor_seconds(paths: list[Path]) -> float:
    import re

    pattern = re.compile(_FLOOR_RE)
    started = time.perf_counter()
    for path in paths:
        text = path.read_bytes().decode("utf-8")
        pattern.findall(text)
    return time.perf_counter() - started


def _autocorrect_seconds(paths: list[Path]) -> float | None:
    try:
        import autocorrect_py
    except ImportError:
        return None
    started = time.perf_counter()
    for path in paths:
        autocorrect_py.lint_for(path.read_bytes().decode("utf-8"), str(path))
    return time.perf_counter() - started


def _scale_figures(args) -> None:
    files = args.files
    with tempfile.TemporaryDirectory() as tmp:
        folder = _folder(Path(tmp) / "reports", files)
        paths = sorted(folder.iterdir())
        print(f"scale: {files} files (the {len(SEEDS)} seeds repeated), default rules, streamed output to /dev/null, best of {args.rounds}")
        rates = {}
        for jobs in (1, 2):
            seconds = min(_cli_seconds(folder, jobs) for _ in range(args.rounds))
            rates[jobs] = files / seconds
            print(f"  gklint -j {jobs} FOLDER (whole process): {_rate(files, seconds)}")
        print(f"  -j 2 / -j 1: {rates[2] / rates[1]:.2f}x (goal >= 1.8x)")
        floor = min(_floor_seconds(paths) for _ in range(args.rounds))
        print(
            f"  floor (read, decode, one regex pass): {files / floor:,.0f} reports/s; gklint -j 1 is {rates[1] / (files / floor):.1%} of it"
        )
        autocorrect = _autocorrect_seconds(paths)
        if autocorrect is None:
            print("  autocorrect-py: not installed")
        else:
            print(
                f"  autocorrect-py (lint_for): {files / autocorrect:,.0f} reports/s; gklint -j 1 is {rates[1] / (files / autocorrect):.2f}x it"
            )
        print(f"  peak RSS, gklint -j 1, {files:,} files: {_peak_mib(folder):.0f} MiB (goal <= 150)")
        print(f"  peak RSS, gklint -j 2 (parent), {files:,} files: {_peak_mib(folder, 2):.0f} MiB")
        for path in paths:
            path.unlink()
        big = _folder(Path(tmp) / "reports", 10 * files)
        print(f"  peak RSS, gklint -j 1, {10 * files:,} files: {_peak_mib(big):.0f} MiB (goal <= 150)")
        for path in big.iterdir():
            path.unlink()
        five = Path(tmp) / "five-mb.txt"
        text = SEEDS[0].read_text(encoding="utf-8")
        head, body = text.split("\n", 1)
        five.write_text(head + "\n" + body * (5_000_000 // len(body.encode("utf-8")) + 1), encoding="utf-8")
        from gklint.run.config import Settings
        from gklint.run.engine import Linter

        linter = Linter(Settings())
        seconds = _timed(lambda: linter.lint_path(five))
        print(
            f"  one {five.stat().st_size / 1e6:.1f} MB report (the first seed's body repeated), default rules: {seconds:.2f} s (goal <= 1 s)"
        )
    print(f"  one file, whole process (median of 5): {_whole_process_ms(SEEDS[0]):.0f} ms")


def _timed(work) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def _rate(files: int, elapsed: float) -> str:
    return f"{files / elapsed:,.0f} reports/s, {elapsed / files * 1000:.2f} ms per file"


def _engine_run(linter, paths: list[Path]) -> float:
    started = time.perf_counter()
    for path in paths:
        linter.lint_path(path)
    return time.perf_counter() - started


def _cli_run(linter, paths: list[Path], jobs: int) -> tuple[float, list]:
    from gklint.cli import Run, build_parser

    run = Run(linter, build_parser().parse_args(["-j", str(jobs)]))
    started = time.perf_counter()
    run.lint_all(paths)
    elapsed = time.perf_counter() - started
    keys = [(r.path, v.code, v.line, v.column, v.message) for r in run.results for v in r.violations]
    return elapsed, keys


if __name__ == "__main__":  # needed: -j workers are started with `spawn`, which imports this module
    main()
