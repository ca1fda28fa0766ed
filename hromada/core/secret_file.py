"""A secret key kept in the data folder, for a production site started without SECRET_KEY.

Imported by settings, so it uses nothing from Django. Several processes (gunicorn workers, the
task worker) may start at once on a fresh machine: the key is written to a private temporary
file and linked into place, so exactly one key wins and nobody reads a half-written file.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path


def read_or_create_secret_key(path: Path) -> str:
    """The key stored at `path`; a new random one (file mode 0600) when there is none."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write(secrets.token_urlsafe(50) + "\n")
        try:
            os.link(temporary, path)  # fails if another process linked its key first
        except FileExistsError:
            pass
        finally:
            temporary.unlink()
    key = path.read_text().strip()
    if len(key) < 32:
        raise ValueError(f"{path} holds no usable secret key (fewer than 32 characters)")
    return key
