"""Every field of the catalogue is shown to families, indexed for search or exported.

A field that is validated but shown nowhere is work for providers with nothing in return (and
a promise the docs break). The test builds a copy of the minimal catalogue in which every field
of every record holds a distinctive value (the `Zq` words, unusual times and dates), then looks
for each value where a family would meet it. A new field fails the test until it gets a probe
here or, if it exists only for checking, a reason in ALLOWED.
"""

from __future__ import annotations

import re
import shutil
import typing

import pytest
from conftest import MINIMAL, build_site
from perheovi.catalogue import model
from pydantic import BaseModel

REGION = """\
name: {fi: Zq-verkosto, sv: Zq-nätverket, en: Zq network}
county: {fi: Zq-hyvinvointialue, sv: Zq-välfärdsområdet, en: Zq county}
municipalities: ["167", "422"]
coordinator:
  name: {fi: Zq-koordinaattori}
  email: zq-coordinator@example.fi
  phone: 040 000 7771
  organisation: {fi: Zq-organisaatio}
website: https://zq-network.example/
sample: true
urgent_help:
  - name: {fi: Zq-apu}
    phone: 040 000 7772
    hours: {weekly: {mon-fri: 6.07-6.53}}
    note: {fi: Zq-huomio}
notices:
  - id: zq-notice
    level: warning
    text: {fi: Zq-tiedote}
    from: 2026-11-02
    until: 2026-11-27
"""

MUNICIPALITY = """\
code: "167"
name: {fi: Zq-Joensuu}
website: https://zq-municipality.example/
reviewed: 2026-10-16
owners: ["@zq-org/joensuu"]
locations:
  - id: zq-municipal-location
    name: {fi: Zq-kunnantalo}
    address: {street: Zqtie 1, postal_code: "80100", municipality: joensuu}
services:
  - id: zq-municipal-service
    category: peer-support
    name: {fi: Zq-kunnan-palvelu}
    summary: {fi: Zq-kunnan-tiivistelmä}
    target_groups: [parents]
    area: [joensuu]
    delivery: [location]
    languages: [fi]
    cost: free
    contacts:
      - {type: web, url: "https://zq-municipal-web.example/"}
    locations: [zq-municipal-location]
    reviewed: 2026-10-18
meeting_places:
  - id: zq-municipal-place
    name: {fi: Zq-kunnan-kohtaamispaikka}
    summary: {fi: Zq-kunnan-paikka}
    location: zq-municipal-location
    target_groups: [parents]
    languages: [fi]
    terms: [{from: 2026-08-17, until: 2026-12-18}]
    programme: [{day: mon, time: 9.00-10.00, name: {fi: Zq-kunnan-toiminta}}]
    reviewed: 2026-10-19
"""

