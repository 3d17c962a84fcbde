"""What visitors read outside pages: the link list and the footer identity, translated with wagtail-localize."""

from django.test import Client
from django.urls import reverse
from wagtail.models import Site

from site.models import PortalIdentity, WebsiteLink
from site.translation.models import IdentityText

from .conftest import locale
from .test_workflow_admin import committed


def translate_snippet(client, instance, code):
    model = type(instance)
    url = reverse(
        "wagtail_localize:submit_snippet_translation",
        args=[model._meta.app_label, model._meta.model_name, instance.pk],
    )
    assert committed(lambda: client.post(url, {"locales": [locale(code).id]})).status_code == 302
    translated = instance.get_translation(locale(code))
    edit = reverse(f"wagtailsnippets_{model._meta.app_label}_{model._meta.model_name}:edit", args=[translated.pk])
    from wagtail_localize.models import Translation, TranslationSource

    translation = Translation.objects.get(
        source=TranslationSource.objects.get_for_instance(instance), target_locale=locale(code)
    )
    client.post(reverse("wagtail_localize:machine_translate", args=[translation.id]), {"next": edit})
    assert committed(lambda: client.post(edit, {"action": "publish"})).status_code == 302
    translated.refresh_from_db()
    return translated


def test_link_list_is_translated(admin_client, tree):
    link = WebsiteLink.objects.create(
        locale=locale("zh-hans"), category="higher", title="广东省人民政府网站", url="https://www.gd.gov.cn/"
    )
    listing = admin_client.get(reverse("wagtailsnippets_portal_websitelink:list"))
    assert reverse(
        "wagtail_localize:submit_snippet_translation", args=["portal", "websitelink", link.pk]
    ) in listing.content.decode()  # the Translate button is offered
    translated = translate_snippet(admin_client, link, "zh-hant")
    assert translated.title == "廣東省人民政府網站" and translated.url == link.url
    assert "廣東省人民政府網站" in Client().get("/zh-hant/").content.decode()


def test_footer_identity_follows_the_visitors_language(admin_client, tree):
    identity = PortalIdentity.for_site(Site.objects.get(is_default_site=True))
    identity.sponsor = "梅州市人民政府办公室"
    identity.address = "梅州市梅江区彬芳大道"
    identity.phone = "0753-2188000"
    identity.save()
    source = IdentityText.objects.get(locale=locale("zh-hans"))
    assert source.sponsor == "梅州市人民政府办公室"  # mirrored from the setting

    translate_snippet(admin_client, source, "zh-hant")
    english = source.copy_for_translation(locale("en"))
    english.sponsor = "General Office of Meizhou Municipal People's Government"
    english.save()

    visitor = Client()
    assert "梅州市人民政府辦公室" in visitor.get("/zh-hant/").content.decode()
    english_page = visitor.get("/en/").content.decode()
    assert "General Office of Meizhou Municipal People&#x27;s Government" in english_page
    assert "0753-2188000" in english_page  # not text: taken from the setting
    assert "梅州市梅江区彬芳大道" in english_page  # not translated yet: the original, not nothing
    assert "梅州市人民政府办公室" in visitor.get("/").content.decode()
