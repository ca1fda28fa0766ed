from django.urls import path

from hromada.communities import views

app_name = "staff"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
]
