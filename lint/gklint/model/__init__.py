"""The report model: `Report` and its parts (`report`), built once by `parser` from a `SourceText`
(`markdown`: the Markdown markers the parser leaves out).

May import `gklint.core` and `gklint.read`; never facts, the run, the rules or the output.
"""
