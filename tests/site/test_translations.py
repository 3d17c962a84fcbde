"""Every catalogue is complete (zh_Hant and en) and its compiled .mo matches the .po."""

from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = sorted(
    p for p in ROOT.glob("*/locale/*/LC_MESSAGES/django.po") if ".venv" not in p.parts
)


def test_every_app_has_both_catalogues():
    apps = {p.parts[-5] for p in CATALOGUES}
    assert {"site", "home", "columns", "services", "search"} <= apps
    for app in apps:
        for language in ("zh_Hant", "en"):
            assert (ROOT / app / "locale" / language / "LC_MESSAGES" / "django.po").exists(), (app, language)


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_catalogue_is_complete_and_compiled(path):
    po = polib.pofile(str(path))
    untranslated = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert not untranslated, f"untranslated in {path}: {untranslated}"
    assert not fuzzy, f"fuzzy in {path}: {fuzzy}"
    mo = polib.mofile(str(path.with_suffix(".mo")))
    compiled = {(e.msgid, e.msgstr or tuple(sorted(e.msgstr_plural.items()))) for e in mo}
    for entry in po.translated_entries():
        key = (entry.msgid, entry.msgstr or tuple(sorted((int(k), v) for k, v in entry.msgstr_plural.items())))
        assert key in compiled, f"{path}.mo is stale for {entry.msgid!r}: run make messages"
