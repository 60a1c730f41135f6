"""Issue 12: hostile input, concurrent edits, crashing workers — no traceback, no hang, nothing lost.

Each test is named after the defect it holds down. In-process where it can be; a real process only
where a signal or a dying worker is the point.
"""

from __future__ import annotations

import errno
import json
import os
import signal
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from gklint import Edit, Finding, Fix, Severity, hookimpl, rule
from gklint.cli import main
from gklint.run import fixes, parallel
from gklint.run.config import Settings
from gklint.run.engine import Linter
from gklint.run.plugins import load_plugins
from gklint.run.session import Run

from .conftest import seed
from .test_fix_cli import cli, copy_seed

FIXABLE = "004"  # seed 004: a GK103 numbering and a GK212 phone, both safe fixes


def _fixed_bytes(path: Path) -> bytes:
    """What `--fix` makes of a copy of `path` (run on a scratch copy)."""
    scratch = path.with_name(".scratch-" + path.name)
    scratch.write_bytes(path.read_bytes())
    cli("--fix", str(scratch), cwd=path.parent)
    data = scratch.read_bytes()
    scratch.unlink()
    return data


# -- data loss ---------------------------------------------------------------------------------
def test_fix_does_not_replace_a_file_that_changed_while_gklint_ran(tmp_path, monkeypatch):
    path = copy_seed(FIXABLE, tmp_path)
    fix_until_stable = fixes.fix_until_stable

    def someone_saves_meanwhile(*args, **kwargs):
        with open(path, "ab") as stream:
            stream.write("新增的一行。\n".encode())
        return fix_until_stable(*args, **kwargs)

    monkeypatch.setattr(fixes, "fix_until_stable", someone_saves_meanwhile)
    done = cli("--fix", str(path), cwd=tmp_path)
    assert path.read_bytes() == seed(FIXABLE).read_bytes() + "新增的一行。\n".encode()
    assert done.returncode == 1
    assert b"changed while gklint was running" in done.stderr and b"fixes were not written" in done.stderr
    assert "已修复" not in done.stdout.decode("utf-8")  # nothing claimed as fixed
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary file left


def _batch(folder: Path, count: int = 6) -> list[Path]:
    return [copy_seed(FIXABLE, folder, f"r{index}.txt") for index in range(count)]


def _forked_workers(monkeypatch, misbehave) -> None:
    """-j workers that inherit this test's patch of `Run.lint_file` (fork instead of spawn)."""
    lint_file = Run.lint_file

    def patched(run, path):
        misbehave(path)
        return lint_file(run, path)

    monkeypatch.setattr(Run, "lint_file", patched)
    monkeypatch.setattr(parallel, "START_METHOD", "fork")


def _reported_fixes(show_fixes: str) -> set[str]:
    return {line[2:].rstrip(":") for line in show_fixes.splitlines() if line.startswith("- ")}


@pytest.mark.slow
def test_jobs_2_fix_with_a_crashing_file_reports_it_and_the_others(tmp_path, monkeypatch):
    files = _batch(tmp_path)

    def crash(path):
        if path.name == "r2.txt":
            raise RuntimeError("boom")

    _forked_workers(monkeypatch, crash)
    done = cli("-j", "2", "--fix", "--show-fixes", "--format", "json", str(tmp_path), cwd=tmp_path)
    findings = json.loads(done.stdout)
    crashed = [f for f in findings if f["code"] == "GK003"]
    assert [f["path"] for f in crashed] == [str(files[2])] and "RuntimeError: boom" in crashed[0]["message"]
    assert files[2].read_bytes() == seed(FIXABLE).read_bytes()  # not fixed, not touched
    changed = {str(p) for p in files if p.read_bytes() != seed(FIXABLE).read_bytes()}
    assert changed == {str(p) for p in files if p != files[2]}
    assert _reported_fixes(done.stderr.decode("utf-8")) == changed  # nothing written without being reported
    assert done.returncode == 1


