"""Suppression without touching the published text: Markdown comments (+ GK004), per-file-ignores."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from gklint.read.source import SourceText
from gklint.run.config import Settings
from gklint.run.engine import Linter
from gklint.run.fixes import fix_until_stable

from .conftest import seed
from .test_fix_cli import cli

TEXT004 = seed("004").read_text(encoding="utf-8")
TEXT001 = seed("001").read_text(encoding="utf-8")
HEADING = "2、 主动公开政府信息情况"


def gklint(*args: str, cwd: Path, isolated: bool = True) -> subprocess.CompletedProcess:
    """gklint's main in this process (see test_fix_cli.cli), output decoded."""
    done = cli(*args, cwd=cwd, isolated=isolated)
    return subprocess.CompletedProcess(done.args, done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8"))


def lint(text: str, select: list[str], name: str = "report.md") -> list:
    return (
        Linter(Settings(select=select))
        .lint_source(SourceText(text, "utf-8", "markdown" if name.endswith(".md") else "text"), Path(name))
        .violations
    )


def gk004_only(select: list[str]):
    """A lint function for fix_until_stable that offers only GK004's fixes (the codes' rules still run)."""
    linter = Linter(Settings(select=select))

    def run(text: str) -> list:
        violations = linter.lint_source(SourceText(text, "utf-8", "markdown"), Path("r.md")).violations
        return [v for v in violations if v.code == "GK004"]

    return run


def before_line(text: str, line: str, comment: str) -> str:
    assert text.count(line) == 1
    return text.replace(line, comment + "\n" + line)


def test_disable_next_line_suppresses_in_markdown_only(tmp_path):
    text = before_line(TEXT004, HEADING, "<!-- gklint: disable-next-line=GK103 -->")
    assert [v.code for v in lint(TEXT004, ["GK103"])] == ["GK103"]
    assert lint(text, ["GK103", "GK004"]) == []
    # Plain text has no invisible comments: the same line does not suppress there.
    assert [v.code for v in lint(text, ["GK103"], "report.txt")] == ["GK103"]
    # Every output format honours it (the engine drops the finding).
    (tmp_path / "r.md").write_text(text, encoding="utf-8")
    out = gklint("--select", "GK103,GK212", "--format", "json", "r.md", cwd=tmp_path)
    assert [f["code"] for f in json.loads(out.stdout)] == ["GK212"]


def test_disable_enable_region(tmp_path):
    plain = [v.line for v in lint(TEXT001, ["GK601"])]
    lines = TEXT001.split("\n")
    first, last = 40, 80  # 1-based lines of the original put inside the region
    inside = [n for n in plain if first <= n <= last]
    assert inside and len(inside) < len(plain)
    edited = (
        lines[: first - 1] + ["<!-- gklint: disable=GK601 -->"] + lines[first - 1 : last] + ["<!-- gklint: enable=GK601 -->"] + lines[last:]
    )
    got = [v.line for v in lint("\n".join(edited), ["GK601", "GK004"])]
    expected = [n for n in plain if n < first] + [n + 2 for n in plain if n > last]
    assert got == expected
    # Without the enable, the region runs to the end of the file.
    open_ended = lines[: first - 1] + ["<!-- gklint: disable=GK6 -->"] + lines[first - 1 :]
    assert [v.line for v in lint("\n".join(open_ended), ["GK601", "GK004"])] == [n for n in plain if n < first]


def test_unused_suppression_is_reported_and_fixed():
    comment = "<!-- gklint: disable-next-line=GK103 -->"
    text = before_line(TEXT004, "一、总体情况", comment)
    found = lint(text, ["GK103", "GK004"])
    unused = [v for v in found if v.code == "GK004"]
    assert len(unused) == 1 and "GK103" in unused[0].message.zh
    assert unused[0].line == text.split("\n").index(comment) + 1
    assert [v.code for v in found if v.code != "GK004"] == ["GK103"]  # the real one, on line 2、
    outcome = fix_until_stable(text, gk004_only(["GK103", "GK004"]))
    assert outcome.text == TEXT004  # the comment line removed, nothing else


def test_partly_unused_suppression_keeps_the_used_code():
    text = before_line(TEXT004, HEADING, "<!-- gklint: disable-next-line=GK103, GK212 -->")
    found = lint(text, ["GK103", "GK212", "GK004"])
    assert [v.code for v in found] == ["GK212", "GK004"]  # the phone is on another line
    outcome = fix_until_stable(text, gk004_only(["GK103", "GK212", "GK004"]))
    assert outcome.text == before_line(TEXT004, HEADING, "<!-- gklint: disable-next-line=GK103 -->")


def test_codes_whose_rules_did_not_run_are_not_judged():
    text = before_line(TEXT004, "一、总体情况", "<!-- gklint: disable-next-line=GK212 -->")
    assert lint(text, ["GK103", "GK004"]) == [v for v in lint(text, ["GK103", "GK004"]) if v.code == "GK103"]
    assert [v.code for v in lint(text, ["GK212", "GK004"])] == ["GK212", "GK004"]


def test_bad_directives_are_reported():
    text = TEXT004 + "<!-- gklint: disable=GK9999 -->\n<!-- gklint: enable=GK103 -->\n<!-- gklint: disabled GK103 -->\n"
    found = [v for v in lint(text, ["GK103", "GK004"]) if v.code == "GK004"]
    messages = [v.message.en for v in found]
    assert len(found) == 3, messages
    assert "`GK9999` is not a rule code" in messages[0]
    assert "closes no disable" in messages[1]
    assert "unreadable" in messages[2]
    # GK004 is an info rule: not in the default selection.
    assert [
        v for v in Linter(Settings()).lint_source(SourceText(text, "utf-8", "markdown"), Path("r.md")).violations if v.code == "GK004"
    ] == []


def test_per_file_ignores_from_the_cli(tmp_path):
    (tmp_path / "reports").mkdir()
    for name in ("old-2020.txt", "new-2020.txt"):
        (tmp_path / "reports" / name).write_text(TEXT004, encoding="utf-8")
    (tmp_path / "gklint.toml").write_text(
        'select = ["GK103", "GK212"]\n[per-file-ignores]\n"reports/old-*.txt" = ["GK103"]\n', encoding="utf-8"
    )
    out = gklint("--format", "json", "reports", cwd=tmp_path, isolated=False)
    got = sorted((Path(f["path"]).name, f["code"]) for f in json.loads(out.stdout))
    assert got == [("new-2020.txt", "GK103"), ("new-2020.txt", "GK212"), ("old-2020.txt", "GK212")]
    # --fix honours it too: the ignored finding is not fixed.
    assert gklint("--fix", "reports", cwd=tmp_path, isolated=False).returncode == 0
    assert HEADING in (tmp_path / "reports" / "old-2020.txt").read_text(encoding="utf-8")
    assert HEADING not in (tmp_path / "reports" / "new-2020.txt").read_text(encoding="utf-8")
    (tmp_path / "gklint.toml").write_text('[per-file-ignores]\n"*.txt" = ["GK9"]\n', encoding="utf-8")
    bad = gklint("reports", cwd=tmp_path, isolated=False)
    assert bad.returncode == 2 and "per-file-ignores" in bad.stderr


def test_unused_disable_and_its_enable_go_together():
    text = TEXT004.replace("一、总体情况", "<!-- gklint: disable=GK601 -->\n一、总体情况").replace(
        HEADING, "<!-- gklint: enable=GK601 -->\n" + HEADING
    )
    found = lint(text, ["GK601", "GK004"])
    assert [(v.code, v.line) for v in found] == [("GK004", 6), ("GK004", 23)]
    linter = Linter(Settings(select=["GK601", "GK004"]))
    outcome = fix_until_stable(text, lambda t: linter.lint_source(SourceText(t, "utf-8", "markdown"), Path("r.md")).violations)
    assert outcome.text == TEXT004 and outcome.passes == 2
