"""Country names in campaign languages: pycountry catalogues, English overrides, fallback."""

from __future__ import annotations

import gettext

import pycountry
import pytest
from streamlit.testing.v1 import AppTest

from tracker.countries import display_names
from tracker.errors import ValidationError
from tracker.i18n import LANGUAGES, country_name, country_names


def _catalogue(lang: str) -> gettext.GNUTranslations:
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang])


def test_required_languages_are_offered():
    assert {"en", "id", "th", "vi", "zh_CN", "ja", "ko", "ne", "bn", "ar"} <= set(LANGUAGES)


@pytest.mark.parametrize("lang", ["th", "ar", "zh_CN", "ja", "bn"])
@pytest.mark.parametrize(("iso3", "iso_name"), [("KHM", "Cambodia"), ("PHL", "Philippines")])
def test_names_are_the_catalogue_translations(lang, iso3, iso_name):
    expected = _catalogue(lang).gettext(iso_name)
    assert expected != iso_name  # the catalogue really translates it
    assert country_name(iso3, lang=lang, display_names=display_names()) == expected


def test_special_cases_translate_iso_names():
    names = display_names()
    zh, ar = _catalogue("zh_CN"), _catalogue("ar")
    assert country_name("HKG", lang="zh_CN", display_names=names) == zh.gettext("Hong Kong")
    assert country_name("MAC", lang="ar", display_names=names) == ar.gettext("Macao")
    assert country_name("PSE", lang="ar", display_names=names) == ar.gettext("Palestine, State of")
    # Taiwan: the catalogue's translation of its ISO common name, as "Taiwan" in English
    assert country_name("TWN", lang="zh_CN", display_names=names) == zh.gettext("Taiwan")
    assert zh.gettext("Taiwan") != "Taiwan"


def test_missing_translation_falls_back_to_english_display_name():
    names = display_names()
    th = _catalogue("th")
    assert th.gettext("Türkiye") == "Türkiye"  # not in the Thai catalogue
    assert country_name("TUR", lang="th", display_names=names) == names["TUR"]
    ne = _catalogue("ne")
    assert ne.gettext("Palestine, State of") == "Palestine, State of"
    assert country_name("PSE", lang="ne", display_names=names) == "Palestine"
    # a code pycountry does not know keeps the supplied display name
    assert country_name("XKX", lang="th", display_names={"XKX": "Kosovo"}) == "Kosovo"


def test_english_keeps_display_name_overrides():
    names = display_names()
    en = country_names(lang="en", display_names=names)
    assert en["MMR"] == "Burma/Myanmar"
    assert en["HKG"] == "Hong Kong SAR"
    assert en["TWN"] == "Taiwan"
    assert len(en) == 51


def test_every_language_names_every_state():
    names = display_names()
    for lang in LANGUAGES:
        translated = country_names(lang=lang, display_names=names)
        assert set(translated) == set(names)
        assert all(translated.values())
        if lang != "en":
            assert sum(translated[i] != names[i] for i in names) > 20, lang


def test_unknown_language_is_refused():
    with pytest.raises(ValidationError, match="unknown language"):
        country_name("KHM", lang="xx", display_names=display_names())


def test_matrix_in_thai_from_the_sidebar(db_file):
    at = AppTest.from_file("../app.py", default_timeout=60)
    at.run()
    at.switch_page("app_pages/campaign/matrix.py").run()
    at.selectbox(key="lang").set_value("th").run()
    assert not at.exception
    index = set(at.dataframe[0].value.index)
    thai = _catalogue("th")
    assert thai.gettext("Cambodia") in index
    assert thai.gettext("Philippines") in index
    assert "Cambodia" not in index
    assert len(index) == 51
