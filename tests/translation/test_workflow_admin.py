"""Translate through wagtail-localize's real admin views: submit, machine translate, publish, sync."""

import json

from django.test import TestCase
from django.urls import reverse
from wagtail.models import Page
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from .conftest import locale


def committed(post):
    """wagtail-localize publishes in transaction.on_commit; run those callbacks as a real commit would."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return post()


def submit(client, page, *codes, subtree=False):
    data = {"locales": [locale(c).id for c in codes]}
    if subtree:
        data["include_subtree"] = "on"
    url = reverse("wagtail_localize:submit_page_translation", args=[page.id])
    return committed(lambda: client.post(url, data))


def translation_of(page, code):
    source = TranslationSource.objects.get_for_instance(page)
    return Translation.objects.get(source=source, target_locale=locale(code))


def target(page, code):
    return page.get_translation(locale(code)).specific


def machine_translate(client, translation):
    url = reverse("wagtail_localize:machine_translate", args=[translation.id])
    return client.post(url, {"next": "/admin/"})


def publish(client, page):
    url = reverse("wagtailadmin_pages:edit", args=[page.id])
    return committed(lambda: client.post(url, {"action": "publish"}))


def test_synchronised_alias_exists_before_translation(tree):
    alias = target(tree["column"], "zh-hant")
    assert alias.alias_of_id == tree["column"].id


def test_translate_machine_translate_and_publish(admin_client, tree):
    column = tree["column"]
    response = submit(admin_client, column, "zh-hant")
    assert response.status_code == 302
    page = target(column, "zh-hant")
    assert page.alias_of_id is None, "the alias became a real translation page"
    assert page.translation_key == column.translation_key

    translation = translation_of(column, "zh-hant")
    editor = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.id]))
    assert json.loads(editor.context["props"])["machineTranslator"]["name"] == "OpenCC"  # the one-click button
    response = machine_translate(admin_client, translation)
    assert response.status_code == 302
    assert StringTranslation.objects.filter(locale=locale("zh-hant"), tool_name="OpenCC").exists()

    response = publish(admin_client, page)
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.title == "政策文件"  # same in both scripts
    assert "政府信息公開" in page.intro
    assert '<a href="https://www.gd.gov.cn/">軟件</a>' in page.intro  # link and its target kept
    assert "<b>政府信息公開</b>" in page.intro

    public = admin_client.get(page.url)
    assert public.status_code == 200
    assert "政府信息公開" in public.content.decode()


def test_whole_subtree_and_streamfield_markup(admin_client, tree):
    column, policy = tree["column"], tree["policy"]
    submit(admin_client, column, "zh-hant", subtree=True)
    page = target(policy, "zh-hant")
    assert page.alias_of_id is None
    machine_translate(admin_client, translation_of(policy, "zh-hant"))
    publish(admin_client, page)
    page.refresh_from_db()
    assert page.title == "梅州市軟件產業發展政策"
    heading, paragraph = page.body[0], page.body[1]
    assert heading.value["text"] == "信息公開指南" and heading.value["level"] == "h2"
    html = paragraph.value.source
    assert '<a href="https://www.meizhou.gov.cn/">網絡</a>' in html
    assert "<i>下載</i>軟件" in html
    assert page.source == "梅州市人民政府辦公室"
    assert page.publish_time == policy.publish_time  # not text: synchronised as it is


def test_english_has_no_machine_translation_without_engine(admin_client, tree):
    column = tree["column"]
    submit(admin_client, column, "en")
    page = target(column, "en")
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.id]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "需要人工翻译" in html
    assert json.loads(response.context["props"])["machineTranslator"] is None
    response = machine_translate(admin_client, translation_of(column, "en"))
    assert response.status_code == 404
    assert not StringTranslation.objects.filter(locale=locale("en")).exists()


def test_changed_source_marks_translation_out_of_date_and_sync_keeps_segments(admin_client, tree):
    from site.translation.status import IN_PROGRESS, OUT_OF_DATE, TRANSLATED, UNPUBLISHED, page_status

    column = tree["column"]
    submit(admin_client, column, "zh-hant")
    machine_translate(admin_client, translation_of(column, "zh-hant"))
    page = target(column, "zh-hant")
    assert page_status(page) == UNPUBLISHED
    publish(admin_client, page)
    page.refresh_from_db()
    assert page_status(page) == TRANSLATED
    kept = StringTranslation.objects.get(locale=locale("zh-hant"), translation_of__data="政策文件")

    column.intro = "<p>本栏目发布新的政策。</p>"
    column.save_revision().publish()

    assert page_status(page) == OUT_OF_DATE
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.id]))
    assert "译文已过期" in response.content.decode()

    source = translation_of(column, "zh-hant").source
    url = reverse("wagtail_localize:update_translations", args=[source.id])
    response = committed(lambda: admin_client.post(url, {"publish_translations": ""}))
    assert response.status_code == 302
    assert page_status(page) == IN_PROGRESS  # the new sentence waits for a translator
    kept.refresh_from_db()  # the title's translation survived the sync
    assert kept.data == "政策文件"
    machine_translate(admin_client, translation_of(column, "zh-hant"))
    assert page_status(page) == UNPUBLISHED
    publish(admin_client, page)
    page.refresh_from_db()
    assert page_status(page) == TRANSLATED
    assert "本欄目發佈新的政策" in page.intro
