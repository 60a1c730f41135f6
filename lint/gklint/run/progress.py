"""A progress bar on stderr for long runs: plain `\\r` updates, no dependency.

Shown only when it helps a person watching: at least `MIN_FILES` files, stderr is a terminal,
and the run is not under pre-commit (`PRE_COMMIT`) or CI (`CI`), whose logs a bar would fill
with carriage returns. The bar is erased when the run ends, so the report starts on a clean line.
"""

from __future__ import annotations

import os
import sys
import time
from typing import Mapping, TextIO

MIN_FILES = 50
WIDTH = 30
INTERVAL = 0.1  # seconds between redraws


def wanted(total: int, stream: TextIO | None = None, environ: Mapping[str, str] | None = None) -> bool:
    stream = sys.stderr if stream is None else stream
    environ = os.environ if environ is None else environ
    if total < MIN_FILES or environ.get("PRE_COMMIT") or environ.get("CI"):
        return False
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except (ValueError, OSError):  # a closed or odd stream
        return False


class Progress:
    """`with Progress.start(total) as bar: … bar.advance()`; does nothing when not `wanted`."""

    def __init__(self, total: int, stream: TextIO | None = None, enabled: bool = True, clock=time.monotonic):
        self.total = total
        self.done = 0
        self.stream = sys.stderr if stream is None else stream
        self.enabled = enabled
        self.clock = clock
        self._last = float("-inf")
        self._width = 0  # characters of the last line drawn, to erase it

    @classmethod
    def start(cls, total: int, stream: TextIO | None = None, environ: Mapping[str, str] | None = None) -> Progress:
        return cls(total, stream, enabled=wanted(total, stream, environ))

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def render(self) -> str:
        filled = WIDTH * self.done // self.total if self.total else WIDTH
        percent = 100 * self.done // self.total if self.total else 100
        return f"gklint [{'#' * filled}{'.' * (WIDTH - filled)}] {self.done}/{self.total} ({percent}%)"

    def advance(self, count: int = 1) -> None:
        self.done += count
        if not self.enabled:
            return
        now = self.clock()
        if now - self._last < INTERVAL and self.done < self.total:
            return
        self._last = now
        line = self.render()
        self._write("\r" + line)
        self._width = len(line)

    def close(self) -> None:
        if self.enabled and self._width:
            self._write("\r" + " " * self._width + "\r")
            self._width = 0
        self.enabled = False

    def _write(self, text: str) -> None:
        try:
            self.stream.write(text)
            self.stream.flush()
        except (OSError, ValueError):  # stderr went away: stop drawing, keep linting
            self.enabled = False
