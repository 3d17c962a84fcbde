"""PO export/import through wagtail-localize's URLs; a bad file is refused and changes nothing."""

import polib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail_localize.models import StringTranslation

from .conftest import locale
from .test_workflow_admin import publish, submit, target, translation_of

def download(client, translation):
    response = client.get(reverse("wagtail_localize:download_pofile", args=[translation.id]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/x-gettext-translation"
    return polib.pofile(response.content.decode())


def upload(client, translation, content, name="policy-en.po"):
    url = reverse("wagtail_localize:upload_pofile", args=[translation.id])
    file = SimpleUploadedFile(name, content if isinstance(content, bytes) else content.encode())
    return client.post(url, {"file": file, "next": "/admin/"}, follow=True)


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


def english(admin_client, tree):
    submit(admin_client, tree["column"], "en")
    return translation_of(tree["column"], "en")


def fill(po):
    for entry in po:
        if entry.msgctxt == "title":
            entry.msgstr = "Policy Documents"
        elif entry.msgctxt == "intro":
            entry.msgstr = entry.msgid.replace("本栏目发布", "This column publishes ").replace(
                "<b>政府信息公开</b>相关的", "<b>government information</b> on "
            ).replace("软件</a>政策。", "software</a> policies.")
        elif entry.msgctxt == "slug":
            entry.msgstr = "policy-documents"
        else:
            entry.msgstr = "English text"
    return po


def test_po_round_trip(admin_client, tree):
    translation = english(admin_client, tree)
    po = download(admin_client, translation)
    assert po.metadata["X-WagtailLocalize-TranslationID"] == str(translation.uuid)
    assert {"title", "intro"} <= {entry.msgctxt for entry in po}
    intro = next(e for e in po if e.msgctxt == "intro")
    assert '<a id="a1">软件</a>' in intro.msgid  # the link travels as a placeholder, not its address

    response = upload(admin_client, translation, str(fill(po)))
    assert any("已从 PO 文件导入" in m for m in messages_of(response)), messages_of(response)
    page = target(tree["column"], "en")
    publish(admin_client, page)
    page.refresh_from_db()
    assert page.title == "Policy Documents"
    assert '<b>government information</b> on <a href="https://www.gd.gov.cn/">software</a> policies.' in page.intro
    assert page.url == "/en/policy-documents/"
    assert "government information" in admin_client.get(page.url).content.decode()

    again = download(admin_client, translation)  # the export now carries the translations
    assert next(e for e in again if e.msgctxt == "title").msgstr == "Policy Documents"


def assert_refused(admin_client, translation, content, expected):
    before = list(StringTranslation.objects.values_list("id", "data"))
    response = upload(admin_client, translation, content)
    assert response.status_code == 200
    texts = messages_of(response)
    assert any("PO 文件未导入" in m and expected in m for m in texts), texts
    assert list(StringTranslation.objects.values_list("id", "data")) == before


def test_garbage_is_refused(admin_client, tree):
    translation = english(admin_client, tree)
    assert_refused(admin_client, translation, b"\xff\xfe not a po file \x00", "不是有效的 PO 文件")
    assert_refused(admin_client, translation, 'msgid "a"\nmsgstr "b" "unterminated\n', "不是有效的 PO 文件")


def test_file_without_translation_id_is_refused(admin_client, tree):
    translation = english(admin_client, tree)
    po = fill(download(admin_client, translation))
    del po.metadata["X-WagtailLocalize-TranslationID"]
    assert_refused(admin_client, translation, str(po), "缺少翻译标识")


def test_file_of_another_translation_is_refused(admin_client, tree):
    translation = english(admin_client, tree)
    submit(admin_client, tree["column"], "zh-hant")
    other = fill(download(admin_client, translation_of(tree["column"], "zh-hant")))
    assert_refused(admin_client, translation, str(other), "属于另一项翻译")


def test_stale_or_edited_source_text_is_refused_as_a_whole(admin_client, tree):
    translation = english(admin_client, tree)
    po = fill(download(admin_client, translation))
    po.append(polib.POEntry(msgid="原文中没有的句子", msgctxt="intro", msgstr="Not in the source"))
    assert_refused(admin_client, translation, str(po), "与当前原文不符")
    assert not StringTranslation.objects.filter(locale=locale("en")).exists()  # not even the good lines


def test_broken_markup_is_refused(admin_client, tree):
    translation = english(admin_client, tree)
    po = fill(download(admin_client, translation))
    intro = next(e for e in po if e.msgctxt == "intro")
    intro.msgstr = 'See <a id="a9">elsewhere</a>'  # a link the source does not have
    assert_refused(admin_client, translation, str(po), "格式有误")


def test_missing_file_is_refused(admin_client, tree):
    translation = english(admin_client, tree)
    response = admin_client.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.id]), {"next": "/admin/"}, follow=True
    )
    assert any("请选择要上传的 PO 文件" in m for m in messages_of(response))
