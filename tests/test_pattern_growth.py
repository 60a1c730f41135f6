"""Every compiled pattern of gklint and gklint_rules grows linearly (issue 12).

Times nothing absolute: a child process records each pattern the package compiles (at import and
while linting the clean report, so the patterns built from the template data are in), runs it over
long runs of each character it mentions — alone and after each of them, then a character that ends
no match — and compares the time on 4,000 characters with the time on 1,000. A linear pattern takes
about 4 times as long; one that backtracks over the run 16 times or more. The child has a timeout:
a pattern that hangs fails the test instead of the suite."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # times every pattern over long runs in a subprocess

CHILD = textwrap.dedent(
    r'''
    import importlib, inspect, json, pkgutil, re, sys, time
    from pathlib import Path

    try:
        from re import _parser as sre_parse
    except ImportError:  # Python < 3.11
        import sre_parse

    recorded = {}
    compile_ = re.compile

    def recording_compile(pattern, flags=0):
        compiled = compile_(pattern, flags)
        module = sys._getframe(1).f_globals.get("__name__", "")
        if module.split(".")[0] in ("gklint", "gklint_rules") and isinstance(compiled.pattern, str):
            recorded.setdefault((compiled.pattern, compiled.flags), (compiled, module))
        return compiled

    re.compile = recording_compile
    import gklint, gklint_rules
    for package in (gklint, gklint_rules):
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            if not info.name.endswith("__main__"):
                importlib.import_module(info.name)
    from gklint.run.config import Settings
    from gklint.run.engine import Linter
    linter = Linter(Settings(select=["ALL"]))
    for path in sys.argv[2:]:
        linter.lint_path(Path(path))
    re.compile = compile_

    CATEGORIES = {
        "CATEGORY_DIGIT": "1", "CATEGORY_NOT_DIGIT": "a", "CATEGORY_SPACE": " \u3000", "CATEGORY_NOT_SPACE": "a中",
        "CATEGORY_WORD": "a中", "CATEGORY_NOT_WORD": " ，", "CATEGORY_LINEBREAK": "\n", "CATEGORY_NOT_LINEBREAK": "a",
    }

    def mentioned(parsed, out):
        """The characters a parsed pattern mentions: literals, the ends of ranges, a few of each category."""
        for op, av in parsed:
            name = str(op)
            if name in ("LITERAL", "NOT_LITERAL"):
                out.append(chr(av))
            elif name == "RANGE":
                out.extend((chr(av[0]), chr(av[1])))
            elif name == "CATEGORY":
                out.extend(CATEGORIES.get(str(av), ""))
            elif name == "ANY":
                out.append("a")
            elif name == "IN":
                mentioned(av, out)
            else:
                for item in av if isinstance(av, (list, tuple)) else (av,):
                    if isinstance(item, sre_parse.SubPattern):
                        mentioned(item, out)
                    elif isinstance(item, (list, tuple)):
                        for sub in item:
                            if isinstance(sub, sre_parse.SubPattern):
                                mentioned(sub, out)
        return out

    SEARCHING = (".search(", ".finditer(", ".findall(", ".sub(", ".subn(", ".split(")

    def anchored_only(pattern, module):
        """A module-level pattern that its module only ever matches at a given place (match,
        fullmatch): tried there only. Any other pattern is also searched for."""
        names = [name for name, value in vars(sys.modules[module]).items() if value is pattern]
        if not names:
            return False
        source = inspect.getsource(sys.modules[module])
        return not any(f"{name}{how}" in source for name in names for how in SEARCHING)

    def seconds(pattern, text, anchored):
        best = float("inf")
        for _ in range(2):
            started = time.perf_counter()
            if not anchored:
                for _match in pattern.finditer(text):
                    pass
            pattern.match(text)
            best = min(best, time.perf_counter() - started)
        return best

    def growth(pattern, chars, anchored):
        """The first (before, run character, time on 1,000, time on 4,000) that grows faster than linearly."""
        started = time.perf_counter()
        for before in [""] + chars[:4]:
            for char in chars:
                if time.perf_counter() - started > 0.5:  # a slow but linear pattern (bounded repeats)
                    return None
                short = seconds(pattern, before + char * 1000 + END, anchored)
                if short < 2e-4:  # 1,000 characters in 0.2 ms: linear, whatever the ratio says
                    continue
                if short > 0.05:  # 50 µs a character: no linear pattern, and 4,000 might take minutes
                    return [before, char, round(short, 4), None]
                long = seconds(pattern, before + char * 4000 + END, anchored)
                if long / short > 8:
                    return [before, char, round(short, 4), round(long, 4)]
        return None

    EXEMPT = json.loads(sys.argv[1])
    END = "\ufffe"  # a noncharacter no pattern mentions: it ends every run without a match
    slow = []
    for (source, flags), (pattern, module) in recorded.items():
        if module in EXEMPT:
            continue
        chars = list(dict.fromkeys(mentioned(sre_parse.parse(source, flags), [])))[:8]
        found = growth(pattern, chars, anchored_only(pattern, module))
        if found:
            slow.append([module, source[:120], *found])
    print(json.dumps({"patterns": len(recorded), "slow": slow}))
    '''
)

FIXTURES = Path(__file__).parent / "fixtures"
# Modules whose patterns never see a report's text, left to their owners.
EXEMPT = {
    # an entry point's value from installed metadata (importlib.metadata's own pattern): quadratic on
    # a long run of word characters with no match, but written by a plugin's packager, not a report
    "gklint.run.plugins": "entry-point values, not report text",
}


def test_every_pattern_grows_linearly():
    inputs = [FIXTURES / "reports" / "clean-2021.txt", FIXTURES / "reports" / "markdown-exploded-complete.md"]
    done = subprocess.run(
        [sys.executable, "-c", CHILD, json.dumps(sorted(EXEMPT)), *map(str, inputs)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["patterns"] > 100  # the recording saw the package's patterns
    assert result["slow"] == [], "\n".join(map(str, result["slow"]))
