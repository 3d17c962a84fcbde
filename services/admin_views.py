"""Staff side: an inbox per responsible unit and the handling page of one letter or application."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import registry as log_registry

from columns.models import paginate
from columns.units import ResponsibleUnit, default_locale_only

from .forms import HandleForm
from .models import OPEN_STATUSES, DisclosureRequest, Letter, Status
from .workflow import TransitionError, available_actions, perform, perm_codename, visible_to

MODELS = {"letters": Letter, "disclosure": DisclosureRequest}


def _model(kind, user):
    model = MODELS[kind]
    if not (user.is_superuser or user.has_perm(perm_codename(model, "change"))):
        raise PermissionDenied
    return model


def inbox(request, kind):
    model = _model(kind, request.user)
    items = visible_to(request.user, model).select_related("unit")
    status = request.GET.get("status", "open")
    if status == "open":
        items = items.filter(status__in=OPEN_STATUSES)
    elif status in Status.values:
        items = items.filter(status=status)
    unit = request.GET.get("unit", "")
    if unit == "none":
        items = items.filter(unit__isnull=True)
    elif unit.isdigit():
        items = items.filter(unit_id=int(unit))
    today = timezone.localdate()
    if request.GET.get("overdue"):
        items = items.filter(status__in=OPEN_STATUSES, due_date__lt=today)
    q = request.GET.get("q", "").strip()[:50]
    if q:
        text = Q(number__icontains=q) | Q(name__icontains=q)
        text |= Q(subject__icontains=q) if model is Letter else Q(description__icontains=q)
        items = items.filter(text)
    context = {
        "kind": kind, "model_name": model._meta.verbose_name, "today": today,
        "items": paginate(items.order_by("due_date", "pk"), request.GET.get("p"), 50),
        "statuses": Status.choices, "status": status, "unit": unit, "q": q,
        "overdue": request.GET.get("overdue", ""),
        "units": ResponsibleUnit.objects.filter(default_locale_only()),
    }
    return render(request, "services/admin/inbox.html", context)


def handle(request, kind, pk):
    model = _model(kind, request.user)
    obj = get_object_or_404(visible_to(request.user, model).select_related("unit", "reply_unit"), pk=pk)
    actions = available_actions(obj)
    form = HandleForm(request.POST or None, actions=actions)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            perform(obj, data["action"], request.user, reply=data["reply"], reason=data["reason"],
                    unit=data["unit"], published=data["published"])
        except TransitionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("已保存：%(number)s") % {"number": obj.number})
            if visible_to(request.user, model).filter(pk=obj.pk).exists():
                return redirect(f"services_admin:{kind}_handle", pk=obj.pk)
            return redirect(f"services_admin:{kind}_inbox")  # transferred out of the user's units
    history = log_registry.get_logs_for_instance(obj).select_related("user").order_by("timestamp", "pk")
    context = {"kind": kind, "obj": obj, "form": form, "history": history, "actions": actions,
               "model_name": model._meta.verbose_name, "is_letter": model is Letter}
    return render(request, "services/admin/handle.html", context)
