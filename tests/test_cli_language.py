"""The command line in the user's language and ruff's conventions (issue 13, items 4 and 5):
Chinese --help, OS error texts, -q/-v, colour, --show-settings/--show-files, --encoding and UTF-16,
--fix on stdin, one output encoding, honest fixable counts, English plurals, `gklint check`."""

from __future__ import annotations

import errno
import io
import re
import sys

import pytest

from gklint import cli, cli_args, cli_output
from gklint.cli_help import HELP_ZH, help_lang, localize
from gklint.read.oserror import describe

from .conftest import seed
from .test_fix_cli import cli as run_cli
from .test_fix_cli import copy_seed

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def out(result) -> str:
    return result.stdout.decode("utf-8")


# --- --help --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "environ", "lang"),
    [
        ([], {}, "zh"),
        ([], {"LANG": "zh_CN.UTF-8"}, "zh"),
        ([], {"LANG": "en_US.UTF-8"}, "en"),
        ([], {"LANG": "C.UTF-8"}, "zh"),  # no language chosen: the default
        ([], {"LC_ALL": "en_GB", "LANG": "zh_CN"}, "en"),  # LC_ALL wins, as in gettext
        (["--lang", "zh"], {"LANG": "en_US"}, "zh"),  # the command line wins
        (["--lang=en"], {}, "en"),
    ],
)
def test_help_language_from_the_command_line_or_the_locale(argv, environ, lang):
    assert help_lang(argv, environ) == lang


def help_text(capsys, *argv) -> str:
    with pytest.raises(SystemExit) as exit_:
        cli.main([*argv, "--help"])
    assert exit_.value.code == 0
    return capsys.readouterr().out


def test_help_is_chinese_by_default_and_english_with_lang_en(capsys, monkeypatch):
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    zh = help_text(capsys)
    assert "用法：" in zh and "选项" in zh and "对文件应用安全修复" in zh and "gklint check" in zh
    en = help_text(capsys, "--lang", "en")
    assert "usage:" in en and "apply safe fixes" in en and "用法" not in en
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert "apply safe fixes" in help_text(capsys)


def test_every_option_has_a_chinese_help():
    parser = localize(cli_args.build_parser(), "zh")
    untranslated = [
        action.option_strings or action.dest
        for action in parser._actions
        if (max(action.option_strings, key=len) if action.option_strings else action.dest) not in HELP_ZH
    ]
    assert not untranslated, f"add their Chinese help to gklint/cli_help.py HELP_ZH: {untranslated}"


# --- OS error texts --------------------------------------------------------------------------------


def test_os_errors_are_translated_by_errno():
    assert describe(FileNotFoundError(errno.ENOENT, "No such file or directory"), "zh") == "文件不存在"
    assert describe(PermissionError(errno.EACCES, "Permission denied"), "zh") == "没有权限"
    assert describe(PermissionError(errno.EACCES, "Permission denied"), "en") == "Permission denied"
    assert describe(OSError(999, "Odd"), "zh") == "Odd"  # unknown: the system's words


def test_a_missing_file_says_so_in_chinese(tmp_path):
    zh = out(run_cli("nowhere.txt", cwd=tmp_path))
    assert "GK001 无法读取文件：文件不存在" in zh and "No such file" not in zh
    assert "cannot read the file: No such file or directory" in out(run_cli("--lang", "en", "nowhere.txt", cwd=tmp_path))


# --- -q, -v, colour, --show-settings, --show-files -------------------------------------------------


def test_quiet_prints_the_findings_only(tmp_path):
    copy_seed("004", tmp_path, "r.txt")
    text = out(run_cli("-q", "r.txt", cwd=tmp_path))
    assert text.startswith("r.txt:") and "共发现" not in text
    (tmp_path / "clean").mkdir()
    result = run_cli("-q", "clean", cwd=tmp_path)
    assert result.returncode == 0 and result.stdout == b""


def test_verbose_tells_what_the_run_did(tmp_path):
    copy_seed("004", tmp_path, "r.txt")
    err = run_cli("-v", "r.txt", cwd=tmp_path).stderr.decode()
    assert "配置文件" in err and "检查了 1 个文件" in err


