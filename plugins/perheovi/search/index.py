"""The site search: a lunr index per language, built here, searched by lunr.js in the browser.

Both sides must turn words into the same terms. The browser runs lunr.js with lunr-languages
(trimmer, stop-word filter, Snowball stemmer); here lunr.py runs the same pipeline, with the same
function names, the same stop words and word characters (read from the very lunr-languages files
the site ships) and NLTK's Snowball stemmers, which agree with lunr-languages' stemmers.

What a stemmer cannot bridge is added at build time, as extra terms of the document:
Finnish compound parts and base forms from Voikko ("lastenneuvola" -> lapsi, neuvola),
Swedish compound parts found in the catalogue's own vocabulary ("familjerådgivning" ->
rådgivning), and the synonym groups of catalogue/search-synonyms.yaml. The browser side stays
small: it only stems the query.

A query is read in every site language: each language's index also holds, in the field
"other", the entries' names and keywords (with their parts and synonyms) and the topics of the
other site languages, as terms of those languages' own pipelines, which search.js runs on the
query for that field. Phone numbers are indexed as digit strings. The index is shipped packed
(`pack_index`; search-index.js unpacks it for lunr.Index.load).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from functools import cache, lru_cache

import lunr
from lunr.builder import Builder
from lunr.pipeline import Pipeline
from lunr.stop_word_filter import generate_stop_word_filter
from lunr.tokenizer import SEPARATOR_CHARS, Tokenizer

from ..catalogue.hours import open_data
from ..catalogue.programme import session_spans
from ..catalogue.taxonomy import CATEGORIES
from ..i18n import LANGUAGES
from ..log import logger
from ..site.filters import phone_display
from ..site.summaries import hours_line
from ..site.today import OPEN_NOW_DAYS
from ..site.vendor import vendored
from ..site.views import entry_facts
from . import porter

STORE_CHUNK = 40  # documents per store file: the first search fetches only the chunks it shows
# A word of another site language (an entry's names and keywords there, with their compound
# parts and synonyms: the field "other", each language's words in its own pipeline): below
# the page language's names and keywords, as a family typing in its own language on another
# language's site still wants the page language's matches first. One field for all of them:
# lunr writes every field into every term's posting, so a field per language costs bytes.
CROSS_BOOST = 5
FIELDS = (
    ("name", 10),
    ("keywords", 6),
    ("parts", 3),
    ("categories", 4),
    ("summary", 3),
    ("places", 2),
    ("description", 1),
)


# --- the pipeline, identical to lunr-languages' ----------------------------------------------


@dataclass(frozen=True)
class LanguagePipeline:
    lang: str
    index_functions: tuple
    search_functions: tuple

    def terms(self, text: str) -> list[str]:
        """The terms lunr makes of `text`, as the index and the browser see them: lunr's
        tokenizer splits on whitespace and hyphens, then each word goes through the pipeline
        on its own, so each distinct word is run once (`word_terms`)."""
        terms: list[str] = []
        for word in _SEPARATORS.split(text.lower()):
            if word:
                terms.extend(self.word_terms(word))
        return terms

    @cache  # noqa: B019 -- one pipeline per language, kept for the whole build
    def word_terms(self, word: str) -> tuple[str, ...]:
        pipeline = Pipeline()
        pipeline.add(*self.index_functions)
        return tuple(str(token) for token in pipeline.run(Tokenizer(word)))


_SEPARATORS = re.compile("[" + re.escape(SEPARATOR_CHARS) + "]+")


def _ascii_trimmer(token, i=None, tokens=None):
    """lunr.js's English trimmer: JavaScript's \\W is ASCII-only, so "café" loses its "é"
    in the browser. lunr.py's trimmer is Unicode-aware; this one matches the browser."""
    return token.update(lambda text, metadata=None: _ASCII_EDGES.sub("", text))


_ASCII_EDGES = re.compile(r"^\W+|\W+$", re.ASCII)
Pipeline.register_function(_ascii_trimmer, "trimmer-ascii")


def _js_string(source: str, name: str) -> str:
    text = _found(rf'\.{re.escape(name)}\s*=\s*"((?:[^"\\]|\\.)*)"', source)
    return text.encode("latin-1", "backslashreplace").decode("unicode_escape")


