"""The demo step translates through wagtail-localize and changes nothing the second time."""

import io

import pytest
from django.core.management import call_command
from django.test import Client, TestCase
from wagtail.models import Page, Revision
from wagtail_localize.models import StringTranslation

from site.translation.status import visitor_status


def load_demo():
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("load_demo", stdout=io.StringIO())


@pytest.mark.django_db
def test_demo_is_translated_and_idempotent():
    """One test: building the demo takes a while (about 80 pages translated and published)."""
    load_demo()
    visitor = Client()
    hant = visitor.get("/zh-hant/").content.decode()
    assert "梅州市人民政府門户網站" in hant
    rules = visitor.get("/zh-hant/zwgk/zcwj/mzsrmzfmhwzglbf/").content.decode()
    assert "第十二條 市政府門户網站默認文版為簡體中文" in rules
    assert "untranslated-notice" not in rules

    english = visitor.get("/en/zjmz/zjmz-01/").content.decode()
    assert "Meizhou at a Glance" in english and "World Hakka Capital" in english
    assert "untranslated-notice" not in english
    assert "General Office of Meizhou Municipal People&#x27;s Government" in english  # footer identity
    assert "<title>Meizhou at a Glance - Meizhou Municipal People&#x27;s Government</title>" in english
    assert 'class="site-name"><a href="/en/">Meizhou Municipal People&#x27;s Government</a>' in english
    assert "<title>梅州概況 - 梅州市人民政府</title>" in visitor.get("/zh-hant/zjmz/zjmz-01/").content.decode()
    assert "Policy Documents" in visitor.get("/en/zwgk/zcwj/").content.decode()
    assert "untranslated-notice" in visitor.get("/en/zwgk/zcwj/zcwj-02/").content.decode()  # not in the PO file

    live_hant = Page.objects.filter(locale__language_code="zh-hant", depth__gt=1)
    assert live_hant.filter(alias_of__isnull=True).count() == live_hant.count()
    assert all(visitor_status(p) is None for p in live_hant)
    assert StringTranslation.objects.filter(locale__language_code="en", tool_name="PO File").exists()

    counts = (Revision.objects.count(), StringTranslation.objects.count(), Page.objects.count())
    load_demo()
    assert (Revision.objects.count(), StringTranslation.objects.count(), Page.objects.count()) == counts
