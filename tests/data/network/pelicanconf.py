"""Settings of the test network: the site the behaviour tests build and read (tests/conftest.py).

A network of its own, so that the tests do not depend on the demo in catalogue/: a region may
replace that with its own and keep `make test` green. It began as a copy of the demo and
changes only when a test needs it to.
"""

from pathlib import Path

from perheovi.defaults import *  # noqa: F403 -- perheovi's plugin and theme, Pelican's blog off

SITENAME = "perheovi"
PERHEOVI_CATALOGUE = str(Path(__file__).resolve().parent / "catalogue")
PERHEOVI_LANGUAGES = ["fi", "sv", "en"]

# The accessibility statement (saavutettavuusseloste, Act 306/2019): each region fills in its own.
PERHEOVI_ACCESSIBILITY = {
    "status": "partial",  # full | partial | none (compliance with WCAG 2.1 AA)
    "prepared": "2026-11-01",  # when the statement was first prepared
    "reviewed": "2026-11-20",  # when it was last reviewed
    "method": "self-assessment",  # self-assessment | audit
    "auditor": "",  # who audited, when method is audit
    "feedback_email": "saavutettavuus@example.fi",
    "feedback_phone": "040 000 0001",
    "known_issues": [
        {
            "fi": "Osa palveluntuottajien verkkopalveluista, joihin sivustolta linkitetään (chatit, "
            "sähköiset asiointipalvelut), ei ole tämän sivuston hallinnassa, eikä niiden "
            "saavutettavuutta ole arvioitu tässä selosteessa.",
            "sv": "En del av tjänsteproducenternas webbtjänster som webbplatsen länkar till "
            "(chattar, e-tjänster) hör inte till den här webbplatsen, och deras "
            "tillgänglighet har inte bedömts i det här utlåtandet.",
            "en": "Some of the providers' online services the site links to (chats, e-services) "
            "are not part of this site, and their accessibility is not assessed in this "
            "statement.",
        },
        {
            "fi": "Palvelujen kuvaukset kirjoittavat palveluntuottajat itse; kaikki tekstit eivät "
            "vielä ole selkokielisiä eivätkä kaikki ole ruotsiksi tai englanniksi.",
            "sv": "Tjänsteproducenterna skriver själva beskrivningarna; alla texter är ännu inte "
            "på lättläst språk och alla finns inte på svenska eller engelska.",
            "en": "Providers write their own service descriptions; not all texts are in plain "
            "language yet, and not all are available in Swedish or English.",
        },
    ],
    # The supervisory authority (since 1.1.2025): Traficom, digital accessibility supervision.
    "authority_url": "https://www.saavutettavuusvaatimukset.fi",
    "authority_email": "saavutettavuus@traficom.fi",
    "authority_phone": "029 534 5000",
}

# "Report an error in this information": a pre-filled issue in the catalogue's repository
# ("issue"), or a pre-filled email to the coordinator ("email"). No server, no form backend.
PERHEOVI_REPOSITORY = "https://github.com/perheovi-esimerkki/perhekeskus-pohjois-karjala"
PERHEOVI_REPORT_ERRORS = "issue"
