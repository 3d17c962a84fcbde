from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ColumnsConfig(AppConfig):
    name = "columns"
    verbose_name = _("栏目与内容")

    def ready(self):
        post_migrate.connect(install_governance_workflow, sender=self)


def install_governance_workflow(using="default", **kwargs):
    """Every installation reviews before publishing (三审); see columns/workflow.py."""
    from .workflow import ensure_workflow

    ensure_workflow(using=using)
