from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView

from hromada.communities.twofactor import admin_has_permission
from hromada.core import static_views
from hromada.core import views as core_views

# Django's admin too opens only with TOTP on.
admin.site.has_permission = admin_has_permission  # type: ignore[method-assign]

urlpatterns = [
    path("", core_views.home, name="home"),
    path("search/", core_views.search, name="search"),
    path("favicon.ico", static_views.favicon, name="favicon"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("allauth.urls")),
    path("me/", include("hromada.accounts.urls")),
    path("staff/", include("hromada.communities.urls")),
    path("staff/", include("hromada.budgeting.urls_staff")),
    path("pb/", include("hromada.budgeting.urls")),
    path("practices/", include("hromada.practices.urls")),
    path("api/", include("hromada.api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-docs"),
    path("admin/", admin.site.urls),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
