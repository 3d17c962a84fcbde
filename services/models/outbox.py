"""Outbox to the petition hall (网上信访大厅): written in the same transaction as the
acceptance, delivered later by ``manage.py deliver_outbox``."""

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .requests import Letter


class OutboxMessage(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", _("待投递")
        DELIVERED = "delivered", _("已投递")

    letter = models.ForeignKey(Letter, verbose_name=_("来信"), on_delete=models.PROTECT, related_name="outbox")
    idempotency_key = models.UUIDField(_("幂等键"), default=uuid.uuid4, unique=True, editable=False)
    payload = models.JSONField(_("内容"))
    state = models.CharField(_("状态"), max_length=10, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveIntegerField(_("尝试次数"), default=0)
    next_attempt_at = models.DateTimeField(_("下次尝试"), default=timezone.now)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    delivered_at = models.DateTimeField(_("投递时间"), null=True, blank=True)
    last_error = models.CharField(_("最近错误"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("推送队列")
        verbose_name_plural = _("推送队列")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["state", "next_attempt_at"])]

    def __str__(self):
        return f"{self.letter.number} ({self.get_state_display()})"


class DeliveryAttempt(models.Model):
    """One HTTP attempt: the delivery log."""

    message = models.ForeignKey(OutboxMessage, on_delete=models.CASCADE, related_name="log")
    attempted_at = models.DateTimeField(_("时间"), default=timezone.now)
    status_code = models.PositiveSmallIntegerField(_("HTTP 状态"), null=True, blank=True)
    succeeded = models.BooleanField(_("成功"), default=False)
    error = models.CharField(_("错误"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("投递记录")
        verbose_name_plural = _("投递记录")
        ordering = ["attempted_at", "pk"]
