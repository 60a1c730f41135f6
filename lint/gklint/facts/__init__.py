"""Facts: what rules share, computed once from the parsed `Report`: the tables (`tables`, with
`table_values`, `text_rows`, `table_checks`), the statistics period and dates (`period`), figures and
the narrative's claims about the tables (`figures`), contact details (`contact`).

May import `gklint.core`, `gklint.read` and `gklint.model`; never the run, the rules or the output.
"""
