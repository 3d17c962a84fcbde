"""PO import that refuses a bad file as a whole: wagtail-localize's own upload view fails with a
server error on a file without its translation id, and silently skips lines it does not know."""

import contextlib
import os
import tempfile

import polib
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail_localize.models import StringSegment
from wagtail_localize.strings import StringValue, validate_translation_links

MAX_PO_BYTES = 5 * 1024 * 1024


class POFileRefused(Exception):
    """The file cannot be imported; the message says why, in the user's language."""


def parse(uploaded):
    if uploaded is None:
        raise POFileRefused(_("请选择要上传的 PO 文件。"))
    if uploaded.size > MAX_PO_BYTES:
        raise POFileRefused(_("PO 文件过大（上限 5 MB）。"))
    # polib.pofile() reads a path when given one, so hand it a file of our own, never the text.
    with tempfile.NamedTemporaryFile(delete=False, suffix=".po") as f:
        for chunk in uploaded.chunks():
            f.write(chunk)
    try:
        return polib.pofile(f.name, encoding="utf-8")
    except (OSError, UnicodeDecodeError, ValueError) as err:
        raise POFileRefused(_("这不是有效的 PO 文件：%(error)s") % {"error": err}) from err
    finally:
        with contextlib.suppress(OSError):
            os.unlink(f.name)


def check(po, translation):
    """Every problem that would make the import partial or wrong, as one refusal."""
    translation_id = po.metadata.get("X-WagtailLocalize-TranslationID")
    if not translation_id:
        raise POFileRefused(_("PO 文件缺少翻译标识（X-WagtailLocalize-TranslationID），请使用从本页下载的文件。"))
    if translation_id != str(translation.uuid):
        raise POFileRefused(_("该 PO 文件属于另一项翻译，不能导入到本页。请使用从本页下载的文件。"))
    segments = {
        (path, data)
        for path, data in StringSegment.objects.filter(source=translation.source).values_list(
            "context__path", "string__data"
        )
    }
    translated = 0
    for number, entry in enumerate(po, start=1):
        if entry.obsolete:  # kept by wagtail-localize's export for reference only
            continue
        if (entry.msgctxt, entry.msgid) not in segments:
            raise POFileRefused(
                _("第 %(number)d 条（%(msgid)s）与当前原文不符：原文可能已更新，请重新下载 PO 文件。")
                % {"number": number, "msgid": entry.msgid[:40]}
            )
        if not entry.msgstr:
            continue
        try:
            StringValue.from_translated_html(entry.msgstr)
            validate_translation_links(entry.msgid, entry.msgstr)
        except ValueError as err:
            raise POFileRefused(
                _("第 %(number)d 条译文的格式有误：%(error)s") % {"number": number, "error": err}
            ) from err
        translated += 1
    if not translated:
        raise POFileRefused(_("PO 文件中没有译文。"))
    return translated


def import_file(uploaded, translation, user):
    """Import all of the file or none of it; returns the number of translated entries."""
    po = parse(uploaded)
    count = check(po, translation)
    with transaction.atomic():
        translation.import_po(po, user=user, tool_name="PO File")
    return count
