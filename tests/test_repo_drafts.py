"""A repository of drafts (issue 13): folder search that respects git and skips what is not a report,
last year's report found in the repository for a report linted alone, and `gklint init` → the real
pre-commit (a `repo: local` hook, offline) failing on a broken draft and passing once it is fixed."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from gklint.cli import main
from gklint.run.history import body_key

from .conftest import FIXTURES, seed
from .test_history import huaian

HAS_GIT = shutil.which("git") is not None
needs_git = pytest.mark.skipif(not HAS_GIT, reason="needs git")
BROKEN = seed("004").read_text(encoding="utf-8")  # GK103 (2、 主动公开…) and GK212 (0631—5961933)
CLEAN = BROKEN.replace("2、 主动公开政府信息情况", "二、主动公开政府信息情况").replace("0631—5961933", "0631-5961933")
# 淮安市 2022 and 2023 (the 2024 PDF sample): 2022 carried 30 forward, 2023 carries 34 in → GK701.
# 2022 names the body 淮安市政府: the same body as 淮安市人民政府 (templates/law.yaml aliases).
HUAIAN_2022 = huaian(2022, "30 0 0 0 0 0 30", ("淮安市人民政府\n2022", "淮安市政府\n2022"))
HUAIAN_2023 = huaian(2023)


def lint(capsys, *args: str) -> tuple[int, list[dict], str]:
    code = main(["--format", "json", *args])
    out = capsys.readouterr()
    return code, json.loads(out.out) if out.out.strip() else [], out.err


def write(root: Path, files: dict[str, str | bytes]) -> Path:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


# -- folder search -------------------------------------------------------------------------------
def test_a_folder_of_a_repository_gives_only_its_reports(tmp_path, capsys, monkeypatch):
    """A venv, gitignored scratch files, .git/info/exclude, README and LICENSE: only the reports are linted."""
    write(
        tmp_path,
        {
            ".git/info/exclude": "private.txt\n",
            ".gitignore": "scratch/\n*.bak.txt\n!keep.bak.txt\n",
            "venv/pyvenv.cfg": "home = /usr/bin\n",
            "venv/lib/python3.12/site-packages/pkg/LICENSE.txt": "MIT License\n",
            "env2/pyvenv.cfg": "home = /usr/bin\n",
            "env2/report.txt": BROKEN,
            "scratch/draft.txt": BROKEN,
            "reports/old.bak.txt": BROKEN,
            "reports/keep.bak.txt": BROKEN,
            "private.txt": BROKEN,
            "reports/2020.txt": BROKEN,
            "reports/.gitignore": "tmp-*.txt\n",  # a deeper .gitignore, for its own folder
            "reports/tmp-1.txt": BROKEN,
            "tmp-2.txt": BROKEN,  # not under reports/: linted
            "README.md": "# 报告库\n\n说明。\n",
            "LICENSE.txt": "MIT License\n",
            "reports/empty.md": "",
        },
    )
    monkeypatch.chdir(tmp_path)
    code, items, err = lint(capsys, "--isolated", "--select", "GK0,GK103", ".")
    assert code == 1 and err == ""
    assert sorted({i["path"] for i in items}) == ["reports/2020.txt", "reports/keep.bak.txt", "tmp-2.txt"]
    # Named on the command line, a file is linted whatever it is: a README is not a report (GK002)…
    code, items, _ = lint(capsys, "--isolated", "--select", "GK0", "README.md", "scratch/draft.txt")
    assert [(i["path"], i["code"]) for i in items] == [("README.md", "GK002")]
    # …unless --force-exclude (the pre-commit hook): then it is skipped as a folder's file would be.
    code, items, _ = lint(
        capsys, "--isolated", "--force-exclude", "--select", "GK0,GK103", "README.md", "scratch/draft.txt", "reports/2020.txt"
    )
    assert {i["path"] for i in items} == {"reports/2020.txt"}


def test_exclude_is_relative_to_the_configuration_and_the_command_line_adds_to_it(tmp_path, capsys, monkeypatch):
    write(
        tmp_path,
        {
            "gklint.toml": 'select = ["GK103"]\nexclude = ["archive/*"]\n',
            "archive/2019.txt": BROKEN,
            "sub/archive/2019.txt": BROKEN,  # not the configuration's archive/
            "sub/drafts/a.txt": BROKEN,
            "sub/drafts/b.txt": BROKEN,
        },
    )
    monkeypatch.chdir(tmp_path / "sub")
    paths = lambda *args: sorted({i["path"] for i in lint(capsys, *args)[1]})  # noqa: E731
    assert paths(".") == ["archive/2019.txt", "drafts/a.txt", "drafts/b.txt"]
    assert paths("..") == ["../sub/archive/2019.txt", "../sub/drafts/a.txt", "../sub/drafts/b.txt"]
    assert paths("--extend-exclude", "drafts/b.txt", ".") == ["archive/2019.txt", "drafts/a.txt"]  # from here
    assert paths("--exclude", "a.txt", "..") == ["../archive/2019.txt", "../sub/archive/2019.txt", "../sub/drafts/b.txt"]


def test_no_files_found_is_a_warning_and_no_rules_a_usage_error(tmp_path, capsys):
    write(tmp_path, {"README.md": "# 说明\n"})
    code = main(["--isolated", str(tmp_path)])
    out = capsys.readouterr()
    assert code == 0 and out.out == "" and "no report files found" in out.err  # no 「全部通过！」
    assert main(["--isolated", "--select", "", str(tmp_path)]) == 2
    assert "no rules selected" in capsys.readouterr().err
    assert main(["--isolated", "--select", "GK103", "--ignore", "GK103", str(tmp_path)]) == 2


# -- last year's report --------------------------------------------------------------------------
def test_body_names_are_compared_with_the_aliases_of_the_data():
    assert body_key("淮安市人民政府") == body_key("淮安市政府")
    assert body_key("淮安市人民政府办公室") == body_key("淮安市政府办")
    assert body_key("淮安市人民政府") != body_key("宿迁市人民政府")


def gk701(items: list[dict]) -> list[tuple[str, int, int]]:
    return sorted((Path(i["path"]).name, i["line"], i["column"]) for i in items if i["code"] == "GK701")


def test_a_report_linted_alone_finds_last_year_in_its_repository(tmp_path, capsys, monkeypatch):
    write(
        tmp_path,
        {".git/HEAD": "ref: refs/heads/main\n", "2022/report.txt": HUAIAN_2022, "2023/report.txt": HUAIAN_2023, "notes.txt": "2022年\n"},
    )
    monkeypatch.chdir(tmp_path)
    _, whole, _ = lint(capsys, "--isolated", "--select", "GK7", ".")
    assert gk701(whole) == [("report.txt", 93, 18), ("report.txt", 93, 31)]
    _, alone, _ = lint(capsys, "--isolated", "--select", "GK7", "2023/report.txt")
    assert alone == whole
    # A configured `history` glob narrows the search: nothing there, nothing compared.
    write(tmp_path, {"gklint.toml": 'select = ["GK7"]\nhistory = ["archive/**/*.txt"]\n'})
    assert gk701(lint(capsys, "2023/report.txt")[1]) == []
    shutil.move(tmp_path / "2022", tmp_path / "archive")
    assert gk701(lint(capsys, "2023/report.txt")[1]) == gk701(whole)


def test_without_a_gk7_rule_nothing_is_searched(tmp_path, capsys, monkeypatch):
    from gklint.run import history

    write(tmp_path, {".git/HEAD": "", "2022.txt": HUAIAN_2022, "2023.txt": HUAIAN_2023})
    monkeypatch.setattr(history.RepositorySearch, "previous", lambda *a: pytest.fail("searched"))
    monkeypatch.chdir(tmp_path)
    assert lint(capsys, "--isolated", "--select", "GK1", "2023.txt")[0] == 0


# -- gklint init → pre-commit, for real ----------------------------------------------------------------
@pytest.fixture
def repo(tmp_path):
    """An empty git repository and the environment pre-commit runs in (gklint on PATH, offline)."""
    root = tmp_path / "repo"
    root.mkdir()
    env = {
        **os.environ,
        "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]),
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "GIT_CONFIG_NOSYSTEM": "1",
        "HOME": str(tmp_path),
    }
    git(root, env, "init", "-q")
    return root, env


def git(root: Path, env: dict, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, env=env, capture_output=True, text=True, check=True).stdout


def run(root: Path, env: dict, *args: str) -> tuple[int, str]:
    done = subprocess.run([*args], cwd=root, env=env, capture_output=True, text=True)
    return done.returncode, done.stdout + done.stderr


def gklint_init(root: Path, env: dict) -> None:
    code, output = run(root, env, sys.executable, "-m", "gklint", "init")
    assert code == 0, output


def pre_commit(root: Path, env: dict, *args: str) -> tuple[int, str]:
    return run(root, env, sys.executable, "-m", "pre_commit", "run", *args)


@pytest.mark.slow
@needs_git
def test_init_then_pre_commit_fails_on_a_broken_draft_and_passes_once_fixed(repo):
    pytest.importorskip("docx")
    from .seed_docx import build_docx

    root, env = repo
    write(
        root,
        {
            "README.md": "# 年度报告草稿库\n\n说明文字。\n",
            "drafts/README.md": "# 草稿\n",  # in a report folder, yet not a report: skipped by the hook
            "drafts/2023-weihai.txt": BROKEN,
            "drafts/2023-zichuan.docx": build_docx(seed("003").read_text(encoding="utf-8")),
            "drafts/2024-huaian.pdf": (FIXTURES / "samples" / "huaian-2024.pdf").read_bytes(),
            "tools/convert.py": "print('not a report')\n",
        },
    )
    gklint_init(root, env)
    config = (root / "gklint.toml").read_text(encoding="utf-8")
    # Only the reading, numbering and phone rules, so that "fixed" is easy to make from a real seed.
    (root / "gklint.toml").write_text('select = ["GK0", "GK103", "GK212"]\n' + config, encoding="utf-8")
    hooks = (root / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    assert "repo: local" in hooks and "language: system" in hooks and "rev:" not in hooks
    assert re.search(r"files: .*drafts/", hooks)
    made = {name: (root / name).read_bytes() for name in ("gklint.toml", ".pre-commit-config.yaml")}
    gklint_init(root, env)  # a second run changes nothing
    assert {name: (root / name).read_bytes() for name in made} == made

    git(root, env, "add", "-A")
    code, output = pre_commit(root, env, "--all-files")
    assert code == 1, output
    assert "drafts/2023-weihai.txt" in output and "GK103" in output and "GK212" in output
    assert "README" not in output and ".docx" not in output and ".pdf" not in output  # those pass
    (root / "drafts" / "2023-weihai.txt").write_text(CLEAN, encoding="utf-8")
    git(root, env, "add", "-A")
    code, output = pre_commit(root, env, "--all-files")
    assert code == 0 and "Passed" in output, output


@pytest.mark.slow
@needs_git
def test_the_hook_on_the_staged_report_alone_reports_the_gk701_of_the_whole_folder(repo):
    root, env = repo
    write(root, {"reports/2022.txt": HUAIAN_2022, "README.md": "# 淮安市年报\n"})
    gklint_init(root, env)
    (root / "gklint.toml").write_text('select = ["GK701"]\n', encoding="utf-8")
    git(root, env, "add", "-A")
    git(root, env, "commit", "-qm", "2022")
    write(root, {"reports/2023.txt": HUAIAN_2023})
    git(root, env, "add", "reports/2023.txt")

    code, folder = run(root, env, sys.executable, "-m", "gklint", ".")
    assert code == 1 and folder.count("GK701") == 2, folder
    code, hook = pre_commit(root, env)  # pre-commit passes the staged file only
    assert code == 1, hook
    findings = [line for line in folder.splitlines() if "GK701" in line]
    assert all(line in hook for line in findings), hook
