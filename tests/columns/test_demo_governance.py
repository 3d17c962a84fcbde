"""The demo step: units on the demo columns, and one item followed from draft to the quarterly report."""

import io

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import GroupPagePermission, WorkflowState

from columns.demo_governance import load
from columns.models import ArticlePage
from columns.reports import column_rows, current_quarter, parse_quarter
from columns.units import ColumnResponsibility, ResponsibleUnit
from site.models import User
from tests.factories import ColumnPageFactory

from .governance import article_post_data, make_home

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    home = make_home()
    news = ColumnPageFactory(parent=home, title="政务动态", slug="zwdt")
    columns = {t: ColumnPageFactory(parent=news, title=t, slug=s) for t, s in [("要闻", "yw"), ("部门动态", "bmdt")]}
    load(home, io.StringIO())
    return home, columns


def test_units_are_assigned_to_the_demo_columns_and_idempotent(demo):
    home, columns = demo
    before = (ResponsibleUnit.objects.count(), ColumnResponsibility.objects.count(), User.objects.count(),
              GroupPagePermission.objects.count())
    load(home, io.StringIO())
    after = (ResponsibleUnit.objects.count(), ColumnResponsibility.objects.count(), User.objects.count(),
             GroupPagePermission.objects.count())
    assert before == after
    assert ColumnResponsibility.objects.count() == 2  # missing demo columns are skipped
    co_built = columns["部门动态"].column_responsibility.units.values_list("short_name", flat=True)
    assert sorted(co_built) == ["市人社局", "市教育局"]
    editor = User.objects.get(username="sfb_editor")
    assert GroupPagePermission.objects.filter(group__in=editor.groups.all(), page=columns["要闻"]).exists()


def test_one_item_from_draft_to_publication_to_the_report(client, demo):
    _home, columns = demo
    client.force_login(User.objects.get(username="sfb_editor"))
    now = timezone.localtime().strftime("%Y-%m-%d %H:%M")
    url = reverse("wagtailadmin_pages:add", args=("columns", "articlepage", columns["要闻"].pk))
    client.post(url, article_post_data(title="市政府召开常务会议", slug="cwhy", publish_time=now, action="action-submit"))
    page = ArticlePage.objects.get(slug="cwhy")
    for username in ("sfb_reviewer1", "sfb_reviewer2", "xxzx_center"):
        client.force_login(User.objects.get(username=username))
        state = WorkflowState.objects.for_instance(page).get(status="in_progress")
        action = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", state.current_task_state.pk))
        assert client.post(action, {"comment": ""}).status_code == 302
    page.refresh_from_db()
    assert page.live
    rows = {r.path: r for r in column_rows(*parse_quarter(current_quarter()))}
    assert rows["政务动态 / 要闻"].published == 1
    assert rows["政务动态 / 要闻"].status == "ok"
    assert rows["政务动态 / 部门动态"].status == "empty"
