from django.urls import path

from hromada.accounts import views, views_eid
from hromada.accounts.eid import simulator

app_name = "accounts"
urlpatterns = [
    path("", views.profile, name="profile"),
    path("verify/register/", views.verify_register, name="verify_register"),
    path("verify/eid/", views_eid.eid_start, name="eid_start"),
    path("verify/eid/callback/", views_eid.eid_callback, name="eid_callback"),
    path(
        "verify/eid/simulator/authorize/",
        simulator.authorize,
        name="eid_simulator_authorize",
    ),
    path("staff/<slug:community>/register/", views.register_upload, name="register_upload"),
    path(
        "staff/<slug:community>/register/<int:upload>/",
        views.register_confirm,
        name="register_confirm",
    ),
    path("staff/<slug:community>/verify/", views.verify_in_person, name="verify_in_person"),
]
