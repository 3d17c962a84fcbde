from wagtail.models import Page, Site

from tests.factories import HomePageFactory


def make_home():
    """The default site's root as a HomePage (the shared make_site clashes with Wagtail's welcome page slug)."""
    site = Site.objects.get(is_default_site=True)
    welcome = site.root_page
    welcome.slug = "welcome-old"
    welcome.save(update_fields=["slug"])
    home = HomePageFactory(parent=Page.get_first_root_node())
    site.root_page = home
    site.save()
    welcome.delete()
    return home
