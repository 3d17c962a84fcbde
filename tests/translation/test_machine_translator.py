"""The OpenCC translator converts phrases, keeps markup, and hands English to LibreTranslate or a human."""

import json

import pytest
import requests
from django.utils import translation
from wagtail_localize.strings import StringValue

from site.translation.machine import OpenCCTranslator, convert_html


class FakeLocale:
    """Only language_code is read by the translator; a Locale row is not needed to test conversion."""

    def __init__(self, code):
        self.language_code = code

    def get_display_name(self):
        return self.language_code


HANS, HANT, EN = FakeLocale("zh-hans"), FakeLocale("zh-hant"), FakeLocale("en")


def translate(translator, text, source=HANS, target=HANT):
    value = StringValue(text)
    return translator.translate(source, target, [value])[value].data


def test_default_standard_is_hong_kong_keeping_statutory_terms(settings):
    translator = OpenCCTranslator(settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR["OPTIONS"])
    assert translator.opencc_config == "s2hk"
    # 《政府信息公开条例》 is a law's title: the default standard must not rename it.
    assert translate(translator, "政府信息公开条例") == "政府信息公開條例"
    assert translate(translator, "软件") == "軟件"


def test_taiwan_standard_converts_phrases_not_characters():
    translator = OpenCCTranslator({"OPENCC_CONFIG": "s2twp"})
    assert translate(translator, "信息公开") == "資訊公開"
    assert translate(translator, "软件") == "軟體"
    assert translate(translator, "网络打印机") == "網路印表機"


def test_traditional_back_to_simplified():
    translator = OpenCCTranslator({})
    assert translate(translator, "政府信息公開", HANT, HANS) == "政府信息公开"


def test_unknown_standard_is_refused():
    with pytest.raises(ValueError, match="OPENCC_CONFIG"):
        OpenCCTranslator({"OPENCC_CONFIG": "s2xx"})


def test_markup_links_and_inline_formatting_survive():
    html = '本栏目发布<b>政府信息</b>与<a id="a1">软件<i>下载</i></a>，详见<a id="a2">网络</a>。'
    assert convert_html(html, "s2twp") == '本欄目釋出<b>政府資訊</b>與<a id="a1">軟體<i>下載</i></a>，詳見<a id="a2">網路</a>。'


def test_full_locale_codes_are_compared():
    translator = OpenCCTranslator({})
    assert translator.can_translate(HANS, HANT)
    assert translator.can_translate(HANT, HANS)
    assert not translator.can_translate(HANS, HANS)


def test_english_needs_a_human_without_an_engine():
    translator = OpenCCTranslator({"LIBRETRANSLATE_URL": ""})
    assert not translator.can_translate(HANS, EN)
    with translation.override("zh-hans"), pytest.raises(ValueError, match="人工翻译"):
        translate(translator, "梅州", HANS, EN)
    with translation.override("en"), pytest.raises(ValueError, match="needs a human translator"):
        translate(translator, "梅州", HANS, EN)


def test_english_is_delegated_to_libretranslate(monkeypatch):
    """A configured engine is called (its HTTP request is intercepted here: no server in tests)."""
    calls = []

    class Response:
        def raise_for_status(self):
            pass

        def json(self):
            return {"translatedText": ["Meizhou <b>software</b>"]}

    def post(url, data, headers, timeout):
        calls.append((url, json.loads(data)))
        return Response()

    monkeypatch.setattr(requests, "post", post)
    translator = OpenCCTranslator({"LIBRETRANSLATE_URL": "http://mt.example.internal/", "LIBRETRANSLATE_API_KEY": "k"})
    assert translator.can_translate(HANS, EN)
    assert translate(translator, "梅州<b>软件</b>", HANS, EN) == "Meizhou <b>software</b>"
    url, payload = calls[0]
    assert url == "http://mt.example.internal/translate"
    assert payload["source"] == "zh" and payload["target"] == "en" and payload["format"] == "html"
    assert payload["q"] == ["梅州<b>软件</b>"]
