"""Facts: what rules share, computed once from the parsed `Report`: the tables (`tables`, with
`table_values`, `text_rows`, `table_checks`), the statistics period and dates (`period`), figures and
the narrative's claims about the tables (`figures`), contact details (`contact`), and what GK7 compares
across two years of one body (`cross_year`: the carry-over and 现行有效 chains, the narrative's
shingles; the review page shows the same).

May import `gklint.core`, `gklint.read` and `gklint.model`; never the run, the rules or the output.
"""
