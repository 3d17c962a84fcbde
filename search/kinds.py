"""Result kinds (信息 / 政策文件 / 办事指南 / 互动): a mapping from page models in settings.

PORTAL_SEARCH_KINDS = {key: (label, ["app_label.Model", ...])}. Another app adds its page
types by naming them there; a model that is not installed is skipped.
"""

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext, gettext_noop


def _models(names):
    for name in names:
        try:
            yield apps.get_model(name)
        except (LookupError, ValueError):
            continue


def kind_models():
    """{key: [model, ...]} in settings order."""
    return {key: list(_models(names)) for key, (_label, names) in settings.PORTAL_SEARCH_KINDS.items()}


def labels():
    # The labels are Chinese msgids in settings; translate them where they are shown.
    return {key: gettext(label) for key, (label, _names) in settings.PORTAL_SEARCH_KINDS.items()}


def content_type_ids(kind=None):
    ids = []
    for key, models in kind_models().items():
        if kind in (None, key):
            ids += [ContentType.objects.get_for_model(m).pk for m in models]
    return ids


def kind_by_content_type():
    return {
        ContentType.objects.get_for_model(m).pk: key for key, models in kind_models().items() for m in models
    }


def date_lookups():
    """Lookups from Page to each kind model's publish_time, for one Coalesce over all kinds."""
    return [
        f"{m._meta.model_name}__publish_time"
        for models in kind_models().values()
        for m in models
        if any(f.name == "publish_time" for f in m._meta.get_fields())
    ]


# So that makemessages sees the default labels named in settings.
KIND_LABEL_MSGIDS = [gettext_noop("信息"), gettext_noop("政策文件"), gettext_noop("办事指南"), gettext_noop("互动")]
