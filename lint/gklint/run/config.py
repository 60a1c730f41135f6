"""Settings: `[tool.gklint]` in the nearest pyproject.toml, or gklint.toml / .gklint.toml.

The nearest folder (from the current directory upwards) that has a `gklint.toml`,
`.gklint.toml`, or a `pyproject.toml` with a `[tool.gklint]` table wins; within one folder
gklint.toml comes first. Unknown keys and bad values are errors naming the key.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

LANGS = ("zh", "en")
TEMPLATES = ("auto", "2019", "2021")
ISSUERS = ("department", "government")
CONFIG_NAMES = ("gklint.toml", ".gklint.toml", "pyproject.toml")
# Every format gklint reads (.docx needs the docx extra); a folder's files that are not reports
# (no title with a year, no section: README.md, LICENSE.txt) are skipped (gklint.run.discovery).
DEFAULT_INCLUDE = ("*.txt", "*.md", "*.pdf", "*.docx", "*.html", "*.htm")


class ConfigError(Exception):
    """A broken configuration (exit 2); the message names the key."""


@dataclass(frozen=True)
class Settings:
    select: list[str] | None = None
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    lang: str = "zh"
    template: str = "auto"
    issuer: str = "department"
    exclude: list[str] = field(default_factory=list)
    extend_exclude: list[str] = field(default_factory=list)
    include: list[str] = field(default_factory=lambda: list(DEFAULT_INCLUDE))  # what a folder is searched for
    extend_include: list[str] = field(default_factory=list)
    history: list[str] = field(default_factory=list)  # globs of last years' reports (GK7xx), from the config's folder
    rule_options: dict[str, dict[str, Any]] = field(default_factory=dict)  # code or name → options
    config_path: Path | None = None
    encoding: str | None = None  # --encoding (command line only): text files are decoded with it

    @property
    def base_dir(self) -> Path | None:
        return self.config_path.parent if self.config_path else None

    def override(self, **changes: Any) -> Settings:
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def _string_list(key: str, value: Any) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"`{key}` must be a list of strings, got {value!r}")
    return list(value)


def _choice(key: str, value: Any, choices: tuple[str, ...]) -> str:
    value = str(value) if isinstance(value, int) else value
    if value not in choices:
        raise ConfigError(f"`{key}` must be one of {', '.join(choices)}; got {value!r}")
    return value


def settings_from_table(table: dict[str, Any], path: Path | None) -> Settings:
    where = f"{path}: " if path else ""
    values: dict[str, Any] = {"config_path": path}
    try:
        for key, value in table.items():
            if key == "select":
                values["select"] = _string_list(key, value)
            elif key == "extend-select":
                values["extend_select"] = _string_list(key, value)
            elif key == "ignore":
                values["ignore"] = _string_list(key, value)
            elif key == "exclude":
                values["exclude"] = _string_list(key, value)
            elif key == "include":
                values["include"] = _string_list(key, value)
            elif key in ("extend-exclude", "extend-include", "history"):
                values[key.replace("-", "_")] = _string_list(key, value)
            elif key == "per-file-ignores":
                if not isinstance(value, dict):
                    raise ConfigError("`per-file-ignores` must be a table of glob = [codes]")
                values["per_file_ignores"] = {glob: _string_list(f"per-file-ignores.{glob}", v) for glob, v in value.items()}
            elif key == "lang":
                values["lang"] = _choice(key, value, LANGS)
            elif key == "template":
                values["template"] = _choice(key, value, TEMPLATES)
            elif key == "issuer":
                values["issuer"] = _choice(key, value, ISSUERS)
            elif key == "rules":
                if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
                    raise ConfigError("`rules` must hold one table per rule: [tool.gklint.rules.GK702]")
                values["rule_options"] = {k: dict(v) for k, v in value.items()}
            else:
                raise ConfigError(
                    f"unknown key `{key}` (known: select, extend-select, ignore, per-file-ignores, "
                    "lang, template, issuer, include, extend-include, exclude, extend-exclude, history, rules)"
                )
    except ConfigError as error:
        raise ConfigError(f"{where}{error}") from None
    return Settings(**values)


def read_config_file(path: Path) -> Settings | None:
    """Settings from one file; None when a pyproject.toml has no [tool.gklint]."""
    if sys.version_info >= (3, 11):  # imported here: a run without a config file never parses TOML
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read: {error}") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None
    except RecursionError:
        raise ConfigError(f"{path}: invalid TOML: nested too deeply") from None
    tool = data.get("tool", {})
    if path.name == "pyproject.toml":
        if not isinstance(tool, dict):
            raise ConfigError(f"{path}: `tool` must be a table ([tool.gklint]), got {tool!r}")
        if "gklint" not in tool:
            return None
        table = tool["gklint"]
    else:  # gklint.toml: the keys at the top level, or under [tool.gklint] (a `tool` that is no table: an unknown key)
        table = tool.get("gklint", data) if isinstance(tool, dict) else data
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.gklint] must be a table")
    return settings_from_table(table, path)


def find_config(start: Path) -> Path | None:
    for folder in [start, *start.parents]:
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                if name != "pyproject.toml" or read_config_file(candidate) is not None:
                    return candidate
    return None


def load_settings(start: Path, explicit: Path | None = None, isolated: bool = False) -> Settings:
    if isolated:
        return Settings()
    path = explicit or find_config(start.resolve())
    if path is None:
        return Settings()
    if explicit and not explicit.is_file():
        raise ConfigError(f"{explicit}: no such config file")
    return read_config_file(path) or Settings(config_path=path)
