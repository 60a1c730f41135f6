"""The real CLI end to end: exit codes, output formats, selection, config, bad input."""

from __future__ import annotations

import contextlib
import io
import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from gklint.cli import main

from .conftest import SAMPLES, SEEDS, seed

ENV = {**os.environ, "PYTHONIOENCODING": "utf-8"}


def gklint(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "gklint", *args], capture_output=True, text=True, cwd=cwd, env=ENV)


def findings(*args: str, cwd: Path | None = None) -> list[dict]:
    """The JSON findings of an in-process run (the real CLI code path, without a process start)."""
    stdout = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    previous = Path.cwd()
    try:
        if cwd is not None:
            os.chdir(cwd)
        with contextlib.redirect_stdout(stdout):
            code = main(["--format", "json", *args])
        stdout.flush()
    finally:
        os.chdir(previous)
    assert code in (0, 1)
    return json.loads(stdout.buffer.getvalue().decode("utf-8"))


def key(items):
    return sorted((f["code"], f["line"], f["column"], f["message"]) for f in items)


@pytest.mark.slow
def test_default_output_is_flake8_style(tmp_path):
    out = gklint("--isolated", str(seed("004")))
    assert out.returncode == 1
    first = out.stdout.splitlines()[0]
    path, line, column, rest = first.split(":", 3)
    assert path.endswith("004_edb62deb526a149a.txt") and line.isdigit() and column.isdigit()
    assert rest.lstrip().startswith("GK")
    assert out.stdout.rstrip().splitlines()[-1].startswith(("共发现", "[*]", "另有"))


def test_json_items_have_the_documented_fields():
    items = findings("--isolated", "--select", "ALL", str(seed("001")))
    assert items
    for item in items:
        assert set(item) == {"path", "line", "column", "end_line", "end_column", "code", "name", "severity", "message", "fix"}
        assert item["severity"] in ("error", "warning", "info")


@pytest.mark.slow
def test_folder_recursion_and_exit_codes(tmp_path):
    clean = tmp_path / "reports" / "nested"
    clean.mkdir(parents=True)
    (clean / "ignored.rst").write_text("2021年政府信息公开工作年度报告\n", encoding="utf-8")  # not in the default include
    (clean / "broken.pdf").write_bytes(b"%PDF-1.4")  # .pdf is: a cut-off one is GK001
    text = seed("002").read_text(encoding="utf-8")
    (clean / "r.md").write_text(text, encoding="utf-8")
    out = findings("--isolated", str(tmp_path / "reports"))
    assert {Path(f["path"]).name for f in out} == {"r.md", "broken.pdf"}
    assert [f["code"] for f in out if f["path"].endswith("broken.pdf")] == ["GK001"]
    assert gklint("--isolated", "--select", "GK002", str(tmp_path / "reports")).returncode == 0
    assert gklint("--isolated", "--exit-zero", str(seed("004"))).returncode == 0


def test_selection_by_prefix_name_and_all():
    # GK6 (seed 001's pinyin debris and mixed script): a prefix with findings, so the check can fail
    only = findings("--isolated", "--select", "GK6", str(seed("001")))
    everything = findings("--isolated", "--select", "ALL", str(seed("001")))
    default = findings("--isolated", str(seed("001")))
    assert only and only == [f for f in everything if f["code"].startswith("GK6")]
    assert default and {f["severity"] for f in default} <= {"error", "warning"}
    assert "info" in {f["severity"] for f in everything} and len(everything) > len(default)
    codes = {f["code"] for f in everything}
    some = sorted(codes)[0]
    name = next(f["name"] for f in everything if f["code"] == some)
    ignored = findings("--isolated", "--select", "ALL", "--ignore", name, str(seed("001")))
    assert some not in {f["code"] for f in ignored}


@pytest.mark.slow
def test_unknown_selector_and_format_are_usage_errors():
    out = gklint("--isolated", "--select", "GK999", str(seed("000")))
    assert out.returncode == 2 and "GK999" in out.stderr and "Traceback" not in out.stderr
    out = gklint("--isolated", "--format", "nope", str(seed("000")))
    assert out.returncode == 2 and "nope" in out.stderr


@pytest.mark.slow
def test_lang_en():
    zh = findings("--isolated", "--select", "ALL", str(seed("004")))
    en = findings("--isolated", "--select", "ALL", "--lang", "en", str(seed("004")))
    assert [(f["code"], f["line"]) for f in zh] == [(f["code"], f["line"]) for f in en]
    assert all(z["message"] != e["message"] for z, e in zip(zh, en))
    # English messages quote Chinese only for the report's own words.
    assert all(sum(c.isascii() for c in e["message"]) > len(e["message"]) / 3 for e in en)
    out = gklint("--isolated", "--lang", "en", "--select", "GK002", os.devnull)
    assert "empty" in out.stdout and out.returncode == 1


@pytest.mark.slow
def test_bad_input_never_tracebacks(tmp_path):
    rng = random.Random(1234)
    noise = tmp_path / "noise.txt"
    noise.write_bytes(bytes(rng.randrange(256) for _ in range(4000)))
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    blank = tmp_path / "blank.txt"
    blank.write_text("\n  \n\t\n", encoding="utf-8")
    prose = tmp_path / "prose.txt"
    prose.write_text("这是一段与年度报告无关的文字。\n", encoding="utf-8")
    missing = tmp_path / "missing.txt"
    for path, code in ((noise, "GK001"), (empty, "GK002"), (blank, "GK002"), (prose, "GK002"), (missing, "GK001")):
        out = gklint("--isolated", "--format", "json", str(path))
        assert "Traceback" not in out.stderr
        assert out.returncode == 1
        assert [f["code"] for f in json.loads(out.stdout)] == [code], path


