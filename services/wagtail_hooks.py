from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_urls
from .models import CalendarDay, DisclosureRequest, Letter, OutboxMessage
from .workflow import ACTION_LABELS, perm_codename


@hooks.register("register_log_actions")
def register_handling_actions(actions):
    for action, (label, message) in ACTION_LABELS.items():
        actions.register_action(f"services.{action}", label, message)


@hooks.register("register_admin_urls")
def register_inbox_urls():
    return [path("services/", include((admin_urls, "services_admin"), namespace="services_admin"))]


class CalendarDayViewSet(SnippetViewSet):
    model = CalendarDay
    icon = "date"
    list_display = ["date", "kind", "name"]
    list_filter = ["kind"]


class OutboxViewSet(SnippetViewSet):
    """The push queue and its delivery log, for checking the petition-hall link."""

    model = OutboxMessage
    icon = "resubmit"
    list_display = ["letter", "state", "attempts", "next_attempt_at", "delivered_at", "last_error"]
    list_filter = ["state"]
    inspect_view_enabled = True


# Units, their letters flag and handlers are edited with the responsible units (columns.wagtail_hooks).
for viewset in (CalendarDayViewSet, OutboxViewSet):
    register_snippet(viewset)


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, model, **kwargs):
        super().__init__(*args, **kwargs)
        self.model = model

    def is_shown(self, request):
        user = request.user
        return user.is_superuser or user.has_perm(perm_codename(self.model, "change"))


class SnippetMenuItem(MenuItem):
    def __init__(self, label, model, icon_name, order):
        super().__init__(label, "", icon_name=icon_name, order=order)
        self.model = model

    def is_shown(self, request):
        return self.model.snippet_viewset.permission_policy.user_has_any_permission(
            request.user, {"add", "change", "delete", "view"}
        )

    def render_component(self, request):
        self.url = reverse(self.model.snippet_viewset.get_url_name("list"))
        return super().render_component(request)


@hooks.register("register_admin_menu_item")
def register_interaction_menu():
    menu = Menu(items=[
        PermissionMenuItem(_("来信办理"), reverse("services_admin:letters_inbox"), icon_name="mail",
                           order=10, model=Letter),
        PermissionMenuItem(_("依申请公开办理"), reverse("services_admin:disclosure_inbox"), icon_name="doc-full",
                           order=20, model=DisclosureRequest),
        SnippetMenuItem(_("节假日与调休"), CalendarDay, "date", 40),
        SnippetMenuItem(_("推送队列"), OutboxMessage, "resubmit", 50),
    ])
    return SubmenuMenuItem(_("互动交流"), menu, icon_name="mail", order=300)
