from django.urls import path

from hromada.communities import twofactor, views, views_admin, views_people

app_name = "staff"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("totp/", twofactor.totp_required, name="totp_required"),
    path("invitations/<str:token>/", views_people.invitation, name="invitation"),
    path("communities/", views_admin.community_list, name="communities"),
    path("communities/new/", views_admin.community_create, name="community_create"),
    path("communities/<slug:community>/", views_admin.community_edit, name="community_edit"),
    path(
        "communities/<slug:community>/settlements/<int:pk>/",
        views_admin.settlement_update,
        name="settlement_update",
    ),
    path("platform-roles/", views_admin.platform_roles, name="platform_roles"),
    path(
        "platform-roles/<int:pk>/remove/",
        views_admin.platform_role_remove,
        name="platform_role_remove",
    ),
    path("<slug:community>/people/", views_people.people, name="people"),
    path("<slug:community>/people/<int:pk>/remove/", views_people.role_remove, name="role_remove"),
]
