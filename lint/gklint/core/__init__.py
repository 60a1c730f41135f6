"""The ground floor: what every room shares, importing nothing of gklint above it.

- `text`: THE normaliser (traditional → simplified, brackets, digits, spaces, debris, label keys, numerals);
- `numbering`: a line's leading numbering (一、 （一） 1. （1）) and its level;
- `template`, `templates/*.yaml`: the national templates as data (and `law`: law.yaml's names and deadlines);
- `cache`: derived data kept in __pycache__ like bytecode;
- `violation`, `rule`, `hookspecs`: findings, the rule contract and the plugin hooks.

They sit beneath `read` (not in `model`) because the readers need the normaliser and the
template's row labels to find tables in a PDF's word positions.
"""

__version__ = "0.1.0"