@pytest.mark.slow
def test_jobs_2_fix_with_a_killed_worker_reports_every_file_and_writes_only_reported_ones(tmp_path, monkeypatch):
    files = _batch(tmp_path, 8)

    def killed(path):
        if path.name == "r3.txt":
            os.kill(os.getpid(), signal.SIGKILL)

    _forked_workers(monkeypatch, killed)
    done = cli("-j", "2", "--fix", "--show-fixes", "--format", "json", str(tmp_path), cwd=tmp_path)
    findings = json.loads(done.stdout)
    died = [f for f in findings if f["code"] == "GK003"]
    assert [f["path"] for f in died] == [str(files[3])] and "worker process died" in died[0]["message"]
    assert files[3].read_bytes() == seed(FIXABLE).read_bytes()
    changed = {str(p) for p in files if p.read_bytes() != seed(FIXABLE).read_bytes()}
    assert changed == {str(p) for p in files if p != files[3]}
    assert _reported_fixes(done.stderr.decode("utf-8")) == changed


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs /proc to find the workers")
def test_sigterm_to_the_parent_stops_the_workers_and_writes_nothing_half(tmp_path):
    # Enough files that the run is still going when the signal comes, however fast the machine.
    files = [copy_seed(FIXABLE, tmp_path, f"r{index:03d}.txt") for index in range(600)]
    fixed = _fixed_bytes(files[0])
    process = subprocess.Popen(
        [sys.executable, "-m", "gklint", "--isolated", "-j", "2", "--fix", str(tmp_path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 20
    while len(_children(process.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.3)  # the workers are linting
    workers = _children(process.pid)
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=30)
    assert process.returncode == 143, err
    assert b"Traceback" not in err
    time.sleep(0.2)
    assert not [pid for pid in workers if Path(f"/proc/{pid}").exists() and "Z" not in Path(f"/proc/{pid}/stat").read_text().split()[2]]
    assert all(p.read_bytes() in (seed(FIXABLE).read_bytes(), fixed) for p in files)  # each whole, old or new
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".gklint-tmp")]


# -- tracebacks instead of findings: file names ------------------------------------------------
FORMATS = ("text", "json", "json-lines", "full", "sarif", "github", "junit")


@pytest.mark.parametrize("format_", FORMATS)
def test_a_non_utf8_file_name_is_printed_with_escapes_not_a_traceback(tmp_path, format_):
    name = os.fsdecode(b"r\xff.txt")  # \udcff: how Python keeps a byte that is not UTF-8
    copy_seed(FIXABLE, tmp_path, name)
    done = cli("--format", format_, str(tmp_path), cwd=tmp_path)
    assert done.returncode == 1
    assert b"\\udcff" in done.stdout or b"%FF" in done.stdout  # SARIF: a URI, percent-encoded


def test_a_non_utf8_file_name_is_fixed_and_its_diff_names_its_own_bytes(tmp_path):
    path = copy_seed(FIXABLE, tmp_path, os.fsdecode(b"r\xff.txt"))
    diff = cli("--diff", path.name, cwd=tmp_path)
    assert diff.returncode == 1 and diff.stdout.startswith(b"--- r\xff.txt\n+++ r\xff.txt\n")
    fixed = cli("--fix", "--show-fixes", path.name, cwd=tmp_path)
    assert fixed.returncode == 0 and b"r\\udcff.txt" in fixed.stdout
    assert path.read_bytes() != seed(FIXABLE).read_bytes()


def test_a_non_utf8_stdin_filename_is_printed_with_escapes(tmp_path, monkeypatch):
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(seed(FIXABLE).read_bytes())))
    done = cli("--stdin-filename", os.fsdecode(b"x\xff.txt"), cwd=tmp_path)
    assert done.returncode == 1 and done.stdout.startswith(b"x\\udcff.txt:")


# -- tracebacks instead of findings: plugins ---------------------------------------------------

MISBEHAVING = {
    "XZ101": lambda report: "not a finding",
    "XZ102": lambda report: None,
    "XZ103": lambda report: Finding(None, None, "坏", "bad"),
    "XZ104": lambda report: Finding(0, 1, "孤立代理\ud800", "lone surrogate \ud800"),
    "XZ105": lambda report: Finding(0, 1, "无替换", "no replacement", Fix.safe(Edit(0, 1, None))),
    "XZ106": lambda report: Finding(0, 1, "代理替换", "surrogate replacement", Fix.safe(Edit(0, 1, "\udcff"))),
    "XZ107": lambda report: sys.exit(4),  # in check(): GK003 too, not the end of the run
}


