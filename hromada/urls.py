from csp.decorators import csp_update
from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView

from hromada.accounts.views import admin_login
from hromada.communities.twofactor import admin_has_permission
from hromada.core import static_views
from hromada.core import views as core_views
from hromada.core.health import healthz

# Django's admin too opens only with TOTP on.
admin.site.has_permission = admin_has_permission  # type: ignore[method-assign]

# Redoc styles itself with <style> elements and searches in a blob: worker: on its page only.
api_docs = csp_update({"style-src": ["'unsafe-inline'"], "worker-src": ["blob:"]})(
    SpectacularRedocView.as_view(url_name="api-schema", template_name="api/redoc.html")
)

urlpatterns = [
    path("", core_views.home, name="home"),
    path("search/", core_views.search, name="search"),
    path("favicon.ico", static_views.favicon, name="favicon"),
    path("healthz", healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("allauth.urls")),
    path("me/", include("hromada.accounts.urls")),
    path("staff/", include("hromada.communities.urls")),
    path("staff/", include("hromada.budgeting.urls_staff")),
    path("pb/", include("hromada.budgeting.urls")),
    path("practices/", include("hromada.practices.urls")),
    path("network/", include("hromada.network.urls")),
    path("events/", include("hromada.events.urls")),
    path("certificates/", include("hromada.certificates.urls")),
    path("academy/", include("hromada.academy.urls")),
    path("api/", include("hromada.api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", api_docs, name="api-docs"),
]
# The admin signs in through the site's own login, so two-factor and rate limits apply to it
# too; in production it is mounted only when ADMIN_ENABLED=1.
if settings.ADMIN_ENABLED:
    urlpatterns += [
        path("admin/login/", admin_login, name="admin_login_redirect"),
        path("admin/", admin.site.urls),
    ]
if settings.SERVE_MEDIA:
    media = settings.MEDIA_URL.strip("/")
    urlpatterns += [
        re_path(rf"^{media}/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})
    ]
