from django.urls import include, path
from rest_framework.routers import DefaultRouter

from hromada.api import views
from hromada.api.practices import PracticeViewSet

router = DefaultRouter()
router.register("processes", views.ProcessViewSet, basename="process")
router.register("projects", views.ProjectViewSet, basename="project")
router.register("practices", PracticeViewSet, basename="practice")

urlpatterns = [path("", include(router.urls))]
