from .calendar import CalendarDay
from .outbox import DeliveryAttempt, OutboxMessage
from .pages import InteractionIndexPage, SectionIndexPage, ServiceGuidePage, ServicesIndexPage
from .requests import ANSWERED_STATUSES, OPEN_STATUSES, CitizenRequest, DisclosureRequest, Letter, Status

__all__ = [
    "ANSWERED_STATUSES", "OPEN_STATUSES", "CalendarDay", "CitizenRequest", "DeliveryAttempt",
    "DisclosureRequest", "InteractionIndexPage", "Letter", "OutboxMessage",
    "SectionIndexPage", "ServiceGuidePage", "ServicesIndexPage", "Status",
]
