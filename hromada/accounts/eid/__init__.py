"""Adapters to the state identification gateway (id.gov.ua: BankID, Diia.Підпис, ...).

Each adapter is one module here; `registry.get_adapter()` picks the one named in settings.
See README.md for how to add one.
"""
