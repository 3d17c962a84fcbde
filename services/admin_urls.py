from django.urls import path

from . import admin_views

app_name = "services_admin"

urlpatterns = []
for kind in admin_views.MODELS:
    urlpatterns += [
        path(f"{kind}/", admin_views.inbox, {"kind": kind}, name=f"{kind}_inbox"),
        path(f"{kind}/<int:pk>/", admin_views.handle, {"kind": kind}, name=f"{kind}_handle"),
    ]
