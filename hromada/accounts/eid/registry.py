"""Which eID adapter this deployment uses: settings.EID_ADAPTER names it (empty: no eID)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

from hromada.accounts.eid.base import EidAdapter

# Short names for built-in adapters; a dotted path to any EidAdapter subclass also works.
ADAPTERS: dict[str, str] = {
    "simulator": "hromada.accounts.eid.simulator.SimulatorAdapter",
}
SIMULATOR_PATH = ADAPTERS["simulator"]


def adapter_class(name: str) -> type[EidAdapter]:
    path = ADAPTERS.get(name, name)
    try:
        cls = import_string(path)
    except ImportError as exc:
        raise ImproperlyConfigured(f"EID_ADAPTER {name!r} cannot be imported: {exc}") from exc
    if not (isinstance(cls, type) and issubclass(cls, EidAdapter)):
        raise ImproperlyConfigured(f"EID_ADAPTER {name!r} is not an EidAdapter subclass")
    return cls


def uses_simulator() -> bool:
    return ADAPTERS.get(settings.EID_ADAPTER, settings.EID_ADAPTER) == SIMULATOR_PATH


def eid_enabled() -> bool:
    """Whether to offer eID at all: an adapter is named, and the simulator only when allowed."""
    if not settings.EID_ADAPTER:
        return False
    return simulator_enabled() or not uses_simulator()


def get_adapter() -> EidAdapter | None:
    return adapter_class(settings.EID_ADAPTER)() if eid_enabled() else None


def simulator_enabled() -> bool:
    """The simulator's pages exist only in development or when EID_SIMULATOR=1 is explicit."""
    return bool(settings.EID_SIMULATOR) and uses_simulator()
