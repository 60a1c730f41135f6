"""Paragraph.offsets (model.OffsetMap): one (position, offset) pair a joined line, read like the
tuple of one source offset a character it stands for."""

from __future__ import annotations

import pytest

from gklint.model.report import OffsetMap
from gklint.read.source import decode
from gklint.run.config import Settings
from gklint.run.engine import Linter

from .conftest import SAMPLES


def test_reads_like_the_tuple_it_stands_for():
    # Two pieces: text[0:3] from source 10..12, text[3:5] from source 20..21.
    offsets = OffsetMap([0, 3], [10, 20], 5)
    expected = (10, 11, 12, 20, 21)
    assert len(offsets) == 5 and tuple(offsets) == expected
    assert [offsets[i] for i in range(-5, 5)] == [*expected, *expected]
    assert offsets == OffsetMap([0, 1, 3], [10, 11, 20], 5)  # the same offsets, cut differently
    for bad in (5, -6):
        with pytest.raises(IndexError):
            offsets[bad]


def test_every_character_of_a_pdf_paragraph_maps_back_to_itself():
    """The PDF sample's paragraphs are joined across hard wraps and page numbers: each character
    of a paragraph is the source character its offset names."""
    report = Linter(Settings()).parse(decode(SAMPLES[0].read_bytes()), SAMPLES[0])
    joined = [p for p in report.paragraphs if p.last_line > p.first_line]
    assert len(joined) > 20  # hard-wrapped text: many paragraphs span lines
    for paragraph in report.paragraphs:
        assert "".join(report.text[o] for o in paragraph.offsets) == paragraph.text
