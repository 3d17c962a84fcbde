"""翻译进度 report: per locale, how many pages are translated, out of date or untranslated."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Locale

from .status import LABELS, SOURCE, collect, summary


class TranslationStatusReportView(ReportView):
    page_title = _("翻译进度")
    header_icon = "site"
    template_name = "translation/status_report.html"
    results_template_name = "translation/status_report_results.html"
    index_url_name = "portal_translation_status_report"
    index_results_url_name = "portal_translation_status_report_results"
    paginate_by = 100
    any_permission_required = ["wagtailadmin.access_admin"]
    list_export = ["locale", "title", "status_label"]
    export_headings = {"locale": _("语言"), "title": _("页面"), "status_label": _("状态")}
    columns = [
        TitleColumn("title", label=_("页面"), get_url=lambda row: reverse("wagtailadmin_pages:edit", args=[row.pk])),
        Column("locale", label=_("语言"), accessor=lambda row: row.locale.get_display_name()),
        Column("status_label", label=_("状态")),
    ]

    def get_locales(self):
        return list(Locale.objects.exclude(language_code=settings.LANGUAGE_CODE).order_by("language_code"))

    def get_queryset(self):
        self.locales = self.get_locales()
        self.all_rows = collect(self.locales)
        rows = [row for row in self.all_rows if row.status != SOURCE]
        locale_code = self.request.GET.get("locale")
        status = self.request.GET.get("status")
        if locale_code:
            rows = [row for row in rows if row.locale.language_code == locale_code]
        if status in LABELS:
            rows = [row for row in rows if row.status == status]
        return rows

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        counts = summary(self.all_rows, self.locales)
        context["summary"] = [
            (locale, [(status, LABELS[status], counts[locale][status]) for status in LABELS if status != SOURCE])
            for locale in self.locales
        ]
        context["report_url"] = reverse(self.index_url_name)
        return context
