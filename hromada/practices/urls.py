from django.urls import path

from hromada.practices import views

app_name = "practices"
urlpatterns = [
    path("", views.search_page, name="search"),
    path("suggest/", views.suggest, name="suggest"),
    path("export.<str:fmt>", views.export, name="export"),
    path("new/", views.propose, name="propose"),
    path("mine/", views.mine, name="mine"),
    path("moderation/", views.moderation_queue, name="moderation"),
    path("<int:pk>/", views.detail, name="detail_short"),
    path("<int:pk>-<str:slug>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/submit/", views.submit, name="submit"),
    path("<int:pk>/moderate/", views.moderate, name="moderate"),
    path("<int:pk>/attachments/", views.attach, name="attach"),
    path("<int:pk>/files/<slug:token>/", views.attachment_file, name="attachment"),
    path(
        "<int:pk>/files/<slug:token>/<int:width>/",
        views.attachment_file,
        name="attachment_variant",
    ),
]
