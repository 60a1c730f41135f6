"""Start-up cost (bench/bench.py's one-file process): the YAML cache of gklint.core.template, and what a
plain `gklint FILE` run does not import."""

from __future__ import annotations

import marshal
import shutil
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from gklint.core import cache, template, text
from gklint.core.template import TEMPLATE_DIR, read_yaml


def _ruamel(path):
    with path.open(encoding="utf-8") as handle:
        return YAML(typ="safe").load(handle)


def _same(a, b) -> bool:
    """Equal, with the same types all the way down (True is not 1, "1" is not 1) and the same key order."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(x, y) for x, y in zip(a, b)) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    return a == b


@pytest.fixture
def writing(monkeypatch):
    """Caches are written as bytecode is: switch that on whatever PYTHONDONTWRITEBYTECODE says."""
    monkeypatch.setattr(sys, "dont_write_bytecode", False)


@pytest.fixture
def parses(monkeypatch):
    """Counts the real YAML parses (cache misses)."""
    calls = []
    real = template._parse_yaml

    def counting(data):
        calls.append(data)
        return real(data)

    monkeypatch.setattr(template, "_parse_yaml", counting)
    return calls


def _cache_of(path):
    return path.parent / "__pycache__" / f"{path.name}.{sys.implementation.cache_tag}.gklint"


@pytest.mark.parametrize("name", ["base", "2019", "2021", "law"])
def test_cached_data_is_what_ruamel_reads(tmp_path, writing, parses, name):
    path = Path(shutil.copy(TEMPLATE_DIR / f"{name}.yaml", tmp_path))
    expected = _ruamel(path)
    first = read_yaml(path)  # parsed, cache written
    second = read_yaml(path)  # from the cache
    assert len(parses) == 1 and _cache_of(path).is_file()
    assert _same(first, expected) and _same(second, expected)
    assert second is not first  # every read gets its own objects (load_template updates them)


def test_an_edited_file_is_parsed_again(tmp_path, writing, parses):
    path = tmp_path / "t.yaml"
    path.write_text("version: 2019\nname: a\n", encoding="utf-8")
    assert read_yaml(path) == {"version": 2019, "name": "a"}
    path.write_text("version: 2021\nname: b\n", encoding="utf-8")  # same length, other bytes
    assert read_yaml(path) == {"version": 2021, "name": "b"}
    assert read_yaml(path) == {"version": 2021, "name": "b"}
    assert len(parses) == 2  # the stale cache was replaced, then used


def test_a_cache_of_another_gklint_version_is_not_used(tmp_path, writing, parses, monkeypatch):
    path = tmp_path / "t.yaml"
    path.write_text("a: 1\n", encoding="utf-8")
    read_yaml(path)
    monkeypatch.setattr(cache, "__version__", "9.9.9")
    assert read_yaml(path) == {"a": 1}
    assert len(parses) == 2


def test_the_script_characters_are_cached_as_computed(tmp_path, writing):
    """text.traditional_chars / simplified_chars: what OpenCC's calls over the CJK block give, kept
    for the OpenCC installed (its version and file in the key), computed again for another."""
    computed = text._traditional(text._CJK_BLOCK)
    store = tmp_path / "__pycache__" / "traditional-chars.gklint"
    key = cache.key_line("traditional-chars", "1.4.2", "opencc")
    assert cache.cached(store, key, lambda: text._traditional(text._CJK_BLOCK)) == computed
    assert cache.cached(store, key, lambda: "never called") == computed
    assert cache.cached(store, cache.key_line("traditional-chars", "9.9", "opencc"), lambda: "again") == "again"
    text.traditional_chars.cache_clear()
    try:
        assert text.traditional_chars() == computed  # the package's own cache, whatever it holds now
    finally:
        text.traditional_chars.cache_clear()


@pytest.mark.parametrize("damage", [b"", b"garbage", "truncated"])
def test_a_damaged_cache_is_parsed_around(tmp_path, writing, damage):
    path = tmp_path / "t.yaml"
    path.write_text("a: [1, 2, {b: c}]\n", encoding="utf-8")
    read_yaml(path)
    cache = _cache_of(path)
    cache.write_bytes(cache.read_bytes()[:-3] if damage == "truncated" else damage)
    assert read_yaml(path) == {"a": [1, 2, {"b": "c"}]}


def test_the_cache_is_the_key_then_the_data(tmp_path, writing):
    # The key (gklint version, marshal format, length and CRC-32 of the YAML's bytes) is what makes it trusted.
    path = tmp_path / "t.yaml"
    path.write_text("a: 1\n", encoding="utf-8")
    read_yaml(path)
    key = template._cache_key(path.read_bytes())
    assert _cache_of(path).read_bytes().startswith(key)
    assert marshal.loads(_cache_of(path).read_bytes()[len(key) :]) == {"a": 1}


def test_no_cache_when_it_cannot_be_written(tmp_path, writing, parses):
    path = tmp_path / "t.yaml"
    path.write_text("a: 1\n", encoding="utf-8")
    (tmp_path / "__pycache__").write_text("a file where the folder would go", encoding="utf-8")
    assert read_yaml(path) == {"a": 1}
    assert read_yaml(path) == {"a": 1}
    assert len(parses) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["__pycache__", "t.yaml"]  # no temporary left


def test_no_cache_written_without_bytecode(tmp_path, monkeypatch, parses):
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    path = tmp_path / "t.yaml"
    path.write_text("a: 1\n", encoding="utf-8")
    assert read_yaml(path) == {"a": 1}
    assert not (tmp_path / "__pycache__").exists()


def test_values_marshal_cannot_hold_are_not_cached(tmp_path, writing, parses):
    path = tmp_path / "t.yaml"
    path.write_text("published: 2021-01-31\n", encoding="utf-8")  # a datetime.date
    first, second = read_yaml(path), read_yaml(path)
    assert _same(first, _ruamel(path)) and _same(second, first)
    assert len(parses) == 2 and not _cache_of(path).exists()


def test_windows_line_endings_read_as_before(tmp_path, writing):
    path = tmp_path / "t.yaml"
    path.write_bytes(b"text: |\r\n  one\r\n  two\r\nfolded: >\r\n  a\r\n  b\r\n")
    assert _same(read_yaml(path), _ruamel(path))


# -- entry points without importlib.metadata -------------------------------------------------------
def _metadata_entry_points(group):
    from importlib import metadata

    if sys.version_info < (3, 10):
        pytest.skip("importlib.metadata before 3.10 neither deduplicates distributions nor names an entry point's")

    return [(ep.name, ep.value, ep.group, str(ep.dist._path)) for ep in metadata.entry_points(group=group)]


def _ours(group):
    from gklint.run.plugins import entry_points

    return [(ep.name, ep.value, ep.group, str(getattr(ep, "dist", None))) for ep in entry_points(group)]


def _dist(folder, stem, entry_points=None, metadata="Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n"):
    info = folder / stem
    info.mkdir(parents=True)
    (info / "METADATA").write_text(metadata.format(name=stem.split("-")[0]), encoding="utf-8")
    if entry_points is not None:
        (info / "entry_points.txt").write_text(entry_points, encoding="utf-8")


def test_entry_points_as_importlib_metadata_finds_them(tmp_path, monkeypatch):
    first, second = tmp_path / "first", tmp_path / "second"
    _dist(first, "Demo_Pack-1.0.dist-info", "[gklint]\ndemo = demo_pack.rules\n\n[console_scripts]\nd = demo_pack:main\n")
    _dist(first, "other.pack-2.0.egg-info", "# comment\n[gklint]\n  other =  other_pack : plugin.hooks [extra] \n")
    _dist(first, "no_entry_points-1.0.dist-info")
    # The same distribution later on sys.path (another spelling of the name): hidden by the first.
    _dist(second, "demo-pack-0.9.dist-info", "[gklint]\ndemo = old_demo\n")
    _dist(second, "late-1.0.dist-info", "[gklint]\nlate = late_pack\n[gklint.extra]\nx = y\n")
    (second / "not_a_dist").mkdir()
    monkeypatch.setattr(sys, "path", [str(first), str(tmp_path / "missing"), str(second), *sys.path])
    for group in ("gklint", "console_scripts", "gklint.extra", "pytest11"):
        assert _ours(group) == _metadata_entry_points(group)
    assert [name for name, *_ in _ours("gklint")][:3] == ["demo", "other", "late"]


def test_entry_points_elsewhere_are_left_to_importlib_metadata(tmp_path, monkeypatch):
    import zipfile

    archive = tmp_path / "pack.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("zipped-1.0.dist-info/METADATA", "Metadata-Version: 2.1\nName: zipped\nVersion: 1.0\n")
        zipped.writestr("zipped-1.0.dist-info/entry_points.txt", "[gklint]\nzipped = zipped_pack\n")
    monkeypatch.setattr(sys, "path", [str(archive), *sys.path])
    ours = _ours("gklint")
    assert ("zipped", "zipped_pack") in [(name, value) for name, value, *_ in ours]
    assert [ep[:3] for ep in ours] == [ep[:3] for ep in _metadata_entry_points("gklint")]


def test_version_reads_the_distribution_metadata():
    from gklint.run.plugins import load_plugins

    info = {i.name: (i.distribution, i.version) for i in load_plugins().info}
    from importlib import metadata

    assert info["core"] == info["rules"] == ("gklint", metadata.version("gklint"))


def test_a_source_tree_without_metadata_registers_the_built_ins(monkeypatch):
    from gklint.run import plugins

    monkeypatch.setattr(plugins, "entry_points", lambda group: [])
    loaded = plugins.load_plugins()
    assert [(i.name, i.distribution, i.version) for i in loaded.info] == [("core", "gklint", "source"), ("rules", "gklint", "source")]
    assert "GK101" in loaded.rules() and not loaded.errors


# -- what a plain run imports ------------------------------------------------------------------
NOT_FOR_A_PLAIN_RUN = (
    "gklint.run.baseline",  # --baseline
    "hashlib",
    "gklint.run.changed_lines",  # --since
    "subprocess",
    "concurrent.futures",  # -j N
    "multiprocessing",
    "pickle",
    "gklint.run.fixes",  # --fix, --diff
    "gklint.run.writer",
    "tempfile",
    "gklint.output.sarif",  # the formats not printed
    "gklint.output.junit",
    "xml.etree.ElementTree",
    "gklint.output.full",
    "gklint.output.html",
    "jinja2",
    "json",
    "gklint.read.origins",  # .docx, .html, .pdf
    "gklint.read.pdf",  # .pdf: the reader, its layout and the PDF libraries
    "gklint.read.pdf_layout",
    "pdfplumber",
    "pdfminer",
    "importlib.metadata",  # entry points are read without it
    "email",
    "zipfile",
)


@pytest.mark.slow
def test_a_plain_run_imports_only_what_it_uses(tmp_path):
    import subprocess

    from .conftest import seed

    script = (
        "import sys; from gklint.cli import main; "
        f"main(['--isolated', '--exit-zero', {str(seed('004'))!r}]); "
        f"print(sorted(m for m in {NOT_FOR_A_PLAIN_RUN!r} if m in sys.modules), file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path, check=True)
    assert done.stderr.strip() == "[]"
    assert ": GK" in done.stdout  # it did lint


def test_plain_numbers_and_addresses_need_neither_phonenumbers_nor_email_validator(tmp_path):
    """China's number plan is read from phonenumbers once and cached (`gklint.facts.number_plan`);
    a plain address needs no email-validator. A report with both (seed 000), linted as an installed
    gklint starts (caches written on the first run), imports neither."""
    import os
    import subprocess

    from .conftest import seed

    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    script = (
        "import sys; from gklint.cli import main; "
        f"main(['--isolated', '--exit-zero', '--select', 'GK211,GK212,GK213', {str(seed('000'))!r}]); "
        "print(sorted(m for m in ('phonenumbers', 'email_validator') if m in sys.modules), file=sys.stderr)"
    )
    for _ in range(2):
        done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path, check=True, env=env)
    assert done.stderr.strip() == "[]"
    from gklint.run.config import Settings
    from gklint.run.engine import Linter

    report = Linter(Settings()).lint_path(seed("000")).report
    assert report.facts.contacts.phones and report.facts.contacts.emails  # there were numbers and addresses to check
