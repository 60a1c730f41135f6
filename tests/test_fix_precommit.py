"""The gklint-fix hook under the real pre-commit (try-repo against this checkout).

One try-repo run (it installs the hook's environment, the slow part): the hook fixes what is safely
fixable, pre-commit fails because files were modified, and a report with nothing to fix is untouched.
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
pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def test_gklint_fix_hook_fixes_and_fails(tmp_path_factory):
    root = tmp_path_factory.mktemp("fix-hook")
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path_factory.mktemp("pre-commit-home")),
        "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    subprocess.run(["git", "init", "-q"], cwd=root, env=env, check=True)
    (root / "gklint.toml").write_text('select = ["GK103", "GK212"]\n', encoding="utf-8")
    text = seed("004").read_text(encoding="utf-8")
    (root / "broken.txt").write_text(text, encoding="utf-8")
    clean = text.replace("2、 主动公开政府信息情况", "二、主动公开政府信息情况").replace("0631—5961933", "0631-5961933")
    (root / "clean.txt").write_text(clean, encoding="utf-8")
    subprocess.run(["git", "add", "."], cwd=root, env=env, check=True)
    run = subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(CHECKOUT), "gklint-fix", "--all-files"],
        cwd=root, env=env, capture_output=True, text=True,
    )
    output = run.stdout + run.stderr
    assert run.returncode == 1, output
    assert "Failed" in output and "files were modified by this hook" in output
    assert "1 × GK103" in output and "1 × GK212" in output  # --show-fixes
    assert (root / "broken.txt").read_text(encoding="utf-8") == clean
    assert (root / "clean.txt").read_text(encoding="utf-8") == clean
