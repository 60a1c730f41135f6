"""What a file holds, judged by its first bytes rather than its name.

A crawl often saves a page's `content` field, HTML markup, under a `.txt` name; read as text it
is tags, not a report. `looks_like_html` tells the engine to hand such a file to the HTML reader.
"""

from __future__ import annotations

import re

SNIFF_BYTES = 1024
_BOM = b"\xef\xbb\xbf"
# A whole page (<!DOCTYPE html>, <html>) or a fragment that opens with a block or text element.
_HTML_START_RE = re.compile(
    rb"<(?:!doctype\s+html|html|head|body|div|p|table|tbody|tr|section|article|main|span|font|center|h[1-6]|ul|ol|meta)[\s>/]",
    re.IGNORECASE,
)
_COMMENT_RE = re.compile(rb"<!--.*?-->", re.DOTALL)


def looks_like_html(data: bytes) -> bool:
    """The text starts (after a BOM, blank space and comments) with an HTML tag that opens a page
    or a block of content. ASCII-compatible encodings only (UTF-8, GB18030): the tags are ASCII."""
    head = data[:SNIFF_BYTES]
    if head.startswith(_BOM):
        head = head[len(_BOM) :]
    head = head.lstrip()
    while head.startswith(b"<!--"):
        match = _COMMENT_RE.match(head)
        if match is None:
            return False
        head = head[match.end() :].lstrip()
    return _HTML_START_RE.match(head) is not None
