"""Reading: bytes → text, and a grid of cells where the file has structure (.docx, HTML, PDF).

`source` decodes bytes (encodings, BOM, newlines kept); `readers` registers the .txt/.md/.docx/.html/.pdf
readers (`docx`, `html`, `pdf` with `pdf_layout`/`pdf_words`; `grid`: tables as cells); `origins` maps
text back to places in the file; `flattened`, `crawl_header`, `sniff`, `digit_runs`: web text's quirks;
`oserror`: OS error texts. May import `gklint.core` and the standard library, nothing that parses reports.
"""

import re

# A section numeral 一、…六、 (or 1、…6、) after a sentence end, a closing bracket or a space, not
# at the start of its line: what a heading inside a flattened web page's line starts with. The
# engine tests every text with it before `read.flattened` is imported (most files have none). The
# character before the separators is none of them, so a long run of separators is scanned once.
HEADING_INSIDE_RE = re.compile(
    "[^。，,）)；;：:！？!? \t\u00a0\u3000\r\n][。，,）)；;：:！？!? \t\u00a0\u3000]+(?:[一二三四五六][、.．]|[1-6]、)"
)

_SEPARATORS = "。，,）)；;：:！？!? \t\u00a0\u3000"
_NUMERAL_RE = re.compile("[一二三四五六][、.．]|[1-6]、")


def heading_inside(text: str) -> bool:
    """`HEADING_INSIDE_RE.search(text) is not None`, found from the numerals (rare) rather than
    from every character: a numeral after a run of separators that follows some other character
    than a separator or a line break."""
    for match in _NUMERAL_RE.finditer(text):
        index = match.start() - 1
        if index < 0 or text[index] not in _SEPARATORS:
            continue
        while index >= 0 and text[index] in _SEPARATORS:
            index -= 1
        if index >= 0 and text[index] not in "\r\n":
            return True
    return False
