from django.urls import path

from hromada.communities import views

app_name = "staff"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("<slug:community>/processes/new/", views.process_create, name="process_create"),
]
