"""The review-before-publish workflow (三审, 第十七条 / 第二十五条) built from Wagtail tasks.

自动检查 (the content checks) → 责任单位初审 → 责任单位复审 → 信息中心终审. Administrators
can add, drop or reorder steps under Settings → Workflows; the information center's
approval of the last step is what publishes (or schedules) the page.
"""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import (
    AbstractGroupApprovalTask,
    GroupPagePermission,
    Locale,
    Page,
    Task,
    TaskState,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from .checks import Checker, blocking
from .units import ColumnResponsibility, ResponsibleUnit

INFO_CENTER_GROUP = "信息中心"
WORKFLOW_NAME = "三审"


def responsible_units(page):
    """The units of the nearest column (the page itself or an ancestor) that has an assignment.

    Translations are looked after by the units of their source-language page.
    """
    if not page.pk:
        return ResponsibleUnit.objects.none()
    page_ids = list(page.get_ancestors(inclusive=True).values_list("pk", flat=True))
    row = (
        ColumnResponsibility.objects.filter(column_id__in=page_ids).order_by("-column__depth").first()
    )
    if row is None:
        source = page.get_translation_or_none(Locale.get_default())
        if source is not None and source.pk != page.pk:
            return responsible_units(source)
        return ResponsibleUnit.objects.none()
    return row.units.all()


def findings_comment(findings):
    return "\n".join(f.describe() for f in findings)


class ContentCheckTask(Task):
    """Runs the content checks on the submitted revision: passes it on, or returns it with the reasons."""

    def start(self, workflow_state, user=None):
        task_state = super().start(workflow_state, user=user)
        findings = Checker().check_page(task_state.revision.as_object())
        if blocking(findings):
            task_state.reject(user=None, update=False, comment=findings_comment(findings))
        else:
            task_state.approve(user=None, update=False, comment=findings_comment(findings))
        return task_state

    @classmethod
    def get_description(cls):
        return gettext_lazy("提交时自动检查涉密标志、个人信息、敏感词、错敏字和必填信息，不通过则退回编辑。")

    class Meta:
        verbose_name = gettext_lazy("自动检查")
        verbose_name_plural = gettext_lazy("自动检查")


class UnitReviewTask(Task):
    """Approved by the reviewers of the unit responsible for the page's column."""

    require_new_reviewer = models.BooleanField(
        gettext_lazy("须由其他审核人审核"),
        default=False,
        help_text=gettext_lazy("勾选后，已在本流程中审核过的人员不能再审核此步骤（如复审）。"),
    )
    admin_form_fields = Task.admin_form_fields + ["require_new_reviewer"]

    def start(self, workflow_state, user=None):
        page = workflow_state.content_object
        if getattr(page, "locale_id", None) and page.locale_id != Locale.get_default().pk:
            # A translation: its unit reviewed the source-language page; the translation is
            # checked automatically and approved by the information center's 终审.
            task_state = self.get_task_state_class()(workflow_state=workflow_state)
            task_state.status = TaskState.STATUS_SKIPPED
            task_state.revision = page.get_latest_revision()
            task_state.task = self
            task_state.finished_at = timezone.now()
            task_state.comment = _("译文：源语言版本已由责任单位审核，本步骤跳过。")
            task_state.save()
            return task_state
        return super().start(workflow_state, user=user)

    def is_reviewer(self, obj, user):
        if user.is_superuser:
            return True
        groups = [u.reviewers_group_id for u in responsible_units(obj)]
        return user.groups.filter(pk__in=groups).exists()

    def reviewed_already(self, obj, user):
        state = obj.current_workflow_state if hasattr(obj, "current_workflow_state") else None
        if not (self.require_new_reviewer and state):
            return False
        return state.task_states.filter(status=TaskState.STATUS_APPROVED, finished_by=user).exists()

    def user_can_access_editor(self, obj, user):
        return self.is_reviewer(obj, user)

    def locked_for_user(self, obj, user):
        return not self.is_reviewer(obj, user)

    def get_actions(self, obj, user):
        if self.is_reviewer(obj, user) and not self.reviewed_already(obj, user):
            return [
                ("reject", _("退回修改"), True),
                ("approve", _("审核通过"), False),
                ("approve", _("审核通过并附意见"), True),
            ]
        return []

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        if user.is_superuser:
            return states
        columns = Page.objects.filter(
            columnpage__column_responsibility__units__reviewers_group__in=user.groups.all()
        )
        if not columns:
            return TaskState.objects.none()
        page_ids = set()
        for column in columns:
            page_ids |= set(Page.objects.descendant_of(column, inclusive=True).values_list("pk", flat=True))
        return states.filter(workflow_state__object_id__in=[str(i) for i in page_ids])

    @classmethod
    def get_description(cls):
        return gettext_lazy("由栏目责任单位的审核人员审核。")

    class Meta:
        verbose_name = gettext_lazy("责任单位审核")
        verbose_name_plural = gettext_lazy("责任单位审核")


class FinalReviewTask(AbstractGroupApprovalTask):
    """终审 by the information center; approval re-runs the checks, then publishes."""

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        if not actions:
            return []
        return [
            ("approve", _("采用并发布"), False),
            ("approve", _("采用并发布（附意见）"), True),
            ("reject", _("退回修改"), True),
            ("decline", _("不予采用"), True),
        ]

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "approve":
            findings = blocking(Checker().check_page(task_state.revision.as_object()))
            if findings:
                comment = _("发布前自动检查未通过：") + "\n" + findings_comment(findings)
                task_state.reject(user=user, comment=comment)
                return None
        if action_name == "decline":
            task_state.reject(user=user, update=False, **kwargs)
            task_state.workflow_state.cancel(user=user)
            return None
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return gettext_lazy("信息中心终审：采用即发布（或按定时发布），也可退回修改或不予采用。")

    class Meta:
        verbose_name = gettext_lazy("信息中心终审")
        verbose_name_plural = gettext_lazy("信息中心终审")


def _page_permission(codename):
    ct = ContentType.objects.get_for_model(Page)
    perm, _created = Permission.objects.get_or_create(
        content_type=ct, codename=codename, defaults={"name": codename.replace("_", " ")}
    )
    return perm


def ensure_info_center_group():
    group, _created = Group.objects.get_or_create(name=INFO_CENTER_GROUP)
    access, _c = Permission.objects.get_or_create(
        content_type=ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")[0],
        codename="access_admin",
        defaults={"name": "Can access Wagtail admin"},
    )
    group.permissions.add(access)
    root = Page.get_first_root_node()
    # The information center sees and edits everything; publishing happens through its 终审.
    for codename in ("add_page", "change_page", "lock_page", "unlock_page"):
        GroupPagePermission.objects.get_or_create(group=group, page=root, permission=_page_permission(codename))
    return group


def ensure_workflow(using="default"):
    """Create 三审 and assign it to the root page, unless the root already has a governance workflow.

    Idempotent: an administrator's later changes to the steps are kept.
    """
    with transaction.atomic(using=using):
        return _ensure_workflow()


def _ensure_workflow():
    root = Page.get_first_root_node()
    if root is None:  # a flushed database (post_migrate after flush): nothing to assign to yet
        return None
    group = ensure_info_center_group()
    current = WorkflowPage.objects.filter(page=root).select_related("workflow").first()
    if current and current.workflow.tasks.filter(
        content_type=ContentType.objects.get_for_model(UnitReviewTask)
    ).exists():
        return current.workflow
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=WORKFLOW_NAME)
        final = FinalReviewTask.objects.create(name=_("信息中心终审"))
        final.groups.add(group)
        steps = [
            ContentCheckTask.objects.create(name=_("自动检查")),
            UnitReviewTask.objects.create(name=_("责任单位初审")),
            UnitReviewTask.objects.create(name=_("责任单位复审"), require_new_reviewer=True),
            final,
        ]
        for order, task in enumerate(steps):
            WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=order)
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
    return workflow
