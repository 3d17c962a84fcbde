"""The life cycle shared by letters and disclosure applications.

待受理 → 已受理 → 办理中 → 已答复 → 已办结, or 不予受理 with a reason; 转办 moves an open item
to another unit; a disclosure's deadline may be extended once. Every step is logged with
Wagtail's audit log (who, when, what), in the same transaction as the change.
"""

import secrets

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from .models import DisclosureRequest, Letter, OutboxMessage, Status
from .workdays import add_working_days

QUERY_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read aloud over the phone

# action: (statuses it starts from, status it leads to or None to keep the status)
TRANSITIONS = {
    "accept": ([Status.PENDING], Status.ACCEPTED),
    "start": ([Status.ACCEPTED], Status.PROCESSING),
    "reply": ([Status.ACCEPTED, Status.PROCESSING], Status.ANSWERED),
    "close": ([Status.ANSWERED], Status.CLOSED),
    "reject": ([Status.PENDING, Status.ACCEPTED], Status.REJECTED),
    "transfer": ([Status.PENDING, Status.ACCEPTED, Status.PROCESSING], None),
    "extend": ([Status.PENDING, Status.ACCEPTED, Status.PROCESSING], None),
}

ACTION_LABELS = {
    "receive": (_("收到"), _("收到来信或申请")),
    "accept": (_("受理"), _("已受理")),
    "start": (_("开始办理"), _("开始办理")),
    "reply": (_("答复"), _("已答复")),
    "close": (_("办结"), _("已办结")),
    "reject": (_("不予受理"), _("不予受理")),
    "transfer": (_("转办"), _("已转办")),
    "extend": (_("延期答复"), _("已延期答复")),
}


class TransitionError(Exception):
    pass


def new_query_code():
    return "".join(secrets.choice(QUERY_CODE_ALPHABET) for _ in range(8))


def query_code_matches(obj, code):
    return check_password((code or "").strip().upper(), obj.query_code_hash)


def due_working_days(obj):
    if isinstance(obj, DisclosureRequest):
        return settings.SERVICES_DISCLOSURE_DUE_WORKING_DAYS
    table = settings.SERVICES_LETTER_DUE_WORKING_DAYS
    return table.get(obj.kind, table["default"])


def submit(obj, ip=None):
    """Stores what a citizen sent, in one transaction; returns the query code (shown once, stored hashed)."""
    code = new_query_code()
    obj.query_code_hash = make_password(code)
    obj.submitter_ip = ip
    obj.received_at = timezone.now()
    obj.due_date = add_working_days(timezone.localdate(obj.received_at), due_working_days(obj))
    with transaction.atomic():
        obj.number = f"TMP-{secrets.token_hex(8)}"
        obj.save()
        # The number carries the date and the row id: unique without a second counter table.
        obj.number = f"{obj.NUMBER_PREFIX}{timezone.localdate(obj.received_at):%Y%m%d}{obj.pk:05d}"
        obj.save(update_fields=["number"])
        log(obj, "services.receive", user=None, data={"number": obj.number})
    return code


def perm_codename(model, action):
    return f"services.{action}_{model._meta.model_name}"


def handles_all_units(user, model):
    codename = "handle_all_letters" if model is Letter else "handle_all_disclosures"
    return user.is_superuser or user.has_perm(f"services.{codename}")


def visible_to(user, model):
    """What ``user`` may see in the inbox: everything, or their units' items."""
    if not (user.is_superuser or user.has_perm(perm_codename(model, "change"))):
        return model.objects.none()
    if handles_all_units(user, model):
        return model.objects.all()
    return model.objects.filter(unit__handlers_group__in=user.groups.all())


def available_actions(obj):
    actions = [a for a, (sources, _target) in TRANSITIONS.items() if obj.status in sources]
    if not isinstance(obj, DisclosureRequest) or obj.extended:
        actions = [a for a in actions if a != "extend"]
    return actions


def _check(obj, action, reply, reason, unit):
    if action not in available_actions(obj):
        raise TransitionError(_("当前状态下不能执行此操作。"))
    if action == "reply" and not reply.strip():
        raise TransitionError(_("请填写答复内容。"))
    if action == "reply" and (unit or obj.unit) is None:
        raise TransitionError(_("请选择答复单位。"))
    if action in ("reject", "extend") and not reason.strip():
        raise TransitionError(_("请填写理由。"))
    if action == "transfer" and (unit is None or unit == obj.unit):
        raise TransitionError(_("请选择转办的目标单位。"))


def perform(obj, action, user, *, reply="", reason="", unit=None, published=None):
    """Applies ``action`` to ``obj`` for ``user``; raises TransitionError with a translated message
    before anything is changed."""
    _check(obj, action, reply, reason, unit)
    target = TRANSITIONS[action][1]
    data = {"from": obj.status, "unit": obj.unit.name if obj.unit else ""}
    now = timezone.now()
    with transaction.atomic():
        locked = type(obj).objects.select_for_update().get(pk=obj.pk)
        if locked.status != obj.status or locked.unit_id != obj.unit_id:
            raise TransitionError(_("此事项刚被他人处理过，请刷新后重试。"))
        if action == "accept":
            obj.accepted_at = now
        elif action == "reply":
            obj.reply, obj.replied_at, obj.reply_unit = reply, now, unit or obj.unit
            if published is not None and isinstance(obj, Letter):
                obj.published = published
            data["reply_unit"] = obj.reply_unit.name
        elif action == "close":
            obj.closed_at = now
        elif action == "reject":
            obj.rejection_reason, obj.closed_at = reason, now
        elif action == "transfer":
            obj.unit = unit
            data["to_unit"] = unit.name
        elif action == "extend":
            obj.extended = True
            obj.due_date = add_working_days(obj.due_date, settings.SERVICES_DISCLOSURE_EXTENSION_WORKING_DAYS)
            data["due_date"] = obj.due_date.isoformat()
        if reason:
            data["reason"] = reason[:500]
        if target is not None:
            obj.status = target
        data["to"] = obj.status
        obj.save()
        log(obj, f"services.{action}", user=user, data=data)
        if action == "accept" and isinstance(obj, Letter):
            OutboxMessage.objects.create(letter=obj, payload=petition_payload(obj))
    return obj


def petition_payload(letter):
    """What the petition hall receives: the letter as the citizen wrote it, and its handling so far."""
    return {
        "number": letter.number,
        "type": letter.kind,
        "subject": letter.subject,
        "content": letter.content,
        "name": letter.name,
        "phone": letter.phone,
        "email": letter.email,
        "unit": letter.unit.name if letter.unit else None,
        "received_at": letter.received_at.isoformat(),
        "accepted_at": letter.accepted_at.isoformat() if letter.accepted_at else None,
        "due_date": letter.due_date.isoformat(),
        "publish_consent": letter.publish_consent,
    }
