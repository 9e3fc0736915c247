"""How plain a plain-language text is: a proxy the report warns with, not a verdict.

Selkokeskus's plain-language guidance (selkokieli: selkosuomi, lättläst svenska) asks for short
sentences with one thing in each, common and short words, the active voice, and no
abbreviations. Only a reader of the target group can tell whether a text is plain; what a
program can measure are the habits that make one hard, so each measure here points at a
sentence or a word to look at again:

- a sentence longer than LONGEST_SENTENCE words;
- a word longer than LONG_WORD letters (Finnish compounds, Swedish ones alike), listed;
- Finnish passive forms ("haetaan", "voidaan", "tehtiin"): ending markers, so a few active
  words that end the same ("taan" in a name) are counted too;
- abbreviations: a word of capitals ("KELA", "THL" is one too: write it out once) or a word
  ending in a full stop inside a sentence ("esim.", "ns.", "t.ex.");
- LIX (Björnsson's readability index: words per sentence + the percentage of words longer
  than six letters) above the language's limit: 30 for lättläst (the Swedish scale calls
  below 30 easy), 50 for selkosuomi (Finnish words are longer: inflection and compounds put
  plain Finnish around 40 to 50, ordinary public-service texts at 55 and more). Only over
  texts of LIX_WORDS words or more: in two short sentences one long word moves it by 20.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

LONGEST_SENTENCE = 12
LONG_WORD = {"fi": 14, "sv": 14}
LIX_LIMIT = {"fi": 50, "sv": 30}
LIX_WORDS = 20
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ0-9])|\n+")
_WORD = re.compile(r"[A-Za-zÅÄÖåäöÉéÜü]+(?:[-'][A-Za-zÅÄÖåäöÉéÜü]+)*\.?")
_PASSIVE = re.compile(r"(?:[aeiouyäö][td]aan|[aeiouyäö][td]ään|ttiin|ttaisiin|ttäisiin)$")
_ABBREVIATIONS = {
    "esim.",
    "ns.",
    "yms.",
    "jne.",
    "mm.",
    "ym.",
    "t.ex.",
    "bl.a.",
    "m.m.",
    "s.k.",
    "ca.",
}


@dataclass
class Measure:
    words: int = 0
    sentences: int = 0
    long_sentences: list[str] = field(default_factory=list)  # their first words
    long_words: list[str] = field(default_factory=list)
    passives: list[str] = field(default_factory=list)
    abbreviations: list[str] = field(default_factory=list)
    lix: float = 0.0


def sentences(text: str) -> list[str]:
    return [part.strip() for part in _SENTENCE_END.split(text) if part.strip()]


def measure(text: str, lang: str) -> Measure:
    result = Measure()
    long_letters = 0
    for sentence in sentences(text):
        words = _WORD.findall(sentence)
        if not words:
            continue
        result.sentences += 1
        result.words += len(words)
        if len(words) > LONGEST_SENTENCE:
            result.long_sentences.append(" ".join(w.rstrip(".") for w in words[:4]) + " …")
        for position, word in enumerate(words):
            bare = word.rstrip(".")
            letters = len(bare.replace("-", ""))
            long_letters += letters > 6
            if letters > LONG_WORD.get(lang, 14) and bare not in result.long_words:
                result.long_words.append(bare)
            if lang == "fi" and _PASSIVE.search(bare.lower()) and bare not in result.passives:
                result.passives.append(bare)
            abbreviation = word.lower() in _ABBREVIATIONS or (
                word.endswith(".") and position < len(words) - 1 and len(bare) <= 4
            )
            if (
                abbreviation or (len(bare) >= 2 and bare.isupper())
            ) and bare not in result.abbreviations:
                result.abbreviations.append(word if word.endswith(".") else bare)
    if result.words:
        result.lix = round(result.words / result.sentences + 100 * long_letters / result.words, 1)
    return result


def findings(text: str, lang: str) -> list[tuple[str, dict]]:
    """(message code, parameters) for each habit of the text that makes it less plain."""
    found = []
    result = measure(text, lang)
    if result.long_sentences:
        found.append(
            (
                "plain_long_sentence",
                {
                    "count": len(result.long_sentences),
                    "limit": LONGEST_SENTENCE,
                    "first": result.long_sentences[0],
                },
            )
        )
    if result.long_words:
        found.append(
            (
                "plain_long_words",
                {"words": ", ".join(result.long_words[:5]), "limit": LONG_WORD[lang]},
            )
        )
    if result.passives:
        found.append(("plain_passive", {"words": ", ".join(result.passives[:5])}))
    if result.abbreviations:
        found.append(("plain_abbreviation", {"words": ", ".join(result.abbreviations[:5])}))
    if result.words >= LIX_WORDS and result.lix > LIX_LIMIT[lang]:
        found.append(("plain_lix", {"lix": f"{result.lix:.0f}", "limit": LIX_LIMIT[lang]}))
    return found