def _js_stop_words(source: str, lang: str) -> list[str]:
    pattern = rf"\.{lang}\.stopWordFilter\s*=\s*\w+\.generateStopWordFilter\(([\"'])(.*?)\1"
    return _found(pattern, source, group=2).split()


def _found(pattern: str, source: str, group: int = 1) -> str:
    """What lunr-languages' source defines; its layout is pinned by package-lock.json."""
    match = re.search(pattern, source)
    if match is None:
        raise RuntimeError(f"lunr-languages no longer matches {pattern!r}: update search.py")
    return match.group(group)


@cache
def language_pipeline(lang: str) -> LanguagePipeline:
    if lang == "en":  # lunr's own English pipeline, built into both lunr.py and lunr.js
        return LanguagePipeline(
            lang,
            (_ascii_trimmer, lunr.stop_word_filter.stop_word_filter, porter.stemmer),
            (porter.stemmer,),
        )
    from lunr.languages import get_language_stemmer  # importing registers "stemmer-fi"…
    from lunr.languages.trimmer import generate_trimmer

    source = vendored(f"lunr.{lang}.min.js").read_text("utf-8")  # what the browser runs
    trimmer = generate_trimmer(_js_string(source, f"{lang}.wordCharacters"))
    Pipeline.register_function(trimmer, f"trimmer-{lang}")
    stop_words = generate_stop_word_filter(_js_stop_words(source, lang), language=lang)
    stem_word = lru_cache(maxsize=None)(get_language_stemmer(lang).stem)

    def stemmer(token, i=None, tokens=None):
        """NLTK's Snowball stemmer, as lunr.py registers it, remembering each word's stem:
        a catalogue repeats its words thousands of times."""
        return token.update(lambda text, metadata=None: stem_word(text))

    stemmer.label = f"stemmer-{lang}"  # type: ignore[attr-defined]  # lunr.js's name for it
    return LanguagePipeline(lang, (trimmer, stop_words, stemmer), (stemmer,))


# --- words the stemmer cannot bridge ---------------------------------------------------------


class FinnishMorphology:
    """Base forms and compound parts from Voikko (libvoikko + voikko-fi), when installed."""

    def __init__(self):
        try:
            import libvoikko

            self._voikko = libvoikko.Voikko("fi")
        except Exception:  # libvoikko missing or no dictionary: search still works, less well
            self._voikko = None
            logger.warning(
                "Voikko is not installed (apt-get install libvoikko1 voikko-fi); "
                "Finnish compound words are indexed whole."
            )

    @lru_cache(maxsize=100_000)  # noqa: B019 -- one Voikko per build, kept for the whole build
    def words(self, word: str) -> tuple[str, ...]:
        if not self._voikko or len(word) < 4:
            return ()
        found: list[str] = []
        for analysis in self._voikko.analyze(word):
            base = analysis.get("BASEFORM", "").lower()
            parts = re.findall(r"\(([^)+][^)]*)\)", analysis.get("WORDBASES", ""))
            for candidate in [base, *(parts if len(parts) > 1 else [])]:
                if candidate and candidate != word and candidate not in found:
                    found.append(candidate)
        return tuple(found)


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+", text.lower())


def compound_parts(word: str, vocabulary: set[str]) -> list[str]:
    """Known words a compound ends or starts with: familjerådgivning -> rådgivning, familj."""
    found = []
    for cut in range(3, len(word) - 3):
        head, tail = word[:cut], word[cut:]
        if tail in vocabulary and len(tail) >= 4:
            found.append(tail)
            if head in vocabulary or head.rstrip("s") in vocabulary:
                found.append(head.rstrip("s") if head not in vocabulary else head)
            break
    return found


def synonym_terms(text_terms: set[str], groups: list[tuple[list, list[set]]]) -> list[str]:
    """All words of every synonym group one of whose entries the document contains.

    `groups` pairs each group with its entries' terms (see `group_terms`)."""
    extra = []
    for group, entries in groups:
        if any(terms and terms <= text_terms for terms in entries):
            extra.extend(group)
    return extra


