"""--fix, --diff, --unsafe-fixes, --show-fixes end to end on copies of the real seeds."""

from __future__ import annotations

import io
import os
import shutil
import stat
import subprocess
import sys
from argparse import Namespace
from pathlib import Path

import pytest
from unidiff import PatchSet

from gklint import Edit, Finding, Fix, Severity, rule
from gklint.core.text import PINYIN_DEBRIS_RE
from gklint.run.config import Settings
from gklint.run.engine import Linter
from gklint.run.session import Run

from .conftest import seed

ENV = {**os.environ, "PYTHONIOENCODING": "utf-8"}


def gklint_process(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """The real CLI in a process; stdout as bytes (a --diff keeps each file's own encoding)."""
    return subprocess.run([sys.executable, "-m", "gklint", "--isolated", *args], capture_output=True, cwd=cwd, env=ENV)


def cli(*args: str, cwd: Path, isolated: bool = True) -> subprocess.CompletedProcess:
    """`gklint.cli.main` in this process (fast), in `cwd`; stdout as bytes, stderr as text."""
    from contextlib import redirect_stderr, redirect_stdout

    from gklint.cli import main

    out, err = io.BytesIO(), io.StringIO()
    stdout = io.TextIOWrapper(out, encoding="utf-8")
    previous = os.getcwd()
    os.chdir(cwd)
    try:
        with redirect_stdout(stdout), redirect_stderr(err):
            code = main([*(["--isolated"] if isolated else []), *args])
            stdout.flush()
    finally:
        os.chdir(previous)
    return subprocess.CompletedProcess(args, code, out.getvalue(), err.getvalue().encode("utf-8"))


gklint = cli


def copy_seed(prefix: str, folder: Path, name: str | None = None) -> Path:
    target = folder / (name or seed(prefix).name)
    shutil.copyfile(seed(prefix), target)
    target.chmod(0o644)  # the fixtures are read-only
    return target


def changed_lines(diff: bytes, encoding: str = "utf-8") -> list[str]:
    """The -/+ lines of a unified diff (headers excluded), decoded."""
    return [line for line in diff.decode(encoding).splitlines() if line[:1] in "-+" and not line.startswith(("---", "+++"))]


# --- seed 004: GK103 + GK212 -------------------------------------------------------------------

SEED004_CHANGES = [
    "-本报告所列数据统计时限自2020年1月1日起至2020年12月31日止。本报告电子版可在威海市人民政府门户网站（http://www.weihai.gov.cn）"
    "和威海经济技术开发区门户网站（http://www.eweihai.gov.cn/）下载。如对本报告有疑问，请与威海经济技术开发区党政办公室联系"
    "（地址：威海市青岛中路106号，邮编：264205，电话：0631—5961933）。",
    "+本报告所列数据统计时限自2020年1月1日起至2020年12月31日止。本报告电子版可在威海市人民政府门户网站（http://www.weihai.gov.cn）"
    "和威海经济技术开发区门户网站（http://www.eweihai.gov.cn/）下载。如对本报告有疑问，请与威海经济技术开发区党政办公室联系"
    "（地址：威海市青岛中路106号，邮编：264205，电话：0631-5961933）。",
    "-2、 主动公开政府信息情况",
    "+二、主动公开政府信息情况",
]


@pytest.mark.slow
def test_seed004_fix_changes_exactly_the_numbering_and_the_phone(tmp_path):
    report = copy_seed("004", tmp_path, "r.txt")
    original = report.read_bytes()
    diff = gklint_process("--select", "GK103,GK212", "--diff", "r.txt", cwd=tmp_path)
    assert diff.returncode == 1, diff.stderr.decode()
    assert report.read_bytes() == original  # --diff writes nothing
    assert changed_lines(diff.stdout) == SEED004_CHANGES
    assert "2" in diff.stderr.decode()  # 可修复 2 个问题

    fixed = gklint_process("--select", "GK103,GK212", "--fix", "--show-fixes", "r.txt", cwd=tmp_path)
    assert fixed.returncode == 0, fixed.stdout.decode() + fixed.stderr.decode()
    out = fixed.stdout.decode()
    assert "1 × GK103 (section-numbering)" in out and "1 × GK212" in out
    expected = (
        original.decode("utf-8").replace("2、 主动公开政府信息情况", "二、主动公开政府信息情况").replace("0631—5961933", "0631-5961933")
    )
    assert report.read_bytes() == expected.encode("utf-8")

    # A second run changes nothing and finds nothing.
    again = gklint("--select", "GK103,GK212", "--fix", "r.txt", cwd=tmp_path)
    assert again.returncode == 0 and report.read_bytes() == expected.encode("utf-8")
    assert gklint("--select", "GK103,GK212", "--diff", "r.txt", cwd=tmp_path).stdout == b""


def test_seed001_fix_removes_all_pinyin_debris_and_nothing_else(tmp_path):
    report = copy_seed("001", tmp_path, "r.txt")
    original = report.read_text(encoding="utf-8")
    assert len(PINYIN_DEBRIS_RE.findall(original)) > 50
    before = gklint("--select", "GK601", "r.txt", cwd=tmp_path)
    assert before.returncode == 1 and b"GK601 [*]" in before.stdout
    fixed = gklint("--select", "GK601", "--fix", "r.txt", cwd=tmp_path)
    assert fixed.returncode == 0, fixed.stdout.decode()
    text = report.read_text(encoding="utf-8")
    assert "區(qū)" not in text and "張店區人民政府" in text
    assert PINYIN_DEBRIS_RE.findall(text) == []
    # Byte-identical apart from the debris: putting the debris back in order gives the original.
    assert PINYIN_DEBRIS_RE.sub("", original) == text
    again = gklint("--select", "GK601", "r.txt", cwd=tmp_path)
    assert again.returncode == 0 and b"GK601" not in again.stdout


@pytest.mark.slow
def test_gb18030_crlf_copy_stays_gb18030_crlf(tmp_path):
    utf8 = copy_seed("004", tmp_path, "utf8.txt")
    text = utf8.read_text(encoding="utf-8")
    assert "\r" not in text
    report = tmp_path / "gb.txt"
    report.write_bytes(text.replace("\n", "\r\n").encode("gb18030"))
    assert gklint("--select", "GK103,GK212", "--fix", "utf8.txt", cwd=tmp_path).returncode == 0
    fixed = gklint_process("--select", "GK103,GK212", "--fix", "gb.txt", cwd=tmp_path)
    assert fixed.returncode == 0, fixed.stdout.decode("utf-8", "replace")
    data = report.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # still GB18030, not re-encoded as UTF-8
    assert data.count(b"\r\n") == data.count(b"\n") == text.count("\n")
    assert data == utf8.read_text(encoding="utf-8").replace("\n", "\r\n").encode("gb18030")


def _variants(tmp_path: Path) -> list[tuple[str, str, list[str]]]:
    """(file name, encoding, --select) over several encodings and line endings."""
    text004 = seed("004").read_text(encoding="utf-8")
    (tmp_path / "crlf-gb.txt").write_bytes(text004.replace("\n", "\r\n").encode("gb18030"))
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + text004.encode("utf-8"))
    (tmp_path / "no-final-newline.txt").write_bytes(text004.rstrip("\n").encode("utf-8"))
    copy_seed("001", tmp_path, "pinyin.txt")
    return [
        ("crlf-gb.txt", "gb18030", ["GK103,GK212"]),
        ("bom.txt", "utf-8", ["GK103,GK212"]),
        ("no-final-newline.txt", "utf-8", ["GK103,GK212"]),
        ("pinyin.txt", "utf-8", ["GK601"]),
    ]


