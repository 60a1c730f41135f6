"""Contact details of a report (the model's "contact"): phone and fax numbers, e-mail addresses.

`Facts.contacts` calls `find_contacts` once. Paragraphs are searched after `period.fold`
(spaces dropped, digits ASCII, script simplified), so "电 话 ：0517-83605210" and an e-mail
address broken by a PDF line wrap are found whole. Numbers are checked with `phonenumbers`
(region CN), addresses with `email-validator` (syntax only, no DNS).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from gklint.core.template import law
from gklint.facts.period import Passage

if TYPE_CHECKING:  # pragma: no cover
    from gklint.model.report import Report


@dataclass(frozen=True)
class Phone:
    raw: str  # as written in the source (may span a line break)
    start: int  # report offsets
    end: int
    label: str  # 电话, 传真… ("" when found by its shape alone)
    digits: str  # the digits of the number (without an extension)
    bad_separators: tuple[int, ...]  # report offsets of em dashes, full-width hyphens…
    extension: str = ""  # 「0631-5961933-8001」: digits after the number

    @property
    def kind(self) -> str:
        """landline, service (400/800), mobile, local (no area code), short, or unknown."""
        return _kind(self.digits)

    @property
    def valid(self) -> bool:
        """A number of the right length for its kind."""
        return _digits_valid(self.digits)


def _kind(d: str) -> str:
    if d.startswith(("400", "800")):
        return "service"
    if d.startswith("0"):
        return "landline"
    if d.startswith("1") and len(d) > 5:
        return "mobile"
    if d.startswith("1"):
        return "short"
    if d[:1] in "23456789":
        return "local"
    return "unknown"


def _digits_valid(digits: str) -> bool:
    kind = _kind(digits)
    if kind == "short":
        return 3 <= len(digits) <= 5  # 110, 12345
    if kind == "local":
        return len(digits) in (7, 8)  # written without the area code
    if kind == "unknown":
        return False
    return _valid_cn(digits)


@functools.lru_cache(maxsize=1024)
def _valid_cn(digits: str) -> bool:
    from gklint.facts.number_plan import valid_cn

    plain = valid_cn(digits)  # phonenumbers' own patterns for CN, without importing it (most numbers)
    if plain is not None:
        return plain
    import phonenumbers  # imported on first use: slow to import, not needed for plain numbers

    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(digits, "CN"))
    except phonenumbers.NumberParseException:
        return False


@dataclass(frozen=True)
class Email:
    raw: str  # as written in the source, possibly across a line break
    address: str  # the folded address (no spaces or line breaks)
    start: int
    end: int
    label: str

    @property
    def error(self) -> str | None:
        """email-validator's complaint, None when the syntax is right."""
        return _email_error(self.address)


# An address email-validator accepts (syntax only, as called below): letters and digits with single
# separators before the @, labels of letters and digits with single hyphens after it, a common
# top-level domain (no special-use name), all short. Anything else is for email-validator itself
# (slow to import: most reports give only such plain addresses; tests/test_number_plan.py compares).
_PLAIN_EMAIL_RE = re.compile(r"[A-Za-z0-9]+(?:[._+\-][A-Za-z0-9]+)*@(?:[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*\.)+(?:com|cn|net|org|gov|edu)")


@functools.lru_cache(maxsize=1024)
def _email_error(address: str) -> str | None:
    if len(address) <= 64 and _PLAIN_EMAIL_RE.fullmatch(address):
        return None
    from email_validator import EmailNotValidError, validate_email  # on first use, as phonenumbers

    try:
        validate_email(address, check_deliverability=False)
    except EmailNotValidError as error:
        return str(error)
    return None


