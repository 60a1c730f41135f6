"""The real pre-commit against this checkout's .pre-commit-hooks.yaml, in a temporary repo of reports.

The checkout (its working tree, committed or not) is snapshotted into a local git repo at a fixed
revision that `.pre-commit-config.yaml` points at, so pre-commit builds the hooks' environment once
(the slow part) and every run below reuses it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import seed

CHECKOUT = Path(__file__).resolve().parents[1]
pytestmark = [pytest.mark.slow, pytest.mark.skipif(shutil.which("git") is None, reason="needs git")]  # slow: pre-commit in a git repository


def _git(*args, cwd, env):
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path_factory.mktemp("pre-commit-home")),
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    snapshot = tmp_path_factory.mktemp("gklint-snapshot")
    for name in _git("ls-files", "-co", "--exclude-standard", "-z", cwd=CHECKOUT, env=env).split("\0"):
        if name and (CHECKOUT / name).is_file():
            (snapshot / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(CHECKOUT / name, snapshot / name)
    _git("init", "-q", cwd=snapshot, env=env)
    _git("add", "-A", cwd=snapshot, env=env)
    _git("commit", "-qm", "snapshot", cwd=snapshot, env=env)
    rev = _git("rev-parse", "HEAD", cwd=snapshot, env=env).strip()

    root = tmp_path_factory.mktemp("reports")
    _git("init", "-q", cwd=root, env=env)
    (root / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {snapshot.as_posix()}\n    rev: {rev}\n    hooks:\n      - id: gklint\n      - id: gklint-fix\n",
        encoding="utf-8",
    )
    # Only the numbering and phone rules, so that "clean" is easy to make from a real seed.
    (root / "gklint.toml").write_text('select = ["GK103", "GK212"]\n', encoding="utf-8")
    return root, env


def _pre_commit(root, env, hook):
    _git("add", "-A", cwd=root, env=env)
    run = subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", hook, "--all-files"], cwd=root, env=env, capture_output=True, text=True
    )
    return run.returncode, run.stdout + run.stderr


BROKEN = seed("004").read_text(encoding="utf-8")
CLEAN = BROKEN.replace("2、 主动公开政府信息情况", "二、主动公开政府信息情况").replace("0631—5961933", "0631-5961933")


def test_gklint_hook_fails_on_a_broken_report_and_passes_on_a_clean_one(reports):
    root, env = reports
    (root / "report.txt").write_text(BROKEN, encoding="utf-8")
    code, output = _pre_commit(root, env, "gklint")
    assert code == 1, output
    assert "GK103" in output and "GK212" in output and "Failed" in output
    (root / "report.txt").write_text(CLEAN, encoding="utf-8")
    code, output = _pre_commit(root, env, "gklint")
    assert code == 0, output
    assert "Passed" in output


def test_gklint_fix_hook_fixes_and_fails(reports):
    root, env = reports
    (root / "report.txt").write_text(BROKEN, encoding="utf-8")
    (root / "clean.txt").write_text(CLEAN, encoding="utf-8")
    code, output = _pre_commit(root, env, "gklint-fix")
    assert code == 1, output
    assert "files were modified by this hook" in output
    assert "1 × GK103" in output and "1 × GK212" in output  # --show-fixes
    assert (root / "report.txt").read_text(encoding="utf-8") == CLEAN
    assert (root / "clean.txt").read_text(encoding="utf-8") == CLEAN
    code, output = _pre_commit(root, env, "gklint-fix")
    assert code == 0, output
