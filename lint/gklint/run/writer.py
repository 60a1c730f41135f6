"""Writing a fixed report back: atomically, keeping the file's encoding, line endings, permissions, owner and
extended attributes.

The text comes from `SourceText.encode`, so the encoding (UTF-8, UTF-8 with BOM, GB18030) and the
original line endings are what they were; only the bytes of the edits differ. The new bytes go to a
temporary file in the same folder, which then replaces the original in one `os.replace` — a reader
never sees half a report, and a crash leaves the original intact.

Before anything replaces the file, it is checked: a file that changed since gklint read it (someone
saved it meanwhile) or that is read-only (0444, as editors refuse; `--force` overrides) is not written
(`WriteRefused`). A hard-linked file is written in place, after those checks, so every link keeps
seeing the fixed report (a rename would leave the other links with the old one).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


class WriteRefused(Exception):
    """The file was left as it is, on purpose; carries a bilingual reason."""

    def __init__(self, zh: str, en: str):
        super().__init__(en)
        self.zh = zh
        self.en = en


class FileChanged(WriteRefused):
    def __init__(self) -> None:
        super().__init__(
            "文件在检查期间被改动，未写入修复（请重新运行）",
            "the file changed while gklint was running; the fixes were not written (run again)",
        )


class ReadOnlyFile(WriteRefused):
    def __init__(self) -> None:
        super().__init__(
            "文件是只读的，未写入修复（用 --force 强制写入）",
            "the file is read-only; the fixes were not written (--force writes anyway)",
        )


def write_atomic(path: Path, data: bytes, expected: bytes | None = None, force: bool = False) -> None:
    """Replace `path`'s content with `data` atomically; mode bits and owner are kept (symlinks are followed).

    `expected`: the bytes the fixes were made from — if the file no longer holds exactly them,
    nothing is written (FileChanged). A read-only file raises ReadOnlyFile unless `force`.
    """
    import tempfile  # only --fix writes: a linting run need not import it

    target = Path(os.path.realpath(path))
    try:
        status = target.stat()
    except FileNotFoundError:
        status = None
    if status is not None and not force and not status.st_mode & stat.S_IWUSR:
        raise ReadOnlyFile()
    if status is not None and status.st_nlink > 1:
        _check_unchanged(target, expected)
        _write_in_place(target, data)
        return
    handle, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".gklint-tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if status is not None:
            _copy_metadata(status, temp_name)
            _copy_xattrs(target, temp_name)
        _check_unchanged(target, expected)  # last thing before the rename: the window is as short as it gets
        os.replace(temp_name, target)
    except BaseException:
        try:
            os.unlink(temp_name)
        except FileNotFoundError:
            pass
        raise


def _check_unchanged(target: Path, expected: bytes | None) -> None:
    """FileChanged unless `target` still holds `expected` (size first: a grown file is not read again)."""
    if expected is None:
        return
    try:
        if target.stat().st_size != len(expected) or target.read_bytes() != expected:
            raise FileChanged()
    except FileNotFoundError:
        raise FileChanged() from None


def _copy_metadata(status: os.stat_result, temp_name: str) -> None:
    os.chmod(temp_name, stat.S_IMODE(status.st_mode))
    if hasattr(os, "chown") and os.geteuid() == 0:
        # As root the new file would be root's: a report fixed by a root-run hook stays its owner's.
        os.chown(temp_name, status.st_uid, status.st_gid)


def _copy_xattrs(source: Path, temp_name: str) -> None:
    """Extended attributes (a download's origin, labels) go with the content, where the system has them."""
    if not hasattr(os, "listxattr"):
        return
    try:
        names = os.listxattr(source)
    except OSError:  # a file system without them
        return
    for name in names:
        try:
            os.setxattr(temp_name, name, os.getxattr(source, name))
        except OSError:  # one the file system will not take (a security label): the others still
            pass


def _write_in_place(target: Path, data: bytes) -> None:
    """Overwrite a hard-linked file's content (same inode): every link sees the fixed report."""
    with _signals_held(), open(target, "r+b") as stream:
        stream.write(data)
        stream.truncate()
        stream.flush()
        os.fsync(stream.fileno())


class _signals_held:
    """Ctrl-C or SIGTERM waits until the in-place write is done: half of it would be a damaged report."""

    def __enter__(self) -> None:
        import signal

        self.signals = {signal.SIGINT, signal.SIGTERM}
        self.previous = signal.pthread_sigmask(signal.SIG_BLOCK, self.signals) if hasattr(signal, "pthread_sigmask") else None

    def __exit__(self, *exc) -> None:
        import signal

        if self.previous is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, self.previous)
