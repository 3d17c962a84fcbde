"""Demo step (DEMO_STEPS): the portal in Traditional Chinese and, for a few pages, English.

zh-hant: the home page and every column and item below it, machine-translated by OpenCC through
wagtail-localize (TranslationSource -> Translation -> segments -> publish), as a translator's
"machine translate" button does. en: the home page, 走进梅州 and three policy files, written by hand in
demo_content/en.po and imported through wagtail-localize's PO import, as an agency's file would be.
Idempotent: a page whose translation is in place and not out of date is left alone.
"""

from pathlib import Path

import polib
from wagtail.models import Locale, Page, Site

from site.models import PortalIdentity, WebsiteLink

from .groups import setup_translators
from .identity import mirror_identity
from .models import IdentityText
from .operations import machine_translate, start_translation
from .status import is_out_of_date, translation_for

ENGLISH_PO = Path(__file__).with_name("demo_content") / "en.po"
ENGLISH_PAGES = [
    "/",
    "/zjmz/",
    "/zjmz/zjmz-01/",
    "/zjmz/zjmz-02/",
    "/zjmz/zjmz-03/",
    "/zwgk/zcwj/",
    "/zwgk/zcwj/zcwj-01/",
    "/zwgk/zcwj/zcwj-03/",
    "/zwgk/zcwj/zcwj-04/",
]
IDENTITY_CONTEXT = "#identity"


def load(home, stdout):
    hant = Locale.objects.get(language_code="zh-hant")
    english = Locale.objects.get(language_code="en")
    catalogue = {(e.msgctxt, e.msgid): e.msgstr for e in polib.pofile(str(ENGLISH_PO)) if e.msgstr}

    pages = [home.specific] + [p.specific for p in home.get_descendants().order_by("path")]
    hant_count = sum(translate_page(page, hant, machine_translate) for page in pages)

    en_count = 0
    for relative in ENGLISH_PAGES:
        page = find(home, relative)
        if page is not None:
            en_count += translate_page(page, english, lambda t, key=relative: import_catalogue(t, catalogue, key))

    site = Site.objects.get(root_page=home)
    mirror_identity(PortalIdentity, PortalIdentity.for_site(site))
    identity = IdentityText.objects.get(site=site, locale=home.locale)
    translate_snippet(identity, hant, machine_translate)
    translate_snippet(identity, english, lambda t: import_catalogue(t, catalogue, IDENTITY_CONTEXT))
    for link in WebsiteLink.objects.filter(locale=home.locale):
        translate_snippet(link, hant, machine_translate)

    group, _roots = setup_translators()
    stdout.write(
        f"翻译：繁体版新译 {hant_count} 页（OpenCC），英文版新译 {en_count} 页（PO 文件）；“{group.name}”用户组已就绪。"
    )


def find(home, relative):
    if relative == "/":
        return home.specific
    page = Page.objects.filter(locale=home.locale, url_path=home.url_path + relative.lstrip("/")).first()
    return page.specific if page else None


def translate_page(page, locale, fill):
    """Translate and publish ``page`` into ``locale`` unless that is already done; returns 1 if it did."""
    existing = page.get_translation_or_none(locale)
    if existing is not None and not existing.alias_of_id:
        translation = translation_for(existing)
        if translation is not None and not is_out_of_date(translation):
            return 0
    translation = start_translation(page, locale)
    fill(translation)
    translation.save_target(publish=True)
    return 1


def translate_snippet(instance, locale, fill):
    if instance.get_translation_or_none(locale) is not None:
        return
    translation = start_translation(instance, locale)
    fill(translation)
    translation.save_target(publish=True)


def import_catalogue(translation, catalogue, key):
    """Fill wagtail-localize's own PO export of this translation from the catalogue and import it."""
    po = translation.export_po()
    for entry in po:
        entry.msgstr = catalogue.get((key, entry.msgid), entry.msgstr)
    translation.import_po(po, tool_name="PO File")
