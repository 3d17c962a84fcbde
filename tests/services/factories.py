"""Factories and helpers for services tests: staff, letters submitted the real way (units:
tests.factories.ResponsibleUnitFactory)."""

from datetime import date

from django.contrib.auth.models import Group, Permission

from services.models import CalendarDay, DisclosureRequest, Letter
from services.workflow import submit
from tests.factories import UserFactory


def staff_user(*units, username=None, all_units=False):
    """A Wagtail admin user who handles letters and applications of ``units`` (their handlers groups)."""
    user = UserFactory(username=username) if username else UserFactory()
    group, _ = Group.objects.get_or_create(name="办理人员")
    codenames = ["access_admin", "change_letter", "change_disclosurerequest"]
    group.permissions.add(*Permission.objects.filter(codename__in=codenames))
    user.groups.add(group)
    if all_units:
        user.user_permissions.add(
            *Permission.objects.filter(codename__in=["handle_all_letters", "handle_all_disclosures"])
        )
    user.groups.add(*(unit.handlers_group for unit in units))
    return user


def make_letter(unit=None, **fields):
    """A letter stored through the same path as the public form; returns (letter, query code)."""
    values = {"kind": Letter.Kind.CONSULT, "subject": "咨询社保卡补办", "content": "请问社保卡丢失后如何补办？",
              "name": "张三丰", "phone": "13800138000", "email": "zhang@example.com", "publish_consent": True}
    values.update(fields)
    letter = Letter(unit=unit, **values)
    code = submit(letter, ip="10.0.0.1")
    return letter, code


def make_disclosure(unit=None, **fields):
    values = {"applicant_type": "citizen", "name": "李四", "id_type": "id_card",
              "id_number": "441400199001011234",
              "phone": "13900139000", "email": "li@example.com", "address": "梅州市梅江区",
              "description": "2025年梅江区道路维修项目的招标文件", "medium": "electronic", "delivery": "email"}
    values.update(fields)
    obj = DisclosureRequest(unit=unit, **values)
    code = submit(obj, ip="10.0.0.2")
    return obj, code


def national_day_2026():
    """A National Day week: 10月1日至7日 off, Saturday 10月10日 worked (调休)."""
    for day in range(1, 8):
        CalendarDay.objects.get_or_create(
            date=date(2026, 10, day), defaults={"kind": "holiday", "name": "国庆节"}
        )
    CalendarDay.objects.get_or_create(date=date(2026, 10, 10), defaults={"kind": "workday", "name": "国庆节调休"})


def make_portal_site():
    """Like tests.factories.make_site, with a slug that does not clash with Wagtail's welcome
    page ("home"); works on a flushed database too (browser tests)."""
    from wagtail.models import Site

    from site.demo.builder import tree_root
    from tests.factories import HomePageFactory

    home = HomePageFactory(parent=tree_root(), slug="portal")
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
        return home
    old_root, site.root_page = site.root_page, home
    site.save()
    old_root.delete()
    return home
