"""Third-party rule packs: installed for real (pip --target), loaded through the `gklint` entry-point group."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import FIXTURES, seed


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("site")
    for pack in ("plugin_pack", "broken_pack"):
        # Build from a copy: setuptools writes egg-info next to the sources.
        source = shutil.copytree(FIXTURES / pack, tmp_path_factory.mktemp("src") / pack)
        built = subprocess.run(
            [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation", "--target", str(target), str(source)],
            capture_output=True,
            text=True,
        )
        assert built.returncode == 0, built.stderr
    return target


def run(site: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(site)}
    return subprocess.run([sys.executable, "-m", "gklint", *args], capture_output=True, text=True, env=env)


@pytest.mark.slow
def test_version_lists_plugins(site):
    out = run(site, "--version")
    assert out.returncode == 0
    assert "rules (gklint" in out.stdout
    assert "demo (gklint-demo-pack 0.1.0)" in out.stdout
    assert "broken: FAILED" in out.stdout and "gklint_this_module_does_not_exist" in out.stdout


@pytest.mark.slow
def test_third_party_rule_runs_and_failures_are_reported(site):
    out = run(site, "--select", "XY,GK0", "--format", "json", str(seed("000")))
    findings = json.loads(out.stdout)
    codes = {(f["code"], f["path"].startswith("plugin:")) for f in findings}
    # The pack's rule ran on the seed (政务微信 is on line 11).
    assert any(f["code"] == "XY101" and f["line"] == 11 for f in findings)
    # The crashing rule became GK003 naming rule and plugin; the broken import became GK003 too.
    crash = [f for f in findings if f["code"] == "GK003" and not f["path"].startswith("plugin:")]
    assert crash and "XY102" in crash[0]["message"] and "demo" in crash[0]["message"]
    assert ("GK003", True) in codes
    assert out.returncode == 1


@pytest.mark.slow
def test_builtin_rules_unaffected_by_broken_plugins(site):
    plain = subprocess.run([sys.executable, "-m", "gklint", "--format", "json", str(seed("004"))], capture_output=True, text=True)
    with_packs = run(site, "--format", "json", "--ignore", "XY,GK003", str(seed("004")))
    assert json.loads(plain.stdout) == json.loads(with_packs.stdout)
