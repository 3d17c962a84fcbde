"""The 翻译员 group, checked through real admin requests."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import GroupPagePermission, WorkflowState

from tests.factories import UserFactory

from .test_workflow_admin import committed, machine_translate, publish, submit, target, translation_of


@pytest.fixture
def translator(client, tree):
    call_command("setup_translators", stdout=open("/dev/null", "w"))
    user = UserFactory(username="fanyi")
    user.groups.add(Group.objects.get(name="翻译员"))
    client.force_login(user)
    return client


def refused(response):
    """Wagtail's admin answers a PermissionDenied with a redirect to the dashboard and a message."""
    return response.status_code == 403 or (response.status_code == 302 and response.url == "/admin/")


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.id])


def test_setup_is_idempotent(tree):
    call_command("setup_translators", stdout=open("/dev/null", "w"))
    group = Group.objects.get(name="翻译员")
    counts = (group.permissions.count(), GroupPagePermission.objects.filter(group=group).count())
    call_command("setup_translators", stdout=open("/dev/null", "w"))
    assert (group.permissions.count(), GroupPagePermission.objects.filter(group=group).count()) == counts
    roots = {p.page.locale.language_code for p in GroupPagePermission.objects.filter(group=group)}
    assert roots == {"zh-hant", "en"}
    assert not group.permissions.filter(codename="publish_page").exists()


def test_translator_cannot_edit_or_publish_originals(translator, tree):
    column = tree["column"]
    assert refused(translator.get(edit_url(column)))
    assert refused(translator.post(edit_url(column), {"action": "publish", "title": "篡改", "slug": "zcwj"}))
    assert refused(translator.post(reverse("wagtailadmin_pages:unpublish", args=[column.id])))
    column.refresh_from_db()
    assert column.title == "政策文件" and column.live


def test_translator_translates_but_cannot_publish(translator, tree):
    column = tree["column"]
    assert submit(translator, column, "zh-hant").status_code == 302
    page = target(column, "zh-hant")
    assert translator.get(edit_url(page)).status_code == 200
    assert machine_translate(translator, translation_of(column, "zh-hant")).status_code == 302

    assert refused(publish(translator, page))
    page.refresh_from_db()
    assert "政府信息公开" in page.intro  # still the untranslated copy

    source = translation_of(column, "zh-hant").source
    url = reverse("wagtail_localize:update_translations", args=[source.id])
    response = committed(lambda: translator.post(url, {"publish_translations": "on"}))
    assert response.status_code == 200
    assert "您没有发布" in response.content.decode()
    page.refresh_from_db()
    assert "政府信息公开" in page.intro


def test_translation_goes_through_moderation(translator, admin_client, tree):
    column = tree["column"]
    submit(translator, column, "zh-hant")
    page = target(column, "zh-hant")
    machine_translate(translator, translation_of(column, "zh-hant"))
    editor = translator.get(edit_url(page))
    review_url = reverse("portal_translation_submit_for_review", args=[page.id])
    assert review_url in editor.content.decode()  # offered in the translation editor

    assert translator.get(review_url).status_code == 200
    response = translator.post(review_url)
    assert response.status_code == 302
    state = WorkflowState.objects.get(object_id=str(page.id), status=WorkflowState.STATUS_IN_PROGRESS)
    page.refresh_from_db()
    assert "政府信息公开" in page.intro, "nothing goes live before review"
    assert "政府信息公开" in translator.get(page.url).content.decode()

    task_state = state.current_task_state
    approve = reverse("wagtailadmin_pages:workflow_action", args=[page.id, "approve", task_state.id])
    assert admin_client.post(approve, {"comment": ""}).status_code in (200, 302)
    page.refresh_from_db()
    assert "政府信息公開" in page.intro
    assert "政府信息公開" in admin_client.get(page.url).content.decode()


def test_translator_cannot_submit_originals_for_review(translator, tree):
    assert refused(translator.post(reverse("portal_translation_submit_for_review", args=[tree["column"].id])))
    assert not WorkflowState.objects.exists()


def test_translating_a_subtree_again_publishes_nothing_unreviewed(translator, tree):
    # A translator machine-translates a policy file, then translates its column with the subtree:
    # wagtail-localize re-saves every translation below, which must not put the policy's unreviewed
    # segments live (by default it publishes whatever the source's live status is).
    policy = tree["policy"]
    submit(translator, policy, "zh-hant")
    machine_translate(translator, translation_of(policy, "zh-hant"))
    submit(translator, tree["column"], "zh-hant", subtree=True)
    page = target(policy, "zh-hant")
    assert page.live
    assert "软件" in page.title, "the live page is still the reviewed Simplified copy"
    assert "软件" in translator.get(page.url).content.decode()
    draft = page.get_latest_revision_as_object()
    assert "軟件" in draft.title, "the translator's work is kept in the draft, for review"
    assert page.has_unpublished_changes
    column = target(tree["column"], "zh-hant")
    assert column.live and column.alias_of_id is None and column.title == "政策文件"


def test_starting_a_translation_keeps_the_synchronised_copy_online(admin_client, tree):
    column = tree["column"]
    before = admin_client.get(target(column, "zh-hant").url).content.decode()
    assert "本栏目发布" in before
    submit(admin_client, column, "zh-hant", "en", subtree=True)
    for code in ("zh-hant", "en"):
        page = target(column, code)
        assert page.live and page.alias_of_id is None
        assert page.intro == column.intro
        html = admin_client.get(page.url).content.decode()
        assert "本栏目发布" in html and 'data-translation-status="untranslated"' in html
