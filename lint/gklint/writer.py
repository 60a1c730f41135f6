"""Writing a fixed report back: atomically, keeping the file's encoding, line endings and permissions.

The text comes from `SourceText.encode`, so the encoding (UTF-8, UTF-8 with BOM, GB18030) and the
original line endings are what they were; only the bytes of the edits differ. The new bytes go to a
temporary file in the same folder, which then replaces the original in one `os.replace` — a reader
never sees half a report, and a crash leaves the original intact.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


def write_atomic(path: Path, data: bytes) -> None:
    """Replace `path`'s content with `data` atomically; mode bits are kept (symlinks are followed)."""
    import tempfile  # only --fix writes: a linting run need not import it

    target = Path(os.path.realpath(path))
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mode = None
    handle, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".gklint-tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if mode is not None:
            os.chmod(temp_name, mode)
        os.replace(temp_name, target)
    except BaseException:
        try:
            os.unlink(temp_name)
        except FileNotFoundError:
            pass
        raise
