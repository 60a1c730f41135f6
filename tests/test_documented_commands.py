"""Every `gklint …` command line shown in README.md and docs/*.md runs as documented (issue 13,
item 6): each in a fresh folder holding the files the examples name (copies of the fixtures), in
this process (`gklint.cli.main`). A documented command must not be a usage error (exit 2) nor
raise; lines that need the network or a git remote are skipped with the reason."""

from __future__ import annotations

import os
import re
import shlex
import shutil
from pathlib import Path

import pytest

from gklint.cli import main

from .conftest import seed

ROOT = Path(__file__).resolve().parents[1]
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
FIXTURES = ROOT / "tests" / "fixtures"
# A command starts a line (or a YAML `run:`/list item, or follows `&&`); `.venv/bin/gklint` counts.
COMMAND = re.compile(r"(?:^|&&\s*|run:\s*|^-\s+)(?:\S*/)?gklint\s+(?P<args>[^#]*)")
SKIPPED = {
    "--since": "needs a git repository with an origin remote",
    "--hook-repo": "gklint init with a repository URL may ask it for its tags (network)",
}


def documented_commands() -> list:
    commands = []
    for document in DOCUMENTS:
        fenced = False
        for number, line in enumerate(document.read_text(encoding="utf-8").splitlines(), 1):
            if line.lstrip().startswith("```"):
                fenced = not fenced
                continue
            match = COMMAND.search(line.strip()) if fenced else None
            if match:
                where = f"{document.relative_to(ROOT)}:{number}"
                commands.append(pytest.param(shlex.split(match["args"]), id=where))
    return commands


COMMANDS = documented_commands()


def test_the_documents_show_commands():
    assert len(COMMANDS) >= 30


def _workspace(folder: Path) -> None:
    """The files the examples name: a report, a PDF, folders of reports, an old report in Big5."""

    def copy(source: Path, target: str) -> None:
        path = folder / target
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, path)
        path.chmod(0o644)

    for name in ("report.txt", "r.txt", "reports/a.txt", "archive/a.txt", "rules/a.txt", f"tests/fixtures/seeds/{seed('004').name}"):
        copy(seed("004"), name)
    copy(seed("000"), "reports/b.txt")
    copy(seed("003"), "archive/b.txt")
    copy(FIXTURES / "pdf" / "004_original.pdf", "report.pdf")
    traditional = seed("001").read_text(encoding="utf-8")
    (folder / "old.txt").write_bytes(traditional.encode("big5", "replace"))


@pytest.mark.slow
@pytest.mark.parametrize("args", COMMANDS)
def test_documented_command_runs(args, tmp_path, capsys):
    for flag, reason in SKIPPED.items():
        if flag in args:
            pytest.skip(reason)
    _workspace(tmp_path)
    previous = os.getcwd()
    os.chdir(tmp_path)
    try:
        if "--baseline" in args and "--update-baseline" not in args:
            main(["--baseline", args[args.index("--baseline") + 1], "--update-baseline", "archive/"])
        try:
            code = main(args)
        except SystemExit as exit_:  # --help
            code = exit_.code
    finally:
        os.chdir(previous)
    captured = capsys.readouterr()
    assert code in (0, 1), f"gklint {shlex.join(args)} → exit {code}\n{captured.err}"
    assert "Traceback" not in captured.err
