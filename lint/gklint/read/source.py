"""Bytes → text, losslessly: the encoding, BOM and line endings are remembered, nothing altered.

Readers are plugins (`gklint_readers` hook); the built-in one reads .txt and .md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

UTF8 = "utf-8"
UTF8_BOM = "utf-8-sig"
GB18030 = "gb18030"
UTF16_LE, UTF16_BE = "utf-16-le", "utf-16-be"
ENCODINGS = (UTF8, GB18030)
_BOM = b"\xef\xbb\xbf"
# UTF-16 is recognised by its BOM only (what Windows Notepad writes as "Unicode"); the BOM is
# kept out of `text`, in `SourceText.bom`, and written back by `SourceText.encode`.
_UTF16_BOMS = {UTF16_LE: b"\xff\xfe", UTF16_BE: b"\xfe\xff"}


@dataclass(frozen=True)
class SourceText:
    """A decoded file. `text` is exactly the file's characters (BOM excluded, newlines kept)."""

    text: str
    encoding: str  # utf-8, utf-8-sig, gb18030, utf-16-le/-be (with a BOM), or the one --encoding names
    kind: str = "text"  # "text" or "markdown"; other readers add their own ("docx", "html")
    # Converted inputs (.docx, .html): maps offsets in `text` back to the original file
    # (see gklint.read.origins). None for text read as it is.
    origins: Any = field(default=None, compare=False, repr=False)
    # Structured inputs (.docx, HTML, PDF): each table as a grid of cells pointing into `text`
    # (`gklint.read.grid.Grid`), read by the table reader instead of the rendered lines.
    grids: tuple = field(default=(), compare=False, repr=False)
    # A UTF-16 file's BOM (the codec names no BOM; utf-8-sig's is the codec's own).
    bom: bytes = field(default=b"", repr=False)

    @property
    def fixable(self) -> bool:
        """Fixes can be written back only to text read as it is (not to .docx or HTML), or to text
        that only gained virtual line breaks (a flattened web page: `gklint.read.flattened`)."""
        return self.origins is None or getattr(self.origins, "writes_back", False)

    @property
    def newline(self) -> str:
        """The dominant line ending, for text a fix inserts."""
        crlf = self.text.count("\r\n")
        lf = self.text.count("\n") - crlf
        cr = self.text.count("\r") - crlf  # old Mac files: CR alone
        if cr > max(crlf, lf):
            return "\r"
        return "\r\n" if crlf > lf else "\n"

    def encode(self, text: str | None = None) -> bytes:
        """Back to bytes in the file's own encoding (BOM restored)."""
        text = self.text if text is None else text
        return self.bom + text.encode(self.encoding)


class ReadError(Exception):
    """The file cannot be read as text (GK001) — carries a bilingual reason."""

    code = "GK001"  # the engine code the file gets

    def __init__(self, zh: str, en: str):
        super().__init__(en)
        self.zh = zh
        self.en = en


class NoTextLayer(ReadError):
    """A file whose pages are pictures only (a scanned PDF): nothing to check, and no OCR (GK005)."""

    code = "GK005"


# A report is a few hundred KB; a PDF with pictures a few MB. Past this it is not a report (and reading
# it all would take the memory of a machine: a symlink to /dev/zero, a disk image named *.txt).
MAX_FILE_BYTES = 50 * 1024 * 1024


def read_file(path: Path) -> bytes:
    """A report's bytes; ReadError (GK001) for what is not a regular file (a FIFO would block, a device
    never end) or is larger than MAX_FILE_BYTES. OSError as `open` raises it (missing, no permission)."""
    import os
    import stat

    # O_NONBLOCK: opening a FIFO must not wait for a writer; it has no effect on a regular file.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with open(fd, "rb") as stream:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            if _is_null_device(status):  # `gklint /dev/null`: an empty file, as for every other tool
                return b""
            raise ReadError("不是普通文件（例如管道或设备），未读取", "not a regular file (a pipe or a device, say); not read")
        data = stream.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise too_large()
    return data


def too_large() -> ReadError:
    limit = MAX_FILE_BYTES // (1024 * 1024)
    return ReadError(f"文件超过 {limit} MB，不是年度报告，未读取", f"the file is larger than {limit} MB, not an annual report; not read")


