"""lunr.js's English Porter stemmer, ported line by line so the index matches the browser.

lunr.py ships another Porter implementation (from tartarus.org's Python version) that differs
from lunr.js's JavaScript one: "day" -> "dai" in Python, "day" in the browser; "try" -> "try"
vs "tri". An index built with it misses what visitors type. This module follows lunr.js 2.3.9's
`porterStemmer` regular expression by regular expression (MIT, (C) 2020 Oliver Nightingale;
from Martin Porter's JavaScript version).
"""

from __future__ import annotations

import re

from lunr.pipeline import Pipeline

_STEP2 = {
    "ational": "ate",
    "tional": "tion",
    "enci": "ence",
    "anci": "ance",
    "izer": "ize",
    "bli": "ble",
    "alli": "al",
    "entli": "ent",
    "eli": "e",
    "ousli": "ous",
    "ization": "ize",
    "ation": "ate",
    "ator": "ate",
    "alism": "al",
    "iveness": "ive",
    "fulness": "ful",
    "ousness": "ous",
    "aliti": "al",
    "iviti": "ive",
    "biliti": "ble",
    "logi": "log",
}
_STEP3 = {
    "icate": "ic",
    "ative": "",
    "alize": "al",
    "iciti": "ic",
    "ical": "ic",
    "ful": "",
    "ness": "",
}

_c = "[^aeiou]"
_v = "[aeiouy]"
_C = _c + "[^aeiouy]*"
_V = _v + "[aeiou]*"
_MGR0 = re.compile("^(" + _C + ")?" + _V + _C)
_MEQ1 = re.compile("^(" + _C + ")?" + _V + _C + "(" + _V + ")?$")
_MGR1 = re.compile("^(" + _C + ")?" + _V + _C + _V + _C)
_S_V = re.compile("^(" + _C + ")?" + _v)

_1A = re.compile(r"^(.+?)(ss|i)es$")
_1A2 = re.compile(r"^(.+?)([^s])s$")
_1B = re.compile(r"^(.+?)eed$")
_1B2 = re.compile(r"^(.+?)(ed|ing)$")
_LAST = re.compile(r".$")
_1B_AT = re.compile(r"(at|bl|iz)$")
_1B_DOUBLE = re.compile(r"([^aeiouylsz])\1$")
_1B_CVC = re.compile("^" + _C + _v + "[^aeiouwxy]$")
_1C = re.compile(r"^(.+?[^aeiou])y$")
_2 = re.compile(r"^(.+?)(" + "|".join(_STEP2) + ")$")
_3 = re.compile(r"^(.+?)(icate|ative|alize|iciti|ical|ful|ness)$")
_4 = re.compile(
    r"^(.+?)(al|ance|ence|er|ic|able|ible|ant|ement|ment|ent|ou|ism|ate|iti|ous"
    r"|ive|ize)$"
)
_4B = re.compile(r"^(.+?)(s|t)(ion)$")
_5 = re.compile(r"^(.+?)e$")
_5_LL = re.compile(r"ll$")
_5_CVC = re.compile("^" + _C + _v + "[^aeiouwxy]$")


def stem(w: str) -> str:
    if len(w) < 3:
        return w
    first = w[0]
    if first == "y":
        w = "Y" + w[1:]
    # Step 1a (JavaScript's String.replace replaces the first match only)
    if _1A.search(w):
        w = _1A.sub(r"\1\2", w, count=1)
    elif _1A2.search(w):
        w = _1A2.sub(r"\1\2", w, count=1)
    # Step 1b
    match = _1B.search(w)
    if match:
        if _MGR0.search(match.group(1)):
            w = _LAST.sub("", w, count=1)
    else:
        match = _1B2.search(w)
        if match and _S_V.search(match.group(1)):
            w = match.group(1)
            if _1B_AT.search(w):
                w += "e"
            elif _1B_DOUBLE.search(w):
                w = _LAST.sub("", w, count=1)
            elif _1B_CVC.search(w):
                w += "e"
    # Step 1c
    match = _1C.search(w)
    if match:
        w = match.group(1) + "i"
    # Step 2
    match = _2.search(w)
    if match and _MGR0.search(match.group(1)):
        w = match.group(1) + _STEP2[match.group(2)]
    # Step 3
    match = _3.search(w)
    if match and _MGR0.search(match.group(1)):
        w = match.group(1) + _STEP3[match.group(2)]
    # Step 4
    match = _4.search(w)
    if match:
        if _MGR1.search(match.group(1)):
            w = match.group(1)
    else:
        match = _4B.search(w)
        if match and _MGR1.search(match.group(1) + match.group(2)):
            w = match.group(1) + match.group(2)
    # Step 5
    match = _5.search(w)
    if match:
        base = match.group(1)
        if _MGR1.search(base) or (_MEQ1.search(base) and not _5_CVC.search(base)):
            w = base
    if _5_LL.search(w) and _MGR1.search(w):
        w = _LAST.sub("", w, count=1)
    if first == "y":
        w = "y" + w[1:]
    return w


def stemmer(token, i=None, tokens=None):
    return token.update(lambda text, metadata=None: stem(text))


# Registered under lunr.js's name: the serialised index says "stemmer", which the browser
# resolves to lunr.stemmer; lunr.py's own English stemmer is replaced for this process.
Pipeline.registered_functions.pop("stemmer", None)
Pipeline.register_function(stemmer, "stemmer")
