"""Snapshots of `gklint --format full` on the five seeds: the whole output a reviewer reads
(codes, positions, messages, source context, fix markers, the summary), compared byte for byte
with tests/snapshots/full/<seed>.out.

A change in the output fails with a unified diff (expected → got). When the change is meant,
regenerate the files and review them with `git diff tests/snapshots`:

    .venv/bin/python -m pytest tests/test_snapshots.py --snapshot-update
    GKLINT_SNAPSHOT_UPDATE=1 .venv/bin/python -m pytest tests/test_snapshots.py     # the same
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from gklint.cli import main

from .conftest import SEEDS

ROOT = Path(__file__).resolve().parents[1]
SNAPSHOTS = Path(__file__).parent / "snapshots" / "full"  # not under fixtures/: gklint must not lint them
ARGS = ["--isolated", "--select", "ALL", "--lang", "zh", "--color", "never", "--format", "full"]


def test_the_five_seeds_have_snapshots(snapshot_update):
    assert len(SEEDS) == 5
    if snapshot_update:
        return  # being written by the tests below
    assert sorted(p.stem for p in SNAPSHOTS.glob("*.out")) == sorted(p.stem for p in SEEDS)


@pytest.mark.parametrize("path", SEEDS, ids=[p.name[:3] for p in SEEDS])
def test_full_format_snapshot(path, capsys, monkeypatch, snapshot_update):
    monkeypatch.chdir(ROOT)  # paths in the output as a user at the repository's root sees them
    status = main([*ARGS, path.relative_to(ROOT).as_posix()])
    captured = capsys.readouterr()
    assert status == 1, captured.err  # every seed has findings
    assert captured.out and "Traceback" not in captured.err, captured.err
    got = captured.out
    expected_path = SNAPSHOTS / f"{path.stem}.out"
    if snapshot_update:
        expected_path.parent.mkdir(parents=True, exist_ok=True)
        expected_path.write_text(got, encoding="utf-8", newline="\n")
        return
    assert expected_path.is_file(), f"no snapshot {expected_path.relative_to(ROOT)}: run pytest {Path(__file__).name} --snapshot-update"
    expected = expected_path.read_text(encoding="utf-8")
    if got != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                got.splitlines(keepends=True),
                fromfile=f"{expected_path.relative_to(ROOT)} (expected)",
                tofile=f"gklint {' '.join(ARGS)} {path.name} (got)",
                n=2,
            )
        )
        pytest.fail(
            f"`--format full` output of {path.name} differs from its snapshot "
            f"(if the change is meant: pytest tests/test_snapshots.py --snapshot-update, then review git diff):\n{diff}",
            pytrace=False,
        )
