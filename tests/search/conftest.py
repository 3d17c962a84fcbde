import pytest

from tests.factories import ArticlePageFactory, PolicyDocumentPageFactory
from tests.search.factories import make_column, make_portal


@pytest.fixture
def portal(db):
    """A home page with two columns and a few documents that the search tests look for."""
    home = make_portal()
    news = make_column(home, "政务动态", "news")
    policy = make_column(home, "政策文件", "policy")
    pages = {
        "regulation": PolicyDocumentPageFactory(
            parent=policy, title="中华人民共和国政府信息公开条例", slug="ogi-regulation",
            summary="为了保障公民、法人和其他组织依法获取政府信息，提高政府工作的透明度。",
        ),
        "education": ArticlePageFactory(
            parent=news, title="梅州市教育局召开全市教育工作会议", slug="education-meeting",
            summary="会议部署了2026年全市教育重点工作。",
        ),
        "insurance": ArticlePageFactory(
            parent=news, title="社会保险费征缴工作进展顺利", slug="social-insurance",
            summary="全市社会保险参保人数持续增长。",
        ),
        "food": ArticlePageFactory(
            parent=news, title="我市开展食品安全专项检查", slug="food-safety",
            summary="市场监管部门对校园周边食品经营者开展检查。",
        ),
    }
    return {"home": home, "news": news, "policy": policy, **pages}
