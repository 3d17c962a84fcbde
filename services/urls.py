from django.urls import path

from . import views

app_name = "services"

urlpatterns = [
    path("letters/", views.letter_list, name="letter_list"),
    path("letters/write/", views.write, {"kind": "letter"}, name="letter_write"),
    path("letters/sent/", views.sent, {"kind": "letter"}, name="letter_sent"),
    path("letters/lookup/", views.lookup, {"kind": "letter"}, name="letter_lookup"),
    path("letters/statistics/", views.statistics, name="letter_statistics"),
    path("letters/export.csv", views.letter_export, name="letter_export"),
    path("letters/<str:number>/", views.letter_detail, name="letter_detail"),
    path("disclosure/apply/", views.write, {"kind": "disclosure"}, name="disclosure_write"),
    path("disclosure/sent/", views.sent, {"kind": "disclosure"}, name="disclosure_sent"),
    path("disclosure/lookup/", views.lookup, {"kind": "disclosure"}, name="disclosure_lookup"),
]
