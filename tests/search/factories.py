"""Search test helpers: a portal with one column, built through Wagtail's tree API."""

from wagtail.models import Page, Site

from tests.factories import ColumnPageFactory, HomePageFactory


def make_portal():
    """HomePage as the default site's root. (tests.factories.make_site clashes with the
    welcome page's slug "home" on a fresh database, so the home page gets its own slug.)"""
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root, slug="portal")
    site = Site.objects.get(is_default_site=True)
    old_root = site.root_page
    site.root_page = home
    site.save()
    if old_root.pk != home.pk:
        old_root.delete()
    return home


def make_column(home=None, title="政务动态", slug="news"):
    return ColumnPageFactory(parent=home or make_portal(), title=title, slug=slug)


def complete_titles(data):
    """The titles of an /api/search/ answer's results that match every word (partial matches,
    which fill a page that the complete ones do not, follow them)."""
    return [r["title"] for r in data["results"][: data["complete_count"]]]
