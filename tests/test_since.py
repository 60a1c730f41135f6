"""--since REV: only files changed since REV, only findings on changed lines (plus document-level)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from gklint.run.changed_lines import GitError, changed_since

from .conftest import seed
from .test_fix_cli import cli

pytestmark = [pytest.mark.slow, pytest.mark.skipif(shutil.which("git") is None, reason="needs git")]  # slow: git repositories

ENV = {
    **os.environ,
    "PYTHONIOENCODING": "utf-8",
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@example.org",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@example.org",
    "GIT_CONFIG_NOSYSTEM": "1",
    "HOME": "/nonexistent",
}
SELECT = "GK103,GK106,GK201,GK211,GK212,GK601"


def git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", *args], cwd=cwd, env=ENV, check=True, capture_output=True)


def gklint(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """gklint's main in this process (see test_fix_cli.cli), output decoded."""
    done = cli(*args, cwd=cwd)
    return subprocess.CompletedProcess(done.args, done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8"))


def found(*args: str, cwd: Path) -> list[tuple[str, str, int]]:
    out = gklint("--format", "json", "--select", SELECT, *args, cwd=cwd)
    assert out.returncode in (0, 1), out.stderr
    return sorted((f["path"], f["code"], f["line"]) for f in json.loads(out.stdout))


@pytest.fixture()
def repo(tmp_path):
    git("init", "-q", cwd=tmp_path)
    for prefix in ("001", "004"):
        shutil.copyfile(seed(prefix), tmp_path / f"{prefix}.txt")
    git("add", ".", cwd=tmp_path)
    git("commit", "-q", "-m", "reports", cwd=tmp_path)
    return tmp_path


def replace_in(path: Path, old: str, new: str) -> None:
    path.chmod(0o644)
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_only_changed_lines_of_changed_files(repo):
    everything = found(".", cwd=repo)
    assert ("004.txt", "GK103", 22) in everything and ("004.txt", "GK212", 5) in everything
    assert any(path == "001.txt" for path, _, _ in everything)

    assert found("--since", "HEAD", cwd=repo) == []  # nothing changed

    replace_in(repo / "004.txt", "全面推进决策", "全面推进(jìn)决策")  # line 7
    assert found("--since", "HEAD", cwd=repo) == [("004.txt", "GK601", 7)]
    # Staged changes count too, and paths restrict the files.
    git("add", "004.txt", cwd=repo)
    assert found("--since", "HEAD", "004.txt", cwd=repo) == [("004.txt", "GK601", 7)]
    assert found("--since", "HEAD", "001.txt", cwd=repo) == []

    # A commit after REV counts: REV is compared with the working tree.
    git("commit", "-q", "-m", "edit", cwd=repo)
    assert found("--since", "HEAD~1", cwd=repo) == [("004.txt", "GK601", 7)]


def test_untracked_file_is_wholly_changed(repo):
    shutil.copyfile(seed("002"), repo / "new.txt")
    new = list(found("--since", "HEAD", cwd=repo))
    assert new == list(found("new.txt", cwd=repo))
    assert {code for _, code, _ in new} >= {"GK106", "GK201"}


def test_document_level_findings_are_kept(repo):
    # Removing the statistics-period sentence changes line 5; GK201 hangs on the title (lines 1–2).
    replace_in(repo / "004.txt", "本报告所列数据统计时限自2020年1月1日起至2020年12月31日止。", "")
    got = found("--since", "HEAD", cwd=repo)
    assert ("004.txt", "GK201", 1) in got
    assert ("004.txt", "GK212", 5) in got  # the phone is on the changed line
    assert ("004.txt", "GK103", 22) not in got


def test_changed_lines_parsed_from_git_diff(repo):
    path = repo / "004.txt"
    path.chmod(0o644)
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[9] += "。"  # line 10 changed
    del lines[29]  # line 30 deleted: 30 and 31 of the new file touch the deletion
    lines.insert(40, "新增一行")  # line 41 of the new file
    path.write_text("\n".join(lines), encoding="utf-8")
    changes = changed_since("HEAD", [Path(".")], cwd=repo)
    assert changes.lines_for(path) == {10, 29, 30, 41}
    assert changes.lines_for(repo / "001.txt") is False


def test_gb18030_file_changes_are_read(repo):
    path = repo / "004.txt"
    path.chmod(0o644)
    path.write_bytes(seed("004").read_text(encoding="utf-8").encode("gb18030"))
    git("add", ".", cwd=repo)
    git("commit", "-q", "-m", "gb", cwd=repo)
    replace_in_bytes = path.read_bytes().replace("全面推进决策".encode("gb18030"), "全面推进(jìn)决策".encode("gb18030"))
    path.write_bytes(replace_in_bytes)
    assert found("--since", "HEAD", cwd=repo) == [("004.txt", "GK601", 7)]


def test_bad_revision_and_no_repository_exit_2(repo, tmp_path_factory):
    bad = gklint("--since", "no-such-rev", ".", cwd=repo)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
    outside = tmp_path_factory.mktemp("plain")
    shutil.copyfile(seed("004"), outside / "r.txt")
    out = gklint("--since", "HEAD", ".", cwd=outside)
    assert out.returncode == 2 and "Traceback" not in out.stderr
    with pytest.raises(GitError):
        changed_since("HEAD", [Path(".")], cwd=outside)
