"""Demo content for 网上办事 and 互动交流 (a DEMO_STEPS entry of ``manage.py load_demo``).

Idempotent: everything is looked up before it is written. The 2026 holiday calendar below follows
《国务院办公厅关于2026年部分节假日安排的通知》 of 2025-11-04 (checked 2026-11-29); a portal enters
each year's notice in the admin (节假日与调休).
"""

from datetime import date, datetime, time, timedelta

from django.contrib.auth.hashers import make_password
from django.utils import timezone
from wagtail.models import Locale

from columns.models import ColumnPage
from columns.units import ResponsibleUnit

from .models import CalendarDay, Letter, ServiceGuidePage, ServicesIndexPage, Status
from .workdays import add_working_days

DEMO_TODAY = date(2026, 11, 20)
DEMO_QUERY_CODE = "DEMO2026"  # printed by the step so that a visitor can try the look-up

HOLIDAYS_2026 = [
    ("元旦", ["2026-01-01", "2026-01-02", "2026-01-03"], ["2026-01-04"]),
    ("春节", [f"2026-02-{d:02d}" for d in range(15, 24)], ["2026-02-14", "2026-02-28"]),
    ("清明节", ["2026-04-04", "2026-04-05", "2026-04-06"], []),
    ("劳动节", [f"2026-05-{d:02d}" for d in range(1, 6)], ["2026-05-09"]),
    ("端午节", ["2026-06-19", "2026-06-20", "2026-06-21"], []),
    ("中秋节", ["2026-09-25", "2026-09-26", "2026-09-27"], []),
    ("国庆节", [f"2026-10-{d:02d}" for d in range(1, 8)], ["2026-09-20", "2026-10-10"]),
]

UNITS = ["梅州市人力资源和社会保障局", "梅州市住房和城乡建设局", "梅州市交通运输局", "梅州市政务服务和数据管理局",
         "梅州市市场监督管理局", "梅州市民政局"]

GUIDES = [
    {
        "slug": "shbzk-bl", "title": "社会保障卡补领", "item_type": "public_service",
        "implementing_body": "梅州市人力资源和社会保障局", "theme": "social_security",
        "legal_basis": "《中华人民共和国社会保险法》第五十八条",
        "conditions": "<p>已领取社会保障卡的参保人员，卡片遗失或损坏的。</p>",
        "materials": [("material", {"name": "居民身份证", "form": "original", "copies": 1, "required": True,
                                    "blank_form": None, "sample": None, "note": ""}),
                      ("material", {"name": "社会保障卡补领申请表", "form": "original", "copies": 1, "required": True,
                                    "blank_form": None, "sample": None, "note": "可在窗口领取"})],
        "process": "<ol><li>提交申请</li><li>窗口受理</li><li>制卡</li><li>领取</li></ol>",
        "legal_time_limit": 20, "promised_time_limit": 5, "fee": "不收费", "fee_basis": "",
        "location": "梅州市政务服务中心一楼人社窗口", "office_hours": "工作日 上午9:00-12:00，下午14:30-17:30",
        "consult_phone": "0753-12333", "complaint_phone": "0753-12345", "visits": 1,
        "online_url": "https://www.gdzwfw.gov.cn/",
    },
    {
        "slug": "qysldj", "title": "企业设立登记", "item_type": "license", "for_individuals": False,
        "for_businesses": True, "implementing_body": "梅州市市场监督管理局", "theme": "establishment",
        "legal_basis": "《中华人民共和国市场主体登记管理条例》第三条",
        "conditions": "<p>申请人符合法律法规规定的市场主体设立条件。</p>",
        "materials": [("material", {"name": "公司登记（备案）申请书", "form": "original", "copies": 1,
                                    "required": True, "blank_form": None, "sample": None, "note": ""}),
                      ("material", {"name": "公司章程", "form": "original", "copies": 1, "required": True,
                                    "blank_form": None, "sample": None, "note": ""}),
                      ("material", {"name": "法定代表人身份证明", "form": "copy", "copies": 1, "required": True,
                                    "blank_form": None, "sample": None, "note": ""})],
        "process": "<ol><li>网上申报</li><li>审核</li><li>领取营业执照</li></ol>",
        "legal_time_limit": 3, "promised_time_limit": 1, "fee": "不收费", "fee_basis": "",
        "location": "梅州市政务服务中心二楼市场监管窗口", "office_hours": "工作日 9:00-17:30",
        "consult_phone": "0753-2288123", "complaint_phone": "0753-12345", "visits": 0,
        "online_url": "https://www.gdzwfw.gov.cn/",
    },
    {
        # deliberately incomplete: shows the completeness indicator
        "slug": "jhdj", "title": "内地居民婚姻登记", "item_type": "confirmation",
        "implementing_body": "梅州市民政局", "theme": "marriage",
        "legal_basis": "《婚姻登记条例》第四条", "conditions": "<p>男女双方自愿结婚，符合法定婚龄。</p>",
        "process": "<ol><li>预约</li><li>现场申请</li><li>颁证</li></ol>",
        "legal_time_limit": 1, "promised_time_limit": 1, "location": "梅州市婚姻登记处",
        "office_hours": "工作日 9:00-17:00", "visits": 1,
    },
]

