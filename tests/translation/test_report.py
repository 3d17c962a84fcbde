"""The 翻译进度 admin report: per locale, translated / out of date / untranslated, with links."""

import re

from django.test import Client
from django.urls import reverse

from .test_workflow_admin import machine_translate, publish, submit, target, translation_of

URL = reverse("portal_translation_status_report")


def counts(response):
    html = response.content.decode()
    return {key: int(n) for key, n in re.findall(r'data-status="([\w-]+)">(\d+)</a>', html)}


def test_report_counts_and_links(admin_client, tree):
    column, policy = tree["column"], tree["policy"]
    submit(admin_client, column, "zh-hant")
    machine_translate(admin_client, translation_of(column, "zh-hant"))
    publish(admin_client, target(column, "zh-hant"))
    submit(admin_client, policy, "zh-hant")  # submitted, nothing translated yet
    submit(admin_client, policy, "en")
    machine_translate(admin_client, translation_of(policy, "zh-hant"))

    response = admin_client.get(URL)
    assert response.status_code == 200
    summary = counts(response)
    # zh-hant: home (alias), column (translated and published), policy (translated, not published)
    assert summary["zh-hant-translated"] == 1
    assert summary["zh-hant-unpublished"] == 1
    assert summary["zh-hant-untranslated"] == 1
    assert summary["en-untranslated"] == 3  # home and column aliases, policy with nothing translated
    assert summary["en-translated"] == 0

    column.intro = "<p>新内容。</p>"
    column.save_revision().publish()
    response = admin_client.get(URL, {"locale": "zh-hant", "status": "out_of_date"})
    assert counts(response)["zh-hant-out_of_date"] == 1
    html = response.content.decode()
    edit = reverse("wagtailadmin_pages:edit", args=[target(column, "zh-hant").id])
    assert f'href="{edit}"' in html  # each listed page links to its editor
    assert reverse("wagtailadmin_pages:edit", args=[target(policy, "zh-hant").id]) not in html  # filtered out


def test_report_is_in_the_reports_menu_and_needs_login(admin_client, tree):
    assert URL in admin_client.get(reverse("wagtailadmin_home")).content.decode()
    response = Client().get(URL)
    assert response.status_code == 302 and "/admin/login/" in response.url
