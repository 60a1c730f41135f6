"""`gklint.facts.number_plan`: phonenumbers' answer for China's plain numbers without importing
phonenumbers, the same as phonenumbers gives, over every number of the fixtures and generated ones
around the area codes and number blocks."""

from __future__ import annotations

import random
import re

import phonenumbers
import pytest

from gklint.facts import number_plan

from .conftest import FIXTURES


def _phonenumbers(digits: str) -> bool:
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(digits, "CN"))
    except phonenumbers.NumberParseException:
        return False


def _generated(count: int, seed: int = 15) -> list[str]:
    rnd = random.Random(seed)
    digits = []
    for _ in range(count):
        shape = rnd.random()
        if shape < 0.4:  # landline: trunk 0, an area code of 2–3 digits, 5–9 more
            number = "0" + str(rnd.randint(10, 999)) + "".join(rnd.choice("0123456789") for _ in range(rnd.randint(5, 9)))
        elif shape < 0.75:  # mobile blocks, some too short or long
            number = "1" + rnd.choice("0123456789") + "".join(rnd.choice("0123456789") for _ in range(rnd.choice((9, 9, 9, 8, 10))))
        elif shape < 0.85:
            number = rnd.choice(("400", "800", "40", "80", "4000", "8008")) + "".join(
                rnd.choice("0123456789") for _ in range(rnd.randint(5, 9))
            )
        else:  # anything: other prefixes, 00, 86, carrier codes
            number = rnd.choice(("00", "86", "0086", "17951", "12593", "01", "9", "")) + "".join(
                rnd.choice("0123456789") for _ in range(rnd.randint(3, 12))
            )
        digits.append(number)
    return digits


def _fixture_numbers() -> list[str]:
    found = set()
    for path in FIXTURES.rglob("*.txt"):
        for match in re.finditer(r"[0-9][0-9\-－—]{4,}[0-9]", path.read_text(encoding="utf-8", errors="replace")):
            found.add(re.sub(r"[^0-9]", "", match.group()))
    return sorted(found)


def test_the_shortcut_applies_to_the_plain_numbers():
    assert number_plan.metadata() is not None, "the CN metadata no longer looks as number_plan assumes"
    assert [number_plan.valid_cn(d) for d in ("05335181064", "13912345678", "4008123123")] == [True, True, True]
    assert number_plan.valid_cn("0086533518106") is None  # international prefix: phonenumbers decides
    assert number_plan.valid_cn("17951053351810") is None  # carrier code


@pytest.mark.parametrize("source", ["generated", "fixtures"])
def test_the_shortcut_says_what_phonenumbers_says(source):
    numbers = _generated(60000) if source == "generated" else _fixture_numbers()
    decided = 0
    for digits in numbers:
        answer = number_plan.valid_cn(digits)
        if answer is not None:
            decided += 1
            assert answer == _phonenumbers(digits), digits
    assert decided > (len(numbers) // 3 if source == "generated" else 20)


# -- e-mail addresses: the plain ones without email-validator ---------------------------------------
def _validator_error(address: str) -> str | None:
    from email_validator import EmailNotValidError, validate_email

    try:
        validate_email(address, check_deliverability=False)
    except EmailNotValidError as error:
        return str(error)
    return None


def _addresses(count: int, seed: int = 15) -> list[str]:
    rnd = random.Random(seed)
    local = "abcXYZ019._+-"
    domain = "abz09-."
    tlds = ["com", "cn", "net", "org", "gov", "edu", "COM", "c", "local", "test", "123", "com.", ""]
    made = []
    for _ in range(count):
        name = "".join(rnd.choice(local) for _ in range(rnd.choice((0, 1, 3, 8, 20, 70))))
        host = "".join(rnd.choice(domain) for _ in range(rnd.choice((0, 1, 3, 8, 64))))
        made.append(f"{name}{rnd.choice(('@', '@', '@', '＠', '@@'))}{host}.{rnd.choice(tlds)}")
    return made + ["lhjtj@163.com", "zbzdkfq@zb.shandong.cn", "a-b.c_d+e@x-y.gov.cn", "a..b@qq.com", "a@-x.com", "a@x--y.com"]


def test_plain_addresses_are_what_email_validator_accepts():
    from gklint.facts.contact import _PLAIN_EMAIL_RE, _email_error

    plain = 0
    for address in _addresses(20000):
        assert _email_error(address) == _validator_error(address), address
        plain += bool(len(address) <= 64 and _PLAIN_EMAIL_RE.fullmatch(address))
    assert plain > 300
