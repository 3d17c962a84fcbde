"""Responsible units: groups, page permissions that follow the assignments, real admin requests."""

import pytest
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page

from columns.models import ArticlePage
from columns.units import UpdateCategory

from .governance import article_post_data, assign, make_governed_site, make_unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def gov():
    return make_governed_site()


def add_url(parent):
    return reverse("wagtailadmin_pages:add", args=("columns", "articlepage", parent.pk))


def test_default_categories_follow_the_national_rules():
    days = dict(UpdateCategory.objects.values_list("name", "max_interval_days"))
    assert days["动态要闻"] == 14
    assert days["通知公告"] == days["政策文件"] == 183
    assert days["人事"] == days["规划计划"] == 365
    assert days["概况"] is None


def test_creating_a_unit_creates_its_groups_with_admin_access():
    unit = make_unit("梅州市财政局")
    assert unit.editors_group.name == "梅州市财政局编辑"
    assert unit.reviewers_group.name == "梅州市财政局审核"
    assert unit.handlers_group.name == "梅州市财政局办理"
    for group in (unit.editors_group, unit.reviewers_group, unit.handlers_group):
        assert group.permissions.filter(codename="access_admin").exists()


def test_editor_permissions_only_on_assigned_columns(gov):
    perms = GroupPagePermission.objects.filter(group=gov["edu"].editors_group)
    assert {p.page_id for p in perms} == {gov["dept"].pk}
    assert {p.permission.codename for p in perms} == {"add_page", "change_page", "lock_page", "unlock_page"}
    assert not perms.filter(permission__codename="publish_page").exists()


def test_unit_editor_can_add_in_own_column_but_not_in_another(client, gov):
    client.force_login(gov["edu_editor"])
    ok = client.post(add_url(gov["dept"]), article_post_data())
    assert ok.status_code == 302, ok.content[:2000]
    assert ArticlePage.objects.child_of(gov["dept"]).filter(title="市教育局召开工作会议").exists()

    refused = client.post(add_url(gov["county"]), article_post_data(slug="other"))
    assert refused.status_code in (302, 403)
    assert not ArticlePage.objects.child_of(gov["county"]).exists()


def test_unit_editor_cannot_publish_directly(client, gov):
    client.force_login(gov["edu_editor"])
    client.post(add_url(gov["dept"]), article_post_data(action="action-publish"))
    page = ArticlePage.objects.child_of(gov["dept"]).get()
    assert not page.live
    assert page.get_latest_revision() is not None
    assert not page.revisions.filter(pk=page.live_revision_id or 0).exists()


def test_changing_a_columns_unit_moves_the_permissions(client, gov):
    row = gov["dept"].column_responsibility
    row.units.set([gov["mj"]])
    assert not GroupPagePermission.objects.filter(group=gov["edu"].editors_group).exists()
    assert GroupPagePermission.objects.filter(group=gov["mj"].editors_group, page=gov["dept"]).exists()

    client.force_login(gov["edu_editor"])
    client.post(add_url(gov["dept"]), article_post_data())
    assert not ArticlePage.objects.child_of(gov["dept"]).exists()
    client.logout()
    client.force_login(gov["mj_editor"])
    assert client.post(add_url(gov["dept"]), article_post_data()).status_code == 302
    assert ArticlePage.objects.child_of(gov["dept"]).exists()


def test_co_built_column_gives_every_unit_rights(gov):
    from tests.factories import ColumnPageFactory

    shared = ColumnPageFactory(parent=gov["home"], title="重点工作", slug="zdgz")
    assign(shared, gov["edu"], gov["mj"])
    for unit in (gov["edu"], gov["mj"]):
        assert GroupPagePermission.objects.filter(group=unit.editors_group, page=shared).exists()


def test_deactivating_a_unit_withdraws_its_rights(gov):
    unit = gov["edu"]
    unit.active = False
    unit.save()
    assert not GroupPagePermission.objects.filter(group=unit.editors_group).exists()


