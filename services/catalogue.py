"""The services index: guides by audience, life-event theme and department, with a text filter."""

from .models import ServiceGuidePage


class GuideFilter:
    FIELDS = ("audience", "theme", "department", "q")

    def __init__(self, index_page, params):
        self.base = ServiceGuidePage.objects.descendant_of(index_page).live().public()
        self.values = {f: (params.get(f) or "").strip()[:100] for f in self.FIELDS}

    @property
    def active(self):
        return any(self.values.values())

    def options(self):
        return {
            "themes": ServiceGuidePage.Theme.choices,
            "departments": sorted({d for d in self.base.values_list("implementing_body", flat=True) if d}),
        }

    def guides(self):
        qs = self.base
        v = self.values
        if v["audience"] == "individual":
            qs = qs.filter(for_individuals=True)
        elif v["audience"] == "business":
            qs = qs.filter(for_businesses=True)
        if v["theme"]:
            qs = qs.filter(theme=v["theme"])
        if v["department"]:
            qs = qs.filter(implementing_body=v["department"])
        if v["q"]:
            # A plain substring match: guide titles are short, and it works for any language.
            qs = qs.filter(title__icontains=v["q"]) | qs.filter(implementing_body__icontains=v["q"])
        return qs.order_by("implementing_body", "title")
