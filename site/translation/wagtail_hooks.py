from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets.button import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail_localize.machine_translators import get_machine_translator

from . import views
from .machine import needs_human_message
from .models import IdentityText
from .report import TranslationStatusReportView
from .status import is_out_of_date, translation_for


@hooks.register("register_admin_urls", order=-10)
def register_admin_urls():
    # The first three take the place of wagtail-localize's views at the same URLs (hooks with a lower
    # order come first in the URL list, and the first match wins).
    return [
        path(
            "localize/translate/<int:translation_id>/pofile/upload/",
            views.upload_pofile,
            name="portal_translation_upload_pofile",
        ),
        path(
            "localize/submit/page/<int:page_id>/",
            views.ReviewedSubmitPageTranslationView.as_view(),
            name="portal_translation_submit_page_translation",
        ),
        path(
            "localize/update/<int:translation_source_id>/",
            views.GuardedUpdateTranslationsView.as_view(),
            name="portal_translation_update_translations",
        ),
        path(
            "translation/xliff/<int:translation_id>/download/",
            views.download_xliff,
            name="portal_translation_download_xliff",
        ),
        path(
            "translation/xliff/<int:translation_id>/upload/",
            views.upload_xliff,
            name="portal_translation_upload_xliff",
        ),
        path(
            "translation/review/<int:page_id>/",
            views.submit_for_review,
            name="portal_translation_submit_for_review",
        ),
        path(
            "reports/translation-status/",
            TranslationStatusReportView.as_view(),
            name="portal_translation_status_report",
        ),
        path(
            "reports/translation-status/results/",
            TranslationStatusReportView.as_view(results_only=True),
            name="portal_translation_status_report_results",
        ),
    ]


@hooks.register("before_edit_page", order=-10)
def explain_translation_state(request, page):
    """Tell the translator what the wagtail-localize editor does not: the source changed since it was
    submitted, no machine can translate into this language, and where the agency files (PO, XLIFF) are."""
    if request.method != "GET":
        return None
    translation = translation_for(page)
    if translation is None:
        return None
    if is_out_of_date(translation):
        sync_url = reverse("wagtail_localize:update_translations", args=[translation.source_id])
        messages.warning(
            request,
            _("原文在提交翻译后已更新，译文已过期。请先“同步翻译”，已译段落会保留。"),
            buttons=[messages.button(sync_url, _("同步翻译"))],
        )
    perms = page.permissions_for_user(request.user)
    if not perms.can_publish() and page.get_workflow() and not page.workflow_in_progress:
        # wagtail-localize's editor has only a Publish button, hidden from those who may not publish.
        review_url = reverse("portal_translation_submit_for_review", args=[page.id])
        messages.info(
            request,
            _("译文编辑完成后，请提交审核；审核通过后发布。"),
            buttons=[messages.button(review_url, _("提交译文审核"))],
        )
    elif page.workflow_in_progress:
        messages.info(request, _("本页译文正在审核中。"))
    # wagtail-localize's editor replaces the page editor, header menu included: the XLIFF actions can
    # only be offered here (its PO actions are inside its React app).
    agency = _("可下载 PO 或 XLIFF 文件交翻译机构翻译后上传。")
    translator = get_machine_translator()
    if translator is None or not translator.can_translate(translation.source.locale, translation.target_locale):
        agency = needs_human_message(translation.target_locale) + agency
    messages.info(
        request, agency, buttons=[messages.button(url, label) for label, url, _icon in xliff_actions(translation)]
    )
    return None


def xliff_actions(translation):
    """(label, url, icon), offered beside wagtail-localize's PO actions, which live inside its React editor."""
    return [
        (_("下载 XLIFF 文件"), reverse("portal_translation_download_xliff", args=[translation.id]), "download"),
        (_("上传 XLIFF 文件"), reverse("portal_translation_upload_xliff", args=[translation.id]), "upload"),
    ]


def review_button(page, user, view_name=None, next_url=None):
    if translation_for(page) is not None and page.permissions_for_user(user).can_edit():
        yield Button(
            _("提交译文审核"),
            reverse("portal_translation_submit_for_review", args=[page.id]),
            icon_name="resubmit",
            priority=61,
        )


hooks.register("register_page_header_buttons", review_button)
hooks.register("register_page_listing_more_buttons", review_button)


def xliff_buttons(page, user, view_name=None, next_url=None):
    """In the "…" menus of the explorer (page header and listing rows), like the review button."""
    translation = translation_for(page)
    if translation is not None and page.permissions_for_user(user).can_edit():
        for priority, (label, url, icon) in enumerate(xliff_actions(translation), start=62):
            yield Button(label, url, icon_name=icon, priority=priority)


hooks.register("register_page_header_buttons", xliff_buttons)
hooks.register("register_page_listing_more_buttons", xliff_buttons)


class StatusReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("wagtailadmin.access_admin")


@hooks.register("register_reports_menu_item")
def register_status_report():
    return StatusReportMenuItem(
        gettext_lazy("翻译进度"), reverse("portal_translation_status_report"), icon_name="site", order=8900
    )




class IdentityTextViewSet(SnippetViewSet):
    """Listed under Settings beside 网站标识; its "Translate" button is wagtail-localize's."""

    model = IdentityText
    icon = "site"
    menu_label = gettext_lazy("网站标识译文")
    add_to_settings_menu = True
    list_display = ["__str__", "sponsor", "locale"]


register_snippet(IdentityTextViewSet)