@pytest.mark.slow
@pytest.mark.parametrize("path", SEEDS + SAMPLES, ids=lambda p: p.name[:3])
def test_gb18030_and_crlf_copies_give_the_same_findings(tmp_path, path):
    text = path.read_text(encoding="utf-8")
    original = findings("--isolated", "--select", "ALL", str(path))
    gb = tmp_path / "gb.txt"
    gb.write_bytes(text.encode("gb18030"))
    crlf = tmp_path / "crlf.txt"
    crlf.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    bom = tmp_path / "bom.txt"
    bom.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    for copy in (gb, crlf, bom):
        assert key(findings("--isolated", "--select", "ALL", str(copy))) == key(original), copy.name


def test_config_in_pyproject_and_gklint_toml(tmp_path):
    report = tmp_path / "r.txt"
    report.write_text(seed("004").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text('[tool.gklint]\nselect = ["GK0"]\nlang = "en"\n', encoding="utf-8")
    assert findings("r.txt", cwd=tmp_path) == []
    (tmp_path / "gklint.toml").write_text('ignore = ["GK1", "GK6"]\n', encoding="utf-8")
    codes = {f["code"] for f in findings("r.txt", cwd=tmp_path)}
    assert not any(c.startswith(("GK1", "GK6")) for c in codes)
    # The command line overrides the config.
    assert {f["code"] for f in findings("--select", "GK103", "r.txt", cwd=tmp_path)} <= {"GK103"}


def test_per_file_ignores(tmp_path):
    (tmp_path / "drafts").mkdir()
    report = tmp_path / "drafts" / "r.txt"
    report.write_text(seed("004").read_text(encoding="utf-8"), encoding="utf-8")
    before = {f["code"] for f in findings("drafts/r.txt", cwd=tmp_path)}
    assert before
    (tmp_path / "gklint.toml").write_text('[per-file-ignores]\n"drafts/*.txt" = ["GK"]\n', encoding="utf-8")
    assert findings("drafts/r.txt", cwd=tmp_path) == []


@pytest.mark.slow
@pytest.mark.parametrize(
    ("config", "named"),
    [
        ('colour = "red"\n', "colour"),
        ('lang = "fr"\n', "lang"),
        ('select = "GK1"\nignore = [1]\n', "ignore"),
        ('template = "2018"\n', "template"),
        ('select = ["GK9"]\n', "GK9"),
        ("[rules.GK101]\nnope = 1\n", "nope"),
        ("select = [\n", "TOML"),
    ],
)
def test_broken_config_is_an_error_naming_the_key(tmp_path, config, named):
    (tmp_path / "gklint.toml").write_text(config, encoding="utf-8")
    (tmp_path / "r.txt").write_text("一、总体情况\n", encoding="utf-8")
    out = gklint("r.txt", cwd=tmp_path)
    assert out.returncode == 2
    assert named in out.stderr and "Traceback" not in out.stderr


def test_rule_and_rules_commands(capsys):
    assert main(["rule", "GK003"]) == 0
    text = capsys.readouterr().out
    for heading in ("## 做什么", "## 为什么重要", "## 示例", "## 修复安全性"):
        assert heading in text
    assert main(["rule", "GK003", "--lang", "en"]) == 0
    text = capsys.readouterr().out
    for heading in ("## What it does", "## Why it matters", "## Example", "## Fix safety"):
        assert heading in text
    assert main(["rule", "rule-failed"]) == 0
    assert main(["rule", "GK998"]) == 2
    assert main(["rules"]) == 0
    assert "GK001" in capsys.readouterr().out


@pytest.mark.slow
def test_statistics(tmp_path):
    out = gklint("--isolated", "--statistics", "--select", "ALL", str(seed("001")))
    rows = [line.split() for line in out.stdout.splitlines() if line.strip()]
    assert rows and all(row[0].isdigit() and row[1].startswith("GK") for row in rows)


@pytest.mark.slow
def test_stdin_with_a_filename():
    data = seed("004").read_bytes()
    out = subprocess.run(
        [sys.executable, "-m", "gklint", "--isolated", "--format", "json", "--stdin-filename", "drafts/r.txt"],
        input=data,
        capture_output=True,
    )
    items = json.loads(out.stdout)
    assert out.returncode == 1 and items and {i["path"] for i in items} == {"drafts/r.txt"}
    dash = subprocess.run([sys.executable, "-m", "gklint", "--isolated", "--format", "json", "-"], input=data, capture_output=True)
    assert [(i["code"], i["line"]) for i in json.loads(dash.stdout)] == [(i["code"], i["line"]) for i in items]


def test_folders_are_searched_for_every_format_unless_told(tmp_path):
    draft = "某某县教育局2023年政府信息公开工作年度报告\n\n无关文字。\n"  # a title, no section: GK002
    for name in ("a.txt", "b.md", "c.html", "d.rst"):
        text = draft if name != "c.html" else "<html><body><p>" + draft.replace("\n\n", "</p><p>") + "</p></body></html>"
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert {Path(f["path"]).name for f in findings("--isolated", str(tmp_path))} == {"a.txt", "b.md", "c.html"}
    narrower = findings("--isolated", "--include", "*.txt,*.rst", str(tmp_path))
    assert {Path(f["path"]).name for f in narrower} == {"a.txt", "d.rst"}


@pytest.mark.slow
def test_broken_pipe_is_quiet():
    # ~100 kB of output, more than a pipe buffer: gklint is still writing when `head` exits.
    command = f'"{sys.executable}" -m gklint --isolated --select ALL --format full "{SEEDS[0].parent}" | head -n 1'
    out = subprocess.run(command, shell=True, capture_output=True, text=True)
    assert out.stdout.count("\n") == 1 and "Traceback" not in out.stderr and "BrokenPipe" not in out.stderr
