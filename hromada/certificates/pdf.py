"""The certificate as a one-page A4 PDF with DejaVu Sans embedded (Cyrillic on any reader) and a
QR code of its public verification address."""

from __future__ import annotations

import io
from pathlib import Path

import segno
from django.conf import settings
from django.utils import formats, translation
from fpdf import FPDF

from hromada.certificates.models import Certificate

FONTS = Path(__file__).resolve().parent / "fonts"


def verification_address(certificate: Certificate) -> str:
    return settings.SITE_URL.rstrip("/") + certificate.get_absolute_url()


def render_pdf(certificate: Certificate) -> bytes:
    # A certificate is a Ukrainian document: its fixed words stay Ukrainian whatever the page.
    with translation.override("uk"):
        return _render(certificate)


def _render(certificate: Certificate) -> bytes:
    pdf = FPDF(orientation="landscape", format="A4")
    pdf.set_auto_page_break(auto=False)
    pdf.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.set_title(f"Сертифікат {certificate.code}")
    pdf.set_creator("Громада")
    pdf.add_page()
    pdf.set_draw_color(26, 86, 160)
    pdf.set_line_width(1.2)
    pdf.rect(10, 10, 277, 190)
    pdf.set_y(32)
    pdf.set_font("DejaVu", "B", 30)
    pdf.cell(0, 14, "СЕРТИФІКАТ", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 14)
    pdf.cell(0, 10, "засвідчує, що", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("DejaVu", "B", 24)
    pdf.multi_cell(0, 12, certificate.holder_name, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("DejaVu", "", 15)
    pdf.multi_cell(0, 8, certificate.title, align="C", new_x="LMARGIN", new_y="NEXT")
    if certificate.details:
        pdf.ln(2)
        pdf.set_font("DejaVu", "", 11)
        pdf.multi_cell(0, 6, certificate.details, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(150)
    pdf.set_x(24)
    pdf.set_font("DejaVu", "", 12)
    issued = formats.date_format(certificate.issued_on, "DATE_FORMAT")
    pdf.multi_cell(170, 7, f"{certificate.issuer_name}\n{issued}")
    pdf.set_xy(24, 176)
    pdf.set_font("DejaVu", "", 10)
    address = verification_address(certificate)
    pdf.multi_cell(190, 5, f"Код перевірки: {certificate.code}\nПеревірити: {address}")
    qr = io.BytesIO()
    segno.make(address, error="m").save(qr, kind="png", scale=6, border=2)
    qr.seek(0)
    pdf.image(qr, x=238, y=150, w=38, h=38)
    return bytes(pdf.output())
