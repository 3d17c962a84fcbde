"""Keeps the zh-hans IdentityText in step with PortalIdentity and reads the visitor's version."""

from wagtail.models import Locale

from .models import TEXT_FIELDS, IdentityText


def mirror_identity(sender, instance, **kwargs):
    """post_save of PortalIdentity: its text becomes the source that wagtail-localize translates."""
    default = Locale.get_default()
    text = IdentityText.objects.filter(site_id=instance.site_id, locale=default).first()
    if text is None:
        text = IdentityText(site_id=instance.site_id, locale=default)
    changed = [f for f in TEXT_FIELDS if getattr(text, f) != getattr(instance, f)]
    if changed or text.pk is None:
        for field in TEXT_FIELDS:
            setattr(text, field, getattr(instance, field))
        text.save()


class LocalizedIdentity:
    """PortalIdentity with its text fields in the active language where a translation has them."""

    def __init__(self, identity, text):
        self._identity, self._text = identity, text

    def __getattr__(self, name):
        if name in TEXT_FIELDS and self._text is not None and getattr(self._text, name):
            return getattr(self._text, name)
        return getattr(self._identity, name)


def localized_identity(request):
    from site.models import PortalIdentity

    identity = PortalIdentity.for_request(request)
    locale = Locale.get_active()
    text = None
    if locale != Locale.get_default():
        text = IdentityText.objects.filter(site_id=identity.site_id, locale=locale).first()
    return LocalizedIdentity(identity, text)
