"""Country names in campaign languages, from pycountry's ISO 3166-1 translations (iso-codes).

English uses the tracker's display names ("Burma/Myanmar", "Hong Kong SAR", "Taiwan").
Other languages translate the ISO common name when the catalogue has a translation for it
("Taiwan" → 台湾, "South Korea" → 韩国; consistent with the English display names), otherwise the
ISO short name ("Hong Kong" → 香港, "Palestine, State of" → فلسطين, دولة), and fall back to the
English display name when neither is translated (e.g. "Türkiye" in most catalogues, and names
that the Indonesian catalogue leaves as they are).
"""

from __future__ import annotations

import gettext
from collections.abc import Mapping
from functools import cache

import pycountry

from tracker.errors import UnknownCountry, ValidationError

DOMAIN = "iso3166-1"

LANGUAGES: dict[str, str] = {
    "en": "English",
    "id": "Bahasa Indonesia",
    "th": "ไทย (Thai)",
    "vi": "Tiếng Việt (Vietnamese)",
    "zh_CN": "中文 (Chinese)",
    "ja": "日本語 (Japanese)",
    "ko": "한국어 (Korean)",
    "ne": "नेपाली (Nepali)",
    "bn": "বাংলা (Bengali)",
    "ar": "العربية (Arabic)",
}

# The state a page opens on in each language (a state where it is an official language); English
# opens on the first state A–Z.
HOME_STATES: dict[str, str] = {
    "id": "IDN",
    "th": "THA",
    "vi": "VNM",
    "zh_CN": "CHN",
    "ja": "JPN",
    "ko": "KOR",
    "ne": "NPL",
    "bn": "BGD",
    "ar": "SAU",
}


def home_state(lang: str) -> str | None:
    """The ISO3 code a profile opens on in ``lang`` (None: the first state A–Z)."""
    return HOME_STATES.get(lang)


@cache
def catalogue(lang: str) -> gettext.NullTranslations:
    """The gettext catalogue of ISO 3166-1 names for ``lang``; raises for unknown languages."""
    if lang not in LANGUAGES:
        raise ValidationError("lang", f"unknown language {lang!r}; known: {', '.join(LANGUAGES)}")
    if lang == "en":
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, pycountry.LOCALES_DIR, languages=[lang])


def translated(lang: str, msgid: str) -> str | None:
    """The catalogue's translation of ``msgid``, or None when it has none."""
    text = catalogue(lang).gettext(msgid)
    return text if text and text != msgid else None


def country_name(iso3: str, *, lang: str, display_names: Mapping[str, str]) -> str:
    """Name of a state in ``lang``; English keeps the display-name overrides."""
    code = iso3.upper()
    english = display_names.get(code)
    if english is None:
        raise UnknownCountry(f"{iso3!r} has no display name")
    if lang == "en":
        catalogue(lang)
        return english
    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        return english
    for msgid in (getattr(country, "common_name", None), country.name):
        if msgid and (text := translated(lang, msgid)):
            return text
    return english


def country_names(*, lang: str, display_names: Mapping[str, str]) -> dict[str, str]:
    """ISO3 → name in ``lang`` for every state in ``display_names``."""
    return {iso: country_name(iso, lang=lang, display_names=display_names) for iso in display_names}
