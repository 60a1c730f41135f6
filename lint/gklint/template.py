"""The national templates as data: YAML files read with ruamel.yaml.

`base.yaml` holds what both formats share; a version file (`2019.yaml`, `2021.yaml`)
adds its tables and may override any top-level key. Plugins can provide more
templates through the `gklint_templates` hook (paths to YAML files).

The YAML stays the source of truth. What ruamel.yaml made of a file is kept, as Python keeps
bytecode, in `__pycache__/NAME.<python tag>.gklint` next to it (see `read_yaml`), so a start-up
needs neither ruamel.yaml nor the parse while the file is unchanged.
"""

from __future__ import annotations

import functools
import marshal
import os
import sys
import zlib
from _thread import get_ident
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import __version__
from .text import label_key

TEMPLATE_DIR = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class SectionSpec:
    number: int
    title: str
    variants: tuple[str, ...]
    core: tuple[str, ...]
    needs_text: bool
    empty_text: str | None = None

    @property
    def numeral(self) -> str:
        from .text import int_to_cn

        return int_to_cn(self.number)

    @property
    def heading(self) -> str:
        """The canonical heading line: 一、总体情况."""
        return f"{self.numeral}、{self.title}"


@dataclass(frozen=True)
class Template:
    version: str
    name: str
    first_year: int
    last_year: int
    sections: tuple[SectionSpec, ...]
    data: dict[str, Any] = field(repr=False)

    def section(self, number: int) -> SectionSpec:
        return self.sections[number - 1]

    def covers(self, year: int) -> bool:
        return self.first_year <= year <= self.last_year


def _plain(node: Any) -> Any:
    """ruamel's commented containers → plain dicts and lists."""
    if isinstance(node, dict):
        return {str(k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    return node


def _read_yaml(path: Path) -> dict[str, Any]:
    return _plain(read_yaml(path)) or {}


def read_yaml(path: Path) -> Any:
    """A YAML file as ruamel.yaml's safe loader reads it (plain dicts, lists, str, int…).

    Cached like bytecode: the data is marshalled to `__pycache__/NAME.<python tag>.gklint` next to the
    file, with a key made of the gklint version, the marshal format and the file's length and CRC-32;
    a cache whose key does not match the file's bytes now is never used, but parsed again and replaced.
    The cache is written atomically (a temporary file, then `os.replace`), not at all when Python
    writes no bytecode (`-B`, PYTHONDONTWRITEBYTECODE) or the folder is read-only, and no problem with
    it ever fails a run: the YAML is then simply parsed.
    """
    data = path.read_bytes()
    key = _cache_key(data)
    cache = path.parent / "__pycache__" / f"{path.name}.{sys.implementation.cache_tag}.gklint"
    try:
        with open(cache, "rb") as handle:
            if handle.read(len(key)) == key:
                return marshal.load(handle)
    except (OSError, EOFError, ValueError, TypeError):  # no cache yet, or a damaged one: parse
        pass
    loaded = _parse_yaml(data)
    if not sys.dont_write_bytecode:
        _write_cache(cache, key, loaded)
    return loaded


def _cache_key(data: bytes) -> bytes:
    return f"gklint {__version__} yaml-cache marshal {marshal.version} {len(data)} {zlib.crc32(data):08x}\n".encode()


def _parse_yaml(data: bytes) -> Any:
    from ruamel.yaml import YAML  # only when the cache is missing or stale

    # typ="safe" uses the C loader (ruamel.yaml.clib) when installed: ~10x faster start-up.
    # The text as a file opened with encoding="utf-8" reads it (universal newlines).
    return YAML(typ="safe").load(data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n"))


def _write_cache(cache: Path, key: bytes, loaded: Any) -> None:
    try:
        payload = key + marshal.dumps(loaded)
    except ValueError:  # a value marshal cannot hold (a YAML date): no cache for this file
        return
    temporary = cache.with_name(f"{cache.name}.{os.getpid()}-{get_ident()}.tmp")  # this thread's own
    try:
        cache.parent.mkdir(exist_ok=True)
        with open(temporary, "wb") as handle:
            handle.write(payload)
        os.replace(temporary, cache)
    except OSError:  # read-only folder, full disk…: no cache, the run goes on
        try:
            os.unlink(temporary)
        except OSError:
            pass


def load_template(path: Path, base: Path | None = TEMPLATE_DIR / "base.yaml") -> Template:
    data: dict[str, Any] = _read_yaml(base) if base else {}
    data.update(_read_yaml(path))
    sections = tuple(
        SectionSpec(
            number=int(s["number"]),
            title=s["title"],
            variants=tuple(s.get("variants", ())),
            core=tuple(s.get("core", ())),
            needs_text=bool(s.get("needs_text", False)),
            empty_text=s.get("empty_text"),
        )
        for s in data["sections"]
    )
    first, last = data.get("years", [0, 9999])
    return Template(
        version=str(data["version"]),
        name=data.get("name", str(data["version"])),
        first_year=int(first),
        last_year=int(last),
        sections=sections,
        data=data,
    )


@functools.lru_cache(maxsize=None)
def builtin_template_paths() -> tuple[Path, ...]:
    return (TEMPLATE_DIR / "2019.yaml", TEMPLATE_DIR / "2021.yaml")


class TemplateSet:
    """All known templates, and the choice of one for a report."""

    def __init__(self, templates: list[Template]):
        if not templates:
            raise ValueError("no templates loaded")
        self.templates = sorted(templates, key=lambda t: t.first_year)

    def by_version(self, version: str) -> Template | None:
        return next((t for t in self.templates if t.version == version), None)

    def for_year(self, year: int | None) -> Template:
        """2019 format for reports up to 2020, 2021 format from 2021; the newest when unknown."""
        if year is not None:
            for template in self.templates:
                if template.covers(year):
                    return template
            if year < self.templates[0].first_year:
                return self.templates[0]
        return self.templates[-1]


@functools.lru_cache(maxsize=None)
def section_keys(template_sections: tuple[SectionSpec, ...]) -> tuple[tuple[int, tuple[str, ...], tuple[str, ...]], ...]:
    """Precomputed comparison keys per section: (number, exact keys, core keys)."""
    return tuple(
        (
            s.number,
            tuple(label_key(t) for t in (s.title, *s.variants)),
            tuple(label_key(c) for c in s.core),
        )
        for s in template_sections
    )