def group_terms(groups, pipeline: LanguagePipeline) -> list[tuple[list, list[set]]]:
    return [(group, [set(pipeline.terms(entry)) for entry in group]) for group in groups]


# --- documents -------------------------------------------------------------------------------


# What a result without a door of its own shows of one: a provider's, a topic's.
NO_DOOR = {"where": "", "contact": "", "tel": "", "phone": "", "open": "", "numbers": ""}


def _text(value, lang: str) -> str:
    return value.get(lang)[0] if value is not None else ""


def _own(value, lang: str) -> str:
    """The text in `lang` only when it is really written in it (no Finnish fallback)."""
    return getattr(value, lang, None) or "" if value is not None else ""


def _words_in(entry, lang: str) -> str:
    """What a family typing in `lang` calls the entry: its name and keywords there."""
    return " ".join([_own(entry.name, lang), *getattr(entry, "keywords", {}).get(lang, [])])


def _first_contact(contact, lang: str, translate) -> str:
    """The result's contact line: the kind, the number and the hours in the words of the
    pages (summaries.hours_line); hours not yet confirmed are left out, as a result line
    would state them as fact."""
    if contact.type == "phone":
        hours = contact.hours
        when = ""
        if hours and hours.confirmed:
            when = " " + hours_line(hours, lang, translate("24/7"), translate("by appointment"))
        return f"{translate('Phone')} {phone_display(contact.number)}{when.rstrip()}"
    if contact.type == "sms":
        return f"{translate('Text message')} {phone_display(contact.number)}"
    if contact.type == "walk-in":
        return f"{translate('Visit')}: {contact.venue.address.street}"
    return {
        "chat": translate("Chat"),
        "eservice": translate("E-service"),
        "web": translate("Web page"),
        "email": translate("Email"),
    }[contact.type]


def _numbers(contacts) -> str:
    """The entry's phone and text-message numbers as one digit string each, in the ways a
    family types them (0800 123 456, +358 800 123 456, 116 111), for a search by number."""
    found = []
    for contact in contacts:
        if contact.type in ("phone", "sms"):
            digits = re.sub(r"\D", "", str(contact.number))
            found.append(digits)
            if digits.startswith("358"):
                found.append("0" + digits[3:])
    return " ".join(dict.fromkeys(found))


def _door(contact, day) -> dict:
    """A result's number to tap and its open spans from `day` (the build date) on, for the
    "open now" status the results show (hours not yet confirmed give none)."""
    hours = contact.opening_hours
    door = {"tel": "", "phone": "", "open": ""}
    if contact.type == "phone":
        door.update(tel=str(contact.number), phone=phone_display(contact.number))
    if day and hours and hours.confirmed and not hours.always and (hours.weekly or hours.periods):
        door["open"] = open_data(hours, day, OPEN_NOW_DAYS)
    return door