def test_admin_assignment_through_the_snippet_form_moves_rights(admin_client, gov):
    row = gov["county"].column_responsibility
    url = reverse("wagtailsnippets_columns_columnresponsibility:edit", args=(row.pk,))
    response = admin_client.post(url, {
        "column": gov["county"].pk,
        "units": [gov["edu"].pk],
        "category": UpdateCategory.objects.get(name="通知公告").pk,
        "max_interval_days": "",
    })
    assert response.status_code == 302, response.content[:3000]
    assert GroupPagePermission.objects.filter(group=gov["edu"].editors_group, page=gov["county"]).exists()
    assert not GroupPagePermission.objects.filter(group=gov["mj"].editors_group).exists()
    assert Page.objects.get(pk=gov["county"].pk).specific.column_responsibility.interval_days == 183


def test_creating_a_unit_in_the_admin_creates_its_groups(admin_client):
    from wagtail.models import Locale

    from columns.units import ResponsibleUnit

    url = reverse("wagtailsnippets_columns_responsibleunit:add")
    response = admin_client.post(url, {
        "name": "梅州市卫生健康局", "short_name": "市卫健局", "unit_type": "department",
        "contact_person": "", "phone": "", "email": "not-an-email", "active": "on",
        "editors_group": "", "reviewers_group": "", "handlers_group": "", "sort_order": "100",
        "locale": Locale.get_default().pk,
    })
    assert response.status_code == 200  # bad e-mail: the form comes back, nothing half-written
    assert not ResponsibleUnit.objects.filter(name="梅州市卫生健康局").exists()
    response = admin_client.post(url, {
        "name": "梅州市卫生健康局", "short_name": "市卫健局", "unit_type": "department",
        "contact_person": "", "phone": "", "email": "wjj@example.gov.cn", "active": "on",
        "editors_group": "", "reviewers_group": "", "handlers_group": "", "sort_order": "100",
        "locale": Locale.get_default().pk,
    })
    assert response.status_code == 302, response.content[:2000]
    unit = ResponsibleUnit.objects.get(name="梅州市卫生健康局")
    assert unit.editors_group.name == "梅州市卫生健康局编辑"
    assert unit.handlers_group.name == "梅州市卫生健康局办理"
    assert not unit.receives_letters  # the box was left unticked


def test_a_translated_unit_shares_the_groups_and_rights(gov):
    from tests.factories import ensure_locales

    locales = ensure_locales()
    unit = gov["edu"]
    translation = unit.copy_for_translation(locales["en"])
    translation.name = "Meizhou Municipal Education Bureau"
    translation.save()
    assert translation.editors_group_id == unit.editors_group_id
    assert GroupPagePermission.objects.filter(group=unit.editors_group).count() == 4  # unchanged


def test_governance_admin_pages_render(admin_client, gov):
    for name in ("responsibleunit", "columnresponsibility", "updatecategory", "sensitiveword", "errorword"):
        assert admin_client.get(reverse(f"wagtailsnippets_columns_{name}:list")).status_code == 200
    edit = reverse("wagtailsnippets_columns_columnresponsibility:edit", args=(gov["dept"].column_responsibility.pk,))
    assert admin_client.get(edit).status_code == 200


def test_unit_editor_cannot_edit_another_units_page(client, gov):
    from tests.factories import ArticlePageFactory

    other = ArticlePageFactory(parent=gov["county"], title="梅江区动态")
    client.force_login(gov["edu_editor"])
    url = reverse("wagtailadmin_pages:edit", args=(other.pk,))
    assert client.get(url).status_code in (302, 403)
    client.post(url, article_post_data(title="被改的标题", slug=other.slug))
    other.refresh_from_db()
    assert other.title == "梅江区动态"
    assert other.get_latest_revision().content["title"] == "梅江区动态"


def test_visitors_see_the_unit_name_in_their_language(gov):
    from django.template import Context, Template
    from django.utils import translation

    from tests.factories import ArticlePageFactory, ensure_locales

    locales = ensure_locales()
    english = gov["edu"].copy_for_translation(locales["en"])
    english.name = "Meizhou Municipal Education Bureau"
    english.save()
    article = ArticlePageFactory(parent=gov["dept"])
    tpl = Template("{% load governance_tags %}{% responsible_units_line page %}")
    assert "梅州市教育局" in tpl.render(Context({"page": article}))
    with translation.override("en"):
        assert "Meizhou Municipal Education Bureau" in tpl.render(Context({"page": article}))
    gov["edu"].active = False
    gov["edu"].save()
    assert tpl.render(Context({"page": article})).strip() == ""