@pytest.mark.slow
def test_diff_parses_with_unidiff_and_patch_gives_the_fix_result(tmp_path):
    if shutil.which("patch") is None:
        pytest.skip("needs patch")
    for name, encoding, select in _variants(tmp_path):
        report = tmp_path / name
        original = report.read_bytes()
        diff = gklint("--select", *select, "--diff", name, cwd=tmp_path)
        assert diff.returncode == 1, (name, diff.stderr)
        patch = PatchSet.from_string(diff.stdout, encoding=encoding)
        assert [f.path for f in patch] == [name]
        assert patch[0].added and patch[0].removed == patch[0].added  # line-for-line replacements
        patched = tmp_path / f"patched-{name}"
        patched.write_bytes(original)
        applied = subprocess.run(["patch", "--quiet", "--no-backup-if-mismatch", str(patched)], input=diff.stdout, capture_output=True)
        assert applied.returncode == 0, applied.stdout + applied.stderr
        assert gklint("--select", *select, "--fix", name, cwd=tmp_path).returncode in (0, 1)
        assert report.read_bytes() != original
        assert patched.read_bytes() == report.read_bytes(), name


def test_unsafe_fixes_only_with_the_flag(tmp_path):
    report = copy_seed("001", tmp_path, "r.txt")
    original = report.read_bytes()
    plain = gklint("--select", "GK602", "--fix", "r.txt", cwd=tmp_path)
    assert plain.returncode == 1 and report.read_bytes() == original
    assert "--unsafe-fixes" in plain.stdout.decode()
    assert gklint("--select", "GK602", "--diff", "r.txt", cwd=tmp_path).stdout == b""
    unsafe = gklint("--select", "GK602", "--fix", "--unsafe-fixes", "r.txt", cwd=tmp_path)
    assert report.read_bytes() != original, unsafe.stdout.decode()
    assert "張" not in report.read_text(encoding="utf-8")
    assert b"GK602" not in gklint("--select", "GK602", "r.txt", cwd=tmp_path).stdout


