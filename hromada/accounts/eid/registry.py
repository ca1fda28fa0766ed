"""Which eID adapter this deployment uses: settings.EID_ADAPTER names it."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

from hromada.accounts.eid.base import EidAdapter

# Short names for built-in adapters; a dotted path to any EidAdapter subclass also works.
ADAPTERS: dict[str, str] = {
    "simulator": "hromada.accounts.eid.simulator.SimulatorAdapter",
}


def adapter_class(name: str) -> type[EidAdapter]:
    path = ADAPTERS.get(name, name)
    try:
        cls = import_string(path)
    except ImportError as exc:
        raise ImproperlyConfigured(f"EID_ADAPTER {name!r} cannot be imported: {exc}") from exc
    if not (isinstance(cls, type) and issubclass(cls, EidAdapter)):
        raise ImproperlyConfigured(f"EID_ADAPTER {name!r} is not an EidAdapter subclass")
    return cls


def get_adapter() -> EidAdapter:
    return adapter_class(settings.EID_ADAPTER)()


def simulator_enabled() -> bool:
    return settings.EID_ADAPTER == "simulator"