PROVIDER = """\
kind: parish
name: {fi: Zq-seurakunta}
website: https://zq-provider.example/
description: {fi: Zq-kuvaus}
reviewed: 2026-10-13
owners: ["@zq-org/zq-team"]
locations:
  - id: zq-location
    name: {fi: Zq-talo}
    address: {street: Zqkatu 7, postal_code: "80777", municipality: joensuu, post_office: Zqposti}
    coordinates: {lat: 62.6011, lon: 29.7622}
    access: [induction-loop]
    accessibility: {fi: Zq-esteettömyys}
    hours: {weekly: {mon-fri: 7.11-15.11}}
services:
  - id: zq-service
    category: family-counselling
    name: {fi: Zq-palvelu, sv: Zq-tjänst, en: Zq service}
    summary: {fi: Zq-tiivistelmä, sv: Zq-sammandrag, en: Zq summary}
    description: {fi: Zq-lisätieto}
    keywords: {fi: [zqavainsana, zqhakusana], sv: [zqsökord], en: [zqkeyword]}
    target_groups: [teenagers]
    area: [lieksa]
    delivery: [home]
    languages: [fse]
    cost: fee
    cost_note: {fi: Zq-maksu}
    referral: true
    contacts:
      - type: phone
        name: {fi: Zq-puhelin}
        note: {fi: Zq-ohje}
        number: 040 000 7773
        callback: true
        hours:
          weekly: {mon-sun: 7.21-15.21}
          by_appointment: true
          holidays: open
          closed_on: [new-years-eve]
          periods:
            - from: 2026-12-14
              until: 2027-01-03
              name: {fi: Zq-jakso}
              weekly: {mon-fri: 7.31-8.31}
          exceptions:
            - {date: 2026-11-23, until: 2026-11-24, closed: true, reason: {fi: Zq-syy}}
            - {date: 2026-11-25, hours: 7.41-8.41}
      - type: chat
        url: https://zq-chat.example/
        hours: {always: true}
      - type: phone
        number: 040 000 7774
        hours: {weekly: {mon: 6.17-6.43}, confirmed: false}
      - {type: eservice, url: "https://zq-eservice.example/", strong_identification: true}
      - {type: sms, number: 040 000 7775, keyword: ZQSANA}
      - {type: web, url: "https://zq-web.example/", languages: [fse]}
      - {type: walk-in, location: zq-location}
      - {type: email, email: zq-mail@example.fi, not_for_sensitive_data: true}
    locations: [zq-location]
    organiser: joensuu
    partners: [lieksa]
    reviewed: 2026-10-14
meeting_places:
  - id: zq-place
    name: {fi: Zq-kohtaamispaikka}
    summary: {fi: Zq-paikka}
    description: {fi: Zq-paikan-kuvaus}
    location: zq-location
    area: [lieksa]
    target_groups: [young-adults]
    languages: [so]
    contacts:
      - {type: web, url: "https://zq-place.example/"}
    terms:
      - {from: 2026-08-19, until: 2026-12-16, name: {fi: Zq-kausi}}
    programme:
      - day: thu
        time: 7.51-8.51
        name: {fi: Zq-toiminta}
        audience: {fi: Zq-yleisö}
        language: ar
        cancelled: [2026-11-19]
      - {day: mon, time: 6.01-6.59, name: {fi: Zq-parillinen}, weeks: even}
      - {day: sat, time: 6.02-6.58, name: {fi: Zq-kuukausi}, monthly: [2, last]}
    exceptions:
      - {date: 2026-12-01, until: 2026-12-02, reason: {fi: Zq-tauko}}
    partners: [joensuu]
    reviewed: 2026-10-15
"""

PATH = """\
title: {fi: Zq-polku}
kind: critical
order: 3
quick_exit: true
ages: [teenagers]
introduction: {fi: Zq-johdanto}
signs: [{fi: Zq-merkki}]
urgent: {fi: Zq-kiire}
steps:
  - id: zq-step
    title: {fi: Zq-askel}
    description: {fi: Zq-askeleen-kuvaus}
    first_contact: true
    categories: [family-counselling]
    services: [neuvola-joensuu]
    ages: [young-adults, teenagers]
    meanwhile:
      text: {fi: Zq-sillä-välin}
      categories: [peer-support]
      services: [zq-service]
reviewed: 2026-10-17
"""

# Sorted by slug alone it would come first: the home page shows whether `order` counts.
OTHER_PATH = """\
title: {fi: Aa-polku}
kind: situation
introduction: {fi: Aa-johdanto}
signs: [{fi: Aa-merkki}]
steps: [{id: aa-step, title: {fi: Aa-askel}, first_contact: true, categories: [neuvola]}]
reviewed: 2026-10-01
"""

SYNONYMS = """\
fi: [[zqsynonyymi, zqhakusana]]
sv: [[zqsynonymsv, zqsökord]]
en: [[zqsynonymen, zqkeyword]]
"""

SERVICE = "fi/service/zq-service/index.html"
PLACE = "fi/meeting-place/zq-place/index.html"
PROVIDER_PAGE = "fi/provider/zq/index.html"
ZQ_PATH = "fi/path/zq/index.html"
PATH_JOENSUU = "fi/path/zq/joensuu/index.html"
PATH_LIEKSA = "fi/path/zq/lieksa/index.html"
HOME = "fi/index.html"

