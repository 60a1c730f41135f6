"""--baseline / --update-baseline: recorded findings stay hidden across line shifts; new ones show."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from gklint.read.source import SourceText
from gklint.run.baseline import fingerprints
from gklint.run.config import Settings
from gklint.run.engine import Linter

from .conftest import seed
from .test_fix_cli import cli


def gklint(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """gklint's main in this process (see test_fix_cli.cli), output decoded."""
    done = cli(*args, cwd=cwd)
    return subprocess.CompletedProcess(done.args, done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8"))


def archive(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    for prefix in ("001", "004"):
        shutil.copyfile(seed(prefix), folder / f"{prefix}.txt")
        (folder / f"{prefix}.txt").chmod(0o644)
    return folder


def edit(path: Path, old: str, new: str, prepend: str = "") -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(prepend + text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.slow
def test_update_then_hide_then_only_new_findings(tmp_path):
    archive(tmp_path)
    before = gklint("--select", "ALL", "--format", "json", "reports", cwd=tmp_path)
    count = len(json.loads(before.stdout))
    assert before.returncode == 1 and count > 100

    made = gklint("--select", "ALL", "--baseline", "base.json", "--update-baseline", "reports", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    data = json.loads((tmp_path / "base.json").read_text(encoding="utf-8"))
    assert data["version"] == 1
    assert sorted(data["files"]) == ["reports/001.txt", "reports/004.txt"]  # relative to the baseline's folder
    assert sum(len(v) for v in data["files"].values()) == count

    quiet = gklint("--select", "ALL", "--baseline", "base.json", "reports", cwd=tmp_path)
    assert quiet.returncode == 0, quiet.stdout
    assert "全部通过" in quiet.stdout

    # Lines added above every finding of 004, and one new problem on an old line: only that is new.
    edit(tmp_path / "reports/004.txt", "全面推进决策", "全面推进(jìn)决策", prepend="\n\n\n")
    shifted = gklint("--select", "ALL", "--baseline", "base.json", "--format", "json", "reports", cwd=tmp_path)
    found = json.loads(shifted.stdout)
    assert shifted.returncode == 1
    assert [(f["path"], f["code"], f["line"]) for f in found] == [("reports/004.txt", "GK601", 10)]

    # The baseline is found relative to its own folder, whatever the current directory.
    inside = gklint("--select", "ALL", "--baseline", "../base.json", ".", cwd=tmp_path / "reports")
    assert inside.returncode == 1 and inside.stdout.count("GK601") == 1


def test_repeated_findings_are_counted(tmp_path):
    # The same debris twice on a line: distinct fingerprints; a third copy is one new finding.
    text = seed("001").read_text(encoding="utf-8")
    linter = Linter(Settings(select=["GK601"]))
    line = "區(qū)人民政府"
    assert text.count(line) >= 1

    def lint(current: str):
        return linter.lint_source(SourceText(current, "utf-8"), Path("r.txt")).violations

    once = lint(text)
    prints = fingerprints(once, text)
    assert len(set(prints)) == len(prints)
    shifted_text = "\n" + text
    assert fingerprints(lint(shifted_text), shifted_text) == prints  # survive a line shift
    assert len(set(prints)) < len(set(fingerprints(lint(text + line + "\n"), text + line + "\n")))


def test_baselined_findings_are_not_fixed(tmp_path):
    folder = archive(tmp_path)
    assert gklint("--select", "GK103", "--baseline", "base.json", "--update-baseline", "reports", cwd=tmp_path).returncode == 0
    fixed = gklint("--select", "GK103,GK212", "--baseline", "base.json", "--fix", "reports", cwd=tmp_path)
    assert fixed.returncode == 0, fixed.stdout
    text = (folder / "004.txt").read_text(encoding="utf-8")
    assert "0631-5961933" in text  # GK212 fixed
    assert "2、 主动公开政府信息情况" in text  # GK103 is in the baseline: left alone


def test_bad_baseline_is_a_usage_error(tmp_path):
    archive(tmp_path)
    missing = gklint("--baseline", "nope.json", "reports", cwd=tmp_path)
    assert missing.returncode == 2 and "nope.json" in missing.stderr and "Traceback" not in missing.stderr
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    broken = gklint("--baseline", "broken.json", "reports", cwd=tmp_path)
    assert broken.returncode == 2 and "broken.json" in broken.stderr
    (tmp_path / "other.json").write_text('{"version": 7, "files": {}}', encoding="utf-8")
    assert gklint("--baseline", "other.json", "reports", cwd=tmp_path).returncode == 2
    assert gklint("--update-baseline", "reports", cwd=tmp_path).returncode == 2
