"""Reading: bytes → text, and a grid of cells where the file has structure (.docx, HTML, PDF).

This package is where new reading code goes (the older readers are still in `gklint.readers`
and `gklint.source`). It may import `gklint.source` and the standard library, nothing that
parses reports.
"""
