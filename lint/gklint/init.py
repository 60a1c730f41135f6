"""`gklint init`: write a gklint configuration and add the pre-commit hooks. Asks nothing.

- The configuration goes into `[tool.gklint]` of an existing pyproject.toml (appended: every byte
  already there is kept), else into a new gklint.toml (`--toml FILE` chooses the file). Every key is
  written commented out with its default, so the file documents itself and changes nothing yet.
- An existing gklint configuration in the folder is never overwritten without `--force` (exit 2).
  With `--force` the old `[tool.gklint]` tables are removed (the rest of pyproject.toml kept) or
  gklint.toml is rewritten.
- `.pre-commit-config.yaml`: the `gklint` hook (and `gklint-fix` with `--fix-hook`) is added with
  ruamel.yaml's round trip, so comments, order and quoting stay; a hook already there is not added
  twice. A missing file is created (`--no-pre-commit` skips this step).
"""

from __future__ import annotations

import argparse
import io
import re
import sys
from pathlib import Path
from typing import Any, Sequence

from . import __version__
from .config import CONFIG_NAMES

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

EXIT_OK, EXIT_ERROR = 0, 2
# The hooks live in gklint's own repository (.pre-commit-hooks.yaml). There is no canonical public
# URL yet: this placeholder (documented in README.md and docs/pre-commit.md) is what you replace
# with your mirror, or pass `--hook-repo URL`.
DEFAULT_HOOK_REPO = "https://example.org/your-mirror/gklint"
DEFAULT_HOOK_REV = f"v{__version__}"
PRE_COMMIT_CONFIG = ".pre-commit-config.yaml"
HOOKS = ("gklint", "gklint-fix")


