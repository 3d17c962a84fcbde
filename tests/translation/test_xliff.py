"""XLIFF 1.2 export/import through real admin requests; a bad file is refused and changes nothing."""

from xml.etree import ElementTree as ET

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page
from wagtail_localize.models import StringTranslation

from tests.factories import UserFactory

from .conftest import locale
from .test_pofile import messages_of
from .test_translators import refused
from .test_workflow_admin import publish, submit, target, translation_of

NS = "{urn:oasis:names:tc:xliff:document:1.2}"
BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE xliff [
  <!ENTITY a "ha">
  <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
  <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
  <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
  <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
  <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
  <!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
  <!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">
  <!ENTITY i "&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;">
]>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file original="x" source-language="zh-Hans" target-language="en" datatype="plaintext">
<body><trans-unit id="title#1" resname="title">
<source>&i;</source></trans-unit></body></file></xliff>"""
EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE xliff [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file original="x" source-language="zh-Hans" target-language="en" datatype="plaintext">
<body><trans-unit id="title#1" resname="title">
<source>&secret;</source></trans-unit></body></file></xliff>"""


def download(client, translation):
    response = client.get(reverse("portal_translation_download_xliff", args=[translation.id]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/x-xliff+xml"
    assert "attachment" in response["Content-Disposition"] and ".xlf" in response["Content-Disposition"]
    return ET.fromstring(response.content)


def upload(client, translation, content):
    url = reverse("portal_translation_upload_xliff", args=[translation.id])
    file = SimpleUploadedFile("policy-en.xlf", content if isinstance(content, bytes) else content.encode())
    return client.post(url, {"file": file, "next": "/admin/"}, follow=True)


def units(root):
    return {unit.get("resname"): unit for unit in root.iter(f"{NS}trans-unit")}


def set_target(unit, text):
    element = unit.find(f"{NS}target")
    if element is None:
        element = ET.SubElement(unit, f"{NS}target")
    element.text = text


def fill(root):
    for name, unit in units(root).items():
        source = unit.find(f"{NS}source").text
        if name == "title":
            set_target(unit, "Policy Documents")
        elif name == "intro":
            set_target(
                unit,
                source.replace("本栏目发布", "This column publishes ")
                .replace("<b>政府信息公开</b>相关的", "<b>government information</b> on ")
                .replace("软件</a>政策。", "software</a> policies."),
            )
        elif name == "slug":
            set_target(unit, "policy-documents")
        else:
            set_target(unit, "English text")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def english(client, tree, page="column"):
    submit(client, tree[page], "en")
    return translation_of(tree[page], "en")


def test_xliff_round_trip(admin_client, tree):
    translation = english(admin_client, tree)
    root = download(admin_client, translation)
    assert root.tag == f"{NS}xliff" and root.get("version") == "1.2"
    file = root.find(f"{NS}file")
    assert (file.get("source-language"), file.get("target-language")) == ("zh-Hans", "en")
    prop = file.find(f"{NS}header/{NS}prop-group/{NS}prop")
    assert prop.get("prop-type") == "x-wagtail-localize-translation-id" and prop.text == str(translation.uuid)
    intro = units(root)["intro"]
    assert intro.get("id").startswith("intro#")
    assert '<a id="a1">软件</a>' in intro.find(f"{NS}source").text  # a placeholder kept as text, as in PO
    assert intro.find(f"{NS}target") is None  # nothing translated yet
    ids = [unit.get("id") for unit in root.iter(f"{NS}trans-unit")]
    assert len(set(ids)) == len(ids)
    assert ids == [unit.get("id") for unit in download(admin_client, translation).iter(f"{NS}trans-unit")]

    filled = ET.fromstring(fill(root))
    units(filled)["intro"].find(f"{NS}target").set("state", "needs-translation")  # a CAT tool's "not done"
    response = upload(admin_client, translation, ET.tostring(filled))
    assert any("已从 XLIFF 文件导入" in m for m in messages_of(response)), messages_of(response)
    assert not StringTranslation.objects.filter(locale=locale("en"), context__path="intro").exists()
    response = upload(admin_client, translation, fill(root))
    assert any("已从 XLIFF 文件导入" in m for m in messages_of(response)), messages_of(response)
    assert StringTranslation.objects.filter(locale=locale("en"), tool_name="XLIFF File").exists()
    page = target(tree["column"], "en")
    publish(admin_client, page)
    page.refresh_from_db()
    assert page.title == "Policy Documents"
    link = '<a href="https://www.gd.gov.cn/">software</a>'
    assert f"<b>government information</b> on {link} policies." in page.intro
    assert page.url == "/en/policy-documents/"

    again = units(download(admin_client, translation))  # the export now carries the translations
    target_element = again["title"].find(f"{NS}target")
    assert target_element.text == "Policy Documents" and target_element.get("state") == "translated"


def test_editor_offers_the_xliff_actions(admin_client, tree):
    translation = english(admin_client, tree)
    page = target(tree["column"], "en")
    editor = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.id]))
    html = editor.content.decode()
    assert reverse("portal_translation_download_xliff", args=[translation.id]) in html
    assert reverse("portal_translation_upload_xliff", args=[translation.id]) in html
    form = admin_client.get(reverse("portal_translation_upload_xliff", args=[translation.id]))
    assert form.status_code == 200 and 'type="file"' in form.content.decode()


def assert_refused(client, translation, content, expected):
    before = list(StringTranslation.objects.values_list("id", "data"))
    response = upload(client, translation, content)
    assert response.status_code == 200
    texts = messages_of(response)
    assert any("XLIFF 文件未导入" in m and expected in m for m in texts), texts
    assert list(StringTranslation.objects.values_list("id", "data")) == before