# Where each field's probe value shows: (a file of the built site, or a glob, and a regular
# expression that matches there only because of the probe value).
SHOWN = {
    "RegionFile.name": (HOME, r"<h1 class=\"home__title\">Zq-verkosto</h1>"),
    "RegionFile.county": (HOME, r"site-footer.*Zq-hyvinvointialue"),
    "RegionFile.municipalities": (HOME, r'href="[./]*fi/municipality/lieksa/">Lieksa<'),
    "RegionFile.coordinator": (HOME, r"site-footer.*Zq-koordinaattori"),
    "RegionFile.website": (HOME, r'href="https://zq-network\.example/"'),
    "RegionFile.sample": (HOME, r'class="sample-banner"'),
    "RegionFile.urgent_help": (HOME, r"Zq-apu"),
    "RegionFile.notices": (SERVICE, r'class="notices"'),
    "Coordinator.name": (SERVICE, r"Zq-koordinaattori"),
    "Coordinator.email": (SERVICE, r'href="mailto:zq-coordinator@example\.fi"'),
    "Coordinator.phone": (SERVICE, r'href="tel:\+358400007771"'),
    "Coordinator.organisation": (SERVICE, r"Zq-organisaatio"),
    "UrgentHelp.name": (SERVICE, r"Zq-apu"),
    "UrgentHelp.phone": (SERVICE, r'class="urgent__phone" href="tel:\+358400007772"'),
    "UrgentHelp.hours": (SERVICE, r"Zq-apu.*6\.07–6\.53"),
    "UrgentHelp.note": (SERVICE, r"Zq-huomio"),
    "Notice.id": (SERVICE, r'id="notice-zq-notice"'),
    "Notice.level": ("en/index.html", r"<strong[^>]*>Important:</strong> <span lang=\"fi\">Zq"),
    "Notice.text": (SERVICE, r"Zq-tiedote"),
    "Notice.start": (SERVICE, r'<time datetime="2026-11-02">2\.11\.2026</time>'),
    "Notice.until": (SERVICE, r'<time datetime="2026-11-27">27\.11\.2026</time>'),
    "_ShortLocalText.fi": (SERVICE, r"<h1>Zq-palvelu</h1>"),
    "_ShortLocalText.sv": ("sv/service/zq-service/index.html", r"<h1>Zq-tjänst</h1>"),
    "_ShortLocalText.en": ("en/service/zq-service/index.html", r"<h1>Zq service</h1>"),
    "_LongLocalText.fi": (SERVICE, r"Zq-tiivistelmä"),
    "_LongLocalText.sv": ("sv/service/zq-service/index.html", r"Zq-sammandrag"),
    "_LongLocalText.en": ("en/service/zq-service/index.html", r"Zq summary"),
    # a municipality's own file
    "MunicipalityFile.code": ("fi/municipality/lieksa/index.html", r"<h1>Lieksa</h1>"),
    "MunicipalityFile.name": ("fi/municipality/joensuu/index.html", r"<h1>Zq-Joensuu</h1>"),
    "MunicipalityFile.website": (
        "fi/municipality/joensuu/index.html",
        r'href="https://zq-municipality\.example/"',
    ),
    "MunicipalityFile.locations": ("fi/service/zq-municipal-service/index.html", r"Zq-kunnantalo"),
    "MunicipalityFile.services": (
        "fi/municipality/joensuu/index.html",
        r'href="[./]*fi/service/zq-municipal-service/"',
    ),
    "MunicipalityFile.meeting_places": (
        "fi/meeting-places/index.html",
        r"meeting-place/zq-municipal-place/",
    ),
    # a provider's file
    "ProviderFile.kind": (PROVIDER_PAGE, r'class="provider__kind">Seurakunta<'),
    "ProviderFile.name": (PROVIDER_PAGE, r"<h1>Zq-seurakunta</h1>"),
    "ProviderFile.website": (PROVIDER_PAGE, r'href="https://zq-provider\.example/"'),
    "ProviderFile.description": (PROVIDER_PAGE, r"Zq-kuvaus"),
    "ProviderFile.reviewed": (PROVIDER_PAGE, r"13\.10\.2026"),
    "ProviderFile.locations": (PROVIDER_PAGE, r'id="locations".*Zq-talo'),
    "ProviderFile.services": (PROVIDER_PAGE, r"service/zq-service/"),
    "ProviderFile.meeting_places": (PROVIDER_PAGE, r"meeting-place/zq-place/"),
    "Location.name": (SERVICE, r"Zq-talo"),
    "Location.address": (SERVICE, r"Zqkatu 7"),
    "Location.coordinates": (SERVICE, r"mlat=62\.6011&amp;mlon=29\.7622"),
    "Location.accessibility": (SERVICE, r"Zq-esteettömyys"),
    "Location.access": (SERVICE, r"</svg> Induktiosilmukka</li>"),
    "Location.hours": (SERVICE, r"7\.11–15\.11"),
    "Address.street": (SERVICE, r"Zqkatu 7"),
    "Address.postal_code": (SERVICE, r"80777"),
    "Address.municipality": ("fi/municipality/lieksa/index.html", r"Zqkatu 7, Zq-Joensuu"),
    "Address.post_office": (SERVICE, r"Zqposti"),
    "Coordinates.lat": (SERVICE, r"mlat=62\.6011"),
    "Coordinates.lon": (SERVICE, r"mlon=29\.7622"),
    # a service
    "Service.id": ("fi/category/family-counselling/index.html", r"service/zq-service/"),
    "Service.category": (SERVICE, r'href="[./]*fi/category/family-counselling/"'),
    "Service.name": (SERVICE, r"<h1>Zq-palvelu</h1>"),
    "Service.summary": (SERVICE, r"Zq-tiivistelmä"),
    "Service.description": (SERVICE, r"Zq-lisätieto"),
    "Service.keywords": ("fi/search/*.json", r"zqavains"),
    "Service.target_groups": (SERVICE, r"Nuoret \(13–17 v\)"),
    "Service.area": (SERVICE, r'href="[./]*fi/municipality/lieksa/">Lieksa</a>'),
    "Service.delivery": (SERVICE, r'class="delivery">.*kotikäynteinä'),
    "Service.languages": (SERVICE, r"suomalainen viittomakieli"),
    "Service.cost": (SERVICE, r"Maksullinen"),
    "Service.cost_note": (SERVICE, r"Zq-maksu"),
    "Service.referral": (SERVICE, r"Tarvitset lähetteen"),
    "Service.contacts": (SERVICE, r"channel--phone"),
    "Service.locations": (SERVICE, r'id="where".*Zqkatu 7'),
    "Service.reviewed": (SERVICE, r"14\.10\.2026"),
    "Service.partners": (
        SERVICE,
        r"Yhteistyössä</dt>\s*<dd><a href=\"[./]*fi/municipality/lieksa/\"",
    ),
    "Service.organiser": (
        SERVICE,
        r"Järjestäjä</dt>\s*<dd><a href=\"[./]*fi/municipality/joensuu/\"",
    ),
    "Contact.type": (SERVICE, r'class="channel channel--chat"'),
    "Contact.name": (SERVICE, r"Zq-puhelin"),
    "Contact.languages": (
        SERVICE,
        r"zq-web\.example/\">[^<]*</a>\s*<p class=\"channel__languages\">Kielet: suomalainen",
    ),
    "Contact.note": (SERVICE, r"Zq-ohje"),
    "Contact.hours": (SERVICE, r"7\.21–15\.21"),
    "Contact.number": (SERVICE, r'href="tel:\+358400007773"'),
    "Contact.callback": (SERVICE, r"voit jättää soittopyynnön"),
    "Contact.url": (SERVICE, r'href="https://zq-chat\.example/"'),
    "Contact.location": (SERVICE, r"channel--walk-in.{0,300}Zq-talo"),
    "Contact.email": (SERVICE, r'href="mailto:zq-mail@example\.fi"'),
    "Contact.keyword": (SERVICE, r"040 000 7775</span>; aloita viesti sanalla <kbd[^>]*>ZQSANA"),
    "Contact.strong_identification": (
        SERVICE,
        r"zq-eservice\.example/\">[^<]*</a> <span class=\"channel__identification\">",
    ),
    # must be true for every email channel: what it states is the warning shown with each one
    "Contact.not_for_sensitive_data": (
        SERVICE,
        r"zq-mail@example\.fi</a> <span class=\"channel__warning\">\(älä lähetä terveystietoja",
    ),
    "Hours.weekly": (
        SERVICE,
        r"maanantai–sunnuntai</th><td><span class=\"hours__interval\">7\.21–15\.21",
    ),
    "Hours.always": (SERVICE, r"auki ympäri vuorokauden joka päivä"),
    "Hours.by_appointment": (SERVICE, r"Vain ajanvarauksella\."),
    "Hours.confirmed": (SERVICE, r"Aikoja ei ole vielä vahvistettu\..{0,400}6\.17–6\.43"),
    "Hours.holidays": (SERVICE, r"Avoinna myös arkipyhinä\."),
    "Hours.closed_on": (SERVICE, r"Suljettu: Uudenvuodenaatto\."),
    "Hours.periods": (SERVICE, r"Zq-jakso"),
    "Hours.exceptions": (SERVICE, r"Zq-syy"),
    "Period.start": (SERVICE, r"Zq-jakso 14\.12\.2026–"),
    "Period.until": (SERVICE, r"Zq-jakso 14\.12\.2026–3\.1\.2027"),
    "Period.name": (SERVICE, r"Zq-jakso"),
    "Period.weekly": (SERVICE, r"7\.31–8\.31"),
    "HoursException.date": (SERVICE, r"23\.11\.2026: suljettu \(Zq-syy\)"),
    "HoursException.until": (SERVICE, r"24\.11\.2026: suljettu \(Zq-syy\)"),
    "HoursException.closed": (SERVICE, r"23\.11\.2026: suljettu"),
    "HoursException.hours": (SERVICE, r"25\.11\.2026: 7\.41–8\.41"),
    "HoursException.reason": (SERVICE, r"Zq-syy"),
    # a meeting place
    "MeetingPlace.id": ("fi/meeting-places/index.html", r"meeting-place/zq-place/"),
    "MeetingPlace.name": (PLACE, r"<h1>Zq-kohtaamispaikka</h1>"),
    "MeetingPlace.summary": (PLACE, r"Zq-paikka"),
    "MeetingPlace.description": (PLACE, r"Zq-paikan-kuvaus"),
    "MeetingPlace.location": (PLACE, r'id="where".*Zqkatu 7'),
    "MeetingPlace.area": ("fi/municipality/lieksa/index.html", r"meeting-place/zq-place/"),
    "MeetingPlace.target_groups": (PLACE, r"Nuoret aikuiset \(18–29 v\)"),
    "MeetingPlace.languages": (PLACE, r"somali"),
    "MeetingPlace.contacts": (PLACE, r'href="https://zq-place\.example/"'),
    "MeetingPlace.terms": (PLACE, r"Zq-kausi"),
    "MeetingPlace.programme": (PLACE, r"Zq-toiminta"),
    "MeetingPlace.exceptions": (PLACE, r"Zq-tauko"),
    "MeetingPlace.partners": (
        PLACE,
        r"Yhteistyössä</dt>\s*<dd><a href=\"[./]*fi/municipality/joensuu/\"",
    ),
    "MeetingPlace.reviewed": (PLACE, r"15\.10\.2026"),
    "Term.start": (PLACE, r"Zq-kausi: 19\.8\.2026"),
    "Term.until": (PLACE, r"Zq-kausi: 19\.8\.2026–16\.12\.2026"),
    "Term.name": (PLACE, r"Zq-kausi"),
    "Activity.day": (PLACE, r'torstai <span class="programme__time">7\.51–8\.51'),
    "Activity.time": (PLACE, r"7\.51–8\.51"),
    "Activity.name": (PLACE, r"Zq-toiminta"),
    "Activity.audience": (PLACE, r"Zq-yleisö"),
    "Activity.language": (
        PLACE,
        r"Zq-toiminta</span> <span class=\"activity__language\">\(arabia\)",
    ),
    "Activity.weeks": (
        PLACE,
        r"6\.01–6\.59</span> <span class=\"programme__pattern\">parilliset",
    ),
    "Activity.monthly": (PLACE, r"kuukauden toinen ja viimeinen lauantai"),
    "Activity.cancelled": (PLACE, r"19\.11\.2026: Zq-toiminta – peruttu"),
    "Closure.date": (PLACE, r"1\.12\.2026–2\.12\.2026: suljettu \(Zq-tauko\)"),
    "Closure.until": (PLACE, r"–2\.12\.2026: suljettu \(Zq-tauko\)"),
    "Closure.reason": (PLACE, r"Zq-tauko"),
    # a service path
    "PathFile.title": (ZQ_PATH, r"<h1>Zq-polku</h1>"),
    "PathFile.kind": ("fi/coverage/index.html", r"Zq-polku <span class=\"cov-critical\">"),
    "PathFile.order": (HOME, r"Zq-polku.*Aa-polku"),
    "PathFile.quick_exit": (ZQ_PATH, r'class="quick-exit"'),
    "PathFile.introduction": (ZQ_PATH, r"Zq-johdanto"),
    "PathFile.signs": (ZQ_PATH, r"Zq-merkki"),
    "PathFile.urgent": (ZQ_PATH, r"Zq-kiire"),
    "PathFile.steps": (ZQ_PATH, r"Zq-askel"),
    "PathFile.reviewed": (ZQ_PATH, r"17\.10\.2026"),
    "PathFile.ages": (ZQ_PATH, r'class="path__ages"><strong>[^<]*</strong> Nuoret \(13–17 v\)</p>'),
    "Step.id": (PATH_JOENSUU, r'id="step-zq-step"'),
    "Step.title": (ZQ_PATH, r"Zq-askel"),
    "Step.description": (ZQ_PATH, r"Zq-askeleen-kuvaus"),
    "Step.first_contact": (ZQ_PATH, r"Aloita tästä:</strong> Zq-askel"),
    "Step.categories": (PATH_LIEKSA, r"Zq-askel.*service/zq-service/.*class=\"meanwhile\""),
    "Step.services": (PATH_JOENSUU, r"Zq-askel.*service/neuvola-joensuu/.*class=\"meanwhile\""),
    "Step.meanwhile": (PATH_JOENSUU, r"class=\"meanwhile\".*Zq-sillä-välin"),
    "Step.ages": (PATH_JOENSUU, r'class="step__ages"><strong>[^<]*</strong> Nuoret aikuiset'),
    "Meanwhile.text": (PATH_JOENSUU, r"Zq-sillä-välin"),
    "Meanwhile.categories": (PATH_JOENSUU, r"class=\"meanwhile\".*service/zq-municipal-service/"),
    "Meanwhile.services": (PATH_LIEKSA, r"class=\"meanwhile\".*service/zq-service/"),
    # search words: each group's other words are indexed with the documents that have one
    "SynonymsFile.fi": ("fi/search/*.json", r"zqsynonyy"),
    "SynonymsFile.sv": ("sv/search/*.json", r"zqsynonymsv"),
    "SynonymsFile.en": ("en/search/*.json", r"zqsynonymen"),
}

