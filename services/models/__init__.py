from .calendar import CalendarDay
from .outbox import DeliveryAttempt, OutboxMessage
from .pages import InteractionIndexPage, SectionIndexPage, ServiceGuidePage, ServicesIndexPage
from .requests import ANSWERED_STATUSES, OPEN_STATUSES, CitizenRequest, DisclosureRequest, Letter, Status
from .units import HandlingUnit

__all__ = [
    "ANSWERED_STATUSES", "OPEN_STATUSES", "CalendarDay", "CitizenRequest", "DeliveryAttempt",
    "DisclosureRequest", "HandlingUnit", "InteractionIndexPage", "Letter", "OutboxMessage",
    "SectionIndexPage", "ServiceGuidePage", "ServicesIndexPage", "Status",
]
