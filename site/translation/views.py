"""Admin views that make wagtail-localize safe for translators (registered in wagtail_hooks.py)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.admin.views.pages.utils import get_valid_next_url_from_request
from wagtail.models import Page
from wagtail_localize.models import Translation
from wagtail_localize.views.edit_translation import user_can_edit_instance
from wagtail_localize.views.submit_translations import SubmitPageTranslationView
from wagtail_localize.views.update_translations import UpdateTranslationsView

from . import live, pofiles, xliff
from .status import translation_for


def editable_translation(request, translation_id):
    """The translation, if the user may edit its target (as wagtail-localize's PO views require)."""
    translation = get_object_or_404(Translation, id=translation_id)
    if not user_can_edit_instance(request.user, translation.get_target_instance()):
        raise PermissionDenied
    return translation


def import_and_tell(request, translation, importer, kind):
    try:
        count = importer(request.FILES.get("file"), translation, request.user)
    except pofiles.POFileRefused as refusal:
        messages.error(request, _("%(kind)s 文件未导入，内容未作任何更改。") % {"kind": kind} + str(refusal))
    else:
        messages.success(request, _("已从 %(kind)s 文件导入 %(count)d 条译文。") % {"kind": kind, "count": count})


@require_POST
def upload_pofile(request, translation_id):
    """Replaces wagtail-localize's view at the same URL: the whole file is checked before anything is saved."""
    translation = editable_translation(request, translation_id)
    import_and_tell(request, translation, pofiles.import_file, "PO")
    return redirect(get_valid_next_url_from_request(request) or reverse("wagtailadmin_home"))


def download_xliff(request, translation_id):
    translation = editable_translation(request, translation_id)
    name = slugify(str(translation.source.object_repr), allow_unicode=True) or "translation"
    return HttpResponse(
        xliff.export(translation),
        content_type="application/x-xliff+xml",
        headers={
            "Content-Disposition": content_disposition_header(
                True, f"{name}-{translation.target_locale.language_code}.xlf"
            )
        },
    )


def upload_xliff(request, translation_id):
    """A page of its own: wagtail-localize's editor has no place for a second upload form."""
    translation = editable_translation(request, translation_id)
    target = translation.get_target_instance()
    editor = reverse("wagtailadmin_pages:edit", args=[target.id]) if isinstance(target, Page) else None
    back = get_valid_next_url_from_request(request) or editor or reverse("wagtailadmin_home")
    if request.method == "POST":
        import_and_tell(request, translation, xliff.import_file, "XLIFF")
        return redirect(back)
    return TemplateResponse(
        request,
        "translation/upload_xliff.html",
        {
            "translation": translation,
            "target": target,
            "back": back,
            "download_url": reverse("portal_translation_download_xliff", args=[translation.id]),
        },
    )


class GuardedUpdateTranslationsView(UpdateTranslationsView):
    """"Sync translated pages" may publish every translation at once: only for those who may publish them."""

    def form_valid(self, form):
        if form.cleaned_data["publish_translations"]:
            for translation in self.object.translations.filter(enabled=True):
                target = translation.get_target_instance()
                if isinstance(target, Page) and not target.permissions_for_user(self.request.user).can_publish():
                    refusal = _("您没有发布 %(locale)s 版本的权限：请不勾选“立即发布”，同步后提交审核。") % {
                        "locale": translation.target_locale.get_display_name()
                    }
                    form.add_error("publish_translations", refusal)
                    messages.error(self.request, refusal)  # wagtail-localize's template shows no field errors
                    return self.render_to_response(self.get_context_data())
        return super().form_valid(form)

    def get_form(self):
        form = getattr(self, "_form", None)
        if form is None:
            form = self._form = super().get_form()
        return form


class ReviewedSubmitPageTranslationView(SubmitPageTranslationView):
    """"Translate this page": the translations start as drafts; visitors keep seeing what they saw."""

    def form_valid(self, form):
        with transaction.atomic():
            shown = live.shown_revisions(self.object, form.cleaned_data["locales"], form.cleaned_data["include_subtree"])
            response = super().form_valid(form)
            live.put_back(shown)
        return response


def submit_for_review(request, page_id):
    """Put the current translation into a page revision and start the page's moderation workflow.

    wagtail-localize's editor can only publish. Its draft save would also write the translation
    into the live page row, so the revision is built from an unsaved instance instead.
    """
    page = get_object_or_404(Page, id=page_id).specific
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    translation = translation_for(page)
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.id])
    workflow = page.get_workflow()
    problem = None
    if translation is None:
        problem = _("本页不是同步翻译页面。")
    elif workflow is None:
        problem = _("本页没有适用的审核流程，请联系管理员。")
    elif page.workflow_in_progress:
        problem = _("本页已在审核中。")
    if problem:
        messages.error(request, problem)
        return redirect(edit_url)
    if request.method == "POST":
        draft = translation.source.get_ephemeral_translated_instance(translation.target_locale, fallback=True)
        try:
            with transaction.atomic():
                draft.save_revision(user=request.user, log_action=True)
                workflow.start(draft, request.user)
        except ValidationError as err:
            messages.error(request, _("译文未能提交审核：%(error)s") % {"error": "; ".join(err.messages)})
            return redirect(edit_url)
        messages.success(
            request,
            _("“%(title)s”的 %(locale)s 译文已提交审核（%(workflow)s）。")
            % {"title": draft.title, "locale": translation.target_locale.get_display_name(), "workflow": workflow.name},
        )
        return redirect(edit_url)
    return TemplateResponse(
        request,
        "translation/submit_for_review.html",
        {"page": page, "translation": translation, "workflow": workflow, "edit_url": edit_url},
    )
