"""Responsible units (责任单位) and the columns they answer for (栏目责任制, 第十六条).

Every unit owns three Wagtail groups: its editors and its reviewers, whose page permissions
are derived from the column assignments and recomputed whenever a unit or an assignment
changes (so moving a column to another unit moves the rights), and its handlers, who handle
the letters and disclosure applications addressed to the unit (services' staff inbox).
"""

from django import forms
from django.contrib.auth.models import Group, Permission
from django.db import models
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import GroupPagePermission, Locale, Page, TranslatableMixin

# What each of a unit's groups may do in its own columns. Nobody in a unit may publish:
# publishing happens when the information center approves the workflow's last step.
EDITOR_PERMISSIONS = ("add_page", "change_page", "lock_page", "unlock_page")
REVIEWER_PERMISSIONS = ("change_page",)
MANAGED_PERMISSIONS = set(EDITOR_PERMISSIONS) | set(REVIEWER_PERMISSIONS)
# A handler may open the staff inbox; which items it shows is decided per unit (services.workflow).
HANDLER_PERMISSIONS = (("services", "change_letter"), ("services", "change_disclosurerequest"))


def default_locale_only():
    return Q(locale__language_code=Locale.get_default().language_code)


class UpdateCategory(models.Model):
    """An update requirement (更新要求类别) with its longest allowed gap between updates."""

    name = models.CharField(_("类别名称"), max_length=50, unique=True)
    max_interval_days = models.PositiveIntegerField(
        _("最长更新间隔（天）"), null=True, blank=True, help_text=_("留空表示静态栏目，无更新要求。")
    )
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)

    panels = [FieldPanel("name"), FieldPanel("max_interval_days"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("更新要求类别")
        verbose_name_plural = _("更新要求类别")

    def __str__(self):
        return self.name


# The national inspection rules' maximum intervals (days); None: a static column.
DEFAULT_CATEGORIES = [
    ("动态要闻", 14),
    ("通知公告", 183),
    ("政策文件", 183),
    ("人事", 365),
    ("规划计划", 365),
    ("概况", None),
]


def ensure_default_categories():
    """The defaults, for a database emptied after migrating (e.g. flushed); existing ones are kept."""
    for order, (name, days) in enumerate(DEFAULT_CATEGORIES):
        UpdateCategory.objects.get_or_create(name=name, defaults={"max_interval_days": days, "sort_order": order})


class ResponsibleUnit(TranslatableMixin, models.Model):
    """A unit that supplies and reviews the content of its columns."""

    class UnitType(models.TextChoices):
        COUNTY = "county", _("县（市、区）政府")
        DEPARTMENT = "department", _("市直部门")
        CENTER = "center", _("信息中心")
        OTHER = "other", _("其他单位")

    name = models.CharField(_("单位名称"), max_length=100)
    short_name = models.CharField(_("简称"), max_length=30, blank=True)
    unit_type = models.CharField(_("单位类型"), max_length=20, choices=UnitType.choices, default=UnitType.DEPARTMENT)
    contact_person = models.CharField(_("联系人"), max_length=50, blank=True)
    phone = models.CharField(_("联系电话"), max_length=50, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    active = models.BooleanField(_("启用"), default=True)
    editors_group = models.ForeignKey(
        Group, verbose_name=_("编辑组"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text=_("留空则自动创建。"),
    )
    reviewers_group = models.ForeignKey(
        Group, verbose_name=_("审核组"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text=_("留空则自动创建。"),
    )
    receives_letters = models.BooleanField(
        _("接收来信"), default=True, help_text=_("选中后本单位出现在写信和依申请公开表单中。")
    )
    handlers_group = models.ForeignKey(
        Group, verbose_name=_("办理人员组"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text=_("组内用户在后台办理本单位的来信和申请。留空则自动创建。"),
    )
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=100, help_text=_("表单中单位的顺序，小的在前。"))

    panels = [
        FieldPanel("name"),
        FieldPanel("short_name"),
        FieldPanel("unit_type"),
        MultiFieldPanel(
            [FieldPanel("contact_person"), FieldPanel("phone"), FieldPanel("email")], heading=_("联系方式")
        ),
        FieldPanel("active"),
        MultiFieldPanel([FieldPanel("receives_letters"), FieldPanel("sort_order")], heading=_("来信和申请")),
        MultiFieldPanel(
            [FieldPanel("editors_group"), FieldPanel("reviewers_group"), FieldPanel("handlers_group")],
            heading=_("用户组"),
        ),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["unit_type", "name"]
        verbose_name = _("责任单位")
        verbose_name_plural = _("责任单位")

    def __str__(self):
        return self.name

    @property
    def label(self):
        return self.short_name or self.name

    @cached_property
    def display_name(self):
        """The name in the visitor's language where a translation exists (lists: see localize_units)."""
        return self.localized.name

    def ensure_groups(self):
        """Create the unit's editor, reviewer and handler groups unless linked already."""
        changed = []
        # Group names are data, not interface text: the same in every admin language.
        for field, suffix in (("editors_group", "编辑"), ("reviewers_group", "审核"), ("handlers_group", "办理")):
            if getattr(self, field) is None:
                group, _created = Group.objects.get_or_create(name=f"{self.name}{suffix}"[:150])
                setattr(self, field, group)
                changed.append(field)
        if changed:
            ResponsibleUnit.objects.filter(pk=self.pk).update(**{f: getattr(self, f) for f in changed})
        access = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
        for group in (self.editors_group, self.reviewers_group, self.handlers_group):
            group.permissions.add(access)
        handling = Q()
        for app_label, codename in HANDLER_PERMISSIONS:
            handling |= Q(content_type__app_label=app_label, codename=codename)
        self.handlers_group.permissions.add(*Permission.objects.filter(handling))

    def columns(self):
        return Page.objects.filter(columnpage__column_responsibility__units=self)


def letter_units():
    """Units a citizen can address a letter or an application to (default-locale rows)."""
    return ResponsibleUnit.objects.filter(default_locale_only(), active=True, receives_letters=True).order_by(
        "sort_order", "name"
    )


def localize_units(units):
    """Fills ``display_name`` of default-locale ``units`` (None skipped) in one query, for lists."""
    units = [u for u in units if u is not None]
    if not units:
        return units
    locale = Locale.get_active()
    names = {}
    if any(u.locale_id != locale.pk for u in units):
        keys = {u.translation_key for u in units}
        translations = ResponsibleUnit.objects.filter(locale=locale, translation_key__in=keys)
        names = dict(translations.values_list("translation_key", "name"))
    for unit in units:
        same = unit.locale_id == locale.pk
        unit.display_name = unit.name if same else names.get(unit.translation_key, unit.name)
    return units


class ColumnResponsibility(models.Model):
    """The 分解表 row of one column: which unit(s) keep it up to date, and how often."""

    column = models.OneToOneField(
        "columns.ColumnPage", verbose_name=_("栏目"), on_delete=models.CASCADE,
        related_name="column_responsibility", limit_choices_to=default_locale_only,
        help_text=_("选择简体中文版的栏目；其他语言版本随之确定。"),
    )
    units = models.ManyToManyField(
        ResponsibleUnit, verbose_name=_("责任单位"), related_name="responsibilities",
        limit_choices_to=default_locale_only,
        help_text=_("共建栏目可选择多个单位（第十五条（四））。"),
    )
    category = models.ForeignKey(
        UpdateCategory, verbose_name=_("更新要求类别"), on_delete=models.PROTECT, related_name="columns"
    )
    max_interval_days = models.PositiveIntegerField(
        _("最长更新间隔（天）"), null=True, blank=True, help_text=_("留空则按类别的要求。")
    )

    panels = [
        FieldPanel("column"),
        FieldPanel("units", widget=forms.CheckboxSelectMultiple),
        FieldPanel("category"),
        FieldPanel("max_interval_days"),
    ]

    class Meta:
        verbose_name = _("栏目责任")
        verbose_name_plural = _("栏目责任")

    def __str__(self):
        return str(self.column)

    @property
    def interval_days(self):
        if self.max_interval_days is not None:
            return self.max_interval_days
        return self.category.max_interval_days

    def units_label(self):
        return "、".join(u.name for u in self.units.all())


# --- keeping group page permissions in step with the assignments ---------------------------


def _permissions_by_codename():
    return {
        p.codename: p
        for p in Permission.objects.filter(
            content_type__app_label="wagtailcore", codename__in=MANAGED_PERMISSIONS
        )
    }


def sync_unit_permissions(unit):
    """Give the unit's groups exactly the managed permissions on the unit's columns."""
    if unit.editors_group_id is None or unit.reviewers_group_id is None:
        return
    perms = _permissions_by_codename()
    column_ids = set(ColumnResponsibility.objects.filter(units=unit).values_list("column_id", flat=True))
    if not unit.active:
        column_ids = set()
    for group_id, codenames in (
        (unit.editors_group_id, EDITOR_PERMISSIONS),
        (unit.reviewers_group_id, REVIEWER_PERMISSIONS),
    ):
        wanted = {(page_id, perms[c].pk) for page_id in column_ids for c in codenames}
        existing = GroupPagePermission.objects.filter(group_id=group_id, permission__in=perms.values())
        have = set(existing.values_list("page_id", "permission_id"))
        for page_id, perm_id in have - wanted:
            existing.filter(page_id=page_id, permission_id=perm_id).delete()
        GroupPagePermission.objects.bulk_create(
            [GroupPagePermission(group_id=group_id, page_id=p, permission_id=q) for p, q in wanted - have]
        )


def units_holding(page_ids):
    groups = GroupPagePermission.objects.filter(page_id__in=page_ids).values("group_id")
    return ResponsibleUnit.objects.filter(Q(editors_group__in=groups) | Q(reviewers_group__in=groups))


def _sync(unit_ids):
    for unit in ResponsibleUnit.objects.filter(pk__in=unit_ids):
        sync_unit_permissions(unit)


@receiver(post_save, sender=ResponsibleUnit)
def unit_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    is_translation = (
        ResponsibleUnit.objects.filter(translation_key=instance.translation_key).exclude(pk=instance.pk).exists()
        and instance.locale_id != Locale.get_default().pk
    )
    if not is_translation:
        instance.ensure_groups()
        sync_unit_permissions(instance)


@receiver(m2m_changed, sender=ColumnResponsibility.units.through)
def units_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if reverse:  # unit.responsibilities.add(...): the unit itself changed
        ids = {instance.pk}
    else:
        ids = set(pk_set or ()) | set(instance.units.values_list("pk", flat=True))
        ids |= set(units_holding([instance.column_id]).values_list("pk", flat=True))
    _sync(ids)


@receiver(post_save, sender=ColumnResponsibility)
def responsibility_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    ids = set(instance.units.values_list("pk", flat=True))
    ids |= set(units_holding([instance.column_id]).values_list("pk", flat=True))
    ids |= set(units_holding_stale(instance).values_list("pk", flat=True))
    _sync(ids)


def units_holding_stale(instance):
    """Units with rights on columns no longer assigned to them (e.g. the column was changed)."""
    assigned = ColumnResponsibility.objects.values("column_id")
    groups = GroupPagePermission.objects.exclude(page_id__in=assigned).values("group_id")
    return ResponsibleUnit.objects.filter(Q(editors_group__in=groups) | Q(reviewers_group__in=groups))


@receiver(post_delete, sender=ColumnResponsibility)
def responsibility_deleted(sender, instance, **kwargs):
    _sync(set(units_holding([instance.column_id]).values_list("pk", flat=True)))
