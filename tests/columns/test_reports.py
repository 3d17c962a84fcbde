"""Update report figures on a fixture with known dates; exports hold the same rows."""

import csv
import io
from datetime import datetime

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from columns.reports import column_rows, parse_quarter
from tests.factories import ArticlePageFactory, ColumnPageFactory

from .governance import assign, make_governed_site, make_unit

pytestmark = pytest.mark.django_db


def at(y, m, d):
    return timezone.make_aware(datetime(y, m, d, 10, 0))


@pytest.fixture
def fixture():
    gov = make_governed_site()
    dept, county, home = gov["dept"], gov["county"], gov["home"]
    for when in (at(2026, 9, 28), at(2026, 8, 1), at(2026, 6, 1), at(2026, 10, 15)):
        ArticlePageFactory(parent=dept, publish_time=when)
    ArticlePageFactory(parent=dept, publish_time=at(2026, 9, 30)).unpublish()  # a draft does not count
    ArticlePageFactory(parent=county, publish_time=at(2026, 9, 20))
    notices = ColumnPageFactory(parent=home, title="通知公告", slug="tzgg")
    ArticlePageFactory(parent=notices, publish_time=at(2026, 2, 1))
    policies = ColumnPageFactory(parent=home, title="政策文件", slug="zcwj")
    office = make_unit("梅州市人民政府办公室", short_name="市府办")
    assign(notices, office, category="通知公告")
    assign(policies, office, gov["edu"], category="政策文件")  # co-built
    return gov


EXPECTED_Q3 = {
    # path: (published in 2026Q3, last update, days overdue, status)
    "部门动态": (2, "2026-09-28", 0, "ok"),  # 3 days since, under half of 14
    "县区动态": (1, "2026-09-20", 0, "warn"),  # 11 days: past half of 14
    "通知公告": (0, "2026-02-01", 59, "overdue"),  # 242 days against 183
    "政策文件": (0, None, 0, "empty"),
}


def summary(rows):
    return {
        r.path.split(" / ")[-1]: (
            r.published, r.last_update.strftime("%Y-%m-%d") if r.last_update else None, r.days_overdue, r.status
        )
        for r in rows
    }


def test_parse_quarter():
    start, end = parse_quarter("2026Q4")
    assert (timezone.localtime(start).date().isoformat(), timezone.localtime(end).date().isoformat()) == (
        "2026-10-01", "2027-01-01")
    with pytest.raises(ValueError):
        parse_quarter("2026Q5")


def test_quarter_figures(fixture):
    assert summary(column_rows(*parse_quarter("2026Q3"))) == EXPECTED_Q3


def test_report_view_filters_by_unit_and_status(client, fixture):
    client.force_login(fixture["center"])
    url = reverse("columns_update_report")
    page = client.get(url, {"quarter": "2026Q3"})
    assert page.status_code == 200
    text = page.content.decode()
    assert "超期未更新" in text and "空白栏目" in text and "即将超期" in text
    only_edu = client.get(url, {"quarter": "2026Q3", "unit": fixture["edu"].pk})
    assert "部门动态" in only_edu.content.decode() and "县区动态" not in only_edu.content.decode()
    overdue = client.get(url, {"quarter": "2026Q3", "status": "overdue"}).content.decode()
    assert "通知公告" in overdue and "部门动态" not in overdue


def test_bad_quarter_is_explained(client, fixture):
    client.force_login(fixture["center"])
    response = client.get(reverse("columns_update_report"), {"quarter": "2026Q9"})
    assert response.status_code == 200
    assert "季度格式应为" in response.content.decode()


def test_unit_editors_cannot_open_the_report(client, fixture):
    client.force_login(fixture["edu_editor"])
    response = client.get(reverse("columns_update_report"))
    assert response.status_code in (302, 403)
    assert "通知公告" not in response.content.decode()


def test_xlsx_and_csv_exports_hold_the_same_rows(client, fixture):
    client.force_login(fixture["center"])
    url = reverse("columns_update_report")
    expected = column_rows(*parse_quarter("2026Q3"))
    xlsx = client.get(url, {"quarter": "2026Q3", "export": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][0] == "栏目" and values[0][-1] == "状态"
    assert [(r[0], r[4], r[6], r[7]) for r in values[1:]] == [
        (r.path, r.published, r.days_overdue, r.status_label) for r in expected
    ]
    csv_response = client.get(url, {"quarter": "2026Q3", "export": "csv"})
    lines = list(csv.reader(io.StringIO(b"".join(csv_response.streaming_content).decode())))
    assert [line[0] for line in lines[1:]] == [r.path for r in expected]


def test_responsibility_table_and_export(client, fixture):
    client.force_login(fixture["center"])
    url = reverse("columns_responsibility_table")
    html = client.get(url).content.decode()
    assert "栏目内容保障责任单位分解表" in html
    assert "梅州市人民政府办公室、梅州市教育局" in html or "梅州市教育局、梅州市人民政府办公室" in html
    sheet = load_workbook(io.BytesIO(b"".join(client.get(url, {"export": "xlsx"}).streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("栏目", "责任单位", "更新要求类别", "最长更新间隔", "最近更新", "状态")
    assert {r[0].split(" / ")[-1]: r[3] for r in rows[1:]} == {
        "部门动态": "14天", "县区动态": "14天", "通知公告": "183天", "政策文件": "183天"}


def test_column_report_command(tmp_path, fixture):
    output = tmp_path / "q3.xlsx"
    out = io.StringIO()
    call_command("column_report", quarter="2026Q3", output=str(output), stdout=out)
    assert "栏目 4 个" in out.getvalue() and "本期发布 3 条" in out.getvalue()
    assert "超期 1" in out.getvalue() and "空白 1" in out.getvalue()
    book = load_workbook(output)
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))[2:]
    assert {r[0].split(" / ")[-1]: (r[4], r[6], r[7]) for r in rows} == {
        "部门动态": (2, 0, "正常"), "县区动态": (1, 0, "即将超期"),
        "通知公告": (0, 59, "超期未更新"), "政策文件": (0, 0, "空白栏目")}
    units = {r[0]: r[1:] for r in list(book.worksheets[1].iter_rows(values_only=True))[1:]}
    assert units["梅州市教育局"] == (2, 2, 0, 0, 1)  # 部门动态 + co-built 政策文件
    with pytest.raises(CommandError):
        call_command("column_report", quarter="2026Q7", output=str(output))
