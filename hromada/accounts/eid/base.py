"""The contract every eID adapter fulfils: an OpenID Connect style authorization-code flow.

The platform redirects the person to `authorization_url(state, redirect_uri)`; the gateway sends
them back to `redirect_uri` with `code` and the same `state`; the platform checks the state
itself (see views_eid) and calls `exchange(code, redirect_uri)` for the person's claims.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from datetime import date

from django.utils.functional import Promise


class EidError(Exception):
    """The gateway refused or the answer could not be trusted; the message is translated."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class EidClaims:
    """What the gateway vouches for. `identifier` is the РНОКПП (or a document number when a
    person has none); it is hashed before it touches the database."""

    identifier: str
    full_name: str
    provider: str  # who identified the person: "bankid", "diia", "simulator", ...
    birth_date: date | None = None
    birth_year: int | None = None

    @property
    def year_of_birth(self) -> int | None:
        if self.birth_year is not None:
            return self.birth_year
        return self.birth_date.year if self.birth_date is not None else None


class EidAdapter(ABC):
    #: The key in settings.EID_ADAPTER and the value stored on Verification.provider by default.
    name: str = ""
    #: Shown on the button, e.g. "BankID / Дія.Підпис".
    label: str | Promise = ""

    @abstractmethod
    def authorization_url(self, state: str, redirect_uri: str) -> str:
        """Where to send the person to identify themselves."""

    @abstractmethod
    def exchange(self, code: str, redirect_uri: str) -> EidClaims:
        """Trade a one-time code for the person's claims; raise EidError if it is not valid."""
