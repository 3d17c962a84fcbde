"""PO import that refuses a bad file as a whole: wagtail-localize's own upload view fails with a
server error on a file without its translation id, and silently skips lines it does not know.

The checks and the all-or-nothing save are shared with the XLIFF import (xliff.py), which reads its
file into the same polib structure; ``kind`` only names the format in the messages."""

import contextlib
import os
import tempfile

import polib
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail_localize.models import StringSegment
from wagtail_localize.strings import StringValue, validate_translation_links

MAX_FILE_BYTES = 5 * 1024 * 1024
TRANSLATION_ID = "X-WagtailLocalize-TranslationID"


class POFileRefused(Exception):
    """The file cannot be imported; the message says why, in the user's language."""


def read_upload(uploaded, kind):
    """The uploaded file's bytes, refusing a missing or oversized one before anything reads it."""
    if uploaded is None:
        raise POFileRefused(_("请选择要上传的 %(kind)s 文件。") % {"kind": kind})
    if uploaded.size > MAX_FILE_BYTES:
        raise POFileRefused(_("%(kind)s 文件过大（上限 5 MB）。") % {"kind": kind})
    return b"".join(uploaded.chunks())


def parse(uploaded):
    data = read_upload(uploaded, "PO")
    # polib.pofile() reads a path when given one, so hand it a file of our own, never the text.
    with tempfile.NamedTemporaryFile(delete=False, suffix=".po") as f:
        f.write(data)
    try:
        return polib.pofile(f.name, encoding="utf-8")
    except (OSError, UnicodeDecodeError, ValueError) as err:
        raise POFileRefused(_("这不是有效的 PO 文件：%(error)s") % {"error": err}) from err
    finally:
        with contextlib.suppress(OSError):
            os.unlink(f.name)


def check(po, translation, kind="PO"):
    """Every problem that would make the import partial or wrong, as one refusal."""
    translation_id = po.metadata.get(TRANSLATION_ID)
    if not translation_id:
        raise POFileRefused(_("%(kind)s 文件缺少翻译标识，请使用从本页下载的文件。") % {"kind": kind})
    if translation_id != str(translation.uuid):
        raise POFileRefused(
            _("该 %(kind)s 文件属于另一项翻译，不能导入到本页。请使用从本页下载的文件。") % {"kind": kind}
        )
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
                _("第 %(number)d 条（%(msgid)s）与当前原文不符：原文可能已更新，请重新下载 %(kind)s 文件。")
                % {"number": number, "msgid": entry.msgid[:40], "kind": kind}
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
        raise POFileRefused(_("%(kind)s 文件中没有译文。") % {"kind": kind})
    return translated


def import_file(uploaded, translation, user, read=parse, kind="PO"):
    """Import all of the file or none of it; returns the number of translated entries.

    ``read`` turns the upload into a polib.POFile (PO here, XLIFF in xliff.py)."""
    po = read(uploaded)
    count = check(po, translation, kind)
    with transaction.atomic():
        translation.import_po(po, user=user, tool_name=f"{kind} File")
    return count
