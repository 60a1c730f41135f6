"""Small .docx files that once took GBs or minutes (issue 12)."""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import pytest

from gklint.run.config import Settings
from gklint.run.engine import Linter

docx = pytest.importorskip("docx")


def _document(style: str | None = None) -> bytes:
    document = docx.Document()
    document.add_paragraph("某县2022年政府信息公开工作年度报告")
    document.add_paragraph("第一项", style=style) if style else document.add_paragraph("正文")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _repacked(data: bytes, change) -> bytes:
    """The archive with each part's bytes passed through `change(name, bytes)`."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, change(info.filename, source.read(info.filename)))
    return out.getvalue()


def _lint(data: bytes):
    return Linter(Settings(select=["ALL"])).lint_bytes(data, Path("report.docx")).violations


def test_zip_bomb_is_refused_unread():
    # was 4.4 GB for 330 KB: the XML unpacked and parsed whole. Here 16 MB of spaces inside the body
    # pack into some 16 KB; refused from the archive's sizes, before lxml sees a byte
    padding = b" " * (16 * 2**20)
    bomb = _repacked(
        _document(), lambda name, data: data.replace(b"<w:body>", b"<w:body>" + padding) if name == "word/document.xml" else data
    )
    assert len(bomb) < 200_000
    started = time.perf_counter()
    violations = _lint(bomb)
    assert time.perf_counter() - started < 2.0
    assert [v.code for v in violations] == ["GK001"]
    assert "zip bomb" in violations[0].message.en and "word/document.xml" in violations[0].message.en


@pytest.mark.parametrize("fmt", ["upperLetter", "lowerRoman"])
def test_list_numbering_starting_at_ten_to_the_ten(fmt):
    # was > 120 s building one label (10¹⁰ in letters is a label of 384 million characters)
    def change(name: str, data: bytes) -> bytes:
        if name != "word/numbering.xml":
            return data
        return data.replace(b'<w:start w:val="1"/>', b'<w:start w:val="10000000000"/>').replace(
            b'w:val="decimal"', f'w:val="{fmt}"'.encode()
        )

    started = time.perf_counter()
    violations = _lint(_repacked(_document("List Number"), change))
    assert time.perf_counter() - started < 5.0
    assert not [v for v in violations if v.code in ("GK001", "GK003")]
