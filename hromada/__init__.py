"""Hromada: an e-participation platform for Ukrainian territorial communities."""
