"""China's number plan as `phonenumbers` knows it, without importing phonenumbers on every run.

`phonenumbers` takes some 30 ms to import, more than a lint, and nearly every report has a phone
number. The numbers reports give mostly take the plainest of its paths: a landline written with
its trunk 0 (0533-5181064), a mobile number, a 400/800 service number. For those,
`is_valid_number(parse(digits, "CN"))` comes down to the region's patterns: the trunk 0 is
stripped, then the national number must match the general description and one number type's
(length and pattern). The patterns are read from phonenumbers once and kept in `__pycache__`
(`gklint.cache`, keyed by the installed phonenumbers' files), so area codes and number blocks
are phonenumbers' own. `valid_cn` answers None for anything else — another shape, or metadata
that no longer looks as this module assumes — and phonenumbers itself decides
(tests/test_number_plan.py compares both over generated numbers).
"""

from __future__ import annotations

import functools
import re
import sys
from pathlib import Path

# Where the plain path is certain: no international prefix (00…, 1[12]xx00…, 179xx00…), no
# country code (86…) and no carrier code (1[12]xx…, 179xx…) can start these digits.
_PLAIN = re.compile(r"0[1-9][0-9]{4,11}|1(?:[3-689][0-9]|7[0-8])[0-9]{8}|[48]00[0-9]{7}")
# The metadata the shortcut was written for (phonenumbers 8.13–9.x): if these change, no shortcut.
ASSUMED = {
    "country_code": 86,
    "regions": ("CN",),
    "national_prefix_for_parsing": r"(1(?:[12]\d|79)\d\d)|0",
    "national_prefix_transform_rule": None,
    "international_prefix": r"00|1(?:[12]\d|79)\d\d00",
}
_TYPES = ("premium_rate", "toll_free", "shared_cost", "voip", "personal_number", "pager", "uan", "voicemail", "fixed_line", "mobile")


def valid_cn(digits: str) -> bool | None:
    """What `phonenumbers.is_valid_number(phonenumbers.parse(digits, "CN"))` says of a plain
    landline, mobile or service number; None when phonenumbers must be asked."""
    if len(digits) > 13 or _PLAIN.fullmatch(digits) is None:
        return None
    plan = _plan()
    if plan is None:
        return None
    (general, lengths, local_lengths), types = plan
    national = digits
    if digits[0] == "0":  # the trunk prefix
        if general.fullmatch(digits):  # viable as written: phonenumbers weighs both readings
            return None
        national = digits[1:]
        size = len(national)
        if size in local_lengths or not (size in lengths or size > lengths[-1]):
            return False  # kept with its 0, which no Chinese number starts with (checked above)
    size = len(national)
    if size not in lengths or not general.fullmatch(national):
        return False
    return any((not sizes or size in sizes) and pattern.fullmatch(national) for pattern, sizes in types)


@functools.cache
def _plan():
    data = metadata()
    if data is None:
        return None
    general, lengths, local_lengths, types = data
    return (
        (re.compile(general), tuple(lengths), tuple(local_lengths)),
        [(re.compile(pattern), tuple(sizes)) for pattern, sizes in types],
    )


def metadata():
    """(general pattern, its lengths, its local-only lengths, [(type pattern, lengths)…]) of
    region CN, read from phonenumbers, cached; None when the metadata is not as assumed."""
    from importlib.util import find_spec

    from gklint.core.cache import cached, key_line

    try:
        spec = find_spec("phonenumbers")
    except (ImportError, ValueError):  # pragma: no cover - phonenumbers is a dependency
        return None
    if spec is None or spec.origin is None:  # pragma: no cover
        return None
    package = Path(spec.origin).parent
    stats = []
    for name in ("__init__.py", "phonenumberutil.py", "data/region_CN.py"):
        try:
            stat = (package / name).stat()
        except OSError:
            return None
        stats += [name, stat.st_size, stat.st_mtime_ns]
    key = key_line("cn-number-plan", package, *stats)
    store = Path(__file__).parent / "__pycache__" / f"cn-number-plan.{sys.implementation.cache_tag}.gklint"
    return cached(store, key, _read_metadata)


def _read_metadata():
    import phonenumbers
    from phonenumbers.phonenumberutil import PhoneMetadata

    found = PhoneMetadata.metadata_for_region("CN")
    actual = {
        "country_code": found.country_code,
        "regions": tuple(phonenumbers.region_codes_for_country_code(86)),
        "national_prefix_for_parsing": found.national_prefix_for_parsing,
        "national_prefix_transform_rule": found.national_prefix_transform_rule,
        "international_prefix": found.international_prefix,
    }
    general = found.general_desc
    if actual != ASSUMED or general is None or not general.national_number_pattern or not general.possible_length:
        return None
    types = []
    for name in _TYPES:
        desc = getattr(found, name)
        if desc is not None and desc.national_number_pattern:
            types.append((desc.national_number_pattern, list(desc.possible_length)))
    return (general.national_number_pattern, list(general.possible_length), list(general.possible_length_local_only or ()), types)
