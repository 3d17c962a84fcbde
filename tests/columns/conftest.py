import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _simplified_chinese():
    """Messages are asserted in the source language; a request to /en/ elsewhere leaves English active."""
    with translation.override("zh-hans"):
        yield