def test_colour_always_never_and_no_color(tmp_path, monkeypatch):
    copy_seed("004", tmp_path, "r.txt")
    coloured = out(run_cli("--color", "always", "r.txt", cwd=tmp_path))
    plain = out(run_cli("--color", "never", "r.txt", cwd=tmp_path))
    assert "\x1b[" in coloured and "\x1b[" not in plain
    assert ANSI.sub("", coloured) == plain

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("TERM", raising=False)
    assert cli_output.use_color("auto", Terminal(), None)
    assert not cli_output.use_color("auto", io.StringIO(), None)  # a pipe or a file
    monkeypatch.setenv("NO_COLOR", "1")
    assert not cli_output.use_color("auto", Terminal(), None)
    assert cli_output.use_color("always", io.StringIO(), None)


def test_show_settings_and_show_files(tmp_path):
    copy_seed("004", tmp_path, "a.txt")
    (tmp_path / "notes.xlsx").write_bytes(b"")  # not a format gklint reads
    settings = out(run_cli("--show-settings", "--select", "GK3", cwd=tmp_path))
    assert "config file: (none: defaults)" in settings and "GK311" in settings and "GK101" not in settings
    files = run_cli("--show-files", ".", cwd=tmp_path)
    assert files.returncode == 0 and out(files).split() == ["a.txt"]


# --- gklint check: subcommands do not shadow paths -------------------------------------------------


def test_check_is_the_explicit_form_and_lints_a_folder_named_rules(tmp_path):
    (tmp_path / "rules").mkdir()
    copy_seed("004", tmp_path / "rules", "r.txt")
    listing = run_cli("rules", cwd=tmp_path, isolated=False)
    assert listing.returncode == 0 and "GK311" in out(listing)
    assert "gklint check rules" in listing.stderr.decode()  # the folder is there: say how to lint it
    linted = run_cli("check", "--isolated", "rules", cwd=tmp_path, isolated=False)
    assert linted.returncode == 1 and "rules/r.txt:" in out(linted)
    assert out(run_cli("check", "--isolated", "rules/r.txt", cwd=tmp_path, isolated=False)) == out(run_cli("rules/r.txt", cwd=tmp_path))


# --- encodings -------------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_with_a_bom_is_read_and_fixed_in_utf16(tmp_path, encoding):
    text = seed("004").read_text(encoding="utf-8")
    bom = "\ufeff".encode(encoding)
    (tmp_path / "u.txt").write_text(text, encoding="utf-8")
    (tmp_path / "w.txt").write_bytes(bom + text.encode(encoding))
    assert out(run_cli("w.txt", cwd=tmp_path)).replace("w.txt", "u.txt") == out(run_cli("u.txt", cwd=tmp_path))
    run_cli("--select", "GK212", "--fix", "u.txt", "w.txt", cwd=tmp_path)
    fixed = (tmp_path / "w.txt").read_bytes()
    assert fixed.startswith(bom) and fixed[len(bom) :].decode(encoding) == (tmp_path / "u.txt").read_text(encoding="utf-8")
    assert "0631-5961933" in fixed[len(bom) :].decode(encoding)


def test_encoding_option_decodes_and_writes_back_with_it(tmp_path):
    text = seed("004").read_text(encoding="utf-8")
    (tmp_path / "u.txt").write_text(text, encoding="utf-8")
    (tmp_path / "w.txt").write_bytes(text.encode("utf-16-le"))  # no BOM: only --encoding tells
    assert "GK001" in out(run_cli("w.txt", cwd=tmp_path))
    as_utf16 = out(run_cli("--encoding", "UTF-16LE", "w.txt", cwd=tmp_path))
    assert as_utf16.replace("w.txt", "u.txt") == out(run_cli("u.txt", cwd=tmp_path))
    run_cli("--encoding", "utf-16-le", "--select", "GK212", "--fix", "w.txt", cwd=tmp_path)
    assert "0631-5961933" in (tmp_path / "w.txt").read_bytes().decode("utf-16-le")
    unknown = run_cli("--encoding", "klingon", "w.txt", cwd=tmp_path)
    assert unknown.returncode == 2 and "klingon" in unknown.stderr.decode()


def test_stdout_and_stderr_share_one_encoding_under_gbk(monkeypatch):
    """A GBK console redirected to a log: both streams in GB18030 (GBK's superset), no mixing."""
    raw_out, raw_err = io.BytesIO(), io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(raw_out, encoding="gbk"))
    monkeypatch.setattr(sys, "stderr", io.TextIOWrapper(raw_err, encoding="utf-8"))
    cli_output.unify_output_encoding()
    assert sys.stdout.encoding == sys.stderr.encoding == "gb18030"
    assert cli_output.encode_output(type("Args", (), {"output_file": None})(), "⼀、总体情况") == "⼀、总体情况".encode("gb18030")


