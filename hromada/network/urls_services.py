"""Addresses of the hub's services (appended to network/urls.py)."""

from django.urls import path

from hromada.network import views_services

urlpatterns = [
    path("cases/documents/<str:token>/", views_services.case_document, name="case_document"),
    path("cases/<int:pk>/", views_services.case_detail, name="case"),
    path("cases/<int:pk>/<slug:step>/", views_services.case_step, name="case_step"),
    path("<slug:slug>/services/", views_services.catalogue, name="services"),
    path("<slug:slug>/services/new/", views_services.service_edit, name="service_new"),
    path("<slug:slug>/services/<int:pk>/edit/", views_services.service_edit, name="service_edit"),
    path(
        "<slug:slug>/services/<int:pk>/request/",
        views_services.service_request,
        name="service_request",
    ),
    path("<slug:slug>/cases/", views_services.cases, name="cases"),
    path(
        "<slug:slug>/working-group/<slug:community>/",
        views_services.working_group,
        name="working_group",
    ),
]
