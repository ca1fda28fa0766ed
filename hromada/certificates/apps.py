from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    """Certificates of attendance or completion: a verification code, a PDF with embedded
    Cyrillic fonts and a public page confirming that a certificate is genuine. It knows nothing
    of what a certificate is for: events (and later the academy) call `actions.issue`."""

    name = "hromada.certificates"
    verbose_name = _("Сертифікати")