def _misbehaving_rule(code: str, make):
    def check(report, options):
        """## What it does\nMisbehaves.\n## Why it matters\nA test.\n## Example\n-\n## Fix safety\n-\n"""
        yield make(report)

    return rule(code, f"misbehaves-{code.lower()}", Severity.ERROR, summary="坏", summary_en="bad")(check)


class MisbehavingPack:
    @hookimpl
    def gklint_rules(self):
        return [_misbehaving_rule(code, make) for code, make in MISBEHAVING.items()]


def test_a_plugin_rule_yielding_garbage_is_gk003_for_that_rule_and_the_run_goes_on(tmp_path):
    plugins = load_plugins()
    plugins.manager.register(MisbehavingPack(), name="misbehaving")
    linter = Linter(Settings(extend_select=["XZ", "GK003"]), plugins)
    result = linter.lint_path(seed(FIXABLE))
    failed = {v.message.en.split()[1] for v in result.violations if v.code == "GK003"}
    assert failed == set(MISBEHAVING)
    assert {"GK103", "GK212"} <= {v.code for v in result.violations}  # the other rules ran


def test_a_plugin_calling_sys_exit_at_import_is_gk003_not_a_silent_end(monkeypatch, capsys):
    from gklint.run import plugins as plugins_module

    class ExitingEntryPoint:
        name, value, group, dist = "exits", "exits", "gklint", None

        def load(self):
            sys.exit(3)

    monkeypatch.setattr(plugins_module, "entry_points", lambda group: [ExitingEntryPoint()])
    assert main(["--isolated", "--format", "json", str(seed(FIXABLE))]) == 1
    findings = json.loads(capsys.readouterr().out)
    assert any(f["code"] == "GK003" and f["path"] == "plugin:exits" and "SystemExit" in f["message"] for f in findings)
    assert any(f["code"] == "GK103" for f in findings)


# -- tracebacks instead of findings: configuration, baseline, output ---------------------------
@pytest.mark.parametrize(
    "name, content, message",
    [
        ("pyproject.toml", "tool = 5\n", "`tool` must be a table"),
        ("gklint.toml", 'tool = "x"\n', "unknown key `tool`"),
        ("gklint.toml", "a = " + "[" * 5000 + "]" * 5000 + "\n", "nested too deeply"),
    ],
    ids=["tool-5-in-pyproject", "tool-x-in-gklint-toml", "5000-deep-toml"],
)
def test_a_bad_config_file_is_exit_2_with_a_message(tmp_path, monkeypatch, capsys, name, content, message):
    (tmp_path / name).write_text(content, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main([str(seed(FIXABLE))]) == 2
    assert message in capsys.readouterr().err


def test_a_100k_deep_baseline_is_exit_2_with_a_message(tmp_path, capsys):
    baseline = tmp_path / "baseline.json"
    baseline.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert main(["--isolated", "--baseline", str(baseline), str(seed(FIXABLE))]) == 2
    assert "nested too deeply" in capsys.readouterr().err


@pytest.mark.parametrize("option", [["--output-file"], ["--update-baseline", "--baseline"]], ids=["output-file", "update-baseline"])
def test_output_file_or_update_baseline_pointing_at_a_folder_is_exit_2(tmp_path, capsys, option):
    assert main(["--isolated", *option, str(tmp_path), str(seed(FIXABLE))]) == 2
    assert "is a folder" in capsys.readouterr().err


def test_an_output_file_that_cannot_be_written_is_exit_2(tmp_path, capsys):
    assert main(["--isolated", "--output-file", str(tmp_path / "no" / "such" / "out.txt"), str(seed(FIXABLE))]) == 2
    assert "cannot write --output-file" in capsys.readouterr().err


# -- a write failure under --fix ---------------------------------------------------------------
@pytest.mark.parametrize(
    "failure",
    [(errno.ENOSPC, "No space left on device"), (errno.EACCES, "Permission denied")],
    ids=["disk-full", "read-only-folder"],
)
def test_a_write_failure_under_fix_reports_that_file_and_goes_on(tmp_path, monkeypatch, failure):
    first, second = copy_seed(FIXABLE, tmp_path, "a.txt"), copy_seed(FIXABLE, tmp_path, "b.txt")
    mkstemp = tempfile.mkstemp

    def failing(*args, **kwargs):  # as a full disk or a folder without write permission (root ignores chmod)
        if kwargs["prefix"].startswith(".a.txt"):
            raise OSError(*failure)
        return mkstemp(*args, **kwargs)

    monkeypatch.setattr(tempfile, "mkstemp", failing)
    done = cli("--fix", "--show-fixes", str(tmp_path), cwd=tmp_path)
    assert done.returncode == 1
    assert first.read_bytes() == seed(FIXABLE).read_bytes()  # the original intact
    assert second.read_bytes() != seed(FIXABLE).read_bytes()  # the next file fixed
    err, out = done.stderr.decode("utf-8"), done.stdout.decode("utf-8")
    assert f"{first}: " in err and failure[1] in err and "the file was not changed" in err
    assert _reported_fixes(out) == {str(second)}
    assert f"{first}:5:" in out  # its findings reported as they stand


# -- resources: only regular files, and not too many bytes -------------------------------------
@pytest.fixture
def deadline():
    """A regression here hangs (a FIFO) or eats memory (/dev/zero): fail after 10 s instead."""

    class KeptReading(Exception):  # not an OSError: gklint handles those
        pass

    def expired(signum, frame):
        raise KeptReading()

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, 10, 1)  # and every second after, should the first be swallowed
    yield
    signal.setitimer(signal.ITIMER_REAL, 0)
    signal.signal(signal.SIGALRM, previous)


