from django.conf import settings
from django.urls import path

from hromada.accounts import views, views_eid, views_residence

app_name = "accounts"
urlpatterns = [
    path("", views.profile, name="profile"),
    path("verify/register/", views.verify_register, name="verify_register"),
    path("verify/eid/", views_eid.eid_start, name="eid_start"),
    path("verify/eid/callback/", views_eid.eid_callback, name="eid_callback"),
    path("verify/residence/", views_residence.declare_residence, name="declare_residence"),
    path("staff/<slug:community>/register/", views.register_upload, name="register_upload"),
    path(
        "staff/<slug:community>/register/<int:upload>/",
        views.register_confirm,
        name="register_confirm",
    ),
    path("staff/<slug:community>/verify/", views.verify_in_person, name="verify_in_person"),
    path(
        "staff/<slug:community>/residence/",
        views_residence.residence_queue,
        name="residence_queue",
    ),
    path(
        "staff/<slug:community>/residence/<int:claim>/",
        views_residence.residence_decide,
        name="residence_decide",
    ),
    path(
        "staff/<slug:community>/residence/<int:claim>/document/",
        views_residence.residence_document,
        name="residence_document",
    ),
]
# The simulator lets anyone claim any identity: outside development it is not even mounted.
if settings.EID_SIMULATOR:
    from hromada.accounts.eid import simulator

    urlpatterns.append(
        path(
            "verify/eid/simulator/authorize/",
            simulator.authorize,
            name="eid_simulator_authorize",
        )
    )
