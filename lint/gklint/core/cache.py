"""Data derived from a file or a library, kept on disk as Python keeps bytecode.

`cached(path, key, compute)` returns what `compute()` returns. The value is marshalled to `path`
(a `__pycache__` folder beside its source) after a key line saying exactly what it was derived
from (gklint's version, the marshal format, the source's length and CRC-32 or a library's
version); a cache whose key does not match is never used, but computed again and replaced.
It is written atomically (a temporary file, then `os.replace`), not at all when Python writes no
bytecode (`-B`, PYTHONDONTWRITEBYTECODE) or the folder is read-only, and no problem with it ever
fails a run: the value is then simply computed.

Used for what ruamel.yaml reads from the template YAML (`template.read_yaml`) and for the
characters OpenCC converts (`text.traditional_chars`): both cost more at start-up than a lint.
"""

from __future__ import annotations

import marshal
import os
import sys
from _thread import get_ident
from pathlib import Path
from typing import Any, Callable

from gklint.core import __version__


def key_line(*parts: object) -> bytes:
    """A cache key: gklint's version, the marshal format and what the value was derived from."""
    return " ".join(["gklint", __version__, "marshal", str(marshal.version), *map(str, parts)]).encode() + b"\n"


def cached(path: Path, key: bytes, compute: Callable[[], Any]) -> Any:
    try:
        with open(path, "rb") as handle:
            if handle.read(len(key)) == key:
                return marshal.load(handle)
    except (OSError, EOFError, ValueError, TypeError):  # no cache yet, or a damaged one: compute
        pass
    value = compute()
    if not sys.dont_write_bytecode:
        _write(path, key, value)
    return value


def _write(path: Path, key: bytes, value: Any) -> None:
    try:
        payload = key + marshal.dumps(value)
    except ValueError:  # a value marshal cannot hold (a YAML date): no cache for it
        return
    temporary = path.with_name(f"{path.name}.{os.getpid()}-{get_ident()}.tmp")  # this thread's own
    try:
        path.parent.mkdir(exist_ok=True)
        with open(temporary, "wb") as handle:
            handle.write(payload)
        os.replace(temporary, path)
    except OSError:  # read-only folder, full disk…: no cache, the run goes on
        try:
            os.unlink(temporary)
        except OSError:
            pass
