"""XLIFF 1.2 export and import for translation agencies whose CAT tools (Trados, memoQ) want XLIFF.

The file carries exactly what the PO file carries: one trans-unit per segment (its context path as
``resname``), the source text with rich-text placeholders such as ``<a id="a1">…</a>`` as plain text
(escaped, as wagtail-localize keeps them in PO), existing translations as targets, and the translation
id in the header. Import reads it into the same polib structure, so pofiles.check and its
all-or-nothing save decide exactly as for a PO file.

Writing uses the standard library; reading uses defusedxml, because the file comes from outside: an
entity declaration (billion laughs, quadratic blow-up) or an external entity is refused before
anything is expanded or fetched.
"""

import hashlib
from xml.etree import ElementTree as ET

import polib
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from django.utils.translation import gettext as _

from . import pofiles
from .pofiles import POFileRefused

NS = "urn:oasis:names:tc:xliff:document:1.2"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
ID_PROP = "x-wagtail-localize-translation-id"
KIND = "XLIFF"
UNTRANSLATED_STATES = {"new", "needs-translation"}


def q(tag):
    return f"{{{NS}}}{tag}"


def bcp47(language_code):
    """Django's "zh-hant" → BCP 47's "zh-Hant" (script title-case, region upper-case), as CAT tools expect."""
    first, *rest = language_code.split("-")
    return "-".join([first.lower()] + [p.title() if len(p) == 4 else p.upper() if len(p) == 2 else p for p in rest])


def unit_id(path, text):
    # A rich-text field has several segments under one context path: the source text's digest makes
    # the id unique, and stable from one export to the next while the source does not change.
    return f"{path}#{hashlib.sha1(text.encode()).hexdigest()[:10]}"


def export(translation):
    """The translation as XLIFF 1.2 bytes (UTF-8), existing translations filled in."""
    # An explicit xmlns attribute puts every element in the XLIFF namespace without registering a
    # process-wide prefix in ElementTree.
    root = ET.Element("xliff", {"version": "1.2", "xmlns": NS})
    file = ET.SubElement(
        root,
        "file",
        {
            "original": str(translation.source.object_repr),
            "source-language": bcp47(translation.source.locale.language_code),
            "target-language": bcp47(translation.target_locale.language_code),
            "datatype": "plaintext",
        },
    )
    header = ET.SubElement(file, "header")
    group = ET.SubElement(header, "prop-group", {"name": "wagtail-localize"})
    ET.SubElement(group, "prop", {"prop-type": ID_PROP}).text = str(translation.uuid)
    body = ET.SubElement(file, "body")
    for entry in translation.export_po():
        if entry.obsolete:  # the PO file keeps these for reference; a CAT tool would offer them as work
            continue
        unit = ET.SubElement(
            body,
            "trans-unit",
            {"id": unit_id(entry.msgctxt, entry.msgid), "resname": entry.msgctxt, XML_SPACE: "preserve"},
        )
        ET.SubElement(unit, "source").text = entry.msgid
        if entry.msgstr:
            ET.SubElement(unit, "target", {"state": "translated"}).text = entry.msgstr
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def text_of(element, number):
    """The element's text; inline XLIFF elements (<g>, <x/>, <ph>…) would lose the markup, so refused."""
    if element is None:
        return ""
    if len(element):
        raise POFileRefused(
            _("第 %(number)d 条含有 XLIFF 内联元素 <%(tag)s>：请按下载时的原样保留文本中的标记（如 <a id=\"a1\">）。")
            % {"number": number, "tag": element[0].tag.rpartition("}")[2]}
        )
    return element.text or ""


def parse(uploaded):
    """The uploaded XLIFF as a polib.POFile for pofiles.check; a file that is not one is refused."""
    data = pofiles.read_upload(uploaded, KIND)
    try:
        root = fromstring(data)
    except DefusedXmlException as err:
        raise POFileRefused(_("XLIFF 文件含有实体声明或外部引用，出于安全考虑不予处理。")) from err
    except ET.ParseError as err:
        raise POFileRefused(_("这不是有效的 XLIFF 文件：%(error)s") % {"error": err}) from err
    if root.tag != q("xliff") or root.get("version") != "1.2":
        raise POFileRefused(_("这不是 XLIFF 1.2 文件，请使用从本页下载的文件。"))
    files = root.findall(q("file"))
    if len(files) != 1:
        raise POFileRefused(_("XLIFF 文件应只含一个 <file>（一页一个文件），请使用从本页下载的文件。"))
    po = polib.POFile()
    translation_id = files[0].findtext(f"{q('header')}/{q('prop-group')}/{q('prop')}[@prop-type='{ID_PROP}']")
    po.metadata = {pofiles.TRANSLATION_ID: (translation_id or "").strip()}
    for number, unit in enumerate(files[0].iter(q("trans-unit")), start=1):
        source = unit.find(q("source"))
        if source is None:
            raise POFileRefused(_("第 %(number)d 条缺少原文（<source>）。") % {"number": number})
        context = unit.get("resname") or unit.get("id", "").partition("#")[0]
        target = unit.find(q("target"))
        msgstr = text_of(target, number)
        if target is not None and target.get("state") in UNTRANSLATED_STATES:
            msgstr = ""  # some CAT tools copy the source into targets they have not translated
        po.append(polib.POEntry(msgctxt=context, msgid=text_of(source, number), msgstr=msgstr))
    return po


def import_file(uploaded, translation, user):
    """All of the file or none of it, through the PO import's checks; returns the number imported."""
    return pofiles.import_file(uploaded, translation, user, read=parse, kind=KIND)
