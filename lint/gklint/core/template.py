"""The national templates as data: YAML files read with ruamel.yaml.

`base.yaml` holds what both formats share; a version file (`2019.yaml`, `2021.yaml`)
adds its tables and may override any top-level key. Plugins can provide more
templates through the `gklint_templates` hook (paths to YAML files).

The YAML stays the source of truth. What ruamel.yaml made of a file is kept, as Python keeps
bytecode, in `__pycache__/NAME.<python tag>.gklint` next to it (`read_yaml`, `gklint.core.cache`), so a
start-up needs neither ruamel.yaml nor the parse while the file is unchanged.
"""

from __future__ import annotations

import functools
import sys
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gklint.core.cache import cached, key_line
from gklint.core.text import label_key

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
        from gklint.core.text import int_to_cn

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

    Cached like bytecode (`gklint.core.cache`) in `__pycache__/NAME.<python tag>.gklint` next to the
    file, keyed by the file's length and CRC-32: ruamel.yaml is imported only when it changes.
    """
    data = path.read_bytes()
    cache = path.parent / "__pycache__" / f"{path.name}.{sys.implementation.cache_tag}.gklint"
    return cached(cache, _cache_key(data), lambda: _parse_yaml(data))


def _cache_key(data: bytes) -> bytes:
    return key_line("yaml-cache", len(data), f"{zlib.crc32(data):08x}")


def _parse_yaml(data: bytes) -> Any:
    from ruamel.yaml import YAML  # only when the cache is missing or stale

    # typ="safe" uses the C loader (ruamel.yaml.clib) when installed: ~10x faster start-up.
    # The text as a file opened with encoding="utf-8" reads it (universal newlines).
    return YAML(typ="safe").load(data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n"))


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


@functools.cache
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


@functools.cache
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


LAW_PATH = TEMPLATE_DIR / "law.yaml"  # legal facts behind the GK2 and GK7 rules


@functools.cache
def law() -> dict[str, Any]:
    """The legal facts of templates/law.yaml (deadlines, names, keyword lists)."""
    return read_yaml(LAW_PATH) or {}  # read and cached as the templates are
