"""`gklint init`: write a gklint configuration and add the pre-commit hooks. Asks nothing.

- The configuration goes into `[tool.gklint]` of an existing pyproject.toml (appended: every byte
  already there is kept), else into a new gklint.toml (`--toml FILE` chooses the file). Every key is
  written commented out with its default, so the file documents itself and changes nothing yet.
- An existing gklint configuration in the folder is kept (`--force` replaces it: the old
  `[tool.gklint]` tables are removed, the rest of pyproject.toml kept, or gklint.toml is rewritten).
- `.pre-commit-config.yaml`: the `gklint` hook (and `gklint-fix` with `--fix-hook`) as a `repo: local`
  hook running the installed gklint (`language: system`), or from `--hook-repo URL` at a revision
  `git ls-remote` confirms. Edited with ruamel.yaml's round trip, so comments, order and quoting
  stay; a hook already there is brought up to date, never added twice; a second run changes nothing.
  The hooks' `files:` are the folders holding reports (`report_folders`) and every format read.
"""

from __future__ import annotations

import argparse
import io
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from gklint.run.config import CONFIG_NAMES

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

EXIT_OK, EXIT_ERROR = 0, 2
# What `gklint init` wrote before it wrote a `repo: local` hook: a placeholder that never ran. An
# entry with this URL is turned into the hooks init writes now.
DEFAULT_HOOK_REPO = "https://example.org/your-mirror/gklint"
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
    parser.add_argument(
        "--toml",
        metavar="FILE",
        help="write the configuration to this file in the folder "
        "(gklint.toml, .gklint.toml or pyproject.toml; default: pyproject.toml if there is one, else gklint.toml)",
    )
    parser.add_argument("--force", action="store_true", help="replace an existing gklint configuration")
    parser.add_argument("--fix-hook", action="store_true", help="also add the gklint-fix hook (applies safe fixes on commit)")
    parser.add_argument(
        "--hook-repo",
        metavar="URL",
        help="take the hooks from this git repository (default: a `repo: local` hook running the installed gklint)",
    )
    parser.add_argument(
        "--hook-rev",
        metavar="REV",
        help="with --hook-repo: its tag, branch or commit (default: the newest tag `git ls-remote` lists, else HEAD's commit)",
    )
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
        hook_bytes, added = (None, []) if not hooks else plan_pre_commit(hook_path, hooks, hook_source(folder, args, config_bytes))
    except InitError as error:
        print(f"gklint init: {error}", file=sys.stderr)
        return EXIT_ERROR

    _write_config(config_path, config_bytes, replaced)
    if hooks:
        if hook_bytes is not None:
            hook_path.write_bytes(hook_bytes)
        for hook in hooks:
            if hook in added:
                print(f"已在 {hook_path} 中添加钩子 {hook} · added the {hook} hook to {hook_path}")
            elif hook_bytes is not None:
                print(f"已更新 {hook_path} 中的钩子 {hook} · updated the {hook} hook in {hook_path}")
            else:
                print(f"{hook_path} 已有钩子 {hook} · {hook_path} already has the {hook} hook")
    return EXIT_OK


def hook_source(folder: Path, args, config_bytes: bytes | None) -> HookSource:
    files = hook_files(folder)
    if args.hook_repo is None:
        if args.hook_rev:
            raise InitError("--hook-rev 需要 --hook-repo / --hook-rev needs --hook-repo URL")
        return HookSource("local", None, files)
    return HookSource(args.hook_repo, remote_rev(args.hook_repo, args.hook_rev), files)


def _write_config(config_path: Path, config_bytes: bytes | None, replaced: bool) -> None:
    zh, en = (
        (f"{config_path} 的 [tool.gklint]", f"[tool.gklint] in {config_path}")
        if config_path.name == "pyproject.toml"
        else (str(config_path), str(config_path))
    )
    if config_bytes is None:
        print(f"保留 {zh} 中已有的 gklint 配置（--force 替换）· kept the gklint configuration in {en} (--force replaces it)")
        return
    config_path.write_bytes(config_bytes)
    if replaced:
        print(f"已替换 {zh} 中的 gklint 配置 · replaced the gklint configuration in {en}")
    else:
        print(f"已将 gklint 配置写入 {zh} · wrote the gklint configuration to {en}")


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
        '# include = ["*.txt", "*.md", "*.pdf", "*.docx", "*.html", "*.htm"]  # 在文件夹中查找的文件 · what a folder is searched for',
        '# exclude = ["archive/*"]        # 跳过的路径（相对于本文件所在文件夹）· paths to skip (relative to this file\'s folder)',
        '# history = ["reports/**/*"]     # 单独检查时到哪里找上年报告 · where a report linted alone finds last year\'s (default: its git repository)',
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
        from gklint.run.plugins import load_plugins

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


