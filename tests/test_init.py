"""`gklint init`: the configuration appended (pyproject.toml kept byte for byte) or written (gklint.toml),
never overwritten without --force; the hooks added to .pre-commit-config.yaml by a ruamel.yaml
round trip that keeps comments, order and quoting, once."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from gklint.cli import main
from gklint.init import DEFAULT_HOOK_REPO, files_pattern
from gklint.run.config import Settings, load_settings
from gklint.run.engine import Linter

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CHECKOUT = Path(__file__).resolve().parents[1]

PYPROJECT = """\
# A project that keeps its reports next to its code.
[project]
name = "annual-reports"   # not on PyPI
version = "2024.1"

[tool.black]
line-length = 100

[tool.pytest.ini_options]
addopts = "-q"
"""

# A config as people write it: comments at the top, between entries, at the end of lines; quoted
# strings; flow lists; a top-level `ci:` block after the repos.
PRE_COMMIT = """\
# pre-commit hooks for the report repository
# see https://pre-commit.com
default_language_version:
  python: python3.11
repos:
  # whitespace first
  - repo: https://github.com/pre-commit/pre-commit-hooks
    rev: v4.5.0   # pinned
    hooks:
      - id: trailing-whitespace
        exclude: '^archive/'
      - id: end-of-file-fixer
  - repo: "https://github.com/psf/black"
    rev: 24.1.0
    hooks:
      - id: black
        args: ["--quiet", "-l", "100"]
ci:
  autofix_prs: false  # keep the bot quiet