def documents(catalogue, lang: str, translate, day: dt.date | None = None) -> list[dict]:
    """What the index knows of each service, meeting place and provider, in `lang`; with the
    build date `day`, each result's open spans."""
    docs = []

    def town(slug):
        return _text(catalogue.municipality_name(slug), lang)

    def area_names(area):
        if area == ["national"]:
            return translate("Nationwide")
        if area == ["region"]:
            return translate("The whole region")
        return ", ".join(town(slug) for slug in area)

    def served(area):
        """The area as the browser filters by it: a nationwide entry serves every town."""
        return ["region"] if area == ["national"] else area

    for service in catalogue.sorted_services:
        category = CATEGORIES[service.category]
        docs.append(
            {
                "kind": "service",
                "key": f"service/{service.id}/",
                "category": service.category,
                "area": served(service.area),
                "name": _text(service.name, lang),
                "summary": _text(service.summary, lang),
                "description": _text(service.description, lang),
                "categories": " ".join([category.label[lang], *category.keywords.get(lang, ())]),
                "keywords": " ".join([*service.keywords.get(lang, []), service.name.fi]),
                "places": " ".join(
                    [
                        _text(service.provider.name, lang),
                        *([_text(service.organised_by.name, lang)] if service.organised_by else []),
                        *(_text(partner.name, lang) for partner in service.run_with),
                        area_names(service.area),
                    ]
                ),
                "provider": _text(service.provider.name, lang),
                "where": area_names(service.area),
                "contact": _first_contact(service.contacts[0], lang, translate),
                **_door(service.contacts[0], day),
                "numbers": _numbers(service.contacts),
                "facts": entry_facts(service).data(),
                "texts": {code: _words_in(service, code) for code in LANGUAGES},
            }
        )
    for place in catalogue.sorted_meeting_places:
        category = CATEGORIES["meeting-place"]
        location = place.venue
        activities = " ".join(_text(a.name, lang) for a in place.programme)
        docs.append(
            {
                "kind": "meeting-place",
                "key": f"meeting-place/{place.id}/",
                "category": "meeting-place",
                "area": served(catalogue.area_of(place)),
                "name": _text(place.name, lang),
                "summary": _text(place.summary, lang),
                "description": " ".join([_text(place.description, lang), activities]),
                "categories": " ".join([category.label[lang], *category.keywords.get(lang, ())]),
                "keywords": place.name.fi,
                "places": " ".join(
                    [
                        _text(place.provider.name, lang),
                        *(_text(partner.name, lang) for partner in place.run_with),
                        town(location.address.municipality),
                        location.address.street,
                    ]
                ),
                "provider": _text(place.provider.name, lang),
                "where": f"{location.address.street}, {town(location.address.municipality)}",
                "contact": "",
                "tel": "",
                "phone": "",
                "open": session_spans(place, day, OPEN_NOW_DAYS) if day else "",
                "numbers": _numbers(place.contacts),
                "facts": entry_facts(place).data(),
                "texts": {code: _words_in(place, code) for code in LANGUAGES},
            }
        )
    for provider in catalogue.providers.values():
        areas = sorted(
            {
                slug
                for entry in [*provider.services, *provider.meeting_places]
                for slug in catalogue.area_of(entry)
            }
        )
        docs.append(
            {
                "kind": "provider",
                "key": f"provider/{provider.slug}/",
                "category": "",
                "area": ["region"] if {"region", "national"} & set(areas) or not areas else areas,
                "name": _text(provider.name, lang),
                "summary": _text(provider.description, lang),
                # the kinds of help it gives, not every service's name: a county runs hundreds
                "description": " ".join(
                    CATEGORIES[c].label[lang]
                    for c in sorted({s.category for s in provider.services})
                ),
                "categories": "",
                "keywords": provider.name.fi,
                "places": "",
                "provider": "",
                **NO_DOOR,
                "texts": {code: _own(provider.name, code) for code in LANGUAGES},
            }
        )
    # Each topic in every language, found only by a query in another site language
    # (`build_index`): väkivalta on the English site leads to the violence topic's page.
    for category in CATEGORIES.values():
        if not catalogue.services_in_category(category.id):
            continue
        docs.append(
            {
                **{field: "" for field, _ in FIELDS},
                "kind": "topic",
                "key": f"category/{category.id}/",
                "category": category.id,
                "area": ["region"],
                "name": category.label[lang],
                "provider": translate("Services by topic"),
                **NO_DOOR,
                "texts": {
                    code: " ".join([category.label[code], *category.keywords.get(code, ())])
                    for code in LANGUAGES
                },
            }
        )
    for number, doc in enumerate(docs):
        doc["id"] = str(number)
    return docs


# --- the index -------------------------------------------------------------------------------


def _add_parts(
    docs: list[dict],
    lang: str,
    pipeline: LanguagePipeline,
    synonyms,
    morphology: FinnishMorphology | None,
) -> None:
    vocabulary = {
        word
        for doc in docs
        for field, _ in FIELDS
        if field != "parts"
        for word in _words(doc[field])
    }
    vocabulary |= {word for group in synonyms for entry in group for word in _words(entry)}
    groups = group_terms(synonyms, pipeline)
    for doc in docs:
        text = " ".join(doc[field] for field, _ in FIELDS if field != "parts")
        parts: list[str] = []
        for word in set(_words(text)):
            if lang == "fi" and morphology:
                parts.extend(morphology.words(word))
            elif lang == "sv":
                parts.extend(compound_parts(word, vocabulary))
        # A synonym group joins on the entry's own words, not on its compound parts: the
        # "huolto" of "terveydenhuolto" (health care) is not custody ("lapsen huolto"). A
        # group its name or keywords hold goes with its keywords, so that puheterapeutti
        # finds the speech therapy ("Lasten puheterapia") before the other therapies.
        named = synonym_terms(set(pipeline.terms(doc["name"] + " " + doc["keywords"])), groups)
        if named:
            doc["keywords"] = " ".join([doc["keywords"], *named])
        parts.extend(
            word for word in synonym_terms(set(pipeline.terms(text)), groups) if word not in named
        )
        doc["parts"] = " ".join(sorted(set(parts)))


