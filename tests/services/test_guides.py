"""办事指南: the table, 申请材料 with 表格下载, completeness, and the searchable index."""

import re

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from columns.models import ColumnPage
from services.models import ServiceGuidePage, ServicesIndexPage
from tests.factories import ColumnPageFactory, PageFactory

from .factories import make_portal_site

pytestmark = pytest.mark.django_db


class ServicesIndexFactory(PageFactory):
    class Meta:
        model = ServicesIndexPage

    title = "网上办事"
    slug = "services"


class GuideFactory(PageFactory):
    class Meta:
        model = ServiceGuidePage

    slug = None


def full_guide(parent, title="社会保障卡补领", **fields):
    document = get_document_model().objects.create(title="补领申请表", file=ContentFile(b"form", name="form.docx"))
    sample = get_document_model().objects.create(title="填写示例", file=ContentFile(b"sample", name="sample.pdf"))
    values = dict(
        item_type="public_service", implementing_body="梅州市人力资源和社会保障局", for_individuals=True,
        theme="social_security", legal_basis="《社会保险法》第五十八条", conditions="<p>参保人员社保卡遗失</p>",
        materials=[("material", {"name": "居民身份证", "form": "original", "copies": 1, "required": True,
                                 "blank_form": None, "sample": None, "note": ""}),
                   ("material", {"name": "补领申请表", "form": "copy", "copies": 2, "required": True,
                                 "blank_form": document, "sample": sample, "note": "须本人签名"})],
        process="<ol><li>申请</li><li>受理</li><li>制卡</li></ol>", legal_time_limit=20, promised_time_limit=5,
        fee="不收费", fee_basis="无", location="梅州市政务服务中心一楼", office_hours="工作日 9:00-17:00",
        consult_phone="0753-12333", complaint_phone="0753-12345", visits=1,
        online_url="https://www.gdzwfw.gov.cn/",
    )
    slug = fields.pop("slug", None) or f"guide-{title}"
    values.update(fields)
    return GuideFactory(parent=parent, title=title, slug=slug, **values)


@pytest.fixture
def services_index():
    return ServicesIndexFactory(parent=make_portal_site())


def test_guide_renders_every_element_as_a_table(client, services_index):
    guide = full_guide(services_index)
    html = client.get(guide.url).content.decode()
    for text in ("事项名称", "公共服务", "梅州市人力资源和社会保障局", "《社会保险法》第五十八条", "参保人员社保卡遗失",
                 "居民身份证", "原件", "复印件", "须本人签名", "制卡", "20 个工作日", "5 个工作日", "不收费",
                 "梅州市政务服务中心一楼", "工作日 9:00-17:00", "0753-12333", "0753-12345", "1 次",
                 "https://www.gdzwfw.gov.cn/", "在线办理", "表格下载"):
        assert text in html, text
    assert re.search(r'href="/documents/\d+/form[^"]*\.docx"', html)  # 表格下载: blank form
    assert re.search(r'href="/documents/\d+/sample[^"]*\.pdf"', html)  # and sample
    assert "本指南尚缺要素" not in html
    assert guide.completeness() == {"present": 14, "total": 14, "missing": []}


def test_completeness_names_the_missing_elements(client, services_index):
    guide = full_guide(services_index, title="残缺指南", fee="", materials=[], visits=None, consult_phone="")
    missing = [str(m) for m in guide.missing_elements()]
    assert missing == ["申请材料", "收费标准", "咨询电话", "到现场次数"]
    assert "本指南尚缺要素：申请材料、收费标准、咨询电话、到现场次数" in client.get(guide.url).content.decode()
    index_html = client.get(services_index.url).content.decode()
    assert "10/14，缺少：" in index_html


def test_index_filters_by_audience_theme_department_and_text(client, services_index):
    full_guide(services_index, title="社会保障卡补领")
    full_guide(services_index, title="企业设立登记", for_individuals=False, for_businesses=True,
               theme="establishment", implementing_body="梅州市市场监督管理局")
    full_guide(services_index, title="结婚登记", theme="marriage", implementing_body="梅州市民政局")

    def titles(query):
        return [g.title for g in client.get(services_index.url + query).context["guide_filter"].guides()]

    assert titles("?audience=business") == ["企业设立登记"]
    assert set(titles("?audience=individual")) == {"社会保障卡补领", "结婚登记"}
    assert titles("?theme=marriage") == ["结婚登记"]
    assert titles("?department=梅州市民政局") == ["结婚登记"]
    assert titles("?q=社会保障") == ["社会保障卡补领"]
    assert titles("?q=市场监督") == ["企业设立登记"]
    html = client.get(services_index.url + "?q=不存在的事项").content.decode()
    assert "没有符合条件的办事指南。" in html


def test_guides_can_live_in_a_column_under_services_and_are_listed_there(client, services_index):
    column = ColumnPageFactory(parent=services_index, title="办事指南", slug="guides")
    guide = full_guide(column, title="老年人优待证办理")
    assert ServiceGuidePage in ColumnPage.allowed_subpage_models()
    assert ServiceGuidePage in ServicesIndexPage.allowed_subpage_models()
    assert "老年人优待证办理" in client.get(column.url).content.decode()
    # and the services index finds guides in its columns too
    assert "老年人优待证办理" in client.get(services_index.url).content.decode()
    assert client.get(guide.url).status_code == 200


def test_guide_text_is_escaped(client, services_index):
    guide = full_guide(services_index, title="<script>x</script>", slug="script",
                       legal_basis="<img src=x onerror=alert(1)>")
    html = client.get(guide.url).content.decode()
    assert "<img src=x" not in html and "<script>x</script>" not in html
