"""Published letters are found by site search as 互动, without exposing anyone's numbers."""

import re

import pytest

from services.workflow import perform
from tests.factories import ResponsibleUnitFactory
from tests.services.factories import make_letter, staff_user

pytestmark = pytest.mark.django_db

PHONE = "13912345678"


def answered(unit, publish=True, **fields):
    letter, _code = make_letter(unit, **fields)
    officer = staff_user(unit)
    perform(letter, "accept", officer)
    perform(letter, "reply", officer, reply="围龙屋修缮补助由市文广旅体局受理，请携带产权证明。", published=publish)
    letter.refresh_from_db()
    return letter


@pytest.fixture
def letters(portal):
    unit = ResponsibleUnitFactory(name="市文广旅体局")
    return {
        "public": answered(unit, subject="围龙屋修缮能否申请补助", content=f"我家围龙屋漏雨，联系电话{PHONE}。"),
        "not_published": answered(unit, publish=False, subject="围龙屋修缮的另一封信", content="不公开的信。"),
        "no_consent": answered(unit, subject="围龙屋修缮咨询", content="不同意公开。", publish_consent=False),
        "unanswered": make_letter(unit, subject="围龙屋修缮补助何时发放", content="还没有答复。")[0],
    }


def search(client, **params):
    response = client.get("/api/search/", params)
    assert response.status_code == 200
    return response.json()


def test_a_published_letter_is_an_interaction_result(client, letters):
    data = search(client, q="围龙屋 修缮")
    (result,) = [r for r in data["results"] if r["kind"] == "互动"]
    letter = letters["public"]
    assert result["title"] == "围龙屋修缮能否申请补助"
    assert result["url"] == f"/interaction/letters/{letter.number}/"
    assert result["column"] == "来信"
    assert result["date"] == letter.replied_at.astimezone().date().isoformat()
    assert "<mark>围龙屋</mark>" in result["snippet"]
    assert {f["kind"]: f["count"] for f in data["facets"]}["interaction"] == 1
    assert client.get(result["url"]).status_code == 200


def test_only_published_letters_are_found(client, letters):
    titles = [r["title"] for r in search(client, q="围龙屋", kind="interaction")["results"]]
    assert titles == ["围龙屋修缮能否申请补助"]


def test_personal_numbers_are_neither_shown_nor_searchable(client, letters):
    result = next(r for r in search(client, q="围龙屋")["results"] if r["kind"] == "互动")
    assert PHONE not in result["snippet"] and "139******78" in result["snippet"]
    assert search(client, q=PHONE)["count"] == 0


def test_kind_column_and_date_filters_apply_to_letters(client, letters, portal):
    assert search(client, q="围龙屋", kind="policy")["count"] == 0
    assert search(client, q="围龙屋", column=portal["news"].pk)["count"] == 0
    replied = letters["public"].replied_at.astimezone().date()
    assert search(client, q="围龙屋", date_from=replied.isoformat())["count"] == 1
    assert search(client, q="围龙屋", date_to="2000-01-01")["count"] == 0


def test_the_search_page_shows_the_letter_like_the_api(client, letters):
    data = search(client, q="围龙屋")
    html = client.get("/search/", {"q": "围龙屋"}).content.decode()
    links = re.findall(r'<h3><a href="([^"]+)">([^<]+)</a></h3>', html)
    assert links == [(r["url"], r["title"]) for r in data["results"]]
    assert "/en/interaction/letters/" in client.get("/en/api/search/", {"q": "围龙屋"}).json()["results"][0]["url"]


def test_a_letter_unpublished_later_drops_out(client, letters):
    letter = letters["public"]
    letter.published = False
    letter.save()
    assert search(client, q="围龙屋")["count"] == 0