def _cross_terms(docs: list[dict], lang: str, synonyms, morphology) -> None:
    """Each document's words in `lang` (`texts`), with their compound parts and synonyms
    there, as terms of `lang`'s pipeline for the field "other" of another language's index:
    so that väkivalta finds the violence services on the English site and divorce the
    divorce help on the Finnish one."""
    pipeline = language_pipeline(lang)
    groups = group_terms(getattr(synonyms, lang), pipeline)
    for doc in docs:
        text = doc["texts"][lang]
        parts = [
            part
            for word in set(_words(text))
            for part in (morphology.words(word) if lang == "fi" and morphology else ())
        ]
        parts.extend(synonym_terms(set(pipeline.terms(text)), groups))
        doc.setdefault("other", []).extend(pipeline.terms(" ".join([text, *sorted(set(parts))])))


def build_index(docs: list[dict], pipeline: LanguagePipeline, cross: bool = False) -> dict:
    """A lunr index of `docs`. Fields are given to lunr.py already turned into terms
    (`pipeline.terms`, each word once), so its own index pipeline stays empty; the search
    pipeline saved with the index is the one lunr.js runs on queries. With `cross`, the
    field "other" holds the other site languages' terms (`_cross_terms`), which search.js
    makes of a query with those languages' pipelines. The keywords field also holds the
    entry's phone numbers as digit strings, which search.js looks up as they are."""
    builder = Builder()
    builder.search_pipeline.add(*pipeline.search_functions)
    builder.ref("id")
    for field, boost in FIELDS:
        builder.field(field, boost=boost)
    if cross:
        builder.field("other", boost=CROSS_BOOST)
    for doc in docs:
        # a topic is found by its words in the other site languages only: in the page's
        # own language its words are in every one of its services' "categories"
        own = doc["kind"] != "topic"
        fields = {field: pipeline.terms(doc[field]) if own else [] for field, _ in FIELDS}
        fields["keywords"] += doc["numbers"].split()
        if cross:  # what the page language's fields already hold adds nothing
            own = {term for terms in fields.values() for term in terms}
            fields["other"] = sorted(set(doc.get("other", [])) - own)
        builder.add({"id": doc["id"], **fields})
    return builder.build().serialize()


def pack_index(serialized: dict) -> dict:
    """lunr's serialised index in fewer bytes, which search-index.js turns back into it.

    lunr writes every field into every term's posting, mostly empty, and each term's number
    (`_index`) in the order terms were first met. Packed: a term lists only the fields it is
    in, with their documents; terms are numbered in their (sorted) order, so the number is
    the position, and the field vectors follow that numbering; ascending numbers (a term's
    documents, a vector's terms) are written as the differences between them; scores keep
    two decimals, plenty to rank by; empty fields' vectors, which lunr never looks up, are
    left out. About 35 % smaller after gzip."""
    fields = serialized["fields"]
    renumber = {posting["_index"]: n for n, (_, posting) in enumerate(serialized["invertedIndex"])}
    terms = [
        [
            term,
            [
                [number, *_differences(sorted(int(ref) for ref in posting[field]))]
                for number, field in enumerate(fields)
                if posting[field]
            ],
        ]
        for term, posting in serialized["invertedIndex"]
    ]
    vectors = []
    for ref, elements in serialized["fieldVectors"]:
        if not elements:  # an empty field matches nothing: lunr never looks its vector up
            continue
        field, doc = ref.split("/", 1)
        pairs = sorted((renumber[elements[i]], elements[i + 1]) for i in range(0, len(elements), 2))
        numbers = _differences([index for index, _ in pairs])
        flat = [
            value
            for n, (_, score) in zip(numbers, pairs, strict=True)
            for value in (n, round(score, 2))
        ]
        vectors.append([fields.index(field), int(doc), flat])
    return {
        "version": serialized["version"],
        "fields": fields,
        "pipeline": serialized["pipeline"],
        "terms": terms,
        "vectors": vectors,
    }


