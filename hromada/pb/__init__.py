"""Hromada's participatory-budgeting engine (placeholder docstring, expanded below)."""

from hromada.pb.compute import compute, compute_by_category
from hromada.pb.model import Election, Number, Outcome, Project, TieBreaking
from hromada.pb.pabulib import (
    PabulibError,
    format_pabulib,
    parse_pabulib,
    read_pabulib,
    write_pabulib,
)

__all__ = [
    "Election",
    "Number",
    "Outcome",
    "PabulibError",
    "Project",
    "TieBreaking",
    "compute",
    "compute_by_category",
    "format_pabulib",
    "parse_pabulib",
    "read_pabulib",
    "write_pabulib",
]
