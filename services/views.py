"""Public side of 互动交流: write a letter or an application, look it up, read published replies."""

import csv

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from columns.models import paginate
from columns.units import ResponsibleUnit, localize_units

from .forms import DisclosureForm, LetterForm, LookupForm
from .masking import mask_name, mask_personal_data, spreadsheet_safe
from .models import DisclosureRequest, Letter
from .protection import client_ip, hit, new_captcha, over_limit
from .stats import letter_statistics
from .workflow import query_code_matches, submit

KINDS = {
    "letter": {"form": LetterForm, "model": Letter, "template": "services/letter_form.html"},
    "disclosure": {
        "form": DisclosureForm, "model": DisclosureRequest, "template": "services/disclosure_form.html",
    },
}
CONFIRMATION_KEY = "services_confirmation_{}"


def _unbound(kind, request, initial=None):
    form_class = KINDS[kind]["form"]
    return form_class(initial=initial, request=request,
                      captcha_question=new_captcha(request, form_class.form_name))


@never_cache
@require_http_methods(["GET", "POST"])
def write(request, kind):
    """The public form: validated on the server, stored in one transaction, then a confirmation."""
    status, flood = 200, False
    if request.method == "GET":
        form = _unbound(kind, request)
    else:
        ip = client_ip(request)
        if not hit("submit_ip", ip or "unknown"):
            # Refused before validation; what was typed comes back so nothing is lost.
            initial = {k: v for k, v in request.POST.items() if k not in ("captcha", "website",
                                                                         "csrfmiddlewaretoken")}
            form, flood, status = _unbound(kind, request, initial), True, 429
        else:
            form = KINDS[kind]["form"](request.POST, request=request, captcha_question="")
            valid = form.is_valid()
            if valid and over_limit("submit_phone", form.cleaned_data["phone"]):
                form.add_error("phone", _("该电话号码今天提交次数过多，请明天再试。"))
                status, valid = 429, False
            if valid:
                obj = form.save(commit=False)
                code = submit(obj, ip=ip)
                hit("submit_phone", obj.phone)
                request.session[CONFIRMATION_KEY.format(kind)] = {"number": obj.number, "code": code}
                return redirect(f"services:{kind}_sent")
            # A fresh question for the next try: each one is answered once.
            form.set_question(new_captcha(request, form.form_name))
            status = max(status, 400)
    return render(request, KINDS[kind]["template"], {"form": form, "flood": flood}, status=status)


@never_cache
def sent(request, kind):
    # Shown once: the plain query code leaves the session with this page (only its hash is kept).
    confirmation = request.session.pop(CONFIRMATION_KEY.format(kind), None)
    if not confirmation:
        return redirect(f"services:{kind}_write")
    obj = KINDS[kind]["model"].objects.filter(number=confirmation["number"]).first()
    return render(request, "services/sent.html", {"kind": kind, "confirmation": confirmation, "obj": obj})


@never_cache
@require_http_methods(["GET", "POST"])
def lookup(request, kind):
    """Status by number and query code. A wrong number and a wrong code get the same answer."""
    model = KINDS[kind]["model"]
    form, found, status = LookupForm(request.POST or None), None, 200
    if request.method == "POST":
        if not hit("lookup_ip", client_ip(request) or "unknown"):
            form.add_error(None, _("查询过于频繁，请稍后再试。"))
            status = 429
        elif form.is_valid():
            candidate = model.objects.select_related("unit", "reply_unit").filter(
                number=form.cleaned_data["number"].strip().upper()
            ).first()
            if candidate is not None and query_code_matches(candidate, form.cleaned_data["code"]):
                found = candidate
            else:
                form.add_error(None, _("编号或查询码不正确。"))
                status = 400
    return render(request, "services/lookup.html", {"form": form, "found": found, "kind": kind},
                  status=status)


def published_letters():
    return (
        Letter.objects.public()
        .select_related("reply_unit")
        .order_by("-replied_at", "-pk")
    )


def answering_units():
    return ResponsibleUnit.objects.filter(pk__in=published_letters().values("reply_unit")).order_by(
        "sort_order", "name"
    )


def letter_list(request):
    letters = published_letters()
    unit = request.GET.get("unit", "")
    if unit.isdigit():
        letters = letters.filter(reply_unit_id=int(unit))
    page = paginate(letters, request.GET.get("page"), settings.COLUMN_PAGE_SIZE)
    units = list(answering_units())
    localize_units(units + [letter.reply_unit for letter in page])  # names in the visitor's language
    context = {
        "letters": page,
        "units": units,
        "unit": unit,
    }
    return render(request, "services/letter_list.html", context)


def letter_detail(request, number):
    letter = published_letters().filter(number=number).first()
    if letter is None:
        raise Http404
    return render(request, "services/letter_detail.html", {"letter": letter})


def letter_export(request):
    """Published letters as CSV: names and personal numbers masked, no contact details, formula-safe cells."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="letters.csv"'
    response.write("\ufeff")  # lets spreadsheet programs detect UTF-8
    writer = csv.writer(response)
    kinds = {value: str(label) for value, label in Letter.Kind.choices}  # translated once, not per row
    units = {unit.pk: unit.display_name for unit in localize_units(answering_units())}
    writer.writerow([_("信件编号"), _("信件类型"), _("标题"), _("写信人"), _("受理日期"), _("答复日期"),
                     _("答复单位"), _("内容"), _("答复内容")])
    for letter in published_letters().iterator():
        writer.writerow([spreadsheet_safe(v) for v in (
            letter.number, kinds.get(letter.kind, ""), mask_personal_data(letter.subject), mask_name(letter.name),
            _date(letter.accepted_at), _date(letter.replied_at),
            units.get(letter.reply_unit_id, ""), mask_personal_data(letter.content), mask_personal_data(letter.reply),
        )])
    return response


def _date(value):
    return timezone.localdate(value).isoformat() if value else ""


def statistics(request):
    year = request.GET.get("year", "")
    stats = letter_statistics(int(year) if year.isdigit() else None)
    years = sorted({d.year for d in Letter.objects.dates("received_at", "year")}, reverse=True)
    return render(request, "services/statistics.html", {"stats": stats, "years": years, "year": year})
