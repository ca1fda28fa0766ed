from django.urls import include, path
from rest_framework.routers import DefaultRouter

from hromada.api import views

router = DefaultRouter()
router.register("processes", views.ProcessViewSet, basename="process")
router.register("projects", views.ProjectViewSet, basename="project")

urlpatterns = [path("", include(router.urls))]
