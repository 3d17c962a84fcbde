"""Admin wiring for editorial governance: snippets, check messages, audit log, reports."""

from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.log_actions import log
from wagtail.models import Page, WorkflowState
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .checks import Checker
from .units import ColumnResponsibility, ResponsibleUnit, UpdateCategory
from .wordlists import ErrorWord, SensitiveWord
from .workflow import ContentCheckTask

PUBLISH_TIME_CHANGE = "columns.publish_time_change"


class ResponsibleUnitViewSet(SnippetViewSet):
    model = ResponsibleUnit
    icon = "group"
    menu_label = _("责任单位")
    list_display = [
        "name", "short_name", "unit_type", "contact_person", "phone", "active", "receives_letters",
    ]
    list_filter = ["unit_type", "active", "receives_letters"]
    search_fields = ["name", "short_name"]


class ColumnResponsibilityViewSet(SnippetViewSet):
    model = ColumnResponsibility
    icon = "list-ul"
    menu_label = _("栏目责任")
    list_display = ["column", "units_label", "category", "max_interval_days"]
    list_filter = ["category", "units"]


class UpdateCategoryViewSet(SnippetViewSet):
    model = UpdateCategory
    icon = "time"
    menu_label = _("更新要求类别")
    list_display = ["name", "max_interval_days"]


class SensitiveWordViewSet(SnippetViewSet):
    model = SensitiveWord
    icon = "warning"
    menu_label = _("敏感词")
    list_display = ["word", "level", "note"]
    list_filter = ["level"]
    search_fields = ["word"]


class ErrorWordViewSet(SnippetViewSet):
    model = ErrorWord
    icon = "edit"
    menu_label = _("错敏字")
    list_display = ["wrong", "correct"]
    search_fields = ["wrong", "correct"]


class GovernanceGroup(SnippetViewSetGroup):
    menu_label = _("栏目保障")
    menu_icon = "tasks"
    menu_order = 250
    items = (
        ResponsibleUnitViewSet,
        ColumnResponsibilityViewSet,
        UpdateCategoryViewSet,
        SensitiveWordViewSet,
        ErrorWordViewSet,
    )


register_snippet(GovernanceGroup)


@hooks.register("register_log_actions")
def register_governance_log_actions(actions):
    def message(log_entry):
        data = log_entry.data or {}
        return _("修改发布时间：%(old)s → %(new)s，理由：%(reason)s") % {
            "old": data.get("old", ""),
            "new": data.get("new", ""),
            "reason": data.get("reason", ""),
        }

    actions.register_action(PUBLISH_TIME_CHANGE, _("修改发布时间"), message)


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def report_checks_and_log(request, page):
    change = getattr(page, "_publish_time_change", None)
    if change:
        log(instance=page, action=PUBLISH_TIME_CHANGE, data=change, user=request.user,
            revision=page.get_latest_revision())
    if not hasattr(page, "source"):
        return None
    state = WorkflowState.objects.for_instance(page).order_by("-created_at", "-pk").first()
    checked = (
        state is not None
        and state.current_task_state is not None
        and state.current_task_state.task.content_type.model_class() is ContentCheckTask
        and state.status == WorkflowState.STATUS_NEEDS_CHANGES
    )
    findings = Checker().check_page(page)
    if checked and any(f.blocking for f in findings):
        messages.error(
            request,
            _("提交未通过自动检查，已退回；草稿已保存。请修改以下问题后重新提交：")
            + "；".join(f.describe() for f in findings if f.blocking),
        )
    for finding in findings:
        if not (checked and finding.blocking):
            messages.warning(request, _("内容检查：") + finding.describe())
    return None


class ReportsMenuItem(MenuItem):
    def is_shown(self, request):
        from .report_views import can_see_reports

        return can_see_reports(request.user)


@hooks.register("register_admin_urls")
def register_governance_urls():
    from .report_views import ColumnUpdateReportView, ResponsibilityTableView, SubmissionInboxView

    return [
        path("reports/submissions/", SubmissionInboxView.as_view(), name="columns_submission_inbox"),
        path(
            "reports/submissions/results/",
            SubmissionInboxView.as_view(results_only=True),
            name="columns_submission_inbox_results",
        ),
        path("reports/column-updates/", ColumnUpdateReportView.as_view(), name="columns_update_report"),
        path(
            "reports/column-updates/results/",
            ColumnUpdateReportView.as_view(results_only=True),
            name="columns_update_report_results",
        ),
        path("reports/column-responsibility/", ResponsibilityTableView.as_view(), name="columns_responsibility_table"),
        path(
            "reports/column-responsibility/results/",
            ResponsibilityTableView.as_view(results_only=True),
            name="columns_responsibility_table_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_column_update_report():
    return ReportsMenuItem(_("栏目更新情况"), reverse("columns_update_report"), icon_name="table", order=900)


@hooks.register("register_reports_menu_item")
def register_responsibility_table():
    return ReportsMenuItem(
        _("栏目责任分解表"), reverse("columns_responsibility_table"), icon_name="list-ul", order=901
    )


@hooks.register("register_reports_menu_item")
def register_submission_inbox():
    return ReportsMenuItem(_("信息报送收件箱"), reverse("columns_submission_inbox"), icon_name="tasks", order=899)


@hooks.register("before_publish_page")
def refuse_direct_publishing_with_blocking_findings(request, page):
    """Direct publishing (superusers) passes the same checks; the revision is already saved as a draft."""
    if not hasattr(page, "source"):
        return None
    findings = [f for f in Checker().check_page(page) if f.blocking]
    if not findings:
        return None
    if page.live and page.live_revision_id is None:
        # The create view adds a page as live before this hook runs; it has never been published.
        Page.objects.filter(pk=page.pk).update(live=False, has_unpublished_changes=True)
    messages.error(
        request,
        _("未发布：自动检查发现以下问题，草稿已保存：") + "；".join(f.describe() for f in findings),
    )
    return redirect("wagtailadmin_pages:edit", page.pk)
