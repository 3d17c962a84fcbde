"""What visitors see: a notice on pages not (yet) translated, and a switcher that never leads nowhere."""

import re

from django.test import Client

from .conftest import locale
from .test_workflow_admin import machine_translate, publish, submit, target, translation_of

NOTICE = re.compile(r'<p class="untranslated-notice" role="note" data-translation-status="(\w+)">([^<]+)</p>')


def notice(response):
    match = NOTICE.search(response.content.decode())
    return match.groups() if match else None


def switcher(response):
    nav = response.content.decode().split('class="language-switcher"', 1)[1].split("</nav>", 1)[0]
    return {lang: href for href, lang in re.findall(r'<a href="([^"]+)" hreflang="([^"]+)"', nav)}


def test_alias_says_it_is_not_translated_in_the_visitors_language(tree):
    visitor = Client()
    assert notice(visitor.get("/zcwj/")) is None  # the original
    status, text = notice(visitor.get("/zh-hant/zcwj/"))
    assert status == "untranslated" and text == "本頁尚未翻譯，以下為簡體中文原文。"
    status, text = notice(visitor.get("/en/zcwj/"))
    assert text == "This page has not been translated yet; the Simplified Chinese original follows."


def test_notice_follows_what_is_live(admin_client, tree):
    column, visitor = tree["column"], Client()
    submit(admin_client, column, "zh-hant")
    assert notice(visitor.get("/zh-hant/zcwj/"))[0] == "untranslated"
    machine_translate(admin_client, translation_of(column, "zh-hant"))
    # Translated in the editor but not published: visitors still read Simplified Chinese.
    assert notice(visitor.get("/zh-hant/zcwj/"))[0] == "untranslated"
    publish(admin_client, target(column, "zh-hant"))
    response = visitor.get("/zh-hant/zcwj/")
    assert notice(response) is None
    assert "政府信息公開" in response.content.decode()

    column.intro = "<p>新增的说明。</p>"
    column.save_revision().publish()
    assert notice(visitor.get("/zh-hant/zcwj/"))[0] == "out_of_date"


def test_switcher_leads_to_copy_then_to_translation(admin_client, tree):
    visitor = Client()
    links = switcher(visitor.get("/zcwj/policy-1/"))
    assert links == {"zh-Hant": "/zh-hant/zcwj/policy-1/", "en": "/en/zcwj/policy-1/"}
    for href in links.values():
        response = visitor.get(href)
        assert response.status_code == 200 and notice(response)[0] == "untranslated"

    policy = tree["policy"]
    submit(admin_client, tree["column"], "zh-hant", subtree=True)
    machine_translate(admin_client, translation_of(policy, "zh-hant"))
    publish(admin_client, target(policy, "zh-hant"))
    links = switcher(visitor.get("/zcwj/policy-1/"))
    response = visitor.get(links["zh-Hant"])
    assert response.status_code == 200
    assert "梅州市軟件產業發展政策" in response.content.decode()
    assert notice(response) is None
    assert target(policy, "zh-hant").locale == locale("zh-hant")
