"""Phone numbers: only numbers in use are accepted, and each is shown the way Finland writes it.

The display tests compare with how the numbers' owners publish them; the comment on each example
names the owner and where the number was seen.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import phonenumbers
import pytest
import yaml
from perheovi.catalogue.values import SHORT_NUMBERS, Phone, normalise_phone, read_phone
from perheovi.site.filters import phone_display
from phonenumbers import shortnumberinfo
from pydantic import TypeAdapter

PHONE = TypeAdapter(Phone)


def shown(written: str) -> str:
    """The number as the site shows it after the catalogue wrote it as `written`."""
    return phone_display(PHONE.validate_python(written))


# --- short numbers: only those in use ---------------------------------------------------------


def short_number_entries() -> list[dict]:
    text = (
        resources.files("perheovi.catalogue").joinpath("data/short_numbers.yaml").read_text("utf-8")
    )
    return yaml.safe_load(text)


def test_every_listed_short_number_names_its_service_and_source():
    entries = short_number_entries()
    assert [entry["number"] for entry in entries] == [
        "112",
        "116 000",
        "116 006",
        "116 016",
        "116 111",
        "116 117",
    ]
    for entry in entries:
        assert entry["service"].strip() and "http" in entry["source"], entry["number"]


@pytest.mark.parametrize("number", sorted(SHORT_NUMBERS))
def test_listed_short_numbers_are_accepted_as_their_digits(number):
    assert read_phone(SHORT_NUMBERS[number]) == (number, "")


def test_only_116_016_is_listed_without_phonenumbers_knowing_it():
    # phonenumbers 9.0 does not know 116 016 (in use in Finland since the EU assigned it in
    # 2022); every other listed number it knows as a Finnish short number.
    unknown = [
        digits
        for digits in SHORT_NUMBERS
        if not shortnumberinfo.is_valid_short_number_for_region(
            phonenumbers.parse(digits, "FI"), "FI"
        )
    ]
    assert unknown == ["116016"]


@pytest.mark.parametrize(
    "written",
    [
        "12345",  # phonenumbers calls it a valid Finnish short number
        "116 123",  # an EU number with no service in Finland
        "118",  # directory enquiries: in use, but not a family service
        "1234",
        "100",
    ],
)
def test_short_numbers_not_in_the_list_are_rejected(written):
    assert read_phone(written) == (None, "short_number_not_in_use")


# --- a number with the right shape that is not allocated ----------------------------------------


@pytest.mark.parametrize(
    "written",
    [
        "014 000 4101",  # Central Finland's 014 numbers never continue with 0
        "013 000 0000",
        "+358 14 000 4101",
    ],
)
def test_well_formed_but_unallocated_number_is_said_not_to_be_in_use(written):
    assert read_phone(written) == (None, "phone_not_in_use")


@pytest.mark.parametrize(
    "written",
    [
        "040 12",  # too short for a mobile number
        "040 123",
        "0800 0 6",  # too short for a toll-free number
        "0123 456 789",  # there is no area code 012
        "0401234567890",  # too long
        "+46 8 123",  # not a complete Swedish number
        "soita meille",
    ],
)
def test_malformed_numbers_still_get_the_format_message(written):
    assert read_phone(written) == (None, "bad_phone")


def test_normalise_phone_gives_the_link_form_or_nothing():
    assert normalise_phone("029 534 5000") == "+358295345000"
    assert normalise_phone("116 111") == "116111"
    assert normalise_phone("014 000 4101") is None
    assert normalise_phone("12345") is None


# --- display: as the owners publish them ------------------------------------------------------

PUBLISHED = [
    # toll-free 0800 numbers
    "080 005 005",  # Nollalinja (THL): nollalinja.fi, thl.fi
    "080 002 400",  # Naisten Linja, as listed with Nollalinja by Iltalehti (2021)
    "0800 147 111",  # Myrkytystietokeskus (HUS): hus.fi
    "0800 96 116",  # MLL's Swedish Barn- och ungdomstelefonen: MLL's press release (2020)
    "0800 900 45",  # as written in the project's issue 14
    # national-rate service numbers
    "020 692 206",  # Kela, as written in the project's issue 14
    "020 6344 902",  # Kela's telephone service in Arabic (Kela, 2020)
    "029 534 5000",  # Traficom's switchboard (the accessibility statement's authority)
    "0300 4724",  # as written in the project's issue 14
    # landlines
    "09 2525 0111",  # MIELI's Kriisipuhelin: mieli.fi
    "09 471 977",  # Myrkytystietokeskus's second number (HUS)
    "09 4711",  # HUS's switchboard: hus.fi
    "09 816 31300",  # Espoo's mental health and substance abuse helpline: espoo.fi
    "02 262 6003",  # Turun seudun sosiaalipäivystys: turku.fi
    "09 310 1691",  # a Helsinki landline in the form given in the project's issue 14
    # mobile numbers
    "044 797 5252",  # Kainuu's SalmiLa shelter: sote.kainuu.fi
    "0400 581 606",  # Oulu shelter's on-call line, published by Kainuu: sote.kainuu.fi
    # short numbers
    "112",  # Hätäkeskuslaitos: 112.fi
    "116 111",  # MLL's Lasten ja nuorten puhelin: mll.fi
    "116 117",  # Päivystysapu: 116117.fi
    "116 006",  # Rikosuhripäivystys (RIKU)
]


@pytest.mark.parametrize("published", PUBLISHED)
def test_number_written_as_its_owner_publishes_it_is_shown_the_same(published):
    assert shown(published) == published


# The numbers written without grouping, or in the international form: the site groups them
# itself, with the area code first and the rest in groups of three or four. Where an owner's
# grouping is one that a rule cannot know (080 005 005), the rule gives the standard grouping.
GROUPED_BY_RULE = [
    ("0800147111", "0800 147 111"),  # Myrkytystietokeskus
    ("+358 800 147 111", "0800 147 111"),
    ("080090045", "0800 900 45"),
    ("080005005", "0800 050 05"),  # Nollalinja writes 080 005 005
    ("020692206", "020 692 206"),  # Kela
    ("0206344902", "020 634 4902"),  # Kela writes 020 6344 902
    ("03004724", "0300 4724"),
    ("+358295345000", "029 534 5000"),  # Traficom
    ("0925250111", "09 2525 0111"),  # MIELI
    ("+358 9 2525 0111", "09 2525 0111"),
    ("(09) 2525 0111", "09 2525 0111"),  # parentheses are no longer written (SFS 4175)
    ("09-2525 0111", "09 2525 0111"),
    ("094711", "09 4711"),  # HUS
    ("0131234567", "013 123 4567"),
    ("01912345", "019 123 45"),
    ("+358 44 497 2273", "044 497 2273"),  # Kempele's emergency social services: kempele.fi
    ("0401234567", "040 123 4567"),
    ("0400581606", "0400 581 606"),  # the 0400 series keeps its four-digit code
    ("04571234567", "0457 123 4567"),  # and so does 0457
    ("116117", "116 117"),
]


@pytest.mark.parametrize(("written", "display"), GROUPED_BY_RULE)
def test_number_without_a_tidy_grouping_is_grouped_the_finnish_way(written, display):
    assert shown(written) == display


@pytest.mark.parametrize(
    ("written", "display"),
    [
        ("0401 234 567", "040 123 4567"),  # splits the mobile code 040
        ("092 525 0111", "09 2525 0111"),  # splits Helsinki's area code 09
        ("0800 147111", "0800 147 111"),  # a group of six digits
        ("0800 9 5050", "0800 950 50"),  # a group of one digit
    ],
)
def test_untidy_grouping_is_not_kept(written, display):
    assert shown(written) == display


def test_plain_normal_form_is_grouped_by_the_rule():
    # the accessibility statement's numbers come from the settings as normal forms only
    assert phone_display("+358295345000") == "029 534 5000"
    assert phone_display("+35880005005") == "0800 050 05"
    assert phone_display("116111") == "116 111"


def test_foreign_number_is_shown_with_its_country_code():
    assert shown("+46 8 123 456 78") == "+46 8 123 456 78"


def test_link_and_comparison_use_the_normal_form_whatever_the_grouping():
    number = PHONE.validate_python("080 005 005")
    assert number == "+35880005005"
    assert f"tel:{number}" == "tel:+35880005005"
    assert number.written == "080 005 005"


def test_the_catalogue_docs_list_every_short_number_in_use():
    docs = (Path(__file__).resolve().parent.parent / "docs" / "catalogue.md").read_text("utf-8")
    section = docs[docs.index("### Phone numbers") : docs.index("## `region.yaml`")]
    for written in SHORT_NUMBERS.values():
        assert f"`{written}`" in section, written
