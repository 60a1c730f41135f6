"""Start-up: what a .txt run does not need is imported on first use only (bench/bench.py's
one-file process), and the stand-ins behave as the real readers."""

from __future__ import annotations

import subprocess
import sys

import pytest

from gklint.read.readers import READERS, DocxReader, HtmlReader, PdfReader

from .conftest import FIXTURES


def test_reader_stand_ins_match_the_readers():
    real = {"docx": DocxReader, "html": HtmlReader, "pdf": PdfReader}
    assert [(r.name, r.suffixes) for r in READERS] == [(real[r.name].name, real[r.name].suffixes) for r in READERS]


@pytest.mark.slow
def test_a_txt_run_imports_no_reader_module():
    script = (
        "import sys; from pathlib import Path; from gklint.run.config import Settings; from gklint.run.engine import Linter; "
        f"Linter(Settings(select=['ALL'])).lint_path(Path({str(FIXTURES / 'seeds' / '002_14f49dc3a58a97e3.txt')!r})); "
        "print(sorted(m for m in ('gklint.read.html', 'gklint.read.docx', 'html.parser', 'gklint.read.pdf', 'pdfplumber', 'pdfminer') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
