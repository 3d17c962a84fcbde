"""The evaluation command prints its figures, and the portal search beats naive substring search."""

import re
from io import StringIO

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_evaluate_search_prints_recall_and_mrr():
    out = StringIO()
    call_command("evaluate_search", segmenter="hybrid", stdout=out)
    text = out.getvalue()
    overall = [tuple(map(float, m)) for m in re.findall(r"ALL\s+\d+\s+([\d.]+)\s+([\d.]+)", text)]
    (naive_recall, _), (portal_recall, portal_mrr) = overall
    assert portal_recall >= 0.9 and portal_mrr >= 0.9
    assert naive_recall < 0.5