class InitError(Exception):
    """Something `gklint init` will not do (exit 2); nothing has been written."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gklint init",
        description="Write a gklint configuration ([tool.gklint] in pyproject.toml, else gklint.toml) "
        "and add the gklint pre-commit hooks to .pre-commit-config.yaml.",
    )
    parser.add_argument("directory", nargs="?", type=Path, default=Path("."), help="the project folder (default: .)")
    parser.add_argument("--toml", metavar="FILE", help="write the configuration to this file in the folder "
                        "(gklint.toml, .gklint.toml or pyproject.toml; default: pyproject.toml if there is one, else gklint.toml)")
    parser.add_argument("--force", action="store_true", help="replace an existing gklint configuration")
    parser.add_argument("--fix-hook", action="store_true", help="also add the gklint-fix hook (applies safe fixes on commit)")
    parser.add_argument("--hook-repo", metavar="URL", default=DEFAULT_HOOK_REPO, help=f"the repository the hooks come from (default: the placeholder {DEFAULT_HOOK_REPO})")
    parser.add_argument("--hook-rev", metavar="REV", default=DEFAULT_HOOK_REV, help=f"the hooks' revision, a tag or commit (default: {DEFAULT_HOOK_REV})")
    parser.add_argument("--no-pre-commit", action="store_true", help="do not touch .pre-commit-config.yaml")
    return parser


def main(argv: Sequence[str]) -> int:
    args = build_parser().parse_args(list(argv))
    folder: Path = args.directory
    if not folder.is_dir():
        print(f"gklint init: {folder}: 不是文件夹 / not a folder", file=sys.stderr)
        return EXIT_ERROR
    try:
        # Everything is worked out first, then written: a refusal leaves every file as it was.
        config_path, config_bytes, replaced = plan_config(folder, args.toml, args.force)
        hooks = [] if args.no_pre_commit else (["gklint", "gklint-fix"] if args.fix_hook else ["gklint"])
        hook_path = folder / PRE_COMMIT_CONFIG
        hook_bytes, added = (None, []) if not hooks else plan_pre_commit(hook_path, hooks, args.hook_repo, args.hook_rev)
    except InitError as error:
        print(f"gklint init: {error}", file=sys.stderr)
        return EXIT_ERROR

    config_path.write_bytes(config_bytes)
    zh, en = (f"{config_path} 的 [tool.gklint]", f"[tool.gklint] in {config_path}") if config_path.name == "pyproject.toml" else (str(config_path), str(config_path))
    if replaced:
        print(f"已替换 {zh} 中的 gklint 配置 · replaced the gklint configuration in {en}")
    else:
        print(f"已将 gklint 配置写入 {zh} · wrote the gklint configuration to {en}")
    if hooks:
        if hook_bytes is not None:
            hook_path.write_bytes(hook_bytes)
        for hook in hooks:
            if hook in added:
                print(f"已在 {hook_path} 中添加钩子 {hook} · added the {hook} hook to {hook_path}")
            else:
                print(f"{hook_path} 已有钩子 {hook} · {hook_path} already has the {hook} hook")
        if args.hook_repo == DEFAULT_HOOK_REPO and added:
            print(f"注意：repo 是占位地址 {DEFAULT_HOOK_REPO}，请改为实际仓库（或用 --hook-repo URL）"
                  f" · note: the repo is a placeholder; put the real one there (or use --hook-repo URL)")
    return EXIT_OK


# -- the configuration ------------------------------------------------------------------------
def template_lines(prefix: str) -> list[str]:
    """The commented defaults; `prefix` is "tool.gklint." in pyproject.toml, "" in gklint.toml."""
    lines = [
        "# gklint 配置 · gklint configuration (docs/configuration.md). Every key is shown with its default,",
        "# commented out: uncomment to change it. The command line overrides these.",
        '# select = ["GK"]                # 运行哪些规则（替换默认）· rules to run (replaces the default: all E and W rules)',
        '# extend-select = ["GK104"]      # 添加规则，如提示级（I）· add rules, e.g. info rules',
        "# ignore = []                    # 跳过的规则（代码前缀或名称）· rules to skip (code prefixes or names)",
        '# lang = "zh"                    # 消息语言 · message language: zh | en',
        '# template = "auto"              # 模板 · template: auto (by year: ≤2020 → 2019, ≥2021 → 2021) | 2019 | 2021',
        '# issuer = "department"          # 部门（1月31日）| 政府（3月31日）· department | government',
        '# include = ["*.txt", "*.md", "*.pdf"]  # 在文件夹中查找的文件 · what a folder is searched for',
        '# exclude = ["archive/*"]        # 跳过的路径 · paths to skip',
        "",
        f"# [{prefix}per-file-ignores]     # 按文件忽略 · codes ignored for some files (globs)",
        '# "archive/2019/*.txt" = ["GK2", "GK4"]',
        "",
    ]
    code, option_lines = _rule_option_example()
    lines += [f"# [{prefix}rules.{code}]            # 规则选项 · a rule's options (`gklint rule {code}` lists them)", *option_lines]
    return lines


def _rule_option_example() -> tuple[str, list[str]]:
    try:
        from .plugins import load_plugins

        rules = load_plugins().rules()
    except Exception:  # noqa: BLE001 - a broken plugin must not stop `init`
        rules = {}
    for code, rule in rules.items():
        if rule.options:
            return code, [f"# {name} = {_toml_value(option.default)}  # {option.description}" for name, option in rule.options.items()]
    return "GK702", ["# threshold = 0.8"]


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return repr(value)


def config_text(pyproject: bool, newline: str = "\n") -> str:
    if pyproject:
        lines = ["[tool.gklint]", *template_lines("tool.gklint.")]
    else:
        lines = template_lines("")
    return newline.join(lines).rstrip() + newline


def _existing_config(folder: Path) -> Path | None:
    """The file in `folder` that holds a gklint configuration, in discovery order."""
    for name in CONFIG_NAMES:
        candidate = folder / name
        if not candidate.is_file():
            continue
        if name != "pyproject.toml":
            return candidate
        if _has_gklint_table(candidate.read_bytes(), candidate):
            return candidate
    return None


def _has_gklint_table(data: bytes, path: Path) -> bool:
    try:
        parsed = tomllib.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise InitError(f"{path}: 无法读取 / cannot read it as TOML: {error}") from None
    return isinstance(parsed.get("tool"), dict) and "gklint" in parsed["tool"]


def plan_config(folder: Path, toml: str | None, force: bool) -> tuple[Path, bytes, bool]:
    """(file, its new bytes, whether an old configuration is replaced)."""
    existing = _existing_config(folder)
    if toml:
        if Path(toml).name not in CONFIG_NAMES or Path(toml).name != toml:
            raise InitError(f"--toml {toml}: 应为 / must be one of {', '.join(CONFIG_NAMES)} (a file in the folder)")
        target = folder / toml
    elif existing is not None:
        target = existing
    else:
        target = folder / ("pyproject.toml" if (folder / "pyproject.toml").is_file() else "gklint.toml")

    if existing is not None and not force:
        raise InitError(
            f"{existing} 已有 gklint 配置，未改动任何文件；用 --force 替换 · "
            f"{existing} already holds a gklint configuration; nothing was changed (use --force to replace it)"
        )
    if existing is not None and existing != target and CONFIG_NAMES.index(existing.name) < CONFIG_NAMES.index(target.name):
        # gklint would keep reading the old file: the new configuration would be silently ignored.
        raise InitError(
            f"{existing} 优先于 {target.name}，新配置不会生效；请删除它或用 --toml {existing.name} · "
            f"{existing} is read before {target.name}, so the new configuration would be ignored; "
            f"remove it or use --toml {existing.name}"
        )

    rest = None  # pyproject.toml without [tool.gklint]: must come out unchanged
    if target.name == "pyproject.toml" and target.is_file():
        data = target.read_bytes()
        replaced = _has_gklint_table(data, target)
        if replaced:
            data = _without_gklint_tables(data, target)
        rest = data
        new = _append(data, config_text(True, _newline(data)))
    else:
        replaced = target.is_file()
        new = config_text(target.name == "pyproject.toml").encode("utf-8")
    _check(target, new, rest)
    return target, new, replaced


def _newline(data: bytes) -> str:
    return "\r\n" if data.count(b"\r\n") > data.count(b"\n") - data.count(b"\r\n") else "\n"


def _append(data: bytes, block: str) -> bytes:
    newline = _newline(data).encode()
    if data and not data.endswith(b"\n"):
        data += newline
    if data.strip():
        data += newline  # a blank line before [tool.gklint]
    return data + block.encode("utf-8")


_HEADER_OPENING = re.compile(r"[ \t]*\[\[?")


def _table_header(line: str) -> str | None:
    """The key of a TOML table header line (`[tool.gklint]`, `[[x]]  # note`), None for another line.
    Read by hand: as one pattern, three runs of spaces around a lazy key backtracked cubically."""
    opening = _HEADER_OPENING.match(line)
    if opening is None:
        return None
    close = line.find("]", opening.end())
    if close < 0 or "#" in line[opening.end() : close]:
        return None
    rest = line[close + 1 :]
    rest = (rest[1:] if rest.startswith("]") else rest).lstrip(" \t")
    if rest and not (rest.startswith("#") and "\n" not in rest):
        return None
    return line[opening.end() : close].strip(" \t")
_GKLINT_KEY = re.compile(r'^tool[ \t]*\.[ \t]*(?:gklint|"gklint"|\'gklint\')(?:[ \t]*\.|$)')


def _without_gklint_tables(data: bytes, path: Path) -> bytes:
    """pyproject.toml without its [tool.gklint] and [tool.gklint.*] tables (lines kept byte for byte)."""
    lines = data.splitlines(keepends=True)
    kept, inside = [], False
    for line in lines:
        key = _table_header(line.decode("utf-8").rstrip("\r\n"))
        if key is not None:
            inside = bool(_GKLINT_KEY.match(key))
        if not inside:
            kept.append(line)
    result = b"".join(kept).rstrip(b"\r\n") + (_newline(data).encode() if kept else b"")
    if _has_gklint_table(result, path):
        # Written some other way (dotted keys under [tool], an inline table): not ours to guess.
        raise InitError(f"{path}: 无法自动移除现有的 gklint 配置，请手工删除 · cannot remove the existing gklint configuration automatically; remove it by hand")
    return result


def _check(target: Path, new: bytes, rest: bytes | None) -> None:
    """The new file must be valid TOML that gklint reads; pyproject.toml must keep every other setting."""
    try:
        parsed = tomllib.loads(new.decode("utf-8"))
        read_config_file_text = parsed if target.name == "pyproject.toml" else {"tool": {"gklint": parsed}}
        if "gklint" not in read_config_file_text.get("tool", {}):
            raise InitError(f"{target}: [tool.gklint] missing from the result")  # pragma: no cover
    except tomllib.TOMLDecodeError as error:  # pragma: no cover - would be a bug in this module
        raise InitError(f"{target}: 生成的 TOML 无效 / the result would not be valid TOML: {error}") from None
    if rest is not None:
        parsed["tool"].pop("gklint")
        if not parsed["tool"]:
            parsed.pop("tool")
        if parsed != tomllib.loads(rest.decode("utf-8")):  # pragma: no cover - would be a bug in this module
            raise InitError(f"{target}: 追加后其他内容会改变，未写入 / appending would change other settings; not written")


# -- pre-commit -------------------------------------------------------------------------------
def _yaml():
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap long lines
    return yaml


def _dump(yaml, data) -> str:
    stream = io.StringIO()
    yaml.dump(data, stream)
    return stream.getvalue()


def _match_indent(text: str):
    """A YAML whose round trip of `text` gives `text` back, trying the usual indentations."""
    from ruamel.yaml.util import load_yaml_guess_indent

    candidates = [(2, 4, 2), (2, 2, 0), (4, 4, 2), (4, 6, 4), (4, 4, 0), (2, 4, 0)]
    try:
        _data, indent, offset = load_yaml_guess_indent(text)
        if indent and offset is not None:
            candidates += [(2, indent, offset), (indent, indent, offset)]
    except Exception:  # noqa: BLE001 - the real parse below reports the error
        pass
    for mapping, sequence, offset in candidates:
        if offset >= sequence:
            continue
        yaml = _yaml()
        yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
        try:
            if _dump(yaml, yaml.load(text)) == text:
                return yaml
        except Exception:  # noqa: BLE001
            break
    yaml = _yaml()
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def plan_pre_commit(path: Path, hooks: list[str], repo_url: str, rev: str) -> tuple[bytes | None, list[str]]:
    """(the new bytes of .pre-commit-config.yaml or None when nothing changes, the hooks added)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.error import YAMLError

    if not path.exists():
        entry = "\n".join(f"      - id: {hook}" for hook in hooks)
        text = (
            "# See https://pre-commit.com for more information\n"
            "repos:\n"
            f"  - repo: {repo_url}\n"
            f"    rev: {rev}\n"
            "    hooks:\n"
            f"{entry}\n"
        )
        return text.encode("utf-8"), list(hooks)

    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InitError(f"{path}: 不是 UTF-8 / not UTF-8: {error}") from None
    crlf = "\r\n" in text
    text = text.replace("\r\n", "\n")
    yaml = _match_indent(text)
    try:
        data = yaml.load(text)
    except YAMLError as error:
        raise InitError(f"{path}: YAML 无效，未改动 / invalid YAML, not changed: {error}") from None
    if data is None:
        data = CommentedMap()
    if not isinstance(data, dict):
        raise InitError(f"{path}: 顶层应为映射 / the top level must be a mapping with `repos:`")
    repos = data.get("repos")
    if repos is None:
        repos = data["repos"] = CommentedSeq()
    if not isinstance(repos, list):
        raise InitError(f"{path}: `repos` 应为列表 / `repos` must be a list")

    present = {
        hook.get("id")
        for repo in repos
        if isinstance(repo, dict)
        for hook in (repo.get("hooks") or [])
        if isinstance(hook, dict)
    }
    missing = [hook for hook in hooks if hook not in present]
    if not missing:
        return None, []
    # Into the repo entry that already has a gklint hook, or one for the same URL, else a new entry.
    target = next(
        (repo for repo in repos if isinstance(repo, dict) and any(isinstance(h, dict) and h.get("id") in HOOKS for h in repo.get("hooks") or [])),
        None,
    ) or next((repo for repo in repos if isinstance(repo, dict) and repo.get("repo") == repo_url), None)
    if target is None:
        target = CommentedMap([("repo", repo_url), ("rev", rev), ("hooks", CommentedSeq())])
        repos.append(target)
    if target.get("hooks") is None:
        target["hooks"] = CommentedSeq()
    for hook in missing:
        target["hooks"].append(CommentedMap([("id", hook)]))
    out = _dump(yaml, data)
    # A file without a final newline keeps its last line as it was.
    if crlf:
        out = out.replace("\n", "\r\n")
    return out.encode("utf-8"), missing
