"""Admin reports: 栏目更新情况 (per quarter or date range) and the 栏目内容保障责任单位分解表."""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

import django_filters
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.reports import ReportView
from wagtail.admin.widgets import AdminDateInput
from wagtail.models import Locale, Page, WorkflowState

from .reports import COLUMN_HEADINGS, STATUS_LABELS, column_rows, current_quarter, parse_quarter
from .units import ColumnResponsibility, ResponsibleUnit, UpdateCategory
from .workflow import INFO_CENTER_GROUP


def validate_quarter(value):
    try:
        parse_quarter(value)
    except ValueError as error:
        raise ValidationError(str(error)) from error


def can_see_reports(user):
    return user.is_superuser or user.groups.filter(name=INFO_CENTER_GROUP).exists()


def unit_choices(request):
    return ResponsibleUnit.objects.filter(locale=Locale.get_default())


class ResponsibilityFilterSet(WagtailFilterSet):
    unit = django_filters.ModelChoiceFilter(label=_("责任单位"), queryset=unit_choices, field_name="units")
    category = django_filters.ModelChoiceFilter(label=_("更新要求类别"), queryset=UpdateCategory.objects.all())
    status = django_filters.ChoiceFilter(
        label=_("状态"), choices=list(STATUS_LABELS.items()), method="keep"
    )

    class Meta:
        model = ColumnResponsibility
        fields = []

    def keep(self, queryset, name, value):
        """Applied to the computed rows by the view, not to the queryset."""
        return queryset


class ColumnUpdateFilterSet(ResponsibilityFilterSet):
    quarter = django_filters.CharFilter(
        label=_("季度"), method="keep", validators=[validate_quarter], help_text=_("例如 2026Q4；留空为本季度。")
    )
    start = django_filters.DateFilter(label=_("起始日期"), method="keep", widget=AdminDateInput)
    end = django_filters.DateFilter(label=_("截止日期"), method="keep", widget=AdminDateInput)


class ResponsibilityTableView(ReportView):
    """《栏目内容保障责任单位分解表》 as of today."""

    page_title = _("栏目内容保障责任单位分解表")
    header_icon = "list-ul"
    results_template_name = "columns/admin/reports/responsibility_results.html"
    filterset_class = ResponsibilityFilterSet
    index_url_name = "columns_responsibility_table"
    index_results_url_name = "columns_responsibility_table_results"
    fields = ["path", "units", "category", "interval_label", "last_update", "status_label"]
    export_filename = "column-responsibility-table"
    paginate_by = 100

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        headings = dict(COLUMN_HEADINGS)
        self.list_export = list(self.fields)
        self.export_headings = {f: headings[f] for f in self.fields}

    def dispatch(self, request, *args, **kwargs):
        if not can_see_reports(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return ColumnResponsibility.objects.all()

    def period(self):
        now = timezone.now()
        return now - timedelta(days=1), now

    def cleaned(self):
        if self.filters and self.filters.is_valid():
            return self.filters.form.cleaned_data
        return {}

    def get_filtered_queryset(self):
        queryset = self.filter_queryset(self.get_queryset()).distinct()
        start, end = self.period()
        rows = column_rows(start, end, queryset)
        status = self.cleaned().get("status")
        return [r for r in rows if r.status == status] if status else rows

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        start, end = self.period()
        context["period_start"], context["period_end"] = start, end - timedelta(seconds=1)
        context["headings"] = [self.export_headings[f] for f in self.fields]
        return context


class ColumnUpdateReportView(ResponsibilityTableView):
    """Items published per column in a quarter or date range, last update, days overdue."""

    page_title = _("栏目更新情况")
    header_icon = "table"
    results_template_name = "columns/admin/reports/column_update_results.html"
    filterset_class = ColumnUpdateFilterSet
    index_url_name = "columns_update_report"
    index_results_url_name = "columns_update_report_results"
    fields = [f for f, _h in COLUMN_HEADINGS]
    export_filename = "column-updates"

    def period(self):
        data = self.cleaned()
        if data.get("start") or data.get("end"):
            start = data.get("start") or datetime(2000, 1, 1).date()
            end = (data.get("end") or timezone.localdate()) + timedelta(days=1)
            tz = timezone.get_current_timezone()
            return datetime.combine(start, time(), tz), datetime.combine(end, time(), tz)
        return parse_quarter(data.get("quarter") or current_quarter())


class InboxFilterSet(WagtailFilterSet):
    unit = django_filters.ModelChoiceFilter(label=_("责任单位"), queryset=unit_choices, method="keep")

    class Meta:
        model = WorkflowState
        fields = []

    def keep(self, queryset, name, value):
        return queryset


class SubmissionInboxView(ReportView):
    """信息报送收件箱: items under review, by unit, with the step they wait at.

    Accepting, returning with comments and declining happen through Wagtail's own workflow
    actions (page editor footer, dashboard), which write the audit log.
    """

    page_title = _("信息报送收件箱")
    header_icon = "tasks"
    results_template_name = "columns/admin/reports/inbox_results.html"
    filterset_class = InboxFilterSet
    index_url_name = "columns_submission_inbox"
    index_results_url_name = "columns_submission_inbox_results"
    list_export = ["unit", "title", "column", "step", "requested_by", "submitted_at"]
    export_headings = {
        "unit": _("责任单位"), "title": _("标题"), "column": _("栏目"), "step": _("当前步骤"),
        "requested_by": _("报送人"), "submitted_at": _("报送时间"),
    }
    export_filename = "submission-inbox"
    paginate_by = 100

    def dispatch(self, request, *args, **kwargs):
        if not can_see_reports(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return WorkflowState.objects.active().filter(status=WorkflowState.STATUS_IN_PROGRESS)

    def get_filtered_queryset(self):
        from .workflow import responsible_units

        unit = self.filters.form.cleaned_data.get("unit") if self.filters and self.filters.is_valid() else None
        rows = []
        states = self.get_queryset().select_related("requested_by", "current_task_state__task")
        for state in states.order_by("created_at"):
            page = state.content_object
            if not isinstance(page, Page):
                continue
            page = page.specific_deferred
            units = list(responsible_units(page))
            if unit and unit not in units:
                continue
            parent = page.get_parent()
            rows.append(InboxRow(
                page_id=page.pk,
                unit="、".join(u.name for u in units) or str(_("（未指定）")),
                title=page.get_admin_display_title(),
                column=parent.title if parent else "",
                step=state.current_task_state.task.name if state.current_task_state else "",
                requested_by=str(state.requested_by or ""),
                submitted_at=timezone.localtime(state.created_at),
            ))
        return sorted(rows, key=lambda r: (r.unit, r.submitted_at))


@dataclass
class InboxRow:
    page_id: int
    unit: str
    title: str
    column: str
    step: str
    requested_by: str
    submitted_at: datetime