def _gk001(findings: list, path: Path) -> str:
    return next(f["message"] for f in findings if f["path"] == str(path) and f["code"] == "GK001")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_named_txt_in_a_folder_is_skipped_not_a_hang(tmp_path, capsys, deadline):
    copy_seed(FIXABLE, tmp_path, "report.txt")
    os.mkfifo(tmp_path / "pipe.txt")  # reading it would wait for a writer forever
    assert main(["--isolated", "--format", "json", str(tmp_path)]) == 1
    assert {f["path"] for f in json.loads(capsys.readouterr().out)} == {str(tmp_path / "report.txt")}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_named_explicitly_is_gk001_not_a_regular_file(tmp_path, capsys, deadline):
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)
    assert main(["--isolated", "--fix", "--lang", "en", "--format", "json", str(pipe)]) == 1
    assert "not a regular file" in _gk001(json.loads(capsys.readouterr().out), pipe)


def _limited_memory() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))


@pytest.mark.slow
@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_symlink_to_dev_zero_is_gk001_and_skipped_in_a_folder(tmp_path):
    # In a process of its own with 2 GB of address space: a regression reads until MemoryError.
    link = tmp_path / "zero.txt"
    link.symlink_to("/dev/zero")
    command = [sys.executable, "-m", "gklint", "--isolated", "--lang", "en", "--format", "json"]
    done = subprocess.run([*command, str(link)], capture_output=True, timeout=60, preexec_fn=_limited_memory)
    assert done.returncode == 1 and "not a regular file" in _gk001(json.loads(done.stdout), link)
    in_folder = subprocess.run([*command, str(tmp_path)], capture_output=True, timeout=60, preexec_fn=_limited_memory)
    assert in_folder.returncode == 0 and json.loads(in_folder.stdout) == []  # nothing to lint


def test_a_file_past_the_byte_cap_is_gk001_and_read_no_further(tmp_path, monkeypatch, capsys):
    from gklint.read import source

    monkeypatch.setattr(source, "MAX_FILE_BYTES", 1024 * 1024)
    big = tmp_path / "big.txt"
    big.write_bytes(seed(FIXABLE).read_bytes() * 200)  # ~6 MB
    assert main(["--isolated", "--lang", "en", "--format", "json", str(big)]) == 1
    assert "larger than 1 MB" in _gk001(json.loads(capsys.readouterr().out), big)
    assert source.read_file(seed(FIXABLE)) == seed(FIXABLE).read_bytes()  # a report is read whole