@dataclass(frozen=True)
class Contacts:
    phones: tuple[Phone, ...]
    emails: tuple[Email, ...]

    def __bool__(self) -> bool:
        return bool(self.phones or self.emails)


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@functools.cache
def _patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern, str]:
    data = law()["contact"]
    bad = data["bad_separators"]
    seps = re.escape("-" + bad)
    # Not a count ("咨询电话356个"): no counter word may follow.
    number = rf"[（(]?\+?[0-9]{{2,5}}[）)]?(?:[{seps}]?[0-9]{{2,8}}){{0,3}}(?![0-9个次件条通人余多万部台名项])"
    phone_label = re.compile(rf"(?P<label>{_alternation(data['phone_labels'])})(?:号码)?[:：]?")
    phone_number = re.compile(number)
    # A landline with its area code and a separator is a phone number without a label too.
    bare_landline = re.compile(rf"(?<![0-9])[（(]?0[0-9]{{2,3}}[）)]?[{seps}][0-9]{{7,8}}(?![0-9])")
    email_label = re.compile(rf"(?P<label>{_alternation(data['email_labels'])})[:：]")
    return phone_label, phone_number, bare_landline, email_label, bad


# The local part starts where a run of its characters starts (the look-behind after its first
# character): tried from inside a long run without an @, the run's rest was rescanned each time.
_EMAIL_RE = re.compile(r"[A-Za-z0-9._%+\-](?<![A-Za-z0-9._%+\-]{2})[A-Za-z0-9._%+\-]*[@＠][A-Za-z0-9.．\-]+")
_JOINERS = "、/／或及和,，"


def _phone(passage: Passage, start: int, end: int, label: str, bad: str) -> Phone | None:
    text = passage.text[start:end]
    digits = "".join(c for c in text if c.isdigit())
    if len(digits) < 5:
        return None
    extension = ""
    groups = re.findall(r"[0-9]+", text)
    if len(groups) >= 3 and len(groups[-1]) <= 4 and not _digits_valid(digits) and _digits_valid("".join(groups[:-1])):
        digits, extension = "".join(groups[:-1]), groups[-1]
    source_start, source_end = passage.source_span(start, end)
    separators = tuple(passage.source_offset(start + i) for i, c in enumerate(text) if c in bad)
    raw = passage.paragraph.text[passage.folded.index[start] : passage.folded.index[end - 1] + 1]
    return Phone(raw, source_start, source_end, label, digits, separators, extension)


def _phones(passage: Passage) -> list[Phone]:
    phone_label, phone_number, bare_landline, _email_label, bad = _patterns()
    text = passage.text
    found: list[Phone] = []
    taken: list[tuple[int, int]] = []
    for label in phone_label.finditer(text):
        position = label.end()
        while True:
            match = phone_number.match(text, position)
            if not match:
                break
            phone = _phone(passage, match.start(), match.end(), label.group("label"), bad)
            if phone is not None:
                found.append(phone)
                taken.append((match.start(), match.end()))
            position = match.end()
            if position < len(text) and text[position] in _JOINERS and phone_number.match(text, position + 1):
                position += 1
            else:
                break
    for match in bare_landline.finditer(text) if "0" in text else ():  # an area code starts with 0
        if any(a < match.end() and match.start() < b for a, b in taken):
            continue
        phone = _phone(passage, match.start(), match.end(), "", bad)
        if phone is not None:
            found.append(phone)
    return found


def _emails(passage: Passage) -> list[Email]:
    """Addresses with an @ (or a full-width ＠); the label before one, if any, is kept."""
    _phone_label, _number, _bare, email_label, _bad = _patterns()
    text = passage.text
    if "@" not in text and "＠" not in text:  # every address has one
        return []
    labels = {label.end(): label.group("label") for label in email_label.finditer(text)}
    emails: list[Email] = []
    for match in _EMAIL_RE.finditer(text):
        start, end = match.start(), match.end()
        while end > start and text[end - 1] in ".．-":
            end -= 1
        source_start, source_end = passage.source_span(start, end)
        raw = passage.paragraph.text[passage.folded.index[start] : passage.folded.index[end - 1] + 1]
        emails.append(Email(raw, text[start:end], source_start, source_end, labels.get(start, "")))
    return emails


def find_contacts(report: Report) -> Contacts:
    phones: list[Phone] = []
    emails: list[Email] = []
    for passage in report.facts.passages:
        phones.extend(_phones(passage))
        emails.extend(_emails(passage))
    return Contacts(tuple(phones), tuple(emails))
