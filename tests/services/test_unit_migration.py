"""The move from services.HandlingUnit to columns.ResponsibleUnit, run for real on the test database:
back to the schema before it (main before the change), data written with the models of that time,
then forward through the schema, data and removal migrations."""

import uuid
from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from columns.units import ResponsibleUnit
from services.models import DisclosureRequest, Letter

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("columns", "0004_column_choices_default_locale"), ("services", "0002_letters_guides_outbox")]


def migrate(targets=None):
    executor = MigrationExecutor(connection)
    executor.migrate(targets or executor.loader.graph.leaf_nodes())
    return executor.loader.project_state(targets).apps if targets else None


def request_fields(number, unit, reply_unit=None):
    return {"number": number, "query_code_hash": "x", "unit": unit, "reply_unit": reply_unit, "name": "张三",
            "phone": "13800138000", "due_date": date(2026, 12, 1)}


def old_data(apps):
    """Two handling units, their members and requests; one responsible unit of the same name, one other."""
    Locale, Group = apps.get_model("wagtailcore", "Locale"), apps.get_model("auth", "Group")
    Permission, User = apps.get_model("auth", "Permission"), apps.get_model("portal", "User")
    HandlingUnit = apps.get_model("services", "HandlingUnit")
    OldUnit = apps.get_model("columns", "ResponsibleUnit")  # before the letter fields
    zh = Locale.objects.get_or_create(language_code="zh-hans")[0]
    en = Locale.objects.get_or_create(language_code="en")[0]
    key = uuid.uuid4()
    OldUnit.objects.create(name="市人社局", short_name="人社", locale=zh, translation_key=key)
    OldUnit.objects.create(name="Human Resources Bureau", locale=en, translation_key=key)
    OldUnit.objects.create(name="市档案馆", locale=zh, translation_key=uuid.uuid4())
    staff = Group.objects.create(name="办理人员")
    handling = ["change_letter", "change_disclosurerequest"]
    staff.permissions.add(*Permission.objects.filter(codename__in=handling))
    officer, bystander = User.objects.create(username="officer"), User.objects.create(username="bystander")
    officer.groups.add(staff)
    hr = HandlingUnit.objects.create(name="市人社局", sort_order=5)
    hr.members.add(officer, bystander)
    housing = HandlingUnit.objects.create(name="市住建局", active=False, sort_order=7)
    housing.members.add(officer)
    Letter, Disclosure = apps.get_model("services", "Letter"), apps.get_model("services", "DisclosureRequest")
    Letter.objects.create(kind="consult", subject="社保", content="…", **request_fields("XJ1", hr, hr))
    Letter.objects.create(kind="consult", subject="住房", content="…", **request_fields("XJ2", housing))
    Letter.objects.create(kind="consult", subject="不确定", content="…", **request_fields("XJ3", None))
    Disclosure.objects.create(applicant_type="citizen", id_type="id_card", id_number="1", description="…",
                              medium="electronic", delivery="email", **request_fields("YS1", housing))


@pytest.fixture
def old_schema():
    """The database as it was before the move; back at the latest schema afterwards, pass or fail."""
    try:
        yield migrate(BEFORE)
    finally:
        migrate()


def test_handling_units_become_responsible_units(old_schema):
    old_data(old_schema)
    migrate()

    hr = ResponsibleUnit.objects.get(name="市人社局", locale__language_code="zh-hans")
    assert hr.short_name == "人社" and hr.receives_letters and hr.sort_order == 5
    housing = ResponsibleUnit.objects.get(name="市住建局")  # created: no unit of that name before
    assert not housing.receives_letters and housing.sort_order == 7 and housing.active
    archive = ResponsibleUnit.objects.get(name="市档案馆")
    assert not archive.receives_letters  # it took no letters before and is not offered now
    assert ResponsibleUnit.objects.filter(name="Human Resources Bureau", handlers_group=None).exists()
    for unit in (hr, housing, archive):
        assert unit.editors_group and unit.reviewers_group
        assert set(unit.handlers_group.permissions.values_list("codename", flat=True)) == {
            "access_admin", "change_letter", "change_disclosurerequest"}
    # members become handlers; one who could not open the inbox before gains nothing
    assert set(hr.handlers_group.user_set.values_list("username", flat=True)) == {"officer"}
    assert set(housing.handlers_group.user_set.values_list("username", flat=True)) == {"officer"}
    letters = {letter.number: letter for letter in Letter.objects.all()}
    assert letters["XJ1"].unit == hr and letters["XJ1"].reply_unit == hr
    assert letters["XJ2"].unit == housing and letters["XJ2"].reply_unit is None
    assert letters["XJ3"].unit is None
    assert DisclosureRequest.objects.get(number="YS1").unit == housing

    # rolled back (one test: each trip through the migrations takes a while), no letter loses its unit
    apps = migrate(BEFORE)
    HandlingUnit, OldLetter = apps.get_model("services", "HandlingUnit"), apps.get_model("services", "Letter")
    assert dict(HandlingUnit.objects.values_list("name", "active")) == {"市人社局": True, "市住建局": False}
    assert OldLetter.objects.get(number="XJ2").unit.name == "市住建局"
    members = HandlingUnit.objects.get(name="市人社局").members
    assert set(members.values_list("username", flat=True)) == {"officer"}
