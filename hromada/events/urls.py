from django.urls import path

from hromada.events import views, views_checkin, views_registrant, views_staff

app_name = "events"
urlpatterns = [
    path("", views.event_list, name="list"),
    path("calendar.ics", views.feed, name="feed"),
    path("community/<slug:community>/calendar.ics", views.community_feed, name="community_feed"),
    path("new/<slug:community>/", views_staff.create, name="create"),
    path("new/network/<slug:network>/", views_staff.create_hub, name="create_hub"),
    path("r/<str:token>/", views_registrant.page, name="registration"),
    path("r/<str:token>/confirm/", views_registrant.confirm, name="confirm_email"),
    path("r/<str:token>/cancel/", views_registrant.cancel, name="cancel"),
    path("r/<str:token>/accept/", views_registrant.accept, name="accept"),
    path("r/<str:token>/edit/", views_registrant.edit, name="edit"),
    path("r/<str:token>/calendar.ics", views_registrant.ics, name="registration_ics"),
    path("r/<str:token>/qr.svg", views_registrant.qr, name="qr"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/calendar.ics", views.event_ics, name="event_ics"),
    path("<slug:slug>/register/", views.register, name="register"),
    path("<slug:slug>/manage/", views_staff.manage, name="manage"),
    path("<slug:slug>/questions/", views_staff.add_question, name="add_question"),
    path("<slug:slug>/questions/<int:pk>/", views_staff.edit_question, name="edit_question"),
    path("<slug:slug>/questions/<int:pk>/move/", views_staff.move_question, name="move_question"),
    path(
        "<slug:slug>/questions/<int:pk>/delete/",
        views_staff.remove_question,
        name="remove_question",
    ),
    path("<slug:slug>/sessions/", views_staff.add_session, name="add_session"),
    path("<slug:slug>/outputs/", views_staff.add_output, name="add_output"),
    path(
        "<slug:slug>/outputs/<int:pk>/forward/", views_staff.forward_output, name="forward_output"
    ),
    path("<slug:slug>/exhibitors/", views_staff.add_exhibitor, name="add_exhibitor"),
    path("<slug:slug>/materials/", views_staff.materials, name="materials"),
    path("<slug:slug>/email/", views_staff.email, name="email"),
    path("<slug:slug>/participants/", views_staff.participants, name="participants"),
    path("<slug:slug>/exports/", views_staff.export, name="export"),
    path("<slug:slug>/exports/<int:pk>/", views_staff.export_status, name="export_status"),
    path(
        "<slug:slug>/exports/<int:pk>/participants.xlsx",
        views_staff.export_file,
        name="export_file",
    ),
    path(
        "<slug:slug>/registrations/<int:pk>/<str:what>/",
        views_staff.registration_action,
        name="registration_action",
    ),
    path("<slug:slug>/certificates/", views_staff.certificates, name="certificates"),
    path("<slug:slug>/check-in/", views_checkin.check_in, name="check_in"),
    path("<slug:slug>/check-in/scan/", views_checkin.scan, name="scan"),
    path("<slug:slug>/check-in/walk-in/", views_checkin.walk_in, name="walk_in"),
    path("<slug:slug>/check-in/count/", views_checkin.count, name="count"),
    path(
        "<slug:slug>/check-in/session/", views_checkin.session_attendance, name="session_attendance"
    ),
]
