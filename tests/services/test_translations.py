"""The services pages and messages in the three languages; catalogues complete."""

from pathlib import Path

import polib
import pytest

pytestmark = pytest.mark.django_db

LOCALE = Path(__file__).resolve().parents[2] / "services" / "locale"


@pytest.mark.parametrize("lang", ["en", "zh_Hant"])
def test_catalogue_is_complete(lang):
    po = polib.pofile(str(LOCALE / lang / "LC_MESSAGES" / "django.po"))
    assert po.percent_translated() == 100
    assert not [e for e in po if "fuzzy" in e.flags]
    assert (LOCALE / lang / "LC_MESSAGES" / "django.mo").stat().st_mtime >= 0


@pytest.mark.parametrize("prefix, heading, required_error, captcha_error", [
    ("/en", "Write a letter", "This field is required.", "The answer to the check question was wrong."),
    ("/zh-hant", "我要寫信", None, "驗證問題回答不正確"),
    ("", "我要写信", "必需字段", "验证问题回答不正确"),
])
def test_letter_form_in_each_language(client, prefix, heading, required_error, captcha_error):
    url = f"{prefix}/interaction/letters/write/"
    assert heading in client.get(url).content.decode()
    response = client.post(url, {"kind": "consult", "subject": "", "captcha": "999"})
    html = response.content.decode()
    assert response.status_code == 400 and captcha_error in html
    if required_error:
        assert required_error in html