def _differences(ascending: list[int]) -> list[int]:
    """[3, 5, 9] -> [3, 2, 4]: small numbers, which gzip packs better."""
    return [n - previous for previous, n in zip([0, *ascending], ascending, strict=False)]


@dataclass
class Shard:
    """Part of a language's index: the region-wide documents (shard 0) or some towns' own."""

    municipalities: list[str]
    docs: list[dict]


def shards(docs: list[dict], municipalities: list[str], limit: int) -> list[Shard]:
    """Split the documents so that a search in one town fetches two shards, not the country.

    Shard 0 holds what serves the whole region (digital services, crisis lines, providers);
    the rest hold the towns in catalogue order, packed while they stay within `limit`
    documents (a service serving several of its towns counts once; the setting
    PERHEOVI_SEARCH_SHARD_DOCS). A catalogue that fits within `limit` altogether stays one
    shard."""
    if len(docs) <= limit:
        return [Shard(list(municipalities), docs)]
    everywhere = [doc for doc in docs if doc["kind"] == "provider" or "region" in doc["area"]]
    local = [doc for doc in docs if doc["kind"] != "provider" and "region" not in doc["area"]]
    serving: dict[str, list[dict]] = {slug: [] for slug in municipalities}
    for doc in local:
        for slug in doc["area"]:
            serving[slug].append(doc)
    result = [Shard([], everywhere)]
    current: Shard | None = None
    for slug in municipalities:
        ids = {doc["id"] for doc in current.docs} if current else set()
        extra = [doc for doc in serving[slug] if doc["id"] not in ids]
        if current is None or len(current.docs) + len(extra) > limit:
            current = Shard([], [])
            result.append(current)
            extra = serving[slug]
        current.municipalities.append(slug)
        current.docs.extend(extra)
    return result


def search_files(
    catalogue,
    lang: str,
    translate,
    morphology: FinnishMorphology | None,
    shard_docs: int,
    day: dt.date | None = None,
    languages: tuple[str, ...] = (),
) -> dict[str, str]:
    """The files of one language's search, by file name: index.json says which shard serves
    which town and which other site languages (`languages`) a query is also read in;
    shard-N.json holds a lunr index, and shard-N-M.json the results it shows."""
    pipeline = language_pipeline(lang)
    docs = documents(catalogue, lang, translate, day)
    _add_parts(docs, lang, pipeline, getattr(catalogue.synonyms, lang), morphology)
    others = tuple(code for code in languages if code != lang)
    for other in others:
        _cross_terms(docs, other, catalogue.synonyms, morphology)
    parts = shards(docs, list(catalogue.municipalities), shard_docs)
    files = {
        "index.json": _json(
            {
                "version": 2,
                "lang": lang,
                "chunk": STORE_CHUNK,
                "cross": list(others),
                "shards": [shard.municipalities for shard in parts],
            }
        )
    }
    shown = (
        "facts",
        "kind",
        "key",
        "category",
        "name",
        "provider",
        "where",
        "contact",
        "tel",
        "phone",
        "open",
    )
    for number, shard in enumerate(parts):
        local = [dict(doc, id=str(position)) for position, doc in enumerate(shard.docs)]
        files[f"shard-{number}.json"] = _json(
            {
                "areas": [doc["area"] for doc in local],
                "index": pack_index(build_index(local, pipeline, bool(others))),
            }
        )
        for start in range(0, len(local), STORE_CHUNK):
            chunk = [
                {key: doc[key] for key in shown if key in doc}
                for doc in local[start : start + STORE_CHUNK]
            ]
            files[f"shard-{number}-{start // STORE_CHUNK}.json"] = _json(chunk)
    return files


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