# --- fixes: stdin, honest counts ---------------------------------------------------------------------


def test_fix_on_stdin_prints_the_fixed_text(tmp_path, monkeypatch):
    data = seed("004").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    result = run_cli("--select", "GK212", "--fix", "--stdin-filename", "r.txt", cwd=tmp_path)
    fixed = result.stdout.decode("utf-8")
    assert fixed == data.decode("utf-8").replace("0631—5961933", "0631-5961933")
    assert result.returncode == 0 and "已修复 1 个问题" in result.stderr.decode()
    # The findings left go to stderr (stdout is the text); nothing to fix: the text as it came.
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(seed("001").read_bytes()), encoding="utf-8"))
    left = run_cli("--select", "GK601,GK108", "--fix", "--stdin-filename", "r.txt", cwd=tmp_path)
    assert left.returncode == 1 and "r.txt:" in left.stderr.decode() and " GK601 " not in left.stderr.decode()
    assert "(qū)" not in left.stdout.decode("utf-8")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(fixed.encode()), encoding="utf-8"))
    assert run_cli("--select", "GK212", "--fix", "-", cwd=tmp_path).stdout == fixed.encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    diff = run_cli("--select", "GK212", "--diff", "--stdin-filename", "r.txt", cwd=tmp_path)
    assert diff.returncode == 1 and diff.stdout.startswith(b"--- r.txt\n+++ r.txt\n")
    added = [line for line in diff.stdout.decode().splitlines() if line.startswith("+") and not line.startswith("+++")]
    assert len(added) == 1 and "0631-5961933" in added[0]


def test_fixable_and_fixed_counts_agree(tmp_path):
    for prefix in ("000", "001", "003", "004"):
        copy_seed(prefix, tmp_path)
    before = re.search(r"\[\*\] 其中 (\d+) 个", out(run_cli(".", cwd=tmp_path))).group(1)
    after = re.search(r"已修复 (\d+) 个问题", out(run_cli("--fix", ".", cwd=tmp_path))).group(1)
    assert before == after


@pytest.mark.slow
def test_no_fixable_marker_where_fix_will_not_write(tmp_path):
    from .seed_docx import build_docx

    text = seed("004").read_text(encoding="utf-8")
    (tmp_path / "r.docx").write_bytes(build_docx(text))
    (tmp_path / "r.txt").write_text(text, encoding="utf-8")
    docx = out(run_cli("r.docx", cwd=tmp_path))
    assert " GK212 " in docx and "[*]" not in docx and "--fix" not in docx
    assert " GK212 [*]" in out(run_cli("r.txt", cwd=tmp_path))
    stats = out(run_cli("--statistics", "r.docx", cwd=tmp_path))
    assert "[*]" not in stats


def test_english_plurals(tmp_path):
    (tmp_path / "r.txt").write_text(seed("004").read_text(encoding="utf-8"), encoding="utf-8")
    one = out(run_cli("--lang", "en", "--select", "GK212", "r.txt", cwd=tmp_path))
    assert "Found 1 problem (1 error)." in one or "Found 1 problem (1 warning)." in one
    assert "[*] 1 fixable" in one
    many = out(run_cli("--lang", "en", "r.txt", cwd=tmp_path))
    assert re.search(r"Found \d+ problems \(\d+ errors?, \d+ warnings?\)\.", many)
    assert " 1 errors" not in many and " 1 warnings" not in many


def test_command_line_errors_in_chinese_by_default(capsys, monkeypatch):
    monkeypatch.delenv("LANG", raising=False)
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    for argv, expected in ((["--color", "x"], "参数 --color：无效的取值 'x'"), (["--bogus"], "无法识别的参数：--bogus")):
        with pytest.raises(SystemExit) as exit_:
            cli.main(argv)
        assert exit_.value.code == 2
        err = capsys.readouterr().err
        assert "用法：" in err and expected in err
    with pytest.raises(SystemExit):
        cli.main(["--lang", "en", "--bogus"])
    assert "unrecognized arguments: --bogus" in capsys.readouterr().err


def test_an_output_file_that_cannot_be_written_is_an_error_in_chinese(tmp_path):
    copy_seed("004", tmp_path, "r.txt")
    result = run_cli("--output-file", "missing/out.txt", "r.txt", cwd=tmp_path)
    assert result.returncode == 2 and "无法写入 --output-file missing/out.txt：文件不存在" in result.stderr.decode()
