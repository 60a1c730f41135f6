"""`gklint init`: the configuration appended (pyproject.toml kept byte for byte) or written (gklint.toml),
never overwritten without --force; the hooks added to .pre-commit-config.yaml by a ruamel.yaml
round trip that keeps comments, order and quoting, once."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from gklint.cli import main
from gklint.config import Settings, load_settings
from gklint.engine import Linter
from gklint.init import DEFAULT_HOOK_REPO

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
    assert {"select", "extend-select", "ignore", "lang", "template", "issuer", "include", "exclude", "per-file-ignores", "rules"} <= set(table)
    settings = load_settings(tmp_path)  # ConfigError if a key or value were wrong
    assert settings.lang == "zh" and settings.template == "auto" and settings.per_file_ignores
    linter = Linter(settings)  # selectors and the rule options example are real too
    (code, options), = settings.rule_options.items()
    assert options and all(linter.options[code.upper()][name] == value for name, value in options.items())


def test_no_pyproject_writes_gklint_toml_and_a_pre_commit_config(tmp_path, capsys):
    code, out, _ = init(capsys, tmp_path, "--hook-repo", "https://git.example.gov.cn/tools/gklint", "--hook-rev", "v0.1.0")
    assert code == 0
    config = tmp_path / "gklint.toml"
    assert tomllib.loads(config.read_text(encoding="utf-8")) == {}
    assert load_settings(tmp_path).config_path == config.resolve()
    hooks = tmp_path / ".pre-commit-config.yaml"
    data = YAML(typ="safe").load(hooks.read_text(encoding="utf-8"))
    assert data == {"repos": [{"repo": "https://git.example.gov.cn/tools/gklint", "rev": "v0.1.0", "hooks": [{"id": "gklint"}]}]}
    assert "placeholder" not in out


def test_toml_option_chooses_gklint_toml_next_to_a_pyproject(tmp_path, capsys):
    (tmp_path / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    assert init(capsys, tmp_path, "--toml", "gklint.toml", "--no-pre-commit")[0] == 0
    assert (tmp_path / "pyproject.toml").read_text(encoding="utf-8") == PYPROJECT
    assert load_settings(tmp_path).config_path == (tmp_path / "gklint.toml").resolve()
    assert init(capsys, tmp_path, "--toml", "setup.cfg")[0] == 2


def test_an_existing_configuration_is_kept_unless_force(tmp_path, capsys):
    (tmp_path / "pyproject.toml").write_text(PYPROJECT + '\n[tool.gklint]\nselect = ["GK1"]\n\n[tool.gklint.per-file-ignores]\n"a/*.txt" = ["GK2"]\n\n[tool.isort]\nprofile = "black"\n', encoding="utf-8")
    (tmp_path / ".pre-commit-config.yaml").write_text(PRE_COMMIT, encoding="utf-8")
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    code, _, err = init(capsys, tmp_path)
    assert code == 2 and "already holds a gklint configuration" in err and "--force" in err
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before  # nothing written at all

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
    assert code == 0 and "placeholder" in out  # the default repo URL is named as a placeholder
    text = config.read_text(encoding="utf-8")
    # Comments, order, quoting and indentation survive: the old text is the new one minus the added entry.
    added = f"  - repo: {DEFAULT_HOOK_REPO}\n    rev: v0.1.0\n    hooks:\n      - id: gklint\n      - id: gklint-fix\n"
    assert added in text and text.replace(added, "") == PRE_COMMIT
    assert hook_ids(config) == ["trailing-whitespace", "end-of-file-fixer", "black", "gklint", "gklint-fix"]
    data = YAML(typ="safe").load(text)
    assert list(data) == ["default_language_version", "repos", "ci"]

    # Run again (and with --force for the config): the hooks are there once.
    assert init(capsys, tmp_path, "--force", "--fix-hook")[0] == 0
    assert config.read_text(encoding="utf-8") == text
    assert hook_ids(config).count("gklint") == 1 and hook_ids(config).count("gklint-fix") == 1


def test_fix_hook_joins_the_existing_gklint_entry(tmp_path, capsys):
    config = tmp_path / ".pre-commit-config.yaml"
    local = "repos:\n-   repo: local   # our own copy\n    hooks:\n    -   id: gklint\n        name: gklint (local)\n        entry: gklint\n        language: system\n        types: [text]\n"
    config.write_text(local, encoding="utf-8")
    code, out, _ = init(capsys, tmp_path, "--fix-hook")
    assert code == 0 and "already has the gklint hook" in out
    text = config.read_text(encoding="utf-8")
    assert text == local + "    -   id: gklint-fix\n"  # the file's own four-space style, added where gklint is
    assert hook_ids(config) == ["gklint", "gklint-fix"]


def test_pre_commit_accepts_the_result(tmp_path, capsys):
    """pre-commit's own schema validation of the files init writes (new and merged)."""
    clientlib = pytest.importorskip("pre_commit.clientlib")
    fresh, merged = tmp_path / "fresh", tmp_path / "merged"
    fresh.mkdir(), merged.mkdir()
    (merged / ".pre-commit-config.yaml").write_text(PRE_COMMIT, encoding="utf-8")
    for folder in (fresh, merged):
        assert init(capsys, folder, "--fix-hook")[0] == 0
        loaded = clientlib.load_config(str(folder / ".pre-commit-config.yaml"))
        ours = [repo for repo in loaded["repos"] if repo["repo"] == DEFAULT_HOOK_REPO]
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
