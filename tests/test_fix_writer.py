"""The writer: atomic replace, permissions kept, symlinks followed, the original intact on failure."""

from __future__ import annotations

import os
import stat

import pytest

from gklint.read.source import decode
from gklint.run import writer

from .conftest import seed


def test_write_keeps_mode_and_leaves_no_temp(tmp_path):
    path = tmp_path / "r.txt"
    path.write_bytes(b"old")
    path.chmod(0o600)
    writer.write_atomic(path, b"new")
    assert path.read_bytes() == b"new"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["r.txt"]


def test_failed_replace_leaves_the_original(tmp_path, monkeypatch):
    path = tmp_path / "r.txt"
    path.write_bytes(b"original")

    def broken(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(writer.os, "replace", broken)
    with pytest.raises(OSError):
        writer.write_atomic(path, b"half")
    assert path.read_bytes() == b"original"
    assert [p.name for p in tmp_path.iterdir()] == ["r.txt"]


def test_symlink_target_is_written_and_the_link_kept(tmp_path):
    target = tmp_path / "real.txt"
    target.write_bytes(b"old")
    link = tmp_path / "link.txt"
    os.symlink(target, link)
    writer.write_atomic(link, b"new")
    assert link.is_symlink() and target.read_bytes() == b"new"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_decode_encode_round_trip_is_byte_exact(encoding, newline):
    data = seed("004").read_text(encoding="utf-8").replace("\n", newline).encode(encoding)
    source = decode(data)
    assert source.encoding == encoding
    assert source.encode() == data
