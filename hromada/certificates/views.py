"""The public pages of a certificate: verification by code (typed or from the QR) and its PDF."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from hromada.certificates.actions import normalise_code
from hromada.certificates.models import Certificate


def lookup(request: HttpRequest) -> HttpResponse:
    typed = request.GET.get("code", "")[:60].replace("\x00", "")
    if typed.strip():
        return redirect("certificates:verify", code=normalise_code(typed))
    return render(request, "certificates/lookup.html", {})


def verify(request: HttpRequest, code: str) -> HttpResponse:
    certificate = Certificate.objects.filter(code=normalise_code(code)).first()
    status = 200 if certificate is not None else 404
    return render(
        request,
        "certificates/verify.html",
        {"certificate": certificate, "code": code.replace("\x00", "")[:20]},
        status=status,
    )


def pdf(request: HttpRequest, code: str) -> HttpResponse:
    certificate = (
        Certificate.objects.select_related("pdf").filter(code=normalise_code(code)).first()
    )
    if certificate is None or not certificate.is_valid:
        raise Http404
    rendered = getattr(certificate, "pdf", None)
    if rendered is None:
        response = render(request, "certificates/pending.html", {"certificate": certificate})
        response.status_code = 503
        response["Retry-After"] = "30"
        return response
    response = HttpResponse(bytes(rendered.content), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="certificate-{certificate.code}.pdf"'
    return response
