"""Our own code passes ruff's lint and format checks, as configured in pyproject.toml."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PATHS = ["lint", "rules", "tests", "bench"]


def _ruff() -> list[str]:
    found = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    if found is None:
        pytest.fail("ruff is missing: install the test extras (pip install -e '.[test]')")
    return [found]


def test_ruff_lint():
    done = subprocess.run([*_ruff(), "check", "--no-cache", *PATHS], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_ruff_format():
    done = subprocess.run([*_ruff(), "format", "--no-cache", "--check", *PATHS], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, f"run `ruff format {' '.join(PATHS)}`:\n" + done.stdout + done.stderr