# -- fix fidelity ------------------------------------------------------------------------------
GLUED = "001"  # seed 001: a number glued to its label (GK305, split by a safe fix that inserts a line break)


def test_a_cr_only_file_gets_its_own_line_ending_in_inserted_text(tmp_path):
    path = tmp_path / "cr.txt"
    path.write_bytes(seed(GLUED).read_bytes().replace(b"\n", b"\r"))
    done = cli("--select", "GK305", "--fix", str(path), cwd=tmp_path)
    assert done.returncode == 0
    data = path.read_bytes()
    assert b"\n" not in data and data != seed(GLUED).read_bytes().replace(b"\n", b"\r")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root can give a file away")
def test_fix_run_as_root_keeps_the_files_owner(tmp_path):
    path = copy_seed(FIXABLE, tmp_path)
    os.chown(path, 4321, 8765)
    assert cli("--fix", str(path), cwd=tmp_path).returncode == 0
    status = path.stat()
    assert (status.st_uid, status.st_gid) == (4321, 8765) and path.read_bytes() != seed(FIXABLE).read_bytes()


def test_fix_of_a_hard_linked_file_writes_in_place_so_every_link_sees_it(tmp_path):
    path = copy_seed(FIXABLE, tmp_path, "a.txt")
    other = tmp_path / "b.txt"
    os.link(path, other)
    assert cli("--fix", str(path), cwd=tmp_path).returncode == 0
    assert os.path.samefile(path, other) and other.read_bytes() == path.read_bytes() != seed(FIXABLE).read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt"]


def test_a_read_only_file_is_not_rewritten_unless_force(tmp_path):
    path = copy_seed(FIXABLE, tmp_path)
    path.chmod(0o444)
    refused = cli("--fix", str(path), cwd=tmp_path)
    assert refused.returncode == 1 and path.read_bytes() == seed(FIXABLE).read_bytes()
    assert b"read-only" in refused.stderr and b"--force" in refused.stderr
    forced = cli("--fix", "--force", str(path), cwd=tmp_path)
    assert forced.returncode == 0 and path.read_bytes() != seed(FIXABLE).read_bytes()
    assert stat.S_IMODE(path.stat().st_mode) == 0o444  # still read-only


def test_fix_keeps_extended_attributes(tmp_path):
    path = copy_seed(FIXABLE, tmp_path)
    try:
        os.setxattr(path, "user.origin", b"https://example.org/report")
    except (OSError, AttributeError):
        pytest.skip("no user extended attributes here")
    assert cli("--fix", str(path), cwd=tmp_path).returncode == 0
    assert path.read_bytes() != seed(FIXABLE).read_bytes()
    assert os.getxattr(path, "user.origin") == b"https://example.org/report"


def test_stdin_past_the_byte_cap_is_gk001_and_read_no_further(tmp_path, monkeypatch, capsys):
    import io

    from gklint.read import source

    monkeypatch.setattr(source, "MAX_FILE_BYTES", 1024)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(seed(FIXABLE).read_bytes())))
    assert main(["--isolated", "--lang", "en", "--format", "json", "-"]) == 1
    assert "larger than" in _gk001(json.loads(capsys.readouterr().out), Path("-"))


def test_sigterm_in_a_serial_run_exits_143_like_ctrl_c_exits_130(monkeypatch):
    from gklint import cli as cli_module

    previous = signal.getsignal(signal.SIGTERM)

    def terminated():
        if signal.getsignal(signal.SIGTERM) in (previous, signal.SIG_DFL):  # would end pytest itself
            raise AssertionError("gklint installs no SIGTERM handler")
        signal.raise_signal(signal.SIGTERM)  # arrives while linting, as a `kill` would

    monkeypatch.setattr(cli_module, "main", terminated)
    try:
        with pytest.raises(SystemExit) as exit_:
            cli_module.entry_point()
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert exit_.value.code == 143
