"""Property: whatever the input, --fix changes only the bytes of the edits it reports.

Seeds with random insertions of things the rules fix (pinyin debris, a dash in a phone number, a
half-width bracket, a wrong numeral …) and things that stress the writer (CR, CRLF, ideographic
spaces), saved as UTF-8, UTF-8 with BOM or GB18030, with LF or CRLF. After the real fix path
(`Run` with --fix, writing the file), each pass's edits are replayed at the byte level: every byte
outside them must be where it was, and the file on disk must be the last pass's text in the
file's own encoding.
"""

from __future__ import annotations

import tempfile
from argparse import Namespace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gklint.run.config import Settings
from gklint.run.engine import Linter
from gklint.run.session import Run

from .conftest import SEEDS

PIECES = [
    "區(qū)",
    "報(bào)",
    "2、 ",
    "—",
    "电话：0631—5961933",
    "(一)",
    "（1）",
    "1.",
    "一、",
    "[image: x]",
    "XX",
    "國務院令第492號",
    "\r\n",
    "\r",
    "\n",
    "\u3000",
    " ",
    "：",
    "（",
    ")",
]
TEXTS = [path.read_text(encoding="utf-8") for path in SEEDS]
LINTER = Linter(Settings(select=["ALL"]))


@st.composite
def damaged_reports(draw):
    text = TEXTS[draw(st.integers(0, len(TEXTS) - 1))]
    for _ in range(draw(st.integers(0, 8))):
        position = draw(st.integers(0, len(text)))
        text = text[:position] + draw(st.sampled_from(PIECES)) + text[position:]
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]))
    return text.encode(encoding), draw(st.booleans())


def _check_pass(before: str, after: str, edits, codec: str, bom: bytes) -> None:
    before_bytes, after_bytes = bom + before.encode(codec), bom + after.encode(codec)
    b = a = len(bom)
    cursor = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        same = len(before[cursor : edit.start].encode(codec))
        assert before_bytes[b : b + same] == after_bytes[a : a + same]
        b += same + len(before[edit.start : edit.end].encode(codec))
        a += same + len(edit.replacement.encode(codec))
        assert after_bytes[a - len(edit.replacement.encode(codec)) : a] == edit.replacement.encode(codec)
        cursor = edit.end
    assert before_bytes[b:] == after_bytes[a:]


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(damaged_reports())
def test_fix_changes_only_the_reported_edits(case):
    data, unsafe = case
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "report.txt"
        path.write_bytes(data)
        run = Run(LINTER, Namespace(fix=True, diff=False, unsafe_fixes=unsafe))
        run.lint_all([path])
        written = path.read_bytes()
    outcome = run.outcomes.get(str(path))
    if outcome is None or not outcome.stable or not outcome.history:
        assert written == data  # nothing to fix, an unparsable file, or the bound hit: untouched
        return
    source = run.results[0].source
    bom = b"\xef\xbb\xbf" if source.encoding == "utf-8-sig" else b""
    codec = "utf-8" if source.encoding == "utf-8-sig" else source.encoding
    assert bom + outcome.history[0][0].encode(codec) == data  # decoding was lossless
    texts = [before for before, _ in outcome.history] + [outcome.text]
    for (before, edits), after in zip(outcome.history, texts[1:]):
        _check_pass(before, after, edits, codec, bom)
    assert written == bom + outcome.text.encode(codec)