def test_malformed_xml_is_refused(admin_client, tree):
    translation = english(admin_client, tree)
    assert_refused(admin_client, translation, b"\xff\xfe not xml \x00", "不是有效的 XLIFF 文件")
    filled = fill(download(admin_client, translation))
    assert_refused(admin_client, translation, filled[: len(filled) // 2], "不是有效的 XLIFF 文件")
    assert_refused(admin_client, translation, 'msgid "a"\nmsgstr "b"\n', "不是有效的 XLIFF 文件")  # a PO file
    assert_refused(admin_client, translation, "<xliff version='2.0'/>", "不是 XLIFF 1.2 文件")


def test_xml_bombs_and_external_entities_are_refused(admin_client, tree):
    translation = english(admin_client, tree)
    assert_refused(admin_client, translation, BILLION_LAUGHS, "实体声明或外部引用")
    assert_refused(admin_client, translation, EXTERNAL_ENTITY, "实体声明或外部引用")


def test_file_of_another_page_is_refused(admin_client, tree):
    translation = english(admin_client, tree)
    other = fill(download(admin_client, english(admin_client, tree, page="policy")))
    assert_refused(admin_client, translation, other, "属于另一项翻译")
    root = download(admin_client, translation)
    root.find(f"{NS}file/{NS}header").clear()
    assert_refused(admin_client, translation, fill(root), "缺少翻译标识")


def test_stale_source_and_broken_markup_are_refused_as_a_whole(admin_client, tree):
    translation = english(admin_client, tree)
    root = download(admin_client, translation)
    filled = ET.fromstring(fill(root))
    units(filled)["intro"].find(f"{NS}source").text = "原文中没有的句子"
    assert_refused(admin_client, translation, ET.tostring(filled), "与当前原文不符")
    assert not StringTranslation.objects.filter(locale=locale("en")).exists()  # not even the good units

    filled = ET.fromstring(fill(root))
    set_target(units(filled)["intro"], 'See <a id="a9">elsewhere</a>')  # a link the source does not have
    assert_refused(admin_client, translation, ET.tostring(filled), "格式有误")

    filled = ET.fromstring(fill(root))
    ET.SubElement(units(filled)["title"].find(f"{NS}target"), f"{NS}g", {"id": "1"}).text = "x"
    # Wagtail escapes the message's "<g>"
    assert_refused(admin_client, translation, ET.tostring(filled), "内联元素 &lt;g&gt;")


def test_missing_file_is_refused(admin_client, tree):
    translation = english(admin_client, tree)
    url = reverse("portal_translation_upload_xliff", args=[translation.id])
    response = admin_client.post(url, {"next": "/admin/"}, follow=True)
    assert any("请选择要上传的 XLIFF 文件" in m for m in messages_of(response))


@pytest.fixture
def hant_only(client, tree):
    """A translator allowed into the zh-hant tree only (admin access, change page there)."""
    call_command("setup_translators", stdout=open("/dev/null", "w"))
    group = Group.objects.create(name="繁体翻译")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    hant_home = Page.objects.get(depth=2, locale=locale("zh-hant"))
    change = Permission.objects.get(codename="change_page")
    GroupPagePermission.objects.create(group=group, page=hant_home, permission=change)
    user = UserFactory(username="hant")
    user.groups.add(group)
    client.force_login(user)
    return client


def test_translator_imports_only_where_they_may_edit(admin_client, hant_only, tree):
    submit(admin_client, tree["column"], "zh-hant", "en")
    hant, en = translation_of(tree["column"], "zh-hant"), translation_of(tree["column"], "en")

    editor = hant_only.get(reverse("wagtailadmin_pages:edit", args=[target(tree["column"], "zh-hant").id]))
    assert reverse("portal_translation_upload_xliff", args=[hant.id]) in editor.content.decode()
    response = upload(hant_only, hant, fill(download(hant_only, hant)))  # their own tree: allowed
    assert any("已从 XLIFF 文件导入" in m for m in messages_of(response)), messages_of(response)

    good_file = fill(download(admin_client, en))
    before = list(StringTranslation.objects.values_list("id", "data"))
    assert refused(hant_only.get(reverse("portal_translation_download_xliff", args=[en.id])))
    assert refused(hant_only.get(reverse("portal_translation_upload_xliff", args=[en.id])))
    url = reverse("portal_translation_upload_xliff", args=[en.id])
    response = hant_only.post(url, {"file": SimpleUploadedFile("en.xlf", good_file), "next": "/admin/"})
    assert refused(response)
    assert list(StringTranslation.objects.values_list("id", "data")) == before
    assert not StringTranslation.objects.filter(locale=locale("en")).exists()


def test_translator_group_can_use_xliff_for_english(translator_client, admin_client, tree):
    translation = english(translator_client, tree)
    response = upload(translator_client, translation, fill(download(translator_client, translation)))
    assert any("已从 XLIFF 文件导入" in m for m in messages_of(response)), messages_of(response)
    editor = translator_client.get(reverse("wagtailadmin_pages:edit", args=[target(tree["column"], "en").id]))
    assert reverse("portal_translation_upload_xliff", args=[translation.id]) in editor.content.decode()


@pytest.fixture
def translator_client(db, tree):
    call_command("setup_translators", stdout=open("/dev/null", "w"))
    user = UserFactory(username="fanyi")
    user.groups.add(Group.objects.get(name="翻译员"))
    client = Client()
    client.force_login(user)
    return client
