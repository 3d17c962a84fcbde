"""site/translation's own catalogues are complete and compiled (the shared test looks one level deep)."""

from pathlib import Path

import polib
import pytest

LOCALE = Path(__file__).resolve().parents[2] / "site" / "translation" / "locale"


@pytest.mark.parametrize("language", ["zh_Hant", "en"])
def test_catalogue_complete_and_compiled(language):
    po = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    assert len(po) > 40
    assert not po.untranslated_entries() and not po.fuzzy_entries()
    compiled = {(e.msgid, e.msgstr) for e in polib.mofile(str(LOCALE / language / "LC_MESSAGES" / "django.mo"))}
    assert {(e.msgid, e.msgstr) for e in po.translated_entries()} <= compiled
