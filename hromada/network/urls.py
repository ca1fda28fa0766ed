from django.urls import path

from hromada.network import views, views_calls, views_contests, views_maturity

app_name = "network"
urlpatterns = [
    path("", views.network_list, name="list"),
    path("documents/<str:token>/", views.document_file, name="document"),
    path("contests/<slug:slug>/", views_contests.contest_detail, name="contest"),
    path("contests/<slug:slug>/jury/", views_contests.jury, name="jury"),
    path("contests/<slug:slug>/ranking/", views_contests.ranking, name="ranking"),
    path("contests/<slug:slug>/announce/", views_contests.announce, name="announce"),
    path(
        "contests/<slug:slug>/applications/<str:code>/",
        views_contests.application_review,
        name="review",
    ),
    path(
        "contests/<slug:slug>/apply/<slug:community>/",
        views_contests.application_edit,
        name="application",
    ),
    path(
        "contests/<slug:slug>/apply/<slug:community>/documents/",
        views_contests.application_document,
        name="application_document",
    ),
    path(
        "contests/<slug:slug>/apply/<slug:community>/withdraw/",
        views_contests.application_withdraw,
        name="application_withdraw",
    ),
    path("maturity/<int:pk>/", views_maturity.assessment_detail, name="assessment"),
    path("<slug:slug>/", views.network_detail, name="detail"),
    path("<slug:slug>/maturity/", views_maturity.framework, name="maturity"),
    path(
        "<slug:slug>/maturity/<slug:community>/",
        views_maturity.community_assessments,
        name="maturity_community",
    ),
    path("<slug:slug>/members/", views.members, name="members"),
    path("<slug:slug>/join/", views.join, name="join"),
    path("<slug:slug>/join-requests/", views.join_requests, name="join_requests"),
    path("<slug:slug>/join-requests/<int:pk>/", views.join_request_detail, name="join_request"),
]
# The staff's editors of calls and of the maturity framework (network/views_calls.py).
urlpatterns += [
    path("contests/<slug:slug>/edit/", views_calls.call_edit, name="call_edit"),
    path("<slug:slug>/calls/new/", views_calls.call_new, name="call_new"),
    path("<slug:slug>/framework/", views_calls.framework_edit, name="framework"),
    path("<slug:slug>/framework/<int:pk>/", views_calls.framework_edit, name="indicator"),
]

from hromada.network import urls_services  # noqa: E402  (the hub's services)

urlpatterns += urls_services.urlpatterns
