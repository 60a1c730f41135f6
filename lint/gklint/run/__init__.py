"""The run: which files (`discovery`), with which settings (`config`) and rules (`plugins`, `selection`),
linted by `engine.Linter` (read → parse → facts → rules → placed findings), over many files
(`session`, `parallel`, `progress`), with suppressions (`suppression`, `baseline`, `changed_lines`),
pairing last year's report (`history`), and fixing and writing back (`fixes`, `writer`).

May import `gklint.core`, `gklint.read`, `gklint.model` and `gklint.facts`; never the output or the CLI.
"""
