"""A wagtail-localize machine translator for this portal.

wagtail-localize's own translators compare only the language part of a locale code, so they refuse
zh-hans -> zh-hant. This one compares full codes:

* zh-hans <-> zh-hant: OpenCC, phrase-level conversion. The standard is a setting (OPENCC_CONFIG):
  "s2hk" (default) keeps mainland statutory vocabulary (《政府信息公开条例》 stays 信息公開) in Hong Kong
  character forms; "s2twp" converts to Taiwan vocabulary too (信息公开 -> 資訊公開, 软件 -> 軟體).
* zh-hans -> en (or any other language): delegated to a self-hosted LibreTranslate when
  LIBRETRANSLATE_URL is configured; otherwise can_translate() is False and the editor is told that
  the translation needs a human (see wagtail_hooks.py).
"""

import re
from functools import lru_cache

from django.utils.translation import gettext_lazy as _
from wagtail_localize.machine_translators.base import BaseMachineTranslator
from wagtail_localize.machine_translators.libretranslate import LibreTranslator
from wagtail_localize.strings import StringValue

# Conversions to Traditional Chinese that we accept in settings, with what they mean.
OPENCC_CONFIGS = {
    "s2hk": _("香港繁体（保留“信息公开”等法定用语）"),
    "s2twp": _("台湾正体（含词汇转换，如“软件”→“軟體”）"),
    "s2tw": _("台湾正体（仅字形）"),
    "s2t": _("OpenCC 标准繁体"),
}
REVERSE_CONFIG = "t2s"
SIMPLIFIED, TRADITIONAL = "zh-hans", "zh-hant"
# A tag (wagtail-localize strips attributes, so tags carry only ids), or the text between tags.
TAG = re.compile(r"(<[^>]*>)")


@lru_cache(maxsize=None)
def converter(config):
    import opencc

    return opencc.OpenCC(config)


def convert_html(html, config):
    """Convert the text of an HTML fragment, leaving its tags (and their ids) untouched."""
    cc = converter(config)
    return "".join(part if TAG.fullmatch(part) else cc.convert(part) for part in TAG.split(html))


class OpenCCTranslator(BaseMachineTranslator):
    display_name = "OpenCC"

    def __init__(self, options):
        super().__init__(options)
        self.opencc_config = options.get("OPENCC_CONFIG") or "s2hk"
        if self.opencc_config not in OPENCC_CONFIGS:
            raise ValueError(f"OPENCC_CONFIG must be one of {sorted(OPENCC_CONFIGS)}, not {self.opencc_config!r}")
        url = options.get("LIBRETRANSLATE_URL")
        self.engine = (
            LibreTranslator(
                {
                    "LIBRETRANSLATE_URL": url.rstrip("/"),
                    "API_KEY": options.get("LIBRETRANSLATE_API_KEY", ""),
                    "TIMEOUT": options.get("TIMEOUT", 30),
                }
            )
            if url
            else None
        )

    def opencc_direction(self, source_locale, target_locale):
        pair = (source_locale.language_code.lower(), target_locale.language_code.lower())
        return {(SIMPLIFIED, TRADITIONAL): self.opencc_config, (TRADITIONAL, SIMPLIFIED): REVERSE_CONFIG}.get(pair)

    def can_translate(self, source_locale, target_locale):
        if self.opencc_direction(source_locale, target_locale):
            return True
        if source_locale.language_code == target_locale.language_code:
            return False
        return self.engine is not None and self.engine.can_translate(source_locale, target_locale)

    def translate(self, source_locale, target_locale, strings):
        config = self.opencc_direction(source_locale, target_locale)
        if config is None:
            if not self.can_translate(source_locale, target_locale):
                raise ValueError(needs_human_message(target_locale))
            return self.engine.translate(source_locale, target_locale, strings)
        return {string: StringValue(convert_html(string.data, config)) for string in strings}


def needs_human_message(target_locale):
    return _("%(locale)s 版本需要人工翻译：未配置机器翻译引擎（LIBRETRANSLATE_URL）。") % {
        "locale": target_locale.get_display_name()
    }