# Fields that exist for checking or for the people who keep the catalogue, not for families.
_PTV = (
    "where `perheovi import ptv` made the entry from: the next import reads it to update what it "
    "imported and nothing else (tests/test_ptv_import.py); families have no use for PTV's ids"
)
_PLAIN = (
    "the plain-language texts: shown on the Selkosuomeksi / Lättläst pages and measured by "
    "`perheovi report`; tests/test_plain_language.py reads them on the test network's pages "
    "(a probe here would need a path and its steps in the probe catalogue)"
)
ALLOWED = {
    "Service.plain": _PLAIN,
    "PathFile.plain": _PLAIN,
    "PlainService.summary": _PLAIN,
    "PlainService.description": _PLAIN,
    "PlainPath.introduction": _PLAIN,
    "PlainPath.steps": _PLAIN,
    "PlainText.fi": _PLAIN,
    "PlainText.sv": _PLAIN,
    "ProviderFile.owners": "who reviews changes to the file: exported to .github/CODEOWNERS "
    "by `perheovi codeowners`",
    "MunicipalityFile.owners": "who reviews changes to the file: exported to "
    ".github/CODEOWNERS by `perheovi codeowners`",
    "RegionFile.owners": "who reviews changes to files without owners of their own: the "
    "first line of .github/CODEOWNERS, written by `perheovi codeowners`",
    "MunicipalityFile.reviewed": "when the municipality's own file was last checked, for its "
    "editors; its page also lists other providers' services, so one date there would "
    "mislead, and each service and meeting place shows its own",
    "ProviderFile.ptv": _PTV,
    "Location.ptv": _PTV,
    "Service.ptv": _PTV,
    "Contact.ptv": _PTV,
    "PtvMark.id": _PTV,
    "PtvMark.modified": _PTV,
    "PtvMark.keep": _PTV,
    "Location.id": "the key services, walk-in contacts and meeting places name a location by; "
    "what they show is the location itself (its name, address and hours)",
}


