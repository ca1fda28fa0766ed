"""Where files that must not be public live: a folder no web server serves, read by views
that check permission first."""

from __future__ import annotations

import os
import secrets

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils._os import safe_join


class PrivateStorage(FileSystemStorage):
    """Files no web server serves: they are read through a view that checks permission.

    Files of the first attachments (names under "practices/", before this storage) stay where
    they were, under MEDIA_ROOT, and are read from there.
    """

    LEGACY_PREFIX = "practices/"

    @property
    def base_location(self) -> str:
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    def path(self, name: str) -> str:
        if name.startswith(self.LEGACY_PREFIX):
            return safe_join(os.path.abspath(settings.MEDIA_ROOT), name)
        return super().path(name)


private_storage = PrivateStorage()


def get_private_storage() -> PrivateStorage:
    return private_storage


def new_file_token() -> str:
    """The unguessable part of a private file's address (32 URL-safe characters)."""
    return secrets.token_urlsafe(24)