def test_fix_keeps_permissions_and_leaves_no_temp_files(tmp_path):
    report = copy_seed("004", tmp_path, "r.txt")
    report.chmod(0o640)
    assert gklint("--select", "GK103", "--fix", "r.txt", cwd=tmp_path).returncode == 0
    assert stat.S_IMODE(report.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.txt"]
    assert "二、主动公开政府信息情况" in report.read_text(encoding="utf-8")


def test_unparsable_file_is_not_fixed(tmp_path):
    # Pinyin debris, but no report structure: GK002, and the file stays as it is.
    notes = tmp_path / "notes.txt"
    notes.write_text("會議紀要\n張店區(qū)人民政府召開會議。\n", encoding="utf-8")
    original = notes.read_bytes()
    out = gklint("--select", "GK601,GK002", "--fix", "notes.txt", cwd=tmp_path)
    assert out.returncode == 1 and b"GK002" in out.stdout
    assert notes.read_bytes() == original


def test_remaining_findings_are_reported_after_fix(tmp_path):
    copy_seed("001", tmp_path, "r.txt")
    out = gklint("--select", "GK601,GK108", "--fix", "r.txt", cwd=tmp_path)
    assert out.returncode == 1  # GK108 has no automatic fix
    text = out.stdout.decode()
    remaining = [line for line in text.splitlines() if line.startswith("r.txt:")]
    assert remaining and all(" GK108 " in line for line in remaining), text
    assert "已修复 93 个问题" in text


def test_show_fixes_without_fix_is_a_usage_error(tmp_path):
    out = gklint("--show-fixes", ".", cwd=tmp_path)
    assert out.returncode == 2 and b"--fix" in out.stderr


# --- the bound on passes ------------------------------------------------------------------------


@rule("GK998", "always-grows", Severity.WARNING, fix="S", summary="测试", summary_en="test")
def _always_grows(report, options):
    """A broken rule: its fix never converges."""
    yield Finding(0, 0, zh="又一个", en="one more", fix=Fix.safe(Edit(0, 0, "\u3000")))


def test_fixes_that_never_converge_write_nothing(tmp_path):
    report = copy_seed("004", tmp_path, "r.txt")
    original = report.read_bytes()
    linter = Linter(Settings(select=["GK103"]))
    linter.rules["GK998"] = _always_grows
    linter.options["GK998"] = {}
    linter.selected = {"GK103", "GK998"}
    args = Namespace(fix=True, diff=False, unsafe_fixes=False)
    run = Run(linter, args)
    run.lint_all([report])
    assert report.read_bytes() == original
    assert run.errors and "10" in run.errors[0] and "not changed" in run.errors[0]
    assert {v.code for v in run.results[0].violations} == {"GK103", "GK998"}


@pytest.mark.slow
def test_a_docx_is_never_written(tmp_path):
    pytest.importorskip("docx")
    from .seed_docx import build_docx

    report = tmp_path / "r.docx"
    report.write_bytes(build_docx(seed("004").read_text(encoding="utf-8")))
    original = report.read_bytes()
    out = gklint("--select", "GK103", "--fix", "r.docx", cwd=tmp_path)
    assert out.returncode == 1 and b"GK103" in out.stdout
    assert b"losslessly" in out.stderr
    assert report.read_bytes() == original


# --- apply_once: overlaps and broken edits -------------------------------------------------------


def _violation(code: str, *edits: Edit):
    from gklint.core.violation import Message, Violation

    return Violation(
        "r.txt", code, code.lower(), Severity.WARNING, 1, 1, 1, 1, Message("", ""), Fix.safe(*edits), edits[0].start, edits[0].end
    )


def test_overlapping_fixes_resolve_the_same_way_in_any_order():
    from itertools import permutations

    from gklint.run.fixes import apply_once

    text = "张店区(qū)人民政府0631—5961933"
    violations = [
        _violation("GK601", Edit(3, 7, "")),
        _violation("GK604", Edit(3, 4, "（"), Edit(6, 7, "）")),  # overlaps GK601's edit: loses (later code)
        _violation("GK212", Edit(15, 16, "-")),
        _violation("GK999", Edit(15, 16, "－")),  # same span as GK212: loses (same start, later code)
        _violation("GK998", Edit(5, 2, "x")),  # backwards: never applied
        _violation("GK997", Edit(10, 99, "")),  # beyond the text: never applied
    ]
    results = {apply_once(text, order)[0] for order in permutations(violations)}
    assert results == {"张店区人民政府0631-5961933"}
    assert sorted(v.code for v in apply_once(text, violations)[1]) == ["GK212", "GK601"]
