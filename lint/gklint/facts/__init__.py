"""Facts: what rules share, computed once from the parsed `Report` (tables, period, figures,
claims, contact, history).

New fact code goes here (older fact modules still sit flat in `gklint`: tables.py, period.py,
figures.py, contact.py, history.py). May import `gklint.model`, `gklint.read`, `gklint.text`
and `gklint.template`; never the run, the rules or the output.
"""
