"""SARIF 2.1.0 (OASIS), as GitHub code scanning reads it.

One run; the driver lists every rule of the run (id, name, shortDescription, fullDescription,
help as text and Markdown, default level, fix kind and tags); each result has its rule id and
index, level, message, a region (1-based lines and columns counted in Unicode code points:
`columnKind: unicodeCodePoints`) and, where the rule offers one, a fix as artifact changes.
Fixes are left out for converted inputs (.docx, .html, .pdf): their edits are in the converted text.
Findings on a converted file carry the place in the original as a logical location; on a PDF the
place ("第 4 页 表 2 第 3 行第 4 格") is in the message too, since GitHub shows the message and not
logical locations, and the region's lines are those of the text gklint read from the PDF.
"""

from __future__ import annotations

import json
from pathlib import PurePath
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from gklint.core import __version__
from gklint.core.rule import FIX_KINDS
from gklint.core.violation import Applicability
from gklint.output._common import rules_for, where

if TYPE_CHECKING:
    from gklint.core.rule import Rule
    from gklint.output.formatters import OutputContext
    from gklint.run.engine import FileResult

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVEL = {"E": "error", "W": "warning", "I": "note"}
FIX_WORDS = FIX_KINDS  # the catalogue's letters in words


def fix_tags(rule: Rule) -> list[str]:
    """`fix:safe`, `fix:unsafe`, `fix:hint`, `fix:none`: one a letter of the rule's fix kind (H (U): two)."""
    return [f"fix:{FIX_WORDS[letter]}" for letter in FIX_WORDS if letter in rule.fix_kind]


def artifact_uri(path: str) -> str:
    """A relative path stays relative (GitHub resolves it against the checkout); absolute → file URI."""
    pure = PurePath(path)
    # A file name that is not UTF-8 (surrogate escapes) is percent-encoded as its own bytes.
    uri = quote(pure.as_posix(), errors="surrogateescape")
    return "file://" + uri if pure.is_absolute() else uri


def _first_paragraph(doc: str, heading: str) -> str:
    marker = f"## {heading}"
    if marker not in doc:
        return ""
    body = doc.split(marker, 1)[1].split("\n## ", 1)[0].strip()
    return body.split("\n\n", 1)[0].replace("\n", " ").strip()


def rule_descriptor(rule: Rule, lang: str) -> dict[str, Any]:
    summary = rule.summary if lang == "zh" else rule.summary_en
    other = rule.summary_en if lang == "zh" else rule.summary
    doc = rule.documentation(lang)
    first_heading = "做什么" if doc.startswith("## 做什么") else "What it does"
    descriptor: dict[str, Any] = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": _first_paragraph(doc, first_heading) or other},
        "defaultConfiguration": {"level": LEVEL[rule.severity.value]},
        "properties": {
            "tags": ["gklint", rule.plugin or "core", *fix_tags(rule)],
            "fixKind": rule.fix_kind,  # the catalogue's letters: S, U, H, -, H (S), H (U)
            "fixAvailability": rule.fix.value,  # None, Sometimes, Always (ruff's FixAvailability)
            "fixApplicabilities": [a.value for a in Applicability if a in rule.applicability],
            "summary_zh": rule.summary,
            "summary_en": rule.summary_en,
        },
    }
    if doc:
        descriptor["help"] = {"text": doc, "markdown": doc}
    return descriptor


