"""Mappings and de-identification profiles an API request may name: by name, never by path.

A request may only use a shipped format or profile, or one a site administrator registered
in the home (``mappings/NAME.yaml``, ``deid-profiles/NAME.yaml``). The file is checked when
the request arrives (404 for an unknown name), so a requester can neither read arbitrary
host files through the validator's messages nor learn whether they exist.
"""

from __future__ import annotations

from pathlib import Path

from auditor.config import Settings
from auditor.errors import InputError, NotFoundError

NAME_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$"
FORMAT_PATTERN = r"^(auto|csv|epic|fhir|atna|mapping:[A-Za-z0-9][A-Za-z0-9_-]{0,63})$"
MAPPINGS_DIR = "mappings"
PROFILES_DIR = "deid-profiles"


def _registered(folder: Path, name: str, field: str, what: str) -> Path:
    for suffix in (".yaml", ".yml"):
        path = folder / f"{name}{suffix}"
        if path.is_file() and not path.is_symlink():
            return path
    raise NotFoundError(f"no {what} named {name!r} is registered (see {folder.name}/)", field=field)


def access_format(settings: Settings, fmt: str) -> str:
    """The format to store with the request: a parser name or ``mapping:<registered file>``."""
    from auditor.scanners.access_logs import PARSERS

    if fmt == "auto" or fmt in PARSERS:
        return fmt
    name = fmt.removeprefix("mapping:")
    if name == fmt:
        raise InputError("unknown format", field="format")
    return f"mapping:{_registered(settings.home / MAPPINGS_DIR, name, 'format', 'mapping')}"


def deid_profile(settings: Settings, name: str) -> str:
    """A shipped profile name as is; a registered one as the path of its file."""
    from auditor.deid.profiles import ALIASES, BUILTIN

    if name in BUILTIN or name in ALIASES:
        return name
    return str(_registered(settings.home / PROFILES_DIR, name, "profile", "profile"))