def plan_config(folder: Path, toml: str | None, force: bool) -> tuple[Path, bytes | None, bool]:
    """(file, its new bytes or None to keep the existing configuration, whether an old one is replaced)."""
    existing = _existing_config(folder)
    if toml:
        if Path(toml).name not in CONFIG_NAMES or Path(toml).name != toml:
            raise InitError(f"--toml {toml}: 应为 / must be one of {', '.join(CONFIG_NAMES)} (a file in the folder)")
        target = folder / toml
    elif existing is not None:
        target = existing
    else:
        target = folder / ("pyproject.toml" if (folder / "pyproject.toml").is_file() else "gklint.toml")

    if existing is not None and not force and (toml is None or target == existing):
        return existing, None, False  # kept: `gklint init` again only brings the hooks up to date
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
        raise InitError(
            f"{path}: 无法自动移除现有的 gklint 配置，请手工删除 · cannot remove the existing gklint configuration automatically; remove it by hand"
        )
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


# -- which files the hooks run on ---------------------------------------------------------------
def report_folders(folder: Path, include: Sequence[str], exclude: Sequence[str] = ()) -> list[str]:
    """The top folders under `folder` (posix, relative to its git repository's top, else to `folder`;
    "" for the top itself) holding files that look like reports: a title with a body and a year
    (`history.identify_file`, which reads only the head)."""
    from gklint.run.config import Settings
    from gklint.run.discovery import Discovery, git_root
    from gklint.run.engine import Linter
    from gklint.run.history import identify_file

    linter = Linter(Settings(select=["GK001"]))
    searched = folder.resolve()
    root = git_root(searched) or searched  # pre-commit matches `files:` from the repository's top
    found: set[str] = set()
    for path, _named in Discovery(list(include), list(exclude)).files([searched]):
        relative = path.parent.relative_to(root).as_posix()
        relative = "" if relative == "." else relative
        if relative in found or any(relative.startswith(f + "/") for f in found if f):
            continue  # one report is enough to know the folder
        if identify_file(linter, path) is not None:
            found.add(relative)
    if "" in found:
        return [""]
    return sorted(f for f in found if not any(f.startswith(other + "/") for other in found))


def files_pattern(folders: Sequence[str], include: Sequence[str]) -> str:
    """The hooks' `files:` regex: the include patterns' suffixes, inside the report folders."""
    suffixes = sorted({p[2:].lower() for p in include if p.startswith("*.") and not set(p[2:]) & set("*?[/")})
    suffix = "\\.(?:" + "|".join(re.escape(s) for s in suffixes) + ")$"
    if not folders or "" in folders:
        return "(?i)" + suffix
    return "(?i)^(?:" + "|".join(re.escape(f) + "/" for f in folders) + ").*" + suffix


def hook_files(folder: Path) -> str:
    from gklint.run.config import ConfigError, Settings, load_settings

    try:
        settings = load_settings(folder)
    except ConfigError:
        settings = Settings()
    from gklint.run.discovery import anchored

    include = [*settings.include, *settings.extend_include]
    exclude = anchored([*settings.exclude, *settings.extend_exclude], settings.base_dir or folder)
    return files_pattern(report_folders(folder, anchored(include, settings.base_dir or folder), exclude), include)


# -- where the hooks come from -------------------------------------------------------------------
def _version_key(tag: str) -> tuple:
    return tuple(int(part) if part.isdigit() else -1 for part in re.findall(r"\d+|[A-Za-z]+", tag))


