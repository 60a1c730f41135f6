"""`-j N`: the same findings, in the same order, as one process; --fix/--diff/--baseline with -j;
the report a worker sends back; the progress bar (only for people at a terminal)."""

from __future__ import annotations

import io
import json
import shutil
import sys

import pytest

from gklint.cli import main
from gklint.cli_args import build_parser
from gklint.output.formatters import OutputContext
from gklint.run import parallel
from gklint.run.config import Settings
from gklint.run.engine import Linter
from gklint.run.progress import MIN_FILES, Progress, wanted
from gklint.run.session import Run

from .conftest import SAMPLES, SEEDS, seed

REAL = [*SEEDS, *SAMPLES]  # the five 2020 seeds and the 2021-format PDF text


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """~200 real reports: the seeds and the PDF sample repeated, one GB18030 and one CRLF copy among them."""
    folder = tmp_path_factory.mktemp("batch")
    for index in range(198):
        source = REAL[index % len(REAL)]
        shutil.copyfile(source, folder / f"{index:03d}_{source.name}")
    text = seed("004").read_text(encoding="utf-8")
    (folder / "198_gb18030.txt").write_bytes(text.encode("gb18030"))
    (folder / "199_crlf.txt").write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    return folder


def run_cli(capsys, *args):
    code = main(["--isolated", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.slow
def test_jobs_2_gives_exactly_the_findings_and_statistics_of_jobs_1(batch, capsys, tmp_path):
    missing = str(tmp_path / "missing.txt")  # GK001, after the files, in both
    serial = run_cli(capsys, "--select", "ALL", "--format", "json", "--statistics", "-j", "1", str(batch), missing)
    parallel_ = run_cli(capsys, "--select", "ALL", "--format", "json", "--statistics", "-j", "2", str(batch), missing)
    assert serial == parallel_  # exit code, JSON (order included) and the statistics, byte for byte
    code, out, err = serial
    items = json.loads(out)
    assert code == 1 and len({item["path"] for item in items}) > 150
    assert items[-1]["code"] == "GK001" and items[-1]["path"] == missing
    assert "\r" not in err  # stderr is not a terminal here: no progress bar
    counts = {line.split()[1]: int(line.split()[0]) for line in err.splitlines() if line.strip()}
    assert sum(counts.values()) == len(items)


@pytest.mark.slow
def test_every_format_is_the_same_from_workers(batch):
    """Formatters read the report (source lines for `full` and SARIF, fix positions for JSON):
    what a run keeps of each report (-j 1 too: only the line table) must serve them exactly as
    the real report does."""
    files = sorted(batch.iterdir())[:14]
    linter = Linter(Settings(select=["ALL"]))
    args = build_parser().parse_args([])
    serial = [linter.lint_path(f) for f in files]  # the full parsed reports
    for jobs in (1, 2):
        kept = parallel.lint_files(Run(linter, args), files, jobs)
        assert [r.path for r in kept] == [str(f) for f in files]
        assert all(isinstance(r.report, parallel.ShippedReport) for r in kept)
    shipped = kept
    for name in ("text", "json", "json-lines", "full", "sarif", "github", "junit"):
        context = OutputContext(lang="zh", rules=linter.rules)
        assert linter.formatters[name].format(shipped, context) == linter.formatters[name].format(serial, context), name
    # Beyond the line table, the report is parsed again on demand: same sections, title, tables.
    for real, stand_in in zip(serial, shipped):
        assert stand_in.report.lines == real.report.lines
        assert stand_in.report.location(len(real.report.text) // 2) == real.report.location(len(real.report.text) // 2)
        assert [s.number for s in stand_in.report.sections] == [s.number for s in real.report.sections]
        assert stand_in.report.title == real.report.title and stand_in.report.year == real.report.year
        assert [t.kind for t in stand_in.report.tables] == [t.kind for t in real.report.tables]


def test_a_serial_run_tunes_the_collector_only_while_it_lints(batch):
    """Threshold raised, and the results kept so far frozen out of the collector's passes; both
    undone when the run is over."""
    import gc

    before = gc.get_threshold()
    seen = []
    linter = Linter(Settings(select=["GK1"]))
    run = Run(linter, build_parser().parse_args([]))
    original = run.lint_file
    run.lint_file = lambda path: (seen.append((gc.get_threshold(), gc.get_freeze_count())), original(path))[1]
    parallel.lint_files(run, sorted(batch.iterdir())[:3], 1)
    assert len(seen) == 3 and all(threshold[0] >= 50_000 for threshold, _frozen in seen)
    assert seen[0][1] == 0 < seen[1][1] <= seen[2][1]  # the first file's result is frozen before the second's lint
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0


def _copies(folder, count=4):
    folder.mkdir()
    text = seed("004").read_text(encoding="utf-8")
    for index in range(count):
        (folder / f"r{index}.txt").write_text(text, encoding="utf-8")
    (folder / "gb.txt").write_bytes(text.encode("gb18030"))
    (folder / "crlf.txt").write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    return folder


@pytest.mark.slow
def test_fix_and_diff_with_jobs(tmp_path, capsys):
    one, two = _copies(tmp_path / "one"), _copies(tmp_path / "two")
    # Each file's diff is in its own encoding (GB18030 here): compare bytes.
    assert run_cli(capsys, "--diff", "-j", "1", "--output-file", str(tmp_path / "one.diff"), str(one))[0] == 1
    assert run_cli(capsys, "--diff", "-j", "2", "--output-file", str(tmp_path / "two.diff"), str(two))[0] == 1
    diff_one, diff_two = (tmp_path / "one.diff").read_bytes(), (tmp_path / "two.diff").read_bytes()
    assert diff_one.replace(str(one).encode(), b"X") == diff_two.replace(str(two).encode(), b"X")
    assert diff_one.count("+二、主动公开政府信息情况".encode()) == 5 and "+二、主动公开政府信息情况".encode("gb18030") in diff_one
    fix_one = run_cli(capsys, "--fix", "--show-fixes", "-j", "1", str(one))
    fix_two = run_cli(capsys, "--fix", "--show-fixes", "-j", "2", str(two))
    assert fix_one[0] == fix_two[0]
    assert fix_one[1].replace(str(one), "X") == fix_two[1].replace(str(two), "X")
    for path in sorted(one.iterdir()):
        assert path.read_bytes() == (two / path.name).read_bytes()  # the same bytes written, encodings kept
    assert (two / "gb.txt").read_bytes().decode("gb18030").count("二、主动公开政府信息情况") == 1


@pytest.mark.slow
def test_baseline_with_jobs(tmp_path, capsys):
    folder = _copies(tmp_path / "reports")
    baseline = str(tmp_path / "baseline.json")
    assert run_cli(capsys, "--baseline", baseline, "--update-baseline", "-j", "2", str(folder))[0] == 0
    assert json.loads((tmp_path / "baseline.json").read_text(encoding="utf-8"))  # findings recorded
    (folder / "r1.txt").write_text(seed("002").read_text(encoding="utf-8"), encoding="utf-8")
    code, out, _ = run_cli(capsys, "--baseline", baseline, "--format", "json", "-j", "2", str(folder))
    assert code == 1 and {item["path"] for item in json.loads(out)} == {str(folder / "r1.txt")}  # only the changed file


def test_job_count_and_bad_values(capsys):
    assert parallel.job_count(1) == 1 and parallel.job_count(3) == 3
    assert parallel.job_count(0) == parallel._cores() >= 1
    assert main(["--isolated", "-j", "-1", str(seed("004"))]) == 2
    assert "--jobs" in capsys.readouterr().err


def test_a_run_that_cannot_be_pickled_is_linted_in_this_process(monkeypatch):
    linter = Linter(Settings())
    run = Run(linter, build_parser().parse_args([]))
    run.callback = lambda: None  # a plugin's unpicklable object: no workers, same results

    def no_pool(*args, **kwargs):
        raise AssertionError("no process pool for an unpicklable run")

    monkeypatch.setattr(parallel, "ProcessPoolExecutor", no_pool)
    files = SEEDS[:3]
    assert [r.violations for r in parallel.lint_files(run, files, 2)] == [linter.lint_path(f).violations for f in files]


# -- progress bar -------------------------------------------------------------------------
class Terminal(io.StringIO):
    def isatty(self):
        return True


@pytest.mark.parametrize(
    "total, stream, environ, shown",
    [
        (MIN_FILES, Terminal(), {}, True),
        (MIN_FILES - 1, Terminal(), {}, False),  # short runs: no bar
        (500, io.StringIO(), {}, False),  # not a terminal (a pipe, a file)
        (500, Terminal(), {"PRE_COMMIT": "1"}, False),  # under pre-commit
        (500, Terminal(), {"CI": "true"}, False),  # in CI logs
    ],
)
def test_progress_only_for_long_runs_at_a_terminal(total, stream, environ, shown):
    assert wanted(total, stream, environ) is shown


def test_progress_draws_with_carriage_returns_and_erases_itself():
    stream = Terminal()
    ticks = iter(range(1000))
    with Progress(120, stream, enabled=True, clock=lambda: next(ticks)) as bar:
        for _ in range(120):
            bar.advance()
        drawn = stream.getvalue()
    assert drawn.startswith("\rgklint [") and "\n" not in drawn
    assert "1/120 (0%)" in drawn and "120/120 (100%)" in drawn
    assert stream.getvalue().endswith("\r" + " " * len(bar.render()) + "\r")  # erased: output starts clean


def test_progress_redraws_at_most_every_interval():
    stream = Terminal()
    bar = Progress(100, stream, enabled=True, clock=lambda: 5.0)  # the clock stands still
    for _ in range(100):
        bar.advance()
    assert stream.getvalue().count("\r") == 2  # the first draw and the last (100/100)


@pytest.mark.slow
def test_cli_shows_the_bar_on_a_terminal(batch, monkeypatch, capsys):
    terminal = Terminal()
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("PRE_COMMIT", raising=False)
    monkeypatch.setattr("sys.stderr", terminal)
    assert main(["--isolated", "--select", "GK103", "--exit-zero", str(batch)]) == 0
    assert "200/200 (100%)" in terminal.getvalue()
    assert "\r" not in capsys.readouterr().out  # the bar never reaches stdout


# -- the output streamed (gklint.run.stream) ------------------------------------------
STREAMED = ("text", "full", "json", "json-lines", "sarif", "junit", "github", "csv")


@pytest.mark.parametrize(
    "options",
    [("--format", f) for f in STREAMED]
    + [("--format", "csv", "--statistics"), ("--statistics",), ("--format", "json", "--statistics"), ("--format", "html")],
)
def test_every_format_streamed_from_workers_is_what_the_whole_batch_formats(batch, capsys, options):
    """Printed as each report is linted (-j 1 and -j 2), byte for byte what the formatter makes of
    all the reports at once; the exit code and stderr (statistics) the same."""
    files = sorted(batch.iterdir())[:24]
    serial = run_cli(capsys, "--select", "ALL", *options, "-j", "1", *map(str, files))
    parallel_ = run_cli(capsys, "--select", "ALL", *options, "-j", "2", *map(str, files))
    assert serial == parallel_
    if "--statistics" in options:
        return
    linter = Linter(Settings(select=["ALL"]))
    name = options[1]
    whole = linter.formatters[name].format([linter.lint_path(f) for f in files], OutputContext(lang="zh", rules=linter.rules))
    assert serial[1] == whole


def test_a_streamed_run_keeps_no_report(batch):
    """With a sink each file comes back as its piece of the output and its marks: no report, no source."""
    from gklint.run.stream import Done, Sink

    files = sorted(batch.iterdir())[:12]
    linter = Linter(Settings(select=["ALL"]))
    for jobs in (1, 2):
        run = Run(linter, build_parser().parse_args([]))
        run.sink = Sink("json-lines", OutputContext(lang="zh")).bind(linter.formatters)
        items = parallel.lint_files(run, files, jobs)
        assert all(type(item) is Done and isinstance(item.piece, str) for item in items)
        assert [item.path for item in items] == [str(f) for f in files]
        assert sum(len(item.marks) for item in items) == sum(item.piece.count("\n") for item in items)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fork is for Linux")
def test_fork_and_spawn_workers_give_the_same_output(batch, capsys, monkeypatch):
    files = [str(f) for f in sorted(batch.iterdir())[:10]]
    outputs = []
    for method in ("fork", "spawn"):
        monkeypatch.setattr(parallel, "START_METHOD", method)
        outputs.append(run_cli(capsys, "--select", "ALL", "--format", "json", "-j", "2", *files))
    assert outputs[0] == outputs[1] and outputs[0][0] == 1
