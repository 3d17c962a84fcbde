"""Who may live under whom (parent_page_types / subpage_types)."""

import pytest
from wagtail.models import Page

from columns.models import ArticlePage, ColumnPage, InfoDisclosureIndexPage, PolicyDocumentPage
from home.models import HomePage
from services.models import InteractionIndexPage, ServicesIndexPage


@pytest.mark.parametrize(
    "parent, child",
    [
        (Page, HomePage),
        (HomePage, ColumnPage),
        (HomePage, InfoDisclosureIndexPage),
        (HomePage, ServicesIndexPage),
        (HomePage, InteractionIndexPage),
        (ColumnPage, ColumnPage),
        (ColumnPage, ArticlePage),
        (ColumnPage, PolicyDocumentPage),
        (InfoDisclosureIndexPage, ColumnPage),
        (InfoDisclosureIndexPage, ArticlePage),
        (ServicesIndexPage, ColumnPage),
        (InteractionIndexPage, ColumnPage),
    ],
)
def test_allowed_children(parent, child):
    assert child in parent.allowed_subpage_models()
    assert parent in child.allowed_parent_page_models()


@pytest.mark.parametrize(
    "parent, child",
    [
        (Page, ArticlePage),
        (Page, ColumnPage),
        (HomePage, ArticlePage),
        (HomePage, HomePage),
        (ColumnPage, HomePage),
        (ColumnPage, InfoDisclosureIndexPage),
        (ArticlePage, ArticlePage),
        (ArticlePage, ColumnPage),
        (PolicyDocumentPage, ArticlePage),
        (ServicesIndexPage, ArticlePage),
    ],
)
def test_refused_children(parent, child):
    assert child not in parent.allowed_subpage_models() or parent not in child.allowed_parent_page_models()
