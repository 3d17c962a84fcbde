"""Translate pages and snippets through wagtail-localize's own records, outside a request
(used by the demo step; translators do the same through the admin views)."""

from django.db import transaction
from wagtail_localize.machine_translators import get_machine_translator
from wagtail_localize.models import StringTranslation, Translation, TranslationSource


def start_translation(instance, locale):
    """The Translation of ``instance`` into ``locale`` (its TranslationSource brought up to date)."""
    source, created = TranslationSource.get_or_create_from_instance(instance)
    if not created:
        source.update_from_db()
    translation, _ = Translation.objects.get_or_create(source=source, target_locale=locale)
    if not translation.enabled:
        translation.enabled = True
        translation.save(update_fields=["enabled"])
    return translation


def machine_translate(translation, user=None):
    """Fill the segments that have no translation yet, as the editor's machine-translate button does."""
    translator = get_machine_translator()
    source_locale, target_locale = translation.source.locale, translation.target_locale
    if translator is None or not translator.can_translate(source_locale, target_locale):
        return 0
    pending = {}
    for segment in translation.source.stringsegment_set.select_related("context", "string"):
        exists = StringTranslation.objects.filter(
            translation_of_id=segment.string_id, locale=target_locale, context_id=segment.context_id
        ).exists()
        if not exists:
            pending.setdefault(segment.string.as_value(), []).append((segment.string_id, segment.context_id))
    if not pending:
        return 0
    results = translator.translate(source_locale, target_locale, list(pending))
    with transaction.atomic():
        for value, places in pending.items():
            for string_id, context_id in places:
                StringTranslation.objects.get_or_create(
                    translation_of_id=string_id,
                    locale=target_locale,
                    context_id=context_id,
                    defaults={
                        "data": results[value].data,
                        "translation_type": StringTranslation.TRANSLATION_TYPE_MACHINE,
                        "tool_name": translator.display_name,
                        "last_translated_by": user,
                    },
                )
    return len(pending)