def _is_null_device(status) -> bool:
    import os

    try:
        null = os.stat(os.devnull)
    except OSError:
        return False
    return (status.st_dev, status.st_ino) == (null.st_dev, null.st_ino)


_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))  # counted as binary evidence
# Private use, C1 controls. Compiled by re.findall when a GB18030 text is first judged (0.7 ms at import otherwise).
_ODD_CHARS = "[\ue000-\uf8ff\x80-\x9f]"


def _looks_binary(data: bytes) -> bool:
    if b"\x00" in data:
        return True
    sample = data[:8192]
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls > max(2, len(sample) // 200)


def _implausible(text: str) -> bool:
    """GB18030 decodes almost any byte soup; real reports are mostly Han, ASCII and punctuation."""
    sample = text[:4000]
    if not sample:
        return False
    odd = len(re.findall(_ODD_CHARS, sample))
    return odd > len(sample) // 50


def decode(data: bytes, encoding: str | None = None) -> SourceText:
    """Decode a report's bytes; raises ReadError for binary or undecodable input.

    `encoding` (`--encoding`) is used instead of guessing; a BOM still wins for UTF-8 and UTF-16.
    """
    utf16 = _decode_utf16(data)
    if utf16 is not None:
        return utf16
    if encoding is not None and not data.startswith(_BOM):
        return _decode_as(data, encoding)
    if _looks_binary(data):
        raise ReadError("文件是二进制文件，不是文本", "the file is binary, not text")
    if data.startswith(_BOM):
        try:
            return SourceText(data[len(_BOM) :].decode(UTF8), UTF8_BOM)
        except UnicodeDecodeError as error:
            raise ReadError(
                f"文件有 UTF-8 BOM，但第 {error.start} 字节起无法按 UTF-8 解码",
                f"the file has a UTF-8 BOM but byte {error.start} is not valid UTF-8",
            ) from None
    try:
        return SourceText(data.decode(UTF8), UTF8)
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode(GB18030)
    except UnicodeDecodeError:
        raise ReadError(
            "无法识别文件编码（已尝试 UTF-8、带 BOM 的 UTF-8、GB18030）",
            "unknown encoding (tried UTF-8, UTF-8 with BOM, GB18030)",
        ) from None
    if _implausible(text):
        raise ReadError(
            "无法识别文件编码（按 GB18030 解码得到的不是文本）",
            "unknown encoding (GB18030 decoding gives no plausible text)",
        )
    return SourceText(text, GB18030)


def _decode_utf16(data: bytes) -> SourceText | None:
    """A file that starts with a UTF-16 BOM (NUL bytes are normal there: not binary)."""
    for encoding, bom in _UTF16_BOMS.items():
        if data.startswith(bom):
            try:
                return SourceText(data[len(bom) :].decode(encoding), encoding, bom=bom)
            except UnicodeDecodeError as error:
                raise ReadError(
                    f"文件有 UTF-16 BOM，但第 {error.start + len(bom)} 字节起无法按 UTF-16 解码",
                    f"the file has a UTF-16 BOM but byte {error.start + len(bom)} is not valid UTF-16",
                ) from None
    return None


def _decode_as(data: bytes, encoding: str) -> SourceText:
    try:
        return SourceText(data.decode(encoding), encoding)
    except UnicodeDecodeError as error:
        raise ReadError(
            f"无法按 --encoding {encoding} 解码：第 {error.start} 字节起不是 {encoding}",
            f"cannot decode as --encoding {encoding}: byte {error.start} is not {encoding}",
        ) from None


class TextReader:
    """The built-in reader: plain text and Markdown."""

    name = "text"
    suffixes = (".txt", ".md", ".markdown", ".text")

    def __init__(self, encoding: str | None = None):
        self.encoding = encoding  # --encoding: decode with it instead of guessing

    def read(self, path: Path, data: bytes) -> SourceText:
        source = decode(data, self.encoding)
        kind = "markdown" if path.suffix.lower() in (".md", ".markdown") else "text"
        return SourceText(source.text, source.encoding, kind, bom=source.bom)