def _region(result: FileResult, start: int, end: int) -> dict[str, int]:
    report = result.report
    origins = getattr(result.source, "origins", None)
    if getattr(origins, "writes_back", False):  # a flattened page: the file's own lines and columns
        (line, column), (end_line, end_column) = origins.span(start, end)
    else:
        line, column = report.location(start)
        end_line, end_column = report.location(max(end, start))
    return {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": max(end_column, 1)}


def _writable(result: FileResult, fix) -> bool:
    """A flattened page's fix that would keep one of its virtual line breaks cannot be written."""
    origins = getattr(result.source, "origins", None)
    return not getattr(origins, "writes_back", False) or origins.source_edits(fix.edits) is not None


class SarifFormatter:
    def format(self, results: list[FileResult], context: OutputContext) -> str:
        return json.dumps(self.log(results, context), ensure_ascii=False, indent=2) + "\n"

    def log(self, results: list[FileResult], context: OutputContext) -> dict[str, Any]:
        from gklint.run.stream import done

        return self._log((done(self, r, context) for r in results), context)

    def stream(self, items, context: OutputContext, write) -> None:
        write(json.dumps(self._log(items, context), ensure_ascii=False, indent=2) + "\n")

    def piece(self, result: FileResult, context: OutputContext) -> list[dict[str, Any]]:
        """The file's SARIF results, all but the rule and artifact indexes (set once the run is over)."""
        lang = context.lang
        items = []
        for v in result.violations:
            item: dict[str, Any] = {
                "ruleId": v.code,
                "ruleIndex": None,
                "level": LEVEL[v.severity.value],
                "message": {"text": v.message.text(lang)},
                "properties": {"message_zh": v.message.zh, "message_en": v.message.en},
            }
            if not v.path.startswith("plugin:"):
                uri = artifact_uri(v.path)
                location: dict[str, Any] = {
                    "physicalLocation": {
                        "artifactLocation": {"uri": uri, "index": None},
                        "region": {
                            "startLine": v.line,
                            "startColumn": v.column,
                            "endLine": max(v.end_line, v.line),
                            "endColumn": max(v.end_column, 1),
                        },
                    }
                }
                place = where(result, v, lang)
                if place:
                    location["logicalLocations"] = [{"name": place, "kind": "element"}]
                    if getattr(result.source.origins, "names_pages", False):  # PDF: the page is where a reader looks
                        item["message"]["text"] += f"（{place}）" if lang == "zh" else f" ({place})"
                item["locations"] = [location]
                item["partialFingerprints"] = {"gklint/v1": self._fingerprint(result, v)}
            if v.fix is not None:
                item["properties"]["fixApplicability"] = v.fix.applicability.value
                fixable = result.report is not None and getattr(result.source, "fixable", True) and not v.path.startswith("plugin:")
                if fixable and v.fix.edits and _writable(result, v.fix):
                    item["fixes"] = [self._fix(result, v, lang)]
            items.append(item)
        return items

    def _log(self, items, context: OutputContext) -> dict[str, Any]:
        lang = context.lang
        sarif_results = [item for done in items for item in done.piece]
        rules = rules_for(context)
        used = {item["ruleId"] for item in sarif_results}
        codes = sorted(set(rules) | used)
        index = {code: i for i, code in enumerate(codes)}
        descriptors = [
            rule_descriptor(rules[code], lang) if code in rules else {"id": code, "shortDescription": {"text": code}} for code in codes
        ]
        artifacts: list[dict[str, Any]] = []
        artifact_index: dict[str, int] = {}
        for item in sarif_results:
            item["ruleIndex"] = index[item["ruleId"]]
            for location in item.get("locations", ()):
                artifact = location["physicalLocation"]["artifactLocation"]
                uri = artifact["uri"]
                if uri not in artifact_index:
                    artifact_index[uri] = len(artifacts)
                    artifacts.append({"location": {"uri": uri}, "sourceLanguage": "text"})
                artifact["index"] = artifact_index[uri]
        run: dict[str, Any] = {
            "tool": {
                "driver": {
                    "name": "gklint",
                    "version": __version__,
                    "semanticVersion": __version__,
                    "rules": descriptors,
                }
            },
            "columnKind": "unicodeCodePoints",
            "artifacts": artifacts,
            "results": sarif_results,
        }
        return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}

    @staticmethod
    def _fingerprint(result: FileResult, v) -> str:
        """Survives line shifts: the code and the text of the finding's line."""
        import hashlib

        text = ""
        if result.report is not None:
            text = result.report.line(result.report.location(v.start)[0]).text.strip()
        return hashlib.sha1(f"{v.code}\0{text}".encode()).hexdigest()[:16]

    @staticmethod
    def _fix(result: FileResult, v, lang: str) -> dict[str, Any]:
        fix = v.fix
        uri = artifact_uri(v.path)
        replacements = [
            {"deletedRegion": _region(result, edit.start, edit.end), "insertedContent": {"text": edit.replacement}}
            for edit in sorted(fix.edits, key=lambda e: (e.start, e.end))
        ]
        description = fix.description.text(lang) if fix.description else ("自动修复" if lang == "zh" else "automatic fix")
        return {
            "description": {"text": description},
            "artifactChanges": [{"artifactLocation": {"uri": uri}, "replacements": replacements}],
        }