def remote_rev(url: str, wanted: str | None) -> str:
    """A revision of `url` that `git ls-remote` confirms: `wanted` (a tag, branch or full commit),
    else the newest tag, else the commit HEAD points at."""
    import subprocess

    try:
        run = subprocess.run(["git", "ls-remote", url], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise InitError(f"--hook-repo {url}: 无法运行 git ls-remote / cannot run git ls-remote: {error}") from None
    if run.returncode != 0:
        raise InitError(
            f"--hook-repo {url}: git ls-remote 失败，未改动任何文件 / git ls-remote failed; nothing was changed "
            f"(without --hook-repo the hook runs the installed gklint): {run.stderr.strip()}"
        )
    refs = dict(reversed(line.split("\t", 1)) for line in run.stdout.splitlines() if "\t" in line)
    if wanted:
        names = {ref.rsplit("/", 1)[-1] for ref in refs} | {ref.split("/", 2)[-1] for ref in refs}
        if wanted in names or wanted in refs.values() or re.fullmatch(r"[0-9a-f]{40}", wanted):
            return wanted
        raise InitError(f"--hook-rev {wanted}: {url} 中没有这个标签或分支 / no such tag or branch in {url}")
    tags = [ref[len("refs/tags/") :] for ref in refs if ref.startswith("refs/tags/") and not ref.endswith("^{}")]
    if tags:
        return max(tags, key=lambda tag: (_version_key(tag), tag))
    if "HEAD" in refs:
        return refs["HEAD"]
    raise InitError(f"--hook-repo {url}: 没有标签，也没有 HEAD / has neither tags nor a HEAD")


# -- pre-commit -------------------------------------------------------------------------------
# The hooks as a `repo: local` entry: the gklint installed beside pre-commit, no download, no rev.
# --force-exclude: files pre-commit names that are not reports (README.md) or are excluded are skipped.
LOCAL_HOOKS = {
    "gklint": {"name": "gklint (政府信息公开年度报告检查)", "entry": "gklint --force-exclude", "language": "system"},
    "gklint-fix": {
        "name": "gklint --fix (修复可安全自动修复的问题)",
        "entry": "gklint --fix --show-fixes --force-exclude",
        "language": "system",
        "require_serial": True,
    },
}
OUTDATED_REPOS = (DEFAULT_HOOK_REPO,)  # what earlier versions of `gklint init` wrote


@dataclass(frozen=True)
class HookSource:
    repo: str  # "local" or a URL
    rev: str | None = None
    files: str = ""

    def hook(self, hook_id: str):
        from ruamel.yaml.comments import CommentedMap

        hook = CommentedMap([("id", hook_id)])
        if self.repo == "local":
            hook.update(LOCAL_HOOKS[hook_id])
        hook["files"] = self.files
        return hook

    def entry(self, hook_ids: Sequence[str]):
        from ruamel.yaml.comments import CommentedMap, CommentedSeq

        entry = CommentedMap([("repo", self.repo)])
        if self.rev:
            entry["rev"] = self.rev
        entry["hooks"] = CommentedSeq(self.hook(hook_id) for hook_id in hook_ids)
        return entry


def _load_pre_commit(path: Path):
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.error import YAMLError

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
    if data.get("repos") is None:
        data["repos"] = CommentedSeq()
    if not isinstance(data["repos"], list):
        raise InitError(f"{path}: `repos` 应为列表 / `repos` must be a list")
    return yaml, data, text, crlf


def _gklint_hooks(repos) -> list[tuple[dict, dict]]:
    """(repo entry, hook) for each gklint hook already configured."""
    return [
        (repo, hook)
        for repo in repos
        if isinstance(repo, dict)
        for hook in (repo.get("hooks") or [])
        if isinstance(hook, dict) and hook.get("id") in HOOKS
    ]


def _update_hook(repo: dict, hook: dict, source: HookSource) -> None:
    """An existing gklint hook brought up to date; the user's own keys (args, exclude, name…) kept."""
    if repo.get("repo") == "local":
        for key, value in LOCAL_HOOKS[hook["id"]].items():
            if key != "name" or key not in hook:
                hook[key] = value
        for key in ("types", "types_or"):  # they would keep .docx and .pdf from the hook
            hook.pop(key, None)
    if hook.get("files") != source.files:
        hook["files"] = source.files


def _retarget(repo: dict, source: HookSource) -> None:
    """An entry that cannot run as it is (a placeholder URL) turned into `source`'s."""
    hook_ids = [hook.get("id") for hook in repo.get("hooks") or [] if isinstance(hook, dict)]
    fresh = source.entry([h for h in hook_ids if h in HOOKS])
    for key in list(repo):
        if key not in fresh:
            del repo[key]
    for key, value in fresh.items():
        repo[key] = value


def plan_pre_commit(path: Path, hooks: list[str], source: HookSource) -> tuple[bytes | None, list[str]]:
    """(the new bytes of .pre-commit-config.yaml, or None when nothing changes; the hooks added).

    Idempotent: hooks already there are updated in place (entry, files), never added twice."""
    if not path.exists():
        yaml = _yaml()
        yaml.indent(mapping=2, sequence=4, offset=2)
        from ruamel.yaml.comments import CommentedMap, CommentedSeq

        data = CommentedMap([("repos", CommentedSeq([source.entry(hooks)]))])
        text = "# See https://pre-commit.com for more information\n" + _dump(yaml, data)
        return text.encode("utf-8"), list(hooks)

    yaml, data, text, crlf = _load_pre_commit(path)
    repos = data["repos"]
    for repo in {id(r): r for r, _hook in _gklint_hooks(repos)}.values():
        if repo.get("repo") in OUTDATED_REPOS:
            _retarget(repo, source)
    existing = _gklint_hooks(repos)
    for repo, hook in existing:
        _update_hook(repo, hook, source)
        if repo.get("repo") == source.repo and source.rev and repo.get("rev") != source.rev:
            repo["rev"] = source.rev
    present = {hook["id"] for _repo, hook in existing}
    missing = [hook for hook in hooks if hook not in present]
    # Into the entry that already has a gklint hook, or one for the same repo, else a new entry.
    target = next((repo for repo, _hook in existing), None) or next(
        (repo for repo in repos if isinstance(repo, dict) and repo.get("repo") == source.repo), None
    )
    if missing and target is None:
        repos.append(source.entry(missing))
    elif missing:
        if target.get("hooks") is None:
            target["hooks"] = []
        local = HookSource("local", None, source.files) if target.get("repo") == "local" else source
        for hook_id in missing:
            target["hooks"].append(local.hook(hook_id))
    out = _dump(yaml, data)
    if out == text:
        return None, []
    if crlf:
        out = out.replace("\n", "\r\n")
    return out.encode("utf-8"), missing