LETTERS = [
    ("consult", "社保卡丢失后如何补办？", "我的社保卡不慎丢失，请问需要带什么材料、到哪里补办？", "陈家明",
     "梅州市人力资源和社会保障局", 30, 3,
     "您好！社会保障卡遗失可携带本人居民身份证到市政务服务中心一楼人社窗口办理补领，也可通过“粤省事”小程序线上申请。"),
    ("suggestion", "建议增加江北公交线路班次", "早高峰时江北往返市区的公交车十分拥挤，建议增加班次。", "刘晓红",
     "梅州市交通运输局", 25, 9,
     "您好！感谢您的建议。我局已会同公交企业调研，自下月起早高峰时段该线路发车间隔由15分钟缩短为10分钟。"),
    ("complaint", "小区周边道路施工噪音扰民", "某路段夜间施工至凌晨，严重影响居民休息。", "黄志强",
     "梅州市住房和城乡建设局", 12, 4,
     "您好！经核查，该工地未经许可夜间施工，我局已责令整改并加强巡查。如再发现，请拨打12345反映。"),
]


def _aware(day, hour):
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _calendar(stdout):
    for name, holidays, workdays in HOLIDAYS_2026:
        for kind, days in (("holiday", holidays), ("workday", workdays)):
            for day in days:
                CalendarDay.objects.get_or_create(
                    date=date.fromisoformat(day), defaults={"kind": kind, "name": name if kind == "holiday"
                                                            else f"{name}调休上班"})


def _guides(home, stdout):
    services = ServicesIndexPage.objects.child_of(home).first()
    if services is None:
        return
    parent = ColumnPage.objects.child_of(services).filter(slug="bszn").first() or services
    for data in GUIDES:
        if parent.get_children().filter(slug=data["slug"]).exists():
            continue
        guide = ServiceGuidePage(**data)
        parent.add_child(instance=guide)
        guide.save_revision().publish()


def _letters(stdout):
    locale = Locale.get_default()
    units = {name: ResponsibleUnit.objects.get_or_create(name=name, locale=locale)[0] for name in UNITS}
    for kind, subject, content, name, unit_name, days_ago, handling_days, reply in LETTERS:
        if Letter.objects.filter(subject=subject).exists():
            continue
        unit = units[unit_name]
        received = DEMO_TODAY - timedelta(days=days_ago)
        replied = add_working_days(received, handling_days)
        letter = Letter.objects.create(
            number=f"DEMO-{subject[:10]}", query_code_hash=make_password(DEMO_QUERY_CODE), kind=kind,
            subject=subject, content=content, name=name, phone="13800000000", unit=unit,
            publish_consent=True, received_at=_aware(received, 9), accepted_at=_aware(received, 15),
            due_date=add_working_days(received, 5 if kind == "consult" else 15),
            status=Status.CLOSED, reply=reply, reply_unit=unit, replied_at=_aware(replied, 16),
            closed_at=_aware(replied, 17),
        )
        letter.number = f"XJ{received:%Y%m%d}{letter.pk:05d}"
        letter.save(update_fields=["number"])
        stdout.write(f"演示来信 {letter.number}，查询码 {DEMO_QUERY_CODE}")


def load(home, stdout):
    _calendar(stdout)
    _guides(home, stdout)
    _letters(stdout)
