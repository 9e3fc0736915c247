"""A printed page says where it lives: its address, and a QR code of it to open on a phone.

The code is drawn at build time as inline SVG (segno), so paper needs no request and no script.
Its mask is fixed: choosing the best of eight (the encoder's default) takes 10 ms a code, a
fixed one 3 ms; any mask is valid QR, and the tests decode the printed code.
"""

from __future__ import annotations

import segno
from markupsafe import Markup

from .sitemap import LOCAL_SITE_URL


def page_address(site_url: str, lang: str, key: str) -> str:
    """The page's public address (a local build's: LOCAL_SITE_URL, where `make serve` serves)."""
    return f"{(site_url or LOCAL_SITE_URL).rstrip('/')}/{lang}/{key}"


def qr_svg(text: str) -> Markup:
    """`text` as a QR code (error correction M: a crease or a coffee ring still reads), an SVG
    with the quiet zone the standard asks for and no size of its own: the print styles size it."""
    code = segno.make_qr(text, error="m", mask=0, boost_error=False)
    return Markup(code.svg_inline(border=4, dark="#000", light="#fff", omitsize=True))
