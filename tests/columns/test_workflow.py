"""三审 end to end through real admin requests: submit, checks, unit reviews, final approval, schedule."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry, TaskState, WorkflowState

from columns.models import ArticlePage
from columns.wordlists import SensitiveWord

from .governance import article_post_data, make_governed_site

pytestmark = pytest.mark.django_db
VALID_ID = "11010519491231002X"


@pytest.fixture
def gov():
    return make_governed_site()


def submit(client, gov, **kwargs):
    client.force_login(gov["edu_editor"])
    url = reverse("wagtailadmin_pages:add", args=("columns", "articlepage", gov["dept"].pk))
    response = client.post(url, article_post_data(action="action-submit", **kwargs), follow=True)
    assert response.status_code == 200
    return ArticlePage.objects.child_of(gov["dept"]).get(), response


def act(client, user, page, action, comment=""):
    client.force_login(user)
    state = WorkflowState.objects.for_instance(page).get(status="in_progress")
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, state.current_task_state.pk))
    return client.post(url, {"comment": comment})


def refused(response):
    """Wagtail answers a forbidden admin action with 403 or a redirect to the dashboard."""
    return response.status_code == 403 or (response.status_code == 302 and response.url == "/admin/")


def current_task(page):
    state = WorkflowState.objects.for_instance(page).order_by("-pk").first()
    return state.status, state.current_task_state.task.name


def test_three_reviews_then_published(client, gov):
    page, _response = submit(client, gov)
    assert current_task(page) == ("in_progress", "责任单位初审")

    # another unit's reviewer has no say; neither has the editor
    assert refused(act(client, gov["mj_editor"], page, "approve"))
    assert refused(act(client, gov["edu_editor"], page, "approve"))
    assert current_task(page) == ("in_progress", "责任单位初审")

    assert act(client, gov["edu_reviewer"], page, "approve").status_code == 302
    assert current_task(page) == ("in_progress", "责任单位复审")
    # 复审 must be someone other than the 初审 reviewer
    assert refused(act(client, gov["edu_reviewer"], page, "approve"))
    assert current_task(page) == ("in_progress", "责任单位复审")
    assert act(client, gov["edu_reviewer2"], page, "approve").status_code == 302
    assert current_task(page) == ("in_progress", "信息中心终审")
    page.refresh_from_db()
    assert not page.live

    assert act(client, gov["center"], page, "approve").status_code == 302
    page.refresh_from_db()
    assert page.live
    assert timezone.localtime(page.publish_time).strftime("%Y-%m-%d %H:%M") == "2026-11-20 09:30"
    actions = list(PageLogEntry.objects.filter(page=page).values_list("action", flat=True))
    assert actions.count("wagtail.workflow.approve") == 4  # the automatic check and three reviews
    assert "wagtail.publish" in actions


def test_return_with_comments_and_decline_are_logged(client, gov):
    page, _ = submit(client, gov)
    act(client, gov["edu_reviewer"], page, "approve")
    act(client, gov["edu_reviewer2"], page, "approve")
    assert act(client, gov["center"], page, "reject", "请补充会议时间").status_code == 302
    state = WorkflowState.objects.for_instance(page).get()
    assert state.status == "needs_changes"
    assert state.current_task_state.comment == "请补充会议时间"
    assert PageLogEntry.objects.filter(page=page, action="wagtail.workflow.reject").exists()

    state.resume(user=gov["edu_editor"])
    assert act(client, gov["center"], page, "decline", "不予采用：重复报送").status_code == 302
    state.refresh_from_db()
    assert state.status == "cancelled"
    assert PageLogEntry.objects.filter(page=page, action="wagtail.workflow.cancel").exists()
    page.refresh_from_db()
    assert not page.live


def test_blocked_submission_says_why_and_keeps_the_draft(client, gov):
    body = f"<p>申请人身份证号{VALID_ID}，秘密★1年。</p>"
    page, response = submit(client, gov, body=body)
    status, task = current_task(page)
    assert (status, task) == ("needs_changes", "自动检查")
    text = response.content.decode()
    assert "提交未通过自动检查" in text
    assert "身份证号码" in text and "涉密标志" in text and "第8字" in text
    assert VALID_ID not in text  # personal data is masked even in the message
    draft = page.get_latest_revision_as_object()
    assert VALID_ID in draft.body[0].value.source  # the editor's draft is kept intact
    assert not page.live
    assert TaskState.objects.filter(status="rejected", task__name="自动检查").count() == 1


def test_checks_run_again_at_final_approval(client, gov):
    page, _ = submit(client, gov, body="<p>会议通报了赌场整治情况。</p>")
    act(client, gov["edu_reviewer"], page, "approve")
    act(client, gov["edu_reviewer2"], page, "approve")
    SensitiveWord.objects.create(word="赌场", level="block")  # added while the item waited
    act(client, gov["center"], page, "approve")
    page.refresh_from_db()
    assert not page.live
    state = WorkflowState.objects.for_instance(page).get()
    assert state.status == "needs_changes"
    assert "赌场" in state.current_task_state.comment


def test_scheduled_publishing_goes_through_the_workflow(client, gov):
    go_live = timezone.localtime() + timedelta(days=2)
    page, _ = submit(client, gov, go_live_at=go_live.strftime("%Y-%m-%d %H:%M"))
    for user in ("edu_reviewer", "edu_reviewer2", "center"):
        act(client, gov[user], page, "approve")
    page.refresh_from_db()
    assert not page.live
    revision = page.get_latest_revision()
    assert revision.approved_go_live_at is not None
    call_command("publish_scheduled")
    page.refresh_from_db()
    assert not page.live  # not yet
    later = timezone.now() + timedelta(days=3)
    with mock.patch("django.utils.timezone.now", return_value=later):
        call_command("publish_scheduled")
    page.refresh_from_db()
    assert page.live


def publish_directly(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def edit_live(client, user, page, **fields):
    client.force_login(user)
    url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    return client.post(url, article_post_data(slug=page.slug, **fields))


def test_publish_time_of_a_published_page_needs_a_logged_reason(client, gov):
    page, _ = submit(client, gov)
    for user in ("edu_reviewer", "edu_reviewer2", "center"):
        act(client, gov[user], page, "approve")
    page.refresh_from_db()
    assert page.live
    revisions = page.revisions.count()

    refused = edit_live(client, gov["edu_editor"], page, publish_time="2025-01-01 09:30")
    assert refused.status_code == 200
    assert "不能随意修改" in refused.content.decode()
    assert page.revisions.count() == revisions

    unchanged = edit_live(client, gov["edu_editor"], page, title="市教育局召开全体工作会议")
    assert unchanged.status_code == 302

    ok = edit_live(
        client, gov["edu_editor"], page, publish_time="2026-11-19 09:30",
        publish_time_change_reason="原稿日期录入错误，按印发日期更正",
    )
    assert ok.status_code == 302
    entry = PageLogEntry.objects.get(page=page, action="columns.publish_time_change")
    assert entry.data["reason"] == "原稿日期录入错误，按印发日期更正"
    assert entry.data["old"].startswith("2026-11-20T09:30")
    assert entry.user == gov["edu_editor"]


def test_information_center_inbox_lists_pending_items_by_unit(client, gov):
    page, _ = submit(client, gov)
    client.force_login(gov["mj_editor"])
    url = reverse("wagtailadmin_pages:add", args=("columns", "articlepage", gov["county"].pk))
    client.post(url, article_post_data(title="梅江区开展安全生产检查", slug="mj-aqsc", action="action-submit"))

    client.force_login(gov["center"])
    inbox = reverse("columns_submission_inbox")
    text = client.get(inbox).content.decode()
    assert "市教育局召开工作会议" in text and "梅江区开展安全生产检查" in text
    only_mj = client.get(inbox, {"unit": gov["mj"].pk}).content.decode()
    assert "梅江区开展安全生产检查" in only_mj and "市教育局召开工作会议" not in only_mj
    assert "责任单位初审" in only_mj

    client.force_login(gov["edu_editor"])
    assert refused(client.get(inbox))


def test_saving_a_draft_reports_warnings_with_their_place(client, gov):
    from columns.wordlists import ErrorWord

    ErrorWord.objects.create(wrong="中华人名共和国", correct="中华人民共和国")
    client.force_login(gov["edu_editor"])
    url = reverse("wagtailadmin_pages:add", args=("columns", "articlepage", gov["dept"].pk))
    response = client.post(url, article_post_data(body="<p>依据中华人名共和国有关法律。</p>"), follow=True)
    text = response.content.decode()
    assert "内容检查" in text and "正文第1块（正文段落） 第3字" in text and "中华人民共和国" in text
    page = ArticlePage.objects.child_of(gov["dept"]).get()
    assert not WorkflowState.objects.for_instance(page).exists()  # a draft, nothing submitted


def test_reviewers_dashboard_shows_only_their_units_items(client, gov):
    submit(client, gov)
    client.force_login(gov["edu_reviewer"])
    assert "市教育局召开工作会议" in client.get(reverse("wagtailadmin_home")).content.decode()
    from .governance import user_in

    mj_reviewer = user_in(gov["mj"].reviewers_group, "mj_reviewer")
    client.force_login(mj_reviewer)
    assert "市教育局召开工作会议" not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_direct_publishing_by_a_superuser_is_checked_too(admin_client, gov):
    url = reverse("wagtailadmin_pages:add", args=("columns", "articlepage", gov["dept"].pk))
    response = admin_client.post(
        url, article_post_data(body=f"<p>身份证{VALID_ID}</p>", action="action-publish"), follow=True
    )
    page = ArticlePage.objects.child_of(gov["dept"]).get()
    assert not page.live
    assert "未发布：自动检查发现以下问题" in response.content.decode()
    assert VALID_ID in page.get_latest_revision_as_object().body[0].value.source

    clean = article_post_data(slug=page.slug, action="action-publish")
    admin_client.post(reverse("wagtailadmin_pages:edit", args=(page.pk,)), clean)
    page.refresh_from_db()
    assert page.live


def test_translations_skip_the_unit_reviews_but_not_the_checks_and_final_review(gov):
    from tests.factories import ArticlePageFactory, ensure_locales

    from wagtail.rich_text import RichText

    locales = ensure_locales()
    article = ArticlePageFactory(parent=gov["dept"], body=[("paragraph", RichText("<p>会议内容。</p>"))])
    hant = article.copy_for_translation(locales["zh-hant"], copy_parents=True)
    hant.save_revision()
    hant.get_workflow().start(hant, gov["center"])
    assert current_task(hant) == ("in_progress", "信息中心终审")
    skipped = TaskState.objects.filter(status="skipped").values_list("task__name", flat=True)
    assert sorted(skipped) == ["责任单位初审", "责任单位复审"]
    assert TaskState.objects.filter(status="approved", task__name="自动检查").exists()