"""


def init(capsys, folder: Path, *args: str) -> tuple[int, str, str]:
    code = main(["init", str(folder), *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def hook_ids(path: Path) -> list[str]:
    data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    return [hook["id"] for repo in data["repos"] for hook in repo["hooks"]]


def test_pyproject_gets_a_commented_section_and_keeps_every_byte(tmp_path, capsys):
    (tmp_path / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    code, out, _ = init(capsys, tmp_path, "--no-pre-commit")
    assert code == 0 and "pyproject.toml" in out
    text = (tmp_path / "pyproject.toml").read_text(encoding="utf-8")
    assert text.startswith(PYPROJECT)  # appended: everything that was there is unchanged
    assert "\n[tool.gklint]\n" in text
    for key in ("select", "extend-select", "ignore", "lang", "template", "issuer", "include", "exclude", "per-file-ignores", "rules."):
        assert f"# {key}" in text or f"# [tool.gklint.{key}" in text, key
    parsed = tomllib.loads(text)
    assert parsed["tool"]["gklint"] == {}  # every default commented out: nothing changes yet
    assert parsed["tool"]["black"] == {"line-length": 100} and parsed["project"]["name"] == "annual-reports"
    settings = load_settings(tmp_path)
    assert settings.config_path == (tmp_path / "pyproject.toml").resolve()
    assert settings == Settings(config_path=settings.config_path)
    assert not (tmp_path / "gklint.toml").exists() and not (tmp_path / ".pre-commit-config.yaml").exists()


def test_uncommented_defaults_are_valid_settings(tmp_path, capsys):
    """The commented lines are real configuration: uncommented, gklint accepts every one of them."""
    assert init(capsys, tmp_path, "--no-pre-commit")[0] == 0
    lines = (tmp_path / "gklint.toml").read_text(encoding="utf-8").splitlines()
    uncommented = [line[2:] for line in lines if line.startswith("# ") and ("=" in line.split("#")[1] or line.startswith("# ["))]
    (tmp_path / "gklint.toml").write_text("\n".join(uncommented) + "\n", encoding="utf-8")
    table = tomllib.loads((tmp_path / "gklint.toml").read_text(encoding="utf-8"))
    assert {"select", "extend-select", "ignore", "lang", "template", "issuer", "include", "exclude", "per-file-ignores", "rules"} <= set(
        table
    )
    settings = load_settings(tmp_path)  # ConfigError if a key or value were wrong
    assert settings.lang == "zh" and settings.template == "auto" and settings.per_file_ignores
    linter = Linter(settings)  # selectors and the rule options example are real too
    ((code, options),) = settings.rule_options.items()
    assert options and all(linter.options[code.upper()][name] == value for name, value in options.items())


ALL_FORMATS = files_pattern([], ["*.txt", "*.md", "*.pdf", "*.docx", "*.html", "*.htm"])
LOCAL_GKLINT = {
    "id": "gklint",
    "name": "gklint (政府信息公开年度报告检查)",
    "entry": "gklint --force-exclude",
    "language": "system",
    "files": ALL_FORMATS,
}


def test_no_pyproject_writes_gklint_toml_and_a_local_hook(tmp_path, capsys):
    code, out, _ = init(capsys, tmp_path)
    assert code == 0
    config = tmp_path / "gklint.toml"
    assert tomllib.loads(config.read_text(encoding="utf-8")) == {}
    assert load_settings(tmp_path).config_path == config.resolve()
    hooks = tmp_path / ".pre-commit-config.yaml"
    data = YAML(typ="safe").load(hooks.read_text(encoding="utf-8"))
    assert data == {"repos": [{"repo": "local", "hooks": [LOCAL_GKLINT]}]}  # runs the installed gklint: no URL, no rev
    assert "placeholder" not in out


def _git_repo_with_tags(folder: Path, *tags: str) -> Path:
    import subprocess

    env = {
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "HOME": str(folder),
    }
    folder.mkdir()
    for args in (["init", "-q"], ["commit", "-q", "--allow-empty", "-m", "x"], *(["tag", tag] for tag in tags)):
        subprocess.run(["git", *args], cwd=folder, env=env, check=True, capture_output=True)
    return folder


@pytest.mark.slow
@pytest.mark.skipif(__import__("shutil").which("git") is None, reason="needs git")
def test_hook_repo_gets_its_newest_tag_confirmed_by_ls_remote(tmp_path, capsys):
    remote = _git_repo_with_tags(tmp_path / "mirror", "v0.2.0", "v0.10.0", "v0.9.1")
    project = tmp_path / "project"
    project.mkdir()
    assert init(capsys, project, "--hook-repo", str(remote))[0] == 0
    data = YAML(typ="safe").load((project / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert data == {"repos": [{"repo": str(remote), "rev": "v0.10.0", "hooks": [{"id": "gklint", "files": ALL_FORMATS}]}]}
    # A named revision must exist there; an unreachable repository writes nothing.
    code, _, err = init(capsys, tmp_path / "project", "--hook-repo", str(remote), "--hook-rev", "v9.9.9")
    assert code == 2 and "v9.9.9" in err
    (tmp_path / "empty").mkdir()
    code, _, err = init(capsys, tmp_path / "empty", "--hook-repo", str(tmp_path / "nowhere"))
    assert code == 2 and "ls-remote" in err and list((tmp_path / "empty").iterdir()) == []


def test_toml_option_chooses_gklint_toml_next_to_a_pyproject(tmp_path, capsys):
    (tmp_path / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    assert init(capsys, tmp_path, "--toml", "gklint.toml", "--no-pre-commit")[0] == 0
    assert (tmp_path / "pyproject.toml").read_text(encoding="utf-8") == PYPROJECT
    assert load_settings(tmp_path).config_path == (tmp_path / "gklint.toml").resolve()
    assert init(capsys, tmp_path, "--toml", "setup.cfg")[0] == 2


def test_an_existing_configuration_is_kept_unless_force(tmp_path, capsys):
    (tmp_path / "pyproject.toml").write_text(
        PYPROJECT
        + '\n[tool.gklint]\nselect = ["GK1"]\n\n[tool.gklint.per-file-ignores]\n"a/*.txt" = ["GK2"]\n\n[tool.isort]\nprofile = "black"\n',
        encoding="utf-8",
    )
    (tmp_path / ".pre-commit-config.yaml").write_text(PRE_COMMIT, encoding="utf-8")
    before = (tmp_path / "pyproject.toml").read_bytes()
    code, out, _ = init(capsys, tmp_path)
    assert code == 0 and "kept the gklint configuration" in out and "--force" in out
    assert (tmp_path / "pyproject.toml").read_bytes() == before  # the configuration as it was
    assert hook_ids(tmp_path / ".pre-commit-config.yaml")[-1] == "gklint"  # the hooks added all the same

    code, out, _ = init(capsys, tmp_path, "--force", "--no-pre-commit")
    assert code == 0 and "replaced" in out
    parsed = tomllib.loads((tmp_path / "pyproject.toml").read_text(encoding="utf-8"))
    assert parsed["tool"]["gklint"] == {}  # the old select and per-file-ignores are gone
    assert parsed["tool"]["isort"] == {"profile": "black"} and parsed["tool"]["black"] == {"line-length": 100}
    assert (tmp_path / "pyproject.toml").read_text(encoding="utf-8").startswith(PYPROJECT)
    again = (tmp_path / "pyproject.toml").read_bytes()
    assert init(capsys, tmp_path, "--force", "--no-pre-commit")[0] == 0
    assert (tmp_path / "pyproject.toml").read_bytes() == again  # --force twice: the same file


def test_a_gklint_toml_that_would_win_is_not_silently_shadowed(tmp_path, capsys):
    (tmp_path / "gklint.toml").write_text('select = ["GK1"]\n', encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    code, _, err = init(capsys, tmp_path, "--toml", "pyproject.toml", "--force", "--no-pre-commit")
    assert code == 2 and "gklint.toml" in err
    assert (tmp_path / "pyproject.toml").read_text(encoding="utf-8") == PYPROJECT


def test_hooks_are_added_to_a_commented_config_by_round_trip(tmp_path, capsys):
    config = tmp_path / ".pre-commit-config.yaml"
    config.write_text(PRE_COMMIT, encoding="utf-8")
    code, out, _ = init(capsys, tmp_path, "--fix-hook")
    assert code == 0 and "placeholder" not in out
    text = config.read_text(encoding="utf-8")
    # Comments, order, quoting and indentation survive: the old text is the new one minus the added entry.
    added = text[text.index("  - repo: local\n") : text.index("ci:")]
    assert text.replace(added, "") == PRE_COMMIT
    assert "entry: gklint --fix --show-fixes --force-exclude\n" in added
    assert hook_ids(config) == ["trailing-whitespace", "end-of-file-fixer", "black", "gklint", "gklint-fix"]
    data = YAML(typ="safe").load(text)
    assert list(data) == ["default_language_version", "repos", "ci"]

    # Run again (and with --force for the config): the hooks are there once, the file unchanged.
    assert init(capsys, tmp_path, "--fix-hook")[0] == 0
    assert config.read_text(encoding="utf-8") == text
    assert init(capsys, tmp_path, "--force", "--fix-hook")[0] == 0
    assert config.read_text(encoding="utf-8") == text
    assert hook_ids(config).count("gklint") == 1 and hook_ids(config).count("gklint-fix") == 1


def test_fix_hook_joins_the_existing_gklint_entry_which_is_brought_up_to_date(tmp_path, capsys):
    config = tmp_path / ".pre-commit-config.yaml"
    local = "repos:\n-   repo: local   # our own copy\n    hooks:\n    -   id: gklint\n        name: gklint (local)\n        entry: gklint\n        language: system\n        types: [text]\n        args: [--extend-select, GK104]\n"
    config.write_text(local, encoding="utf-8")
    code, out, _ = init(capsys, tmp_path, "--fix-hook")
    assert code == 0 and "added the gklint-fix hook" in out
    text = config.read_text(encoding="utf-8")
    # The file's own four-space style; the user's name and args kept; `types: [text]` (no .docx, .pdf) gone.
    assert text.startswith(
        "repos:\n-   repo: local   # our own copy\n    hooks:\n    -   id: gklint\n        name: gklint (local)\n"
        "        entry: gklint --force-exclude\n        language: system\n        args: [--extend-select, GK104]\n"
        f"        files: {ALL_FORMATS}\n    -   id: gklint-fix\n"
    )
    assert hook_ids(config) == ["gklint", "gklint-fix"]


def test_a_placeholder_entry_from_an_older_init_becomes_a_local_hook(tmp_path, capsys):
    config = tmp_path / ".pre-commit-config.yaml"
    config.write_text(
        f"repos:\n  - repo: {DEFAULT_HOOK_REPO}   # placeholder\n    rev: v0.1.0\n    hooks:\n      - id: gklint\n", encoding="utf-8"
    )
    assert init(capsys, tmp_path)[0] == 0
    data = YAML(typ="safe").load(config.read_text(encoding="utf-8"))
    assert data == {"repos": [{"repo": "local", "hooks": [LOCAL_GKLINT]}]}


def test_the_hooks_files_are_the_report_folders(tmp_path, capsys):
    from .conftest import seed

    (tmp_path / "drafts" / "2023").mkdir(parents=True)
    (tmp_path / "archive").mkdir()
    (tmp_path / "docs").mkdir()
    (tmp_path / "drafts" / "2023" / "report.txt").write_bytes(seed("004").read_bytes())
    (tmp_path / "archive" / "old.md").write_bytes(seed("002").read_bytes())
    (tmp_path / "docs" / "howto.md").write_text("# 使用说明\n", encoding="utf-8")
    (tmp_path / "README.md").write_text("# 报告库\n", encoding="utf-8")
    assert init(capsys, tmp_path)[0] == 0
    data = YAML(typ="safe").load((tmp_path / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    pattern = data["repos"][0]["hooks"][0]["files"]
    import re

    matched = [
        p
        for p in ("drafts/2023/report.txt", "archive/x.PDF", "archive/a.docx", "docs/howto.md", "README.md", "drafts/x.py")
        if re.search(pattern, p)
    ]
    assert matched == ["drafts/2023/report.txt", "archive/x.PDF", "archive/a.docx"]


def test_pre_commit_accepts_the_result(tmp_path, capsys):
    """pre-commit's own schema validation of the files init writes (new and merged)."""
    clientlib = pytest.importorskip("pre_commit.clientlib")
    fresh, merged = tmp_path / "fresh", tmp_path / "merged"
    fresh.mkdir(), merged.mkdir()
    (merged / ".pre-commit-config.yaml").write_text(PRE_COMMIT, encoding="utf-8")
    for folder in (fresh, merged):
        assert init(capsys, folder, "--fix-hook")[0] == 0
        loaded = clientlib.load_config(str(folder / ".pre-commit-config.yaml"))
        ours = [repo for repo in loaded["repos"] if repo["repo"] == "local"]
        assert [hook["id"] for hook in ours[0]["hooks"]] == ["gklint", "gklint-fix"]
    # The ids are the hooks this repository provides.
    provided = {hook["id"] for hook in YAML(typ="safe").load((CHECKOUT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    assert {"gklint", "gklint-fix"} <= provided


def test_crlf_files_stay_crlf(tmp_path, capsys):
    (tmp_path / "pyproject.toml").write_bytes(PYPROJECT.replace("\n", "\r\n").encode())
    (tmp_path / ".pre-commit-config.yaml").write_bytes(PRE_COMMIT.replace("\n", "\r\n").encode())
    assert init(capsys, tmp_path)[0] == 0
    for name in ("pyproject.toml", ".pre-commit-config.yaml"):
        data = (tmp_path / name).read_bytes()
        assert data.count(b"\n") == data.count(b"\r\n"), name
    assert (tmp_path / "pyproject.toml").read_bytes().startswith(PYPROJECT.replace("\n", "\r\n").encode())


@pytest.mark.parametrize("broken", ["repos: [\n", "repos: 3\n", "- just\n- a list\n"])
def test_a_broken_pre_commit_config_changes_nothing(tmp_path, capsys, broken):
    (tmp_path / ".pre-commit-config.yaml").write_text(broken, encoding="utf-8")
    code, _, err = init(capsys, tmp_path)
    assert code == 2 and ".pre-commit-config.yaml" in err
    assert not (tmp_path / "gklint.toml").exists()  # checked before anything is written
    assert (tmp_path / ".pre-commit-config.yaml").read_text(encoding="utf-8") == broken