def _models(annotation) -> typing.Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for inner in typing.get_args(annotation):
        yield from _models(inner)


def every_field() -> set[str]:
    """Every field of every record a catalogue file can hold, as "Record.field"."""
    found: set[str] = set()
    seen: set[type[BaseModel]] = set()
    todo = list(model.FILE_MODELS.values())
    while todo:
        record = todo.pop()
        if record in seen:
            continue
        seen.add(record)
        for name, field in record.model_fields.items():
            found.add(f"{record.__name__}.{name}")
            todo.extend(_models(field.annotation))
    return found


@pytest.fixture(scope="module")
def probe_site(tmp_path_factory):
    base = tmp_path_factory.mktemp("probe")
    catalogue = base / "catalogue"
    shutil.copytree(MINIMAL, catalogue)
    files = {
        "region.yaml": REGION,
        "municipalities/joensuu.yaml": MUNICIPALITY,
        "providers/zq.yaml": PROVIDER,
        "paths/zq.yaml": PATH,
        "paths/aa.yaml": OTHER_PATH,
        "search-synonyms.yaml": SYNONYMS,
    }
    for name, text in files.items():
        (catalogue / name).parent.mkdir(parents=True, exist_ok=True)
        (catalogue / name).write_text(text, "utf-8")
    result = build_site(base / "output", PERHEOVI_CATALOGUE=str(catalogue))
    assert result.returncode == 0, result.stdout + result.stderr
    return base / "output"


def test_every_field_of_every_record_has_a_probe_or_a_reason():
    fields = every_field()
    assert not set(SHOWN) & set(ALLOWED)
    assert sorted(fields - set(SHOWN) - set(ALLOWED)) == [], "fields with no probe and no reason"
    assert sorted((set(SHOWN) | set(ALLOWED)) - fields) == [], "probes for fields that are gone"


def test_every_field_shows_where_a_family_would_meet_it(probe_site):
    missing = []
    for field, (pattern, expression) in sorted(SHOWN.items()):
        files = sorted(probe_site.glob(pattern))
        assert files, f"{field}: no file {pattern}"
        if not any(re.search(expression, f.read_text("utf-8"), re.S) for f in files):
            missing.append(f"{field}: {expression!r} not in {pattern}")
    assert not missing, "fields validated but shown nowhere:\n" + "\n".join(missing)
