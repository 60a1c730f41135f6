"""Memory flat in the number of reports (issue 15): a run keeps each report's piece of the output
and a few counts, not the report, its line table, its fix edits or both languages' messages."""

from __future__ import annotations

import shutil
import subprocess
import sys

from .conftest import SEEDS

SCRIPT = """
import os, resource, sys
from gklint.cli import main
os.dup2(os.open(os.devnull, os.O_WRONLY), 1)  # the output streamed to nowhere
main(["--isolated", "--exit-zero", "-j", "1", sys.argv[1]])
# The peak of this process image (VmHWM): ru_maxrss would keep a forking parent's peak across exec.
try:
    peak = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM:"))
except (OSError, StopIteration):
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(peak, file=sys.stderr)  # KiB
"""


def _peak_kib(folder) -> int:
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(folder)], capture_output=True, text=True, check=True)
    return int(done.stderr.strip().splitlines()[-1])


def test_linting_2000_reports_keeps_peak_memory_flat(tmp_path):
    """2,000 reports cost at most a few KiB each over 50: at the 158 KiB a file a run used to
    keep (fix edits, line tables, both messages), the difference would be over 300 MiB."""
    if sys.platform != "linux":
        import pytest

        pytest.skip("ru_maxrss is in KiB on Linux only")
    small, large = tmp_path / "small", tmp_path / "large"
    small.mkdir()
    large.mkdir()
    for index in range(2000):
        seed = SEEDS[index % len(SEEDS)]
        shutil.copyfile(seed, large / f"{index:04d}_{seed.name}")
        if index < 50:
            shutil.copyfile(seed, small / f"{index:04d}_{seed.name}")
    base, peak = _peak_kib(small), _peak_kib(large)
    assert peak - base < 40 * 1024, (base, peak)  # under 20 KiB a report
    assert peak < 150 * 1024, peak
