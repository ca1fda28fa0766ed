from django.urls import path

from hromada.certificates import views

app_name = "certificates"
urlpatterns = [
    path("", views.lookup, name="lookup"),
    path("<str:code>/", views.verify, name="verify"),
    path("<str:code>/pdf/", views.pdf, name="pdf"),
]
