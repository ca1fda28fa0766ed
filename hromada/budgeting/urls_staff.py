"""Budgeting pages under the staff area (/staff/...), beside the communities' dashboard."""

from django.urls import path

from hromada.budgeting import views_paper, views_staff

app_name = "pb_staff"
urlpatterns = [
    path("<slug:community>/processes/new/", views_staff.process_create, name="process_create"),
    path("<slug:community>/service-points/", views_paper.service_points, name="service_points"),
]
