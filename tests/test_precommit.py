"""The real pre-commit, run against this checkout's .pre-commit-hooks.yaml in a temporary git repo."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import seed

CHECKOUT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def _run(args, cwd, env):
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True)


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    root = tmp_path_factory.mktemp("reports")
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path_factory.mktemp("pre-commit-home")),
        "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    _run(["git", "init", "-q"], root, env)
    # Only the numbering rule, so that "clean" is easy to make from a real seed.
    (root / "gklint.toml").write_text('select = ["GK103"]\n', encoding="utf-8")
    return root, env


def _try_repo(root, env, text):
    report = root / "report.txt"
    report.write_text(text, encoding="utf-8")
    _run(["git", "add", "report.txt", "gklint.toml"], root, env)
    return _run([sys.executable, "-m", "pre_commit", "try-repo", str(CHECKOUT), "gklint", "--all-files"], root, env)


def test_hook_fails_on_a_broken_report_and_passes_on_a_clean_one(repo):
    root, env = repo
    text = seed("004").read_text(encoding="utf-8")
    broken = _try_repo(root, env, text)
    assert broken.returncode == 1, broken.stdout + broken.stderr
    assert "GK103" in broken.stdout and "Failed" in broken.stdout
    clean = _try_repo(root, env, text.replace("2、 主动公开政府信息情况", "二、主动公开政府信息情况"))
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "Passed" in clean.stdout
