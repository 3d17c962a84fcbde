"""The content page form: 发布时间 of a published page changes only with a reason that is logged."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm


def _to_minute(value):
    return timezone.localtime(value).replace(second=0, microsecond=0) if value else None


class ContentPageForm(WagtailAdminPageForm):
    publish_time_change_reason = forms.CharField(
        label=_("修改发布时间的理由"),
        required=False,
        max_length=200,
        help_text=_("已发布信息的发布时间不能随意修改；确需更正时填写理由，理由记入操作日志。"),
    )

    def clean(self):
        cleaned = super().clean()
        page = self.instance
        new_time = cleaned.get("publish_time")
        if not (page.pk and page.live and new_time):
            return cleaned
        old_time = type(page).objects.filter(pk=page.pk).values_list("publish_time", flat=True).first()
        if old_time is None or _to_minute(old_time) == _to_minute(new_time):
            return cleaned
        reason = (cleaned.get("publish_time_change_reason") or "").strip()
        if len(reason) < 4:
            self.add_error(
                "publish_time_change_reason",
                _("已发布信息的发布时间（%(old)s）不能随意修改。如确需更正，请填写不少于4个字的理由。")
                % {"old": timezone.localtime(old_time).strftime("%Y-%m-%d %H:%M")},
            )
        else:
            # Picked up by the after_edit_page hook, which writes the audit log entry.
            page._publish_time_change = {
                "old": timezone.localtime(old_time).isoformat(),
                "new": timezone.localtime(new_time).isoformat(),
                "reason": reason,
            }
        return cleaned
