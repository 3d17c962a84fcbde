"""Shared set-up for the editorial governance tests: units, columns, users and admin form data."""

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from columns.units import ColumnResponsibility, ResponsibleUnit, UpdateCategory
from columns.workflow import INFO_CENTER_GROUP, ensure_workflow
from tests.factories import ColumnPageFactory, UserFactory, make_site

PASSWORD = "Str0ng-Passw0rd!"


def make_unit(name, **kwargs):
    return ResponsibleUnit.objects.create(name=name, **kwargs)


def assign(column, *units, category="动态要闻", days=None):
    row = ColumnResponsibility.objects.create(
        column=column, category=UpdateCategory.objects.get(name=category), max_interval_days=days
    )
    row.units.set(units)
    return row


def user_in(group, username):
    user = UserFactory(username=username)
    user.groups.add(group)
    return user


def make_home():
    """tests.factories.make_site, after moving Wagtail's welcome page (also slug "home") aside."""
    from wagtail.models import Page, Site

    Page.objects.filter(pk=Site.objects.get(is_default_site=True).root_page_id).update(slug="welcome")
    return make_site()


def make_governed_site():
    """首页 → 部门动态 (市教育局), 县区动态 (梅江区), with each unit's editor and reviewers."""
    home = make_home()
    ensure_workflow()
    dept = ColumnPageFactory(parent=home, title="部门动态", slug="bmdt")
    county = ColumnPageFactory(parent=home, title="县区动态", slug="xqdt")
    edu = make_unit("梅州市教育局", short_name="市教育局")
    mj = make_unit("梅江区人民政府", short_name="梅江区", unit_type="county")
    assign(dept, edu)
    assign(county, mj)
    from django.contrib.auth.models import Group

    return {
        "home": home,
        "dept": dept,
        "county": county,
        "edu": edu,
        "mj": mj,
        "edu_editor": user_in(edu.editors_group, "edu_editor"),
        "edu_reviewer": user_in(edu.reviewers_group, "edu_reviewer"),
        "edu_reviewer2": user_in(edu.reviewers_group, "edu_reviewer2"),
        "mj_editor": user_in(mj.editors_group, "mj_editor"),
        "center": user_in(Group.objects.get(name=INFO_CENTER_GROUP), "center"),
    }


def article_post_data(title="市教育局召开工作会议", body="<p>会议部署了今年的重点工作。</p>", action=None, **fields):
    data = {
        "title": title,
        "slug": fields.pop("slug", "jyj-meeting"),
        "source": fields.pop("source", "梅州市教育局"),
        "publish_time": fields.pop("publish_time", "2026-11-20 09:30"),
        "author": "",
        "summary": "",
        "publish_time_change_reason": fields.pop("publish_time_change_reason", ""),
        "body": streamfield([("paragraph", rich_text(body))]),
        "attachments": streamfield([]),
        "go_live_at": fields.pop("go_live_at", ""),
        "expire_at": "",
        "seo_title": "",
        "search_description": "",
        "comment_notifications": "",
        "comments": inline_formset([]),
    }
    data.update(fields)
    form = nested_form_data(data)
    if action:
        form[action] = "1"
    return form
