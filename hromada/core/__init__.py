"""Shared Django pieces: the audit log, keyed identifier hashes, language and page helpers."""
