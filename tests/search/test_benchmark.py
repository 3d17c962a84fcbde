"""The benchmark command runs end to end and prints its figures (the figures are not asserted)."""

from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import Page

pytestmark = pytest.mark.django_db


def test_benchmark_prints_figures_and_cleans_up():
    pages_before = Page.objects.count()
    out = StringIO()
    call_command("benchmark_search", documents=12, repeat=1, stdout=out)
    text = out.getvalue()
    for label in ("indexing time:", "index size:", "search service (as /search/): median", "p95"):
        assert label in text
    assert Page.objects.count() == pages_before
